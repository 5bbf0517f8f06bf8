"""Les clés de réponse : une seule source, un fichier JSON par chapitre dans
``exercises/cles/`` (``<chapitre>.json``, le nom du fichier est celui du chapitre), à côté
des sources des carnets ; lues ici et validées au chargement.

Le fichier sert au correcteur Python (:mod:`transfonum.exercices.correction`) et servira à
l'auto-évaluation dans le navigateur (via :func:`exporter_cles`, qui remplace chaque
référence aux données par sa valeur). Un chiffre n'y est jamais retapé : la réponse
attendue peut être une *référence* à ``data/``, résolue par
:func:`transfonum.donnees.charger_table` :

- une cellule : ``{"table": "chiffres", "id": "c-…", "field": "valeur_originale"}``
  (colonne clé ``id`` par défaut, ou ``"key"``) ;
- un comptage : ``{"table": "chiffres", "count": {"statut": "non_verifie"}}`` ;
- une correspondance : ``{"table": "tendances_sbf2014", "key": "id", "field": "sens"}``
  (pour les réponses de classement, les choix et les éléments à classer).

Toute erreur d'écriture (champ manquant, type inconnu, référence à une ligne absente)
lève :class:`ErreurCles` au chargement, avec l'exercice et le champ en cause.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from transfonum import chemins
from transfonum.donnees import charger_table

#: Le dossier des clés de réponse : un fichier ``<chapitre>.json`` par chapitre.
DOSSIER_CLES: Path = chemins.RACINE / chemins.CLES
#: Son schéma JSON (vérifié par les tests).
SCHEMA_CLES: Path = Path(__file__).resolve().parent / "cles.schema.json"
#: Types d'exercice connus.
TYPES = ("numeric", "choice", "classification")
#: Unités connues des exercices numériques.
UNITS = ("pourcent", "nombre")


class ErreurCles(ValueError):
    """Erreur d'écriture dans le fichier des clés (faute d'auteur, pas d'élève)."""


@dataclass(frozen=True)
class Cle:
    """Un exercice prêt à corriger : références aux données résolues.

    Les attributs portent les noms des champs du fichier de clés (``statement``,
    ``expected``, ``traps``…), format partagé avec le script des auto-évaluations et
    décrit par ``cles.schema.json``.
    """

    id: str
    type: str
    statement: str
    right: str
    wrong: str
    expected: Any
    chapter: str = ""
    unit: str = "nombre"
    tolerance: float = 0.0
    accept_fraction: bool = False
    traps: tuple[tuple[float, str], ...] = ()
    choices: dict[str, str] = field(default_factory=dict)
    choice_feedback: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)


class _Lecteur:
    """Lit les champs d'un exercice et nomme l'exercice et le champ en cas d'erreur."""

    def __init__(self, source: str, ex_id: str, raw: dict[str, Any], data_dir: Path | None):
        self.source, self.ex_id, self.raw, self.data_dir = source, ex_id, raw, data_dir

    def fail(self, name: str, reason: str) -> ErreurCles:
        return ErreurCles(f"{self.source} : exercice « {self.ex_id} », champ « {name} » : {reason}")

    def get(self, name: str, kinds: type | tuple[type, ...], default: Any = ...) -> Any:
        if name not in self.raw:
            if default is ...:
                raise self.fail(name, "champ obligatoire manquant")
            return default
        value = self.raw[name]
        if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
            raise self.fail(name, f"type incorrect ({type(value).__name__})")
        if not isinstance(value, kinds):
            raise self.fail(name, f"type incorrect ({type(value).__name__})")
        if isinstance(value, str) and not value.strip():
            raise self.fail(name, "texte vide")
        return value

    def only(self, name: str, ref: dict[str, Any], allowed: set[str]) -> None:
        extra = sorted(set(ref) - allowed)
        if extra:
            raise self.fail(name, f"clé(s) inattendue(s) dans la référence : {', '.join(extra)}")

    # --- références aux données -------------------------------------------------
    def table(self, name: str, ref: dict[str, Any]):
        table = ref.get("table")
        if not isinstance(table, str):
            raise self.fail(f"{name}.table", "nom de table manquant")
        try:
            return charger_table(table, self.data_dir)
        except LookupError as err:
            raise self.fail(f"{name}.table", str(err)) from None

    def column(self, name: str, frame, column: Any, what: str):
        if not isinstance(column, str) or column not in frame.columns:
            raise self.fail(f"{name}.{what}", f"colonne « {column} » absente de la table « {frame.attrs.get('title')} »")
        return frame[column]

    def number_ref(self, name: str, value: Any) -> float:
        """Nombre littéral ou référence (cellule ou comptage)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise self.fail(name, "nombre non fini")
            return float(value)
        if not isinstance(value, dict):
            raise self.fail(name, "ni un nombre ni une référence aux données")
        self.only(name, value, {"table", "count"} if "count" in value else {"table", "id", "field", "key"})
        frame = self.table(name, value)
        if "count" in value:
            where = value["count"]
            if not isinstance(where, dict):
                raise self.fail(f"{name}.count", "objet de conditions attendu ({} : toutes les lignes)")
            mask = frame.index.notna()
            for col, wanted in where.items():
                cond = self.column(name, frame, col, "count") == wanted
                mask = mask & cond.fillna(False).to_numpy(dtype=bool)
            return float(mask.sum())
        cell = self.cell(name, frame, value)
        try:
            number = float(cell)
        except (TypeError, ValueError):
            raise self.fail(f"{name}.field", f"la valeur « {cell} » n'est pas un nombre") from None
        if not math.isfinite(number):
            raise self.fail(f"{name}.field", "valeur manquante dans les données")
        return number

    def cell(self, name: str, frame, ref: dict[str, Any]) -> Any:
        key = ref.get("key", "id")
        keys = self.column(name, frame, key, "key")
        row_id = ref.get("id")
        rows = frame[keys == row_id]
        if len(rows) != 1:
            raise self.fail(f"{name}.id", f"ligne « {row_id} » absente de la table « {ref.get('table')} »")
        value = rows.iloc[0][self.column(name, frame, ref.get("field"), "field").name]
        if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "nan", ""):
            raise self.fail(f"{name}.field", f"valeur manquante pour « {row_id} » dans la table « {ref.get('table')} »")
        return value

    def mapping(self, name: str, value: Any) -> dict[str, str]:
        """Correspondance identifiant → texte : liste ``[{"id", "label"}]``, objet, ou référence."""
        if isinstance(value, list):
            out: dict[str, str] = {}
            for i, entry in enumerate(value):
                if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("label"), str)):
                    raise self.fail(f"{name}[{i}]", "chaque entrée doit avoir « id » et « label » (textes)")
                if entry["id"] in out:
                    raise self.fail(f"{name}[{i}].id", f"identifiant « {entry['id']} » en double")
                out[entry["id"]] = entry["label"]
            if not out:
                raise self.fail(name, "liste vide")
            return out
        if isinstance(value, dict) and "table" in value:
            self.only(name, value, {"table", "key", "field"})
            frame = self.table(name, value)
            keys = self.column(name, frame, value.get("key"), "key")
            vals = self.column(name, frame, value.get("field"), "field")
            if keys.isna().any() or vals.isna().any():
                raise self.fail(f"{name}.field", "valeur manquante dans les données")
            return {str(k): str(v) for k, v in zip(keys, vals)}
        if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return dict(value)
        raise self.fail(name, "ni une liste d'options, ni une correspondance, ni une référence aux données")


def _cle_exercice(source: str, raw: Any, index: int, data_dir: Path | None, chapter: str) -> Cle:
    if not isinstance(raw, dict):
        raise ErreurCles(f"{source} : exercice n° {index + 1} : un objet JSON est attendu")
    ex_id = raw.get("id")
    if not isinstance(ex_id, str) or not ex_id.strip():
        raise ErreurCles(f"{source} : exercice n° {index + 1}, champ « id » : identifiant manquant")
    r = _Lecteur(source, ex_id, raw, data_dir)
    kind = r.get("type", str)
    if kind not in TYPES:
        raise r.fail("type", f"type inconnu « {kind} » (types connus : {', '.join(TYPES)})")
    feedback = r.get("feedback", dict)
    for part in ("right", "wrong"):
        if not isinstance(feedback.get(part), str) or not feedback[part].strip():
            raise r.fail(f"feedback.{part}", "texte manquant")
    common = dict(
        id=ex_id, type=kind, statement=r.get("statement", str), chapter=r.get("chapter", str, chapter),
        right=feedback["right"], wrong=feedback["wrong"],
    )
    if kind == "numeric":
        unit = r.get("unit", str)
        if unit not in UNITS:
            raise r.fail("unit", f"unité inconnue « {unit} » (unités connues : {', '.join(UNITS)})")
        tolerance = r.get("tolerance", (int, float))
        if not math.isfinite(tolerance) or tolerance < 0:
            raise r.fail("tolerance", "doit être un nombre positif ou nul")
        traps = []
        for i, trap in enumerate(r.get("traps", list, [])):
            if not isinstance(trap, dict) or not isinstance(trap.get("message"), str) or "value" not in trap:
                raise r.fail(f"traps[{i}]", "« value » et « message » attendus")
            traps.append((r.number_ref(f"traps[{i}].value", trap["value"]), trap["message"]))
        return Cle(
            **common, expected=r.number_ref("expected", r.get("expected", (int, float, dict))),
            unit=unit, tolerance=float(tolerance),
            accept_fraction=r.get("accept_fraction", bool, False), traps=tuple(traps),
        )
    if kind == "choice":
        choices = r.mapping("choices", r.get("choices", (list, dict)))
        expected = r.get("expected", str)
        if expected not in choices:
            raise r.fail("expected", f"« {expected} » n'est pas l'un des choix ({', '.join(choices)})")
        per_choice = r.get("choice_feedback", dict, {})
        for cid, text in per_choice.items():
            if cid not in choices or not isinstance(text, str):
                raise r.fail(f"choice_feedback.{cid}", "choix inconnu ou texte manquant")
        return Cle(**common, expected=expected, choices=choices, choice_feedback=dict(per_choice))
    items = r.mapping("items", r.get("items", (list, dict)))
    categories = r.mapping("categories", r.get("categories", (list, dict)))
    expected = r.mapping("expected", r.get("expected", dict))
    if set(expected) != set(items):
        raise r.fail("expected", "doit classer exactement les éléments de « items »")
    wrong_cats = sorted({c for c in expected.values() if c not in categories})
    if wrong_cats:
        raise r.fail("expected", f"catégorie(s) inconnue(s) : {', '.join(wrong_cats)}")
    return Cle(**common, expected=expected, items=items, categories=categories)


def _charger_fichier(path: Path, data_dir: Path | None) -> list[Cle]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ErreurCles(f"{path.name} : fichier illisible ({err})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("exercises"), list):
        raise ErreurCles(f"{path.name} : champ « exercises » (liste) manquant")
    return [_cle_exercice(path.name, entry, i, data_dir, path.stem) for i, entry in enumerate(raw["exercises"])]


def charger_cles(path: Path | None = None, data_dir: Path | None = None) -> dict[str, Cle]:
    """Charge et valide les clés ; résout chaque référence aux données.

    :param path: un dossier de fichiers ``<chapitre>.json`` ou un seul fichier (tests) ;
        par défaut :data:`DOSSIER_CLES`. Le chapitre d'un exercice est le nom de son fichier.
    :param data_dir: autre dossier de données (tests).
    :raises ErreurCles: au premier défaut, en nommant le fichier, l'exercice et le champ.
    """
    path = Path(path or DOSSIER_CLES)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise ErreurCles(f"{path} : aucun fichier de clés (*.json)")
    out: dict[str, Cle] = {}
    for file in files:
        for ex in _charger_fichier(file, data_dir):
            if ex.id in out:
                raise ErreurCles(
                    f"{file.name} : exercice « {ex.id} », champ « id » : identifiant déjà "
                    f"utilisé (chapitre « {out[ex.id].chapter} »)")
            out[ex.id] = ex
    return out


@lru_cache(maxsize=1)
def cles_du_kit() -> dict[str, Cle]:
    """Les clés du kit (:data:`DOSSIER_CLES`), chargées une fois par processus."""
    return charger_cles()


def exporter_cles(keys: dict[str, Cle] | None = None) -> dict[str, Any]:
    """Les clés résolues, sérialisables en JSON, pour l'auto-évaluation dans le navigateur."""
    keys = keys if keys is not None else cles_du_kit()
    exported = []
    for ex in keys.values():
        entry: dict[str, Any] = {
            "id": ex.id, "type": ex.type, "chapter": ex.chapter, "statement": ex.statement,
            "expected": ex.expected, "feedback": {"right": ex.right, "wrong": ex.wrong},
        }
        if ex.type == "numeric":
            entry.update(unit=ex.unit, tolerance=ex.tolerance, accept_fraction=ex.accept_fraction,
                         traps=[{"value": v, "message": m} for v, m in ex.traps])
        elif ex.type == "choice":
            entry.update(choices=[{"id": k, "label": v} for k, v in ex.choices.items()],
                         choice_feedback=ex.choice_feedback)
        else:
            entry.update(items=[{"id": k, "label": v} for k, v in ex.items.items()],
                         categories=[{"id": k, "label": v} for k, v in ex.categories.items()])
        exported.append(entry)
    return {"version": 1, "exercises": exported}

"""Valider le paquet de données ``data/`` avant toute construction du livre.

Deux passes :

1. **Frictionless** valide le paquet selon ``data/datapackage.json`` : types,
   contraintes (obligatoire, minimum, maximum, liste de valeurs, format), unicité et
   clés primaires, clés étrangères entre tables.
2. **Des règles propres au kit**, que le schéma ne sait pas exprimer : un pourcentage
   ne dépasse pas 100, un chiffre « confirmé » ou « divergent » cite son étude, un
   chiffre « divergent » dit ce que dit l'original, une période ne finit pas avant de
   commencer, un commentaire ne précède pas son message, et les textes respectent la
   typographie française (espaces insécables avant « : ; ! ? % » et dans « »).

Chaque problème tient sur une ligne qui nomme le fichier, la ligne du fichier (l'en-tête
est la ligne 1), le champ et la raison, par exemple ::

    data/chiffres.csv, ligne 12, champ « valeur » : 140 dépasse le maximum 100

Usage : ``python -m transfonum.donnees.validation [DOSSIER]`` ; code de sortie 1 s'il y a des
problèmes, 0 sinon (avec une ligne de résumé).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from transfonum.donnees import DOSSIER_DONNEES
from transfonum.fr import INSECABLE, guillemets, signe_mal_espace


_TYPES_FR = {
    "string": "texte", "number": "nombre", "integer": "entier", "boolean": "booléen",
    "date": "date AAAA-MM-JJ", "datetime": "date et heure", "year": "année",
}


@dataclass(frozen=True)
class Probleme:
    """Un problème dans les données : fichier, ligne (1 = en-tête), champ, raison."""

    fichier: str
    ligne: int | None
    champ: str | None
    raison: str

    def __str__(self) -> str:
        parties = [self.fichier]
        if self.ligne is not None:
            parties.append(f"ligne {self.ligne}")
        if self.champ:
            parties.append(f"champ {guillemets(self.champ)}")
        return f"{', '.join(parties)}{INSECABLE}: {self.raison}"


def _raison_contrainte(cell: Any, note: str) -> str:
    match = re.match(r'constraint "(\w+)" is "(.*)"$', note)
    if not match:
        return f"contrainte non respectée ({note})"
    name, limit = match.groups()
    if name == "required":
        return "valeur obligatoire manquante"
    if name == "minimum":
        return f"{cell} est inférieur au minimum {limit}"
    if name == "maximum":
        return f"{cell} dépasse le maximum {limit}"
    if name == "enum":
        allowed = ", ".join(re.findall(r"'([^']*)'", limit))
        return f"{guillemets(cell)} n'est pas une valeur permise (valeurs permises{INSECABLE}: {allowed})"
    if name == "pattern":
        return f"{guillemets(cell)} ne respecte pas le format attendu ({limit})"
    if name == "unique":
        return f"{guillemets(cell)} figure déjà plus haut (valeur en double)"
    return f"{guillemets(cell)} ne respecte pas la contrainte {name} = {limit}"


def _problemes_frictionless(data_dir: Path, shown: str) -> Iterator[Probleme]:
    from frictionless import Package  # import tardif : le chargement est lent

    try:
        package = Package(str(data_dir / "datapackage.json"))
        report = package.validate()
    except Exception as exc:  # descripteur illisible ou invalide
        yield Probleme(f"{shown}/datapackage.json", None, None, f"descripteur invalide ({exc})")
        return
    for error in report.errors:
        yield Probleme(f"{shown}/datapackage.json", None, None, error.message)
    for task in report.tasks:
        file = f"{shown}/{task.place}"
        unique_rows = {
            e.row_number for e in task.errors if e.type == "unique-error"
        }
        for e in task.errors:
            row = getattr(e, "row_number", None)
            field = getattr(e, "field_name", None)
            cell = getattr(e, "cell", None)
            if e.type == "type-error":
                kind = e.note.split('"')[1].split("/")[0] if '"' in e.note else "?"
                reason = f"{guillemets(cell)} n'est pas du type attendu ({_TYPES_FR.get(kind, kind)})"
            elif e.type == "constraint-error":
                reason = _raison_contrainte(cell, e.note)
            elif e.type == "unique-error":
                first = re.search(r"position (\d+)", e.note)
                where = f" (déjà en ligne {first.group(1)})" if first else ""
                reason = f"identifiant {guillemets(cell)} en double{where}"
            elif e.type == "primary-key":
                if row in unique_rows:
                    continue  # déjà signalé par la contrainte d'unicité
                reason = f"clé primaire en double ({e.note})"
            elif e.type == "foreign-key":
                field = ", ".join(e.field_names)
                values = ", ".join(guillemets(c) for c in e.field_cells)
                reason = f"{values} ne renvoie à aucune ligne de la table {e.reference_name}"
            elif e.type == "missing-cell":
                reason = "cellule manquante (ligne trop courte)"
            elif e.type == "extra-cell":
                reason = "cellule en trop (ligne trop longue)"
            elif e.type in ("missing-label", "incorrect-label", "extra-label", "duplicate-label"):
                reason = f"en-tête de colonne incorrect ({e.type}{INSECABLE}: {e.note})"
                row = 1
            elif e.type == "blank-row":
                reason = "ligne vide"
            else:
                reason = f"{e.type}{INSECABLE}: {e.note}"
            yield Probleme(file, row, field, reason)


def _lignes(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


#: Un extrait de billet cite quelques mots, pas un paragraphe (``data/citations.csv``).
MOTS_PAR_EXTRAIT = 20
#: Un mot, compté comme le compte la vérification des extraits (``quotecheck.py``).
MOT = re.compile(r"[^\W_](?:[\w'’-]*\w)?")


def _nombre(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None  # déjà signalé comme erreur de type par Frictionless


def _problemes_typographie(data_dir: Path, shown: str, descriptor: dict[str, Any]) -> Iterator[Probleme]:
    """Typographie française des champs texte, selon la règle de :mod:`transfonum.fr` :
    espace insécable avant « : ; ! ? % » et à l'intérieur des guillemets."""
    for res in descriptor["resources"]:
        text_fields = [f["name"] for f in res["schema"]["fields"] if f.get("type", "string") == "string"]
        file = f"{shown}/{res['path']}"
        for line, row in enumerate(_lignes(data_dir / res["path"]), start=2):
            for field in text_fields:
                sign = signe_mal_espace(row.get(field) or "")
                if sign:
                    where = "après" if sign == "«" else "avant"
                    yield Probleme(file, line, field,
                                   f"typographie{INSECABLE}: espace insécable attendue {where} {guillemets(sign)}")


def _problemes_du_kit(data_dir: Path, shown: str, paths: dict[str, str]) -> Iterator[Probleme]:
    """Règles du kit que le schéma Frictionless ne peut pas exprimer."""
    if "chiffres" in paths:
        file = f"{shown}/{paths['chiffres']}"
        for line, row in enumerate(_lignes(data_dir / paths["chiffres"]), start=2):
            if row.get("unite") == "pourcent":
                for field in ("valeur", "valeur_originale"):
                    value = _nombre(row.get(field))
                    if value is not None and value > 100:
                        yield Probleme(file, line, field, f"{row[field]} dépasse le maximum 100 (pourcentage)")
            if not row.get("valeur") and not (row.get("formulation") or "").strip():
                yield Probleme(file, line, "valeur",
                              "valeur obligatoire manquante (seul un chiffre donné en mots, avec sa « formulation », peut s'en passer)")
            statut = row.get("statut")
            if statut in ("confirme", "differe") and not row.get("etude_id"):
                yield Probleme(file, line, "etude_id",
                              f"un chiffre au statut {guillemets(statut)} doit nommer l'étude où il a été vérifié")
            if statut == "differe" and not (row.get("valeur_originale") or row.get("population_originale")):
                yield Probleme(file, line, "valeur_originale",
                              "un chiffre au statut «\u00a0differe\u00a0» doit donner la valeur ou la population d'origine")
    if "citations" in paths:
        file = f"{shown}/{paths['citations']}"
        for line, row in enumerate(_lignes(data_dir / paths["citations"]), start=2):
            mots = len(MOT.findall(row.get("extrait") or ""))
            if mots > MOTS_PAR_EXTRAIT:
                yield Probleme(file, line, "extrait",
                               f"extrait de {mots} mots : {MOTS_PAR_EXTRAIT} au plus (coupez avec « […] »)")
            if "selon le billet" in (row.get("locuteur") or ""):
                yield Probleme(file, line, "locuteur",
                               "« selon le billet » : la page l'ajoute elle-même ; ne donnez que le nom")
    if "billets" in paths:
        file = f"{shown}/{paths['billets']}"
        for line, row in enumerate(_lignes(data_dir / paths["billets"]), start=2):
            start, end = row.get("date", ""), row.get("periode_fin", "")
            if start and end and end < start:
                yield Probleme(file, line, "periode_fin", f"{end} est antérieure à la date de début {start}")
    if "rse_messages" in paths and "rse_commentaires" in paths:
        weeks = {r["id"]: _nombre(r.get("semaine")) for r in _lignes(data_dir / paths["rse_messages"])}
        file = f"{shown}/{paths['rse_commentaires']}"
        for line, row in enumerate(_lignes(data_dir / paths["rse_commentaires"]), start=2):
            posted, commented = weeks.get(row.get("message_id", "")), _nombre(row.get("semaine"))
            if posted is not None and commented is not None and commented < posted:
                yield Probleme(file, line, "semaine",
                              f"commentaire en semaine {row['semaine']}, avant son message (semaine {posted:.0f})")


def valider(data_dir: Path | str = DOSSIER_DONNEES) -> list[Probleme]:
    """Valide le paquet de ``data_dir`` ; renvoie la liste des problèmes (vide si tout va bien)."""
    data_dir = Path(data_dir)
    shown = data_dir.name
    descriptor = data_dir / "datapackage.json"
    if not descriptor.exists():
        return [Probleme(f"{shown}/datapackage.json", None, None, "fichier introuvable")]
    try:
        content = json.loads(descriptor.read_text(encoding="utf-8"))
        paths = {r["name"]: r["path"] for r in content["resources"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [Probleme(f"{shown}/datapackage.json", None, None, f"descripteur illisible ({exc})")]
    problems = list(_problemes_frictionless(data_dir, shown))
    if not any(p.fichier.endswith("datapackage.json") for p in problems):  # descripteur sain
        problems += _problemes_du_kit(data_dir, shown, paths)
        problems += _problemes_typographie(data_dir, shown, content)
    return sorted(problems, key=lambda p: (p.fichier, p.ligne or 0, p.champ or ""))


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : affiche un problème par ligne et renvoie 1, ou un résumé et 0."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DOSSIER_DONNEES
    problems = valider(data_dir)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problème(s) dans {data_dir.name}/{INSECABLE}: construction refusée.", file=sys.stderr)
        return 1
    paths = {r["name"]: r["path"] for r in json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    rows = sum(len(_lignes(data_dir / p)) for p in paths.values())
    print(f"Données valides{INSECABLE}: {len(paths)} tables, {rows} lignes ({data_dir.name}/datapackage.json).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

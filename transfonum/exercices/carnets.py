"""Les carnets d'exercices : générés depuis leur source, jamais retouchés à la main.

Source (enseignants) : ``exercises/sources/<chapitre>.md``, carnet MyST qui contient
les solutions de référence. Conventions de cellules :

- par exercice, une cellule de code marquée ``starter`` (la réponse y vaut ``...``),
  suivie aussitôt d'une cellule marquée ``solution`` (la réponse de référence), puis
  d'une cellule ``verifier("<id>", reponse)`` ;
- les identifiants d'exercice sont ceux des clés du chapitre
  (``exercises/cles/<chapitre>.json``).

Produits (ce que l'on ouvre dans Jupyter ou Binder, en ``.ipynb``) :

- ``exercises/<chapitre>.ipynb`` : version étudiante, cellules de départ sans solutions ;
- ``exercises/corriges/<chapitre>.ipynb`` : version enseignant, solutions sans cellules
  de départ.

``python -m transfonum.exercices.carnets`` régénère tout ; ``--verifier`` ne touche à rien et
échoue (code 1) en nommant les carnets périmés.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from transfonum.chemins import RACINE, SOURCES_CARNETS, carnet_corrige, carnet_etudiant, source_carnet
from transfonum.exercices.cles import cles_du_kit

#: Les étiquettes de cellule des sources : réponse à compléter, réponse de référence.
ETIQUETTE_DEPART, ETIQUETTE_SOLUTION = "starter", "solution"
#: La version de Python des élèves : celle de l'environnement que fait
#: ``transfonum.outils.binder`` (``binder/runtime.txt`` ne fixe que 3.11, Binder prend la
#: dernière 3.11 de repo2docker). Le test du vrai client vérifie qu'elle est celle du noyau.
VERSION_PYTHON = "3.11.7"
#: Les métadonnées qu'écrit JupyterLab à l'ouverture, avec le noyau d'ipykernel de cette
#: version : ouvrir un carnet généré sans rien y faire ne le « modifie » pas.
NOYAU = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGAGE = {
    "codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
    "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3", "version": VERSION_PYTHON,
}
#: La première cellule de chaque carnet généré : les formulaires enregistrés avec le
#: carnet (réglage de ``binder/overrides.json``) reviennent tels quels, mais inertes tant
#: que le carnet n'a pas été exécuté de nouveau.
MODE_D_EMPLOI = (
    "**À chaque ouverture de ce carnet, exécutez toutes ses cellules** (menu *Exécution*, "
    "puis *Exécuter toutes les cellules*). Un carnet rouvert montre vos formulaires de "
    "réponse tels que vous les avez laissés, mais ils ne répondent qu'une fois le carnet "
    "exécuté de nouveau."
)
#: Les outils des carnets qu'une cellule peut appeler : une cellule qui en appelle un
#: l'importe elle-même (exécutée la première, ou après un redémarrage, elle répond).
OUTILS_DES_CARNETS = ("exercice", "explorateur", "verifier")
_APPEL_OUTIL = re.compile(rf"^({'|'.join(OUTILS_DES_CARNETS)})\(", re.M)
#: La première cellule de code de chaque carnet généré, repliée : le carnet lit le paquet
#: et les données de la copie du dépôt où il se trouve (celle de l'élève sur un hub, où
#: nbgitpuller la dépose), avant tout paquet ``transfonum`` installé ailleurs ; hors d'une
#: copie du dépôt, le paquet installé sert.
PREPARATION = """\
# Ce carnet lit le kit (paquet transfonum et données) de la copie du dépôt où il se trouve.
import sys
from pathlib import Path

_copie = next((d for d in (Path.cwd(), *Path.cwd().parents) if (d / "transfonum" / "__init__.py").is_file()), None)
if _copie is not None and str(_copie) not in sys.path:
    sys.path.insert(0, str(_copie))"""
#: Les métadonnées de la cellule de préparation : source repliée dans JupyterLab.
PREPARATION_METADONNEES = {"jupyter": {"source_hidden": True}}
#: Un appel au correcteur dans une cellule : ``verifier("id", ...)``.
APPEL_VERIFIER = re.compile(r"""verifier\(\s*["']([a-z0-9-]+)["']""")


class ErreurSourceCarnet(ValueError):
    """Une source de carnet ne suit pas les conventions (fichier et cellule nommés)."""


@dataclass(frozen=True)
class Editions:
    """Les deux versions générées d'une source, prêtes à écrire."""

    chapitre: str
    etudiant: str
    corrige: str


def sources(racine: Path = RACINE) -> list[Path]:
    """Les sources de carnets, une par chapitre."""
    return sorted((racine / SOURCES_CARNETS).glob("*.md"))


def titre(chapitre: str, racine: Path = RACINE) -> str:
    """Le titre du chapitre, lu dans le titre de sa source (« # Exercices — <titre> »)."""
    for ligne in (racine / source_carnet(chapitre)).read_text(encoding="utf-8").splitlines():
        if ligne.startswith("# "):
            return ligne[2:].split(" — ", 1)[-1].strip()
    return chapitre


def _etiquettes(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def ids_verifies(notebook) -> list[str]:
    """Les identifiants d'exercice passés à ``verifier`` dans un carnet, dans l'ordre."""
    return [i for cell in notebook.cells if cell.cell_type == "code" for i in APPEL_VERIFIER.findall(cell.source)]


def valider_source(notebook, source: Path, chapter: str) -> None:
    """Vérifie les conventions de cellules ; lève :class:`ErreurSourceCarnet` sinon."""
    cells = notebook.cells

    def fail(index: int, reason: str) -> ErreurSourceCarnet:
        return ErreurSourceCarnet(f"{source.name}, cellule {index + 1} : {reason}")

    for i, cell in enumerate(cells):
        tags = _etiquettes(cell)
        if tags & {ETIQUETTE_DEPART, ETIQUETTE_SOLUTION} and cell.cell_type != "code":
            raise fail(i, "seule une cellule de code peut être marquée starter ou solution")
        if ETIQUETTE_DEPART in tags:
            if "..." not in cell.source:
                raise fail(i, "la cellule de départ doit laisser la réponse à « ... »")
            if i + 1 >= len(cells) or ETIQUETTE_SOLUTION not in _etiquettes(cells[i + 1]):
                raise fail(i, "une cellule « starter » doit être suivie de sa cellule « solution »")
        if ETIQUETTE_SOLUTION in tags:
            if i == 0 or ETIQUETTE_DEPART not in _etiquettes(cells[i - 1]):
                raise fail(i, "une cellule « solution » doit suivre sa cellule « starter »")
            following = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
            if following is None or not APPEL_VERIFIER.search(following.source):
                raise fail(i, "la cellule de code qui suit une solution doit appeler verifier(\"<id>\", reponse)")
    keys = cles_du_kit()
    for i, cell in enumerate(cells):
        for exercise_id in APPEL_VERIFIER.findall(cell.source) if cell.cell_type == "code" else []:
            if exercise_id not in keys:
                raise fail(i, f"exercice inconnu « {exercise_id} » (absent des clés)")
            if keys[exercise_id].chapter != chapter:
                raise fail(i, f"l'exercice « {exercise_id} » appartient au chapitre « {keys[exercise_id].chapter} »")
    if not ids_verifies(notebook):
        raise ErreurSourceCarnet(f"{source.name} : aucun appel à verifier(\"<id>\", reponse)")


def autonome(source: str) -> str:
    """La cellule ``source``, précédée de l'import des outils des carnets qu'elle appelle
    (:data:`OUTILS_DES_CARNETS`) : ``verifier("id", reponse)`` marche sur un noyau neuf."""
    appeles = sorted(set(_APPEL_OUTIL.findall(source)))
    if not appeles or "from transfonum.exercices.widgets import" in source:
        return source
    return f"from transfonum.exercices.widgets import {', '.join(appeles)}\n\n{source}"


def _edition(notebook, drop_tag: str, chapter: str, edition: str) -> str:
    out = nbformat.v4.new_notebook()
    out.metadata = {
        "kernelspec": dict(NOYAU),
        "language_info": dict(LANGAGE),
        "transfonum": {"chapitre": chapter, "edition": edition,
                       "source": source_carnet(chapter).as_posix()},
    }
    kept = [nbformat.v4.new_markdown_cell(MODE_D_EMPLOI),
            nbformat.v4.new_code_cell(PREPARATION, metadata=PREPARATION_METADONNEES)]
    kept += [c for c in notebook.cells if drop_tag not in _etiquettes(c)]
    for index, cell in enumerate(kept):
        tags = sorted(_etiquettes(cell))
        metadata = {"tags": tags} if tags else {}
        if "jupyter" in cell.metadata:  # la cellule de préparation, repliée
            metadata["jupyter"] = cell.metadata["jupyter"]
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(autonome(cell.source), metadata=metadata)
        else:
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=metadata)
        new.id = f"{chapter}-{index + 1:02d}"  # identifiants stables : régénérer donne le même fichier à l'octet près
        out.cells.append(new)
    return nbformat.writes(out) + "\n"


def generer(source: Path) -> Editions:
    """Les deux versions d'une source (sans rien écrire)."""
    chapter = source.stem
    notebook = jupytext.read(source)
    valider_source(notebook, source, chapter)
    return Editions(
        chapitre=chapter,
        etudiant=_edition(notebook, ETIQUETTE_SOLUTION, chapter, "etudiant"),
        corrige=_edition(notebook, ETIQUETTE_DEPART, chapter, "enseignant"),
    )


def _perimes_et_textes(racine: Path) -> list[tuple[Path, str]]:
    """Chaque carnet généré absent ou différent de sa source, avec le texte attendu."""
    out = []
    for source in sources(racine):
        editions = generer(source)
        for path, text in ((racine / carnet_etudiant(editions.chapitre), editions.etudiant),
                           (racine / carnet_corrige(editions.chapitre), editions.corrige)):
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                out.append((path, text))
    return out


def perimes(racine: Path = RACINE) -> list[Path]:
    """Les carnets générés absents ou différents de ce que donnent leurs sources."""
    return [path for path, _ in _perimes_et_textes(racine)]


def ecrire_tout(racine: Path = RACINE) -> list[Path]:
    """Régénère les carnets périmés ; renvoie ceux qui ont changé."""
    outdated = _perimes_et_textes(racine)
    for path, text in outdated:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [path for path, _ in outdated]


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : régénère, ou vérifie avec ``--verifier``."""
    args = sys.argv[1:] if argv is None else argv
    try:
        if "--verifier" in args:
            outdated = perimes()
            for path in outdated:
                print(f"périmé : {path.relative_to(RACINE)} (lancez python -m transfonum.exercices.carnets)")
            return 1 if outdated else 0
        for path in ecrire_tout():
            print(f"écrit : {path.relative_to(RACINE)}")
    except ErreurSourceCarnet as err:
        print(f"erreur : {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

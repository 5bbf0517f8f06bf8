"""Les carnets d'exercices : générés depuis leur source, jamais retouchés à la main.

Source (enseignants) : ``exercises/sources/<chapitre>.md``, carnet MyST qui contient
les solutions de référence. Conventions de cellules :

- par exercice, une cellule de code marquée ``starter`` (la réponse y vaut ``...``),
  suivie aussitôt d'une cellule marquée ``solution`` (la réponse de référence), puis
  d'une cellule ``verifier("<id>", reponse)`` ;
- les identifiants d'exercice sont ceux des clés du chapitre
  (``transfonum/exercises/cles/<chapitre>.json``).

Produits (ce que l'on ouvre dans Jupyter ou Binder, en ``.ipynb``) :

- ``exercises/<chapitre>.ipynb`` : version étudiante, cellules de départ sans solutions ;
- ``exercises/corriges/<chapitre>.ipynb`` : version enseignant, solutions sans cellules
  de départ.

``python -m transfonum.notebooks`` régénère tout ; ``--check`` ne touche à rien et
échoue (code 1) en nommant les carnets périmés.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from transfonum.exercises.keys import default_keys

#: Racine du dépôt (les chemins ci-dessous en dépendent).
REPO_ROOT: Path = Path(__file__).resolve().parent.parent
#: Dossier des exercices, relatif à la racine du dépôt.
EXERCISES_DIR = Path("exercises")
SOURCES_DIR = EXERCISES_DIR / "sources"
SOLUTIONS_DIR = EXERCISES_DIR / "corriges"
STARTER_TAG, SOLUTION_TAG = "starter", "solution"
#: Un appel au correcteur dans une cellule : ``verifier("id", ...)``.
CHECK_CALL = re.compile(r"""verifier\(\s*["']([a-z0-9-]+)["']""")


class NotebookSourceError(ValueError):
    """Une source de carnet ne suit pas les conventions (fichier et cellule nommés)."""


@dataclass(frozen=True)
class Editions:
    """Les deux versions générées d'une source, prêtes à écrire."""

    chapter: str
    student: str
    solutions: str


def student_path(chapter: str, root: Path = REPO_ROOT) -> Path:
    """Le carnet étudiant d'un chapitre."""
    return root / EXERCISES_DIR / f"{chapter}.ipynb"


def solutions_path(chapter: str, root: Path = REPO_ROOT) -> Path:
    """Le carnet corrigé (enseignant) d'un chapitre."""
    return root / SOLUTIONS_DIR / f"{chapter}.ipynb"


def sources(root: Path = REPO_ROOT) -> list[Path]:
    """Les sources de carnets, une par chapitre."""
    return sorted((root / SOURCES_DIR).glob("*.md"))


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def checked_ids(notebook) -> list[str]:
    """Les identifiants d'exercice passés à ``verifier`` dans un carnet, dans l'ordre."""
    return [i for cell in notebook.cells if cell.cell_type == "code" for i in CHECK_CALL.findall(cell.source)]


def validate(notebook, source: Path, chapter: str) -> None:
    """Vérifie les conventions de cellules ; lève :class:`NotebookSourceError` sinon."""
    cells = notebook.cells

    def fail(index: int, reason: str) -> NotebookSourceError:
        return NotebookSourceError(f"{source.name}, cellule {index + 1} : {reason}")

    for i, cell in enumerate(cells):
        tags = _tags(cell)
        if tags & {STARTER_TAG, SOLUTION_TAG} and cell.cell_type != "code":
            raise fail(i, "seule une cellule de code peut être marquée starter ou solution")
        if STARTER_TAG in tags:
            if "..." not in cell.source:
                raise fail(i, "la cellule de départ doit laisser la réponse à « ... »")
            if i + 1 >= len(cells) or SOLUTION_TAG not in _tags(cells[i + 1]):
                raise fail(i, "une cellule « starter » doit être suivie de sa cellule « solution »")
        if SOLUTION_TAG in tags:
            if i == 0 or STARTER_TAG not in _tags(cells[i - 1]):
                raise fail(i, "une cellule « solution » doit suivre sa cellule « starter »")
            following = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
            if following is None or not CHECK_CALL.search(following.source):
                raise fail(i, "la cellule de code qui suit une solution doit appeler verifier(\"<id>\", reponse)")
    keys = default_keys()
    for i, cell in enumerate(cells):
        for exercise_id in CHECK_CALL.findall(cell.source) if cell.cell_type == "code" else []:
            if exercise_id not in keys:
                raise fail(i, f"exercice inconnu « {exercise_id} » (absent des clés)")
            if keys[exercise_id].chapter != chapter:
                raise fail(i, f"l'exercice « {exercise_id} » appartient au chapitre « {keys[exercise_id].chapter} »")
    if not checked_ids(notebook):
        raise NotebookSourceError(f"{source.name} : aucun appel à verifier(\"<id>\", reponse)")


def _edition(notebook, drop_tag: str, chapter: str, edition: str) -> str:
    out = nbformat.v4.new_notebook()
    out.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "transfonum": {"chapitre": chapter, "edition": edition,
                       "source": (SOURCES_DIR / f"{chapter}.md").as_posix()},
    }
    kept = [c for c in notebook.cells if drop_tag not in _tags(c)]
    for index, cell in enumerate(kept):
        tags = sorted(_tags(cell))
        metadata = {"tags": tags} if tags else {}
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source, metadata=metadata)
        else:
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=metadata)
        new.id = f"{chapter}-{index + 1:02d}"  # stable ids: regeneration is byte-identical
        out.cells.append(new)
    return nbformat.writes(out) + "\n"


def generate(source: Path) -> Editions:
    """Les deux versions d'une source (sans rien écrire)."""
    chapter = source.stem
    notebook = jupytext.read(source)
    validate(notebook, source, chapter)
    return Editions(
        chapter=chapter,
        student=_edition(notebook, SOLUTION_TAG, chapter, "etudiant"),
        solutions=_edition(notebook, STARTER_TAG, chapter, "enseignant"),
    )


def _outdated(root: Path) -> list[tuple[Path, str]]:
    """Chaque carnet généré absent ou différent de sa source, avec le texte attendu."""
    out = []
    for source in sources(root):
        editions = generate(source)
        for path, text in ((student_path(editions.chapter, root), editions.student),
                           (solutions_path(editions.chapter, root), editions.solutions)):
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                out.append((path, text))
    return out


def stale(root: Path = REPO_ROOT) -> list[Path]:
    """Les carnets générés absents ou différents de ce que donnent leurs sources."""
    return [path for path, _ in _outdated(root)]


def write_all(root: Path = REPO_ROOT) -> list[Path]:
    """Régénère les carnets périmés ; renvoie ceux qui ont changé."""
    outdated = _outdated(root)
    for path, text in outdated:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [path for path, _ in outdated]


def main(argv: list[str] | None = None) -> int:
    """Point d'entrée : régénère, ou vérifie avec ``--check``."""
    args = sys.argv[1:] if argv is None else argv
    try:
        if "--check" in args:
            outdated = stale()
            for path in outdated:
                print(f"périmé : {path.relative_to(REPO_ROOT)} (lancez python -m transfonum.notebooks)")
            return 1 if outdated else 0
        for path in write_all():
            print(f"écrit : {path.relative_to(REPO_ROOT)}")
    except NotebookSourceError as err:
        print(f"erreur : {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

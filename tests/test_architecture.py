"""The package is a house with rooms, and imports flow one way:

    outils → site → exercices, chapitres → graphiques (→ commandes), donnees → chemins, fr
    outils, site → sommaire (the table of contents) → chemins; site → commandes (JSON for a page)

A chapter never imports the engine (``site``) nor another chapter; the engine never
names a chapter; nothing but ``outils`` imports ``outils``; only ``site`` imports Sphinx.
Imports are read from the source (``ast``), so a lazy import inside a function counts.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from transfonum.chemins import LIVRE, PAQUET, RACINE, SOURCES_CARNETS

PACKAGE = RACINE / PAQUET
#: For each room, the rooms of the kit it may import (itself always allowed).
ALLOWED: dict[str, set[str]] = {
    "chemins": set(),
    "fr": set(),
    "statistiques": set(),
    "sommaire": {"chemins"},
    "affichage": set(),
    "commandes": {"fr"},
    "graphiques": {"fr", "commandes"},
    "donnees": {"chemins", "fr", "affichage"},
    "exercices": {"chemins", "fr", "donnees", "graphiques"},
    "chapitres": {"chemins", "fr", "donnees", "graphiques", "statistiques"},
    "site": {"chemins", "fr", "donnees", "graphiques", "commandes", "exercices", "sommaire"},
    "outils": {"chemins", "fr", "donnees", "graphiques", "exercices", "site", "sommaire"},
}
SPHINX_PACKAGES = ("sphinx", "docutils", "myst_nb", "myst_parser", "sphinx_exercise")


def room(path: Path) -> str:
    """The room of a module of the package: its first folder, or its own name."""
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def imported_modules(source: str) -> list[str]:
    """Every module an ``import`` or ``from … import`` names in ``source``."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def kit_rooms(modules: list[str]) -> set[str]:
    """The rooms of the kit named by ``modules`` (``transfonum.donnees.x`` → ``donnees``)."""
    return {m.split(".")[1] for m in modules if m.startswith("transfonum.") and m.count(".") >= 1
            and m.split(".")[1] in ALLOWED}


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if room(p) != "__init__")


def test_every_module_lives_in_a_known_room():
    assert MODULES, "aucun module trouvé"
    unknown = sorted({room(p) for p in MODULES} - set(ALLOWED))
    assert not unknown, f"pièces inconnues du paquet : {unknown} (à déclarer dans ALLOWED et README)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_flow_one_way(path):
    modules = imported_modules(path.read_text(encoding="utf-8"))
    upward = kit_rooms(modules) - ALLOWED[room(path)] - {room(path)}
    assert not upward, f"{path.relative_to(RACINE)} importe {sorted(upward)} : import à contre-sens"
    if room(path) != "site":
        sphinx = [m for m in modules if m.split(".")[0] in SPHINX_PACKAGES]
        assert not sphinx, f"{path.relative_to(RACINE)} importe {sphinx} : seul site/ importe Sphinx"


def test_a_chapter_never_imports_another_chapter():
    for path in (PACKAGE / "chapitres").rglob("*.py"):
        own = path.relative_to(PACKAGE).parts[:2]
        for module in imported_modules(path.read_text(encoding="utf-8")):
            parts = tuple(module.split("."))[1:3]
            if parts[:1] == ("chapitres",) and len(parts) == 2 and parts != own:
                pytest.fail(f"{path.relative_to(RACINE)} importe le chapitre {module}")


#: A chapter's code named from the engine (its package, or one of its modules).
NOMME_UN_CHAPITRE = re.compile(r"transfonum[./]chapitres\b|from transfonum import [^\n]*\bchapitres\b|\bimport chapitres\b")


def test_the_engine_never_names_a_chapter():
    """(The table of contents' own reader, ``sommaire.chapitres_du_sommaire``, is not a chapter.)"""
    for path in (PACKAGE / "site").rglob("*.py"):
        assert not NOMME_UN_CHAPITRE.search(path.read_text(encoding="utf-8")), path


def test_naming_a_chapter_is_seen():
    assert NOMME_UN_CHAPITRE.search("from transfonum.chapitres import rse")
    assert NOMME_UN_CHAPITRE.search("from transfonum import chapitres")
    assert NOMME_UN_CHAPITRE.search("import chapitres")
    assert not NOMME_UN_CHAPITRE.search("from transfonum.sommaire import chapitres_du_sommaire")
    assert not NOMME_UN_CHAPITRE.search("chapitres.append(page)"), "a list of the toc's chapters is not their code"


@pytest.mark.parametrize("folder", [LIVRE, SOURCES_CARNETS], ids=str)
def test_pages_and_notebooks_never_import_the_engine_or_the_tools(folder):
    pages = sorted((RACINE / folder).glob("*.md"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "transfonum.site" not in text and "transfonum.outils" not in text, page


def test_the_checker_sees_an_upward_import():
    """Proof that the rule can fail: a chapter importing the engine is caught."""
    modules = imported_modules("from transfonum.site import extension\nimport transfonum.outils.banc\n")
    assert kit_rooms(modules) - ALLOWED["chapitres"] == {"site", "outils"}

"""CONTRIBUTING's recipe « Ajouter un chapitre », followed on a temporary copy.

The copy is a small course with the kit's real ``_config.yml``, course page, syllabus
and assessment: a root page, one chapter, and the instructor part. The test takes the
recipe's ``_toc.yml`` lines and plan header from CONTRIBUTING.md itself (so the recipe
and the test cannot drift apart), adds a tiny chapter with them, builds in this process,
and checks what the recipe promises: the chapter is built and numbered, and it has its
row in the course table and in the syllabus, its case in the list of cases.

(The deck, the PDFs and the « Télécharger » menu of a chapter without a notebook are
checked by the tests of ``site/diaporamas.py`` and ``outils/impression.py``.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from livre_exemple import table_des_matieres
from transfonum.chemins import RACINE

RECETTE = RACINE / "CONTRIBUTING.md"
TOC = table_des_matieres(["book/premier"], ["book/enseigner/programme"], racine="book/accueil")


def recette() -> str:
    """The section « Ajouter un chapitre » of CONTRIBUTING.md."""
    texte = RECETTE.read_text(encoding="utf-8")
    debut = texte.index("## Ajouter un chapitre")
    return texte[debut:texte.index("\n## ", debut + 1)]


def blocs(texte: str, langage: str) -> list[str]:
    """The fenced blocks of ``langage`` in ``texte``, without their list indentation."""
    trouves = re.findall(rf"^( *)```{langage}\n(.*?)^\1```", texte, re.M | re.S)
    return ["".join(l[len(marge):] + "\n" for l in corps.splitlines()) for marge, corps in trouves]


def test_the_recipe_gives_the_toc_lines_and_the_plan_header():
    entete = blocs(recette(), "markdown")[0]
    lignes = blocs(recette(), "yaml")
    assert len(lignes) == 2, "la recette donne la ligne du chapitre, puis celles de la séance et du cas"
    assert "book/<page>" in lignes[0] and "seance-<page>" in lignes[1] and "cas-<page>" in lignes[1]
    assert "seance:" in entete and "prerequis:" in entete and "production:" in entete


def petit_kit(root: Path) -> Path:
    """A one-chapter course with the kit's configuration and its real course pages."""
    (root / "book" / "enseigner").mkdir(parents=True)
    shutil.copy(RACINE / "_config.yml", root / "_config.yml")
    for page in ("index.md", "programme.md", "_evaluation.md"):
        shutil.copy(RACINE / "book" / "enseigner" / page, root / "book" / "enseigner" / page)
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    (root / "book" / "accueil.md").write_text("# Accueil\n\nLe livre.\n", encoding="utf-8")
    (root / "book" / "premier.md").write_text(
        "# Premier chapitre\n\n## Objectifs d'apprentissage\n\n- **Lire** un chiffre.\n\nDu texte.\n", encoding="utf-8")
    return root


def suivre_la_recette(root: Path, page: str) -> None:
    """Add the chapter ``page`` as CONTRIBUTING says: its page, three toc lines, its plan
    (the recipe's, as it is) and its case."""
    ligne_chapitre, lignes_cours = (b.replace("<page>", page) for b in blocs(recette(), "yaml"))
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    toc = toc.replace("      - file: book/premier\n", "      - file: book/premier\n" + ligne_chapitre)
    (root / "_toc.yml").write_text(toc + lignes_cours, encoding="utf-8")
    (root / "book" / f"{page}.md").write_text(
        "---\nkernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
        "# Un chapitre ajouté\n\n" + "Quelques mots de prose. " * 50 + "\n", encoding="utf-8")
    entete = blocs(recette(), "markdown")[0].replace("Le nom de la séance dans le tableau du cours", "Séance ajoutée")
    (root / "book" / "enseigner" / f"seance-{page}.md").write_text(entete, encoding="utf-8")
    (root / "book" / "enseigner" / f"cas-{page}.md").write_text(
        f"# Cas : une entreprise fictive\n\nCas du chapitre {{doc}}`../{page}`. Livrable : **une affiche**.\n",
        encoding="utf-8")


@pytest.mark.lent
def test_a_chapter_added_by_the_recipe_is_built_and_listed(tmp_path):
    from test_construction import build_small

    root = petit_kit(tmp_path)
    suivre_la_recette(root, "nouveau")
    resultat = build_small(root)
    assert resultat.returncode == 0, resultat.stdout[-3000:]
    html = root / "_build" / "html" / "book"
    chapitre = (html / "nouveau.html").read_text(encoding="utf-8")
    assert "2. </span>Un chapitre ajouté" in chapitre, "le chapitre est numéroté à sa place"
    cours = (html / "enseigner" / "index.html").read_text(encoding="utf-8")
    assert "Séance ajoutée" in cours and 'href="../nouveau.html"' in cours
    assert "ce que les étudiants ont produit" in cours and "cas-nouveau.html" in cours
    programme = (html / "enseigner" / "programme.html").read_text(encoding="utf-8")
    assert "Séance 3" in programme and "une affiche" in programme and "90\u00a0min" in programme
    assert (html / "enseigner" / "seance-nouveau.html").exists()
    assert (root / "_build" / "html" / "diapos" / "nouveau.html").exists(), "un diaporama, sans carnet"
    assert "../impressions/nouveau.pdf" in chapitre and "../diapos/nouveau.html" in chapitre, "son menu Télécharger"

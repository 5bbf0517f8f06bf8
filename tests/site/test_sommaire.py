"""The table of contents is the one switch: a chapter left out of ``_toc.yml`` (with its
session and case) leaves the site, the course table, the syllabus, the search index and
the files an earlier build wrote; links to it become plain text with a notice.

A small course (two chapters, their plans and cases, the course page and the syllabus,
with the kit's real ``_config.yml``) is built in this process twice: with every chapter,
then with one chapter's three lines deleted from its ``_toc.yml``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from livre_exemple import PLAN, table_des_matieres
from transfonum import sommaire
from transfonum.site import programme, sommaire_site

ENTETE_NOTEBOOK = "---\nkernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
TOC = table_des_matieres(["book/alpha", "book/beta"], ["book/enseigner/programme", "book/enseigner/seance-alpha",
                         "book/enseigner/cas-alpha", "book/enseigner/seance-beta", "book/enseigner/cas-beta"])


def _plan(chapitre: str, prerequis: str) -> str:
    return (f'---\nseance: "Séance {chapitre}"\nprerequis: "{prerequis}"\nproduction: "un produit de {chapitre}"\n---\n\n'
            f"# Séance : {chapitre}\n\nPlan du chapitre {{doc}}`../{chapitre}`.\n\n{PLAN}")


def _cas(chapitre: str) -> str:
    return f"# Cas : {chapitre}\n\nCas du chapitre {{doc}}`../{chapitre}`. Livrable : **un mémo de {chapitre}**.\n"


def petit_cours(root: Path) -> Path:
    """A two-chapter course with the kit's configuration and the course's directives."""
    from test_construction import RACINE

    (root / "_config.yml").write_text((RACINE / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    livre, cours = root / "book", root / "book" / "enseigner"
    cours.mkdir(parents=True)
    (livre / "intro.md").write_text("# Introduction\n\nLire {doc}`alpha` puis {doc}`beta`.\n", encoding="utf-8")
    (livre / "alpha.md").write_text("# Chapitre alpha\n\nSuite : {doc}`beta`, et {ref}`section-beta`.\n", encoding="utf-8")
    (livre / "beta.md").write_text("# Chapitre bêta\n\n(section-beta)=\n## Une section de bêta\n\n"
                                   "Un mot singulier : zygomorphe.\n", encoding="utf-8")
    (cours / "index.md").write_text("# Enseigner\n\n```{tableau-des-seances}\n```\n\n```{liste-des-cas}\n```\n",
                                    encoding="utf-8")
    (cours / "programme.md").write_text("# Programme\n\n```{programme-du-cours}\n```\n\n"
                                        "Exercices : {notation}`points` points, {notation}`regle`.\n", encoding="utf-8")
    for chapitre, prerequis in (("alpha", "aucun"), ("beta", "le chapitre {doc}`../alpha`")):
        (cours / f"seance-{chapitre}.md").write_text(_plan(chapitre, prerequis), encoding="utf-8")
        (cours / f"cas-{chapitre}.md").write_text(_cas(chapitre), encoding="utf-8")
    return root


def sans_chapitre(root: Path, chapitre: str) -> None:
    """Delete a chapter's lines (chapter, session, case) from the toc, and nothing else."""
    table = root / "_toc.yml"
    lignes = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(l for l in lignes if not re.search(rf"[/-]{chapitre}$", l.strip())), encoding="utf-8")


# -- the table of contents, read once ------------------------------------------------------

def test_the_toc_reader_lists_pages_and_chapters_in_order(tmp_path):
    (tmp_path / "_toc.yml").write_text(TOC, encoding="utf-8")
    assert sommaire.pages_du_sommaire(tmp_path / "_toc.yml")[:4] == ["book/intro", "book/alpha", "book/beta",
                                                                     "book/enseigner/index"]
    assert sommaire.chapitres_du_sommaire(tmp_path / "_toc.yml") == ["book/alpha", "book/beta"]
    sans_chapitre(tmp_path, "beta")
    assert sommaire.chapitres_du_sommaire(tmp_path / "_toc.yml") == ["book/alpha"]
    assert not [p for p in sommaire.pages_du_sommaire(tmp_path / "_toc.yml") if "beta" in p]


def test_the_kits_toc_is_read():
    assert sommaire.racine_du_sommaire() == "book/intro"
    assert "book/rse" in sommaire.chapitres_du_sommaire()
    assert "book/enseigner/programme" in sommaire.pages_du_sommaire()
    assert "book/glossaire" not in sommaire.chapitres_du_sommaire(), "the appendices are not chapters"


def test_a_bad_toc_is_named_in_french(tmp_path):
    with pytest.raises(sommaire.ErreurSommaire, match="introuvable"):
        sommaire.pages_du_sommaire(tmp_path / "_toc.yml")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nparts: []\n", encoding="utf-8")
    with pytest.raises(sommaire.ErreurSommaire, match="« root »"):
        sommaire.pages_du_sommaire(tmp_path / "_toc.yml")


# -- stale files --------------------------------------------------------------------------

def test_stale_files_are_those_of_pages_out_of_the_toc_and_nothing_else(tmp_path):
    for nom in ("book/alpha.html", "book/beta.html", "book/enseigner/cas-beta.html", "genindex.html",
                "index.html", "_static/x.html", "diapos/alpha.html", "diapos/beta.html",
                "impressions/beta.pdf", "impressions/beta-exercices.pdf", "impressions/alpha.pdf",
                "_sources/book/beta.md", "_sources/book/alpha.md"):
        (tmp_path / nom).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / nom).write_text("x", encoding="utf-8")
    perimes = sommaire_site.fichiers_perimes(tmp_path, {"book/alpha", "book/enseigner/index"})
    assert [p.relative_to(tmp_path).as_posix() for p in perimes] == [
        "_sources/book/beta.md", "book/beta.html", "book/enseigner/cas-beta.html", "diapos/beta.html",
        "impressions/beta-exercices.pdf", "impressions/beta.pdf"]


# -- the course, read from the files ------------------------------------------------------

def test_prose_words_follow_the_teams_method():
    texte = ("---\ntitle: x\n---\n# Titre du chapitre\n\nDeux mots {glue:text}`chiffre` ici.\n\n"
             "```{code-cell} ipython3\nne = pas compter\n```\n\n```{exercise} Énoncé\nnon plus\n```\n\n"
             "```{admonition} Encadré\ncompte aussi\n```\n")
    # « Titre du chapitre » 3, « Deux mots x ici » 4, « compte aussi » 2
    assert programme.mots_de_prose(texte) == 9


def test_words_match_the_teams_tool_on_the_kits_chapters():
    """The port gives the same counts as ../shared/tools/words.py on every chapter."""
    import runpy

    from transfonum.chemins import RACINE

    outil = RACINE.parent / "shared" / "tools" / "words.py"
    if not outil.exists():
        pytest.skip("l'outil de l'équipe (../shared/tools/words.py) n'est pas à côté du dépôt")
    compter = runpy.run_path(str(outil))["prose_words"]
    for page in sommaire.chapitres_du_sommaire():
        texte = (RACINE / f"{page}.md").read_text(encoding="utf-8")
        assert programme.mots_de_prose(texte) == compter(texte), page


def test_a_session_is_read_from_its_plan_case_and_chapter(tmp_path):
    root = petit_cours(tmp_path)
    seances = programme.seances(root, root / "_toc.yml")
    assert [s.chapitre for s in seances] == ["book/intro", "book/alpha", "book/beta"]
    beta = seances[2]
    assert (beta.nom, beta.prerequis, beta.duree, beta.minutes_exercices) == ("Séance beta", "le chapitre {doc}`../alpha`", 90, 30)
    assert beta.cas == "book/enseigner/cas-beta" and beta.livrable == "un mémo de beta"
    assert seances[0].duree is None and seances[0].prerequis == programme.NON_PRECISE


def test_the_reading_before_a_session_is_what_its_plan_says(tmp_path):
    """``lecture`` replaces « le chapitre » and hides the count unless ``lecture_jusqua`` names
    where it stops; ``demi_seance`` makes the next session share its number and date."""
    root = petit_cours(tmp_path)
    (root / "book" / "beta.md").write_text("# Chapitre bêta\n\nUn deux trois.\n\n## Plus loin\n\nQuatre cinq six sept.\n",
                                           encoding="utf-8")
    plan = root / "book" / "enseigner" / "seance-alpha.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace('production:', 'lecture: "rien avant"\ndemi_seance: true\nproduction:'),
                    encoding="utf-8")
    plan_beta = root / "book" / "enseigner" / "seance-beta.md"
    plan_beta.write_text(plan_beta.read_text(encoding="utf-8").replace(
        'production:', 'lecture: "le début"\nlecture_jusqua: "Plus loin"\nproduction:'), encoding="utf-8")
    seances = programme.seances(root, root / "_toc.yml")
    assert (seances[1].lecture, seances[1].mots, seances[1].demi_seance) == ("rien avant", None, True)
    assert (seances[2].lecture, seances[2].mots) == ("le début", 5)  # « Chapitre bêta » 2 + « Un deux trois » 3
    texte = "\n".join(programme.programme(seances, 200))
    assert "Lire\u00a0: rien avant." in texte and "Lire\u00a0: le début (5 mots, environ 1\u00a0min)." in texte
    assert "**Séance 2**, date" in texte and "**Séance 2, suite** (même date)" in texte and "Séance 3" not in texte
    assert "Lire le chapitre\u00a0:" in texte  # the root's plan says nothing: the whole chapter
    plan_beta.write_text(plan_beta.read_text(encoding="utf-8").replace('"Plus loin"', '"Ailleurs"'), encoding="utf-8")
    with pytest.raises(programme.ErreurProgramme, match="seance-beta.md.*Ailleurs"):
        programme.seances(root, root / "_toc.yml")


def test_a_plan_with_a_broken_header_is_named(tmp_path):
    plan = tmp_path / "seance-x.md"
    plan.write_text("---\n- une liste\n---\n# Séance\n", encoding="utf-8")
    with pytest.raises(programme.ErreurProgramme, match="seance-x.md"):
        programme.en_tete(plan)


# -- the build ----------------------------------------------------------------------------

def _page(root: Path, nom: str) -> str:
    return (root / "_build" / "html" / f"{nom}.html").read_text(encoding="utf-8")


def _index_de_recherche(root: Path) -> dict:
    """The search index Sphinx wrote (``searchindex.js``), read."""
    texte = (root / "_build" / "html" / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(texte[texte.index("(") + 1:texte.rindex(")")])


@pytest.mark.lent
def test_deleting_a_chapters_lines_from_the_toc_removes_it_from_the_site(tmp_path):
    from test_construction import build_small

    root = petit_cours(tmp_path)
    premier = build_small(root)
    assert premier.returncode == 0, premier.stdout[-3000:]
    index, prog = _page(root, "book/enseigner/index"), _page(root, "book/enseigner/programme")
    assert "Séance beta" in index and "cas-beta.html" in index and "un produit de beta" in index
    assert "Séance 3" in prog and "un mémo de beta" in prog and "6 points" in prog
    assert "arrondi au dixième" in prog
    assert 'href="beta.html"' in _page(root, "book/alpha")
    assert "book/beta" in _index_de_recherche(root)["docnames"]
    assert _index_de_recherche(root)["terms"]["zygomorph"] != []

    sans_chapitre(root, "beta")
    second = build_small(root)
    assert second.returncode == 0, second.stdout[-3000:]  # no warning: the kit's build would pass
    html = root / "_build" / "html"
    for nom in ("book/beta", "book/enseigner/seance-beta", "book/enseigner/cas-beta"):
        assert not (html / f"{nom}.html").exists(), f"{nom}.html est resté dans le site"
    index, prog, alpha = _page(root, "book/enseigner/index"), _page(root, "book/enseigner/programme"), _page(root, "book/alpha")
    assert "Séance alpha" in index and "Séance beta" not in index and "cas-beta" not in index
    assert "Séance 2" in prog and "Séance 3" not in prog and "beta" not in prog
    assert 'href="beta.html"' not in alpha and "Chapitre bêta" in alpha and "Une section de bêta" in alpha
    recherche = _index_de_recherche(root)
    assert "book/beta" not in recherche["docnames"] and recherche["terms"].get("zygomorph", []) == []
    notes = re.findall(r"le lien vers « book/beta », page hors de la table des matières", second.stdout)
    assert len(notes) >= 2, second.stdout[-3000:]
    assert "Retirés du site" in second.stdout


@pytest.mark.lent
def test_a_link_to_a_page_that_does_not_exist_still_fails(tmp_path):
    from test_construction import build_small

    root = petit_cours(tmp_path)
    (root / "book" / "alpha.md").write_text("# Chapitre alpha\n\nVoir {doc}`gamma`.\n", encoding="utf-8")
    result = build_small(root)
    assert result.returncode != 0 and "gamma" in result.stdout

"""The « Télécharger » menu of a page offers the documents make pdf prints for it, from
the table of contents: a chapter gets its PDF (and its sheet when it has exercises, its
deck when the toc numbers it) with or without a notebook; a case or the course page gets
its own PDF; a page out of the toc keeps the theme's print entry."""

from __future__ import annotations

from types import SimpleNamespace

from docutils import nodes
from sphinx_exercise.nodes import exercise_enumerable_node

from livre_exemple import CONFIG_ENSEIGNANTS, table_des_matieres
from transfonum.site import documents

TOC = table_des_matieres(["book/avec-carnet", "book/sans-carnet"],
                         ["book/enseigner/seance-avec-carnet", "book/enseigner/cas-avec-carnet"])


#: The chapters the toc numbers (Sphinx's ``env.toc_secnumbers``): they have a deck.
NUMEROTEES = {"book/avec-carnet": {"": (1,)}, "book/sans-carnet": {"": (2,)}}


def _menu(root, pagename: str, exercices: bool) -> list[str]:
    theme = {"type": "group", "label": documents.GROUPE_THEME,
             "buttons": [{"label": documents.IMPRIMER_THEME, "text": "imprimer"}]}
    context = {"header_buttons": [theme], "pathto": lambda cible, _: f"../{cible}"}
    doctree = nodes.document(None, None)
    if exercices:
        doctree += exercise_enumerable_node()
    app = SimpleNamespace(srcdir=str(root), env=SimpleNamespace(toc_secnumbers=NUMEROTEES))
    documents.ajouter_boutons(app, pagename, context, doctree)
    return [b.get("url") or b["text"] for b in theme["buttons"]]


def test_the_menu_follows_the_toc_with_or_without_a_notebook(tmp_path):
    (tmp_path / "_config.yml").write_text(CONFIG_ENSEIGNANTS, encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(TOC, encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "avec-carnet.ipynb").write_text("{}", encoding="utf-8")
    assert _menu(tmp_path, "book/avec-carnet", True) == [
        "../impressions/avec-carnet.pdf", "../impressions/avec-carnet-exercices.pdf", "../diapos/avec-carnet.html"]
    assert _menu(tmp_path, "book/sans-carnet", False) == ["../impressions/sans-carnet.pdf", "../diapos/sans-carnet.html"]
    assert _menu(tmp_path, "book/sans-carnet", True) == [
        "../impressions/sans-carnet.pdf", "../impressions/sans-carnet-exercices.pdf", "../diapos/sans-carnet.html"]
    assert _menu(tmp_path, "book/enseigner/cas-avec-carnet", True) == ["../impressions/enseigner/cas-avec-carnet.pdf"]
    assert _menu(tmp_path, "book/enseigner/seance-avec-carnet", False) == ["imprimer"], "réservée : pas de PDF"
    assert _menu(tmp_path, "book/hors-sommaire", True) == ["imprimer"]

"""The ``{extrait}`` role: a sentence that attributes something to a post shows the post's
own words, one click away, from ``data/citations.csv``; an unknown id stops the build
naming the page and the id. Tested on an in-process build of a tiny book."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from transfonum.site import extraits

CONF = """
from transfonum.site import extraits
from transfonum.site.statique import STATIQUE

extensions = ["myst_nb", "sphinxcontrib.bibtex"]  # as the book: myst-nb reads the .md pages
nb_execution_mode = "off"
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "fr"
html_static_path = [str(STATIQUE)]
html_css_files = ["transfonum.css"]
html_js_files = [("transfonum-extraits.js", {"defer": "defer"})]


def setup(app):
    app.add_role("extrait", extraits.role_extrait)
    app.add_directive("lieux-des-extraits", extraits.DirectiveLieuxDesExtraits)
    app.add_node(extraits.noeud_extrait, html=(extraits.visiter_extrait, None))
    app.add_node(extraits.noeud_lieux_extraits)
    app.connect("env-purge-doc", extraits.oublier_page)
    app.connect("env-merge-info", extraits.fusionner)
    app.add_post_transform(extraits.NotesDesExtraits)
    app.add_post_transform(extraits.LieuxDesExtraits)
"""
BIB = "@misc{b-essai, author = {{Un blog}}, title = {{Un billet d'essai}}, year = {2013}}\n"
INDEX = """# Un livre

```{toctree}
chapitre
bibliographie
```
"""
CHAPTER = """# Un chapitre

## Une section

L'auteur estime que le client décide{extrait}`cit-essai`. Un intervenant le confirme{extrait}`cit-parole`.
Une phrase assez longue pour que la marque finisse loin à droite, au bout de sa ligne, sur un écran de téléphone{extrait}`cit-essai`.
"""
BIBLIOGRAPHY = "# Bibliographie\n\n```{bibliography}\n:all:\n```\n\n## Où le livre cite les billets\n\n```{lieux-des-extraits}\n```\n"
EXTRAITS = {
    "cit-essai": {"identifiant": "cit-essai", "billet": "b-essai", "extrait": "le client décide", "locuteur": "",
                  "titre": "Un billet d'essai", "note": ""},
    "cit-parole": {"identifiant": "cit-parole", "billet": "b-essai", "extrait": "c'est vrai", "locuteur": "Pierre",
                   "titre": "Un billet d'essai", "note": "Réponse à une question de la salle."},
}


def _build(root: Path, chapter: str = CHAPTER) -> tuple[Path, str]:
    for name, text in {"conf.py": CONF, "index.md": INDEX, "chapitre.md": chapter,
                       "bibliographie.md": BIBLIOGRAPHY, "refs.bib": BIB}.items():
        (root / name).write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    app = SphinxTestApp(srcdir=root, status=io.StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings.getvalue()


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extraits, "_extraits", lambda: EXTRAITS)
        site, warnings = _build(tmp_path_factory.mktemp("extraits"))
    assert warnings == ""
    return site


def test_a_mark_holds_the_posts_words_its_title_and_a_link(tiny_site):
    page = BeautifulSoup((tiny_site / "chapitre.html").read_text(encoding="utf-8"), "html.parser")
    marques = page.select(".transfonum-extrait")
    assert len(marques) == 3
    assert len({m.select_one(".transfonum-extrait-bulle")["id"] for m in marques}) == 3, "ids unique in the page"
    assert [m["id"] for m in marques] == ["tf-cit-essai-1", "tf-cit-parole-2", "tf-cit-essai-3"]
    bouton = marques[0].button
    bulle = marques[0].select_one(".transfonum-extrait-bulle")
    assert bouton["aria-controls"] == bulle["id"] and bouton["aria-expanded"] == "false"
    assert bouton.get_text(strip=True) == "Les mots du billet", "the mark's accessible name"
    assert bulle["role"] == "note"
    assert bulle.select_one(".transfonum-extrait-texte").get_text() == "«\u00a0le client décide\u00a0»"
    lien = bulle.a
    assert lien.get_text() == "Un billet d’essai"
    cible, ancre = lien["href"].split("#")
    assert cible == "bibliographie.html"
    bibliographie = BeautifulSoup((tiny_site / "bibliographie.html").read_text(encoding="utf-8"), "html.parser")
    assert "Un billet d" in bibliographie.find(id=ancre).get_text(), "the link leads to the post's entry"
    assert "(Pierre, selon le billet)" in marques[1].get_text(), "a speaker the post reports is named"
    assert marques[1].select_one(".transfonum-extrait-note").get_text() == "Réponse à une question de la salle."
    assert not marques[0].select(".transfonum-extrait-note"), "no empty note"


def test_printed_the_marks_are_numbered_notes_at_the_end(tiny_site):
    page = BeautifulSoup((tiny_site / "chapitre.html").read_text(encoding="utf-8"), "html.parser")
    assert [b["data-numero"] for b in page.select(".transfonum-extrait-marque")] == ["1", "2", "3"]
    notes = page.select_one(f".{extraits.CLASSE_NOTES}")
    assert [li.get_text(" ", strip=True) for li in notes.select("li")] == [
        "«\u00a0le client décide\u00a0» — Un billet d’essai",
        "«\u00a0c’est vrai\u00a0» (Pierre, selon le billet) — Un billet d’essai (Réponse à une question de la salle.)",
        "«\u00a0le client décide\u00a0» — Un billet d’essai",
    ]


def test_the_sources_annex_says_where_each_post_is_quoted(tiny_site):
    page = BeautifulSoup((tiny_site / "bibliographie.html").read_text(encoding="utf-8"), "html.parser")
    lieux = page.select_one("#ou-le-livre-cite-les-billets li")
    assert lieux.em.get_text() == "Un billet d’essai"
    assert "2\u00a0passages" in lieux.get_text() or "2 passages" in lieux.get_text()
    assert [a["href"] for a in lieux.select("a")] == [
        "chapitre.html#tf-cit-essai-1", "chapitre.html#tf-cit-parole-2", "chapitre.html#tf-cit-essai-3"]
    assert "dans Un chapitre, phrases 1, 2, 3" in lieux.get_text(), "the chapter named once, its sentences numbered"
    chapitre = BeautifulSoup((tiny_site / "chapitre.html").read_text(encoding="utf-8"), "html.parser")
    assert all(chapitre.find(id=a["href"].split("#")[1]) for a in lieux.select("a")), "each link finds its sentence"


def test_an_unknown_extract_stops_the_build_naming_page_and_id(tmp_path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extraits, "_extraits", lambda: EXTRAITS)
        _, warnings = _build(tmp_path, CHAPTER.replace("cit-parole", "cit-absent"))
    assert "chapitre.md" in warnings and "extrait inconnu" in warnings and "cit-absent" in warnings


def test_the_real_table_feeds_the_role():
    """Every row of data/citations.csv is an extract the role can show, with its post's title."""
    table = extraits._extraits()
    for identifiant, ligne in table.items():
        assert identifiant.startswith("cit-") and ligne["extrait"] and ligne["titre"], identifiant


def test_a_reader_opens_and_closes_an_extract(tiny_site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((tiny_site / "chapitre.html").as_uri())
    marque = page.locator(".transfonum-extrait-marque").first
    bulle = page.locator(".transfonum-extrait-bulle").first
    assert not bulle.is_visible()
    marque.click()
    assert bulle.is_visible() and marque.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not bulle.is_visible() and marque.get_attribute("aria-expanded") == "false"
    marque.click()
    page.mouse.click(5, 5)
    assert not bulle.is_visible(), "a click elsewhere closes it"
    for n in range(3):
        page.locator(".transfonum-extrait-marque").nth(n).click()
        box = page.locator(".transfonum-extrait-bulle").nth(n).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"bubble {n} fits a phone's width"
        page.keyboard.press("Escape")
    page.close()


def test_without_script_focus_shows_the_extract(tiny_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((tiny_site / "chapitre.html").as_uri())
    bulle = page.locator(".transfonum-extrait-bulle").first
    assert not bulle.is_visible()
    page.locator(".transfonum-extrait-marque").first.focus()
    assert bulle.is_visible(), "the extract is in the page: focus shows it"
    context.close()

"""Each chapter's deck: written with the site from the chapter's doctree (title, one
slide per chart or status table with its section title, one per discussion question,
« À retenir »), opened from the chapter's « Télécharger » menu, and shown offline with
every chart drawn and no accessibility violation (axe).

The unit tests build a tiny book in process (``sphinx.testing``): a notebook whose
stored outputs are charts and pandas tables, as myst-nb puts them in the doctree."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from test_accessibilite import violations

from transfonum.chemins import DIAPORAMAS, carnet_etudiant, diaporama
from transfonum.graphiques import CLASSE_EXPLORATEUR, CLASSE_STATIQUE
from transfonum.site import diaporamas

CONF = """
from transfonum.site import diaporamas

extensions = ["myst_nb"]
nb_execution_mode = "off"
exclude_patterns = ["_build", "exercises"]
language = "fr"


def setup(app):
    app.connect("doctree-resolved", diaporamas.ecrire)
"""
INDEX = """# Un livre

```{toctree}
:numbered:
book/chapitre
book/sans-graphique
book/autre
```
"""
EXPLORER = (f'<figure class="transfonum-figure"><div class="transfonum-chart {CLASSE_EXPLORATEUR}">'
            '<div class="transfonum-apercu"><svg></svg></div></div>'
            '<script type="application/json" class="transfonum-spec">{}</script>'
            "<figcaption>Source : une étude.</figcaption></figure>")
STATIC = (f'<figure class="transfonum-figure"><div class="transfonum-chart {CLASSE_STATIQUE}" role="img" '
          'aria-label="Un graphique"><svg></svg></div><figcaption>Source : une autre.</figcaption></figure>')
STATUS = pd.DataFrame({"Chiffre": ["72 %"], "Statut": ["confirmé"]}).set_index("Chiffre")
OTHER = pd.DataFrame({"Colonne": ["a"], "Type": ["texte"]})


def _output(html: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "<objet>"})


def _notebook(*cells: nbformat.NotebookNode) -> str:
    notebook = nbformat.v4.new_notebook(cells=list(cells))
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(notebook)


def _code(*outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell("graphique", outputs=list(outputs))


CHAPTER = _notebook(
    nbformat.v4.new_markdown_cell("# Un chapitre\n\nIntroduction."),
    nbformat.v4.new_markdown_cell("## Chiffres clés"),
    _code(_output(EXPLORER)),
    _code(_output(STATIC)),
    nbformat.v4.new_markdown_cell("Après."),
    _code(_output(STATUS._repr_html_()), _output(OTHER._repr_html_())),
    nbformat.v4.new_markdown_cell("### Dans le texte\n\n| Chiffre | Statut |\n|---|---|\n| 5 % | à vérifier |\n\n"
                                  "| Colonne | Type |\n|---|---|\n| b | nombre |"),
    nbformat.v4.new_markdown_cell("## Questions de discussion\n\n1. Pourquoi ?\n2. Comment ? Voir {doc}`autre`."),
    nbformat.v4.new_markdown_cell("## À retenir\n\n- Une idée.\n- Une autre."),
)
WITHOUT_CHART = "# Sans graphique\n\n## Questions de discussion\n\n1. Q ?\n"
OTHER_PAGE = "# Autre page\n\nSans carnet d'exercices, donc sans diaporama.\n"


def _build(root: Path, parallel: int = 0) -> Path:
    """Builds the tiny book in ``root``; returns its HTML folder (no warning allowed)."""
    files = {"conf.py": CONF, "index.md": INDEX, "book/chapitre.ipynb": CHAPTER,
             "book/sans-graphique.md": WITHOUT_CHART, "book/autre.md": OTHER_PAGE,
             carnet_etudiant("chapitre").as_posix(): "{}", carnet_etudiant("sans-graphique").as_posix(): "{}"}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    app = SphinxTestApp(srcdir=root, status=io.StringIO(), warning=warnings, parallel=parallel)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return Path(app.outdir)


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("diapos"))


def _slides(site: Path, chapter: str) -> tuple[BeautifulSoup, list]:
    deck = BeautifulSoup((site / diaporama(chapter)).read_text(encoding="utf-8"), "html.parser")
    return deck, deck.select("section.diapo")


def test_a_chapter_becomes_title_charts_tables_questions_and_summary_slides(tiny_site):
    deck, slides = _slides(tiny_site, "chapitre")
    assert len(slides) == 1 + 2 + 2 + 2 + 1, "a table without a status column is no slide"
    assert deck.title.get_text() == "Diaporama — Un chapitre", "the title's text, without its section number"
    assert slides[0].h1.get_text() == "Un chapitre"
    assert slides[0].a["href"] == "../book/chapitre.html"
    assert slides[1].h2.get_text() == "Chiffres clés" and "Source : une étude." in slides[1].get_text()
    assert slides[1].select_one("script.transfonum-spec"), "an explorer keeps its spec"
    assert slides[2].select_one(f".{CLASSE_STATIQUE} svg") and not slides[2].select("script"), \
        "a chart drawn as SVG needs no script"
    assert slides[3].h2.get_text() == "Chiffres clés" and "confirmé" in slides[3].get_text()
    assert not slides[3].select("style"), "the table without pandas' stylesheet"
    assert slides[4].h2.get_text() == "Dans le texte" and "à vérifier" in slides[4].select_one("table").get_text()
    assert "Question de discussion 2 sur 2" in slides[6].get_text() and "Comment ?" in slides[6].get_text()
    assert [li.get_text() for li in slides[7].select("li")] == ["Une idée.", "Une autre."]
    scripts = [s["src"] for s in deck.select("script[src]")]
    assert scripts == ["../_static/transfonum-explorateurs.js"]
    assert deck.select_one('link[href="../_static/transfonum.css"]'), "the site's chart layout (narrow or wide SVG)"


def test_links_in_a_deck_lead_to_the_site_pages(tiny_site):
    _, slides = _slides(tiny_site, "chapitre")
    assert [a["href"] for a in slides[6].select("a")] == ["../book/autre.html"]


def test_a_chapter_without_explorer_loads_no_chart_library(tiny_site):
    deck, slides = _slides(tiny_site, "sans-graphique")
    assert [s["aria-label"] for s in slides] == ["Diapositive 1 sur 2 : titre", "Diapositive 2 sur 2 : question 1"]
    assert not deck.select("script[src]")


def test_only_a_chapter_with_an_exercise_notebook_has_a_deck(tiny_site):
    assert sorted(p.name for p in (tiny_site / DIAPORAMAS).iterdir()) == ["chapitre.html", "sans-graphique.html"]


def test_a_parallel_build_writes_the_same_decks(tiny_site, tmp_path):
    """``doctree-resolved`` runs in the main process when pages are written in parallel."""
    parallel = _build(tmp_path, parallel=2)
    for name in ("chapitre", "sans-graphique"):
        assert (parallel / diaporama(name)).read_text(encoding="utf-8") == \
            (tiny_site / diaporama(name)).read_text(encoding="utf-8")


def _status_table(table) -> bool:
    return table.find_parent("figure") is None and any(
        th.get_text(strip=True) == diaporamas.ENTETE_STATUT for th in table.select("thead th"))


def test_every_chapter_deck_opens_from_its_page_and_shows_every_chart_offline(built_site, site_url, browser):
    html_dir, _ = built_site
    decks = sorted((html_dir / DIAPORAMAS).glob("*.html"))
    assert len(decks) >= 6
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    outside: list[str] = []

    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    for deck in decks:
        chapter = BeautifulSoup((html_dir / "book" / f"{deck.stem}.html").read_text(encoding="utf-8"), "html.parser")
        assert chapter.select_one(f'a[href="../{DIAPORAMAS.as_posix()}/{deck.name}"]'), f"{deck.stem} : pas de lien"
        figures = len(chapter.select("figure.transfonum-figure")) + len(
            [t for t in chapter.select("table") if _status_table(t)])
        questions = chapter.find(id=diaporamas.QUESTIONS)
        expected = 1 + figures + (len(questions.select("li")) if questions else 0) \
            + (1 if chapter.find(id=diaporamas.A_RETENIR) else 0)
        page.goto(f"{site_url}/{DIAPORAMAS.as_posix()}/{deck.name}")
        page.wait_for_function("() => [...document.querySelectorAll('.transfonum-chart')].every((c) => c.querySelector('svg'))",
                               timeout=30_000)
        assert page.locator(".diapo").count() == expected, deck.name
        assert violations(page) == [], deck.name
        assert page.locator(".commandes output").inner_text() == f"1 / {expected}"
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => document.querySelector('.commandes output').textContent === '2 / {expected}'")
    assert outside == []
    page.close()

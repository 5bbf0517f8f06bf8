"""Each chapter's deck: written with the site from the built page (title, one slide per
chart with its « Source : » line, one per discussion question, « À retenir »), opened
from the chapter's « Télécharger » menu, and shown offline with every chart drawn and
no accessibility violation (axe)."""

from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from test_accessibilite import violations

from transfonum.chemins import DIAPORAMAS
from transfonum.site import diaporamas

PAGE = """<html><body><article class="bd-article">
<h1><span class="section-number">3. </span>Un chapitre<a class="headerlink" href="#x">#</a></h1>
<section><h2><span class="section-number">3.1. </span>Chiffres clés</h2>
<figure class="transfonum-figure"><div class="transfonum-chart transfonum-explorateur"><div class="transfonum-apercu"><svg></svg></div></div>
<script type="application/json" class="transfonum-spec">{}</script><figcaption>Source : une étude.</figcaption></figure>
<figure class="transfonum-figure"><svg></svg><figcaption>Source : une autre.</figcaption></figure><p>Après.</p>
<table><thead><tr><th>Chiffre</th><th>Statut</th></tr></thead><tbody><tr><td>72 %</td><td>confirmé</td></tr></tbody></table>
<table><thead><tr><th>Colonne</th><th>Type</th></tr></thead></table>
</section>
<section id="questions-de-discussion"><h2>Questions</h2><ol><li><p>Pourquoi ?</p></li><li><p>Comment ?</p></li></ol></section>
<section id="a-retenir"><h2>À retenir</h2><ul><li>Une idée.</li></ul></section>
</article></body></html>"""


def test_a_page_becomes_title_charts_questions_and_summary_slides():
    titre, slides, explorers = diaporamas.diapositives(PAGE, "../book/chapitre.html")
    assert titre == "Un chapitre"
    assert len(slides) == 1 + 2 + 1 + 2 + 1, "a table without a status column is no slide"
    assert "Chiffres clés" in slides[1] and "Source : une étude." in slides[1] and "transfonum-spec" in slides[1]
    assert "<script" not in slides[2], "a chart drawn as SVG needs no script"
    assert "confirmé" in slides[3]
    assert "Question de discussion 2 sur 2" in slides[5] and "Comment ?" in slides[5]
    assert "Une idée." in slides[6]
    assert explorers
    document = diaporamas.document(titre, slides, "../_static", explorers)
    assert '<html lang="fr">' in document and 'src="../_static/transfonum-explorateurs.js"' in document
    assert 'href="../_static/transfonum.css"' in document, "the site's chart layout (narrow or wide SVG)"


def test_a_page_without_explorer_loads_no_chart_library():
    page = "<article><h1>Sans graphique</h1><section id='questions-de-discussion'><ol><li>Q ?</li></ol></section></article>"
    titre, slides, explorers = diaporamas.diapositives(page, "x.html")
    assert (titre, len(slides), explorers) == ("Sans graphique", 2, False)
    assert "transfonum-explorateurs.js" not in diaporamas.document(titre, slides, "../_static", explorers)


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
            [t for t in chapter.select("table") if diaporamas.table_des_statuts(t)])
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

"""The site's search is French and forgives accents (transfonum/site/recherche.py,
static/transfonum-recherche.js): the index and the query lose their accents before the
French stemmer; each result's summary is the passage that matched, from the article
(never the theme's buttons and menus). Real queries in Chromium on the built book, both
editions."""

from __future__ import annotations

import pytest
from sweep import open_recorded, violations

from transfonum.site.recherche import RechercheFrancaise, plier

#: What the theme and the kit put around an article: no summary may read them.
HABILLAGE = (".md", ".pdf", "Télécharger", "Chapitre (PDF)", "Fiche d'exercices (PDF)")

#: Every result on the screen has its summary.
RESUMES_A_L_ECRAN = ("[...document.querySelectorAll('ul.search li')]"
                     ".filter(li => li.getBoundingClientRect().top < innerHeight)"
                     ".every(li => li.querySelector('p.context'))")


def test_folding_removes_accents_and_keeps_the_rest():
    assert plier("Génération Ça coûte où ? œuvre") == "Generation Ca coute ou ? œuvre"


def test_accented_and_plain_words_share_one_stem_in_the_index():
    langue = RechercheFrancaise({})
    racines = {langue.stem(mot) for mot in langue.split("génération Generation générations")}
    assert racines == {"gener"}
    assert langue.stem("réseaux") == langue.stem("reseau") == "reseau"
    assert langue.word_filter(langue.stem("été")) is False, "an accented stop word is still a stop word"
    assert "splitQuery" in langue.js_splitter_code and "plierAccents" in langue.js_splitter_code


def _chercher(browser, base: str, requete: str, largeur: int = 390) -> dict:
    """The search page of the site at ``base`` asked ``requete``: its status line, for each
    result its address and its summary (the reader scrolls down to the last one), and how
    many result pages were fetched before the reader scrolled."""
    page = browser.new_page(viewport={"width": largeur, "height": 900})
    hors_site = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else hors_site.append(r.url))
    pages_demandees = []
    page.on("request", lambda r: "/book/" in r.url and r.url.endswith(".html") and pages_demandees.append(r.url))
    page.goto(f"{base}/search.html?q={requete}")
    page.wait_for_function("(document.querySelector('#search-results p.search-summary') || {}).textContent")
    page.wait_for_function(RESUMES_A_L_ECRAN)
    avant_defilement = len(pages_demandees)
    page.evaluate("async () => { for (const li of document.querySelectorAll('ul.search li')) {"
                  " li.scrollIntoView(); await new Promise(r => setTimeout(r, 20)); } }")
    page.wait_for_function("[...document.querySelectorAll('ul.search li')].every(li => li.querySelector('p.context'))")
    resultat = page.evaluate("""() => ({
        titre: document.querySelector('#search-results h2').textContent,
        statut: document.querySelector('#search-results p.search-summary').textContent,
        resultats: [...document.querySelectorAll('ul.search li')].map(li => ({
            adresse: li.querySelector('a').href.split('#')[0],
            resume: li.querySelector('p.context').textContent,
            surlignes: [...li.querySelectorAll('p.context .highlighted')].map(s => s.textContent),
        })),
    })""")
    page.close()
    resultat["hors_site"] = hors_site
    resultat["pages_avant_defilement"] = avant_defilement
    return resultat


def _pages(resultat: dict) -> set[str]:
    return {r["adresse"] for r in resultat["resultats"]}


def test_a_query_without_accents_finds_what_the_accented_one_finds(site_url, browser):
    avec, sans = _chercher(browser, site_url, "génération"), _chercher(browser, site_url, "generation")
    assert len(_pages(avec)) >= 5
    assert _pages(sans) == _pages(avec)
    assert len(sans["resultats"]) == len(avec["resultats"]), "titles are searched without accents too"
    assert avec["titre"] == "Résultats de la recherche" and avec["statut"].startswith("Recherche terminée")
    assert avec["hors_site"] == sans["hors_site"] == []


def test_summaries_are_fetched_as_results_near_the_screen(site_url, browser):
    """A phone shows three or four results: only their pages (and a few below) are fetched."""
    resultat = _chercher(browser, site_url, "reseau social")
    assert len(resultat["resultats"]) >= 15
    assert 1 <= resultat["pages_avant_defilement"] < len(resultat["resultats"]) / 2, resultat["pages_avant_defilement"]


def test_a_plural_finds_the_singular(site_url, browser):
    pluriel, singulier = _chercher(browser, site_url, "réseaux"), _chercher(browser, site_url, "reseau")
    assert _pages(pluriel) and _pages(pluriel) == _pages(singulier)


@pytest.mark.parametrize("requete, racine", [("génération", "gener"), ("reseau social", "reseau"),
                                             ("confiance", "confianc"), ("CDO", "cdo")])
def test_each_summary_shows_the_passage_that_matched(site_url, browser, requete, racine):
    resultat = _chercher(browser, site_url, requete)
    assert resultat["resultats"], requete
    for r in resultat["resultats"]:
        assert not any(chrome in r["resume"] for chrome in HABILLAGE), (r["adresse"], r["resume"])
        assert r["surlignes"], (r["adresse"], r["resume"])
        assert racine in plier(r["resume"]).lower(), (r["adresse"], r["resume"])
    assert resultat["hors_site"] == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_results_page_passes_axe_in_both_themes(site_url, browser, theme):
    """Words highlighted in a result's title (a link) keep their contrast in dark mode."""
    page, report = open_recorded(browser, f"{site_url}/search.html?q=reseau social", {"width": 390, "height": 900},
                                 color_scheme=theme)
    page.wait_for_function(f"[...document.querySelectorAll('ul.search li')].length && {RESUMES_A_L_ECRAN}")
    assert page.locator("ul.search li a .highlighted").count() > 0
    assert violations(page) == []
    assert not any(report.values()), report
    page.close()


def test_the_student_edition_searches_the_same_way(student_site_url, browser):
    avec, sans = (_chercher(browser, student_site_url, "génération"),
                  _chercher(browser, student_site_url, "generation"))
    assert _pages(avec) and _pages(sans) == _pages(avec)
    assert not any("/seance-" in adresse for adresse in _pages(avec)), "no session plan in the student edition"
    assert all("gener" in plier(r["resume"]).lower() for r in avec["resultats"])
    assert avec["hors_site"] == []

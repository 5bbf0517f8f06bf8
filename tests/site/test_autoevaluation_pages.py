"""Self-checks and explorers work in the static pages, with no kernel and no request to
another host: every self-check says « À revoir » to a wrong answer and « Juste » to the
right one (taken from the exported keys), on a phone and by keyboard; every Vega-Lite
slider redraws its chart. Checked on a probe book holding every exercise of the keys and
a slider (built in a temporary folder with the kit's real ``_config.yml``), then on
every page of the built site."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from test_construction import build_small, make_book
from sweep import PAGES, PHONE, SELFCHECK, built_pages, check_every_selfcheck, feedback, move_every_slider, open_recorded

from transfonum.exercices.cles import exporter_cles

#: Two charts drawn the way chapters draw theirs: the first one's filter follows its
#: slider; the second one's slider drives nothing (the test must notice it).
SLIDER_CELL = """```{code-cell} ipython3
import altair as alt
import pandas as pd
from transfonum import graphiques

graphiques.activer()
seuil = alt.param(name="seuil", value=5, bind=alt.binding_range(min=0, max=9, step=1, name="Seuil "))
table = pd.DataFrame({"x": list("abcdefghij"), "y": list(range(10))})
graphiques.finir(
    alt.Chart(table).mark_bar().encode(x="x:N", y="y:Q").add_params(seuil)
    .transform_filter(alt.datum.y <= seuil),
    titre="Essai", description="Barres filtrées par un curseur", source="Source : essai",
)
```

```{code-cell} ipython3
inerte = alt.param(name="inerte", value=5, bind=alt.binding_range(min=0, max=9, step=1, name="Inerte "))
graphiques.finir(
    alt.Chart(table).mark_bar().encode(x="x:N", y="y:Q").add_params(inerte),
    titre="Essai inerte", description="Barres que le curseur ne change pas", source="Source : essai",
)
```
"""


def probe_body(ids: list[str]) -> str:
    """A page with a self-check for each of ``ids`` and a chart driven by a slider."""
    checks = "".join(f"\n```{{autoevaluation}} {ex_id}\n```\n" for ex_id in ids)
    return "Une page d'essai.\n" + checks + "\n" + SLIDER_CELL


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory) -> Path:
    """A one-page book holding every exercise of the keys, built with the real config."""
    ids = [ex["id"] for ex in exporter_cles()["exercises"]]
    book = make_book(tmp_path_factory.mktemp("sonde"), probe_body(ids))
    result = build_small(book)
    assert result.returncode == 0, result.stdout[-4000:]
    return book / "_build" / "html"


@pytest.fixture(scope="module")
def probe_url(probe_site) -> str:
    """The probe book served on 127.0.0.1 (charts load their bundle as a module script,
    which browsers refuse from ``file://``; the self-checks are also tried from there)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(probe_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/book/page.html"
    server.shutdown()


def open_page(browser, url: str, viewport: dict | None = None):
    """Open ``url`` recorded, at phone size unless told otherwise."""
    return open_recorded(browser, url, viewport or PHONE)


# --- The probe book: every exercise, every type -------------------------------------

@pytest.mark.lent
def test_unknown_id_stops_the_build(tmp_path):
    book = make_book(tmp_path, "```{autoevaluation} exercice-fantome\n```\n")
    result = build_small(book)
    assert result.returncode != 0
    assert "page.md" in result.stdout and "exercice inconnu « exercice-fantome »" in result.stdout


def test_probe_page_answers_every_exercise(probe_url, browser):
    page, report = open_page(browser, probe_url)
    assert page.locator(SELFCHECK).count() == len(exporter_cles()["exercises"])
    problems = check_every_selfcheck(page, "sonde")
    count, slider_problems = move_every_slider(page, "sonde")
    page.close()
    assert problems == []
    assert count == 2 and slider_problems == ["sonde : le curseur n° 2 ne change pas le graphique"]
    assert all(items == [] for items in report.values()), report


def test_probe_page_shows_hostile_answers_as_text(probe_site, browser):
    """From file:// too: the key is in the page, nothing is fetched."""
    page, _ = open_page(browser, (probe_site / "book" / "page.html").as_uri())
    numeric = page.locator(SELFCHECK).filter(has=page.locator("input[inputmode=decimal]")).first
    for answer in ['<img src=x onerror="window.pirate=1">', "", "9" * 5000, "80 % %"]:
        numeric.get_by_label("Votre réponse").fill(answer)
        numeric.get_by_role("button", name="Vérifier").click()
        assert feedback(numeric).startswith("À revoir"), answer
    assert numeric.get_by_role("status").locator("img").count() == 0
    assert page.evaluate("() => window.pirate") is None
    page.close()


def test_probe_page_by_keyboard(probe_site, browser):
    """Tab reaches the answer field then the button; Space on the button gives a verdict."""
    page, _ = open_page(browser, (probe_site / "book" / "page.html").as_uri())
    numeric = page.locator(SELFCHECK).filter(has=page.locator("input[inputmode=decimal]")).first
    numeric.get_by_label("Votre réponse").focus()
    page.keyboard.type("abc")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Vérifier"
    page.keyboard.press("Space")
    assert feedback(numeric).startswith("À revoir")
    page.close()


def test_probe_page_loads_script_and_stylesheet(probe_site):
    html = (probe_site / "book" / "page.html").read_text(encoding="utf-8")
    assert "transfonum-selfcheck.js" in html and "transfonum-selfcheck.css" in html
    assert (probe_site / "_static" / "transfonum-selfcheck.js").exists()


# --- The built site ---------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_selfcheck_and_every_slider_of_the_site(site_visits, page):
    """Each self-check says « À revoir » then « Juste » at phone width; each slider redraws."""
    visit = site_visits[page]
    assert visit.errors() == []
    assert visit.selfcheck_problems == [], "\n".join(visit.selfcheck_problems)
    assert visit.slider_problems == [], "\n".join(visit.slider_problems)


def test_the_sweep_answers_selfchecks_and_moves_sliders(site_visits):
    assert sum(v.selfchecks for v in site_visits.values()) > 0, "aucune auto-évaluation sur le site"
    assert sum(v.sliders for v in site_visits.values()) > 0, "aucun curseur (explorateur) sur le site"


def test_script_only_on_the_site_pages_that_need_it(built_site):
    html_dir, _ = built_site
    for name in built_pages(html_dir):
        text = (html_dir / name).read_text(encoding="utf-8")
        assert ("transfonum-selfcheck.js" in text) == ('class="transfonum-selfcheck"' in text), name

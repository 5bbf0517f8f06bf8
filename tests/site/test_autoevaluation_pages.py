"""Self-checks and explorers work in the static pages, with no kernel and no request to
another host: every self-check says « À revoir » to a wrong answer and « Juste » to the
right one (taken from the exported keys), on a phone and by keyboard; every Vega-Lite
slider redraws its chart. Checked on a probe book holding every exercise of the keys and
a slider (built in a temporary folder with the kit's real ``_config.yml``), then on
every page of the built site."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from test_construction import build_small, make_book
from test_site import CHART_DRAWN, _pages, draw_every_explorer, open_recorded

from transfonum.exercices.cles import exporter_cles

SELFCHECK = "section.transfonum-selfcheck"
SLIDER = ".transfonum-chart .vega-bind input[type=range]"
PHONE = {"width": 390, "height": 844}

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


def _fr(value: float) -> str:
    return f"{value:.10g}".replace(".", ",")


def fill(section, key: dict, right: bool, keyboard: bool = False) -> None:
    """Give the right or a wrong answer in a self-check, then ask for the verdict."""
    if key["type"] == "numeric":
        value = key["expected"] if right else key["expected"] + key["tolerance"] + 1000
        field = section.get_by_label("Votre réponse")
        field.fill(_fr(value))
        if keyboard:
            field.press("Enter")
            return
    elif key["type"] == "choice":
        chosen = key["expected"] if right else next(c["id"] for c in key["choices"] if c["id"] != key["expected"])
        label = next(c["label"] for c in key["choices"] if c["id"] == chosen)
        section.get_by_label(label, exact=True).check()
    else:
        cats = [c["id"] for c in key["categories"]]
        for item in key["items"]:
            good = key["expected"][item["id"]]
            section.get_by_label(item["label"], exact=True).select_option(
                good if right else next(c for c in cats if c != good))
    section.get_by_role("button", name="Vérifier").click()


def feedback(section) -> str:
    return section.get_by_role("status").inner_text().strip()


def check_every_selfcheck(page, where: str) -> list[str]:
    """Answer every self-check of ``page`` wrongly, then rightly; return the problems."""
    exported = {ex["id"]: ex for ex in exporter_cles()["exercises"]}
    problems = []
    sections = page.locator(SELFCHECK)
    for n in range(sections.count()):
        section = sections.nth(n)
        key = json.loads(section.locator("script[type='application/json']").text_content())
        name = f"{where} : {key['id']}"
        if key != exported.get(key["id"]):
            problems.append(f"{name} : clé de la page différente de exporter_cles()")
        fill(section, key, right=False)
        if not feedback(section).startswith("À revoir"):
            problems.append(f"{name} : réponse fausse, retour {feedback(section)!r}")
        fill(section, key, right=True, keyboard=True)
        if not feedback(section).startswith("Juste"):
            problems.append(f"{name} : bonne réponse, retour {feedback(section)!r}")
        overflow = section.evaluate("(s) => s.scrollWidth > s.clientWidth || s.getBoundingClientRect().right > innerWidth")
        if overflow:
            problems.append(f"{name} : déborde de l'écran à {page.viewport_size['width']} px")
    return problems


def move_every_slider(page, where: str) -> tuple[int, list[str]]:
    """Move each slider to another end; return how many and those that changed nothing."""
    draw_every_explorer(page)
    page.wait_for_function(f"() => ({CHART_DRAWN})().every((n) => n > 0)", timeout=15000)
    sliders = page.locator(SLIDER)
    problems = []
    for n in range(sliders.count()):
        slider = sliders.nth(n)
        before = slider.evaluate("(s) => s.closest('.transfonum-chart').querySelector('svg').outerHTML")
        slider.evaluate("""(s) => {
            s.value = (s.value === s.min) ? s.max : s.min;
            s.dispatchEvent(new Event('input', {bubbles: true}));
        }""")
        try:
            page.wait_for_function(
                "([s, before]) => s.closest('.transfonum-chart').querySelector('svg').outerHTML !== before",
                arg=[slider.element_handle(), before], timeout=3000)
        except Exception:  # noqa: BLE001 - Playwright's timeout: reported below, with the page
            problems.append(f"{where} : le curseur n° {n + 1} ne change pas le graphique")
    return sliders.count(), problems


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

def test_every_selfcheck_of_the_site(built_site, site_url, browser):
    html_dir, _ = built_site
    pages = [p for p in _pages(html_dir) if 'class="transfonum-selfcheck"' in (html_dir / p).read_text(encoding="utf-8")]
    assert pages, "aucune auto-évaluation sur le site"
    problems = []
    for name in pages:
        page, report = open_page(browser, f"{site_url}/{name}")
        problems += check_every_selfcheck(page, name)
        page.close()
        problems += [f"{name} : {kind} : {item}" for kind, items in report.items() for item in items]
    assert problems == [], "\n".join(problems)


def test_every_slider_of_the_site(built_site, site_url, browser):
    html_dir, _ = built_site
    total, problems = 0, []
    for name in _pages(html_dir):
        if "transfonum-chart" not in (html_dir / name).read_text(encoding="utf-8"):
            continue
        page, report = open_page(browser, f"{site_url}/{name}", viewport={"width": 1280, "height": 900})
        count, moved = move_every_slider(page, name)
        page.close()
        total += count
        problems += moved + [f"{name} : {kind} : {item}" for kind, items in report.items() for item in items]
    assert problems == [], "\n".join(problems)
    assert total > 0, "aucun curseur (explorateur) sur le site"


def test_script_only_on_the_site_pages_that_need_it(built_site):
    html_dir, _ = built_site
    for name in _pages(html_dir):
        text = (html_dir / name).read_text(encoding="utf-8")
        assert ("transfonum-selfcheck.js" in text) == ('class="transfonum-selfcheck"' in text), name

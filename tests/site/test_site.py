"""The built site stands alone: every page opens with no request to another host, every
chart is drawn, and the browser reports no error. Charts without params come drawn in
the page (inline SVG, no script); explorers load the Vega bundle only when they near
the viewport, and take their place without moving the page."""

from __future__ import annotations

import re

import pytest
from sweep import EXPLORER, LIVE, PAGES, built_pages, draw_every_explorer, open_recorded, visit_page

#: Two animation frames: an IntersectionObserver has delivered its first entries.
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def test_the_sweep_visits_every_page_of_the_site(built_site):
    html_dir, _ = built_site
    assert "book/intro.html" in PAGES
    assert sorted(PAGES) == built_pages(html_dir)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_stands_alone(site_visits, page):
    """No request to another host, no error, every chart drawn, described and sourced."""
    visit = site_visits[page]
    problems = visit.errors() + [f"graphique sans description ni source : {c}" for c in visit.unlabelled]
    assert not problems, "\n".join(problems)
    assert all(n > 0 for n in visit.marks), f"graphique sans marques {visit.marks}"


def test_the_site_has_charts(site_visits):
    assert sum(len(v.marks) for v in site_visits.values()) > 0, "aucun graphique trouvé sur le site"


def test_recorder_catches_off_host_requests(built_site, site_url, browser, polices):
    """A visit does see and block a request to another host, a console error, and a
    drawn chart that lacks its description and its caption."""
    html_dir, _ = built_site
    (html_dir / "_sonde.html").write_text(
        "<img src='https://example.org/pixel.png'>"
        "<script>console.error('erreur de sonde')</script>"
        "<figure><div id='nu' class='transfonum-chart'><svg>"
        "<g class='mark-rect role-mark'><path d='M0,0h1v1z'></path></g></svg></div></figure>",
        encoding="utf-8",
    )
    visit = visit_page(browser, f"{site_url}/_sonde.html", polices)
    assert visit.report["off_host"] == ["https://example.org/pixel.png"]
    assert "erreur de sonde" in visit.report["console_errors"]
    assert visit.marks == [1]
    assert visit.unlabelled == ["nu"]
    assert visit.failure == ""


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_fits_the_page(built_site, site_url, browser, width):
    """On a phone as on a laptop, every chart shows one drawing, no wider than the text
    column, and its text stays legible (the drawing is not shrunk below 90 %)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site_url}/book/cdo.html")
    draw_every_explorer(page)
    shown = page.evaluate("""() => [...document.querySelectorAll('.transfonum-chart')].map((c) => {
        const column = c.parentElement.getBoundingClientRect().width;
        return [...c.querySelectorAll('svg')].filter((s) => s.getBoundingClientRect().width > 0)
            .map((s) => [s.getBoundingClientRect().width, column,
                         s.getBoundingClientRect().width / (+s.getAttribute('data-largeur') || s.getBoundingClientRect().width)]);
    })""")
    page.close()
    assert shown and all(len(svgs) == 1 for svgs in shown), shown
    assert all(svg <= column + 1 and scale >= 0.9 for (svg, column, scale), in shown), shown


def _chart_pages(html_dir, kind: str) -> list[str]:
    return [p for p in built_pages(html_dir) if kind in (html_dir / p).read_text(encoding="utf-8")]


def test_static_charts_need_no_script(built_site):
    """A chart without params is in the page as SVG, with its description as accessible
    name; pages without an explorer load no chart script at all."""
    html_dir, _ = built_site
    static_pages = _chart_pages(html_dir, "transfonum-statique")
    assert static_pages, "aucun graphique dessiné à la construction"
    for name in built_pages(html_dir):
        text = (html_dir / name).read_text(encoding="utf-8")
        assert "transfonum-vega.js" not in text, name  # never in the head of a page
        has_explorer = 'class="transfonum-chart transfonum-explorateur"' in text
        assert ("transfonum-explorateurs.js" in text) == has_explorer, name
        for chart in re.findall(r'<div id="[^"]+" class="transfonum-chart transfonum-statique"[^>]*>', text):
            assert re.search(r'role="img" aria-label="[^"]{10,}"', chart), (name, chart)


def test_explorer_loads_vega_only_when_near_and_does_not_move_the_page(built_site, site_url, browser):
    """On a phone, an explorer far below the first screen: the bundle is not fetched at
    load; scrolled to, it is fetched, the explorer comes alive with its controls, and
    neither its frame nor what follows moves."""
    html_dir, _ = built_site
    for name in _chart_pages(html_dir, "transfonum-explorateur"):
        requested = []
        page, report = open_recorded(browser, f"{site_url}/{name}", viewport={"width": 390, "height": 844})
        page.on("request", lambda r: requested.append(r.url))  # noqa: B023 - read in this turn only
        page.reload(wait_until="networkidle")
        page.evaluate(FRAMES)  # the explorers' observer has seen where each one is
        explorer = page.locator(EXPLORER).first
        if explorer.evaluate("(e) => e.getBoundingClientRect().top") > 2000:
            break
        page.close()
    else:
        pytest.fail("aucune page n'a d'explorateur loin sous le premier écran")
    assert not [u for u in requested if "transfonum-vega.js" in u]
    before = explorer.evaluate("""(e) => [e.getBoundingClientRect().height,
        e.closest('figure').querySelector('figcaption').getBoundingClientRect().top - e.getBoundingClientRect().top]""")
    explorer.scroll_into_view_if_needed()
    explorer.locator(LIVE).wait_for(state="attached", timeout=15000)
    after = explorer.evaluate("""(e) => [e.getBoundingClientRect().height,
        e.closest('figure').querySelector('figcaption').getBoundingClientRect().top - e.getBoundingClientRect().top]""")
    controls = explorer.locator(".vega-bind").count()
    page.close()
    assert [u for u in requested if "transfonum-vega.js" in u]
    assert controls > 0
    assert after == pytest.approx(before, abs=1), (before, after)
    assert all(items == [] for items in report.values()), report

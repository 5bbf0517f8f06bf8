"""The built site stands alone: every page opens with no request to another host, every
chart is drawn, and the browser reports no error. Charts without params come drawn in
the page (inline SVG, no script); explorers load the Vega bundle only when they near
the viewport, and take their place without moving the page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from transfonum.chemins import DIAPORAMAS

#: A chart counts as drawn when its container holds an SVG with at least one mark.
CHART_DRAWN = """() => [...document.querySelectorAll('.transfonum-chart')].map(
    (c) => c.querySelectorAll('svg [class*="role-mark"] > *').length)"""


#: Charts missing their screen-reader description or their "Source" caption.
CHART_UNLABELLED = """() => [...document.querySelectorAll('.transfonum-chart')].filter((c) =>
    !(c.getAttribute('aria-label') || '').trim()
    || !(c.closest('figure')?.querySelector('figcaption')?.textContent || '')
          .startsWith('Source')).map((c) => c.id)"""


def _pages(html_dir):
    """Every page of the site (not the theme's templates under _static/, nor the chapters'
    decks, standalone pages that tests/site/test_diaporamas.py checks, axe included)."""
    return sorted(
        p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
        if not p.name.startswith("_") and not {"_static", DIAPORAMAS.as_posix()} & set(p.relative_to(html_dir).parts)
    )


def open_recorded(browser, url: str, viewport: dict | None = None, **options):
    """Open ``url`` with every request to another host blocked and recorded; returns the
    page and its report (off-host requests, console and page errors, failed requests).
    ``data:`` and ``file:`` addresses are not off-host. ``options`` go to the browser's
    new page (e.g. ``color_scheme="dark"``)."""
    host = urlsplit(url).netloc
    report: dict[str, list[str]] = {"off_host": [], "console_errors": [], "page_errors": [], "failed": [],
                                    "http_errors": []}
    page = browser.new_page(viewport=viewport, **options) if viewport else browser.new_page(**options)

    def route(route):
        target = urlsplit(route.request.url)
        if target.netloc == host or target.scheme in ("data", "file"):
            route.continue_()
        else:
            report["off_host"].append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report["console_errors"].append(m.text))
    page.on("pageerror", lambda e: report["page_errors"].append(str(e)))
    page.on("requestfailed", lambda r: report["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and report["http_errors"].append(f"{r.status} {r.url}"))
    page.goto(url, wait_until="networkidle")
    return page, report


EXPLORER = ".transfonum-explorateur"
#: An explorer is live once Vega has drawn it (its build-time picture is then gone).
LIVE = ".transfonum-vivant.est-dessine"


def draw_every_explorer(page) -> None:
    """Scroll to each explorer of an open page and wait until Vega has drawn it."""
    explorers = page.locator(EXPLORER)
    for n in range(explorers.count()):
        explorer = explorers.nth(n)
        explorer.scroll_into_view_if_needed()
        explorer.locator(LIVE).wait_for(state="attached", timeout=15000)


def visit(browser, url: str) -> dict:
    """Open ``url`` recorded (see :func:`open_recorded`), bring every explorer to life and
    count each chart's marks."""
    page, report = open_recorded(browser, url)
    draw_every_explorer(page)
    page.wait_for_function(f"() => ({CHART_DRAWN})().every((n) => n > 0)", timeout=15000)
    report["marks"] = page.evaluate(CHART_DRAWN)
    report["unlabelled"] = page.evaluate(CHART_UNLABELLED)
    page.close()
    return report


def test_site_has_pages(built_site):
    html_dir, _ = built_site
    assert "book/intro.html" in _pages(html_dir)


def test_every_page_stands_alone(built_site, site_url, browser):
    html_dir, _ = built_site
    problems = []
    charts_seen = 0
    for page in _pages(html_dir):
        report = visit(browser, f"{site_url}/{page}")
        charts_seen += len(report["marks"])
        for kind in ("off_host", "console_errors", "page_errors", "failed", "http_errors", "unlabelled"):
            problems += [f"{page} : {kind} : {item}" for item in report[kind]]
        if any(n == 0 for n in report["marks"]):
            problems.append(f"{page} : graphique sans marques {report['marks']}")
    assert not problems, "\n".join(problems)
    assert charts_seen > 0, "aucun graphique trouvé sur le site"


def test_recorder_catches_off_host_requests(built_site, site_url, browser):
    """visit() does see and block a request to another host, a console error, and a
    drawn chart that lacks its description and its caption."""
    html_dir, _ = built_site
    (html_dir / "_sonde.html").write_text(
        "<img src='https://example.org/pixel.png'>"
        "<script>console.error('erreur de sonde')</script>"
        "<figure><div id='nu' class='transfonum-chart'><svg>"
        "<g class='mark-rect role-mark'><path d='M0,0h1v1z'></path></g></svg></div></figure>",
        encoding="utf-8",
    )
    report = visit(browser, f"{site_url}/_sonde.html")
    assert report["off_host"] == ["https://example.org/pixel.png"]
    assert "erreur de sonde" in report["console_errors"]
    assert report["marks"] == [1]
    assert report["unlabelled"] == ["nu"]


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
    return [p for p in _pages(html_dir) if kind in (html_dir / p).read_text(encoding="utf-8")]


def test_static_charts_need_no_script(built_site):
    """A chart without params is in the page as SVG, with its description as accessible
    name; pages without an explorer load no chart script at all."""
    html_dir, _ = built_site
    static_pages = _chart_pages(html_dir, "transfonum-statique")
    assert static_pages, "aucun graphique dessiné à la construction"
    for name in _pages(html_dir):
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
        page.wait_for_timeout(500)
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

"""The built site stands alone: every page opens with no request to another host, every
chart is drawn, and the browser reports no error."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

#: A chart counts as drawn when its container holds an SVG with at least one mark.
CHART_DRAWN = """() => [...document.querySelectorAll('.transfonum-chart')].map(
    (c) => c.querySelectorAll('svg [class*="role-mark"] > *').length)"""


#: Charts missing their screen-reader description or their "Source" caption.
CHART_UNLABELLED = """() => [...document.querySelectorAll('.transfonum-chart')].filter((c) =>
    !(c.getAttribute('aria-label') || '').trim()
    || !(c.closest('figure')?.querySelector('figcaption')?.textContent || '')
          .startsWith('Source')).map((c) => c.id)"""


def _pages(html_dir):
    """Every page of the site (not the theme's templates under _static/)."""
    return sorted(
        p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
        if not p.name.startswith("_") and "_static" not in p.relative_to(html_dir).parts
    )


def open_recorded(browser, url: str, viewport: dict | None = None):
    """Open ``url`` with every request to another host blocked and recorded; returns the
    page and its report (off-host requests, console and page errors, failed requests).
    ``data:`` and ``file:`` addresses are not off-host."""
    host = urlsplit(url).netloc
    report: dict[str, list[str]] = {"off_host": [], "console_errors": [], "page_errors": [], "failed": []}
    page = browser.new_page(viewport=viewport) if viewport else browser.new_page()

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
    page.goto(url, wait_until="networkidle")  # index.html redirects: let it land
    return page, report


def visit(browser, url: str) -> dict:
    """Open ``url`` recorded (see :func:`open_recorded`) and count each chart's marks."""
    page, report = open_recorded(browser, url)
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
        for kind in ("off_host", "console_errors", "page_errors", "failed", "unlabelled"):
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
    """On a phone as on a laptop, no chart is wider than the text column."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site_url}/book/intro.html")
    page.wait_for_function(f"() => ({CHART_DRAWN})().every((n) => n > 0)", timeout=15000)
    widths = page.evaluate("""() => [...document.querySelectorAll('.transfonum-chart')].map(
        (c) => [c.querySelector('svg').getBoundingClientRect().width,
                c.parentElement.getBoundingClientRect().width])""")
    page.close()
    assert widths and all(svg <= column + 1 for svg, column in widths), widths

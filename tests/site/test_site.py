"""The built site stands alone: every page opens with no request to another host, every
chart is drawn, and the browser reports no error. Charts without params come drawn in
the page (inline SVG, no script); explorers load the Vega bundle only on first use (never
on a scroll), and take their place without moving the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sweep import CONTROLS, EXPLORER, LIVE, PAGES, built_pages, draw_every_explorer, open_recorded, visit_page


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


def test_explorer_loads_vega_only_on_first_use_and_does_not_move_the_page(built_site, site_url, browser):
    """On a phone, a chapter read to its end fetches no Vega runtime, even when a finger
    scrolls across a chart: its explorers show their picture and their controls, written in
    the page. A control touched fetches it, once; the explorer comes alive, and neither its
    frame nor what follows moves."""
    html_dir, _ = built_site
    name = _chart_pages(html_dir, "transfonum-explorateur")[0]
    requested = []
    page, report = open_recorded(browser, f"{site_url}/{name}", viewport={"width": 390, "height": 844},
                                 has_touch=True, is_mobile=True)
    page.on("request", lambda r: requested.append(r.url))
    explorer = page.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    box = explorer.bounding_box()
    touch = page.context.new_cdp_session(page)
    touch.send("Input.synthesizeScrollGesture", {  # a finger that starts on the chart and scrolls
        "x": box["x"] + box["width"] / 2, "y": min(box["y"] + 40, 800), "yDistance": -600,
        "gestureSourceType": "touch", "speed": 1200})
    page.evaluate("() => scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if "transfonum-vega.js" in u], "read, not used: no runtime"
    explorer.scroll_into_view_if_needed()
    assert explorer.locator(CONTROLS).count() > 0, "the controls are there before the runtime"
    geometry = """(e) => [e.getBoundingClientRect().height,
        e.closest('figure').querySelector('figcaption').getBoundingClientRect().top - e.getBoundingClientRect().top]"""
    before = explorer.evaluate(geometry)
    explorer.locator(CONTROLS).first.tap()
    explorer.locator(LIVE).wait_for(state="attached", timeout=15000)
    after = explorer.evaluate(geometry)
    page.close()
    assert len([u for u in requested if "transfonum-vega.js" in u]) == 1
    assert after == pytest.approx(before, abs=1), (before, after)
    assert all(items == [] for items in report.values()), report


def test_a_wheel_under_a_resting_mouse_loads_nothing_and_a_mouse_moved_on_a_chart_does(
        built_site, site_url, browser):
    """On a laptop, the mouse rests over the text column while the wheel scrolls the page
    past the explorers (the browser sends pointer events that did not move): no runtime.
    Moved over a chart (for its tooltips), the mouse brings it."""
    html_dir, _ = built_site
    name = _chart_pages(html_dir, "transfonum-explorateur")[0]
    requested = []
    page, report = open_recorded(browser, f"{site_url}/{name}", viewport={"width": 1280, "height": 900})
    page.on("request", lambda r: requested.append(r.url))
    column = page.locator("article").bounding_box()
    page.mouse.move(column["x"] + column["width"] / 2, 450)
    for _ in range(60):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    assert not [u for u in requested if "transfonum-vega.js" in u], "scrolled, not used: no runtime"
    explorer = page.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    box = explorer.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3, steps=4)
    explorer.locator(LIVE).wait_for(state="attached", timeout=15000)
    page.close()
    assert len([u for u in requested if "transfonum-vega.js" in u]) == 1
    assert all(items == [] for items in report.values()), report


def test_a_slider_moved_before_the_runtime_arrives_is_what_the_live_chart_shows(built_site, site_url, browser):
    """The reader moves a slider while the runtime is still on its way: the control shows
    the new value in French at once, the picture fades, and the live chart opens on that
    value (moving the slider back then redraws it)."""
    html_dir, _ = built_site
    name = next(p for p in _chart_pages(html_dir, "transfonum-explorateur")
                if 'type="range"' in (html_dir / p).read_text(encoding="utf-8"))
    held = []
    page, report = open_recorded(browser, f"{site_url}/{name}", viewport={"width": 1280, "height": 900})
    page.route("**/transfonum-vega.js", lambda route: held.append(route))
    explorer = page.locator(EXPLORER).filter(has=page.locator("input[type=range]")).first
    slider = explorer.locator("input[type=range]").first
    start = slider.evaluate("(s) => s.value")
    slider.evaluate("""(s) => {
        s.value = (s.value === s.min) ? s.max : s.min;
        s.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    moved = slider.evaluate("(s) => s.value")
    shown = slider.evaluate("(s) => s.parentElement.querySelector('.vega-bind-value').textContent")
    faded = explorer.evaluate("(e) => e.classList.contains('attend-vega')")
    for _ in range(50):  # the runtime's request, held on its way
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "moving a slider asks for the runtime"
    held[0].continue_()
    explorer.locator(LIVE).wait_for(state="attached", timeout=15000)
    live = explorer.locator(LIVE).inner_html()
    slider.evaluate(f"""(s) => {{
        s.value = {start!r};
        s.dispatchEvent(new Event('input', {{bubbles: true}}));
    }}""")
    page.wait_for_function("([e, before]) => e.querySelector('.transfonum-vivant').innerHTML !== before",
                           arg=[explorer.element_handle(), live], timeout=5000)
    page.close()
    assert moved != start and shown.replace("\u00a0", "") == moved.replace(".", ","), (start, moved, shown)
    assert faded, "the picture fades while it no longer shows the controls' state"
    assert all(items == [] for items in report.values()), report


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_on_a_phone_and_in_the_dark(site_visits, page):
    """At 390 and 340 px no table is cut without a cue (it scrolls in its named frame, the
    hidden side fading), captions wrap, card tables show each cell under its column's
    header, the previous/next links and their titles fit on the screen, no chart's text runs
    past its drawing's edge; in the dark theme no output sits on a light panel."""
    visit = site_visits[page]
    assert visit.failure == "", visit.failure
    problems = (visit.tables_cut + visit.card_problems + visit.navigation_problems + visit.charts_cut
                + [f"sortie sur un panneau clair en thème sombre : {p}" for p in visit.light_panels])
    assert not problems, "\n".join(problems)


def test_session_plans_and_rubrics_are_cards_on_a_phone(site_visits):
    pages = [p for p in PAGES if re.match(r"book/enseigner/(seance|cas)-", p)]
    assert len(pages) >= 10, pages
    assert all(site_visits[p].cards > 0 for p in pages), {p: site_visits[p].cards for p in pages}


def test_phone_checks_catch_cut_tables_clipped_links_and_light_panels(built_site, site_url, browser, polices):
    """A page with no frame around a wide table, a frame with no cue, a card table without
    its layout nor its labels, a next link whose title pushes out of it, and an output on
    a light panel: the visit reports each one."""
    html_dir, _ = built_site
    (html_dir / "_sonde-lecteur.html").write_text(
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'></head><body><article>"
        "<table style='width:900px'><caption>Une légende qui ne passe pas à la ligne</caption>"
        "<tr><td>nu</td></tr></table>"
        "<div class='transfonum-defilant' style='overflow-x:auto' tabindex='0' aria-label='Tableau'>"
        "<table style='width:900px'><tr><td>sans signe</td></tr></table></div>"
        "<table class='transfonum-cartes'><tbody><tr><td>sans étiquette</td></tr></tbody></table>"
        "</article>"
        "<div class='cell_output'><div class='output' style='background:#eeeeee'>clair</div></div>"
        "<div class='prev-next-area'><a class='right-next' href='#'"
        " style='display:flex;float:right;max-width:45%;overflow:hidden'><div class='prev-next-info'>"
        "<p class='prev-next-subtitle'>suivant</p><p class='prev-next-title'>Transformationnumériquesansfin</p>"
        "</div><i>›</i></a></div></body></html>",
        encoding="utf-8",
    )
    visit = visit_page(browser, f"{site_url}/_sonde-lecteur.html", polices)
    assert visit.failure == ""
    cut = "\n".join(visit.tables_cut)
    for expected in ("sans cadre défilant : Une légende", "sans signe de la suite : sans signe",
                     "légende coupée : Une légende", "la page défile de côté"):
        assert f"390 px : tableau {expected}" in cut or expected in cut, (expected, cut)
    assert any("affiché en lignes" in p for p in visit.card_problems), visit.card_problems
    assert any("case sans l'en-tête" in p for p in visit.card_problems), visit.card_problems
    assert any("Transformationnumériquesansfin" in p for p in visit.navigation_problems), visit.navigation_problems
    assert visit.light_panels and "rgb(238, 238, 238)" in visit.light_panels[0], visit.light_panels


class _HeaderRows(HTMLParser):
    """The header rows of every table of a page: one list of rows (cell texts) per table."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._head = False
        self._cell: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "thead":
            self._head = True
        elif tag == "tr" and self._head:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self._head:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "thead":
            self._head = False
        elif tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def index_name_rows(html: str) -> list[str]:
    """The index names that a table of ``html`` shows on a header row of their own (the
    corner of the first row empty, the last row empty but for its first cell)."""
    reader = _HeaderRows()
    reader.feed(html)
    return [rows[-1][0] for rows in reader.tables
            if len(rows) > 1 and rows[0] and not rows[0][0] and rows[-1][0] and not any(rows[-1][1:])]


def test_index_name_rows_are_found():
    pandas_own = ("<table><thead><tr><th></th><th>Ce qu'en dit le billet</th></tr>"
                  "<tr><th>Cause</th><th></th></tr></thead><tbody></tbody></table>")
    corner = "<table><thead><tr><th>Cause</th><th>Ce qu'en dit le billet</th></tr></thead></table>"
    crosstab = "<table><thead><tr><th>heure</th><th>9</th></tr><tr><th>jour</th><th></th></tr></thead></table>"
    assert index_name_rows(pandas_own) == ["Cause"]
    assert index_name_rows(corner) == index_name_rows(crosstab) == []


def test_no_table_shows_its_index_name_on_a_row_of_its_own(built_site):
    """« Cause » sits in the corner of the header row, not under « Ce qu'en dit le billet »
    (transfonum.affichage, through the site's preparation cell)."""
    html_dir, _ = built_site
    found = {name: rows for name in built_pages(html_dir)
             if (rows := index_name_rows((html_dir / name).read_text(encoding="utf-8")))}
    assert not found, found

"""One browser visit per page of the built site, collecting everything the site's browser
tests check: requests to another host, console and page errors, chart marks drawn and
their labels, icon glyphs, axe in the light theme, then axe's contrast rule and light
panels in the dark theme, every slider moved, every self-check answered at phone width,
and at two phone widths the tables cut without a cue and the previous/next links.

:func:`visit_page` does one page; the session fixture ``site_visits`` (tests/site/conftest.py)
runs it once per page of :data:`PAGES`, and the tests of test_site, test_accessibilite,
test_icones and test_autoevaluation_pages assert on what it collected, one test per page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from transfonum.chemins import DIAPORAMAS
from transfonum.exercices.cles import exporter_cles
from transfonum.site import allegement
from transfonum.sommaire import pages_du_sommaire

#: A chart counts as drawn when its container holds an SVG with at least one mark.
CHART_DRAWN = """() => [...document.querySelectorAll('.transfonum-chart')].map(
    (c) => c.querySelectorAll('svg [class*="role-mark"] > *').length)"""


#: Charts missing their screen-reader description or their "Source" caption.
CHART_UNLABELLED = """() => [...document.querySelectorAll('.transfonum-chart')].filter((c) =>
    !(c.getAttribute('aria-label') || '').trim()
    || !(c.closest('figure')?.querySelector('figcaption')?.textContent || '')
          .startsWith('Source')).map((c) => c.id)"""


def built_pages(html_dir: Path) -> list[str]:
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


#: An explorer's controls, written in the page at build time (transfonum.commandes).
CONTROLS = ".vega-bind :is(input, select)"


def use_explorer(explorer) -> None:
    """Use an explorer as a keyboard reader would (focus its first control), which loads the
    Vega runtime, and wait until the live chart has replaced the picture."""
    explorer.locator(CONTROLS).first.focus()
    explorer.locator(LIVE).wait_for(state="attached", timeout=15000)


def draw_every_explorer(page) -> None:
    """Use each explorer of an open page and wait until Vega has drawn it."""
    explorers = page.locator(EXPLORER)
    for n in range(explorers.count()):
        use_explorer(explorers.nth(n))




#: Every rule of axe's default set, and one experimental rule that Lighthouse runs: a
#: control's name must contain its visible text.
OPTIONS_AXE = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}


def violations(page, options: dict = OPTIONS_AXE) -> list[str]:
    """axe's violations on an open page, one line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options=options).response
    return [f"{v['id']} ({v['impact']}) : {n['target']} : {n['failureSummary'].splitlines()[-1].strip()}"
            for v in response["violations"] for n in v["nodes"]]




#: Every element and pseudo-element drawn with an icon font: [family, weight, text, where].
ICONES_DE_LA_PAGE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (!style.fontFamily.includes('Font Awesome')) continue;
      let text;
      if (pseudo) {
        if (!style.content || style.content === 'none' || style.content === 'normal') continue;
        text = style.content.replace(/^"|"$/g, '');
      } else {
        text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
      }
      if (text) found.push([style.fontFamily, style.fontWeight, text,
                            (el.className.baseVal ?? el.className) + (pseudo || '')]);
    }
  }
  return found;
}"""
#: Icon elements (<i> or <span> with an icon font and an ``fa-`` class) that draw nothing:
#: their rule left the stylesheet.
ICONES_VIDES = """() => [...document.querySelectorAll('i[class*="fa-"], span[class*="fa-"]')].filter((el) => {
  if (!getComputedStyle(el).fontFamily.includes('Font Awesome')) return false;
  const content = getComputedStyle(el, '::before').content;
  return !content || content === 'none' || content === 'normal' || content === '""';
}).map((el) => el.className)"""


def polices_publiees(html_dir: Path) -> dict[tuple[str, str], set[int]]:
    """(famille, graisse) -> caractères de la police publiée, d'après les ``@font-face``."""
    from fontTools.ttLib import TTFont

    polices = {}
    for feuille in html_dir.rglob("*.css"):
        css = feuille.read_text(encoding="utf-8", errors="surrogateescape")
        for bloc in allegement.FONT_FACE.findall(css):
            famille = re.search(r"font-family:\s*([^;}]+)", bloc)[1].replace("\\ ", " ").strip("'\" ")
            if allegement.FAMILLE_ICONES not in famille:
                continue
            graisse = re.search(r"font-weight:\s*(\d+)", bloc)[1]
            (adresse,) = allegement.URL.findall(bloc)
            polices[(famille, graisse)] = set(TTFont(feuille.parent / adresse.split("?")[0]).getBestCmap())
    return polices


def icones_sans_glyphe(icones: list[list[str]], polices: dict) -> list[str]:
    """Those of ``icones`` (found by :data:`ICONES_DE_LA_PAGE`) whose characters are missing
    from their font."""
    problems = []
    for famille, graisse, texte, ou in icones:
        famille = famille.split(",")[0].strip("'\" ")
        cmap = polices.get((famille, graisse))
        for caractere in texte:
            if ord(caractere) in allegement.ZONE_PRIVEE and (cmap is None or ord(caractere) not in cmap):
                problems.append(f"{ou} : U+{ord(caractere):04X} absent de {famille} {graisse}")
    return problems




SELFCHECK = "section.transfonum-selfcheck"
SLIDER = ".transfonum-chart .vega-bind input[type=range]"
PHONE = {"width": 390, "height": 844}



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


#: Phone widths where tables and the previous/next links are checked (a common phone, a small one).
PHONE_WIDTHS = (390, 340)

#: Tables cut on the right (or left) with no cue: each table wider than what shows of it must
#: scroll in its frame (site/tableaux.py), named and reachable by keyboard, with the fading
#: edge drawn (the frame's --transfonum-fondu-fin, set by its scroll-driven animation); a
#: caption never runs past its frame; the page itself never scrolls sideways.
TABLES_CUT = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (t) => (t.caption?.textContent || t.querySelector('th, td')?.textContent || '').trim().slice(0, 50);
  for (const table of document.querySelectorAll('article table')) {
    const frame = table.closest('.transfonum-defilant');
    const shown = frame ? frame.getBoundingClientRect() : {left: 0, right: width};
    const box = table.getBoundingClientRect();
    if (box.right <= Math.min(shown.right, width) + 1 && box.left >= Math.max(shown.left, 0) - 1) continue;
    if (!frame) { problems.push(`tableau coupé, sans cadre défilant : ${name(table)}`); continue; }
    if (frame.scrollWidth <= frame.clientWidth) { problems.push(`tableau coupé par un cadre qui ne défile pas : ${name(table)}`); continue; }
    if (!(parseFloat(getComputedStyle(frame).getPropertyValue('--transfonum-fondu-fin')) > 0))
      problems.push(`tableau qui défile sans signe de la suite : ${name(table)}`);
    if (frame.tabIndex !== 0 || !(frame.getAttribute('aria-label') || '').trim())
      problems.push(`cadre défilant sans arrêt de tabulation ou sans nom : ${name(table)}`);
  }
  for (const caption of document.querySelectorAll('article table caption')) {
    const frame = caption.closest('.transfonum-defilant');
    const right = Math.min(frame ? frame.getBoundingClientRect().right : width, width);
    if (caption.getBoundingClientRect().right > right + 1 || caption.scrollWidth > caption.clientWidth + 1)
      problems.push(`légende coupée : ${caption.textContent.trim().slice(0, 50)}`);
  }
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`la page défile de côté (${document.documentElement.scrollWidth} px pour ${width} px)`);
  return problems;
}"""
#: Resolves once the theme's script has given each scrolling frame its tab stop (it does so
#: 300 ms after the window is resized).
TAB_STOPS_SET = """() => [...document.querySelectorAll('.transfonum-defilant')]
    .every((f) => f.scrollWidth <= f.clientWidth || f.tabIndex === 0)"""
#: Tables shown as cards (site/tableaux.py): [cards, problems] — a card table not laid out
#: as cards, or a cell without its column's header.
CARDS = """() => {
  const problems = [];
  let cards = 0;
  for (const table of document.querySelectorAll('article table.transfonum-cartes')) {
    const rows = table.querySelectorAll(':scope > tbody > tr');
    cards += rows.length;
    if (rows.length && getComputedStyle(rows[0]).display !== 'block')
      problems.push(`tableau en cartes affiché en lignes : ${table.querySelector('th')?.textContent.trim()}`);
    for (const cell of table.querySelectorAll(':scope > tbody > tr > td'))
      if (!(cell.dataset.label || '').trim()) problems.push(`case sans l'en-tête de sa colonne : ${cell.textContent.trim().slice(0, 40)}`);
  }
  return [cards, problems];
}"""
#: The previous and next links: each one, and all it holds (arrow, « Suivant », title),
#: on the screen and inside the link, its title never cut.
NAVIGATION = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  for (const link of document.querySelectorAll('.prev-next-area a')) {
    const box = link.getBoundingClientRect();
    for (const part of [link, ...link.querySelectorAll('i, .prev-next-subtitle, .prev-next-title')]) {
      const r = part.getBoundingClientRect();
      if (r.left < Math.max(box.left, 0) - 1 || r.right > Math.min(box.right, width) + 1)
        problems.push(`${link.className} : « ${part.textContent.trim() || part.className} » hors de l'écran ou coupé`);
    }
    const title = link.querySelector('.prev-next-title');
    if (title && title.scrollWidth > title.clientWidth + 1) problems.push(`${link.className} : titre coupé « ${title.textContent.trim()} »`);
  }
  return problems;
}"""
#: In the dark theme, notebook outputs on a light panel (relative luminance above 0.4).
LIGHT_PANELS = """() => [...document.querySelectorAll('.cell_output, .cell_output .output, .cell_output .widget-subarea')]
  .filter((el) => {
    const [r, g, b, a = 1] = (getComputedStyle(el).backgroundColor.match(/[\\d.]+/g) || []).map(Number);
    if (r === undefined || a < 0.1) return false;
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) > 0.4;
  }).map((el) => `${el.className} (${getComputedStyle(el).backgroundColor})`)"""


#: A chart's text past the edge of its drawing (a title or axis title too long for a phone
#: is cut there): each visible chart's SVG, each of its texts, its box inside the drawing's.
CHARTS_CUT = """() => {
  const problems = [];
  for (const svg of document.querySelectorAll('.transfonum-chart svg')) {
    const frame = svg.getBoundingClientRect();
    if (!frame.width || getComputedStyle(svg).display === 'none') continue;
    for (const text of svg.querySelectorAll('text')) {
      const box = text.getBoundingClientRect();
      if (!text.textContent.trim() || !box.width) continue;
      if (box.left < frame.left - 1 || box.right > frame.right + 1) {
        const chart = svg.closest('.transfonum-chart').getAttribute('aria-label') || '';
        problems.push(`« ${text.textContent.trim().slice(0, 40)} » dépasse du graphique « ${chart.slice(0, 40)} »`);
      }
    }
  }
  return problems;
}"""


#: Two animation frames: what a control changed is drawn.
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def charts_cut_in_every_choice(page) -> list[str]:
    """Each list of each live explorer set to each of its options in turn (its labels can
    be longer than the first state's): the chart texts then past their drawing's edge.
    Each list is set back to its first choice."""
    problems = []
    lists = page.locator(f"{EXPLORER} select")
    for n in range(lists.count()):
        choices = lists.nth(n).locator("option").all_inner_texts()
        start = lists.nth(n).evaluate("(s) => s.selectedIndex")
        for index, choice in enumerate(choices):
            lists.nth(n).select_option(index=index)
            page.evaluate(FRAMES)
            problems += [f"« {choice} » choisi : {p}" for p in page.evaluate(CHARTS_CUT)]
        lists.nth(n).select_option(index=start)
    return problems


def check_phone_layout(page, visit: "Visit") -> None:
    """At each of :data:`PHONE_WIDTHS`, note the tables cut without a cue, the card tables,
    the previous/next links that do not fit and the charts' texts cut at their edge."""
    for width in PHONE_WIDTHS:
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        try:
            page.wait_for_function(TAB_STOPS_SET, timeout=3000)
        except Exception:  # noqa: BLE001 - Playwright's timeout: the frames are reported below
            pass
        visit.tables_cut += [f"{width} px : {p}" for p in page.evaluate(TABLES_CUT)]
        cards, problems = page.evaluate(CARDS)
        visit.cards = max(visit.cards, cards)
        visit.card_problems += [f"{width} px : {p}" for p in problems]
        visit.navigation_problems += [f"{width} px : {p}" for p in page.evaluate(NAVIGATION)]
        visit.charts_cut += [f"{width} px : {p}" for p in page.evaluate(CHARTS_CUT)]
        visit.charts_cut += [f"{width} px : {p}" for p in charts_cut_in_every_choice(page)]


#: The site's window for the sweep (a laptop), before the self-checks at phone width.
LAPTOP = {"width": 1280, "height": 900}
#: In the dark theme, axe runs its contrast rule only: the rest does not depend on colours.
OPTIONS_AXE_SOMBRE = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast"]}}
THEME = "() => document.documentElement.dataset.theme || ''"
#: Resolves once every finite animation or transition of the page that runs in time (colours
#: changing with the theme) has ended; those that follow a scroll position (the fading edge
#: of a table's frame) never end, and are left out.
SETTLED = """() => Promise.all(document.getAnimations()
    .filter((a) => a.timeline === document.timeline && a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished))"""


def site_pages() -> list[str]:
    """The pages the built site must have, known before it is built: every file of
    ``_toc.yml``, the root copy of the introduction, the index and the search page."""
    return ["index.html", "genindex.html", "search.html"] + [f"{f}.html" for f in pages_du_sommaire()]


PAGES = site_pages()


@dataclass
class Visit:
    """What one visit of a page collected (see :func:`visit_page`)."""

    report: dict[str, list[str]] = field(default_factory=dict)
    marks: list[int] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)
    icons: int = 0
    icon_problems: list[str] = field(default_factory=list)
    themes: tuple[str, str] = ("", "")
    axe_light: list[str] = field(default_factory=list)
    axe_dark: list[str] = field(default_factory=list)
    sliders: int = 0
    selfchecks: int = 0
    slider_problems: list[str] = field(default_factory=list)
    selfcheck_problems: list[str] = field(default_factory=list)
    #: In the dark theme, outputs on a light panel.
    light_panels: list[str] = field(default_factory=list)
    #: At phone widths: tables cut without a cue, rows shown as cards and their problems,
    #: previous/next links off the screen or cut, chart texts past their drawing's edge.
    tables_cut: list[str] = field(default_factory=list)
    cards: int = 0
    card_problems: list[str] = field(default_factory=list)
    navigation_problems: list[str] = field(default_factory=list)
    charts_cut: list[str] = field(default_factory=list)
    #: The visit stopped there (a timeout, a script that never drew): the page's tests fail on it.
    failure: str = ""

    def errors(self) -> list[str]:
        """Off-host requests, console and page errors, failed requests and HTTP errors,
        and the failure of the visit itself."""
        found = [f"{kind} : {item}" for kind, items in self.report.items() for item in items]
        return found + ([f"visite interrompue : {self.failure}"] if self.failure else [])


def visit_page(browser, url: str, fonts: dict, name: str = "") -> Visit:
    """Open ``url`` once (light theme, 1280 px) with every off-host request blocked and
    recorded, bring every explorer to life, count each chart's marks, check each icon's
    glyph against the published ``fonts``, run axe; then switch to the dark theme, run
    axe's contrast rule and look for outputs on a light panel; move every slider; answer
    every self-check at phone width; check tables and previous/next links at phone widths."""
    visit = Visit()
    page, visit.report = open_recorded(browser, url, viewport=LAPTOP, color_scheme="light")
    try:
        draw_every_explorer(page)
        page.wait_for_function(f"() => ({CHART_DRAWN})().every((n) => n > 0)", timeout=15000)
        visit.marks = page.evaluate(CHART_DRAWN)
        visit.unlabelled = page.evaluate(CHART_UNLABELLED)
        icons = page.evaluate(ICONES_DE_LA_PAGE)
        visit.icons = len(icons)
        visit.icon_problems = icones_sans_glyphe(icons, fonts)
        visit.icon_problems += [f"icône sans dessin : {c}" for c in page.evaluate(ICONES_VIDES)]
        visit.axe_light = violations(page)
        light = page.evaluate(THEME)
        page.emulate_media(color_scheme="dark")
        if light:  # a page of the theme follows the reader's system
            page.wait_for_function(f"() => ({THEME})() === 'dark'", timeout=5000)
        visit.themes = (light, page.evaluate(THEME))
        page.evaluate(SETTLED)
        visit.axe_dark = violations(page, OPTIONS_AXE_SOMBRE)
        visit.light_panels = page.evaluate(LIGHT_PANELS)
        visit.sliders, visit.slider_problems = move_every_slider(page, name)
        page.set_viewport_size(PHONE)
        visit.selfchecks = page.locator(SELFCHECK).count()
        visit.selfcheck_problems = check_every_selfcheck(page, name)
        check_phone_layout(page, visit)
    except Exception as err:  # noqa: BLE001 - Playwright's errors: reported by the page's tests
        visit.failure = str(err).splitlines()[0]
    finally:
        page.close()
    return visit

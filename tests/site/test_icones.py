"""Every icon still renders without fontawesome.js: in Chromium, each element or
pseudo-element drawn with an icon font shows characters that the published (cut-down)
font holds. The fonts are read with fontTools, the family and weight of each font from
the site's own ``@font-face`` rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_site import _pages, open_recorded

from transfonum.site import allegement

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


def icones_sans_glyphe(page, polices) -> list[str]:
    """The icons of an open page whose characters are missing from their font."""
    problems = []
    for famille, graisse, texte, ou in page.evaluate(ICONES_DE_LA_PAGE):
        famille = famille.split(",")[0].strip("'\" ")
        cmap = polices.get((famille, graisse))
        for caractere in texte:
            if ord(caractere) in allegement.ZONE_PRIVEE and (cmap is None or ord(caractere) not in cmap):
                problems.append(f"{ou} : U+{ord(caractere):04X} absent de {famille} {graisse}")
    return problems


@pytest.fixture(scope="module")
def polices(built_site):
    pytest.importorskip("fontTools", reason="fontTools (requirements.txt) absent : polices publiées entières")
    html_dir, _ = built_site
    polices = polices_publiees(html_dir)
    assert polices, "aucune police d'icônes publiée"
    return polices


def test_every_icon_of_every_page_has_its_glyph(built_site, site_url, browser, polices):
    html_dir, _ = built_site
    problems, seen = [], 0
    for name in _pages(html_dir):
        page, report = open_recorded(browser, f"{site_url}/{name}")
        icons = page.evaluate(ICONES_DE_LA_PAGE)
        seen += len(icons)
        problems += [f"{name} : {p}" for p in icones_sans_glyphe(page, polices)]
        problems += [f"{name} : icône sans dessin : {c}" for c in page.evaluate(ICONES_VIDES)]
        problems += [f"{name} : {kind} : {item}" for kind, items in report.items() for item in items]
        page.close()
    assert problems == [], "\n".join(problems)
    assert seen > 20, f"trop peu d'icônes trouvées ({seen}) : la sonde ne les voit plus ?"


def test_an_icon_cut_from_the_font_would_be_seen(built_site, site_url, browser, polices):
    """The check can fail: an icon the site never uses (its rule and glyph cut) is reported."""
    html_dir, _ = built_site
    (html_dir / "book" / "_sonde-icone.html").write_text(
        '<link rel="stylesheet" href="../_static/styles/theme.css">'
        '<link rel="stylesheet" href="../_static/styles/pydata-sphinx-theme.css">'
        '<style>.sonde::before { content: "\\f13d"; }</style>'
        '<i class="fa-solid fa-xmark"></i><i class="fa-solid fa-anchor"></i><i class="fa-solid sonde"></i>',
        encoding="utf-8")
    page, _ = open_recorded(browser, f"{site_url}/book/_sonde-icone.html")
    problems = icones_sans_glyphe(page, polices)
    empty = page.evaluate(ICONES_VIDES)
    page.close()
    # fa-anchor's rule left the stylesheet with its glyph: it draws nothing, and is seen;
    # a rule that still asks for that glyph finds it missing from the font, and is seen.
    assert empty == ["fa-solid fa-anchor"], empty
    assert len(problems) == 1 and "sonde" in problems[0] and "U+F13D" in problems[0], problems


#: In a search field: the magnifier's right edge and where the typed text starts.
LOUPE_ET_TEXTE = """(form) => {
  const icon = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
  const input = form.querySelector('input');
  return [icon.right, input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft)];
}"""


def test_the_search_magnifier_does_not_cover_the_typed_text(site_url, browser):
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    tab.goto(f"{site_url}/search.html?q=Edenred", wait_until="load")
    icon_right, text_left = tab.locator(".bd-search-container form.bd-search").evaluate(LOUPE_ET_TEXTE)
    assert icon_right <= text_left, "page de recherche"
    tab.goto(f"{site_url}/book/cdo.html", wait_until="load")
    tab.locator("button.search-button__button:visible").first.click()
    icon_right, text_left = tab.locator("#pst-search-dialog form.bd-search").evaluate(LOUPE_ET_TEXTE)
    assert icon_right <= text_left, "fenêtre de recherche"
    tab.close()

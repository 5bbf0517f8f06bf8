"""Every icon still renders without fontawesome.js: in Chromium, each element or
pseudo-element drawn with an icon font shows characters that the published (cut-down)
font holds. The fonts are read with fontTools, the family and weight of each font from
the site's own ``@font-face`` rules."""

from __future__ import annotations

import pytest
from sweep import PAGES, visit_page


@pytest.mark.parametrize("page", PAGES)
def test_every_icon_of_every_page_has_its_glyph(site_visits, page):
    visit = site_visits[page]
    assert visit.errors() == []
    assert visit.icon_problems == [], "\n".join(visit.icon_problems)


def test_the_sweep_sees_the_icons(site_visits):
    seen = sum(v.icons for v in site_visits.values())
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
    problems = visit_page(browser, f"{site_url}/book/_sonde-icone.html", polices).icon_problems
    # A rule that still asks for a glyph cut from the font finds it missing, and is seen;
    # fa-anchor's rule left the stylesheet with its glyph: it draws nothing, and is seen.
    assert len(problems) == 2 and "sonde" in problems[0] and "U+F13D" in problems[0], problems
    assert problems[1] == "icône sans dessin : fa-solid fa-anchor", problems


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

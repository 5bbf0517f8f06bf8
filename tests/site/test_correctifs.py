"""The theme's markup the kit changes: by its own templates, node visitors and
post-transforms, and, for what no layer reaches, by the declared patches of
``transfonum.site.correctifs``. A patch that no longer finds its markup stops the build
naming the patch; these tests feed it pages whose markup changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from transfonum.site import correctifs
from transfonum.site.correctifs import CORRECTIFS, Correctif, CorrectifSansEffet

#: One page written by the theme as it is today, with what each HTML patch looks for.
PAGE_DU_THEME = """<html><head>
  <script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
</head><body>
<div class="bd-header__inner bd-page-width">
  <button class="pst-navbar-icon sidebar-toggle primary-toggle" aria-label="Navigation du site">
    <span class="fa-solid fa-bars"></span>
  </button>
</div>
<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar"><nav>
<details><summary><span class="toctree-toggle" role="presentation"><i></i></span></summary></details>
</nav></div>
</body></html>"""
SCRIPT_DU_THEME = 'x = `<button aria-label="Toggle hidden content" aria-expanded="false">`;'


def _site(dossier: Path, pages: dict[str, str], script: str = SCRIPT_DU_THEME) -> Path:
    for nom, html in pages.items():
        (dossier / nom).parent.mkdir(parents=True, exist_ok=True)
        (dossier / nom).write_text(html, encoding="utf-8")
    (dossier / "_static").mkdir(exist_ok=True)
    (dossier / "_static" / "togglebutton.js").write_text(script, encoding="utf-8")
    return dossier


def test_every_patch_applies_to_the_theme_markup(tmp_path):
    site = _site(tmp_path, {"book/cdo.html": PAGE_DU_THEME, "search.html": "<html><head></head></html>"})
    with pytest.raises(CorrectifSansEffet):  # search.html lacks the sidebar the other patches need
        correctifs.appliquer(site)
    (site / "search.html").unlink()
    site = _site(tmp_path, {"book/cdo.html": PAGE_DU_THEME})
    comptes = correctifs.appliquer(site)
    assert comptes == {"bouton-replie-js": 1, "bouton-menu-cache": 1, "colonne-sommaire": 1,
                       "triangle-sommaire": 1, "script-icones": 1, "scripts-recherche": 3}
    page = (site / "book/cdo.html").read_text(encoding="utf-8")
    assert "fontawesome" not in page and "search" not in page and "primary-toggle" not in page
    assert 'role="complementary" aria-label="Sommaire et recherche"' in page
    assert '<summary aria-label="Afficher les pages de cette partie">' in page
    assert "Toggle" not in (site / "_static/togglebutton.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("correctif", CORRECTIFS, ids=lambda c: c.nom)
def test_a_changed_markup_stops_the_build_naming_the_patch(tmp_path, correctif):
    """Each patch, fed a site where the theme wrote its markup differently, fails
    loudly: a French message that names it and the file."""
    page, script = PAGE_DU_THEME, SCRIPT_DU_THEME
    if correctif.fichiers.endswith(".js"):
        script = script.replace("Toggle hidden content", "Toggle the hidden content")
    else:
        # the markup changes shape, but what it is stays (a patch's witness still sees it)
        page = correctif.ancien.sub(lambda m: "<!-- balisage changé -->" + "".join(
            correctif.temoin.findall(m.group(0)) if correctif.temoin else []), page)
    site = _site(tmp_path, {"book/cdo.html": page}, script)
    with pytest.raises(CorrectifSansEffet, match=f"« {correctif.nom} » ne trouve plus") as erreur:
        correctifs.appliquer_correctif(correctif, site)
    assert correctif.origine in str(erreur.value)
    assert ("togglebutton.js" if correctif.fichiers.endswith(".js") else "book/cdo.html") in str(erreur.value)


def test_a_patch_with_a_witness_asks_only_where_the_markup_is(tmp_path):
    """The part toggle exists only when a part of the table of contents has pages: a page
    without one needs no patch, a page whose toggle changed shape stops the build."""
    sans_partie = PAGE_DU_THEME.replace('<details><summary><span class="toctree-toggle" role="presentation"><i></i></span>'
                                        '</summary></details>', "")
    site = _site(tmp_path, {"a.html": sans_partie, "b.html": PAGE_DU_THEME})
    assert correctifs.appliquer(site)["triangle-sommaire"] == 1
    autre_forme = PAGE_DU_THEME.replace("<summary><span", '<summary class="x"><span')
    site = _site(tmp_path / "autre", {"a.html": autre_forme})
    with pytest.raises(CorrectifSansEffet, match=r"« triangle-sommaire » .*a\.html \(0 sur 1\)"):
        correctifs.appliquer(site)


def test_search_as_you_type_keeps_the_search_scripts(tmp_path):
    site = _site(tmp_path, {"book/cdo.html": PAGE_DU_THEME})
    comptes = correctifs.appliquer(site, options_du_theme={"search_as_you_type": True})
    assert "scripts-recherche" not in comptes
    assert "searchindex.js" in (site / "book/cdo.html").read_text(encoding="utf-8")


def test_a_theme_file_gone_stops_the_build(tmp_path):
    """A theme script renamed upstream: the patch has nothing to patch, and says so."""
    site = _site(tmp_path, {"book/cdo.html": PAGE_DU_THEME})
    (site / "_static" / "togglebutton.js").rename(site / "_static" / "toggle-button.js")
    with pytest.raises(CorrectifSansEffet, match="« bouton-replie-js » .*aucun fichier _static/togglebutton.js"):
        correctifs.appliquer(site)


def test_a_patch_needs_at_least_one_match_per_file():
    with pytest.raises(ValueError, match="au moins 1"):
        Correctif(nom="x", origine="y", fichiers="*.html", ancien=re.compile("a"), nouveau="b", par_fichier=0)


def test_a_patch_reports_each_page_that_misses_its_count(tmp_path):
    correctif = Correctif(nom="essai", origine="un thème", fichiers="**/*.html",
                          ancien=re.compile("<b>"), nouveau="<strong>", par_fichier=2)
    site = _site(tmp_path, {"a.html": "<b><b>", "b.html": "<b>", "c/d.html": "rien"})
    with pytest.raises(CorrectifSansEffet) as erreur:
        correctifs.appliquer_correctif(correctif, site)
    assert "b.html (1 sur 2)" in str(erreur.value) and "c/d.html (0 sur 2)" in str(erreur.value)
    assert "a.html" not in str(erreur.value).split("(")[1]


def test_only_pages_written_by_this_build_are_patched(tmp_path):
    """An incremental build writes some pages: the others are already patched and are
    left alone (their count would be zero)."""
    deja = correctifs.appliquer(_site(tmp_path, {"a.html": PAGE_DU_THEME}))
    assert all(deja.values())
    (tmp_path / "b.html").write_text(PAGE_DU_THEME, encoding="utf-8")
    ensuite = correctifs.appliquer(tmp_path, pages=[tmp_path / "b.html"])
    assert ensuite == deja  # b.html patched as a.html was; the script already was
    assert correctifs.appliquer(tmp_path, pages=[]) == {**{c.nom: 0 for c in CORRECTIFS}, "bouton-replie-js": 1}


def test_the_built_site_carries_every_change(built_site):
    """On the real build: templates, visitors and patches all took effect."""
    html_dir, _ = built_site
    cdo = BeautifulSoup((Path(html_dir) / "book" / "cdo.html").read_text(encoding="utf-8"), "html.parser")
    recherche = cdo.select_one("button.search-button-field")
    assert recherche is not None and not recherche.has_attr("aria-label")
    assert cdo.select_one("nav.bd-docs-nav")["aria-label"] == "Sommaire du livre"
    assert cdo.select_one(".primary-toggle")["title"] == "Afficher ou masquer le sommaire du livre"
    assert cdo.select_one("#pst-primary-sidebar")["role"] == "complementary"
    assert cdo.select("details.hide summary") and not any(s.has_attr("aria-label") for s in cdo.select("details.hide summary"))
    assert not cdo.find("script", src=re.compile("fontawesome|searchtools"))
    assert "prefers-color-scheme" in cdo.head.decode()
    biblio = (Path(html_dir) / "book" / "bibliographie.html").read_text(encoding="utf-8")
    assert 'role="listitem"' in biblio and "doc-biblioentry" not in biblio
    pied = cdo.select_one("p.copyright")
    assert pied is not None and pied.get_text(strip=True).startswith("©") and "Copyright" not in pied.get_text()


def test_the_menu_button_opens_the_book_navigation_on_a_phone(site_url, browser):
    """The theme's scripts wire the first « primary-toggle » of the page; with the hidden
    header one removed (bouton-menu-cache), that is the one a reader sees and taps."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{site_url}/book/cdo.html", wait_until="networkidle")
    boutons = page.locator(".primary-toggle")
    assert boutons.count() == 1 and boutons.first.is_visible()
    boutons.first.click()
    menu = page.locator("#pst-primary-sidebar-modal")
    menu.wait_for(state="visible")
    assert menu.locator("nav.bd-docs-nav a", has_text="Le Chief Digital Officer").first.is_visible()
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden")
    page.close()

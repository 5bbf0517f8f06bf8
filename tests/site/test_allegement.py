"""Light pages: what no reader uses is not published (source maps, fontawesome.js, icon
fonts beyond the glyphs the site draws), head scripts do not block rendering, the root
is the introduction itself, and every page has a favicon and a meta description."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docutils.core import publish_doctree

import pydata_sphinx_theme
from transfonum.graphiques import PALETTE
from transfonum.site import allegement, entete

POLICES_DU_THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "vendor" / "fontawesome" / "webfonts"


# --- Source maps ---------------------------------------------------------------------

def test_source_maps_and_their_comments_go(tmp_path):
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    (tmp_path / "_static" / "scripts" / "a.js").write_text("f();\n//# sourceMappingURL=a.js.map\n")
    (tmp_path / "_static" / "scripts" / "a.js.map").write_text("{}")
    (tmp_path / "_static" / "b.css").write_text("p{}\n/*# sourceMappingURL=b.css.map*/")
    (tmp_path / "_static" / "b.css.map").write_text("{}")
    removed = allegement.retirer_cartes(tmp_path)
    assert len(removed) == 2 and not list(tmp_path.rglob("*.map"))
    assert (tmp_path / "_static" / "scripts" / "a.js").read_text() == "f();\n"
    assert (tmp_path / "_static" / "b.css").read_text() == "p{}"


# --- Scripts of a page ------------------------------------------------------------------

def test_page_scripts_are_deferred_but_the_ones_read_at_once():
    from sphinx.builders.html._assets import _JavaScript

    contexte = {"script_files": [
        _JavaScript("_static/documentation_options.js"), _JavaScript(None, body="var x = 1;"),
        _JavaScript("_static/m.js", type="module"), _JavaScript("_static/doctools.js"),
        _JavaScript("_static/a.js", **{"async": "async"}), _JavaScript("_static/b.js", priority=800, id="b"),
    ]}
    allegement.scripts_de_page(contexte)
    scripts = {s.filename: s for s in contexte["script_files"]}
    assert [s.filename for s in contexte["script_files"]] == [
        "_static/documentation_options.js", None, "_static/m.js", "_static/doctools.js", "_static/a.js", "_static/b.js"]
    # Stay as they are: the script the inline ones need at once, an inline script, a
    # module (deferred anyway), a script already asynchronous.
    for kept in ("_static/documentation_options.js", None, "_static/m.js"):
        assert "defer" not in scripts[kept].attributes, kept
    assert "defer" not in scripts["_static/a.js"].attributes
    assert scripts["_static/doctools.js"].attributes["defer"] == "defer"
    assert scripts["_static/b.js"].attributes == {"id": "b", "defer": "defer"} and scripts["_static/b.js"].priority == 800
    recherche = {"pagename": "search", "script_files": [_JavaScript("_static/doctools.js")]}
    allegement.scripts_de_page(recherche)  # its template's search scripts need doctools.js at once
    assert "defer" not in recherche["script_files"][0].attributes


def test_css_imports_are_inlined_with_their_urls_rebased(tmp_path):
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "_static" / "basic.css").write_text("div.x{background:url(file.png)}")
    (tmp_path / "_static" / "styles" / "theme.css").write_text('/* theme */\n@import "../basic.css";\np{}')
    assert allegement.integrer_imports(tmp_path) == [tmp_path / "_static" / "styles" / "theme.css"]
    css = (tmp_path / "_static" / "styles" / "theme.css").read_text()
    assert css == "/* theme */\ndiv.x{background:url(../file.png)}\np{}"
    assert allegement.integrer_imports(tmp_path) == []  # nothing left to inline


# --- The root page ---------------------------------------------------------------------

@pytest.mark.parametrize("address, expected", [
    ("../_static/a.css?v=1", "_static/a.css?v=1"),
    ("cdo.html", "book/cdo.html"),
    ("cdo.html#exercices", "book/cdo.html#exercices"),
    ("#objectifs", "#objectifs"),
    ("../", "./"),
    ("../search.html", "search.html"),
    ("../_images/x.png", "_images/x.png"),
    ("https://mybinder.org/v2/gh/x", "https://mybinder.org/v2/gh/x"),
    ("mailto:a@b.fr", "mailto:a@b.fr"),
    ("data:image/svg+xml;base64,AAA", "data:image/svg+xml;base64,AAA"),
])
def test_root_copy_rewrites_relative_addresses(address, expected):
    assert allegement.rebaser_adresse(address, "book") == expected


def test_root_page_is_the_home_page_not_a_redirect(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.html").write_text(
        '<html data-content_root="../"><link href="../_static/t.css"><a href="cdo.html">CDO</a></html>')
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/intro.html" />')
    assert allegement.ecrire_racine(tmp_path, "book/intro")
    root = (tmp_path / "index.html").read_text()
    assert root == '<html data-content_root="./"><link href="_static/t.css"><a href="book/cdo.html">CDO</a></html>'
    assert not allegement.ecrire_racine(tmp_path, "index")  # a book whose root is index: nothing to do


# --- Icon fonts ------------------------------------------------------------------------

CSS_ICONES = r"""@font-face{font-display:block;font-family:Font Awesome\ 6 Free;font-style:normal;font-weight:900;src:url(../webfonts/fa-solid-900.woff2) format("woff2"),url(../webfonts/fa-solid-900.ttf) format("truetype")}
.fa-solid{font-weight:900}.fa-close:before,.fa-xmark:before{content:"\f00d"}.fa-anchor:before{content:"\f13d"}
html{--pst-icon-angle-down:"\f107"}.x:after{content:var(--pst-icon-angle-down)}"""


def _site_with_icons(root: Path) -> Path:
    (root / "_static" / "styles").mkdir(parents=True)
    (root / "_static" / "webfonts").mkdir()
    for name in ("fa-solid-900.ttf", "fa-solid-900.woff2"):
        shutil.copy(POLICES_DU_THEME / name, root / "_static" / "webfonts" / name)
    (root / "_static" / "styles" / "theme.css").write_text(CSS_ICONES, encoding="utf-8")
    (root / "page.html").write_text('<i class="fa-solid fa-xmark"></i>', encoding="utf-8")
    return root


def test_icons_needed_come_from_pages_scripts_and_stylesheets(tmp_path):
    site = _site_with_icons(tmp_path)
    assert allegement.catalogue_icones(CSS_ICONES) == {"fa-close": 0xF00D, "fa-xmark": 0xF00D, "fa-anchor": 0xF13D}
    assert allegement.caracteres_employes(site) == {0xF00D, 0xF107}  # fa-anchor is not used
    (site / "_static" / "menu.js").write_text('i.classList = "fa-solid fa-anchor"')
    assert allegement.caracteres_employes(site) == {0xF00D, 0xF107, 0xF13D}


def test_unused_icon_rules_leave_the_stylesheet(tmp_path):
    site = _site_with_icons(tmp_path)
    assert allegement.elaguer_catalogue(site, allegement.noms_employes(site)) == 1
    css = (site / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert "fa-anchor" not in css and '.fa-close:before,.fa-xmark:before{content:"\\f00d"}' in css
    assert "--pst-icon-angle-down" in css and "@font-face" in css


def test_icon_font_is_cut_to_the_glyphs_used(tmp_path):
    pytest.importorskip("fontTools", reason="fontTools (requirements.txt) absent : polices publiées entières")
    from fontTools.ttLib import TTFont

    site = _site_with_icons(tmp_path)
    written = allegement.reduire_polices_icones(site, allegement.caracteres_employes(site))
    (font,) = written
    assert font.exists() and font.suffix in (".woff", ".woff2")
    assert set(TTFont(font).getBestCmap()) == {0xF00D, 0xF107}  # not fa-anchor
    assert font.stat().st_size < (POLICES_DU_THEME / "fa-solid-900.woff2").stat().st_size / 10
    assert [p.name for p in (site / "_static" / "webfonts").iterdir()] == [font.name]
    css = (site / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert f'src:url(../webfonts/{font.name}) format("{font.suffix[1:]}")' in css and ".ttf" not in css


def test_without_fonttools_only_woff2_is_published(tmp_path, monkeypatch):
    monkeypatch.setattr(allegement, "fonttools_present", lambda: False)
    site = _site_with_icons(tmp_path)
    allegement.reduire_polices_icones(site, {0xF00D})
    assert [p.name for p in (site / "_static" / "webfonts").iterdir()] == ["fa-solid-900.woff2"]
    css = (site / "_static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert 'src:url(../webfonts/fa-solid-900.woff2) format("woff2")}' in css


# --- Favicon and description -------------------------------------------------------------

def test_favicon_is_drawn_with_the_palette(tmp_path):
    svg = entete.favicon_svg()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 32 32"
    colours = set(re.findall(r'fill="(#[0-9A-Fa-f]{6})"', svg))
    assert colours and colours <= set(PALETTE.values())
    path = entete.ecrire_favicon(tmp_path / "construction")
    assert path.read_text(encoding="utf-8") == svg


@pytest.mark.parametrize("text, expected", [
    ("Court.", "Court."),
    ("  Sur\n deux   lignes. ", "Sur deux lignes."),
])
def test_short_description_stays_whole(text, expected):
    assert entete.couper(text) == expected


def test_long_description_is_cut_cleanly():
    sentence = "Une première phrase qui pose la question du chapitre en peu de mots. "
    cut = entete.couper(sentence * 4)
    assert cut == (sentence * 2).strip() and len(cut) <= entete.LONGUEUR_DESCRIPTION
    words = " ".join(["numérique"] * 40)
    cut = entete.couper(words)
    assert cut.endswith("numérique…") and len(cut) <= entete.LONGUEUR_DESCRIPTION


def test_description_is_the_first_paragraph_of_the_body():
    doctree = publish_doctree(".. note::\n\n   Une note d'abord.\n\nL'accroche du chapitre.\n\nLa suite.\n")
    assert entete.description(doctree, "repli") == "L'accroche du chapitre."
    assert entete.description(None, "Recherche — Le livre") == "Recherche — Le livre"


# --- The built site ---------------------------------------------------------------------

def test_built_site_publishes_no_map_no_unused_font_no_fontawesome_js(built_site):
    html_dir, _ = built_site
    assert not list(html_dir.rglob("*.map"))
    assert not list(html_dir.rglob("*.ttf")) and not list(html_dir.rglob("fontawesome.js"))
    for page in _pages(html_dir):
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text and "sourceMappingURL" not in text, page


def _pages(html_dir: Path) -> list[Path]:
    return [p for p in html_dir.rglob("*.html")
            if "_static" not in p.relative_to(html_dir).parts and not p.name.startswith("_")]


def test_every_page_has_a_description_and_the_favicon(built_site):
    html_dir, _ = built_site
    for page in _pages(html_dir):
        text = page.read_text(encoding="utf-8")
        descriptions = re.findall(r'<meta name="description" content="([^"]+)"', text)
        assert len(descriptions) == 1 and 20 <= len(descriptions[0]) <= entete.LONGUEUR_DESCRIPTION, page
        icon = re.search(r'<link rel="icon" href="([^"]+)"', text)
        assert icon and (page.parent / icon[1]).resolve().exists(), page


def test_root_is_the_introduction_and_its_links_resolve(built_site):
    html_dir, _ = built_site
    root = (html_dir / "index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in root
    intro = (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>(.*?)<", root)[1] == re.search(r"<h1>(.*?)<", intro)[1]
    missing = [a for a in re.findall(r'(?:href|src)="([^"#?]+)', root)
               if not re.match(r"[a-z]+:", a) and not (html_dir / a).exists()]
    assert missing == []

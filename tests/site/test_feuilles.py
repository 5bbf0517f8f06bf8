"""One stylesheet per page, cut to the rules the site can use; the search scripts only on
the search page; the colour theme settled in the head. Each page must look exactly as
the theme's eleven stylesheets drew it: the browser test compares the computed style of
every element (and of its ::before and ::after) on real pages, in both themes, at phone
and laptop width, with the menu or the search dialog open."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from sweep import SETTLED
from test_allegement import _pages

from transfonum.outils import banc
from transfonum.site import feuilles


# --- Pruning -----------------------------------------------------------------------------

def test_rules_that_need_an_unused_class_leave_and_the_rest_stays_in_order():
    css = """
    .utilise { color: red }
    .absente { color: blue }
    .absente, .utilise > p { margin: 0 }
    p:not(.absente) { padding: 0 }
    .sm\\:cache { display: none }
    @media (min-width: 500px) { .absente { top: 0 } .utilise { top: 1px } }
    @media print { .absente { top: 0 } }
    @font-face { font-family: X; src: url(x.woff2) }
    html[data-theme="dark"] .utilise::before { content: "\\f00d" }
    """
    pruned = feuilles.elaguer(css, {"utilise"})
    assert "absente {" not in pruned and "color: blue" not in pruned
    kept = [".utilise{ color: red }", ".utilise > p{ margin: 0 }", "p:not(.absente){ padding: 0 }",
            ".sm\\:cache{ display: none }", "@media (min-width: 500px) {.utilise{ top: 1px }}",
            "@font-face { font-family: X; src: url(x.woff2) }",
            'html[data-theme="dark"] .utilise::before{ content: "\uf00d" }']
    positions = [pruned.find(rule) for rule in kept]
    assert -1 not in positions, pruned
    assert positions == sorted(positions)
    assert "@media print" not in pruned  # nothing left inside it
    assert pruned.startswith('@charset "utf-8";\n')  # escapes are written as characters
    assert feuilles.elaguer(pruned, {"utilise"}) == pruned


def test_words_of_the_site_come_from_pages_and_scripts_not_stylesheets(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "page.html").write_text('<p class="dans-la-page">')
    (tmp_path / "_static" / "s.js").write_text('el.classList.add("ajoutee-par-script")')
    (tmp_path / "_static" / "f.css").write_text(".seulement-en-css{}")
    words = feuilles.mots_du_site(tmp_path)
    assert {"dans-la-page", "ajoutee-par-script"} <= words and "seulement-en-css" not in words


# --- One stylesheet per page --------------------------------------------------------------

def _site(tmp_path: Path) -> Path:
    (tmp_path / "_static" / "styles").mkdir(parents=True)
    (tmp_path / "book").mkdir()
    (tmp_path / "_static" / "styles" / "theme.css").write_text(".a{background:url(../fond.png)}\n.jamais{top:0}")
    (tmp_path / "_static" / "kit.css").write_text(".b{color:red}")
    (tmp_path / "_static" / "print.css").write_text(".a{display:none}")
    head = ('<head>\n<link href="{r}_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
            '<link rel="stylesheet" type="text/css" href="{r}_static/kit.css?v=2" />\n'
            '<link media="print" rel="stylesheet" type="text/css" href="{r}_static/print.css" />\n'
            '<link rel="icon" href="{r}_static/icone.svg"/>\n</head><body><p class="a b">x</p></body>')
    (tmp_path / "index.html").write_text(head.format(r=""))
    (tmp_path / "book" / "page.html").write_text(head.format(r="../"))
    return tmp_path


def test_a_page_links_one_stylesheet_made_of_its_own_in_order_print_kept_apart(tmp_path):
    site = _site(tmp_path)
    pages = [site / "index.html", site / "book" / "page.html"]
    bundles = feuilles.regrouper(site, pages)
    assert len(set(bundles.values())) == 1  # same stylesheets, same bundle
    bundle = bundles[pages[1]]
    assert bundle.read_text() == '@charset "utf-8";\n.a{background:url(fond.png)}\n.b{color:red}\n'  # url rebased, .jamais gone
    for page in pages:
        html = page.read_text()
        links = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', html)
        assert len(links) == 2 and 'media="print"' in links[1], html
        href = re.search(r'href="([^"]+)"', links[0])[1]
        assert (page.parent / href).resolve() == bundle.resolve()
        assert 'data-feuilles="_static/styles/theme.css _static/kit.css"' in links[0]
        assert '<link rel="icon"' in html


def test_a_stylesheet_from_another_server_stays_where_it_is(tmp_path):
    site = _site(tmp_path)
    page = site / "index.html"
    page.write_text(page.read_text().replace(
        "<head>\n", '<head>\n<link rel="stylesheet" href="https://polices.example/f.css" />\n'))
    feuilles.regrouper(site, [page])
    html = page.read_text()
    assert '<link rel="stylesheet" href="https://polices.example/f.css" />' in html
    assert 'data-feuilles="_static/styles/theme.css _static/kit.css"' in html


def test_a_missing_stylesheet_is_named_in_french(tmp_path):
    site = _site(tmp_path)
    (site / "_static" / "kit.css").unlink()
    with pytest.raises(FileNotFoundError, match=r"feuille de style introuvable : _static/kit\.css"):
        feuilles.regrouper(site, [site / "index.html"])


def test_regrouping_again_changes_nothing_and_stale_bundles_go(tmp_path):
    site = _site(tmp_path)
    pages = [site / "index.html", site / "book" / "page.html"]
    feuilles.regrouper(site, pages)
    before = {p: p.read_text() for p in pages}
    (site / "_static" / f"{feuilles.PREFIXE}ancienne.css").write_text("p{}")
    feuilles.regrouper(site, pages)
    assert {p: p.read_text() for p in pages} == before
    assert len(list((site / "_static").glob(f"{feuilles.PREFIXE}*.css"))) == 1
    # A theme's stylesheet that changes gives a new bundle, from the original files.
    (site / "_static" / "kit.css").write_text(".b{color:blue}")
    bundle = feuilles.regrouper(site, pages)[pages[0]]
    assert "color:blue" in bundle.read_text()
    assert len(list((site / "_static").glob(f"{feuilles.PREFIXE}*.css"))) == 1


# --- The built site -------------------------------------------------------------------------

def test_every_page_waits_for_one_stylesheet_and_only_search_loads_the_index(built_site):
    html_dir, _ = built_site
    for page in _pages(html_dir):
        head = page.read_text(encoding="utf-8").partition("</head>")[0]
        blocking = [l for l in re.findall(r"<link\b[^>]*>", head) if 'rel="stylesheet"' in l and "media=" not in l]
        assert len(blocking) == 1 and "data-feuilles" in blocking[0], page
        assert (page.parent / re.search(r'href="([^"]+)"', blocking[0])[1]).exists(), page
        assert ("searchindex.js" in head) == (page.name == "search.html"), page
        if "dataset.theme" in head:  # the kit's layout.html settles it in the head
            assert 'matchMedia("(prefers-color-scheme: dark)")' in head, page


def _original_copy(html_dir: Path, dest: Path) -> Path:
    """The built site with each page's own stylesheets linked again in place of its one."""
    shutil.copytree(html_dir, dest)
    for page in _pages(dest):
        folder = posixpath.dirname(page.relative_to(dest).as_posix()) or "."

        def original(m: re.Match) -> str:
            return "".join(f'<link rel="stylesheet" href="{posixpath.relpath(f, folder)}" />\n' for f in m[1].split())

        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'<link rel="stylesheet" href="[^"]+" data-feuilles="([^"]+)" />\n', original, text),
                        encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def original_url(built_site, tmp_path_factory):
    html_dir, _ = built_site
    with banc.site_servi(_original_copy(html_dir, tmp_path_factory.mktemp("originales") / "html")) as address:
        yield address


#: Every property that some rule of the page's stylesheets sets (longhands; custom
#: properties left out: what they carry shows in the properties that use them).
PROPRIETES_DECLAREES = """() => {
  const names = new Set();
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule.style) for (let i = 0; i < rule.style.length; i++) names.add(rule.style[i]);
      if (rule.cssRules) walk(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  return [...names].filter((name) => !name.startsWith('--')).sort();
}"""

#: For the page's root, its body and every element in it (the head's links differ, by
#: design): the element, and a digest of the given computed properties, for it and for
#: its ::before and ::after when they exist.
STYLES_CALCULES = """(names) => {
  const one = (s) => names.map((name) => s.getPropertyValue(name)).join(';');
  const pseudo = (el, which) => {
    const s = getComputedStyle(el, which);
    return ['none', 'normal'].includes(s.content) ? '' : one(s);
  };
  const digest = (text) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return (h >>> 0).toString(16);
  };
  const elements = [document.documentElement, document.body, ...document.body.querySelectorAll('*')];
  return elements.map((el) => el.tagName + '#' + el.id + '.' + (el.getAttribute('class') || '') + ' '
    + digest(one(getComputedStyle(el)) + '|' + pseudo(el, '::before') + '|' + pseudo(el, '::after')));
}"""

PAGES_COMPAREES = ["book/relation-client.html", "book/pandas-altair.html", "search.html",
                   "book/enseigner/seance-cdo.html", "diapos/cdo.html"]


#: Phone and laptop width, light and dark, the page as it opens, with the menu open and
#: with the search dialog open.
ETATS = [(390, "light", "page"), (390, "dark", "menu"), (1280, "dark", "page"), (1280, "light", "recherche")]


def _styles(browser, url: str, width: int, scheme: str, state: str, names: list[str] | None):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(url, wait_until="load")
    opener = {"menu": "button.primary-toggle:visible", "recherche": "button.search-button__button:visible"}.get(state)
    if opener and tab.locator(opener).count():
        tab.locator(opener).first.click()
    tab.evaluate(SETTLED)
    tab.evaluate("() => document.fonts.ready.then(() => true)")
    names = names or tab.evaluate(PROPRIETES_DECLAREES)
    styles = tab.evaluate(STYLES_CALCULES, names)
    context.close()
    return names, styles


@pytest.mark.parametrize("page", PAGES_COMPAREES)
def test_one_stylesheet_styles_every_element_as_the_themes_did(browser, site_url, original_url, page):
    differences = []
    for width, scheme, state in ETATS:
        names, theirs = _styles(browser, f"{original_url}/{page}", width, scheme, state, None)
        _, ours = _styles(browser, f"{site_url}/{page}", width, scheme, state, names)
        assert len(names) > 50 and len(ours) == len(theirs), (width, scheme, state)  # stylesheets were read
        differences += [(width, scheme, state, a) for a, b in zip(ours, theirs) if a != b]
    assert differences == [], differences[:5]


def test_head_settles_the_theme_before_the_themes_script(browser, site_url):
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        tab = context.new_page()
        tab.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())  # no script file runs
        tab.goto(f"{site_url}/book/cdo.html", wait_until="load")
        assert tab.evaluate("document.documentElement.dataset.theme") == scheme
        context.close()


def test_search_finds_a_page_from_a_chapter(browser, site_url):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{site_url}/book/cdo.html", wait_until="load")
    tab.locator("button.search-button__button:visible").first.click()
    tab.locator("#pst-search-dialog input[name=q]").fill("Edenred")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"search\.html\?q=Edenred"))
    results = tab.locator("#search-results li a")
    results.first.wait_for(timeout=15000)
    assert any("reconnaissance" in (results.nth(i).get_attribute("href") or "") for i in range(results.count()))
    context.close()

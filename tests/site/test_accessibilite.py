"""Accessibility: axe (axe-core, bundled by axe-playwright-python and injected from the
local package, no CDN) finds no violation on any page of the built site, in the light
theme as in the dark one, with every explorer drawn. The corrections the engine makes to
the theme's HTML are checked one by one."""

from __future__ import annotations

import re

import pytest
from sweep import PAGES, open_recorded, violations, visit_page

from transfonum.exercices.cles import exporter_cles
from transfonum.site import accessibilite, autoevaluation


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_nothing_on_any_page(site_visits, page):
    """Light theme: every rule (every explorer drawn); dark theme: the contrast rule."""
    visit = site_visits[page]
    assert visit.errors() == []
    assert visit.themes == ("light", "dark")
    assert visit.axe_light == [], "\n".join(visit.axe_light)
    assert visit.axe_dark == [], "\n".join(visit.axe_dark)


def test_axe_would_see_a_violation(built_site, site_url, browser):
    """The check can fail: an image without text and an unlabelled field are reported."""
    html_dir, _ = built_site
    (html_dir / "_sonde-axe.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>Sonde</title></head><body><main>'
        '<img src="_static/transfonum-favicon.svg"><input type="text"></main></body></html>',
        encoding="utf-8")
    page, _ = open_recorded(browser, f"{site_url}/_sonde-axe.html")
    found = violations(page)
    page.close()
    assert any(v.startswith("image-alt") for v in found) and any(v.startswith("label") for v in found), found


def test_the_sweep_would_see_a_contrast_lost_in_the_dark_theme(built_site, site_url, browser, polices):
    """The dark theme's check can fail: text legible in light, grey on grey in dark."""
    html_dir, _ = built_site
    (html_dir / "_sonde-sombre.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>Sonde</title><style>'
        "@media (prefers-color-scheme: dark) { body { background: #222; color: #333 } }"
        "</style></head><body><main><h1>Sonde</h1><p>Un texte à lire.</p></main></body></html>", encoding="utf-8")
    visit = visit_page(browser, f"{site_url}/_sonde-sombre.html", polices)
    assert visit.axe_light == [] and visit.failure == ""
    assert [v for v in visit.axe_dark if v.startswith("color-contrast")], visit.axe_dark


# --- The corrections, one by one ------------------------------------------------------

def test_search_button_is_named_by_its_visible_text():
    html = ('<button class="btn search-button-field search-button__button pst-js-only" title="Recherche" '
            'aria-label="Recherche" data-bs-toggle="tooltip"><span>Recherche</span><kbd>Ctrl</kbd></button>'
            '<button class="btn btn-sm pst-navbar-icon search-button" aria-label="Recherche"></button>')
    fixed = accessibilite.corriger_html(html)
    assert fixed.count('aria-label="Recherche"') == 1  # the icon-only button keeps its name
    assert 'search-button-field search-button__button pst-js-only" title="Recherche" data-bs' in fixed


def test_the_sidebar_toggle_of_a_part_has_a_name_once():
    html = '<details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary>'
    fixed = accessibilite.corriger_html(html)
    assert f'<summary aria-label="{accessibilite.NOM_TRIANGLE}"><span class="toctree-toggle"' in fixed
    assert accessibilite.corriger_html(fixed) == fixed


def test_sidebar_is_a_landmark_once():
    html = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar"><a class="navbar-brand">Titre</a></div>'
    fixed = accessibilite.corriger_html(html)
    assert f'role="complementary" aria-label="{accessibilite.NOM_COLONNE}"' in fixed
    assert accessibilite.corriger_html(fixed) == fixed


@pytest.mark.parametrize("before, after", [
    ('<th class="head"><p></p></th>', '<td class="head"></td>'),
    ("<th></th>", "<td></td>"),
    ('<th class="blank level0" >&nbsp;</th>', '<td class="blank level0" ></td>'),
    ('<th class="head"><p>Titre</p></th>', '<th class="head"><p>Titre</p></th>'),
    ('<div class="citation" role="doc-biblioentry">', '<div class="citation" role="listitem">'),
])
def test_empty_headers_and_bibliography_roles(before, after):
    assert accessibilite.corriger_html(before) == after


def test_each_selfcheck_is_named_by_its_title_and_statement():
    for n, key in enumerate(exporter_cles()["exercises"]):
        html = autoevaluation.html_autoevaluation(key, f"tf-{n}")
        ids = re.search(r'aria-labelledby="([^"]+)"', html)[1].split()
        assert ids == [f"tf-{n}-titre", f"tf-{n}-enonce"], key["id"]
        assert all(f'id="{i}"' in html for i in ids), key["id"]

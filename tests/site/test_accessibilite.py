"""Accessibility: axe (axe-core, bundled by axe-playwright-python and injected from the
local package, no CDN) finds no violation on any page of the built site, in the light
theme as in the dark one, with every explorer drawn."""

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


# --- Names the engine gives ------------------------------------------------------------
# (the theme's markup fixed by templates and declared patches: tests/site/test_correctifs.py)

@pytest.mark.parametrize("before, after", [
    ("<th></th>", "<td></td>"),
    ('<th class="blank level0" >&nbsp;</th>', '<td class="blank level0" ></td>'),
    ("<th>Titre</th>", "<th>Titre</th>"),
    ('<th class="index_name level0">Cause</th>', '<th class="index_name level0">Cause</th>'),
])
def test_empty_headers_of_cell_outputs_become_cells(before, after):
    assert accessibilite.sans_entete_vide(before) == after


def test_each_selfcheck_is_named_by_its_title_and_statement():
    for n, key in enumerate(exporter_cles()["exercises"]):
        html = autoevaluation.html_autoevaluation(key, f"tf-{n}")
        ids = re.search(r'aria-labelledby="([^"]+)"', html)[1].split()
        assert ids == [f"tf-{n}-titre", f"tf-{n}-enonce"], key["id"]
        assert all(f'id="{i}"' in html for i in ids), key["id"]

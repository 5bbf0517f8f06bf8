"""Accessibility: axe (axe-core, bundled by axe-playwright-python and injected from the
local package, no CDN) finds no violation on any page of the built site, in the light
theme as in the dark one, with every explorer drawn."""

from __future__ import annotations

import re

import pytest
from test_site import _pages, draw_every_explorer, open_recorded

from transfonum.exercices.cles import exporter_cles
from transfonum.site import accessibilite, autoevaluation

#: Every rule of axe's default set, and one experimental rule that Lighthouse runs: a
#: control's name must contain its visible text.
OPTIONS_AXE = {"resultTypes": ["violations"], "rules": {"label-content-name-mismatch": {"enabled": True}}}


def violations(page) -> list[str]:
    """axe's violations on an open page, one line per rule and element."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options=OPTIONS_AXE).response
    return [f"{v['id']} ({v['impact']}) : {n['target']} : {n['failureSummary'].splitlines()[-1].strip()}"
            for v in response["violations"] for n in v["nodes"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(built_site, site_url, browser, scheme):
    html_dir, _ = built_site
    problems = []
    for name in _pages(html_dir):
        page, report = open_recorded(browser, f"{site_url}/{name}", viewport={"width": 1280, "height": 900},
                                     color_scheme=scheme)
        assert page.evaluate("() => document.documentElement.dataset.theme") == scheme, name
        draw_every_explorer(page)
        problems += [f"{name} : {v}" for v in violations(page)]
        problems += [f"{name} : {kind} : {item}" for kind, items in report.items() for item in items]
        page.close()
    assert problems == [], "\n".join(problems)


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

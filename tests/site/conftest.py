"""The browser sweep of the built site: every page visited once (see sweep.py), what each
visit collected shared by the tests of the site."""

from __future__ import annotations

import pytest
from sweep import PAGES, Visit, polices_publiees, visit_page


@pytest.fixture(scope="session")
def polices(built_site) -> dict[tuple[str, str], set[int]]:
    """The icon fonts the site publishes: (family, weight) -> characters they hold."""
    pytest.importorskip("fontTools", reason="fontTools (requirements.txt) absent : polices publiées entières")
    html_dir, _ = built_site
    polices = polices_publiees(html_dir)
    assert polices, "aucune police d'icônes publiée"
    return polices


@pytest.fixture(scope="session")
def site_visits(site_url, browser, polices) -> dict[str, Visit]:
    """Each page of :data:`sweep.PAGES`, visited once: page -> what the visit collected."""
    return {name: visit_page(browser, f"{site_url}/{name}", polices, name) for name in PAGES}

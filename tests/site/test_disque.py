"""A page opened from disk (file://): its explorers cannot load their script there, so
the picture of their initial state stays and a French note says why and how to serve the
site, instead of sliders vanishing without a word."""

from __future__ import annotations


def test_an_explorer_opened_from_disk_says_how_to_serve_the_site(built_site, browser):
    html_dir, _ = built_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((html_dir / "book" / "rse.html").as_uri(), wait_until="load")
    explorateur = page.locator(".transfonum-explorateur").first
    explorateur.scroll_into_view_if_needed()
    avis = page.locator(".transfonum-explorateur-avis").first
    avis.wait_for(state="visible")
    assert "make serve" in avis.inner_text() and "disque" in avis.inner_text()
    assert page.locator(".transfonum-apercu svg:visible").count() >= 1, "the initial state stays drawn"
    page.close()


def test_served_the_same_explorer_comes_alive_without_note(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/book/rse.html", wait_until="load")
    explorateur = page.locator(".transfonum-explorateur").first
    explorateur.scroll_into_view_if_needed()
    explorateur.locator(".transfonum-vivant.est-dessine").wait_for(state="visible")
    assert page.locator(".transfonum-explorateur-avis").count() == 0
    page.close()

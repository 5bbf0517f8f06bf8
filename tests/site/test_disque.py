"""A page opened from disk (file://) draws its explorers as a served page does: the Vega
runtime is a classic script, which browsers load from disk. Where the runtime cannot load,
the picture of the initial state stays and a French note says so, instead of sliders
vanishing without a word."""

from __future__ import annotations


def _first_explorer(page):
    """The page's first explorer, used (its first control focused, which loads the runtime)."""
    explorateur = page.locator(".transfonum-explorateur").first
    explorateur.locator(".vega-bind :is(input, select)").first.focus()
    return explorateur


def test_an_explorer_opened_from_disk_comes_alive_as_served(built_site, browser):
    html_dir, _ = built_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((html_dir / "book" / "rse.html").as_uri(), wait_until="load")
    explorateur = _first_explorer(page)
    explorateur.locator(".transfonum-vivant.est-dessine").wait_for(state="visible")
    assert page.locator(".transfonum-explorateur-avis").count() == 0 and errors == []
    page.close()


def test_served_the_same_explorer_comes_alive_without_note(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site_url}/book/rse.html", wait_until="load")
    _first_explorer(page).locator(".transfonum-vivant.est-dessine").wait_for(state="visible")
    assert page.locator(".transfonum-explorateur-avis").count() == 0
    page.close()


def test_an_explorer_whose_runtime_cannot_load_keeps_its_picture_and_says_so(site_url, browser):
    """The reader moves a slider; the runtime cannot load. Every explorer of the page goes
    back to its picture's state, its controls disabled; the note under the one in use is
    announced (a status) and takes the focus the disabled slider had."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/transfonum-vega.js", lambda route: route.abort())
    page.goto(f"{site_url}/book/rse.html", wait_until="load")
    explorer = page.locator(".transfonum-explorateur").filter(has=page.locator("input[type=range]")).first
    slider = explorer.locator("input[type=range]")
    start = slider.get_attribute("value")
    slider.focus()
    slider.press("Home")
    avis = page.locator(".transfonum-explorateur-avis").first
    avis.wait_for(state="visible")
    assert "n’a pas pu se charger" in avis.inner_text() and avis.get_attribute("role") == "status"
    assert page.evaluate("() => document.activeElement.className") == "transfonum-explorateur-avis"
    assert slider.evaluate("(s) => s.value") == start
    assert explorer.locator(".vega-bind-value").inner_text().replace("\u00a0", "") == start
    assert explorer.evaluate("(e) => e.classList.contains('attend-vega')") is False
    assert page.locator(".transfonum-apercu svg:visible").count() >= 2, "every picture stays drawn"
    controls = page.locator(".transfonum-explorateur .vega-bind :is(input, select)")
    assert controls.count() >= 2 and all(controls.nth(n).is_disabled() for n in range(controls.count())), \
        "every control that would change nothing is disabled"
    assert page.locator(".transfonum-explorateur-avis").count() == 1
    page.close()

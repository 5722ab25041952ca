"""The library pages in a real browser: filtered with the keyboard alone, and browsed with
JavaScript off, from the index to a point and back."""

from __future__ import annotations

import pytest


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def page(browser, served, request):
    context = browser.new_context(base_url=served, java_script_enabled=request.param)
    page = context.new_page()
    yield page
    context.close()


def test_filter_with_the_keyboard_alone(page, lib):
    page.goto("/library/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "theme-neglect":
            break
    page.keyboard.press("Space")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Show points":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/library/index.html?**theme=neglect**")
    heading = page.locator("#results").inner_text()
    assert heading == f"{sum('neglect' in p.themes for p in lib.points)} learning points match"
    assert page.locator("#theme-neglect").is_checked()


def test_browse_from_index_to_a_point_and_its_theme(page):
    page.goto("/library/")
    page.get_by_role("link", name="Living with domestic abuse is always harmful to children").click()
    assert page.locator("h1").inner_text() == "Living with domestic abuse is always harmful to children"
    page.get_by_role("link", name="Domestic abuse", exact=True).click()
    assert page.url.endswith("/library/themes/domestic-abuse.html")
    assert page.locator("table").count() >= 1
    page.get_by_role("link", name="Library", exact=True).first.click()
    assert page.locator("h1").inner_text() == "Learning points from case reviews"

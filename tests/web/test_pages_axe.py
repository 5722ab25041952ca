"""axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) in Debian's chromium on every page of the board
officer's form and of the library, in every state: empty, errors shown, filled in, filtered;
and on the static site's pages opened from disk."""

from __future__ import annotations

import pytest
from support import REVIEW_FORM, fill_review

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LIVE = ["/", "/review", "/library/", "/library/?audience=health&theme=neglect&words=father",
        "/library/?words=zzzqqq", "/library/points/da-living-with-abuse-always-harmful.html",
        "/library/themes/domestic-abuse.html", "/library/audiences/health.html",
        "/library/sources/dfe-2020.html", "/library/figures.html", "/library/?theme=nope"]
STATIC = ["index.html", "points/da-living-with-abuse-always-harmful.html",
          "themes/domestic-abuse.html", "sources/sidebotham-2016.html", "figures.html"]


@pytest.fixture(scope="module")
def page(browser, served):
    context = browser.new_context(base_url=served)
    page = context.new_page()
    yield page
    context.close()


def check(page) -> None:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    passed = {rule["id"] for rule in results.response["passes"]}
    assert {"color-contrast", "html-has-lang", "document-title"} <= passed


@pytest.mark.parametrize("path", LIVE)
def test_live_pages(page, path):
    page.goto(path)
    check(page)


def test_review_form_with_errors_and_filled(page):
    page.goto("/review")
    fill_review(page, REVIEW_FORM)
    page.get_by_role("button", name="Add another contact").click()
    check(page)  # filled in, two findings, two contacts
    page.locator("#title").fill("")
    page.locator("#published").fill("31/02/2025")
    page.get_by_role("button", name="Download the briefing in Word (.docx)").click()
    page.wait_for_selector(".error-summary")
    check(page)  # errors shown


@pytest.mark.parametrize("name", STATIC)
def test_static_site_pages(page, tmp_path_factory, cli, name):
    out = tmp_path_factory.getbasetemp() / "axe-site"
    if not out.exists():
        assert cli("site", "-o", out).exit_code == 0
    page.goto((out / name).as_uri())
    check(page)

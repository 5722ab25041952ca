"""The "Report on training" page in a real browser (Debian's chromium): axe-core, WCAG 2.2 A
and AA, with no violations when empty, with errors shown and with the column table shown; the
error summary takes focus; the report downloads."""

from __future__ import annotations

import contextlib
from pathlib import Path

from test_pages_axe import check

SMALL = Path(__file__).parent.parent / "impact" / "fixtures" / "small.csv"


def test_empty_error_and_columns_states_pass_axe(browser, served, tmp_path):
    with contextlib.closing(browser.new_context(base_url=served, accept_downloads=True)) as ctx:
        board_officer(ctx.new_page(), tmp_path)


def board_officer(page, tmp_path: Path) -> None:
    page.goto("/impact")
    check(page)
    bad = tmp_path / "answers.csv"
    bad.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00")
    page.locator("#responses").set_input_files(bad)
    page.get_by_role("button", name="Download the report").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert page.locator(".error-summary a").get_attribute("href") == "#responses"
    assert "answers.csv: not an Excel workbook" in page.locator("#responses-error").inner_text()
    check(page)
    page.locator("#responses").set_input_files(SMALL)
    page.get_by_role("button", name="Check the columns").click()
    assert "B Email address personal data (never copied)" in " ".join(
        page.locator("table tr").nth(2).inner_text().split())
    check(page)
    page.locator("#responses").set_input_files(SMALL)  # files are not kept between requests
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the report").click()
    assert info.value.suggested_filename == "impact-report.docx"

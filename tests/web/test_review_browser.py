"""A board officer in a real browser (Debian's chromium): fills the review form with two
findings, downloads the Word briefing and the library .zip, uploads the .zip and gets the same
form back; errors in the GOV.UK pattern with focus on the summary; keyboard only; JavaScript
off; hostile input. Accessibility is checked in test_accessibility.py."""

from __future__ import annotations

import io
import zipfile

import pytest
from support import REVIEW_FORM, docx_text
from support import fill_review as fill

FIELDS = [k for k in REVIEW_FORM]


@pytest.fixture
def page(browser, served):
    context = browser.new_context(base_url=served, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, served):
    context = browser.new_context(base_url=served, accept_downloads=True, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def form_values(page) -> dict[str, str]:
    return {name: page.locator(f"#{name}").input_value() for name in FIELDS}


def download(page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value


def focused(page) -> str:
    page.wait_for_load_state()
    return page.evaluate("document.activeElement.className + '#' + document.activeElement.id")


def test_board_officer_end_to_end(page, tmp_path):
    page.goto("/review")
    fill(page, REVIEW_FORM)
    word = download(page, "Download the briefing in Word (.docx)")
    assert word.suggested_filename == "local-review-child-c-2025-briefing.docx"
    text = docx_text(word.path().read_bytes())
    for words in ("Learning from Local review Child C (2025)", "What happened",
                  "Agencies held pieces of the picture but no one put them together",
                  "The father was not seen by any agency", "What stops our staff sharing a worry?",
                  "Who to contact", "01632 960000"):
        assert words in text, words
    library = download(page, "Download as a library folder (.zip)")
    assert library.suggested_filename == "local-review-child-c-2025.zip"
    saved = tmp_path / "review.zip"
    library.save_as(saved)
    assert len(zipfile.ZipFile(io.BytesIO(saved.read_bytes())).namelist()) == 4

    page.goto("/review")
    assert page.locator("#title").input_value() == ""
    page.locator("#library").set_input_files(saved)
    page.get_by_role("button", name="Upload and fill in the form").click()
    assert page.get_by_text("The form has been filled in from your library folder.").is_visible()
    assert form_values(page) == REVIEW_FORM


@pytest.mark.parametrize("field, typed, message", [
    ("title", "", "Enter the title of the review"),
    ("published", "31/02/2025", "Date published must be a real date, like 30/06/2025"),
])
def test_error_summary_takes_focus_and_links_to_the_field(page, field, typed, message):
    page.goto("/review")
    fill(page, {**REVIEW_FORM, field: typed})
    page.get_by_role("button", name="Download the briefing in Word (.docx)").click()
    summary = page.locator(".error-summary")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert "error-summary" in focused(page)
    link = summary.get_by_role("link", name=message)
    assert link.get_attribute("href") == f"#{field}"
    assert " ".join(page.locator(f"#{field}-error").inner_text().split()) == f"Error: {message}"
    assert page.locator(f"#{field}").input_value() == typed
    assert page.title().startswith("Error: Briefing on our review")
    link.click()
    assert page.evaluate("location.hash") == f"#{field}"


def tab_until(page, reached: str, limit: int = 150) -> None:
    """Press Tab until the focused element satisfies the script `reached` (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {reached})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {reached}")


def tab_to(page, element_id: str) -> None:
    tab_until(page, f"el.id === {element_id!r}")


def tab_to_button(page, name: str) -> None:
    tab_until(page, f"el.textContent.trim() === {name!r}")


def test_keyboard_only(page):
    page.goto("/review")
    tab_to(page, "title")
    page.keyboard.type(REVIEW_FORM["title"])
    page.keyboard.press("Enter")  # Enter in a field keeps the form, it does not press "Remove"
    assert page.locator("#title").input_value() == REVIEW_FORM["title"]
    assert page.locator("#finding-1-title").count() == 1
    for name in ("published", "citation", "summary", "finding-1-title", "finding-1-summary",
                 "finding-1-actions"):
        tab_to(page, name)
        page.keyboard.type(REVIEW_FORM[name])
    tab_to_button(page, "Add another finding")
    page.keyboard.press("Enter")
    page.wait_for_selector("#finding-2-title")
    for name in ("finding-2-title", "finding-2-summary", "finding-2-actions", "partnership"):
        tab_to(page, name)
        page.keyboard.type(REVIEW_FORM[name])
    tab_to_button(page, "Download the briefing in Word (.docx)")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = docx_text(info.value.path().read_bytes())
    assert "The father was not seen by any agency" in text and "Local review Child C (2025)" in text


def test_without_javascript(no_js_page, tmp_path):
    page = no_js_page
    page.goto("/review")
    assert page.locator("#finding-2-title").count() == 0
    fill(page, REVIEW_FORM)  # "Add another finding" is a plain submit button
    assert page.locator("#finding-2-title").input_value() == REVIEW_FORM["finding-2-title"]
    page.get_by_role("button", name="Remove finding 1").click()
    assert page.locator("#finding-1-title").input_value() == REVIEW_FORM["finding-2-title"]
    page.locator("#title").fill("")
    page.get_by_role("button", name="Download the briefing in Word (.docx)").click()
    assert page.locator(".error-summary").is_visible()
    assert "error-summary" in focused(page), "autofocus, not a script, moves focus"
    page.locator("#title").fill(REVIEW_FORM["title"])
    saved = tmp_path / "r.zip"
    download(page, "Download as a library folder (.zip)").save_as(saved)
    page.locator("#library").set_input_files(saved)
    page.get_by_role("button", name="Upload and fill in the form").click()
    assert page.locator("#finding-1-title").input_value() == REVIEW_FORM["finding-2-title"]


def test_script_typed_in_every_field_shows_as_text(page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/review")
    hostile = {k: (v if k.endswith("-theme") else v + "<script>alert(1)</script>")
               for k, v in REVIEW_FORM.items()}
    fill(page, hostile)
    page.get_by_role("button", name="Download the briefing in Word (.docx)").click()
    assert page.locator(".error-summary").is_visible()  # the pages are no longer page numbers
    assert page.locator("#title").input_value() == hostile["title"]
    assert page.locator("#finding-1-summary").input_value() == hostile["finding-1-summary"]
    assert dialogs == []


def test_zip_slip_library_is_refused_in_the_browser(page, tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../../tmp/evil/points.yaml", "points: []")
    page.goto("/review")
    page.locator("#library").set_input_files(evil)
    page.get_by_role("button", name="Upload and fill in the form").click()
    assert "leads outside the folder" in page.locator("#library-error").inner_text()
    assert "error-summary" in focused(page)
    page.goto("/review")
    assert page.locator("h1").inner_text() == "Briefing on our review"

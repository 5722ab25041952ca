"""The board officer's page through the ASGI app: what the page shows, the files it sends, its
errors in the GOV.UK pattern, the .zip round trip, and hostile input shown as text."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from support import REVIEW_FORM, docx_text, html_text

from sessionbuilder.web import security


def csrf(client) -> str:
    client.get("/review")
    return client.cookies[security.CSRF_COOKIE]


def post(client, action: str, **changes):
    return client.post("/review", data={**REVIEW_FORM, **changes, "csrf": csrf(client),
                                        "action": action})


def summary(html: str) -> list[tuple[str, str]]:
    box = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', box[0]) if box else []


def value_of(html: str, field: str) -> str:
    m = re.search(rf'id="{field}" name="{field}"(?: rows="\d+")?[^>]*?'
                  r'(?:value="([^"]*)"|>([^<]*)</textarea>)', html)
    return (m[1] if m[1] is not None else m[2]) if m else None


def test_empty_page_has_one_finding_one_contact_and_every_download(client):
    r = client.get("/review")
    assert r.status_code == 200
    words = html_text(r.content)
    assert "Briefing on our review" in words and "Finding 1" in words and "Finding 2" not in words
    assert "Remove finding 1" not in words, "the only finding cannot be removed"
    for label in ("Download the briefing in Word (.docx)", "Download the briefing as a web page (.html)",
                  "Download the briefing as a PDF", "Download as a library folder (.zip)",
                  "Add another finding", "Add another contact"):
        assert label in words
    assert '<option value="neglect">Neglect</option>' in r.text


def test_word_briefing_holds_both_findings(client):
    r = post(client, "download-docx")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith(
        'attachment; filename="local-review-child-c-2025-briefing.docx"')
    text = docx_text(r.content)
    for words in ("Learning from Local review Child C (2025)", "Published 30 June 2025.",
                  "no one put them together", "The father was not seen by any agency",
                  "Call the Children's Front Door on 01632 960000"):
        assert words in text, words


@pytest.mark.parametrize("fmt, media", [("html", "text/html"), ("pdf", "application/pdf")])
def test_other_formats(client, fmt, media, ):
    r = post(client, f"download-{fmt}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    if fmt == "html":
        assert "Ask who lives in and visits the home." in html_text(r.content)


def test_zip_goes_round_trip_to_the_same_form(client):
    zipped = post(client, "download-zip")
    assert zipped.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
    assert [n.split("/")[1] for n in names] == ["sources.yaml", "points.yaml", "branding.yaml",
                                                "README.md"]
    r = client.post("/review/upload", data={"csrf": csrf(client)},
                    files={"library": ("anything.zip", zipped.content, "application/zip")})
    assert r.status_code == 200
    assert "The form has been filled in from your library folder." in html_text(r.content)
    for field, typed in REVIEW_FORM.items():
        if field.endswith("-theme"):
            assert re.search(rf'id="{field}".*?<option value="{typed}" selected>', r.text, re.DOTALL)
        else:
            assert value_of(r.text, field) == typed.replace("'", "&#39;"), field


@pytest.mark.parametrize("changes, expected", [
    ({"title": ""}, [("title", "Enter the title of the review")]),
    ({"published": "31/02/2025"}, [("published", "Date published must be a real date, like 30/06/2025")]),
    ({"title": "", "finding-2-actions": ""},
     [("title", "Enter the title of the review"),
      ("finding-2-actions", "Enter at least one thing to do for finding 2")]),
])
def test_errors_in_the_summary_beside_the_field_and_typed_values_kept(client, changes, expected):
    r = post(client, "download-docx", **changes)
    assert r.status_code == 400
    assert "<title>Error: Briefing on our review" in r.text
    assert summary(r.text) == expected
    for field, message in expected:
        assert re.search(rf'<p class="error-message" id="{field}-error"><span class="visually-hidden">'
                         rf'Error:</span> {message}</p>', r.text)
        assert f'aria-describedby="{field}-hint {field}-error"' in r.text
    if "published" in changes:
        assert value_of(r.text, "published") == "31/02/2025"
    assert value_of(r.text, "finding-1-title") == REVIEW_FORM["finding-1-title"]


def test_add_and_remove_buttons_keep_what_was_typed(client):
    r = post(client, "add-finding")
    assert value_of(r.text, "finding-3-title") == "" and "Remove finding 3" in r.text
    assert value_of(r.text, "finding-2-title") == REVIEW_FORM["finding-2-title"]
    r = post(client, "remove-finding-1")
    assert value_of(r.text, "finding-1-title") == REVIEW_FORM["finding-2-title"]
    assert "finding-2-title" not in r.text
    r = post(client, "add-contact")
    assert value_of(r.text, "contact-2-label") == ""


def test_script_in_every_field_shows_as_text(client):
    hostile = {k: v + "<script>alert(1)</script>" for k, v in REVIEW_FORM.items()}
    r = post(client, "update", **hostile)
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = post(client, "download-docx", **hostile)  # invalid page and theme: errors, escaped
    assert r.status_code == 400 and "<script>alert" not in r.text


def test_a_megabyte_in_a_field_gets_a_message(client):
    r = post(client, "download-docx", summary="word " * 200_000)
    assert r.status_code == 400
    assert summary(r.text) == [("summary", "What happened must be 5,000 characters or fewer")]
    assert client.get("/review").status_code == 200


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (zipped({"../../evil/sources.yaml": b"reports: []"}),
     "This .zip cannot be used: &#39;../../evil/sources.yaml&#39; leads outside the folder"),
    (zipped({"/etc/cron.d/x": b"x"}), "is an absolute path"),
    (b"MZ\x90\x00 a program", "The file is not a .zip"),
    (zipped({"points.yaml": b"points:\n  - id: x\n    title: ''\n"}),
     "The folder has a problem: points.yaml:"),
], ids=["zip-slip", "absolute", "exe", "invalid"])
def test_hostile_uploads_get_a_message_beside_the_field(client, data, message):
    r = client.post("/review/upload", data={"csrf": csrf(client)},
                    files={"library": ("review.zip", data, "application/zip")})
    assert r.status_code == 400
    assert summary(r.text)[0][0] == "library"
    assert message in r.text
    assert client.get("/review").status_code == 200


def test_upload_with_no_file_chosen(client):
    r = client.post("/review/upload", data={"csrf": csrf(client)},
                    files={"library": ("", b"", "application/octet-stream")})
    assert summary(r.text) == [("library", "Choose a library folder (.zip) to upload")]


def test_forms_need_their_csrf_token(client):
    r = client.post("/review", data={**REVIEW_FORM, "action": "download-docx"})
    assert r.status_code == 403

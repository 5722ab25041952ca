"""The review form: checked by the library's own models (so `validate` agrees), made into the
one-review briefing and the `init` library, and filled again from that library's .zip."""

from __future__ import annotations

import io
import zipfile

import pytest
from support import REVIEW_FORM, docx_text, html_text

from sessionbuilder.commands import review
from sessionbuilder.errors import InputError, ValidationFailed
from sessionbuilder.library import archive


def form(**changes):
    return review.from_fields({**REVIEW_FORM, **changes})


def problems(**changes) -> dict[str, str]:
    with pytest.raises(review.FormInvalid) as e:
        review.check(form(**changes))
    return {err.field: err.message for err in e.value.errors}


def test_form_is_read_in_number_order_with_what_was_typed():
    f = form()
    assert [x.title for x in f.findings] == [REVIEW_FORM["finding-1-title"],
                                             REVIEW_FORM["finding-2-title"]]
    assert f.contacts[0].detail == "Call the Children's Front Door on 01632 960000"
    assert f.published == "30/06/2025"


def test_checked_review_holds_every_finding():
    r = review.check(form())
    assert r.id == "local-review-child-c-2025"
    assert r.published == "2025-06-30"
    assert [f.id for f in r.findings] == ["local-review-child-c-2025-1", "local-review-child-c-2025-2"]
    assert r.findings[0].actions == ("Share concerns about a baby's home with the health visitor.",
                                     "Ask children's social care what they know.")
    assert r.findings[1].page == "14-15" and r.findings[1].themes == ("voice-of-family",)
    assert r.contacts == (("Worried about a child?", "Call the Children's Front Door on 01632 960000"),)


@pytest.mark.parametrize("changes, field, message", [
    ({"title": ""}, "title", "Enter the title of the review"),
    ({"title": "   "}, "title", "Enter the title of the review"),
    ({"published": "31/02/2025"}, "published", "Date published must be a real date, like 30/06/2025"),
    ({"published": "next week"}, "published", "Date published must be a real date"),
    ({"citation": ""}, "citation", "Enter the full reference of the review"),
    ({"finding-2-title": ""}, "finding-2-title", "Enter the title of finding 2"),
    ({"finding-1-actions": ""}, "finding-1-actions", "Enter at least one thing to do for finding 1"),
    ({"finding-1-page": "twelve"}, "finding-1-page", "Page of finding 1 must be a page number"),
    ({"finding-1-theme": "not-a-theme"}, "finding-1-theme", "unknown theme 'not-a-theme'"),
    ({"contact-1-detail": ""}, "contact-1-detail", "Enter the details of contact 1"),
    ({"partnership": ""}, "partnership", "Enter your partnership's name"),
    ({"summary": "x" * 5001}, "summary", "What happened must be 5,000 characters or fewer"),
], ids=["empty-title", "blank-title", "31-february", "not-a-date", "citation", "finding-title",
        "no-actions", "page", "theme", "contact", "partnership", "too-long"])
def test_each_problem_is_named_beside_its_field(changes, field, message):
    found = problems(**changes)
    assert field in found, found
    assert message in found[field]


def test_every_problem_is_reported_at_once():
    assert set(problems(title="", published="31/02/2025", **{"finding-2-page": "x"})) == {
        "title", "published", "finding-2-page"}


def test_a_form_with_no_finding_says_so():
    blank = {k: v for k, v in REVIEW_FORM.items() if not k.startswith("finding-")}
    with pytest.raises(review.FormInvalid) as e:
        review.check(review.from_fields(blank))
    assert [(x.field, x.message) for x in e.value.errors] == [
        ("finding-1-title", "Enter at least one finding of the review")]


def test_add_and_remove_findings_and_contacts():
    f = form()
    added = review.apply(f, "add-finding")
    assert len(added.findings) == 3 and added.findings[2].title == ""
    removed = review.apply(added, "remove-finding-1")
    assert [x.title for x in removed.findings] == [REVIEW_FORM["finding-2-title"], ""]
    assert len(review.apply(f, "add-contact").contacts) == 2
    one = review.apply(review.apply(f, "remove-finding-1"), "remove-finding-1")
    assert len(one.findings) == 1, "the last finding stays, to be filled in"
    assert review.apply(f, "remove-finding-99") == f


def test_blank_added_finding_is_ignored_when_downloading():
    r = review.check(review.apply(form(), "add-finding"))
    assert len(r.findings) == 2


def test_library_zip_is_what_init_writes_filled_in_and_validates(cli, tmp_path):
    download = review.library_zip(form())
    assert download.filename == "local-review-child-c-2025.zip"
    assert download.data == review.library_zip(form()).data, "deterministic"
    names = zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    assert names == [f"local-review-child-c-2025/{n}" for n in
                     ("sources.yaml", "points.yaml", "branding.yaml", "README.md")]
    folder = archive.unpack(archive.read_zip(download.data), tmp_path)
    result = cli("validate", folder)
    assert result.exit_code == 0, result.output
    assert "OK: " in result.output
    points = (folder / "points.yaml").read_text()
    assert "title: The father was not seen by any agency" in points
    assert "      page: 14-15" in points
    assert "sessionbuilder sheet --library local-review-child-c-2025 --source " \
           "local-review-child-c-2025 --format docx" in (folder / "README.md").read_text()


def test_briefing_is_the_clis_sheet(cli, tmp_path):
    folder = archive.unpack(archive.read_zip(review.library_zip(form()).data), tmp_path)
    for fmt in ("docx", "html", "pdf"):
        web = review.briefing(form(), fmt)
        assert web.filename == f"local-review-child-c-2025-briefing.{fmt}"
        out = tmp_path / f"cli.{fmt}"
        result = cli("sheet", "--library", folder, "--source", "local-review-child-c-2025",
                     "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        if fmt != "pdf":  # PDFs carry a random document id; compare the rest byte for byte
            assert web.data == out.read_bytes(), fmt
    text = docx_text(review.briefing(form(), "docx").data)
    for words in ("Learning from Local review Child C (2025)", "What happened",
                  "Published 30 June 2025.", "no one put them together",
                  "Ask who lives in and visits the home.", "What stops our staff sharing a worry?",
                  "01632 960000", "Anyshire Safeguarding Children Partnership"):
        assert words in text, words


def test_script_in_every_field_stays_text():
    hostile = {k: f"{v} <script>alert(1)</script>" for k, v in REVIEW_FORM.items()
               if not k.endswith(("-theme", "-page", "published"))}
    page = review.briefing(form(**hostile), "html").data
    assert b"<script>" not in page
    assert "Agencies held pieces of the picture but no one put them together <script>alert(1)" \
           "</script>" in html_text(page)


def test_uploaded_zip_fills_the_same_form():
    loaded = review.from_zip(review.library_zip(form()).data)
    assert loaded.warnings == []
    assert loaded.form == form()


def test_init_library_uploads(tmp_path, cli):
    cli("init", tmp_path / "mine")
    files = {p.name: p.read_text() for p in (tmp_path / "mine").iterdir()}
    loaded = review.from_zip(archive.write_zip("mine", files))
    assert loaded.form.title == "Child A, local child safeguarding practice review (2025)"
    assert loaded.form.published == "30/06/2025"
    assert loaded.form.findings[0].title.startswith("Example point")
    assert [c.label for c in loaded.form.contacts] == ["Worried about a child?", "Out of hours"]


def test_what_the_form_cannot_hold_is_named():
    files = {"sources.yaml": "reports:\n  - id: r1\n    short: R1\n    citation: R one.\n    summary: S.\n",
             "points.yaml": "points:\n  - id: r1-a\n    title: T\n    summary: S\n"
                            "    implications: [Do]\n    themes: [neglect, poverty]\n"
                            "    audiences: [health]\n    priority: core\n"
                            "    source: {report: r1}\n"}
    loaded = review.from_zip(archive.write_zip("x", files))
    assert loaded.warnings == [("Finding 1 (T): the form does not hold its other themes, its "
                                "audiences; downloading again leaves them out.")]
    assert loaded.form.findings[0].theme == "neglect"


def test_an_invalid_upload_names_file_and_line_inside_the_zip():
    files = {"sources.yaml": "reports:\n  - id: r1\n    short: R1\n    citation: R one.\n",
             "points.yaml": "points:\n  - id: r1-a\n    title: ''\n"}
    with pytest.raises(ValidationFailed) as e:
        review.from_zip(archive.write_zip("x", files))
    assert "points.yaml:3: 'title' is empty" in str(e.value)
    assert "/tmp" not in str(e.value)


def test_an_upload_without_a_review_of_its_own():
    with pytest.raises(InputError, match="no learning points citing a review of its own"):
        review.from_zip(archive.write_zip("x", {"README.md": "hello"}))


def test_briefing_keeps_the_findings_in_the_order_typed():
    text = docx_text(review.briefing(form(), "docx").data)
    first = text.index("Agencies held pieces of the picture")
    assert first < text.index("The father was not seen by any agency"), \
        "finding 1 before finding 2, though its theme comes later in the taxonomy"


def test_a_logo_in_the_upload_is_named_as_left_out():
    files = {"sources.yaml": "reports:\n  - id: r1\n    short: R1\n    citation: R one.\n    summary: S.\n",
             "points.yaml": "points:\n  - id: r1-a\n    title: T\n    summary: S\n"
                            "    implications: [Do]\n    themes: [neglect]\n    audiences: [all]\n"
                            "    priority: core\n    source: {report: r1}\n",
             "branding.yaml": "partnership: Anyshire\nlogo: logo.png\n"}
    loaded = review.from_zip(archive.write_zip("x", files))
    assert loaded.warnings == [("The form does not hold the logo; the briefings made here have "
                                "none. Use 'sessionbuilder sheet' on the folder for a briefing "
                                "with it.")]
    assert loaded.form.partnership == "Anyshire"

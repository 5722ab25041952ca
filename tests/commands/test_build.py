"""The builders the CLI and the web app share: files made in memory, warnings returned, nothing
written or printed until a front end decides to."""

from __future__ import annotations

import threading

import pytest

from sessionbuilder.commands import build
from sessionbuilder.documents.model import Document, Heading, Para
from sessionbuilder.library.models import Branding
from sessionbuilder.render import pdf

from support import BRIEFING


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """A working folder that must stay empty: builders write nothing, not even out/."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("nowhere")
def test_a_deck_is_built_in_memory_with_its_warnings(capsys):
    made = build.build_deck(build.Request(recipe="education", minutes=30))
    assert made.data.startswith(b"PK") and made.name == "education.pptx"
    assert made.summary.endswith(" slides, 30 minutes")
    (left_out,) = made.warnings
    assert " did not fit in 30 minutes and were left out: " in left_out
    assert made.inputs[0].name == "education.yaml"
    assert capsys.readouterr() == ("", "")


@pytest.mark.usefixtures("nowhere")
def test_a_narrowed_recipe_warns_and_suggests_the_whole_library():
    made = build.build_handout(build.Request(recipe="pathways-to-harm", themes=("neglect",),
                                             command="handout"), "html")
    assert made.name == "pathways-to-harm-neglect-handout.html" and made.summary == "web page"
    assert any("for a session on all of them, run: sessionbuilder handout --theme neglect" in w
               for w in made.warnings), made.warnings


@pytest.mark.usefixtures("nowhere")
def test_paperwork_is_named_after_the_session_and_its_kind():
    made = build.build_paperwork(build.Request(recipe="health"), "evaluation", "docx")
    assert (made.name, made.summary) == ("health-evaluation.docx", "Word")
    assert made.data.startswith(b"PK")


@pytest.mark.usefixtures("nowhere")
def test_a_sheet_says_how_many_points_it_kept_and_which_were_dropped():
    made = build.build_sheet(build.SheetRequest(themes=("neglect",)), "html")
    assert made.name == "learning-sheet.html"
    kept, total = map(int, made.summary.removeprefix("1 page, ").removesuffix(" points").split(" of "))
    assert 0 < kept < total
    (dropped,) = made.warnings
    assert dropped.startswith(f"{total - kept} point(s) did not fit on one page and were left out: ")


@pytest.mark.usefixtures("nowhere")
def test_a_briefing_lists_its_branding_file_as_an_input():
    asked = build.SheetRequest(libraries=(BRIEFING,), sources=("review-child-b",))
    made = build.build_sheet(asked, "docx")
    assert made.inputs[0] == BRIEFING / "branding.yaml" and made.warnings == ()


@pytest.mark.usefixtures("nowhere")
def test_a_pack_holds_every_file_named_after_the_recipe():
    pack = build.build_pack(build.Request("health", command="build"))
    assert [b.name for b in pack.files] == [
        "health.pptx", "health-handout.pdf", "health-sheet.pdf", "health-sheet.html",
        "health-guide.docx", "health-evaluation.docx"]
    assert all(b.data for b in pack.files)
    assert pack.warnings[-1].startswith("the sheet has room for ")


@pytest.mark.usefixtures("nowhere")
def test_running_order_returns_text_and_only_the_selections_warnings():
    done = build.running_order(build.Request(recipe="education", minutes=30, command="plan"),
                               "table")
    assert "left out" in done.summary.lower() and done.warnings == ()


# --- characters no font draws: returned with the PDF, never kept between renders ----------------

def handout(title: str, text: str) -> Document:
    return Document(kind="handout", title=title, subtitle=None, kicker="", meta=(), intro=(),
                    body=(Heading("A heading", 1), Para(text)), footer=(), branding=Branding(),
                    logo=None, date="1 January 2026", subject="", keywords=())


CJK = handout("Families who write \U0001F642\u2705", "Families who write \U0001F9D2")  # no font has them


def test_missing_characters_come_with_the_pdf_every_time():
    first = pdf.render_checked(CJK)
    assert first[1] == ("\U0001F642", "\u2705", "\U0001F9D2")
    pdf.render(CJK)  # a render outside render_checked leaves nothing behind
    assert pdf.render_checked(CJK) == first


def test_missing_characters_of_one_thread_are_not_reported_by_another():
    seen = {}

    def render(name, doc):
        seen[name] = pdf.render_checked(doc)[1]
    plain = handout("Plain text", "Only Latin letters.")
    threads = [threading.Thread(target=render, args=(n, d)) for n, d in (("cjk", CJK), ("plain", plain))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"cjk": ("\U0001F642", "\u2705", "\U0001F9D2"), "plain": ()}


def test_a_pdf_document_warns_of_what_it_cannot_show():
    made = build.write_document(CJK, "pdf")
    assert made.warnings == (build.missing_font_message(["\U0001F642", "\u2705", "\U0001F9D2"]),)
    assert build.write_document(CJK, "docx").warnings == ()

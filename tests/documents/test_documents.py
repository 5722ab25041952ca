"""The renderer-neutral documents: what the handout and sheet say, the one-review briefing, and
that the PDF, Word and web forms of one document say the same thing."""

from __future__ import annotations

import dataclasses

import pytest

from sessionbuilder.documents import handout as dochandout
from sessionbuilder.documents import model as docmodel
from sessionbuilder.documents import sheet as docsheet  # FIXME
from sessionbuilder.documents.model import Figure, Heading, Items, Para
from sessionbuilder.render import docx, html, pdf

from support import docx_text, html_text, pdf_text, words

SHEET_ORDER = ["Background", "Why it matters", "Key learning", "What to do",
               "Questions to reflect on", "Further reading"]
MARKUP = ('<script>alert("x")</script>', "<b>bold</b>", "<b>no one</b>",
          "<script>alert(1)</script>", "<b>emergencies</b>")


def headings(doc):
    return [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]


def kept_points(doc):
    return next(b.items for b in doc.body if isinstance(b, Items) and b.kind == "points")


def texts(doc):
    return {"pdf": pdf_text(pdf.render(doc)), "docx": docx_text(docx.render(doc)),
            "html": html_text(html.render(doc))}


# --- the handout ------------------------------------------------------------------------------


def test_handout_sections_in_order(handout_doc):
    top = [t for level, t in headings(handout_doc) if level == 1]
    assert top == ["About this handout", "Key learning", "Key figures",
                   "Questions for discussion", "References"]
    levels = [level for level, _ in headings(handout_doc)]
    assert all(b - a <= 1 for a, b in zip([0, *levels], levels, strict=False)), "headings never skip a level"
    assert handout_doc.title == "Pathways to harm, pathways to protection"
    assert not handout_doc.one_page


def test_handout_figures_are_whole_charts(handout_doc):
    figures = [b for b in handout_doc.blocks if isinstance(b, Figure)]
    assert figures and all(not f.compact and f.more == "" for f in figures)
    assert all(len(f.chart.categories) == f.total for f in figures)


# --- the sheet --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["all", "neglect-health", "da-police"])
def test_sheet_sections_and_kept_points(sheets, lib, name):
    doc, dropped = sheets[name]
    has_figure = any(isinstance(b, Figure) for b in doc.blocks)
    assert [t for _, t in headings(doc)] == [
        h for h in SHEET_ORDER if h != "Why it matters" or has_figure]
    points = kept_points(doc)
    assert points and all(item.title for item in points)
    titles = {p.title for p in lib.points}
    assert all(item.title in titles or item.title.endswith("…") for item in points)
    assert doc.one_page and doc.footer[0].startswith("Sources: ")
    assert len(dropped) == len(set(dropped))


def test_sheet_figure_shows_at_most_four(sheets):
    doc, _ = sheets["all"]
    fig = next(b for b in doc.blocks if isinstance(b, Figure))
    assert fig.compact and len(fig.chart.categories) <= 4 < fig.total + 1
    assert fig.more == f"({len(fig.chart.categories)} of {fig.total} shown)"


# --- the one-review briefing ------------------------------------------------------------------


def test_briefing_is_about_the_one_review(briefing):
    lib, doc, dropped = briefing
    review = lib.reports["review-child-b"]
    assert dropped == []
    assert doc.title == "Learning from Local review Child B (2025)"
    assert [t for _, t in headings(doc)] == ["What happened", "Key learning", "What to do",
                                             "Questions to reflect on", "Further reading",
                                             "Who to contact"]
    happened = doc.intro[1]
    assert isinstance(happened, Para)
    assert happened.text == review.summary + " Published 30 June 2025."
    assert [i.title for i in kept_points(doc)] == [
        "Agencies held pieces of the picture but <b>no one</b> put them together",
        "The father was not seen by any agency"], "only the review's points, core first"
    assert not any(isinstance(b, Figure) for b in doc.blocks), "no national figures"
    reading = [b for b in doc.body if isinstance(b, Items) and b.kind == "readings"][0]
    assert [i.text for i in reading.items] == [
        "Anyshire Safeguarding Children Partnership (2025) Local child safeguarding practice "
        "review Child B. https://www.example.org/reviews/child-b"]
    contacts = [b for b in doc.body if isinstance(b, Items) and b.kind == "contacts"][0]
    assert [(i.title, i.text) for i in contacts.items] == [
        ("Worried about a child?", "Call the Children's Front Door on 01632 960000"),
        ("Out of hours <b>emergencies</b>", "Call the Emergency Duty Team on 01632 960001")]
    assert doc.footer[0] == "Sources: Local review Child B (2025), p. 12"


def test_national_sheet_has_no_review_summary(sheets):
    doc, _ = sheets["neglect-health"]
    assert doc.intro[0] == Heading("Background")
    assert "national analyses" in doc.intro[1].text


def test_briefing_with_national_points_asked_for():
    from sessionbuilder.library.loading import load_library
    from support import BRIEFING, fitted_sheet
    both = load_library([BRIEFING])
    doc, _ = fitted_sheet(both, sources=["review-child-b", "sidebotham-2016"])
    assert doc.intro[0] == Heading("Background"), "two reports: not a one-review briefing"
    local = {p.title for p in both.points if p.source.report == "review-child-b"}
    shown = [i.title for i in kept_points(doc)]
    assert local & set(shown) and set(shown) - local, "local and national points together"


# --- every format says the same thing ----------------------------------------------------------


@pytest.mark.parametrize("name", ["all", "neglect-health", "da-police", "briefing"])
def test_three_formats_say_the_same_thing(sheets, lib, name):
    doc, dropped = sheets[name]
    out = texts(doc)
    must = [words(doc.title), *(words(t) for _, t in headings(doc))]
    for item in kept_points(doc):
        must += [words(item.title), words(item.text)]
    for block in doc.body:
        if isinstance(block, Items) and block.kind in ("actions", "questions", "readings"):
            must += [words(i.text) for i in block.items]
    for fmt, text in out.items():
        for phrase in must:
            assert phrase in text, (fmt, phrase)
        for pid in dropped[:5]:
            assert words(lib.point(pid).title) not in text, (fmt, pid)
    fig = next((b for b in doc.blocks if isinstance(b, Figure)), None)
    if fig:
        for fmt, text in out.items():
            assert all(v in text for v in fig.chart.labels), fmt


def test_markup_in_library_text_is_shown_as_text(briefing):
    _, doc, _ = briefing
    for fmt, text in texts(doc).items():
        for raw in MARKUP:
            assert raw in text, (fmt, raw)
    page = html.render(doc).decode()
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_plain_text_for_word_and_web():
    assert docmodel.plain("bell\x07 line\nbreak\x00 e\u0301") == "bell? line break? é"


def test_clip_and_short_citation_keep_a_url():
    assert docmodel.clip("one two three four", 100) == "one two three four"
    assert docsheet.short_citation("Anyshire SCP (2025) Review of Child B. Anyshire. "
                                    "https://example.org/b") == \
        "Anyshire SCP (2025) Review of Child B. https://example.org/b"


# --- a table of text: what a guide's running order or an evaluation's ratings will use --------


def running_order(rows: int = 3) -> docmodel.Document:
    """A new kind of document over the same writers: a guide with a running-order table."""
    from sessionbuilder.library.models import Branding
    table = docmodel.Table(
        "Running order", ("Time", "Activity", "Materials"),
        tuple((f"{10 * n:02d}:00", f"Activity {n} <b>not bold</b>", "") for n in range(rows)),
        (1, 3, 2))
    return docmodel.Document("guide", "Facilitator guide", None, "Anyshire",
                              (("For", "Trainers"),), (), (Heading("Running the session"), table),
                              (), Branding(), None, "23 November 2026", "A guide", ("guide",))


def test_tables_of_text_in_every_writer():
    doc = running_order()
    for fmt, text in texts(doc).items():
        assert "Running order" in text, fmt
        assert "Time Activity Materials" in text, fmt
        assert "00:00 Activity 0 <b>not bold</b>" in text, fmt
    import io

    import docx as python_docx
    d = python_docx.Document(io.BytesIO(docx.render(doc)))
    t = d.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["Time", "Activity", "Materials"]
    assert t.rows[0]._tr.trPr is not None and "tblHeader" in t.rows[0]._tr.trPr.xml
    widths = [c.width for c in t.rows[1].cells]
    assert widths[1] == pytest.approx(3 * widths[0], rel=0.01)
    page = html.render(doc).decode()
    assert '<th scope="col" style="width: 16.7%">Time</th>' in page
    assert '<th scope="row">00:00</th><td>Activity 0 &lt;b&gt;not bold&lt;/b&gt;</td><td></td>' in page


def test_a_long_table_repeats_its_header_on_every_pdf_page():
    from io import BytesIO

    from pypdf import PdfReader
    data = pdf.render(running_order(rows=120))
    pages = [words(p.extract_text()) for p in PdfReader(BytesIO(data)).pages]
    assert len(pages) >= 3
    assert all("Time Activity Materials" in p for p in pages)
    assert "00:00 Activity 0 <b>" in pages[0] and "00:00 Activity 0 <b>" not in pages[-1]
    assert "1190:00 Activity 119 <b>not bold</b>" in pages[-1]


def test_control_characters_never_reach_word_or_web(briefing):
    _, doc, _ = briefing
    odd = dataclasses.replace(doc, title="Bell\x07 and nul\x00 title", kicker="Tab\tand\nbreak")
    assert "Bell? and nul? title" in docx_text(docx.render(odd))
    page = html.render(odd).decode()
    assert "<h1>Bell? and nul? title</h1>" in page and "Tab and break" in page
    assert not any(ch in page for ch in "\x00\x07")


def test_web_addresses_are_links_in_pdf_and_web(briefing):
    from io import BytesIO

    from pypdf import PdfReader
    _, doc, _ = briefing
    url = "https://www.example.org/reviews/child-b"
    page = PdfReader(BytesIO(pdf.render(doc))).pages[0]
    uris = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])
            if a.get_object()["/Subtype"] == "/Link"]
    assert uris == [url]
    assert f'<a href="{url}">{url}</a>' in html.render(doc).decode()


def test_handout_intro_claims_only_what_it_holds(handout_doc):
    """No "national" claim (local reviews may be all it holds); figures named only if shown."""
    intro = handout_doc.body[1].text
    assert "from the case reviews listed under References" in intro and "national" not in intro
    assert "Key figures, questions for discussion" in intro
    plain_session = dataclasses.replace(_session(), charts=())
    assert "Key figures" not in dochandout.handout(plain_session, "1 January 2026").body[1].text


def _session():
    from sessionbuilder.commands import build
    req = build.Request()
    return build.session_plan(build.choose(req), req)


def test_handout_says_who_it_is_for_once():
    from sessionbuilder.commands import build
    req = build.Request(themes=("neglect",), audiences=("education",))
    flags = build.session_plan(build.choose(req), req)
    meta = dict(dochandout.handout(flags, "1 January 2026").meta)
    assert flags.subtitle == "For: education staff" and "For" not in meta
    recipe = dict(dochandout.handout(_session(), "1 January 2026").meta)
    assert recipe["For"] == "All agencies"

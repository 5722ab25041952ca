"""The facilitator guide: a running order read off the plan, and its notes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx as python_docx
import pytest
from support import said

from sessionbuilder.commands import build
from sessionbuilder.documents import guide
from sessionbuilder.documents.model import Item, Items, Para
from sessionbuilder.session.notes import Notes
from sessionbuilder.session.plan import Slide
from sessionbuilder.library.recipes import recipe_names


@pytest.fixture(scope="module")
def plan():
    req = build.Request("domestic-abuse-and-coercive-control")
    return build.session_plan(build.choose(req), req)


def test_the_running_order_starts_at_zero_and_adds_up_to_the_session(plan):
    rows = guide.parts(plan)
    assert rows[0].start == 0 and rows[0].kind == "title"
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.start == before.start + before.minutes
    assert sum(r.minutes for r in rows) == round(sum(s.minutes for s in plan.slides))


def test_a_theme_s_divider_and_its_points_make_one_part(plan):
    rows = guide.parts(plan)
    first_theme = next(r for r in rows if r.kind == "section")
    assert first_theme.title == plan.groups[0].label
    assert [s.kind for s in first_theme.slides[1:]] == ["point"] * len(plan.groups[0].points)
    assert first_theme.method == "Presentation, with questions to the group"


def test_points_under_no_divider_are_named_as_learning_points():
    req = build.Request("education")
    p = build.session_plan(build.choose(req), req)
    (undivided,) = [r for r in guide.parts(p) if r.kind == "point" and len(r.slides) > 1]
    first = undivided.slides[0].title
    assert undivided.title == f"{len(undivided.slides)} learning points, from “{first}”"


def test_every_slide_is_in_exactly_one_part_with_its_deck_numbers(plan):
    rows = guide.parts(plan)
    assert [s for r in rows for s in r.slides] == list(plan.slides)
    assert rows[0].slide_numbers == "1" and rows[-1].last == len(plan.slides)


def test_continued_slides_move_the_numbers_that_follow(plan):
    starts = list(range(1, len(plan.slides) + 1))
    starts = starts[:3] + [n + 2 for n in starts[3:]]  # the third slide runs over three slides
    rows = guide.parts(plan, starts, total=len(plan.slides) + 2)
    assert rows[2].slide_numbers == "3-5" and rows[3].first == 6
    assert rows[-1].last == len(plan.slides) + 2


def test_activities_are_named_as_such(plan):
    slides = plan.slides[:1] + (Slide("case-extract", "Case extract: a stated move", minutes=8),)
    rows = guide.parts(replace(plan, slides=slides))
    assert rows[1].title == "Case extract: a stated move"
    assert rows[1].method == "Small groups of three to five"
    assert rows[1].resources == "Printed extract, one per group"


def test_clock_reads_hours_and_minutes():
    assert [guide.clock(m) for m in (0, 9, 61, 90)] == ["00:00", "00:09", "01:01", "01:30"]


def test_speaker_notes_are_read_by_their_parts_not_their_wording():
    """Steps numbered, lists listed, the clock and ids left to the running order; a line that
    looks like a step or a label is still the paragraph it is."""
    notes = Notes(("1. Not a step, a sentence.", "Nor a label:"), steps=("Read it.", "Discuss."),
                  learning=(("A", "b"),), source="Report (2020), p3", extract_id="x-1",
                  start=24, minutes=8)
    assert guide._from_notes(notes) == [
        Para("1. Not a step, a sentence."), Para("Nor a label:"), Para("1. Read it."),
        Para("2. Discuss."), Para("Related learning points:", "label"),
        Items((Item("A: b"),)), Para("Source: Report (2020), p3.")]


def test_a_list_under_the_notes_first_lines_is_labelled_by_the_last():
    notes = Notes(("Leave this up.", "Who to contact:"), listed=("Duty team 0100",))
    assert guide._from_notes(notes) == [Para("Leave this up."), Para("Who to contact:", "label"),
                                        Items((Item("Duty team 0100"),))]


# --- the guide and the evaluation form as a trainer opens them in Word ---------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def packs():
    """Each bundled recipe's guide and evaluation form, as `build` writes them."""
    out = {}
    for name in recipe_names():
        req = build.Request(name)
        s = build.choose(req)
        session = build.session_plan(s, req)
        _, _, starts, count, _ = build.numbered_deck(req, session)
        guide_doc = build.facilitation(s, req, session, "guide", (starts, count))
        form_doc = build.facilitation(s, req, session, "evaluation")
        out[name] = (s, session, starts, count, build.write_document(guide_doc, "docx").data,
                     build.write_document(form_doc, "docx").data)
    return out


def opened(data):
    return python_docx.Document(io.BytesIO(data))


def table(d, caption):
    return next(t for t in d.tables
                if t._tbl.tblPr.find(f"{W}tblCaption").get(f"{W}val") == caption)


def rows(t):
    return [[c.text for c in r.cells] for r in t.rows]


@pytest.mark.parametrize("name", recipe_names())
def test_the_running_order_names_every_section_and_adds_up(packs, name):
    s, session, starts, count, guide_data, _ = packs[name]
    d = opened(guide_data)
    order = rows(table(d, f"Running order: {s.loaded.recipe.minutes} minutes"))
    assert order[0] == ["Start", "Min", "Slides", "Section or activity", "Method", "Resources"]
    body, end = order[1:-1], order[-1]
    assert body[0][0] == "00:00" and sum(int(r[1]) for r in body) == s.loaded.recipe.minutes
    assert end[:2] == [guide.clock(s.loaded.recipe.minutes), str(s.loaded.recipe.minutes)]
    titles = [r[3] for r in body]
    for slide in session.slides:
        if slide.kind in ("section", "case-extract", "estimate", "pairs", "commitment", "chart"):
            assert slide.title in titles, slide.title
    assert body[-1][2].split("-")[-1] == str(count), "the last part ends on the deck's last slide"


@pytest.mark.parametrize("name", recipe_names())
def test_the_guide_has_outcomes_preparation_disclosure_answers_and_references(packs, name):
    s, session, *_, guide_data, _ = packs[name]
    d = opened(guide_data)
    text = "\n".join(p.text for p in d.paragraphs)
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == f"Facilitator guide: {session.title}"
    for h in ("Learning outcomes", "Preparation", "What to print", "Local contacts to check",
              "Distressing content and disclosures", "If someone discloses abuse",
              "Running order", "Facilitator notes", "Case extracts to print", "References"):
        assert h in headings, h
    for outcome in s.loaded.recipe.outcomes:
        assert outcome.outcome in text
    assert "call the police on 999" in text and "designated safeguarding lead" in text
    estimate = next(x for x in session.slides if x.kind == "estimate")
    answer = next(line for line in said(estimate).splitlines() if line.startswith("Answer: "))
    assert answer in text and estimate.bullets[0].text in text
    extract = next(x for x in session.slides if x.kind == "case-extract")
    assert extract.bullets[0].text in text, "the extract is quoted word for word"
    assert "Related learning points:" in text
    assert all(ref in text for ref in session.references)


@pytest.mark.parametrize("name", recipe_names())
def test_the_evaluation_rates_every_outcome_in_the_guide(packs, name):
    s, *_, guide_data, form_data = packs[name]
    d = opened(form_data)
    rating = rows(table(d, "How confident are you in each learning outcome?"))
    assert rating[0] == ["Learning outcome", "Before the session (1-5)", "After the session (1-5)"]
    assert [r[0] for r in rating[1:]] == [o.outcome for o in s.loaded.recipe.outcomes]
    assert all(r[1:] == ["", ""] for r in rating[1:])
    guide_text = "\n".join(p.text for p in opened(guide_data).paragraphs)
    assert all(r[0] in guide_text for r in rating[1:])
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:] == ["Part 1: at the end of the session",
                            "Part 2: follow-up 6-8 weeks later, with your manager",
                            "Part 3: team action plan"]
    follow_up = rows(table(d, "What has changed"))
    assert follow_up[1][0] == "What has changed in your practice since the session?"
    assert follow_up[3][0].startswith("Manager's comment")
    plan_rows = rows(table(d, "Team action plan"))
    assert plan_rows[0] == ["Action", "What we will do", "Who", "By when", "How we will know"]
    assert len(plan_rows) == 7


def test_word_files_are_accessible_and_editable(packs):
    *_, guide_data, form_data = packs["health"]
    for data in (guide_data, form_data):
        d = opened(data)
        levels = [int(p.style.name.split()[-1]) for p in d.paragraphs
                  if p.style.name.startswith("Heading")]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
        assert 'w:lang w:val="en-GB"' in styles and d.core_properties.language == "en-GB"
        for t in d.tables:
            assert t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
        body = d.element.body
        for ppr in body.iter(f"{W}pPr"):
            assert not {c.tag for c in ppr} - {f"{W}pStyle", f"{W}sectPr", f"{W}jc"}


def test_the_form_s_parts_start_new_pages_and_leave_room_to_write(packs, tmp_path, to_pdf):
    *_, form_data = packs["health"]
    path = tmp_path / "form.docx"
    path.write_bytes(form_data)
    (pdf,) = to_pdf(path)
    from pypdf import PdfReader
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    assert len(pages) == 3
    assert pages[1].lstrip().startswith("Part 2") and pages[2].lstrip().startswith("Part 3")
    d = opened(form_data)
    heights = [r.height for r in table(d, "Team action plan").rows[1:]]
    assert all(h and h.mm >= 15 for h in heights)


def test_the_guide_and_form_come_as_pdf_and_web_page_too(cli, tmp_path):
    for kind, fmt in (("guide", "pdf"), ("evaluation", "html")):
        out = tmp_path / f"{kind}.{fmt}"
        result = cli(kind, "health", "-o", out)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith(f"Wrote {out}")
    html = (tmp_path / "evaluation.html").read_text(encoding="utf-8")
    assert 'lang="en-GB"' in html and "Before the session (1-5)" in html
    assert "write-in" in html and 'class="new-page"' in html
    result = cli("guide", "health", "-o", tmp_path / "guide-without-extension")
    assert result.exit_code == 0 and "(Word)" in result.stdout, "Word unless asked otherwise"
    assert (tmp_path / "guide-without-extension").read_bytes()[:2] == b"PK"


def test_web_forms_of_the_guide_and_form_pass_axe(packs, browser, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    s, session, starts, count, *_ = packs["neglect-and-adolescents"]
    req = build.Request("neglect-and-adolescents")
    page = browser.new_page()
    try:
        for kind in ("guide", "evaluation"):
            doc = build.facilitation(s, req, session, kind, (starts, count))
            path = tmp_path / f"{kind}.html"
            path.write_bytes(build.write_document(doc, "html").data)
            page.goto(path.as_uri())
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
                "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}})
            assert results.violations_count == 0, results.generate_report()
    finally:
        page.close()

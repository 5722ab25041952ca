"""Content survives layout: text split over "(cont.)" boxes keeps every word in order, nothing
lost or added; wrapped lines fit; shortened titles keep their suffix."""

from __future__ import annotations

import pytest

from sessionbuilder.text import fit as textfit
from sessionbuilder.text.fit import Box, Para

from support import LONG_WORDS, planned, said
from sessionbuilder.documents import sheet as docsheet
from sessionbuilder.session import plan
from sessionbuilder.session.notes import Notes
from sessionbuilder.library.models import SourceRef
from pptx.enum.shapes import PP_PLACEHOLDER

BOX = Box(width=600, height=300, indent=20)
SIZES = (28, 24, 20, 18)


def words_of(pages):
    return [w for page in pages for p in page for w in p.text.split()]


def text(n: int, start: int = 0) -> str:
    return " ".join(LONG_WORDS[(start + i) % len(LONG_WORDS)] for i in range(n))


@pytest.mark.parametrize("counts", [(10,), (400,), (176, 3, 60), (1,) * 18])
def test_pages_keep_every_word_in_order(counts):
    paras = [Para(text(n, i), level=i % 2, bold=i == 1, plain=i == 0) for i, n in enumerate(counts)]
    size, pages = textfit.paginate(paras, BOX, SIZES)
    assert words_of(pages) == [w for p in paras for w in p.text.split()]
    for page in pages:  # every page fits, and keeps each paragraph's level and weight
        assert textfit.total_height(page, size, BOX) <= BOX.height + 1e-6
        assert all(any((q.level, q.bold, q.plain) == (p.level, p.bold, p.plain) for q in paras) for p in page)


def test_split_paragraph_continues_with_the_same_style():
    paras = [Para(text(30)), Para(text(300), level=1, bold=True)]
    _, pages = textfit.paginate(paras, BOX, SIZES)
    assert len(pages) > 1
    continued = [p for page in pages[1:] for p in page]
    assert continued and all((p.level, p.bold, p.plain) == (1, True, False) for p in continued)


def test_largest_size_that_fits_one_box():
    paras = [Para(text(40))]
    size, pages = textfit.paginate(paras, BOX, SIZES)
    assert len(pages) == 1 and pages[0] == paras
    assert textfit.fits(paras, size, BOX)
    bigger = [s for s in SIZES if s > size]
    assert all(not textfit.fits(paras, s, BOX) for s in bigger)
    assert textfit.paginate([Para("Short.")], BOX, SIZES)[0] == 28


def test_text_that_never_fits_uses_the_smallest_size():
    size, pages = textfit.paginate([Para(text(500))], BOX, SIZES)
    assert size == 18 and len(pages) >= 3


def test_no_single_line_left_at_the_foot_of_a_box():
    box = Box(width=600, height=5 * 18 * 1.2 + 6, indent=20)
    first = next(Para(text(n)) for n in range(10, 80)
                 if len(textfit.para_lines(Para(text(n)), 18, box)) == 4)
    _, pages = textfit.paginate([first, Para(text(60))], box, (18,))
    assert pages[0] == [first]  # one line of room: the next paragraph starts a new box


def test_height_counts_lines_and_gaps():
    box = Box(width=600, height=1000, indent=20, line_spacing=1.5, space_before=10)
    paras = [Para("one"), Para("two"), Para("three")]
    assert textfit.line_height(20, box) == 30
    assert textfit.total_height(paras, 20, box) == 3 * 30 + 3 * 10  # space before each paragraph
    assert textfit.total_height([], 20, box) == 0


def test_indent_narrows_list_items_but_not_plain_paragraphs():
    box = Box(width=300, height=1000, indent=40)
    long = text(40)
    plain = textfit.para_lines(Para(long, plain=True), 18, box)
    item = textfit.para_lines(Para(long), 18, box)
    nested = textfit.para_lines(Para(long, level=2), 18, box)
    assert len(plain) <= len(item) < len(nested)
    for lines, width in ((plain, 300), (item, 260), (nested, 180)):
        assert all(textfit.word_width(line, 18) <= width * textfit.SAFETY for line in lines)
        assert " ".join(lines) == long


def test_wrap_breaks_long_words_without_losing_characters():
    url = "https://example.org/" + "/".join(["segment"] * 40) + "/index.html"
    lines = textfit.wrap(f"See {url} now", 18, 300)
    assert "".join(lines).replace(" ", "") == f"See{url}now"
    assert all(textfit.word_width(line, 18) <= 300 * textfit.SAFETY for line in lines)
    assert lines[0] == "See" and lines[-1].endswith("now")
    assert textfit.wrap("", 18, 300) == [""]
    assert textfit.wrap("x" * 500, 18, 300)[0] == "x" * len(textfit.wrap("x" * 500, 18, 300)[0])


def test_wrap_fills_lines_greedily():
    lines = textfit.wrap(text(60), 18, 400)
    for line, following in zip(lines, lines[1:], strict=False):
        first_word = following.split()[0]
        assert textfit.word_width(f"{line} {first_word}", 18) > 400 * textfit.SAFETY


def test_bold_is_measured_wider():
    assert textfit.word_width("Safeguarding", 18, bold=True) > textfit.word_width("Safeguarding", 18)
    assert len(textfit.wrap(text(80), 18, 400, bold=True)) >= len(textfit.wrap(text(80), 18, 400))


def test_fit_title_keeps_the_suffix_and_shortens_only_the_text():
    box = Box(width=500, height=0, indent=0)
    size, fitted = textfit.fit_title("Short title", box, (40, 32, 28), 2, " (cont.)")
    assert (size, fitted) == (40, "Short title (cont.)")
    long = text(60)
    size, fitted = textfit.fit_title(long, box, (40, 32, 28), 2, " (cont.)")
    assert size == 28 and fitted.endswith("… (cont.)")
    kept = fitted.removesuffix("… (cont.)")
    assert long.startswith(kept) and len(textfit.wrap(fitted, 28, 500, bold=True)) <= 2
    one_more = kept + " " + long.split()[len(kept.split())] + "… (cont.)"
    assert len(textfit.wrap(one_more, 28, 500, bold=True)) > 2


def test_fit_title_picks_the_largest_size_that_fits():
    box = Box(width=500, height=0, indent=0)
    title = text(12)
    size, fitted = textfit.fit_title(title, box, (44, 36, 28, 20), 2)
    assert fitted == title and len(textfit.wrap(title, size, 500, bold=True)) <= 2
    assert all(len(textfit.wrap(title, s, 500, bold=True)) > 2 for s in (44, 36, 28, 20) if s > size)


# --- the plan: the words, numbers and order a trainer will see ---------------------------------


@pytest.fixture
def pathways():
    """Planned afresh for each test (not cached), so mutation testing knows which tests run
    the planning code."""
    return planned("pathways-to-harm")


def slides_of(p, kind):
    return [s for s in p.slides if s.kind == kind]


def test_remember_quote_is_the_passage_word_for_word(pathways, lib):
    _, p = pathways
    passage = lib.passages["remember"]
    (quote,) = [s for s in p.slides if s.title == "Remember …"]
    assert quote.kind == "quote" and quote.quote == passage.text
    assert quote.quote.startswith("These apparent failures (the SCR cases)")
    assert quote.quote.endswith("to support and protect them.")
    expected = plan.cite(lib, passage.source)
    assert quote.citation == expected and quote.citation.startswith(lib.reports[passage.source.report].short)
    assert "p165" in quote.citation
    assert said(quote).startswith(f"Read the quotation aloud. Source: {expected}.")
    assert not quote.bullets


def test_references_list_every_report_and_document_cited(pathways, lib):
    s, p = pathways
    (refs,) = slides_of(p, "references")
    shown = [b.text for b in refs.bullets]
    points = [q for q in s.points if q.id in {x.point_id for x in p.slides}]
    passages = [lib.passages[n] for n in ("aims", "remember", "what-is-scr", "about-the-report",
                                          "overview", "further-reading")]
    cited = ([q.source for q in points] + [x.source for x in passages]
             + [f.source for f in lib.figures if f.id in {c.id for c in p.charts}]
             + [x.since.source for x in (*points, *passages) if x.since])
    reports = [r.citation for r in lib.reports.values() if r.id in {c.report for c in cited}]
    documents = [d.citation for d in lib.documents.values() if d.id in {c.document for c in cited}]
    assert shown == reports + documents == list(p.references)
    assert len(shown) == 8 and len(set(shown)) == 8
    assert "HM Government (2023) Working Together to Safeguard Children 2023" in shown[2], \
        "what replaced SCRs is cited to the current guidance"
    assert refs.title == "References" and said(refs).startswith("The reports and documents this session")


def test_references_helper_orders_reports_then_documents(lib):
    doc = next(iter(lib.documents.values()))
    reports = list(lib.reports)
    refs = [SourceRef(report=reports[-1]), SourceRef(report=doc.report, document=doc.id),
            SourceRef(report=reports[0]), SourceRef(report=reports[0])]
    cited = {reports[-1], reports[0], doc.report}
    expected_reports = [r.citation for r in lib.reports.values() if r.id in cited]
    assert plan.references(lib, refs) == (*expected_reports, doc.citation)
    assert plan.references(lib, []) == ()


def test_voice_of_the_child_section_holds_its_points_once(pathways, lib):
    s, p = pathways
    voice = lib.themes.get("voice-of-child")
    sections = [i for i, x in enumerate(p.slides) if x.kind == "section" and x.title == voice.label]
    assert len(sections) == 1, [x.title for x in p.slides if x.kind == "section"]
    start = sections[0]
    assert p.slides[start].subtitle == voice.description
    after = []
    for x in p.slides[start + 1:]:
        if x.kind != "point":
            break
        after.append(x.point_id)
    planned_ids = [x.point_id for x in p.slides if x.point_id]
    expected = [pid for pid in planned_ids if "voice-of-child" in lib.point(pid).themes]
    assert after == expected and len(after) >= 2
    assert len(planned_ids) == len(set(planned_ids))
    assert p.groups[-1].theme == "voice-of-child" and [v.id for v in p.groups[-1].points] == after


def test_voice_section_can_be_renamed(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("title: T\nthemes: [voice-of-child, neglect]\nminutes: 60\nsections:\n"
                      "  - kind: title\n  - kind: learning\n  - kind: voice-of-child\n"
                      "    title: Hearing children\n")
    _, p = planned(str(recipe))
    titles = [s.title for s in p.slides if s.kind == "section"]
    assert "Hearing children" in titles and "Voice of the child" not in titles


def test_point_slides_show_the_point_in_full(pathways, lib):
    _, p = pathways
    for slide in slides_of(p, "point"):
        point = lib.point(slide.point_id)
        assert slide.title == point.title
        assert [(b.text, b.bold, b.plain, b.level) for b in slide.bullets] == [
            (point.summary, False, True, 0), ("What to do:", True, True, 0),
            *((i, False, False, 0) for i in point.implications)]
        citation = plan.cite(lib, point.source)
        assert slide.citation == citation
        lines = said(slide).split("\n")
        assert lines[:3] == [point.summary, "", "Talking points:"]
        assert lines[3:3 + len(point.implications)] == [f"- {i}" for i in point.implications]
        for q in point.questions:
            assert f"- {q}" in lines
        if point.quote:
            assert any(line.startswith(f"Quote: “{point.quote.text}”") for line in lines)
        assert f"Source: {citation}." in lines and f"Learning point: {point.id}" in lines
        assert lines[-1].startswith("Suggested time: ")
        assert slide.source_line == plan.source_line(lib, point.source)


def test_a_point_with_questions_and_a_quote(lib):
    point = next(p for p in lib.points if p.questions and p.quote)
    view = plan.point_view(lib, point, point.themes[0])
    slide = plan._point_slide(view, 3, "Source: x")
    lines = said(slide).split("\n")
    at = lines.index("Ask the group:")
    assert lines[at + 1:at + 1 + len(point.questions)] == [f"- {q}" for q in point.questions]
    page = f", p{point.quote.page}" if point.quote.page else ""
    assert f"Quote: “{point.quote.text}” ({lib.reports[point.source.report].short}{page})" in lines
    assert (slide.minutes, slide.source_line, slide.point_id) == (3, "Source: x", point.id)


def test_passage_slides(pathways, lib):
    _, p = pathways
    aims = lib.passages["aims"]
    (slide,) = [s for s in p.slides if s.title == aims.title]
    assert [b.text for b in slide.bullets] == list(aims.bullets)
    citation = plan.cite(lib, aims.source)
    assert slide.citation == citation
    assert said(slide).startswith(" ".join(aims.bullets) + f"\n\nSource: {citation}.")


def test_discussion_uses_the_recipes_questions(pathways):
    s, p = pathways
    (slide,) = slides_of(p, "discussion")
    asks = [getattr(q, "ask", q) for q in s.loaded.recipe.questions]
    assert [b.text for b in slide.bullets] == asks == list(p.questions)
    assert slide.title == "What does this mean for our agency?"
    assert said(slide).startswith("Discussion in small groups, then feedback to the whole group.")


def test_chart_slides_carry_the_figures_numbers(pathways, lib):
    _, p = pathways
    charts = slides_of(p, "chart")
    assert [c.chart.id for c in charts] == ["ages-2011-14", "csc-involvement-2011-14",
                                            "multiple-problems-2011-14", "family-characteristics-2014-17"]
    for slide in charts:
        figure = next(f for f in lib.figures if f.id == slide.chart.id)
        ch = slide.chart
        assert slide.title == ch.title == figure.title
        assert ch.categories == tuple(i.label for i in figure.items)
        assert ch.values == tuple(i.value for i in figure.items)
        assert ch.labels == tuple(i.display or f"{i.value:g}{'%' if figure.unit == 'percent' else ''}"
                                  for i in figure.items)
        assert (ch.kind, ch.unit, ch.alt_text, ch.note) == (figure.chart, figure.unit, figure.alt_text,
                                                            figure.note)
        assert slide.citation == ch.citation == plan.cite(lib, figure.source)
        values = "; ".join(f"{c}: {v}" for c, v in zip(ch.categories, ch.labels, strict=True))
        note = f" {ch.note}" if ch.note else ""
        assert said(slide).startswith(f"{ch.title}. {values}.{note}\n\nSource: {ch.citation}.")
    bare = plan.Chart("c", "bar", "Ages", ("Under 1", "1-5"), (36.0, 24.0), ("36%", "24%"), "percent",
                      "alt", None, "Review, p7")
    assert plan._chart_notes(bare) == Notes(("Ages. Under 1: 36%; 1-5: 24%.",), source="Review, p7")


def test_title_slide(pathways):
    s, p = pathways
    title = p.slides[0]
    recipe = s.loaded.recipe
    assert (title.kind, title.title, title.subtitle) == ("title", recipe.title, recipe.subtitle)
    assert said(title).startswith(f"Welcome and introductions. This session runs for {p.minutes} "
                                  f"minutes and is for: All agencies.")


def test_title_option_replaces_the_title_only():
    _, p = planned("health", title="Our own session")
    assert p.title == p.slides[0].title == "Our own session"


def test_running_clock_adds_up(pathways):
    _, p = pathways
    start = 0
    for slide in p.slides:
        assert slide.start == start
        start += slide.minutes
    assert start == p.minutes == 90


def test_command_line_narrows_a_recipe(lib):
    s, p = planned("health", themes=["neglect"])
    recipe = s.loaded.recipe
    assert s.points and all("neglect" in q.themes for q in s.points)
    assert all(any(a in q.audiences for a in recipe.audiences) for q in s.points)
    wanted = set(recipe.points)
    expected = [q.id for q in lib.points if "neglect" in q.themes
                and any(a in q.audiences for a in recipe.audiences)
                and (not wanted or q.id in wanted)]
    assert [q.id for q in s.points] == expected
    whole, _ = planned("health")
    assert len(s.points) < len(whole.points)
    assert {x.point_id for x in p.slides if x.point_id} <= {q.id for q in s.points}


def test_command_line_audience_narrows_too():
    s, _ = planned("pathways-to-harm", audiences=["education"])
    assert s.points and all("education" in q.audiences for q in s.points)
    assert {q.id for q in s.points} <= set(s.loaded.recipe.points)


def test_narrowing_to_nothing_is_an_error():
    from sessionbuilder.errors import InputError
    with pytest.raises(InputError) as info:
        planned("health", themes=["cse"], audiences=["education"], sources=["dfe-2020"])
    assert str(info.value).startswith("no learning points match this recipe and these filters")


def test_unique_titles_number_repeats():
    slides = [plan.Slide("point", "Same"), plan.Slide("point", "same"), plan.Slide("point", "Other"),
              plan.Slide("point", "Same")]
    assert [s.title for s in plan._unique_titles(slides)] == ["Same", "same (2)", "Other", "Same (3)"]


def test_dividers():
    g = lambda n: plan.ThemeGroup("t", "T", "D", tuple(range(n)))  # noqa: E731
    assert plan.dividers([g(5)]) == [False]
    assert plan.dividers([g(1), g(2)]) == [True, True]
    assert plan.dividers([g(1)] * 6) == [True] * 6
    assert plan.dividers([g(1), g(2), g(3), g(4), g(1), g(1), g(5)]) == [False, False, True, True,
                                                                         False, False, True]


def test_audience_label(lib):
    assert plan.audience_label(lib, []) == "All agencies"
    assert plan.audience_label(lib, lib.audiences.ids) == "All agencies"
    a, b = lib.audiences.ids[:2]
    assert plan.audience_label(lib, [a, b]) == f"{lib.audiences.get(a).label}, {lib.audiences.get(b).label}"


def test_cite_names_the_document_it_came_through(lib):
    doc = next(d for d in lib.documents.values() if d.short != lib.reports[d.report].short)
    short = lib.reports[doc.report].short
    assert plan.cite(lib, SourceRef(report=doc.report, document=doc.id, page="7")) == (
        f"{short}, p7, via {doc.short}")
    assert plan.cite(lib, SourceRef(report=doc.report), "9") == f"{short}, p9"
    assert plan.cite(lib, SourceRef(report=doc.report, page="3"), "9") == f"{short}, p9"


def test_sheet_plan_orders_core_first_and_lists_sources(lib):
    from sessionbuilder.session.selection import resolve, select
    c = resolve(lib, themes=["neglect"], audiences=["health"])
    points = select(lib, c)
    sheet = docsheet.sheet_plan(lib, points, c, None, "1 January 2026", plan.Branding(), None)
    assert sheet.title == "Learning from case reviews: Neglect" and sheet.themes == "Neglect"
    assert sheet.audience == lib.audiences.get("health").label and sheet.date == "1 January 2026"
    priorities = [v.priority for v in sheet.points]
    assert priorities == sorted(priorities, key=["core", "supporting"].index)
    assert sorted(v.id for v in sheet.points) == sorted(p.id for p in points)
    assert list(sheet.questions) == list(dict.fromkeys(q for v in sheet.points for q in v.questions))
    assert sheet.background.startswith("What national reviews of serious harm to children tell us about "
                                       "neglect. This sheet draws on the national analyses of serious "
                                       "case reviews: ")
    reports = list(dict.fromkeys(lib.point(v.id).source.report for v in sheet.points))
    assert sheet.background.endswith("; ".join(lib.reports[r].short for r in reports) + ".")
    assert [s.short for s in sheet.sources] == sorted(
        [s.short for s in sheet.sources], key=[lib.reports[r].short for r in reports].index)
    assert sheet.further_reading == plan.references(lib, [p.source for p in points])
    named = docsheet.sheet_plan(lib, points, c, "Own title", "d", plan.Branding(), None)
    assert named.title == "Own title"


# --- the deck says what the plan says ---------------------------------------------------------


FURNITURE = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)

def deck_slides(data: bytes):
    """(title, body words, notes) of every slide, as PowerPoint shows them."""
    import io
    from pptx import Presentation
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        body = " ".join(sh.text_frame.text for sh in slide.placeholders
                        if sh.has_text_frame and sh.placeholder_format.idx != 0
                        and sh.placeholder_format.type not in FURNITURE)
        out.append((title, body.split(), slide.notes_slide.notes_text_frame.text))
    return out


def squeeze(text: str) -> str:
    """Words without spaces: where a long word breaks over lines is the renderer's business."""
    return "".join(text.split())


def test_deck_text_is_the_plans_text(pathways):
    from sessionbuilder.render.pptx import deck as render_pptx
    _, p = pathways
    shown = deck_slides(render_pptx.render(p))
    for spec in p.slides:
        pages = [s for s in shown if s[0] == spec.title or s[0].startswith(spec.title + " (cont.")
                 or (spec.title.startswith(s[0].rstrip("…")) and s[0].endswith("…"))]
        assert pages, spec.title
        body = squeeze(" ".join(w for page in pages for w in page[1]))
        if spec.kind == "quote":
            assert squeeze(f"“{spec.quote}”") in body and squeeze(spec.citation) in body
        for bullet in spec.bullets:
            assert squeeze(bullet.text) in body, (spec.title, bullet.text)
        if spec.kind in ("point", "bullets", "quote", "references", "discussion"):
            expected = squeeze(" ".join(b.text for b in spec.bullets))
            assert expected in body or spec.kind == "quote"
        assert pages[0][2] == said(spec)


def test_continued_point_keeps_every_word_in_order(tmp_path):
    from support import write_long_point_library
    from sessionbuilder.render.pptx import deck as render_pptx
    folder = write_long_point_library(tmp_path / "lib", words=700)
    s, p = planned(None, libraries=[folder], themes=["voice-of-child"], audiences=["education"])
    spec = next(x for x in p.slides if x.point_id == "local-very-long-point")
    shown = deck_slides(render_pptx.render(p))
    pages = [x for x in shown if x[2].endswith(said(spec))]
    assert len(pages) >= 3, "a 700-word point needs continuation slides"
    assert all("(cont." in t for t, _, _ in pages[1:])
    words = [w for _, body, _ in pages for w in body]
    expected = [w for b in spec.bullets for w in b.text.split()]
    full_title = [w for w in spec.title.split()]
    if words[:len(full_title)] == full_title:  # a shortened title is repeated in full in the body
        words = words[len(full_title):]
    assert squeeze(" ".join(words)) == squeeze(" ".join(expected))
    plain = [w for w in expected if len(w) < 30]
    assert [w for w in words if w in set(plain)] == plain  # ordinary words: in order, none lost


def test_pick_figures_named_or_by_theme(lib):
    from sessionbuilder.session.selection import Criteria
    ids = [f.id for f in lib.figures]
    named = plan.pick_figures(lib, Criteria(), [], [ids[2], ids[0]])
    assert [c.id for c in named] == [ids[2], ids[0]]
    two = ("cumulative-risk", "case-review-practice", "adolescents")  # more than a sheet's four
    by_theme = plan.pick_figures(lib, Criteria(themes=two), [])
    sharing = [f.id for f in lib.figures if set(two) & set(f.themes)]
    assert len(sharing) > plan.MAX_FIGURES == 4
    assert [c.id for c in by_theme] == sharing[:4]
    lone = next(t for t in lib.themes.ids if 0 < sum(t in f.themes for f in lib.figures) < 4)
    assert [c.id for c in plan.pick_figures(lib, Criteria(themes=(lone,)), [])] == [
        f.id for f in lib.figures if lone in f.themes]
    point = next(p for p in lib.points if set(p.themes) == {lone} or lone in p.themes)
    from_points = plan.pick_figures(lib, Criteria(), [point])
    assert [c.id for c in from_points] == [f.id for f in lib.figures
                                          if set(point.themes) & set(f.themes)][:plan.MAX_FIGURES]
    assert plan.pick_figures(lib, Criteria(themes=("no-such-theme",)), []) == ()


def test_sheet_without_themes_names_the_points_themes(lib):
    from sessionbuilder.session.selection import resolve, select
    c = resolve(lib, audiences=["police"])
    points = select(lib, c)
    sheet = docsheet.sheet_plan(lib, points, c, None, "2 May 2026", plan.Branding(), None)
    themes = list(dict.fromkeys(v.theme for v in sheet.points))
    labels = ", ".join(lib.themes.get(t).label for t in themes[:4])
    assert sheet.themes == labels + (" and more" if len(themes) > 4 else "")
    assert sheet.title == f"Learning from case reviews: {sheet.themes}" and sheet.date == "2 May 2026"
    paged = next(p for p in points if p.source.page)
    first = paged.source.page.split(", ")[0]
    short = lib.reports[paged.source.report].short
    assert any(paged.id in s.points for s in sheet.sources if (s.short, s.page) == (short, first))
    unpaged = [p for p in points if not p.source.page]
    for p in unpaged:
        assert any(p.id in s.points for s in sheet.sources
                   if (s.short, s.page) == (lib.reports[p.source.report].short, None))
    assert len(sheet.sources) == len({(s.short, s.page) for s in sheet.sources})


def test_every_passage_slide_says_its_passage(pathways, lib):
    _, p = pathways
    passages = {x.title: x for x in lib.passages.values()}
    shown = [s for s in p.slides if s.kind in ("bullets", "quote") and s.title in passages]
    assert len(shown) == 6
    for slide in shown:
        passage = passages[slide.title]
        if passage.verbatim:
            assert slide.quote == passage.text and not slide.bullets
        else:
            since = [passage.since.text] if passage.since else []
            assert [b.text for b in slide.bullets] == (list(passage.bullets) or [passage.text]) + since
            talk = " ".join(b.text for b in slide.bullets[:len(slide.bullets) - len(since)])
            assert said(slide).startswith(talk + ("\n\nSince then: " if since else "\n\nSource: "))
        assert slide.citation == plan.cite(lib, passage.source)


def test_groups_name_their_theme(pathways, lib):
    _, p = pathways
    assert p.groups and all(g is not None for g in p.groups)
    for g in p.groups:
        term = lib.themes.get(g.theme)
        assert (g.label, g.description) == (term.label, term.description)
        assert g.points and all(pv.theme == g.theme for pv in g.points)
        assert all(g.theme in lib.point(pv.id).themes for pv in g.points)


def test_without_a_voice_section_voice_points_stay_in_learning(tmp_path, lib):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("title: T\nthemes: [voice-of-child]\nminutes: 60\nsections:\n"
                      "  - kind: title\n  - kind: learning\n")
    s, p = planned(str(recipe))
    shown = [x.point_id for x in p.slides if x.point_id]
    assert shown and set(shown) <= {q.id for q in s.points}
    assert all("voice-of-child" in lib.point(pid).themes for pid in shown)
    assert all(g is not None for g in p.groups) and p.subtitle is None


def test_subtitles(pathways):
    s, p = pathways
    assert p.subtitle == s.loaded.recipe.subtitle == p.slides[0].subtitle
    _, own = planned(None, themes=["neglect"], audiences=["education"])
    assert own.subtitle and own.subtitle == own.slides[0].subtitle


def test_points_left_out_of_a_short_session_are_named():
    s, p = planned("pathways-to-harm", minutes=30)
    shown = {x.point_id for x in p.slides if x.point_id}
    assert p.left_out and set(p.left_out) == {q.id for q in s.points} - shown
    assert [o.id for o in p.omitted if o.kind == "point"] == list(p.left_out)


def test_session_called_directly_uses_the_recipe(lib):
    from sessionbuilder.library.recipes import load_recipe
    from sessionbuilder.session.selection import Criteria, select
    loaded = load_recipe(lib, "health")
    c = Criteria(tuple(loaded.recipe.audiences), tuple(loaded.recipe.themes))
    points = [q for q in select(lib, c) if q.id in set(loaded.recipe.points)]
    p = plan.session(lib, loaded.recipe, points, c, 60, loaded.branding, None)
    assert p.title == loaded.recipe.title
    assert p.questions == tuple(getattr(q, "ask", q) for q in loaded.recipe.questions)


def test_many_themes_with_exactly_six_groups_keep_their_own_theme(lib):
    from sessionbuilder.session.selection import Criteria
    make = lambda pid, *themes: lib.points[0].model_copy(update={"id": pid, "themes": list(themes)})  # noqa: E731
    themes = lib.themes.ids[:6]
    big = themes[-1]  # three points of its own, and the second theme of the others
    points = [make(f"p{i}", big) for i in range(3)]
    points += [make(f"q{i}", t, big) for i, t in enumerate(themes[:-1])]
    groups = plan.group(lib, points, Criteria(themes=tuple(themes)))
    assert [g.theme for g in groups] == themes  # six groups: each point under its first theme
    assert [len(g.points) for g in groups] == [1, 1, 1, 1, 1, 3]
    seven = (*themes[:-1], lib.themes.ids[6], big)
    moved = plan.group(lib, points + [make("r0", lib.themes.ids[6], big)], Criteria(themes=seven))
    assert [g.theme for g in moved] == [big] and len(moved[0].points) == 9  # all under a divider


def test_sections_take_the_titles_a_recipe_gives(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        "title: T\nthemes: [neglect, voice-of-child]\nminutes: 120\nsections:\n  - kind: title\n"
        "  - kind: aims\n    title: Why we are here\n  - kind: remember\n    title: Keep in mind\n"
        "  - kind: overview\n    title: The big picture\n  - kind: learning\n"
        "  - kind: voice-of-child\n    title: Hearing children\n  - kind: discussion\n    title: Talk\n"
        "  - kind: references\n    title: Read more\n")
    _, p = planned(str(recipe))
    titles = [s.title for s in p.slides if s.kind != "point"]
    for wanted in ("Why we are here", "Keep in mind", "The big picture", "Hearing children", "Talk",
                   "Read more"):
        assert wanted in titles
    assert "About the national analysis" in titles  # the overview's first slide keeps its own


def test_section_slides_introduce_their_theme(pathways, lib):
    _, p = pathways
    sections = [s for s in p.slides if s.kind == "section"]
    assert sections
    for s in sections:
        term = next(t for t in lib.themes.terms if t.label == s.title)
        assert s.subtitle == term.description
        assert said(s).startswith(f"Section: {term.label}. {term.description}\n\n")


def test_what_an_scr_was_is_past_and_says_what_replaced_it(pathways):
    _, p = pathways
    (slide,) = [s for s in p.slides if s.title == "What was a Serious Case Review (SCR)?"]
    texts = [b.text for b in slide.bullets]
    assert texts[0].startswith("A Local Safeguarding Children Board (LSCB) commissioned an SCR")
    assert texts[-1].startswith("SCRs have since been replaced by rapid reviews and local child "
                                "safeguarding practice reviews")
    assert "Child Safeguarding Practice Review Panel" in texts[-1]
    assert ("Since then: SCRs have since been replaced" in said(slide)
            and "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"
            in said(slide))


def test_replaced_law_is_in_the_past_tense_with_a_note(lib):
    point = lib.point("info-cultural-barriers-not-law")
    assert "The Data Protection Act 1998 and human rights law were not barriers" in point.summary
    view = plan.point_view(lib, point, "information-sharing")
    assert view.since == ("Since then: The Data Protection Act 1998 has been replaced by the Data "
                          "Protection Act 2018 and the UK GDPR. (Data Protection Act 2018, "
                          "https://www.legislation.gov.uk/ukpga/2018/12/contents)")
    present = [p.id for p in lib.points
               if any(w in t for t in (p.summary, *p.implications)
                      for w in ("LSCB commissions", "Data Protection Act 1998 and human rights law are"))]
    assert present == []

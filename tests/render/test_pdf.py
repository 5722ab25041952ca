"""PDF handout and one-page sheet, opened with pypdf (and poppler's pdffonts): one page always,
fitting by priority, text and Unicode, fonts embedded, outline, metadata, determinism."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from sessionbuilder.commands import build
from sessionbuilder.documents import handout as dochandout
from sessionbuilder.documents import model as docmodel
from sessionbuilder.documents import sheet as docsheet  # FIXME
from sessionbuilder.session import plan
from sessionbuilder.errors import InputError
from sessionbuilder.library.models import Branding, Recipe
from sessionbuilder.render import pdf
from sessionbuilder.session.selection import resolve, select
from sessionbuilder.render.style import MIN_CONTRAST, PDF, contrast

from support import write_long_point_library

DATE = "23 November 2026"
AUDIENCES = ("social-care", "education", "police-justice", "health", "boards")
THEMES = ("domestic-abuse", "neglect", "adolescents", "information-sharing",
          "parental-mental-health")
SHEET_HEADINGS = ("Background", "Why it matters", "Key learning", "What to do",
                  "Questions to reflect on", "Further reading", "Sources:", "Page 1 of 1")
SPECIAL = ("“Curly” and ‘single’ quotes – en dash — em dash ⇒ arrow … café, Łódź, "
           "Ćwiczenia, niño, Köln")
SPECIAL_PARTS = ("“Curly”", "‘single’", "quotes – en dash", "— em dash", "⇒ arrow",
                 "arrow …", "café", "Łódź", "Ćwiczenia", "niño", "Köln")


# --- helpers ---------------------------------------------------------------------------------


def sheet_plan(lib, audiences=(), themes=(), branding=None, logo=None, title=None):
    criteria = resolve(lib, audiences, themes)
    return docsheet.sheet_plan(lib, select(lib, criteria), criteria, title, DATE,
                               branding or Branding(), logo)


def render_sheet(sp, paper="a4"):
    """The sheet as `sessionbuilder sheet` makes it: fitted once, then written."""
    options = pdf.PdfOptions(paper=paper)
    doc, dropped = docsheet.fit_sheet(sp, lambda d: pdf.fits(d, options))
    return pdf.render(doc, options), dropped


def render_handout(sp):
    return pdf.render(dochandout.handout(sp, DATE))


def reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def text_of(data: bytes) -> str:
    """All extracted text, whitespace collapsed, so wrapped lines read as one."""
    return " ".join(" ".join(p.extract_text() for p in reader(data).pages).split())


def norm(text: str) -> str:
    return " ".join(text.split())


def font_sizes(data: bytes) -> list[float]:
    sizes = []
    for page in reader(data).pages:
        stream = page.get_contents().get_data()
        sizes += [float(x) for x in re.findall(rb"/F\d+(?:\+\d+)?\s+([\d.]+)\s+Tf", stream)]
    return sizes


def outline_titles(r: PdfReader) -> list:
    """The outline as nested [title, [children]] lists."""
    def walk(items):
        out = []
        for item in items:
            if isinstance(item, list):
                out[-1][1].extend(walk(item))
            else:
                out.append([item.title, []])
        return out
    return walk(r.outline)


@pytest.fixture(scope="module")
def whole(lib):
    sp = sheet_plan(lib)
    data, dropped = render_sheet(sp)
    return sp, data, dropped


@pytest.fixture(scope="module")
def session():
    """The default session, as `sessionbuilder handout` plans it (inline recipe as a fallback)."""
    req = build.Request()
    try:
        return build.session_plan(build.choose(req), req)
    except Exception:  # noqa: BLE001 - recipes are being written elsewhere; plan one directly
        from sessionbuilder.library.loading import load_library
        lib = load_library()
        recipe = Recipe(title="Pathways to harm, pathways to protection",
                        sections=[{"kind": "title"}, {"kind": "learning"}, {"kind": "figures"},
                                  {"kind": "discussion"}, {"kind": "references"}], minutes=60)
        criteria = resolve(lib)
        return plan.session(lib, recipe, select(lib, criteria), criteria, 60, Branding(), None)


@pytest.fixture(scope="module")
def handout(session):
    return render_handout(session)


def with_special_point(sp):
    first = sp.points[0]
    special = dataclasses.replace(first, title=f"Title {SPECIAL}", summary=f"Summary {SPECIAL}",
                                  implications=(f"Act {SPECIAL}",),
                                  questions=(f"Ask {SPECIAL}?",))
    return dataclasses.replace(sp, points=(special, *sp.points[1:]),
                               questions=(f"Ask {SPECIAL}?", *sp.questions))


def png_logo(path: Path) -> Path:
    from PIL import Image
    Image.new("RGB", (240, 80), (0, 110, 80)).save(path)
    return path


# --- the one-page sheet ----------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("theme", THEMES)
def test_sheet_is_one_page_for_each_audience_and_theme(lib, audience, theme):
    sp = sheet_plan(lib, [audience], [theme])
    if not sp.points:
        pytest.skip(f"no points for {audience} × {theme}")
    data, dropped = render_sheet(sp)
    r = reader(data)
    assert len(r.pages) == 1 == pdf.page_count(data)
    ids = [p.id for p in sp.points]
    kept = len(ids) - len(dropped)
    assert kept >= 1
    assert dropped == ids[kept:], "points are kept in plan order; the rest are reported"
    text = text_of(data)
    assert norm(sp.title) in text
    assert "Key learning" in text and "Page 1 of 1" in text
    for pv in sp.points[:kept]:
        assert norm(pv.title) in text


def test_whole_library_sheet_is_one_page_and_reports_what_was_left_out(whole):
    sp, data, dropped = whole
    assert len(sp.points) >= 100
    assert len(reader(data).pages) == 1
    kept = len(sp.points) - len(dropped)
    assert 3 <= kept <= 8, f"{kept} points kept"
    assert dropped == [p.id for p in sp.points[kept:]]
    text = text_of(data)
    for heading in SHEET_HEADINGS:
        assert heading in text, heading
    for pv in sp.points[:kept - 1]:
        assert norm(pv.title) in text and norm(pv.summary) in text
    last = sp.points[kept - 1]  # the last may be shortened, if it is an unusually long one
    assert norm(last.title) in text and norm(last.summary)[:60] in text
    for pv in sp.points[kept:kept + 5]:
        assert norm(pv.title) not in text


def test_sheet_sections_follow_the_kept_points(whole):
    sp, data, dropped = whole
    kept = sp.points[:len(sp.points) - len(dropped)]
    text = text_of(data)
    for pv in kept:  # "What to do": at least the first implication of every kept point
        assert norm(pv.implications[0]) in text
    own = {q for pv in kept for q in pv.questions}
    shown = [q for q in sp.questions if norm(q) in text]
    assert 1 <= len(shown) <= PDF.max_questions
    assert set(shown) <= own, "only questions of the points on the sheet"
    chart = sp.charts[0]
    assert norm(chart.title) in text and chart.labels[0] in text


def test_sheet_paper_sizes(lib):
    sp = sheet_plan(lib, themes=["neglect"])
    for paper, size in (("a4", (595.28, 841.89)), ("letter", (612, 792))):
        data, _ = render_sheet(sp, paper)
        box = reader(data).pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)
        assert len(reader(data).pages) == 1
    with pytest.raises(InputError):
        render_sheet(sp, "a5")


def test_sheet_without_room_for_everything_keeps_a_prefix(lib):
    """A small selection that fits has nothing left out; one that does not keeps a prefix."""
    sp = sheet_plan(lib, themes=["neglect"])
    small = dataclasses.replace(sp, points=sp.points[:2])
    data, dropped = render_sheet(small)
    assert dropped == []
    assert all(norm(pv.title) in text_of(data) for pv in small.points)


def test_a_very_long_first_point_is_shortened_not_overflowed(lib):
    sp = sheet_plan(lib, themes=["neglect"])
    words = " ".join(f"word{i % 17} lorem ipsum" for i in range(400))
    long = dataclasses.replace(sp.points[0], summary=words, title="A long local point " * 12,
                               implications=("Do this " * 120,), questions=("Why " * 150 + "?",))
    data, dropped = render_sheet(dataclasses.replace(sp, points=(long,)))
    assert len(reader(data).pages) == 1
    assert dropped == []
    text = text_of(data)
    assert "…" in text and "word0 lorem ipsum" in text
    assert words not in text


def test_a_long_user_point_later_in_the_order_is_shortened(tmp_path):
    from sessionbuilder.library.loading import load_library
    lib = load_library([write_long_point_library(tmp_path / "long")])
    sp = sheet_plan(lib, themes=["voice-of-child"])
    ids = [p.id for p in sp.points]
    assert "local-very-long-point" in ids
    data, dropped = render_sheet(sp)
    assert len(reader(data).pages) == 1
    assert dropped == ids[len(ids) - len(dropped):]
    text = text_of(data)
    if "local-very-long-point" not in dropped:
        assert "professionals should keep the child in view" in text and "…" in text


def test_sheet_with_branding_and_logo(lib, tmp_path):
    branding = Branding(partnership="Łódź & Córdoba Children’s Safeguarding Partnership",
                        primary="FFD700", accent="00AA88", website="www.example.org")
    sp = sheet_plan(lib, themes=["adolescents"], branding=branding,
                    logo=png_logo(tmp_path / "logo.png"))
    data, _ = render_sheet(sp)
    r = reader(data)
    assert len(r.pages) == 1
    xobjects = r.pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    text = text_of(data)
    assert branding.partnership in text and "www.example.org" in text
    assert r.metadata.author == branding.partnership


def test_unreadable_logo_is_an_input_error(lib, tmp_path):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"\x89PNG not really an image")
    with pytest.raises(InputError, match="logo"):
        render_sheet(sheet_plan(lib, themes=["neglect"], logo=bad))


def test_sheet_with_no_points_is_still_one_page(lib):
    sp = dataclasses.replace(sheet_plan(lib, themes=["neglect"]), points=(), questions=())
    data, dropped = render_sheet(sp)
    assert dropped == [] and len(reader(data).pages) == 1


# --- Unicode and markup ----------------------------------------------------------------------


def test_special_characters_survive_on_the_sheet(lib):
    sp = with_special_point(sheet_plan(lib, themes=["neglect"]))
    data, _ = render_sheet(sp)
    text = text_of(data)
    for part in SPECIAL_PARTS:
        assert part in text, part


def test_special_characters_survive_in_the_handout(session):
    group = session.groups[0]
    pv = group.points[0]
    special = dataclasses.replace(pv, title=f"Title {SPECIAL}", summary=f"Summary {SPECIAL}",
                                  implications=(f"Act {SPECIAL}",), quote=f"“{SPECIAL}”")
    groups = (dataclasses.replace(group, points=(special, *group.points[1:])),
              *session.groups[1:])
    data = render_handout(dataclasses.replace(session, groups=groups, title=f"Handout {SPECIAL}"))
    text = text_of(data)
    for part in SPECIAL_PARTS:
        assert part in text, part
    assert reader(data).metadata.title == f"Handout {SPECIAL}"


def test_missing_glyphs_and_controls_show_as_question_marks(lib):
    assert ord("漢") not in pdf._glyphs()[PDF.font], "test needs a character DejaVu lacks"
    assert pdf.clean("bell\x07 smile漢 private\ue000 in\u2066visible\U000e0100") == \
        "bell? smile? private? invisible", "format characters the font lacks show nothing anyway"
    assert pdf.clean("line\nbreak\ttab\r\n") == "line break tab"
    assert pdf.clean("e\u0301") == "é", "composed to NFC"
    sp = sheet_plan(lib, themes=["neglect"])
    odd = dataclasses.replace(sp.points[0], title="Tom & Jerry <b>not bold</b> 5 > 3",
                              summary="bell\x07 smile\U0001F642 and\x00 nul")  # no font has it
    data, _ = render_sheet(dataclasses.replace(sp, title="Bad\x07title\x1b",
                                               points=(odd, *sp.points[1:])))
    r = reader(data)
    raw = " ".join(p.extract_text() for p in r.pages)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    text = text_of(data)
    assert "Tom & Jerry <b>not bold</b> 5 > 3" in text
    assert "bell? smile? and? nul" in text
    assert "Bad?title?" in text and r.metadata.title == "Bad?title?"


def test_clip_marks_shortened_text():
    assert docmodel.clip("short", 10) == "short"
    clipped = docmodel.clip("one two three four five six seven", 16)
    assert clipped.endswith("…") and len(clipped) <= 16 and clipped.startswith("one two")


def test_short_citations():
    assert docsheet.short_citation(
        "Sidebotham, P., Brandon, M., Bailey, S. and Sorensen, P. (2016) Pathways to harm, "
        "pathways to protection: a triennial analysis. London: DfE.") == \
        "Sidebotham, P. et al. (2016) Pathways to harm, pathways to protection"
    assert docsheet.short_citation("Department for Education (2020) Complexity and challenge: a "
                              "triennial analysis. London.") == \
        "Department for Education (2020) Complexity and challenge"
    assert docsheet.short_citation("Worcestershire Board. Briefing Sheet 7: summary of it.") == \
        "Worcestershire Board. Briefing Sheet 7"


# --- the handout -----------------------------------------------------------------------------


def test_handout_structure(session, handout):
    r = reader(handout)
    pages = [norm(p.extract_text()) for p in r.pages]
    assert len(pages) >= 3
    assert pdf.page_count(handout) == len(pages)
    text = " ".join(pages)
    assert norm(session.title) in pages[0]
    for heading in ("About this handout", "What to do", "Key figures",
                    "Questions for discussion", "References"):
        assert heading in text, heading
    for g in session.groups:
        assert norm(g.label) in text
        for pv in g.points:
            assert norm(pv.title) in text and norm(pv.citation) in text
    for ch in session.charts:
        assert norm(ch.title) in text and all(label in text for label in ch.labels)
    for ref in session.references:
        assert norm(ref) in text
    for n, page in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in page
        assert page.startswith(norm(session.title)[:30]), "running header on every page"
        assert norm(session.branding.partnership) in page


def test_handout_says_what_the_plan_says_in_the_plans_order(session, handout):
    """Every point in full (title, summary, each thing to do, each question), in the order the
    session plans them, nothing dropped or shortened."""
    text, at = text_of(handout), 0
    for pv in (pv for g in session.groups for pv in g.points):
        for part in (pv.title, pv.summary, *pv.implications, *pv.questions):
            found = text.find(norm(part), at)
            assert found >= 0, (pv.id, part)
            at = found
    assert sum(len(g.points) for g in session.groups) >= 15


def test_handout_outline(session, handout):
    tree = outline_titles(reader(handout))
    top = [t for t, _ in tree]
    assert top == ["About this handout", "Key learning", "Key figures",
                   "Questions for discussion", "References"]
    themes = dict(tree)["Key learning"]
    assert [t for t, _ in themes] == [g.label for g in session.groups]
    assert [t for t, _ in themes[0][1]] == [docmodel.clip(p.title, 90) for p in session.groups[0].points]
    r = reader(handout)
    pages = [r.get_destination_page_number(o) for o in r.outline if not isinstance(o, list)]
    assert pages == sorted(pages) and pages[-1] >= len(r.pages) - 2, "References end it"


def test_handout_copes_with_extreme_content(session):
    """Very long texts and a chart longer than a page run on over pages instead of failing."""
    words = " ".join(f"word{i % 23} text" for i in range(400))
    group = session.groups[0]
    huge = dataclasses.replace(group.points[0], title="A long title " * 40, summary=words,
                               implications=tuple(f"Action {i} {words[:300]}" for i in range(30)),
                               questions=(words,), quote=f"“{words}”")
    chart = dataclasses.replace(session.charts[0], categories=tuple(
        f"Category number {i} with a rather long label to wrap" for i in range(60)),
        values=tuple(float(i) for i in range(60)), labels=tuple(f"{i} (n)" for i in range(60)))
    big = dataclasses.replace(session, groups=(dataclasses.replace(group, points=(huge,)),),
                              charts=(chart,))
    data = render_handout(big)
    r = reader(data)
    pages = [norm(p.extract_text()) for p in r.pages]
    assert len(pages) >= 5 and pdf.page_count(data) == len(pages)
    text = " ".join(pages)
    assert "Action 29" in text and "59 (n)" in text and "Category number 59" in text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    assert min(font_sizes(data)) >= PDF.min_size


def test_sheet_copes_with_extreme_header_and_background(lib):
    sp = sheet_plan(lib, themes=["neglect"], title="An extremely long sheet title " * 30,
                    branding=Branding(partnership="A very long partnership name " * 20,
                                      footer="Footer " * 80))
    sp = dataclasses.replace(sp, background="Background words " * 300,
                             sources=tuple(docsheet.SourcePage(f"Report {i}", str(i), frozenset())
                                           for i in range(200)))
    data, dropped = render_sheet(sp)
    assert len(reader(data).pages) == 1
    assert len(dropped) < len(sp.points)
    assert "…" in text_of(data)


@pytest.mark.parametrize("which", ["sheet", "handout"])
def test_metadata_language_and_viewer_settings(which, whole, handout):
    data = whole[1] if which == "sheet" else handout
    r = reader(data)
    root = r.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert r.metadata.title and r.metadata.author == Branding().partnership
    assert r.metadata.subject
    if which == "handout":
        assert root["/PageMode"] == "/UseOutlines"


@pytest.mark.parametrize("which", ["sheet", "handout"])
def test_no_text_below_ten_points(which, whole, handout):
    sizes = font_sizes(whole[1] if which == "sheet" else handout)
    assert sizes and min(sizes) >= PDF.min_size


@pytest.mark.parametrize("which", ["sheet", "handout"])
def test_fonts_are_embedded(which, whole, handout, tmp_path):
    exe = shutil.which("pdffonts")
    if not exe:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / f"{which}.pdf"
    path.write_bytes(whole[1] if which == "sheet" else handout)
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True).stdout
    header, rule, *rows = out.splitlines()
    emb = header.index("emb")
    assert rows, "the PDF uses fonts"
    for row in rows:
        assert row[emb:emb + 3] == "yes", row
        assert "DejaVuSans" in row
    assert "Helvetica" not in out and "Times" not in out


def test_colours_meet_contrast_for_any_branding():
    brandings = [Branding(), Branding(primary="FFD700"), Branding(primary="777777"),
                 Branding(background="101010", text="F0F0F0", primary="FFFFFF"),
                 Branding(background="FFFFE0", text="AAAAAA", accent="FFFF00")]
    for b in brandings:
        colours = pdf.colours(b)
        for what, fg, bg in colours.text_pairs():
            assert contrast(fg, bg) >= MIN_CONTRAST, (b, what, fg, bg)


# --- determinism -----------------------------------------------------------------------------


SCRIPT = """
import hashlib
from sessionbuilder.documents import handout as dochandout
from sessionbuilder.documents import model as docmodel
from sessionbuilder.documents import sheet as docsheet  # FIXME
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.models import Branding
from sessionbuilder.render import pdf
from sessionbuilder.session.selection import resolve, select
lib = load_library()
c = resolve(lib, ["health"], ["neglect"])
sp = docsheet.sheet_plan(lib, select(lib, c), c, None, "23 November 2026", Branding(), None)
doc, _ = docsheet.fit_sheet(sp, pdf.fits)
data = pdf.render(doc)
print(hashlib.sha256(data).hexdigest())
"""


def test_output_is_byte_identical(lib, session, handout):
    sp = sheet_plan(lib, ["health"], ["neglect"])
    first, _ = render_sheet(sp)
    assert render_sheet(sp)[0] == first
    assert render_handout(session) == handout
    assert b"/CreationDate (D:20261123000000" in first, "created on the options' date"
    fresh = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert fresh == hashlib.sha256(first).hexdigest(), "same bytes from a fresh process"


def test_environment_and_clock_do_not_change_the_bytes(lib, monkeypatch):
    sp = sheet_plan(lib, themes=["neglect"])
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = render_sheet(sp)[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert render_sheet(sp)[0] == plain
    undated = render_sheet(dataclasses.replace(sp, date=""))[0]
    assert b"/CreationDate (D:20000101000000" in undated


def test_date_is_the_only_varying_input(lib):
    sp = sheet_plan(lib, themes=["neglect"])
    a, _ = render_sheet(dataclasses.replace(sp, date="1 January 2026"))
    b, _ = render_sheet(dataclasses.replace(sp, date="2 January 2026"))
    assert a != b
    assert "1 January 2026" in text_of(a) and "2 January 2026" in text_of(b)


def test_sheet_sources_keep_every_page_of_a_point(lib):
    """A point citing p141 and p161 puts both pages in the sheet's source line."""
    points = [lib.point("curiosity-open-stance"), lib.point("recognition-below-threshold-children")]
    p = docsheet.sheet_plan(lib, points, resolve(lib), None, "1 January 2026", Branding(), None)
    assert docsheet._sources(p, list(p.points)) == "Sidebotham et al. (2016), pp. 141, 161, 243"

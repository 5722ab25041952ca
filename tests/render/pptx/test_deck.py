"""Decks, opened with python-pptx: titles, notes, fonts, charts, alt text, branding, safety."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Pt

from support import BRIEFING, make_template, write_long_point_library

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def build(cli, tmp_path, *args, name="deck.pptx"):
    out = tmp_path / name
    result = cli("deck", *args, "-o", out)
    assert result.exit_code == 0, result.stderr
    return Presentation(str(out)), out, result


def titles(prs):
    out = []
    for slide in prs.slides:
        ph = [s for s in slide.placeholders if s.placeholder_format.type in TITLE_TYPES]
        assert len(ph) == 1, "every slide has exactly one real title placeholder"
        out.append(ph[0].text_frame.text)
    return out


def test_default_deck_structure(cli, tmp_path):
    prs, out, result = build(cli, tmp_path)
    names = titles(prs)
    assert len(names) == len(set(n.casefold() for n in names)), "titles are unique"
    assert names[0] == "Pathways to harm, pathways to protection"
    for expected in ("Aims of this session", "Remember …", "What was a Serious Case Review (SCR)?",
                     "What does this mean for our agency?", "Where to find more", "References"):
        assert expected in names
    assert f"({len(prs.slides)} slides" in result.output


def test_every_content_slide_has_notes_with_time_and_source(cli, tmp_path):
    prs, _, _ = build(cli, tmp_path)
    for slide in list(prs.slides)[1:]:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip()
        if "Continued from" not in notes and not notes.startswith("Section:"):
            assert re.search(r"^Suggested time: \d\d:\d\d-\d\d:\d\d, \d+ minutes?\.$", notes, re.M), notes
    sourced = [s for s in prs.slides if "Source: " in s.notes_slide.notes_text_frame.text]
    assert len(sourced) > 20
    paged = [s for s in sourced if re.search(r"Source: .*, p\d+", s.notes_slide.notes_text_frame.text)]
    assert paged, "notes cite pages where the library has them"


def test_suggested_times_add_up_to_minutes(cli, tmp_path):
    for minutes in (45, 90):
        prs, _, _ = build(cli, tmp_path, "--minutes", str(minutes), name=f"d{minutes}.pptx")
        total = 0
        for s in prs.slides:
            notes = s.notes_slide.notes_text_frame.text
            m = re.search(r"Suggested time: \d\d:\d\d-\d\d:\d\d, (\d+) minutes?\.", notes)
            total += int(m.group(1)) if m and "Continued from" not in notes else 0
        assert total == minutes, (minutes, total)


def test_body_text_never_below_18pt(cli, tmp_path):
    prs, _, _ = build(cli, tmp_path)
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                continue  # the footer line is not body text
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    assert r.font.size is None or r.font.size >= Pt(18), (r.text, r.font.size)


def test_charts_are_native_with_alt_text(cli, tmp_path):
    prs, out, _ = build(cli, tmp_path)
    charts = [sh for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 4
    for frame in charts:
        descr = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
        assert descr and "chart" in descr.lower()
    values = {tuple(c.chart.plots[0].categories) for c in charts}
    assert ("Under 12 months", "One to five years", "11 to 17 years") in values


def test_core_properties(cli, tmp_path):
    prs, _, _ = build(cli, tmp_path, "education")
    props = prs.core_properties
    assert props.title.startswith("Learning from serious case reviews: education")
    assert props.author == "Safeguarding Children Partnership"
    assert "Education" in props.subject


def test_deterministic_bytes(cli, tmp_path):
    _, a, _ = build(cli, tmp_path, name="a.pptx")
    import time
    time.sleep(1.1)
    _, b, _ = build(cli, tmp_path, name="b.pptx")
    assert a.read_bytes() == b.read_bytes()


def test_long_point_continues_on_cont_slides(cli, tmp_path):
    library = write_long_point_library(tmp_path / "long")
    prs, _, _ = build(cli, tmp_path, "--library", library, "--theme", "voice-of-child")
    names = titles(prs)
    cont = [n for n in names if "(cont." in n]
    assert len(cont) >= 1
    assert all(n.startswith("A very long local learning point") for n in cont)
    assert any(n.endswith("…") or "…" in n for n in cont), "an over-long title is shortened"
    text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.placeholders)
    assert "index.html" in text.replace(" ", "") and "pneumonoultramicroscopic" in text


def test_template_layouts_found_by_type(cli, tmp_path):
    template = make_template(tmp_path / "board.pptx")
    prs, _, _ = build(cli, tmp_path, "--template", template)
    assert prs.slide_width == Presentation(str(template)).slide_width
    names = titles(prs)
    assert "Board template sample slide" not in names
    layouts = {s.slide_layout.name for s in prs.slides}
    assert {"Title Slide", "Title and Content"} <= layouts


def test_template_without_body_layout_gets_our_own_boxes_and_one_warning(cli, tmp_path):
    template = make_template(tmp_path / "no-body.pptx", with_body=False)
    result = cli("deck", "--template", template, "-o", tmp_path / "x.pptx")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "no-body.pptx" in line]
    assert len(warnings) == 1 and "no layout with a title and a body placeholder" in warnings[0]
    prs = Presentation(str(tmp_path / "x.pptx"))
    aims = next(s for s in prs.slides if s.shapes.title.text_frame.text == "Aims of this session")
    body = [ph for ph in aims.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.BODY]
    assert len(body) == 1 and "To highlight key learning" in body[0].text_frame.text
    for ph in (aims.shapes.title, body[0]):  # placed by the deck, not left to inheritance
        assert ph.element.spPr.find(qn("a:xfrm")) is not None
    assert body[0].top >= aims.shapes.title.top + aims.shapes.title.height
    assert body[0].top + body[0].height <= prs.slide_height


@pytest.mark.parametrize("content,message", [
    (b"not a zip at all", "not a readable PowerPoint .pptx or .potx file"),
    (None, "not found"),
])
def test_bad_template_exit_2(cli, tmp_path, content, message):
    template = tmp_path / "t.pptx"
    if content is not None:
        template.write_bytes(content)
    result = cli("deck", "--template", template, "-o", tmp_path / "x.pptx")
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_selection_is_an_error(cli, tmp_path):
    result = cli("deck", "education", "--theme", "strategy-discussions", "-o", tmp_path / "x.pptx")
    assert result.exit_code == 2 and "no learning points match" in result.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_failed_run_keeps_the_old_output(cli, tmp_path):
    out = tmp_path / "keep.pptx"
    out.write_bytes(b"old deck")
    result = cli("deck", "--template", tmp_path / "missing.pptx", "-o", out)
    assert result.exit_code == 2 and out.read_bytes() == b"old deck"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_refuses_to_overwrite_recipe_or_template(cli, tmp_path):
    template = make_template(tmp_path / "board.pptx")
    before = template.read_bytes()
    result = cli("deck", "--template", template, "-o", template)
    assert result.exit_code == 2 and "refusing to write over the input" in result.stderr
    assert template.read_bytes() == before


def branding_recipe(tmp_path: Path, logo: str, colours: str = "") -> Path:
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        "title: Branded session\naudiences: [health]\nminutes: 30\n"
        "sections:\n  - kind: title\n  - kind: learning\n  - kind: references\n"
        f"branding:\n  partnership: Anyshire Safeguarding Children Partnership\n  logo: {logo}\n"
        f"  footer: Anyshire SCP – learning from reviews\n{colours}")
    return recipe


def test_branding_logo_and_footer(cli, tmp_path):
    from PIL import Image
    Image.new("RGB", (300, 100), (31, 56, 100)).save(tmp_path / "logo.png")
    prs, _, _ = build(cli, tmp_path, branding_recipe(tmp_path, "logo.png"))
    layouts = {s.slide_layout.part.partname: s.slide_layout for s in prs.slides}.values()
    pictures = [sh for lay in layouts for sh in lay.shapes if sh.shape_type == 13]
    assert len(pictures) >= 2, "the logo is on the title and content layouts, not on each slide"
    assert all("Anyshire" in p._element.xpath("./*[1]/p:cNvPr")[0].get("descr") for p in pictures)
    assert not [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert prs.core_properties.author == "Anyshire Safeguarding Children Partnership"
    footers = [sh.text_frame.text for s in prs.slides for sh in s.placeholders
               if sh.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    assert len(footers) >= len(prs.slides) - 1
    assert all(f == "Anyshire SCP – learning from reviews" for f in footers)


@pytest.mark.parametrize("logo,message", [
    ("missing.png", "not found"),
    ("notimage.png", "not a readable image"),
    ("../outside.png", "outside the folder"),
])
def test_bad_logo_exit_2(cli, tmp_path, logo, message):
    (tmp_path / "notimage.png").write_text("hello")
    (tmp_path.parent / "outside.png").write_bytes(b"\x89PNG")
    result = cli("deck", branding_recipe(tmp_path, logo), "-o", tmp_path / "x.pptx")
    assert result.exit_code == 2 and message in result.stderr


def test_poor_branding_colours_warn_and_stay_readable(cli, tmp_path):
    from PIL import Image
    Image.new("RGB", (30, 10)).save(tmp_path / "logo.png")
    recipe = branding_recipe(tmp_path, "logo.png", '  primary: "FFFF66"\n  text: "DDDDDD"\n')
    prs, _, result = build(cli, tmp_path, recipe)
    assert "warning: branding text colour #DDDDDD" in result.stderr
    assert "warning: branding primary colour #FFFF66" in result.stderr
    from sessionbuilder.render.style import contrast
    for slide in list(prs.slides)[2:]:
        for shape in slide.placeholders:
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    if r.font.color and r.font.color.type is not None:
                        assert contrast(str(r.font.color.rgb), "FFFFFF") >= 4.5


def test_xml_illegal_characters_are_cleaned(cli, tmp_path):
    result = cli("deck", "--title", "Session\x0b for\x01 staff", "-o", tmp_path / "c.pptx")
    assert result.exit_code == 0
    prs = Presentation(str(tmp_path / "c.pptx"))
    assert titles(prs)[0] == "Session for staff"


def test_output_folder_missing_or_a_file(cli, tmp_path):
    result = cli("deck", "-o", tmp_path / "nope" / "d.pptx")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    (tmp_path / "afile").write_text("x")
    result = cli("deck", "-o", tmp_path / "afile" / "d.pptx")
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_zip_entries_have_fixed_timestamps(cli, tmp_path):
    _, out, _ = build(cli, tmp_path)
    with zipfile.ZipFile(out) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_right_to_left_and_accented_text(cli, tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "sources.yaml").write_text(
        "reports:\n  - id: local-rtl\n    short: Local review\n    citation: A local review.\n")
    (folder / "points.yaml").write_text(
        "points:\n  - id: local-rtl-point\n"
        "    title: 'Interpreters matter: حماية الطفل — Zoë, Michał, François'\n"
        "    summary: The family’s first language was Arabic (العربية) – use an interpreter ⇒ always.\n"
        "    implications: [Book a qualified interpreter, never a child of the family.]\n"
        "    themes: [voice-of-family]\n    audiences: [all]\n    priority: core\n"
        "    source:\n      report: local-rtl\n", encoding="utf-8")
    prs, _, _ = build(cli, tmp_path, "--library", folder, "--theme", "voice-of-family")
    text = " ".join(sh.text_frame.text for s in prs.slides for sh in s.placeholders)
    assert "حماية الطفل" in text and "Michał" in text and "⇒" in text


def test_cjk_text_gets_an_east_asian_font_and_fits(cli, tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "sources.yaml").write_text(
        "reports:\n  - id: local-cjk\n    short: Local review\n    citation: A local review.\n")
    summary = "儿童保护需要多机构合作，" * 40
    (folder / "points.yaml").write_text(
        "points:\n  - id: local-cjk-point\n    title: 儿童保护：倾听孩子的声音\n"
        f"    summary: {summary}\n    implications: [与家庭沟通时使用合格的口译员。]\n"
        "    themes: [voice-of-family]\n    audiences: [all]\n    priority: core\n"
        "    source:\n      report: local-cjk\n", encoding="utf-8")
    prs, _, _ = build(cli, tmp_path, "--library", folder, "--theme", "voice-of-family")
    cjk_runs = [r for s in prs.slides for sh in s.placeholders for p in sh.text_frame.paragraphs
                for r in p.runs if "儿童" in r.text]
    assert cjk_runs
    for r in cjk_runs:
        ea = r._r.xpath("./a:rPr/a:ea")
        assert ea and ea[0].get("typeface"), "CJK runs name an East Asian font"
    body = "".join(r.text for r in cjk_runs)
    assert body.count("儿童保护需要多机构合作") >= 40, "nothing lost across continuation slides"
    assert " " not in re.sub(r" \(cont\.( \d+)?\)", "", body), "no spaces inserted into CJK text"



def test_point_slides_show_a_dated_source_line_at_14pt_or_more(cli, tmp_path):
    prs, _, _ = build(cli, tmp_path, "--theme", "neglect", "--minutes", "90")
    lines = [(sh.text_frame.text, sh.text_frame.paragraphs[0].runs[0].font.size)
             for s in prs.slides for sh in s.shapes
             if sh.has_text_frame and sh.text_frame.text.startswith("Source: ")]
    assert {re.search(r"SCRs (\d{4}-\d\d)", t).group(1) for t, _ in lines} == {"2011-14", "2014-17"}
    assert all(size >= Pt(14) for _, size in lines)


def test_contacts_end_the_deck_with_labels_in_bold(cli, tmp_path):
    """A library's branding with contacts: "Who to contact" is the last slide, each contact
    "label detail" with the label bold, in the notes too, taking none of the session's time."""
    fixture = BRIEFING
    prs, _, _ = build(cli, tmp_path, "--library", str(fixture), "--source", "review-child-b")
    last = prs.slides[-1]
    assert titles(prs)[-1] == "Who to contact"
    assert titles(prs)[-2] == "References"
    body = [ph for ph in last.placeholders if ph.placeholder_format.type not in TITLE_TYPES
            and ph.text_frame.text][0]
    paras = body.text_frame.paragraphs
    assert [p.text for p in paras] == [
        "Worried about a child? Call the Children's Front Door on 01632 960000",
        "Out of hours <b>emergencies</b> Call the Emergency Duty Team on 01632 960001"]
    assert [(r.text, bool(r.font.bold)) for r in paras[0].runs] == [
        ("Worried about a child?", True), (" Call the Children's Front Door on 01632 960000", False)]
    notes = last.notes_slide.notes_text_frame.text
    assert "- Worried about a child? Call the Children's Front Door on 01632 960000" in notes
    times = [re.search(r"Suggested time: \S+, (\d+) minute", s.notes_slide.notes_text_frame.text)
             for s in prs.slides]
    total = sum(int(m.group(1)) for m in times if m)
    from sessionbuilder.commands import build as builder
    req = builder.Request(libraries=(fixture,), sources=("review-child-b",))
    stated = builder.session_plan(builder.choose(req), req).minutes
    assert total == stated == 34 and "Suggested time" not in notes  # the contacts take no time


def test_no_contacts_no_contacts_slide(cli, tmp_path):
    prs, _, _ = build(cli, tmp_path, "--minutes", "45")
    assert "Who to contact" not in titles(prs)


@pytest.mark.parametrize("template", [None, "board"])
def test_every_cjk_run_names_an_east_asian_font_footer_and_title_slide_too(cli, tmp_path, template):
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        "title: 儿童保护 session\naudiences: [health]\nminutes: 30\n"
        "sections:\n  - kind: title\n  - kind: learning\n  - kind: references\n"
        "branding:\n  partnership: 上海儿童保护伙伴关系\n")
    args = ["--template", make_template(tmp_path / "board.pptx")] if template else []
    prs, _, _ = build(cli, tmp_path, recipe, *args)
    cjk_runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame
                for p in sh.text_frame.paragraphs for r in p.runs if "儿童" in r.text]
    footers = [r for r in cjk_runs if r.text == "上海儿童保护伙伴关系"]
    assert len(footers) >= len(prs.slides) - 1  # the footer of every slide but the title
    assert any("儿童保护" in r.text for r in prs.slides[0].shapes.title.text_frame.paragraphs[0].runs)
    assert "上海儿童保护伙伴关系" in " ".join(sh.text_frame.text for sh in prs.slides[0].placeholders)
    assert all(r.font._rPr.find(qn("a:ea")) is not None for r in cjk_runs)

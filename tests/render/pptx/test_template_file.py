"""Trainers' own templates: every shared template builds, keeps its layouts, numbers slides with
fields, and hostile templates end quickly with one line."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from sessionbuilder.render.pptx import template_file as templates

SHARED = Path("/work/shared/templates")
TEMPLATES = sorted(SHARED.glob("*.p?tx")) if SHARED.is_dir() else []
needs_shared = pytest.mark.skipif(not TEMPLATES, reason="shared templates not present")
VALIDATOR = Path("/work/shared/tools/ooxml/validate.py")


def build(cli, tmp_path, template: Path | None, name: str = "deck.pptx"):
    out = tmp_path / name
    args = ["--template", template] if template else []
    result = cli("deck", *args, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


_PLAIN: dict[str, int] = {}  # slides in the default deck, built once


def slide_numbers(slide) -> list:
    return [sh for sh in slide.placeholders if sh.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]


@needs_shared
@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_every_shared_template_builds_the_default_session(cli, tmp_path, template):
    out = build(cli, tmp_path, template)
    prs = Presentation(str(out))
    original = Presentation(io.BytesIO(templates.read(template)))
    assert prs.slide_width == original.slide_width and prs.slide_height == original.slide_height
    if "plain" not in _PLAIN:
        _PLAIN["plain"] = len(Presentation(str(build(cli, tmp_path, None, "plain.pptx"))).slides)
    assert len(prs.slides) <= 1.5 * _PLAIN["plain"]
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert titles[0] == "Pathways to harm, pathways to protection"
    assert "References" in titles and "Aims of this session" in titles
    assert not any(s.shapes.title.text_frame.text == "" for s in prs.slides)
    # no footer of our own drawn on top of the template's: only placeholders carry it
    assert not [sh for s in prs.slides for sh in s.shapes if sh.name == "Footer" and not sh.is_placeholder]


def test_slide_numbers_are_fields_that_survive_reordering(cli, tmp_path):
    out = build(cli, tmp_path, None)
    prs = Presentation(str(out))
    ids = prs.slides._sldIdLst
    moved = list(ids)
    ids.remove(moved[5])
    ids.insert(1, moved[5])  # move slide 6 to position 2, as a trainer would
    prs.save(str(tmp_path / "moved.pptx"))
    prs = Presentation(str(tmp_path / "moved.pptx"))
    numbered = 0
    for slide in list(prs.slides)[1:]:
        for ph in slide_numbers(slide):
            fields = ph._element.xpath(".//a:fld")
            assert fields and fields[0].get("type") == "slidenum"
            assert not ph._element.xpath(".//a:r"), "no slide number typed as text"
            numbered += 1
    assert numbered >= len(prs.slides) - 2
    typed = [sh.text_frame.text for s in prs.slides for sh in s.shapes
             if sh.has_text_frame and not sh.is_placeholder and sh.text_frame.text.strip().isdigit()]
    assert not typed, "no slide types its own number"


def test_default_deck_carries_content_not_formatting(cli, tmp_path):
    """The look is on the master and layouts: no slide sets a background or font face, no
    placeholder a colour; the accent rule and the logo are on the layouts; the only shapes a
    slide adds are its charts and their one-line source captions."""
    out = build(cli, tmp_path, None)
    with zipfile.ZipFile(out) as z:
        slides = [z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide")]
        layouts = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slideLayouts/"))
    assert slides
    for xml in slides:
        assert "<a:latin" not in xml and "<p:bg>" not in xml
        assert "Decorative rule" not in xml
    assert "Decorative rule" in layouts
    prs = Presentation(str(out))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.is_placeholder:
                assert not shape._element.xpath(".//a:solidFill"), shape.name
            else:
                assert shape.has_chart or shape.name in ("Source", "Chart source"), shape.name
    footers = [sh for s in prs.slides for sh in s.placeholders
               if sh.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
    assert len(footers) >= len(prs.slides) - 1
    assert all(f.text_frame.text == "Safeguarding Children Partnership" for f in footers)


@pytest.mark.skipif(not VALIDATOR.exists(), reason="OOXML validator not present")
@pytest.mark.parametrize("template", [None, *TEMPLATES[:3]],
                         ids=["default", *(t.name for t in TEMPLATES[:3])])
def test_decks_validate(cli, tmp_path, template):
    out = build(cli, tmp_path, template)
    result = subprocess.run([sys.executable, str(VALIDATOR), "--all-parts", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


@pytest.mark.slow
@pytest.mark.skipif(not VALIDATOR.exists(), reason="OOXML validator not present")
@pytest.mark.parametrize("template", TEMPLATES[3:], ids=[t.name for t in TEMPLATES[3:]])
def test_decks_validate_all_templates(cli, tmp_path, template):
    test_decks_validate(cli, tmp_path, template)


def _potx(tmp_path: Path) -> Path:
    from support import make_template
    pptx = make_template(tmp_path / "board.pptx")
    potx = tmp_path / "board.potx"
    with zipfile.ZipFile(pptx) as zin, zipfile.ZipFile(potx, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main", b"presentationml.template.main")
            zout.writestr(info, data)
    return potx


def test_potx_template_is_read(cli, tmp_path):
    out = build(cli, tmp_path, _potx(tmp_path))
    prs = Presentation(str(out))
    assert prs.slides[0].shapes.title.text_frame.text == "Pathways to harm, pathways to protection"


def test_template_inflating_to_gigabytes_is_refused_quickly(cli, tmp_path):
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("ppt/media/huge.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * 2**20
            for _ in range(300):  # 300 MB of zeros, a few hundred KB on disk
                f.write(chunk)
    result = cli("deck", "--template", bomb, "-o", tmp_path / "x.pptx")
    assert result.exit_code == 2
    assert "bomb.pptx" in result.stderr and "inflates to more than" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pptx").exists()


def test_template_with_too_many_parts_is_refused(tmp_path):
    many = tmp_path / "many.pptx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(templates.MAX_PARTS + 1):
            z.writestr(f"p{i}.xml", "")
    with pytest.raises(templates.InputError, match="parts"):
        templates.read(many)


def test_template_whose_boxes_hold_no_line_gets_our_own(cli, tmp_path):
    from pptx.util import Pt
    from support import make_template
    path = make_template(tmp_path / "tiny.pptx")
    prs = Presentation(str(path))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
                ph.left, ph.top, ph.width, ph.height = Pt(36), Pt(500), Pt(600), Pt(12)
    prs.save(str(path))
    result = cli("deck", "--template", path, "-o", tmp_path / "x.pptx")
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "tiny.pptx" in line] == [
        "warning: template 'tiny.pptx': it has no layout with a title and a body placeholder that "
        "holds a line of text, so the deck's own title and body boxes are placed on its 'Title Only' "
        "layout, in its margins"]
    deck = Presentation(str(tmp_path / "x.pptx"))
    assert len(deck.slides) <= 1.5 * len(Presentation(str(build(cli, tmp_path, None, "plain.pptx"))).slides)
    for slide in deck.slides:
        for ph in slide.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.BODY and ph.text_frame.text:
                assert ph.height >= Pt(100)  # our box, down to the footer, not the 12 pt one


def test_theme_fonts_and_colours_are_read():
    xml = (b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
           b'<a:clrScheme name="x"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
           b'<a:accent1><a:srgbClr val="ff0000"/></a:accent1></a:clrScheme>'
           b'<a:fontScheme name="f"><a:majorFont><a:latin typeface="Candara"/></a:majorFont>'
           b'<a:minorFont><a:latin typeface="Verdana"/></a:minorFont></a:fontScheme>'
           b'</a:themeElements></a:theme>')
    info = templates.theme_info(xml)
    assert (info.major_font, info.minor_font) == ("Candara", "Verdana")
    assert info.colours == {"dk1": "000000", "accent1": "FF0000"}


NHSE = SHARED / "nhse-quarto.pptx"


def education_deck(cli, tmp_path, template: Path):
    out = tmp_path / "education.pptx"
    result = cli("deck", "education", "--template", template, "-o", out)
    assert result.exit_code == 0, result.stderr
    return Presentation(str(out))


@pytest.mark.skipif(not NHSE.exists(), reason="shared templates not present")
def test_section_descriptions_are_never_cut_silently(cli, tmp_path, lib):
    """A small subtitle box grows a line where it can; text that still cannot fit ends in "…"
    at a word boundary, and the notes keep it whole."""
    shown = {}
    for slide in education_deck(cli, tmp_path, NHSE).slides:
        if slide.slide_layout.name == "Section Header":
            title, body = [sh.text_frame.text for sh in slide.placeholders][:2]
            shown[title] = (body, slide.notes_slide.notes_text_frame.text)
    assert shown["Domestic abuse"][0] == "Living with domestic abuse and its harm to children."
    assert len(shown) >= 4
    for title, (body, notes) in shown.items():
        description = next(lib.themes.get(i).description for i in lib.themes.ids
                           if lib.themes.get(i).label == title)
        assert body == description or (body.endswith("…") and description.startswith(body[:-1])
                                       and description[len(body) - 1] in " ,;:"), title
        assert description in notes


@pytest.mark.skipif(not NHSE.exists(), reason="shared templates not present")
def test_bar_labels_stay_on_one_line_right_of_their_bars(cli, tmp_path):
    """Labels never wrap, and the value axis leaves room right of each bar for its label in the
    template's own font."""
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from sessionbuilder.text.fit import word_width
    prs = education_deck(cli, tmp_path, NHSE)
    font = templates.theme_info(prs.slide_master.part.part_related_by(RT.THEME).blob).minor_font
    bars = [(sh, sh.chart) for s in prs.slides for sh in s.shapes
            if sh.has_chart and sh.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED]
    assert bars
    for frame, chart in bars:
        series = chart.plots[0].series[0]
        wraps = chart._chartSpace.xpath(".//c:dLbls/c:txPr/a:bodyPr/@wrap"
                                        " | .//c:dLbl/c:tx/c:rich/a:bodyPr/@wrap")
        assert wraps == ["none"] * (len(series.values) + 1)
        top = chart.value_axis.maximum_scale
        plot = 0.9 * frame.width / 12700 - max(word_width(c, 18, font=font)
                                               for c in chart.plots[0].categories)
        for value, point in zip(series.values, series.points, strict=True):
            label = point.data_label.text_frame.text
            assert plot * (1 - value / top) >= word_width(label, 18, font=font), label


@needs_shared
def test_slide_numbers_wherever_the_template_offers_them(cli, tmp_path):
    """otelo-public draws its number in a 10 pt box: the number is placed in a box that holds it."""
    prs = Presentation(str(build(cli, tmp_path, SHARED / "otelo-public.pptx")))
    offered = [s for s in list(prs.slides)[1:] if any(
        ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER for ph in s.slide_layout.placeholders)]
    assert len(offered) >= 40
    for number, slide in enumerate(prs.slides, 1):
        if slide in offered:
            (ph,) = slide_numbers(slide)
            assert ph.element.xpath(".//a:fld/a:t")[0].text == str(number)
            assert ph.width >= Pt(10) and ph.height >= Pt(10)

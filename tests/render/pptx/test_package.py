"""The deck's package, built fast (render/pptx/package.py): slides and notes pages copied from the
first of their kind must still be separate slides, each with its own notes, ids and part names as
PowerPoint expects, and the same bytes every time."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx import Presentation

import support
from support import make_template, said
from sessionbuilder.render.pptx import deck as render_pptx


def planned(recipe: str | None = None, **options):
    return support.planned(recipe, **options)[1]


def expected_notes(plan, starts: list[int], count: int) -> list[str]:
    """The notes each deck slide should carry: its planned slide's, and on a continuation slide
    the same after a line saying it continues."""
    out = []
    for spec, start, end in zip(plan.slides, starts, [*starts[1:], count + 1], strict=True):
        out.append(said(spec))
        out += [f"Continued from the previous slide.\n\n{said(spec)}"] * (end - start - 1)
    return out


@pytest.mark.parametrize("template", [None, "board"])
def test_every_slide_has_its_own_notes_word_for_word(tmp_path, template):
    plan = planned(None, themes=("neglect",), minutes=60)
    path = make_template(tmp_path / "board.pptx") if template else None
    data, starts, _ = render_pptx.render_numbered(plan, path)
    prs = Presentation(io.BytesIO(data))
    shown = [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
    assert shown == expected_notes(plan, starts, len(prs.slides))
    assert len(set(starts)) == len(plan.slides) > 20
    # a blank line in the notes is an empty paragraph, not a paragraph holding nothing visible
    first_point = next(s for s in prs.slides if "Learning point: " in s.notes_slide.notes_text_frame.text)
    paras = first_point.notes_slide.notes_text_frame.paragraphs
    assert [p.text for p in paras] == first_point.notes_slide.notes_text_frame.text.split("\n")
    assert any(p.text == "" and not p.runs for p in paras)


def test_slides_notes_ids_and_part_names_are_in_order(tmp_path):
    data = render_pptx.render(planned(None, themes=("neglect",), minutes=60),
                              make_template(tmp_path / "board.pptx"))
    prs = Presentation(io.BytesIO(data))
    ids = [int(s.get("id")) for s in prs.slides._sldIdLst]
    assert ids == list(range(256, 256 + len(ids))), "ids follow on, one per slide, from 256"
    names = [str(s.part.partname) for s in prs.slides]
    assert names == [f"/ppt/slides/slide{n}.xml" for n in range(1, len(names) + 1)]
    notes = [s.notes_slide.part for s in prs.slides]
    assert len({str(n.partname) for n in notes}) == len(notes), "no notes page is shared"
    for slide, page in zip(prs.slides, notes, strict=True):  # each notes page points back to its own slide
        back = [r.target_part for r in page.rels.values() if r.reltype.endswith("/slide")]
        assert back == [slide.part]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        listed = [n for n in z.namelist() if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\d+\.xml", n)]
    assert len(listed) == 2 * len(ids)


def test_copied_slides_keep_unique_shape_ids_and_their_own_text():
    data = render_pptx.render(planned(None, themes=("neglect",), minutes=60))
    prs = Presentation(io.BytesIO(data))
    titles = []
    for slide in prs.slides:
        shape_ids = [s.shape_id for s in slide.shapes]
        assert len(shape_ids) == len(set(shape_ids)), slide.shapes.title.text
        titles.append(slide.shapes.title.text)
    assert len(titles) == len(set(titles)), "text written on one copy never shows on another"
    numbers = [re.findall(r'type="slidenum"><a:rPr[^>]*/><a:t>(\d+)<', s.part.blob.decode())
               for s in prs.slides]
    assert [n for n in numbers if n] == [[str(i)] for i, n in enumerate(numbers, 1) if n]


def test_a_deck_without_charts_does_not_load_the_spreadsheet_writer():
    """xlsxwriter (for the workbook inside each chart) is loaded only when a chart is drawn."""
    import subprocess
    import sys
    code = ("import sys; from sessionbuilder.commands import build; "
            "from sessionbuilder.render.pptx import deck; print('xlsxwriter' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_template_whose_notes_master_has_no_notes_box_still_gets_every_note(tmp_path):
    """Notes pages copy the template's notes master; where it has no notes placeholder, one is
    added, so no slide loses its speaker notes."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    prs = Presentation()
    for ph in list(prs.notes_master.placeholders):
        if ph.placeholder_format.type == PP_PLACEHOLDER.BODY:
            ph._element.getparent().remove(ph._element)
    prs.save(tmp_path / "no-notes-box.pptx")
    plan = planned(None, themes=("neglect",), minutes=30)
    data, starts, _ = render_pptx.render_numbered(plan, tmp_path / "no-notes-box.pptx")
    deck = Presentation(io.BytesIO(data))
    shown = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert shown == expected_notes(plan, starts, len(deck.slides))

"""Real render checks: LibreOffice turns decks into PDFs, poppler gives every word's position,
and each word must lie inside the box whose text it belongs to, and inside the slide."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from sessionbuilder.library.recipes import recipe_names

from support import make_template, write_long_point_library

pytestmark = pytest.mark.render
EMU_PER_PT = 12700
TOLERANCE = 3.0  # points
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@dataclass
class Box:
    left: float
    top: float
    right: float
    bottom: float
    text: str | None  # None for a chart: any of its labels may be drawn inside it

    def holds(self, x0, y0, x1, y1) -> bool:
        t = TOLERANCE
        return (x0 >= self.left - t and y0 >= self.top - t and x1 <= self.right + t
                and y1 <= self.bottom + t)


BULLETS = {"•", "–", "-", "▪", "◦", "o", "§"} | {chr(c) for c in range(0xF000, 0xF100)}  # Wingdings


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _rect(shape) -> list[float]:
    """The shape's box in points; a quarter-turned shape's box turned about its centre."""
    left, top, width, height = (v / EMU_PER_PT for v in (shape.left, shape.top, shape.width, shape.height))
    rotation, node = getattr(shape, "rotation", 0), shape
    while not rotation and node is not None and hasattr(node, "_base_placeholder"):
        node = node._base_placeholder  # slide -> layout -> master, as the geometry is inherited
        rotation = node.rotation if node is not None else 0
    if round(rotation) % 180 == 90:
        cx, cy = left + width / 2, top + height / 2
        left, top, width, height = cx - height / 2, cy - width / 2, height, width
    return [left, top, left + width, top + height]


def boxes(slide) -> list[Box]:
    """Every box that may hold text on the slide: its own shapes, and the text the template's
    layout and master draw themselves (their logos' captions, fixed footers)."""
    out = []
    inherited = [sh for part in (slide.slide_layout, slide.slide_layout.slide_master)
                 for sh in part.shapes if sh.has_text_frame and not sh.is_placeholder]
    inherited += [sh for sh in slide.slide_layout.placeholders
                  if sh.placeholder_format.type in (15, 13, 16)]  # footer, number, date
    for shape in [*slide.shapes, *inherited]:
        try:
            rect = _rect(shape)
        except TypeError:  # no geometry anywhere
            continue
        if shape.has_chart:
            out.append(Box(*rect, None))
        elif shape.has_text_frame and shape.text_frame.text.strip():
            out.append(Box(*rect, squash(shape.text_frame.text)))
    return out


def words_by_page(pdf: Path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    for width, height, body in PAGE.findall(out):
        yield float(width), float(height), [
            (float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in WORD.findall(body)]


def check_deck(deck: Path, pdf: Path) -> None:
    prs = Presentation(str(deck))
    pages = list(words_by_page(pdf))
    assert len(pages) == len(prs.slides), "one page per slide"
    problems = []
    for number, (slide, (width, height, words)) in enumerate(zip(prs.slides, pages, strict=True), 1):
        assert abs(width - prs.slide_width / EMU_PER_PT) < 1
        title = slide.shapes.title.text_frame.text
        page_text = squash(" ".join(w[4] for w in words))
        if squash(title) not in page_text:
            problems.append(f"slide {number}: title {title!r} not drawn")
        shape_boxes = boxes(slide)
        for x0, y0, x1, y1, word in words:
            if x0 < -TOLERANCE or y0 < -TOLERANCE or x1 > width + TOLERANCE or y1 > height + TOLERANCE:
                problems.append(f"slide {number}: {word!r} is drawn outside the slide")
                continue
            ok = any(b.holds(x0, y0, x1, y1) and (b.text is None or word in BULLETS
                                                   or squash(word) in b.text)
                     for b in shape_boxes)
            if not ok:
                problems.append(f"slide {number} ({title[:40]}): {word!r} at "
                                f"({x0:.0f},{y0:.0f})-({x1:.0f},{y1:.0f}) is outside its box")
    assert not problems, "\n".join(problems[:20])


SHARED = Path("/work/shared/templates")
TEMPLATES = sorted(p.name for p in SHARED.glob("*.p?tx")) if SHARED.is_dir() else []
# checked in every run: two masters, a rotated footer on 4:3, a .potx, tiny subtitle boxes
QUICK_TEMPLATES = [t for t in ("shanghaitech.pptx", "mergeexamples-4x3.pptx", "nyush.potx", "dhsc.pptx")
                   if t in TEMPLATES]


def build_and_convert(folder: Path, jobs: dict[str, list[str]], to_pdf) -> dict[str, tuple[Path, Path]]:
    from click.testing import CliRunner
    from sessionbuilder.cli import main
    runner = CliRunner()
    built = {}
    for name, args in jobs.items():
        out = folder / f"{name}.pptx"
        result = runner.invoke(main, ["deck", *args, "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        built[name] = out
    pdfs = to_pdf(*built.values())
    return {name: (deck, pdf) for (name, deck), pdf in zip(built.items(), pdfs, strict=True)}


@pytest.fixture(scope="module")
def decks(tmp_path_factory, to_pdf):
    """Build every deck the render checks need, then convert them in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("render")
    whole = folder / "whole-library.yaml"
    whole.write_text("title: The whole library\naudiences: [all]\nminutes: 480\nsections:\n"
                     + "".join(f"  - kind: {k}\n" for k in (
                         "title", "aims", "remember", "what-is-scr", "overview", "figures",
                         "learning", "voice-of-child", "discussion", "further-reading", "references")))
    jobs = {"whole-library": [str(whole)]}
    jobs.update({name: [name] for name in recipe_names()})
    jobs["user-template"] = ["education", "--template", str(make_template(folder / "board.pptx"))]
    jobs["long-point"] = ["--library", str(write_long_point_library(folder / "long")),
                          "--theme", "voice-of-child"]
    jobs["default"] = []
    jobs.update({f"template-{t}": ["--template", str(SHARED / t)] for t in QUICK_TEMPLATES})
    return build_and_convert(folder, jobs, to_pdf)


@pytest.fixture(scope="module")
def template_decks(tmp_path_factory, to_pdf):
    """The default session in every shared template, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("templates")
    jobs = {"default": [], **{f"template-{t}": ["--template", str(SHARED / t)] for t in TEMPLATES}}
    return build_and_convert(folder, jobs, to_pdf)


CASES = ["whole-library", *recipe_names(), "user-template", "long-point", "default",
         *(f"template-{t}" for t in QUICK_TEMPLATES)]


@pytest.mark.parametrize("name", CASES)
def test_no_text_outside_its_box(decks, name):
    deck, pdf = decks[name]
    check_deck(deck, pdf)


def check_template_deck(decks, name: str) -> None:
    deck, pdf = decks[name]
    check_deck(deck, pdf)
    plain = len(Presentation(str(decks["default"][0])).slides)
    assert len(Presentation(str(deck)).slides) <= 1.5 * plain


@pytest.mark.parametrize("template", QUICK_TEMPLATES)
def test_default_session_in_shared_templates(decks, template):
    check_template_deck(decks, f"template-{template}")


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_default_session_in_every_shared_template(template_decks, template):
    check_template_deck(template_decks, f"template-{template}")


def test_whole_library_deck_has_every_point(decks, lib):
    deck, _ = decks["whole-library"]
    prs = Presentation(str(deck))
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
    missing = [p.id for p in lib.points if f"Learning point: {p.id}" not in notes]
    from sessionbuilder.session import repeats
    parts = [*map(repeats.figure_part, lib.figures), *map(repeats.passage_part, lib.passages.values())]
    said = [p.id for p in lib.points if any(repeats.says_the_same(x, p) for x in parts)]
    assert missing and set(missing) <= set(said), "only points a chart or passage already says"


def test_checker_catches_overflow(tmp_path, to_pdf):
    """The check itself can fail: a box with far too much text is reported."""
    from pptx.util import Inches, Pt
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Overflowing"
    body = slide.placeholders[1].text_frame
    body.text = "word " * 400
    for p in body.paragraphs:
        for r in p.runs:
            r.font.size = Pt(28)
    body_shape = slide.placeholders[1]
    body_shape.left, body_shape.top = Inches(0.5), Inches(1.5)
    body_shape.width, body_shape.height = Inches(9), Inches(1)
    from pptx.enum.text import MSO_AUTO_SIZE
    body.auto_size = MSO_AUTO_SIZE.NONE
    deck = tmp_path / "overflow.pptx"
    prs.save(str(deck))
    (pdf,) = to_pdf(deck)
    with pytest.raises(AssertionError, match="outside its box"):
        check_deck(deck, pdf)


def test_png_of_title_and_point_slides(decks, tmp_path):
    """Render two slides to PNG, as a person would look at them; they must not be blank."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    _, pdf = decks["pathways-to-harm"]
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "12", str(pdf),
                    str(tmp_path / "slide")], check=True)
    pngs = sorted(tmp_path.glob("slide-*.png"))
    assert len(pngs) == 12
    from PIL import Image
    for png in pngs:
        colours = Image.open(png).convert("L").getextrema()
        assert colours[1] - colours[0] > 100, f"{png.name} looks blank"

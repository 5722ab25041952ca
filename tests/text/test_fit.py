"""Measuring and splitting text: real font metrics, no endless pages, nothing lost or added."""

from __future__ import annotations

import re

import pytest

from sessionbuilder.text import fontmetrics
from support import font_param
from sessionbuilder.text.fit import (SAFETY, Box, NoRoom, Para, fit_paras, fit_title, for_font,
                                     paginate, para_lines, shorten, wrap)


def test_box_shorter_than_one_line_fails_fast():
    with pytest.raises(NoRoom, match="cannot hold one line"):
        paginate([Para("x y")], Box(500, 16.5, 0), (18,))


def test_title_box_shorter_than_one_line_fails_fast():
    with pytest.raises(NoRoom, match="a 20 pt high box cannot hold one line of 24 pt text"):
        fit_title("A title", Box(300, 20, 0), (32, 24))


def test_title_fitted_to_box_height():
    long = "Families with domestic abuse, mental health problems and substance misuse in reviews"
    size, text = fit_title(long, Box(300, 45, 0), (32, 28, 24))
    assert text.endswith("…") and size == 24  # one line of 24 pt fits 45 pt, two do not
    size, text = fit_title(long, Box(300, 200, 0), (32, 28, 24))
    assert text == long


def test_continued_url_gets_no_spaces():
    url = "https://example.org/a/very/long/url/that/has/no/spaces/at/all/and/keeps/going/index.html"
    paras = [Para(f"Keep the child at the centre: {url} and then more words follow it here")]
    _, pages = paginate(paras, Box(200, 70, 10), (18,))
    assert len(pages) > 1
    joined = "".join(p.text for page in pages for p in page)
    assert url in joined
    words = " ".join(p.text for page in pages for p in page).split()
    assert words[-6:] == "and then more words follow it here".split()[-6:]


def test_every_word_kept_in_order_across_pages():
    text = " ".join(f"word{i}" for i in range(300))
    _, pages = paginate([Para(text), Para("last one")], Box(300, 100, 10), (24, 18))
    out = " ".join(p.text for page in pages for p in page).split()
    assert out == text.split() + ["last", "one"]


def test_real_fonts_are_measured():
    calibri = fontmetrics.metrics("Calibri")
    arial = fontmetrics.metrics("Arial")
    assert "Carlito" in calibri.name and "LiberationSans" in arial.name
    assert calibri.width("Safeguarding children", 20) < arial.width("Safeguarding children", 20)


def test_unknown_font_is_measured_wider():
    unknown = fontmetrics.metrics("Candara")
    assert unknown.width("Safeguarding children", 20) > fontmetrics.metrics("Arial").width(
        "Safeguarding children", 20)
    assert unknown.line >= 1.36  # LibreOffice may draw it in Noto Sans


def test_cjk_is_full_width_and_taller():
    text = "儿童保护需要多机构合作"
    assert fontmetrics.metrics("Arial").width(text, 20) == pytest.approx(20 * len(text))
    box = for_font(Box(100, 100, 0), "Arial", [text])
    assert box.line_spacing >= fontmetrics.WIDE_LINE
    lines = wrap(text, 20, 100)
    assert "".join(lines) == text and all(len(line) <= 5 for line in lines)


def test_title_shrinks_rather_than_break_a_word():
    size, text = fit_title("Domestic abuse", Box(175, 204, 0), (40, 36, 32, 28, 24))
    assert text == "Domestic abuse" and size < 40
    assert " ".join(wrap(text, size, 175, bold=True)).split() == ["Domestic", "abuse"]


def test_short_text_is_shortened_at_a_word_with_an_ellipsis_never_cut_silently():
    from sessionbuilder.text.fit import fit_paras
    box = Box(200, 18 * 1.2 * 2 + 6, 0)  # two lines at 18 pt
    text = "Seeing, hearing and understanding the child, including what they do not say."
    size, paras = fit_paras([Para(text, plain=True), Para("Anyshire", plain=True)], box, (24, 18))
    two = fit_paras([Para("For: all agencies", plain=True), Para(text, plain=True)], box, (18,))[1]
    assert two == [Para("For: all agencies", plain=True)]  # a later paragraph: whole or not at all
    assert size == 18 and len(paras) == 1
    shown = paras[0].text
    assert shown.endswith("…") and text.startswith(shown[:-1]) and text[len(shown) - 1] in " ,"
    assert shown.split()[-1] not in ("and…", "the…")  # never ending on a dangling word
    assert len(wrap(shown, 18, 200)) == 2
    assert fit_paras([Para("Short", plain=True)], box, (24, 18)) == (24, [Para("Short", plain=True)])


# --- wrapping in the box's real font: lines as full as they can be, never over-full ------------

READING = ("Read https://example.org/reviews/annualreport2024/safeguardingpractice/learning/index.html "
           "and then discuss with your team what it says about keeping the child in view, and what "
           "each agency saw, heard and recorded about the child's daily life at home and at school.")
BREAKS_AFTER = re.compile(r"(?<=[/\-_.?&=])")  # where a URL may be broken: after its punctuation


def measure(font: str, bold: bool, size: float = 18):
    """Width in points of a whole line of text, straight from the font's advance widths."""
    face = fontmetrics.metrics(font, bold)
    return lambda line: face.width(line, size)


def check_wrapped(lines: list[str], text: str, fits) -> None:
    """`lines` hold `text`'s words in order, each line fits, and each holds as much as it can:
    the next word (or, inside a long word, the next URL segment or letter) would not fit."""
    words, wi, off = text.split(), 0, 0
    for n, line in enumerate(lines):
        assert fits(line), line
        for tok in line.split(" "):
            assert words[wi][off:].startswith(tok), (line, words[wi][off:])
            off += len(tok)
            if off == len(words[wi]):
                wi, off = wi + 1, 0
        if n == len(lines) - 1:
            break
        if off == 0:  # the line ends a word: the next, if it fits a line, did not fit here
            assert not fits(words[wi]) or not fits(f"{line} {words[wi]}"), (line, words[wi])
            continue
        word = words[wi]  # the line ends inside a long word
        start = max(i for i in (0, *(m.end() for m in BREAKS_AFTER.finditer(word))) if i <= off)
        segment = next(s for s in BREAKS_AFTER.split(word[start:]) if s)
        if fits(segment):  # a segment that fits a line is never cut ...
            assert start == off, (line, segment)
            assert not fits(line + segment), (line, segment)  # ... and did not fit here
        else:
            assert not fits(line + word[off]), (line, word[off])
    assert (wi, off) == (len(words), 0)  # nothing lost


@pytest.mark.parametrize(("font", "bold", "width"), [
    ("Arial", False, 180), ("Arial", True, 250), ("Calibri", False, 230), ("Calibri", True, 300),
    ("DejaVu Sans", False, 260), ("DejaVu Sans", True, 195), ("DejaVu Sans", True, 300)])
def test_lines_are_filled_in_the_boxs_own_font(font, bold, width):
    lines = wrap(READING, 18, width, bold, font)
    check_wrapped(lines, READING, lambda line: measure(font, bold)(line) <= width * SAFETY)
    assert lines[0] == "Read" and len(lines) > 4


def test_a_url_breaks_after_the_segment_that_exactly_fills_the_line():
    url = "https://example.org/annualreport2024/"
    column = measure("Arial", False)("https://example.org/") / SAFETY
    assert wrap(url, 18, column) == ["https://example.org/", "annualreport2024/"]


def test_a_box_measures_in_its_font():
    """Calibri is narrower than Arial: a box set for Calibri fits more on a line."""
    box = for_font(Box(300, 1000, 0), "Calibri")
    text = " ".join(READING.split()[1:])
    lines = para_lines(Para(text, plain=True), 18, box)
    check_wrapped(lines, text, lambda line: measure("Calibri", False)(line) <= 300 * SAFETY)
    assert len(lines) < len(wrap(text, 18, 300, font="Arial"))


# --- the text column and the line height a box gives ---------------------------------------------

KEEP = "Keep the child in view"


@pytest.mark.parametrize(("para", "indents"), [
    (Para(KEEP, plain=True), 0), (Para(KEEP), 1), (Para(KEEP, level=1), 2), (Para(KEEP, level=2), 3)])
def test_text_column_is_the_box_less_one_indent_per_level(para, indents):
    """A plain paragraph uses the whole width; a list item loses one indent per level, plus one."""
    need = measure("Arial", False)(KEEP) / SAFETY  # the narrowest column that holds KEEP on one line
    assert para_lines(para, 18, Box(need + 20 * indents, 1000, 20)) == [KEEP]
    assert para_lines(para, 18, Box(need + 20 * indents - 0.5, 1000, 20)) == ["Keep the child in", "view"]


@pytest.mark.parametrize("para", [Para(KEEP, plain=True, bold=True), Para(KEEP, plain=True, lead="Keep")])
def test_bold_text_and_bold_lead_ins_are_measured_bold(para):
    regular, bold = (measure("Arial", weight)(KEEP) / SAFETY for weight in (False, True))
    box = Box((regular + bold) / 2, 1000, 0)  # wide enough for KEEP in regular, not in bold
    assert para_lines(Para(KEEP, plain=True), 18, box) == [KEEP]
    assert para_lines(para, 18, box) == ["Keep the child in", "view"]


# Natural line heights (hhea) read from the font files: Liberation Sans 1.150 em; DejaVu Serif
# 1.164 em, its bold 1.175 em; Noto Music 1.787 em, installed in regular only.
@pytest.mark.parametrize(("font", "spacing", "expected"), [
    ("Arial", 1.5, 1.5), ("Arial", 1.0, 1.150),
    font_param("DejaVu Serif", 1.0, 1.175, package="fonts-dejavu-core"),
    font_param("Noto Music", 1.0, 1.787, package="fonts-noto-core")])
def test_lines_are_as_tall_as_the_font_needs_or_the_box_asks(font, spacing, expected):
    box = for_font(Box(300, 300, 0, line_spacing=spacing), font)
    assert box.line_spacing == pytest.approx(expected, abs=1e-3) and box.font == font


# --- boxes and pages: the smallest box, and how paragraphs are split over boxes ------------------

LINE = 18 * 1.2  # one line of 18 pt text


@pytest.mark.parametrize(("width", "height", "holds"), [
    (300, LINE + 6, True), (300, LINE + 6 - 5e-7, True), (300, LINE + 6 - 0.5, False),
    (20 + 19, 100, True), (20 + 18, 100, False)])
def test_smallest_box_holds_one_line_after_its_space_before(width, height, holds):
    """One line and its space before, give or take rounding; a text column wider than the type."""
    box = Box(width, height, 20)
    if not holds:
        message = f"a {width} x {height:.0f} pt box cannot hold one line of 18 pt text"
        with pytest.raises(NoRoom, match=message):
            paginate([Para("Keep")], box, (18,))
        return
    _, pages = paginate([Para("Keep")], box, (18,))
    assert "".join(p.text for page in pages for p in page) == "Keep"


def lines_long(n: int, box: Box) -> Para:
    """A paragraph that wraps into exactly `n` lines at 18 pt in `box`."""
    words = READING.split()[2:] * 6
    return next(Para(" ".join(words[:k])) for k in range(1, len(words))
                if len(para_lines(Para(" ".join(words[:k])), 18, box)) == n)


@pytest.mark.parametrize(("lines", "counts", "layout"), [
    (5, [3, 3, 3], [[3], [3], [3]]),  # each fits a box alone: never split, each starts a box
    (5, [2, 2, 4], [[2, 2], [4]]),  # two share a box; the third does not fit beside them
    (5, [4, 1, 1], [[4, 1], [1]]),  # a one-line paragraph takes the last line
    (5, [5], [[5]]),
])
def test_paragraphs_that_fit_a_box_alone_are_never_split(lines, counts, layout):
    box = Box(600, lines * LINE + 6 * 2, 20)
    paras = [lines_long(n, box) for n in counts]
    _, pages = paginate(paras, box, (18,))
    assert [[len(para_lines(p, 18, box)) for p in page] for page in pages] == layout
    assert [p for page in pages for p in page] == paras


SENTENCES = ("Ask the child what a day at home is like. Record what you see, hear and think. "
             "Share it with the other agencies involved! Check that they read it? "
             "Review the plan with the child and the family every month. ")


def test_a_paragraph_longer_than_a_box_is_split_after_sentences():
    box = Box(400, 4 * LINE + 6, 20)
    text = SENTENCES * 2
    _, pages = paginate([Para("First point, short."), Para(text.strip())], box, (18,))
    pieces = [p.text for page in pages for p in page]
    assert pieces[0] == "First point, short."
    assert " ".join(pieces[1:]) == " ".join(text.split())  # every word, in order
    for piece in pieces[1:]:
        assert piece[-1] in ".!?", piece  # each box ends a sentence
    for page in pages:
        assert sum(len(para_lines(p, 18, box)) * LINE + 6 for p in page) <= box.height + 1e-6


def test_the_issues_long_implication_is_never_cut_mid_sentence():
    """35 words, the documented maximum, after the point's other bullets."""
    implication = ("Before you close a case, go back carefully over what the young person told you at each "
                   "meeting and ask yourself honestly whether you can clearly show how their own words "
                   "shaped your final decision.")
    assert len(implication.split()) == 35
    box = Box(640, 6 * LINE + 4 * 6, 20)
    paras = [Para("A summary of the finding that takes up two lines of the box at eighteen points "
                  "when it is set in the usual font."), Para("A first implication, short."),
             Para("A second implication that also runs over a line of the box."), Para(implication)]
    _, pages = paginate(paras, box, (18,))
    assert len(pages) == 2 and pages[1] == [paras[3]]


def test_one_sentence_longer_than_a_box_is_split_between_lines_and_keeps_every_word():
    box = Box(300, 3 * LINE + 6, 20)
    text = " ".join(["word"] * 80) + "."
    _, pages = paginate([Para(text)], box, (18,))
    assert " ".join(p.text for page in pages for p in page) == text
    assert all(len(para_lines(p, 18, box)) <= 3 for page in pages for p in page)


# --- titles: the largest size that fits, else shortened with an ellipsis -------------------------

TITLE = "Keeping the child in view"  # 514 pt wide in Arial bold at 40 pt (with the margin): two lines in 460


@pytest.mark.parametrize(("height", "max_lines", "size"), [
    (2 * 40 * 1.2, None, 40),  # exactly two lines of 40 pt high: two lines of 40 pt
    (2 * 40 * 1.2 - 0.5, None, 32),  # half a point less: one line, so 32 pt, where the title fits one
    (0, 2, 40),  # no height given: at most two lines
    (0, 1, 32)])
def test_title_keeps_the_largest_size_its_lines_allow(height, max_lines, size):
    assert fit_title(TITLE, Box(460, height, 0), (40, 32, 28), max_lines) == (size, TITLE)
    assert len(wrap(TITLE, size, 460, bold=True)) == (2 if size == 40 else 1)


def test_title_is_measured_in_the_boxs_font():
    """"Safeguarding" in bold at 40 pt: 234 pt wide in Calibri (Carlito), 275 pt in Arial."""
    assert fit_title("Safeguarding", Box(250, 0, 0, font="Calibri"), (40, 32), 1) == (40, "Safeguarding")
    assert fit_title("Safeguarding", Box(250, 0, 0), (40, 32), 1) == (32, "Safeguarding")


def test_title_that_is_one_long_word_is_broken_rather_than_cut():
    url = "https://example.org/annualreport2024/"
    assert fit_title(url, Box(500, 0, 0), (40,), 2) == (40, url)
    assert wrap(url, 40, 500, bold=True) == ["https://example.org/", "annualreport2024/"]


@pytest.mark.parametrize(("text", "chars", "shown"), [
    ("Risks of harm to the child", 10, "Risks…"),  # never ending on "of"
    ("For all agencies working together", 6, "For…"),  # ... unless it is the only word that fits
    ("Seeing, hearing and understanding", 9, "Seeing…"),  # no comma before the ellipsis
    ("Annex X, table 3", 9, "Annex X…"),
    ("Safeguarding children", 5, "Safe…"),  # not even one word fits: cut between letters
    ("Safeguarding children", 6, "Safeg…")])
def test_shortened_text_ends_on_a_whole_word_and_an_ellipsis(text, chars, shown):
    assert shorten(text, lambda t: len(t) <= chars) == shown


def test_short_text_too_long_for_two_lines_is_shortened_not_cut():
    box = Box(200, 18 * 1.2 * 2 + 6, 0)  # two lines at 18 pt
    text = "Seeing, hearing and understanding the child at home."  # three lines at 18 pt
    assert len(wrap(text, 18, 200)) == 3
    size, paras = fit_paras([Para(text, plain=True)], box, (24, 18))
    # "understanding the…" would fill the second line, but a text does not end on "the"
    assert size == 18 and [p.text for p in paras] == ["Seeing, hearing and understanding…"]


def test_short_text_keeps_each_later_paragraph_that_fits_whole():
    box = Box(300, 3 * (18 * 1.2 + 6), 0)  # three one-line paragraphs at 18 pt
    paras = [Para(t, plain=True) for t in ("Neglect", "For: all agencies", "Anyshire",
                                            "A fourth paragraph much too long to fit in what is left")]
    assert fit_paras(paras, box, (24, 18)) == (18, paras[:3])

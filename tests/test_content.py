"""Content survives layout: text split over "(cont.)" boxes keeps every word in order, nothing
lost or added; wrapped lines fit; shortened titles keep their suffix."""

from __future__ import annotations

import pytest

from sessionbuilder import textfit
from sessionbuilder.textfit import Box, Para

from conftest import LONG_WORDS

BOX = Box(width=600, height=300, indent=20)
SIZES = (28, 24, 20, 18)


def words_of(pages):
    return [w for page in pages for p in page for w in p.text.split()]


def text(n: int, start: int = 0) -> str:
    return " ".join(LONG_WORDS[(start + i) % len(LONG_WORDS)] for i in range(n))


@pytest.mark.parametrize("counts", [(10,), (400,), (176, 3, 60), (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)])
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
    assert textfit.total_height(paras, 20, box) == 3 * 30 + 2 * 10
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
    for line, following in zip(lines, lines[1:]):
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
    assert len(textfit.wrap(kept + " " + long.split()[len(kept.split())] + "… (cont.)", 28, 500, bold=True)) > 2


def test_fit_title_picks_the_largest_size_that_fits():
    box = Box(width=500, height=0, indent=0)
    title = text(12)
    size, fitted = textfit.fit_title(title, box, (44, 36, 28, 20), 2)
    assert fitted == title and len(textfit.wrap(title, size, 500, bold=True)) <= 2
    assert all(len(textfit.wrap(title, s, 500, bold=True)) > 2 for s in (44, 36, 28, 20) if s > size)

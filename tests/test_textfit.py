"""Measuring and splitting text: real font metrics, no endless pages, nothing lost or added."""

from __future__ import annotations

import time

import pytest

from sessionbuilder import fontmetrics
from sessionbuilder.textfit import Box, NoRoom, Para, fit_title, for_font, paginate, wrap


def test_box_shorter_than_one_line_fails_fast():
    start = time.monotonic()
    with pytest.raises(NoRoom, match="cannot hold one line"):
        paginate([Para("x y")], Box(500, 16.5, 0), (18,))
    assert time.monotonic() - start < 1


def test_title_box_shorter_than_one_line_fails_fast():
    with pytest.raises(NoRoom):
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
    from sessionbuilder.textfit import fit_paras
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

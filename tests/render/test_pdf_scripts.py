"""Writing systems in PDFs: Hebrew and Arabic shaped and right to left, scripts DejaVu Sans lacks
drawn with an installed font, and a warning naming the characters no embeddable font draws."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from sessionbuilder.render.pdf import fonts

from support import FIXTURES

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")

POINT = ("points:\n  - id: local-script-point\n    title: {title}\n    summary: {summary}\n"
         "    implications: [Book a qualified interpreter.]\n    themes: [voice-of-family]\n"
         "    audiences: [all]\n    priority: core\n    source:\n      report: local-review-a\n")


def library(tmp_path, title: str, summary: str = "A summary."):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
    (folder / "points.yaml").write_text(POINT.format(title=title, summary=summary), encoding="utf-8")
    return folder


def words(pdf) -> list[tuple[float, float, str]]:
    """(top, left, word) of every word pdftotext finds, top to bottom, left to right."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)
    return sorted((round(float(y)), float(x), w) for x, y, w in found)


def sheet(cli, tmp_path, folder):
    out = tmp_path / "sheet.pdf"
    result = cli("sheet", "--library", folder, "--theme", "voice-of-family", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out, result


def test_arabic_and_hebrew_read_right_to_left_and_arabic_is_joined(cli, tmp_path):
    folder = library(tmp_path, "'Interpreters: حماية الطفل and שלום עולם today'")
    out, _ = sheet(cli, tmp_path, folder)
    line = [w for w in words(out) if w[2] in ("Interpreters:", "and", "today") or
            re.search("[\u0590-\u05ff\u0600-\u06ff\ufb1d-\ufeff]", w[2])]
    top = next(t for t, _, w in line if w == "Interpreters:")
    seen = [w for t, _, w in line if abs(t - top) < 3]
    # PDF text of shaped glyphs is their visual form: Arabic as joined presentation forms,
    # each word's letters from left to right as drawn
    arabic = [w for w in seen if re.search("[\ufe70-\ufeff]", w)]
    assert len(arabic) == 2, seen  # joined forms, not the isolated letters
    hebrew = [w for w in seen if re.search("[\u0590-\u05ff]", w)]
    assert hebrew == ["םלוע", "םולש"], seen  # "עולם" (2nd word) left of "שלום" (1st)
    assert seen[0] == "Interpreters:" and seen.index("and") == 3
    # the first Arabic word (حماية, ending in TEH MARBUTA) is drawn to the right of the second
    assert "\ufe94" in arabic[1] or "\ufe93" in arabic[1], arabic


def test_a_script_dejavu_lacks_is_drawn_with_an_installed_font(cli, tmp_path):
    if not fonts.fallback("क"):
        pytest.skip("no installed TrueType font draws Devanagari: apt-get install fonts-noto-core")
    folder = library(tmp_path, "Families who speak हिन्दी")
    out, result = sheet(cli, tmp_path, folder)
    assert "warning: no font" not in result.stderr
    data = out.read_bytes()
    assert b"NotoSansDevanagari" in data
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Families who speak" in text and "?" not in text.split("Families who speak")[1][:8]


CJK_FONT = fonts.FONT_DIRS[0] / "truetype" / "wqy" / "wqy-zenhei.ttc"


@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei)")
def test_chinese_japanese_and_korean_are_drawn_with_an_embedded_truetype_font(cli, tmp_path):
    folder = library(tmp_path, "儿童保护：倾听孩子的声音",
                     "Families who write 中文, 日本語のテキスト and 한국어")
    out = tmp_path / "handout.pdf"
    result = cli("handout", "--library", folder, "--theme", "voice-of-family", "-o", out)
    assert result.exit_code == 0 and "no font" not in result.stderr, result.stderr
    assert b"WenQuanYiZenHei" in out.read_bytes()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "儿童保护：倾听孩子的声音" in text
    assert "Families who write 中文, 日本語のテキスト and 한국어" in text


def test_characters_no_font_can_embed_are_named_in_a_warning(cli, tmp_path):
    folder = library(tmp_path, "A title", "Families who write 🙂 and ✅ here")
    out = tmp_path / "handout.pdf"
    result = cli("handout", "--library", folder, "--theme", "voice-of-family", "-o", out)
    assert result.exit_code == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if "no font" in line]
    assert warning == ["warning: no font that can be embedded in a PDF draws 🙂 ✅ (U+1F642, "
                       "U+2705); they show as '?' in the PDF. The Word and web page "
                       "versions (--format docx or html) show them with the reader's own fonts"]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Families who write ? and ? here" in " ".join(text.split())


def test_no_warning_for_word_output(cli, tmp_path):
    folder = library(tmp_path, "A title", "Families who write 中文")
    result = cli("handout", "--library", folder, "--theme", "voice-of-family", "--format", "docx",
                 "-o", tmp_path / "h.docx")
    assert result.exit_code == 0 and "no font" not in result.stderr


def test_one_character_message():
    from sessionbuilder.commands.build import missing_font_message
    assert missing_font_message(["中"]).startswith(
        "no font that can be embedded in a PDF draws 中 (U+4E2D); it shows as '?' in the PDF.")
    many = missing_font_message([chr(0x4E00 + i) for i in range(12)])
    assert " and 2 more (U+4E00, " in many and "U+4E09" in many and "U+4E0A" not in many


def test_a_right_to_left_paragraph_that_wraps_reads_on_from_line_to_line(cli, tmp_path):
    """Words are put in display order line by line, after the paragraph is broken into lines:
    read right to left, line after line, the words come in the order written."""
    written = [chr(c) * 3 for c in range(0x05D0, 0x05EB) if chr(c) not in "ךםןףץ"]  # אאא ... תתת
    summary = " ".join(written * 2)
    out, _ = sheet(cli, tmp_path, library(tmp_path, "Hebrew summary", f"'{summary}'"))
    hebrew = [(t, x, w) for t, x, w in words(out) if re.fullmatch("[\u05d0-\u05ea]{3}", w)]
    lines = sorted({t for t, _, _ in hebrew})
    assert len(lines) >= 3, "the summary wraps"
    read = [w for top in lines for _, w in sorted(((-x, w) for t, x, w in hebrew if t == top))]
    assert read == written * 2


@pytest.mark.parametrize("text", [
    "שלום עולם and more text to wrap across several lines of the box",
    "plain English only, which keeps its fragments exactly as reportlab broke them",
    "حماية الطفل مسؤولية الجميع، mixed with English words, שלום עולם again and again",
])
def test_each_line_keeps_every_character_when_put_in_display_order(text):
    from sessionbuilder.render.pdf.base import Paragraph, _display_frags, labelled, style
    para = Paragraph(labelled("Lead-in", text), style("t", 11, "000000"))
    para.wrap(140, 1000)
    assert para.blPara.kind == 1 and len(para.blPara.lines) >= 3
    for line in para.blPara.lines:
        logical = "".join(f.text for f in line.words)
        shown = _display_frags(line.words)
        assert sorted("".join(f.text for f in shown)) == sorted(logical)
        if not re.search("[\u0590-\u06ff]", logical):
            assert [(f.text, f.fontName) for f in shown] == [(f.text, f.fontName) for f in line.words]
        for f in shown:  # each piece keeps its own fragment's font
            assert f.fontName == f._source.fontName

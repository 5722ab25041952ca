"""Characters that must never reach an output: refused in files with file:line, escaped on the
terminal, dropped from command-line text, and never in a slide's XML."""

from __future__ import annotations

import json
import zipfile

import pytest

from sessionbuilder.text import clean as textclean

from support import FIXTURES

SOURCES = (FIXTURES / "user_library" / "sources.yaml").read_text()
POINT = ("points:\n  - id: local-point-one\n    title: {title}\n    summary: A summary.\n"
         "    implications: [Do this.]\n    themes: [neglect]\n    audiences: [all]\n"
         "    priority: core\n    source:\n      report: local-review-a\n")
CONTROL_HINT = "(delete it; it may have been pasted from Word or a terminal)"
BIDI_HINT = ("(delete it: it makes text display in another order than written, and right-to-left "
             "text displays correctly without it)")


def library(tmp_path, title: str | bytes, name: str = "lib"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "sources.yaml").write_text(SOURCES)
    raw = POINT.format(title="TITLE").encode()
    title = title.encode() if isinstance(title, str) else title
    (folder / "points.yaml").write_bytes(raw.replace(b"TITLE", title))
    return folder


@pytest.mark.parametrize("title,message", [
    (r'"Bell\x07 here"', f"'title' contains the control character U+0007 {CONTROL_HINT}"),
    (r'"\x1b[0mReset"', f"'title' contains the control character U+001B {CONTROL_HINT}"),
    (r'"Next\u0085line"', f"'title' contains the control character U+0085 {CONTROL_HINT}"),
    (r'"\u202eA title written backwards"',
     f"'title' contains the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) "
     f"{BIDI_HINT}"),
    ("\u202eA raw override", "contains the bidirectional control character U+202E "
                             f"(RIGHT-TO-LEFT OVERRIDE) {BIDI_HINT}"),
    ("A raw \ufffe non-character", "contains the non-character U+FFFE (it is not a character; "
                                   "delete it)"),
    (r'"An escaped \ufffe non-character"',
     "'title' contains the non-character U+FFFE (it is not a character; delete it)"),
])
def test_refused_characters_give_one_line_with_file_and_line(cli, tmp_path, title, message):
    folder = library(tmp_path, title)
    result = cli("validate", folder)
    assert result.exit_code == 1
    assert result.stderr == f"error: {folder}/points.yaml:3: {message}\n"


def test_escape_in_a_recipe_is_refused_before_any_output(cli, tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text('title: "Neglect \\x1b]0;pwned\\x07"\nsections:\n  - kind: title\n'
                      "  - kind: learning\n")
    result = cli("deck", recipe, "-o", tmp_path / "d.pptx")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {recipe}:1: 'title' contains the control character U+001B "
                             f"{CONTROL_HINT}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]


def test_right_to_left_marks_and_scripts_are_allowed(tmp_path):
    from sessionbuilder.library.loading import load_library
    folder = library(tmp_path, "'حماية \u200fالطفل and שלום'")
    assert load_library([folder]).point("local-point-one").title == "حماية \u200fالطفل and שלום"


def test_title_with_bytes_that_are_not_utf8_is_a_usage_error(cli, tmp_path):
    # how Python passes `--title $'\xff'` from a UTF-8 shell: a surrogate escape
    result = cli("deck", "--title", "Bad \udcff title", "-o", tmp_path / "d.pptx")
    assert result.exit_code == 2
    assert result.stderr == ("error: --title is not UTF-8 text (byte 0xff) (use UTF-8 text; check "
                             "the encoding of the terminal, script or file)\n")
    assert not list(tmp_path.iterdir())


def test_control_characters_in_the_title_option_never_reach_the_slide(cli, tmp_path):
    out = tmp_path / "d.pptx"
    result = cli("deck", "--title", "\u202eSession\x1b[0m for\x07 staff", "-o", out)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as z:
        xml = z.read("ppt/slides/slide1.xml").decode()
    assert "Session[0m for staff" in xml
    assert "_x00" not in xml and "\u202e" not in xml


def test_terminal_output_shows_escapes_instead_of_acting_on_them(cli, tmp_path):
    folder = library(tmp_path, "Plain title", name="lib\x1b[31m\x07")
    shown = cli("show", "local-point-one", "--library", folder)
    assert shown.exit_code == 0
    assert "\x1b" not in shown.output and "\x07" not in shown.output
    assert "lib\\u001b[31m\\u0007/points.yaml:2" in shown.output
    listed = cli("list", "--library", folder, "--format", "json", "--search", "Plain title")
    (item,) = json.loads(listed.output)
    assert item["origin"] == f"{folder}/points.yaml"  # the JSON is still exact
    assert "\x1b" not in listed.output


def test_error_lines_escape_what_the_user_typed(cli, tmp_path):
    folder = tmp_path / "lib\x1b[2J"
    folder.mkdir()
    (folder / "points.yaml").write_text("points: [1\n")
    result = cli("validate", folder)
    assert result.exit_code == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith(f"error: {tmp_path}/lib\\u001b[2J/points.yaml:")


@pytest.mark.parametrize("text,expected", [
    ("plain – text ⇒ ok\tand\nlines", "plain – text ⇒ ok\tand\nlines"),
    ("\x1b[31mred\x07", "\\u001b[31mred\\u0007"),
    ("\u202etxet", "\\u202etxet"),
    ("\x9b2J\r", "\\u009b2J\\u000d"),
    ("\U0010ffff", "\\udbff\\udfff"),
    ("bad \udcff byte", "bad \\udcff byte"),
])
def test_terminal_escapes(text, expected):
    assert textclean.terminal(text) == expected
    json.loads(f'"{expected}"'.replace("\t", "\\t").replace("\n", "\\n"))  # valid inside JSON


def test_clean_for_writers():
    assert textclean.clean("A\x07 \u202etitle\r\x00 \udcff x\tz\n") == "A title \ufffd x\tz\n"


def test_describe_each_kind():
    assert textclean.describe("\x00")[0] == "contains the control character U+0000"
    assert textclean.describe("\u2066")[0] == ("contains the bidirectional control character U+2066 "
                                               "(LEFT-TO-RIGHT ISOLATE)")
    assert textclean.describe("\ufdd0")[0] == "contains the non-character U+FDD0"
    assert textclean.describe("\udc80")[0] == "is not UTF-8 text (byte 0x80)"
    assert textclean.problem("ok \u200f text") is None
    assert textclean.problem("a\rb") == (1, "contains the control character U+000D", CONTROL_HINT[1:-1])
    assert textclean.problem("a\rb", textclean.FILE_TEXT) is None


REFUSED_EDGES = ["\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "\x80", "\x9f", "\u202a",
                 "\u202e", "\u2066", "\u2069", "\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe",
                 "\uffff", "\U0001fffe", "\U0001ffff", "\U0008fffe", "\U0010fffe", "\U0010ffff"]
ALLOWED_EDGES = ["\t", "\n", " ", "~", "\xa0", "é", "\u200e", "\u200f", "\u061c", "\u2029",
                 "\u2065", "\u206a", "\ufdcf", "\ufdf0", "\ufffd", "\U00010000", "\U0001fffd",
                 "\U00020000", "\U0010fffd", "😀"]


@pytest.mark.parametrize("context", ["{}", "plain {} text", "“quoted” {}", "😀 {} end"])
def test_every_refused_character_is_found_in_any_text(context):
    """The same characters are refused in plain ASCII text, in text with accents or quotes, and
    in text with characters outside the BMP (each takes its own fast path), at the right place."""
    for char in REFUSED_EDGES:
        text = context.format(char)
        found = textclean.problem(text)
        assert found is not None and found[0] == text.index(char), repr(char)
        assert textclean.clean(text) == text.replace(char, ""), repr(char)
    for char in ALLOWED_EDGES:
        text = context.format(char)
        assert textclean.problem(text) is None, repr(char)
        assert textclean.clean(text) == text and textclean.terminal(text) == text, repr(char)
    assert textclean.problem("line\r\nnext") == (4, *textclean.describe("\r"))
    assert textclean.problem("line\r\nnext", textclean.FILE_TEXT) is None


def test_writers_last_step_is_here_too():
    """Slide XML drops what XML cannot hold; Word and web text shows a control as "?"."""
    from sessionbuilder.documents import model
    from sessionbuilder.render.pptx import oxml
    from sessionbuilder.text.clean import plain, xml_safe
    assert xml_safe("bell\x07 tab\t\ufffe end") == "bell tab\t end"
    assert plain("bell\x07 line\nbreak\x00 e\u0301") == "bell? line break? é"
    assert oxml.clean is xml_safe and model.plain is plain

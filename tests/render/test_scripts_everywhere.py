"""A point in Hebrew, Arabic, Hindi, Bengali, Thai or Chinese keeps every word in the deck, the
handout and the sheet."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
import yaml
from pptx import Presentation

from support import FIXTURES

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
LIBRARY = FIXTURES / "scripts_library"
POINTS = yaml.safe_load((LIBRARY / "points.yaml").read_text(encoding="utf-8"))["points"]
# Devanagari and Bengali are shaped into conjunct glyphs, which PDF text extraction cannot map
# back to letters: for them the PDF is checked for their fonts (and no warning of a missing glyph)
SHAPED = ("local-hindi", "local-bengali")


def norm(text: str) -> str:
    """Presentation forms (joined Arabic) back to letters, spaces evened out."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def words(point: dict) -> list[str]:
    return [w.strip(".,।") for field in (point["title"], point["summary"], *point["implications"])
            for w in norm(field).split()]


def missing(point: dict, text: str) -> list[str]:
    """Words of the point not in `text`, read in either direction (PDF text of right-to-left
    words is in drawing order)."""
    squashed = text.replace(" ", "")
    return [w for w in words(point)
            if not any(v in text or v in squashed for v in (w, w[::-1]))]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from click.testing import CliRunner

    from sessionbuilder.cli import main
    folder = tmp_path_factory.mktemp("scripts")
    runner = CliRunner()
    for command, name in (("deck", "deck.pptx"), ("handout", "handout.pdf"), ("sheet", "sheet.pdf")):
        result = runner.invoke(main, [command, "--library", str(LIBRARY), "--source", "local-scripts",
                                      "-o", str(folder / name)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        assert "no font" not in result.stderr
    return folder


def test_the_deck_keeps_every_word(outputs):
    prs = Presentation(str(outputs / "deck.pptx"))
    text = norm(" ".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame))
    assert {p["id"]: missing(p, text) for p in POINTS} == {p["id"]: [] for p in POINTS}


@pytest.mark.parametrize("name", ["handout.pdf", "sheet.pdf"])
def test_the_handout_and_the_sheet_keep_every_word(outputs, name):
    pdf = outputs / name
    text = norm(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    readable = [p for p in POINTS if p["id"] not in SHAPED]
    assert {p["id"]: missing(p, text) for p in readable} == {p["id"]: [] for p in readable}
    data = pdf.read_bytes()
    assert b"NotoSansDevanagari" in data and b"NotoSansBengali" in data

"""Output paths: standard output, file names that promise another format, long names, a HOME
that is missing or not a folder; and never a partial or stray file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessionbuilder import output
from sessionbuilder.errors import InputError

from support import ROOT


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command,magic,message", [
    (("deck", "health"), b"PK\x03\x04", "Wrote standard output ("),
    (("handout", "health"), b"%PDF-", "Wrote standard output ("),
    (("sheet", "--theme", "neglect"), b"%PDF-", "Wrote standard output (1 page, "),
    (("guide", "health"), b"PK\x03\x04", "Wrote standard output (Word)."),
    (("evaluation", "health", "--format", "html"), b"<!DOCTYPE html>", "Wrote standard output ("),
])
def test_dash_writes_the_file_to_standard_output(cli, tmp_path, monkeypatch, command, magic, message):
    monkeypatch.chdir(tmp_path)
    result = cli(*command, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(magic)
    assert result.stderr.splitlines()[-1].startswith(message)  # not in the file's bytes
    assert leftovers(tmp_path) == []  # no file called '-', no out/ folder


def test_dash_output_is_the_same_file(cli, tmp_path):
    from pptx import Presentation
    result = cli("deck", "health", "-o", "-")
    assert Presentation(io.BytesIO(result.stdout_bytes)).slides[0].shapes.title.text
    cli("deck", "health", "-o", tmp_path / "d.pptx")
    assert result.stdout_bytes == (tmp_path / "d.pptx").read_bytes()


def test_binary_is_never_written_to_a_terminal(monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    with pytest.raises(InputError) as info:
        output.check_target(Path("-"))
    assert str(info.value) == ("refusing to write a binary file to the terminal (redirect it, e.g. "
                               "-o - > session.pptx, or give a file name)")


def test_build_refuses_standard_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("build", "health", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == ("error: 'build' writes several files into a folder, so it cannot write to "
                             "standard output (give a folder with -o, or use 'deck -o -' and "
                             "'handout -o -')\n")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name,hint", [
    ("deck.pdf", "for a PDF, export the deck from PowerPoint or LibreOffice; 'sessionbuilder "
                 "handout' makes the participants' PDF"),
    ("deck.docx", "for example -o deck.pptx"),
    ("deck", "for example -o deck.pptx"),
])
def test_deck_named_as_another_format_is_refused(cli, tmp_path, name, hint):
    result = cli("deck", "-o", tmp_path / name)
    assert result.exit_code == 2
    assert result.stderr == (f"error: '{name}' would hold a PowerPoint deck, so its name must end "
                             f"in .pptx ({hint})\n")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command,name,message", [
    ("handout", "handout.pptx", "'handout.pptx' would hold a PDF, so its name must end in .pdf "
                                "(for example -o handout.pdf)"),
    ("sheet", "sheet.doc", "'sheet.doc' would hold a PDF, so its name must end in .pdf "
                           "(for example -o sheet.pdf)"),
    ("guide", "guide.pptx", "'guide.pptx' would hold a Word document, so its name must end in "
                            ".docx (for example -o guide.docx)"),
])
def test_document_named_as_another_format_is_refused(cli, tmp_path, command, name, message):
    result = cli(command, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert result.stderr == f"error: {message}\n"
    assert leftovers(tmp_path) == []


def test_upper_case_suffix_is_fine(cli, tmp_path):
    result = cli("deck", "health", "-o", tmp_path / "DECK.PPTX")
    assert result.exit_code == 0 and leftovers(tmp_path) == ["DECK.PPTX"]


def test_longest_legal_file_name_works(cli, tmp_path):
    name = "a" * 250 + ".pptx"  # 255 bytes, the limit on Linux file systems
    result = cli("deck", "health", "-o", tmp_path / name)
    assert result.exit_code == 0, result.stderr
    assert leftovers(tmp_path) == [name]


def test_temporary_file_is_removed_when_writing_fails(tmp_path, monkeypatch):
    def fail(*_):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        output.write_atomic(tmp_path / "x.pdf", b"data")
    assert leftovers(tmp_path) == []


def test_template_cannot_be_overwritten(cli, tmp_path):
    from support import make_template
    template = make_template(tmp_path / "board.pptx")
    before = template.read_bytes()
    result = cli("deck", "health", "--minutes", "300", "--template", template, "-o", template)
    assert result.exit_code == 2
    assert result.stderr == (f"error: refusing to write over the input file '{template}' "
                             "(choose another output name with -o)\n")
    assert template.read_bytes() == before


def run(args: list[str], home: str | None) -> subprocess.CompletedProcess:
    """sessionbuilder in a fresh process (reportlab reads HOME when first imported)."""
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "SESSIONBUILDER_CACHE",
                                                            "XDG_CACHE_HOME")}
    if home is not None:
        env["HOME"] = home
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run([sys.executable, "-m", "sessionbuilder", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_home_that_is_a_file_breaks_nothing(tmp_path):
    home = tmp_path / "home"
    home.write_text("not a folder")
    result = run(["sheet", "--theme", "neglect", "-o", str(tmp_path / "sheet.pdf")], str(home))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {tmp_path}/sheet.pdf (1 page, ")
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF-")


def test_reportlab_settings_in_home_are_not_run(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    marker = tmp_path / "ran"
    for name in (".reportlab_mods", ".reportlab_settings"):
        (home / name).write_text(f"open({str(marker)!r}, 'w').close()\n")
    result = run(["handout", "health", "-o", str(tmp_path / "h.pdf")], str(home))
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


def test_missing_home_is_not_created(tmp_path):
    home = tmp_path / "gone"
    result = run(["list", "--theme", "neglect"], str(home))
    assert result.returncode == 0, result.stderr
    assert not home.exists()

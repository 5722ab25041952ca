"""`sessionbuilder init`: a starter library that validates, makes a briefing in every format, and
is never written over an existing folder's files."""

from __future__ import annotations

from support import docx_text, html_text, pdf_text

from sessionbuilder.commands.starter import REVIEW_ID
from sessionbuilder.library.loading import load_library
from sessionbuilder.library.recipes import load_branding


def test_init_makes_a_library_that_validates(cli, tmp_path):
    folder = tmp_path / "my-reviews"
    result = cli("init", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "branding.yaml", "points.yaml",
                                                        "safeguarding.yaml", "sources.yaml"]
    check = cli("validate", folder)
    assert check.exit_code == 0, check.output
    assert "in 2 libraries" in check.output
    lib = load_library([folder])
    review = lib.reports[REVIEW_ID]
    assert review.summary and review.published and review.url
    assert [p.id for p in lib.points if p.id in lib.local] == ["local-review-2025-example"]
    branding = load_branding(folder / "branding.yaml")
    assert [c.label for c in branding.contacts] == ["Worried about a child?", "Out of hours"]
    readme = (folder / "README.md").read_text()
    assert f"sessionbuilder sheet --library {folder} --source {REVIEW_ID} --format docx" in readme


def test_init_refuses_a_folder_with_files(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = cli("init", tmp_path)
    assert result.exit_code == 2
    assert "already has files in it" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    file = tmp_path / "notes.txt"
    assert cli("init", file).exit_code == 2


def test_init_into_an_empty_folder(cli, tmp_path):
    assert cli("init", tmp_path).exit_code == 0
    assert (tmp_path / "sources.yaml").is_file()


def test_starter_briefing_in_every_format(cli, tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    cli("init", folder)
    monkeypatch.chdir(tmp_path)
    texts = {}
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text), ("html", html_text)):
        out = tmp_path / f"briefing.{fmt}"
        result = cli("sheet", "--library", folder, "--source", REVIEW_ID, "-o", out)
        assert result.exit_code == 0, result.output
        assert f"Wrote {out} (1 page, 1 of 1 points)." in result.output
        texts[fmt] = read(out.read_bytes())
    for fmt, text in texts.items():
        assert "Learning from Child A, local child safeguarding practice review (2025)" in text, fmt
        assert "What happened" in text and "Published 30 June 2025." in text, fmt
        assert "Who to contact" in text and "01632 960000" in text, fmt
        assert "Anyshire Safeguarding Children Partnership" in text, fmt


def test_validate_checks_the_library_branding(cli, tmp_path):
    folder = tmp_path / "mine"
    cli("init", folder)
    branding = folder / "branding.yaml"
    branding.write_text(branding.read_text().replace(
        "    detail: Call the Emergency Duty Team on 01632 960001 (example number)\n", ""))
    line = branding.read_text().splitlines().index("  - label: Out of hours") + 1
    result = cli("validate", folder)
    assert result.exit_code == 1
    assert f"{branding}:{line}: missing field 'detail'" in result.output
    branding.write_text("partnership: Anyshire\nlogo: missing.png\n")
    result = cli("validate", folder)
    assert result.exit_code == 1 and "'missing.png' not found" in result.output

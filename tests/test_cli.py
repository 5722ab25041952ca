"""The command line: exit codes, table width, JSON shape, help text, error lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sessionbuilder import __version__
from sessionbuilder.cli import main
from sessionbuilder.library.models import PAGES

from support import FIXTURES

COMMANDS = sorted(main.commands)


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"sessionbuilder {command}" in result.output


def test_list_table_fits_80_columns(cli):
    result = cli("list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) > 100
    assert max(len(line) for line in lines) <= 80


def test_list_json_shape(cli, lib):
    result = cli("list", "--format", "json", "--theme", "cse")
    data = json.loads(result.output)
    assert isinstance(data, list) and data
    for item in data:
        assert {"id", "title", "summary", "themes", "audiences", "priority", "source"} <= set(item)
        assert "cse" in item["themes"]
        assert item["source"]["report"] in lib.reports
    paged = [i for i in json.loads(cli("list", "--format", "json").output) if "page" in i["source"]]
    assert paged and all(re.fullmatch(PAGES, i["source"]["page"]) for i in paged)
    assert "141, 161" in {i["source"]["page"] for i in paged}


def test_list_filters_with_aliases(cli):
    police = cli("list", "--format", "json", "--audience", "probation", "--theme", "dv")
    data = json.loads(police.output)
    assert data and all("police-justice" in i["audiences"] and "domestic-abuse" in i["themes"]
                        for i in data)


def test_unknown_theme_is_a_usage_error(cli):
    result = cli("list", "--theme", "negelct")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: unknown theme 'negelct'; did you mean 'neglect'? "
                                     "(run 'sessionbuilder taxonomy' to see them all)")


def test_show_gives_the_whole_point_with_citation(cli, lib):
    point = next(p for p in lib.points if p.source.page)
    result = cli("show", point.id)
    assert result.exit_code == 0
    assert point.title in result.output and "What to do:" in result.output
    assert f"p{point.source.page}" in result.output


def test_show_unknown_id_suggests(cli, lib):
    result = cli("show", lib.points[0].id + "x")
    assert result.exit_code == 2 and f"did you mean '{lib.points[0].id}'?" in result.stderr


def test_taxonomy_counts(cli, lib):
    result = cli("taxonomy")
    assert result.exit_code == 0
    neglect = sum("neglect" in p.themes for p in lib.points)
    assert any(line.split()[:2] == ["neglect", str(neglect)] for line in result.output.splitlines())


def test_validate_clean_exits_zero(cli):
    result = cli("validate")
    assert result.exit_code == 0 and result.output.startswith("OK:")


def test_validate_bad_library_exits_one_with_a_line_per_problem(cli):
    result = cli("validate", FIXTURES / "bad" / "unknown_theme", FIXTURES / "bad" / "bad_priority")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3  # each bad point, and the second folder's copy of the same source id
    assert any("duplicate source id 'local-review-a'" in e for e in errors)
    assert all(":" in e.split()[1] for e in errors)  # error: FILE:LINE: ...
    assert "Traceback" not in result.output + result.stderr


def test_validate_bad_recipe(cli, tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("title: T\nthemes: [neglectt]\nsections:\n  - kind: title\n  - kind: learnin\n")
    result = cli("validate", recipe)
    assert result.exit_code == 1
    assert f"{recipe}:2: unknown theme 'neglectt'; did you mean 'neglect'?" in result.stderr
    assert f"{recipe}:5:" in result.stderr


def test_recipe_without_learning_section(cli, tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text("title: T\nsections:\n  - kind: title\n")
    result = cli("validate", recipe)
    assert result.exit_code == 1 and "missing section 'learning'" in result.stderr


def test_library_from_environment(cli):
    env = {"SESSIONBUILDER_LIBRARY": str(FIXTURES / "user_library")}
    result = cli("show", "local-point-two", env=env)
    assert result.exit_code == 0 and "Local Child Safeguarding Practice Review A" in result.output


def test_help_does_not_import_renderers():
    import subprocess
    import sys
    code = ("import sys; from sessionbuilder.cli import main\n"
            "try: main(['--help'])\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('pptx', 'reportlab', 'pydantic', 'docx', 'jinja2') if m in sys.modules]\n"
            "print('HEAVY:' + ','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_sheet_reports_left_out_points_and_mentions_handout(cli, tmp_path):
    from pypdf import PdfReader
    out = tmp_path / "sheet.pdf"
    result = cli("sheet", "--audience", "police", "-o", out)
    assert result.exit_code == 0
    assert len(PdfReader(str(out)).pages) == 1
    warning = result.stderr.strip()
    assert warning.startswith("warning: ") and "did not fit on one page" in warning
    assert "'sessionbuilder handout'" in warning
    assert "(1 page, 4 of" in result.output


def test_sheet_empty_selection(cli, tmp_path, monkeypatch):
    # every theme has points, so an empty selection is faked
    monkeypatch.setattr("sessionbuilder.commands.build.select", lambda *_: [])
    result = cli("sheet", "--theme", "strategy-discussions", "--audience", "education",
                 "-o", tmp_path / "s.pdf")
    assert result.exit_code == 2 and "no learning points match" in result.stderr


PACK = ["health-evaluation.docx", "health-guide.docx", "health-handout.pdf", "health-sheet.html",
        "health-sheet.pdf", "health.pptx"]


def test_build_writes_the_whole_pack_and_says_so(cli, tmp_path):
    result = cli("build", "health", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == PACK
    wrote = [line.split(" (")[0].removeprefix("Wrote ") for line in result.stdout.splitlines()]
    assert sorted(Path(w).name for w in wrote) == PACK


def test_build_writes_nothing_unless_everything_rendered(cli, tmp_path, monkeypatch):
    from sessionbuilder.commands import build

    def broken(doc, fmt, paper="a4"):
        if doc.kind == "evaluation":
            raise build.InputError("the evaluation form could not be rendered")
        return real(doc, fmt, paper)
    real = build.write_document
    monkeypatch.setattr(build, "write_document", broken)
    result = cli("build", "health", "-o", tmp_path / "out")
    assert result.exit_code != 0 and "evaluation form could not be rendered" in result.stderr
    assert not (tmp_path / "out").exists()


def _library_with_an_undated_statistic(tmp_path):
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "sources.yaml").write_bytes((FIXTURES / "user_library" / "sources.yaml").read_bytes())
    text = (FIXTURES / "user_library" / "local.yaml").read_text().replace(
        "summary: Information was lost when the case moved between two teams in our area.",
        "summary: Information was lost in 12 of the 20 handovers we looked at.")
    (folder / "local.yaml").write_text(text)
    return folder


def test_validate_warns_and_exits_zero(cli, tmp_path):
    folder = _library_with_an_undated_statistic(tmp_path)
    result = cli("validate", folder)
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines()
                if line.startswith("warning: ") and str(folder) in line]
    assert warnings == [f"warning: {folder / 'local.yaml'}:5: statistic '12 of the 20' names no "
                        "period or date and the point gives no page (name the period, e.g. 'in "
                        "the 2011-14 reviews', or give the page)"]
    assert result.stdout.startswith("OK: ") and "warning" in result.stdout


def test_validate_strict_makes_warnings_errors(cli, tmp_path):
    folder = _library_with_an_undated_statistic(tmp_path)
    result = cli("validate", "--strict", folder)
    assert result.exit_code == 1 and "warning:" not in result.stderr
    assert f"error: {folder / 'local.yaml'}:5: statistic '12 of the 20'" in result.stderr


def test_bundled_library_passes_strict(cli):
    result = cli("validate", "--strict")
    assert result.exit_code == 0 and result.stderr == ""


def test_show_prints_every_page_of_a_citation(cli):
    result = cli("show", "curiosity-open-stance")
    assert "Sidebotham et al. (2016), p141, p161" in result.output


def test_theme_education_resolves_as_users_type_it(cli):
    result = cli("list", "--theme", "education", "--audience", "education")
    assert result.exit_code == 0 and "edu-managed-moves" in result.output
    assert "edu-invisible-out-of-school" in result.output


# --- documents: --format, --source, branding from the library -----------------------------------


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF-"), ("docx", b"PK\x03\x04"),
                                        ("html", b"<!DOCTYPE html>")])
def test_sheet_format_from_the_extension_or_the_option(cli, tmp_path, fmt, magic):
    by_name = tmp_path / f"sheet.{fmt}"
    assert cli("sheet", "--theme", "neglect", "-o", by_name).exit_code == 0
    assert by_name.read_bytes().startswith(magic)
    by_option = tmp_path / "sheet-file"
    result = cli("sheet", "--theme", "neglect", "--format", fmt, "-o", by_option)
    assert result.exit_code == 0 and by_option.read_bytes().startswith(magic)


def test_format_and_extension_must_agree(cli, tmp_path):
    result = cli("sheet", "--format", "docx", "-o", tmp_path / "sheet.pdf")
    assert result.exit_code == 2
    assert "ends in .pdf but --format is docx" in result.output
    assert not (tmp_path / "sheet.pdf").exists()


def test_default_sheet_name_follows_the_format(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("sheet", "--theme", "neglect", "--format", "html")
    assert result.exit_code == 0 and (tmp_path / "out" / "learning-sheet.html").is_file()


def test_handout_in_word_and_on_the_web(cli, tmp_path):
    from support import docx_text, html_text
    for fmt, read in (("docx", docx_text), ("html", html_text)):
        out = tmp_path / f"handout.{fmt}"
        result = cli("handout", "--theme", "neglect", "-o", out)
        assert result.exit_code == 0, result.output
        text = read(out.read_bytes())
        assert "About this handout" in text and "Questions for discussion" in text


def test_sheet_source_makes_a_briefing_with_library_branding(cli, tmp_path):
    from support import BRIEFING, html_text
    out = tmp_path / "briefing.html"
    result = cli("sheet", "--library", BRIEFING, "--source", "review-child-b", "-o", out)
    assert result.exit_code == 0, result.output
    assert "(1 page, 2 of 2 points)" in result.output
    text = html_text(out.read_bytes())
    assert "What happened" in text and "Who to contact" in text
    assert "Anyshire Safeguarding Children Partnership" in text, "branding.yaml of the library"
    assert "Pathways to harm" not in text, "no national points unless asked for"


def test_sheet_unknown_source(cli, tmp_path):
    result = cli("sheet", "--source", "no-such-review", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2 and "unknown source 'no-such-review'" in result.output

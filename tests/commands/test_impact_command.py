"""`sessionbuilder evaluation --format xlsx` and `sessionbuilder impact` end to end: the three
kinds of file partnerships bring, 40 participants over 3 sessions each, read into one report."""

from __future__ import annotations

import io
import os

import pytest
from make_exports import PEOPLE, google_forms, ms_forms, own_workbooks, participants
from support import docx_text, html_text

SMALL = os.path.join(os.path.dirname(__file__), "..", "impact", "fixtures", "small.csv")


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    return {"ms": [ms_forms(folder / "ms-forms.xlsx")],
            "google": [google_forms(folder / "google.csv")],
            "own": own_workbooks(folder)}


@pytest.mark.parametrize("kind", ["ms", "google", "own"])
def test_each_kind_of_file_gives_40_responses_over_3_sessions(cli, exports, tmp_path, kind):
    out = tmp_path / "report.html"
    result = cli("impact", *exports[kind], "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Wrote {out} (web page: 40 responses, 0 rows left out)."
    text = html_text(out.read_bytes())
    assert "Sessions: 3, 4 March 2026 to 18 March 2026 Responses: 40" in text
    assert "Neglect and adolescents 4 March 2026 14 Neglect and adolescents 11 March 2026 13 " \
           "Neglect and adolescents 18 March 2026 13 All sessions 40" in text
    people = participants()
    before = [p["before"][0] for p in people]
    assert f"Before: {before.count(1)} rated 1" not in text  # the alt text is not shown as text
    counts = [f"{before.count(k)} ({int(100 * before.count(k) / PEOPLE + 0.5)}%)"
              for k in range(1, 6)]
    assert f"1 Not at all confident {counts[0]} " in text
    for p in people:
        assert p["name"] not in text and p["email"] not in text


def test_own_workbook_brings_follow_ups_and_action_plan(cli, exports, tmp_path):
    out = tmp_path / "report.docx"
    assert cli("impact", *exports["own"], "-o", out).exit_code == 0
    text = docx_text(out.read_bytes())
    assert "6 follow-up conversations with a manager came back, 15% of the 40 who answered" in text
    assert "“I raised a strategy discussion for a 14-year-old who kept going missing”" in text
    assert "Managers' comments “More confident in challenging other agencies”" in text
    assert ("Add neglect of adolescents to the team's supervision checklist Team manager "
            "30 April 2026 Audit of ten cases in June") in text
    assert "P00" not in text, "participant ids are not copied"


def test_show_mapping_prints_and_writes_nothing(cli, exports, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("impact", *exports["ms"], "--show-mapping")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("ms-forms.xlsx: sheet 'Form1': headings in row 1 as responses of "
                             "'neglect-and-adolescents'")
    assert '  E "Name" → personal data (never copied)' in lines
    assert any(line.startswith('  G "After the session, how confident are you to explain how neg')
               and line.endswith("→ outcome 1 after: Explain why the 2011-14 reviews found "
                                 "neglect most prominent among young people aged 11-15")
               for line in lines)
    assert list(tmp_path.iterdir()) == []


def test_nothing_written_but_the_report(cli, exports, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in exports["own"]}
    assert cli("impact", *exports["own"], "-o", "report.pdf").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    assert {p: p.stat().st_mtime_ns for p in exports["own"]} == before


def test_left_out_rows_are_warnings_on_stderr(cli, tmp_path):
    result = cli("impact", SMALL, "-o", tmp_path / "r.html")
    assert result.exit_code == 0
    assert (f"warning: {SMALL}: row 9: left out: column C (How confident were you BEFORE the "
            "sessi…): rating '4/5' is not a whole number from 1 to 5\n") in result.stderr


@pytest.mark.parametrize("args, message", [
    (["missing.csv"], "error: 'missing.csv' not found"),
    ([SMALL, "--recipe", "no-such"], "error: unknown recipe 'no-such'"),
    ([SMALL, "-o", "report.pptx"], "error: 'report.pptx' would hold"),
    ([], "error: no files to read"),
])
def test_errors_are_one_line_with_exit_2(cli, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("impact", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_evaluation_workbook_from_the_cli(cli, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "form.xlsx"
    result = cli("evaluation", "neglect-and-adolescents", "--date", "2026-03-04", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Excel workbook: 5 outcomes" in result.stdout
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert dict(book["About"].iter_rows(values_only=True))["Session date"] == "2026-03-04"
    again = tmp_path / "again.xlsx"
    cli("evaluation", "neglect-and-adolescents", "--date", "2026-03-04", "-o", again)
    assert again.read_bytes() == out.read_bytes()


def test_two_recipes_are_reported_apart_and_small_groups_suppressed(cli, exports, tmp_path):
    from openpyxl import load_workbook
    other = tmp_path / "da.xlsx"
    assert cli("evaluation", "domestic-abuse-and-coercive-control", "--date", "2026-05-06",
               "-o", other).exit_code == 0
    wb = load_workbook(other)
    for row, ratings in enumerate(([2, 4] * 5, [3, 3] * 5, [1, 4] * 5), 5):
        for col, value in enumerate([f"P{row}", *ratings], 1):
            wb["Responses"].cell(row, col, value)
    wb.save(other)
    out = tmp_path / "both.html"
    result = cli("impact", *exports["own"], other, "-o", out)
    assert result.exit_code == 0, result.output
    text = html_text(out.read_bytes())
    assert "Impact of training: evaluation report" in text
    assert "Sessions: 4, 4 March 2026 to 6 May 2026 Responses: 43" in text
    neglect = text.index("Session: Neglect and adolescents")
    da = text.index("Session: Domestic abuse")
    assert neglect < da
    assert text[da:].count("Fewer than 5 participants rated this outcome both before and after, "
                           "so the results are not shown.") == 5
    assert "Neglect and adolescents 18 March 2026 13 Domestic abuse" in text
    assert "6 May 2026 3 All sessions 43" in text
    import re
    assert not re.search(r"Median \d", text[da:]), "no numbers for fewer than 5"
    assert "1. Explain why living with domestic abuse is always harmful to children 3 fewer than " \
           "5: not shown" in text
    page = out.read_text()
    assert '<h2>Session: Neglect and adolescents</h2>' in page
    assert '<h3>Confidence in each learning outcome</h3>' in page
    assert '<h4>Outcome 1: ' in page


def test_a_file_named_twice_is_read_once(cli, exports, tmp_path):
    out = tmp_path / "r.html"
    result = cli("impact", *exports["google"], *exports["google"], "-o", out)
    assert result.stdout.strip().endswith("(web page: 40 responses, 0 rows left out).")


def test_a_follow_up_export_joins_the_session_the_responses_name(cli, exports, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["ID", "Start time", "Completion time", "Email", "Name",
                      "What has changed in your practice since the training?",
                      "Give an example of using what you learned",
                      "Manager's comments"])
    for n in range(1, 8):
        wb.active.append([n, "2026-05-01", "2026-05-01", f"x{n}@example.org", f"Person {n}",
                          f"Change number {n}", None, "Good progress" if n % 2 else None])
    follow = tmp_path / "follow-up.xlsx"
    wb.save(follow)
    out = tmp_path / "r.html"
    result = cli("impact", *exports["ms"], follow, "-o", out)
    assert result.exit_code == 0, result.output
    text = html_text(out.read_bytes())
    assert "7 follow-up conversations with a manager came back, 18% of the 40 who answered" in text
    assert "What has changed in practice “Change number 1” “Change number 2”" in text
    assert "Managers' comments “Good progress” (4 people)" in text
    assert "Person 1" not in text and "x1@" not in text

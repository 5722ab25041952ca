"""Bad files: each problem named with its file, sheet, row and column, or the row counted as left
out with its reason; the totals always add up to the rows read."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from sessionbuilder.commands import impact as cmd
from sessionbuilder.errors import InputError

BEFORE = "Before: See the vulnerable child behind a young person's behaviour"
AFTER = "After: See the vulnerable child behind a young person's behaviour"
HEAD = ["Timestamp", "Email", BEFORE, AFTER, "What will you do differently?"]


def write_csv(path, rows, encoding="utf-8"):
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode(encoding))
    return path


def write_xlsx(path, rows, merge=None):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    if merge:
        wb.active.merge_cells(merge)
    wb.save(path)
    return path


def read(path):
    return cmd.read([path], "neglect-and-adolescents", [])


def test_bad_ratings_blank_rows_and_duplicates_are_left_out_with_reasons(tmp_path):
    f = write_csv(tmp_path / "answers.csv", [
        HEAD,
        ["04/03/2026 10:00", "a@x.org", "2", "4", "Look behind the behaviour"],
        ["04/03/2026 10:01", "b@x.org", "0", "4", ""],
        ["04/03/2026 10:02", "c@x.org", "3", "6", ""],
        ["04/03/2026 10:03", "d@x.org", "4/5", "5", ""],
        ["04/03/2026 10:04", "e@x.org", "N/A", "5", "Ask more"],
        [",,,,"][0].split(","),
        ["04/03/2026 10:05", "A@X.org", "1", "2", ""],
        ["04/03/2026 10:06", "", "", "", ""],
        ["last week", "g@x.org", "1", "2", ""],
    ])
    answers = read(f)
    reasons = {x.row: x.reason for x in answers.left_out}
    assert reasons == {
        3: "column C (Before: See the vulnerable child behind…): rating '0' is not a whole "
           "number from 1 to 5",
        4: "column D (After: See the vulnerable child behind…): rating '6' is not a whole "
           "number from 1 to 5",
        5: "column C (Before: See the vulnerable child behind…): rating '4/5' is not a whole "
           "number from 1 to 5",
        7: "blank row",
        8: "duplicate respondent: the same email as row 2",
        9: "no answers in the row",
        10: "date 'last week' is not a date (day/month/year or year-month-day)",
    }
    assert len(answers.responses) == 2
    assert answers.responses[1].ratings[1] == (None, 5), "N/A is not rated, the row is kept"
    assert answers.rows_read == len(answers.responses) + len(answers.left_out) == 9


def test_csv_saved_by_excel_in_cp1252_is_read_with_a_warning(tmp_path):
    f = write_csv(tmp_path / "excel.csv", [HEAD, ["04/03/2026", "a@x.org", "2", "4",
                                                 "Café meeting with the school’s lead"]],
                  encoding="cp1252")
    answers = read(f)
    assert answers.responses[0].different == "Café meeting with the school’s lead"
    assert any("read as Windows-1252" in w and str(f) in w for w in answers.warnings)


def test_csv_with_a_byte_order_mark(tmp_path):
    f = write_csv(tmp_path / "bom.csv", [HEAD, ["2026-03-04", "a@x.org", "2", "4", ""]],
                  encoding="utf-8-sig")
    answers = read(f)
    assert answers.sheets[0].columns[0].header == "Timestamp", "the BOM is not part of a heading"
    assert answers.responses[0].session.date.isoformat() == "2026-03-04"
    assert not answers.warnings


def test_merged_heading_cells_are_refused_naming_sheet_row_and_columns(tmp_path):
    f = write_xlsx(tmp_path / "merged.xlsx", [HEAD, ["2026-03-04", "a@x.org", 2, 4, ""]],
                   merge="C1:D1")
    with pytest.raises(InputError) as e:
        read(f)
    assert str(e.value) == (f"{f}: sheet 'Sheet', row 1, columns C-D: merged heading cells "
                            "(unmerge them so each column has its own heading)")


def test_a_formula_in_a_rating_is_refused_naming_the_cell(tmp_path):
    f = write_xlsx(tmp_path / "formula.xlsx", [HEAD, ["2026-03-04", "a@x.org", 2, "=C2+1", ""]])
    with pytest.raises(InputError) as e:
        read(f)
    assert str(e.value) == (f"{f}: sheet 'Sheet', row 2, column D: a formula (=C2+1), not a "
                            "typed answer (copy the sheet and paste values only (Paste Special "
                            "> Values))")


def test_a_formula_in_a_column_not_read_is_ignored(tmp_path):
    f = write_xlsx(tmp_path / "f.xlsx", [[*HEAD, "Total"], ["2026-03-04", "a@x.org", 2, 4, "",
                                                            "=C2+D2"]])
    assert len(read(f).responses) == 1


def test_outcome_rated_before_without_after_is_a_missing_column(tmp_path):
    f = write_csv(tmp_path / "half.csv", [["Timestamp", BEFORE], ["2026-03-04", "3"]])
    with pytest.raises(InputError, match=r"half.csv: row 1, column B: outcome 2 is rated before "
                                         r"the session but no column rates it after"):
        read(f)


def test_no_column_matches_any_outcome(tmp_path):
    f = write_csv(tmp_path / "wrong.csv", [["Timestamp", "Venue", "Lunch"], ["2026-03-04", "ok", "ok"]])
    with pytest.raises(InputError, match="no column matches a learning outcome"):
        cmd.read([f], None, [])


@pytest.mark.parametrize("name, data, message", [
    ("old.xls", b"\xd0\xcf\x11\xe0", "an old Excel 97-2003 workbook"),
    ("notes.txt", b"hello", "not an .xlsx or .csv file"),
    ("broken.xlsx", b"PK\x03\x04 not really", "not a readable .xlsx workbook"),
    ("zip.csv", b"PK\x03\x04 a workbook", "an Excel workbook named .csv"),
])
def test_unreadable_files(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=message):
        read(tmp_path / name)


def test_a_workbook_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    from sessionbuilder.impact import reading
    f = write_xlsx(tmp_path / "big.xlsx", [HEAD, ["2026-03-04", "a@x.org", 2, 4, ""]])
    monkeypatch.setattr(reading, "MAX_UNPACKED", 1000)
    with pytest.raises(InputError, match=r"big.xlsx: unpacks to more than 0 MB"):
        read(f)

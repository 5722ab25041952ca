"""Cells from the files partnerships bring: .xlsx (our workbook, Microsoft Forms, Google Sheets)
and .csv (Forms exports, Excel's "CSV" and "CSV UTF-8"). The only module that reads with openpyxl.

A sheet's heading row is the first of its top rows that has several headings, so a title above
the table is skipped. Merged heading cells are refused (which column would the heading name?), a
formula is kept as a `Formula` so the caller can refuse it where it is read, and files are
bounded in size.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sessionbuilder.errors import InputError
from sessionbuilder.impact import workbook
from sessionbuilder.impact.matching import column_letter

MAX_BYTES = 20_000_000
MAX_UNPACKED = 200_000_000  # an .xlsx is a zip: what it unpacks to bounds memory, not its size
MAX_ROWS = 20_000
HEADING_SEARCH = 10  # rows from the top in which to look for the headings

Value = str | int | float | dt.datetime | dt.date | None


@dataclass(frozen=True)
class Formula:
    text: str


@dataclass(frozen=True)
class RawSheet:
    """One table of answers: where it came from, its headings and its rows as read."""

    file: Path
    sheet: str | None  # None for a CSV file
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Value | Formula, ...]], ...]  # (row number, cells)
    about: dict[str, str] = field(default_factory=dict)  # our workbook's hidden sheet
    warnings: tuple[str, ...] = ()

    def where(self, row: int | None = None, column: int | None = None) -> str:
        """"FILE: sheet 'S', row R, column C", as the CLI's error lines begin."""
        parts = []
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if row is not None:
            parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column {column_letter(column)}")
        return ": ".join([str(self.file), *([", ".join(parts)] if parts else [])])


def read(path: Path) -> list[RawSheet]:
    """Every table of answers in a file."""
    if not path.is_file():
        raise InputError(f"'{path}' not found" if not path.exists() else f"'{path}' is not a file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB",
                         hint="export only the responses, or split the file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_csv(path)]
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if suffix == ".xls":
        raise InputError(f"{path}: an old Excel 97-2003 workbook (.xls)",
                         hint="open it in Excel and save it as .xlsx")
    raise InputError(f"{path}: not an .xlsx or .csv file",
                     hint="export the responses from Forms as .xlsx or .csv")


# ---------------------------------------------------------------------------------------------
# CSV


def _decode(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text of a CSV, and a warning when it was not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), ()
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), (
            f"{path}: not UTF-8, so it was read as Windows-1252 (Excel's plain \"CSV\"); check "
            "accented letters and curly quotes in the report, or save as \"CSV UTF-8\"",)
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: byte {e.start + 1} is neither UTF-8 nor Windows-1252 text",
                         hint="save it from Excel as \"CSV UTF-8\"") from None


def _csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"{path}: an Excel workbook named .csv", hint="rename it to .xlsx")
    text, warnings = _decode(path, data)
    if "\x00" in text:
        raise InputError(f"{path}: holds binary data, not text", hint="export it again as .csv")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as e:
        raise InputError(f"{path}: not a readable CSV file ({e})",
                         hint="export it again from Forms or Excel") from None
    if len(rows) > MAX_ROWS:
        raise InputError(f"{path}: more than {MAX_ROWS} rows", hint="split the file")
    cells = [tuple(c.strip() or None for c in row) for row in rows]
    return _table(path, None, cells, {}, warnings)


# ---------------------------------------------------------------------------------------------
# Excel


def _xlsx(path: Path) -> list[RawSheet]:
    from openpyxl import load_workbook
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        unpacked = 0  # openpyxl says what is wrong, below
    if unpacked > MAX_UNPACKED:
        raise InputError(f"{path}: unpacks to more than {MAX_UNPACKED // 1_000_000} MB",
                         hint="export only the responses, or split the file")
    try:
        book = load_workbook(path, data_only=False, rich_text=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as e:
        raise InputError(f"{path}: not a readable .xlsx workbook ({type(e).__name__})",
                         hint="open it in Excel and save it again as .xlsx") from None
    about = {}
    if workbook.ABOUT in book.sheetnames:
        for key, value, *_ in book[workbook.ABOUT].iter_rows(values_only=True, max_col=2):
            if key and value is not None:
                about[str(key)] = _about_value(value)
    out = []
    for ws in book.worksheets:
        if ws.title == workbook.ABOUT or ws.sheet_state != "visible":
            continue
        if ws.max_row > MAX_ROWS:
            raise InputError(f"{path}: sheet '{ws.title}': more than {MAX_ROWS} rows",
                             hint="split the file")
        cells = [tuple(_cell(c) for c in row) for row in ws.iter_rows()]
        table = _table(path, ws.title, cells, about, ())
        if table.headers:
            _refuse_merged(table, ws)
            out.append(table)
    return out


def _about_value(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cell(cell) -> Value | Formula:
    value = cell.value
    if cell.data_type == "f":  # a formula (or an array formula, which keeps its text)
        return Formula(value if isinstance(value, str) else str(getattr(value, "text", "=")))
    if isinstance(value, str):
        return value.strip() or None
    return value


def _refuse_merged(table: RawSheet, ws) -> None:
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= table.header_row <= merged.max_row:
            first, last = column_letter(merged.min_col - 1), column_letter(merged.max_col - 1)
            raise InputError(f"{table.where(table.header_row)}, columns {first}-{last}: merged "
                             "heading cells",
                             hint="unmerge them so each column has its own heading")


# ---------------------------------------------------------------------------------------------
# Both


def _table(path: Path, sheet: str | None, cells: list[tuple], about: dict[str, str],
           warnings: tuple[str, ...]) -> RawSheet:
    """The heading row and the rows under it, up to the last row with anything in it."""
    filled = [sum(v is not None for v in row) for row in cells[:HEADING_SEARCH]]
    widest = max(filled, default=0)
    header_at = next((i for i, n in enumerate(filled) if n >= 2 and n * 2 > widest), None)
    if header_at is None:
        return RawSheet(path, sheet, 0, (), (), about, warnings)
    headers = tuple("" if v is None else str(v.text if isinstance(v, Formula) else v).strip()
                    for v in cells[header_at])
    while headers and not headers[-1]:
        headers = headers[:-1]
    about = dict(about)
    for row in cells[:header_at]:  # a "Session date" field above the table (our workbook)
        if len(row) > 1 and isinstance(row[0], str) and row[0].strip().lower() == "session date" \
                and row[1] is not None:
            about[workbook.DATE] = _about_value(row[1])
    body = cells[header_at + 1:]
    while body and all(v is None for v in body[-1]):
        body.pop()
    width = len(headers)
    rows = tuple((header_at + 2 + i, tuple(row[:width]) + (None,) * (width - len(row)))
                 for i, row in enumerate(body))
    return RawSheet(path, sheet, header_at + 1, headers, rows, about, warnings)

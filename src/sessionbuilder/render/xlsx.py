"""The Excel writer (openpyxl): an `EntryBook` as a workbook to type evaluation forms into.

This is the only module that writes with openpyxl. Ratings accept only whole numbers from 1 to
5 (Excel's own data validation, with a message saying why); headings are protected (sheet
protection without a password, the answer cells unlocked), so they cannot be typed over by
mistake; the sheet naming the recipe and outcomes is hidden. The same inputs give the same
bytes: fixed document dates and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import math
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from sessionbuilder.documents.entrybook import EntryBook, EntrySheet
from sessionbuilder.documents.model import plain
from sessionbuilder.render.zipdates import fixed_dates

HEADING_FILL = PatternFill("solid", fgColor="DCE3F0")
THIN = Side(style="thin", color="7F7F7F")
EDGE = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def render(book: EntryBook) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        _sheet(wb, sheet)
    about = wb.create_sheet("About")
    for key, value in book.about:
        about.append([key, plain(value)])
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 100
    about.sheet_state = "hidden"
    about.protection.sheet = True
    wb.active = 0
    when = _date(book.date)
    props = wb.properties
    props.title, props.creator, props.lastModifiedBy = plain(book.title), plain(book.author), None
    props.created = props.modified = when
    props.language = "en-GB"
    out = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the time of saving as "modified"
    ExcelWriter(wb, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_dates(out.getvalue())


def _date(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text.strip(), "%d %B %Y")
    except ValueError:
        return dt.datetime(2000, 1, 1)


def _sheet(wb: Workbook, s: EntrySheet) -> None:
    ws = wb.create_sheet(s.name)
    ws["A1"] = plain(s.title)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = plain(s.instructions)
    ws["A2"].alignment = Alignment(wrap_text=False)
    head = 3
    if s.date_label:
        ws["A3"], ws["A3"].font = s.date_label, Font(bold=True)
        cell = ws["B3"]
        cell.value = dt.date.fromisoformat(s.date) if s.date else None
        cell.number_format = "d mmmm yyyy"
        cell.protection = Protection(locked=False)
        cell.border = EDGE
        dates = DataValidation(type="date", operator="greaterThan", formula1="36526",
                               showErrorMessage=True, errorTitle="A date",
                               error="Type the date of the session, e.g. 4/3/2026.")
        ws.add_data_validation(dates)
        dates.add("B3")
        head = 4
    last = head + s.rows
    for col, c in enumerate(s.columns, 1):
        letter = get_column_letter(col)
        cell = ws.cell(head, col, plain(c.header))
        cell.font, cell.fill, cell.border = Font(bold=True), HEADING_FILL, EDGE
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = c.width
        for row in range(head + 1, last + 1):
            answer = ws.cell(row, col)
            answer.protection = Protection(locked=False)
            answer.border = EDGE
            answer.alignment = Alignment(wrap_text=c.kind == "text", vertical="top")
            if c.kind == "date":
                answer.number_format = "d mmmm yyyy"
        if c.kind == "rating":
            rule = DataValidation(type="whole", operator="between", formula1="1", formula2="5",
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle="A rating from 1 to 5",
                                  error="Type a whole number from 1 (not at all confident) to "
                                        "5 (very confident), or leave it empty.",
                                  showInputMessage=True, promptTitle="Rating 1-5",
                                  prompt="1 = not at all confident, 5 = very confident")
            ws.add_data_validation(rule)
            rule.add(f"{letter}{head + 1}:{letter}{last}")
    lines = max((math.ceil(len(c.header) / (c.width * 0.9)) for c in s.columns), default=1)
    ws.row_dimensions[head].height = 15 * lines + 4  # every heading shown whole
    ws.freeze_panes = ws.cell(head + 1, 2)
    p = ws.protection
    p.sheet = True
    p.formatColumns = p.formatRows = p.insertRows = p.sort = p.autoFilter = False
    p.selectLockedCells = p.selectUnlockedCells = False

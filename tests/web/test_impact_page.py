"""The board officer's "Report on training" page through the ASGI app: the downloaded report is
the CLI's report for the same file, the column check shows the mapping as a table, bad files
give the GOV.UK error summary, and names and email addresses never reach the page or report."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from make_exports import ms_forms, participants
from support import docx_text, html_text, pdf_text

from sessionbuilder.web import security

SMALL = Path(__file__).parent.parent / "impact" / "fixtures" / "small.csv"
TEXT = {"docx": docx_text, "html": html_text, "pdf": pdf_text}


def csrf(client) -> str:
    client.get("/impact")
    return client.cookies[security.CSRF_COOKIE]


def post(client, action: str, *files: tuple[str, bytes], fmt: str = "docx"):
    parts = [("responses", (name, data, "application/octet-stream")) for name, data in files]
    return client.post("/impact", data={"csrf": csrf(client), "action": action, "format": fmt},
                       files=parts or [("responses", ("", b"", "application/octet-stream"))])


def summary(html: str) -> list[tuple[str, str]]:
    box = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', box[0]) if box else []


def test_empty_page_offers_upload_formats_and_workbook(client):
    r = client.get("/impact")
    assert r.status_code == 200
    words = html_text(r.content)
    for label in ("Report on training", "Download the report", "Check the columns",
                  "Word (.docx)", "Web page (.html)", "PDF",
                  "Download the evaluation workbook (.xlsx)"):
        assert label in words, label
    assert '<option value="neglect-and-adolescents"' in r.text
    assert '<a href="/impact" aria-current="page">Report on training</a>' in r.text
    assert "error-summary" not in r.text


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_report_is_the_clis_report(client, cli, tmp_path, fmt):
    r = post(client, "report", ("small.csv", SMALL.read_bytes()), fmt=fmt)
    assert r.status_code == 200, r.text
    assert f'filename="impact-report.{fmt}"' in r.headers["content-disposition"]
    out = tmp_path / "small.csv"
    out.write_bytes(SMALL.read_bytes())
    assert cli("impact", out, "-o", tmp_path / f"cli.{fmt}").exit_code == 0
    web, by_cli = TEXT[fmt](r.content), TEXT[fmt]((tmp_path / f"cli.{fmt}").read_bytes())
    assert web == by_cli
    assert ("Median 2.5 before and 4 after. 4 of 6 (67%) rated themselves higher after the "
            "session, 2 the same and 0 lower; on average +1.3 points.") in web
    assert "9 rows were read from 1 file: 6 responses used, and 3 rows left out" in web
    assert "small.csv 10 duplicate respondent" in web
    assert "sessionbuilder-web" not in web, "the temporary folder is never named"


def test_check_the_columns_shows_the_mapping_as_a_table(client):
    r = post(client, "columns", ("small.csv", SMALL.read_bytes()))
    assert r.status_code == 200
    table = re.search(r"<table>.*?</table>", r.text, re.DOTALL)[0]
    assert "<caption>small.csv: headings in row 1, responses of &#39;neglect-and-adolescents&#39;" \
        in table
    rows = [html_text(row.encode()) for row in re.findall(r"<tr>.*?</tr>", table)]
    assert rows[0] == "Column Heading Read as"
    assert rows[2] == "B Email address personal data (never copied)"
    assert rows[3].startswith("C How confident were you BEFORE the session? [Explain how neg… "
                              "outcome 1 before: Explain ")
    assert rows[3].endswith("neglect most prominent among young people aged 11-15")
    assert rows[7] == "G What will you do differently? will do differently"


@pytest.mark.parametrize("action", ["report", "columns"])
def test_names_and_emails_never_shown(client, tmp_path, action):
    export = ms_forms(tmp_path / "export.xlsx").read_bytes()
    r = post(client, action, ("ms forms.xlsx", export), fmt="html")
    assert r.status_code == 200, r.text
    text = html_text(r.content)
    assert "Responses: 40" in text if action == "report" else "<table>" in r.text
    for p in participants():
        assert p["name"] not in text and p["email"] not in text


@pytest.mark.parametrize("name, data, message", [
    ("report.csv", b"MZ\x90\x00\x03\x00\x00\x00", "report.csv: not an Excel workbook (.xlsx) or "
                                                   "a CSV file"),
    ("notes.csv", b"Name,Colour\nAda,blue\n", "notes.csv"),
    ("", b"", "Choose one or more evaluation workbooks or Forms exports (.xlsx or .csv)"),
])
def test_bad_file_gives_the_error_summary(client, name, data, message):
    r = post(client, "report", *([(name, data)] if name else []))
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text
    assert "<title>Error: Report on training" in r.text
    found = summary(r.text)
    assert found and found[0][0] == "responses" and message in found[0][1]
    assert 'id="responses-error"' in r.text
    assert 'aria-describedby="responses-hint responses-error"' in r.text


def test_evaluation_workbook_download(client):
    r = client.post("/impact/workbook", data={"csrf": csrf(client),
                                              "recipe": "neglect-and-adolescents"})
    assert r.status_code == 200
    assert 'filename="neglect-and-adolescents-evaluation.xlsx"' in r.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    headings = " ".join(str(c.value) for row in book.worksheets[0].iter_rows(max_row=5)
                        for c in row if c.value)
    assert "neglect most prominent among young people aged 11-15" in headings


def test_unknown_recipe_gives_the_error_summary(client):
    r = client.post("/impact/workbook", data={"csrf": csrf(client), "recipe": "../etc/passwd"})
    assert r.status_code == 400
    assert summary(r.text) == [("recipe", "Choose the session the evaluation forms are for")]

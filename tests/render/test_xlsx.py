"""The data-entry workbook: what a business-support officer sees and what Excel enforces."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from sessionbuilder.documents.entrybook import entry_book
from sessionbuilder.render import xlsx

OUTCOMES = ("Explain how neglect builds up", "See the vulnerable child behind the behaviour")


@pytest.fixture(scope="module")
def data():
    return xlsx.render(entry_book("neglect-and-adolescents", "Neglect and adolescents", OUTCOMES,
                                  "Anyshire Safeguarding Partnership", "1 January 2026",
                                  "2026-03-04"))


@pytest.fixture(scope="module")
def book(data):
    return load_workbook(io.BytesIO(data))


def test_sheets_and_the_hidden_one_naming_recipe_outcomes_and_date(book):
    assert book.sheetnames == ["Responses", "Follow-up", "Team action plan", "About"]
    assert [ws.sheet_state for ws in book.worksheets] == ["visible"] * 3 + ["hidden"]
    about = dict(book["About"].iter_rows(values_only=True))
    assert about == {"Recipe": "neglect-and-adolescents", "Session title": "Neglect and adolescents",
                     "Session date": "2026-03-04", "Outcome 1": OUTCOMES[0],
                     "Outcome 2": OUTCOMES[1]}


def test_one_row_per_participant_with_before_and_after_per_outcome(book):
    ws = book["Responses"]
    assert ws["A1"].value == "Evaluation: Neglect and adolescents"
    assert ws["A3"].value == "Session date" and ws["B3"].value.date().isoformat() == "2026-03-04"
    assert [c.value for c in ws[4]] == [
        "Participant (name or number)", f"Before: {OUTCOMES[0]}", f"After: {OUTCOMES[0]}",
        f"Before: {OUTCOMES[1]}", f"After: {OUTCOMES[1]}",
        "What was most useful about the session?",
        "What will you do differently as a result? Give one example.",
        "Is there anything we could improve?"]
    assert ws.freeze_panes == "B5"


def test_ratings_accept_only_whole_numbers_from_1_to_5(book):
    rules = [v for v in book["Responses"].data_validations.dataValidation if v.type == "whole"]
    assert [str(v.sqref) for v in rules] == ["B5:B64", "C5:C64", "D5:D64", "E5:E64"]
    for v in rules:
        assert (v.operator, v.formula1, v.formula2, v.showErrorMessage) == ("between", "1", "5", True)


def test_headings_protected_answer_cells_open(book):
    ws = book["Responses"]
    assert ws.protection.sheet
    assert ws["B4"].protection.locked and ws["A1"].protection.locked
    assert not ws["B5"].protection.locked and not ws["H64"].protection.locked
    assert not ws["B3"].protection.locked, "the session date can be typed"


def test_follow_up_and_action_plan_sheets(book):
    assert [c.value for c in book["Follow-up"][3]][1:4] == [
        "What has changed in your practice since the session?",
        "Describe an example of when you used the learning, and what difference it made for a "
        "child or family.",
        "Manager's comment: what have you noticed, and what support is needed to keep the "
        "change going?"]
    assert [c.value for c in book["Team action plan"][3]] == [
        "What we will do", "Who", "By when", "How we will know"]


def test_properties_and_deterministic_bytes(data, book):
    assert book.properties.creator == "Anyshire Safeguarding Partnership"
    assert book.properties.created.isoformat().startswith("2026-01-01")
    assert book.properties.modified.isoformat().startswith("2026-01-01")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    again = xlsx.render(entry_book("neglect-and-adolescents", "Neglect and adolescents", OUTCOMES,
                                   "Anyshire Safeguarding Partnership", "1 January 2026",
                                   "2026-03-04"))
    assert again == data

"""The board officer's "Report on training" page: upload filled-in evaluation workbooks or
Forms exports, check how their columns were read, and download the impact report; and the
evaluation workbook for a recipe. Each route saves the uploads in its own temporary folder
under names we choose (kind by content), calls one function of commands/impact_page.py in the
build pool, and shows its result, warnings or errors."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from sessionbuilder.commands import impact_page
from sessionbuilder.web import forms, jobs, uploads
from sessionbuilder.web.pages import FormErrors, page

router = APIRouter()
NAV = ("/impact", "Report on training")
CARD = ("/impact", "Report on training",
        ("For board officers: from filled-in evaluation workbooks or Forms exports to a report "
         "on what the training changed, in Word, as a web page or PDF."))
FILES = "responses"
RECIPE = "recipe"
FORMATS = {"docx": "Word (.docx)", "html": "Web page (.html)", "pdf": "PDF"}
PROGRAMS_AND_DOCUMENTS = (b"MZ", b"%PDF", b"\x7fELF", b"\xd0\xcf\x11\xe0")
UTF16 = (b"\xff\xfe", b"\xfe\xff")


async def _recipes(request: Request) -> list[tuple[str, str]]:
    outcome = await jobs.run(request, impact_page.recipes, request.app.state.settings.libraries)
    return outcome.value or []


async def _page(request: Request, errors: FormErrors | None = None, fmt: str = "docx",
                recipe: str = "", columns: impact_page.Columns | None = None,
                warnings: tuple[str, ...] = ()) -> Response:
    errors = errors or FormErrors()
    return page(request, "impact.html.j2",
                {"formats": FORMATS, "fmt": fmt, "recipes": await _recipes(request),
                 "recipe": recipe, "columns": columns, "warnings": warnings},
                errors=errors, status=400 if errors else 200)


async def _save(files: list[UploadFile], folder: Path) -> list[Path]:
    """Each upload under a cleaned name of its own (the report names files), with the suffix its
    content shows: a zip package is read as .xlsx, text as .csv."""
    saved: list[Path] = []
    for upload in files:
        data = await upload.read()
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(upload.filename or "").stem).strip("-")[:60]
        suffix = _kind(data)
        if suffix is None:
            raise uploads.BadUpload(FILES, f"{upload.filename or 'a file'}: not an Excel workbook "
                                    "(.xlsx) or a CSV file; export the responses from Forms "
                                    "as .xlsx or .csv")
        target = folder / f"{stem or 'responses'}{suffix}"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{stem or 'responses'}-{n}{suffix}"
        target.write_bytes(data)
        saved.append(target)
    return saved


def _kind(data: bytes) -> str | None:
    """.xlsx for a zip package (the reader checks its parts), .csv for text, else None."""
    if data.startswith(uploads.ZIP):
        return ".xlsx"
    if data.startswith(UTF16) or (data and not data.startswith(PROGRAMS_AND_DOCUMENTS)
                                  and b"\x00" not in data[:4096]):
        return ".csv"
    return None


def _chosen(form: FormData) -> list[UploadFile]:
    return [f for f in form.getlist(FILES) if isinstance(f, UploadFile) and (f.filename or f.size)]


@router.get("/impact", include_in_schema=False)
async def impact_page_get(request: Request) -> Response:
    return await _page(request)


@router.post("/impact", include_in_schema=False)
async def impact_submit(request: Request) -> Response:
    errors = FormErrors()
    with uploads.workspace() as folder:
        async with forms.posted(request) as form:
            action = forms.text(form, "action")
            fmt = forms.text(form, "format")
            fmt = fmt if fmt in FORMATS else "docx"
            try:
                files = await _save(_chosen(form), folder)
            except uploads.BadUpload as e:
                errors.add(e.field, str(e))
                files = []
        if not files and not errors:
            errors.add(FILES, "Choose one or more evaluation workbooks or Forms exports "
                              "(.xlsx or .csv)")
        if errors:
            return await _page(request, errors, fmt)
        libraries = request.app.state.settings.libraries
        (folder / "out").mkdir()
        if action == "columns":
            outcome = await jobs.run(request, impact_page.columns, files, libraries,
                                     workspace=folder)
        else:
            outcome = await jobs.run(request, impact_page.report, files, fmt, folder / "out",
                                     libraries, workspace=folder)
    for line in outcome.problems:
        errors.add(FILES, line.removeprefix("error: "))
    if errors:
        return await _page(request, errors, fmt)
    if action == "columns":
        return await _page(request, fmt=fmt, columns=outcome.value, warnings=outcome.warnings)
    return uploads.attachment(outcome.value.data, outcome.value.filename)


@router.post("/impact/workbook", include_in_schema=False)
async def impact_workbook(request: Request) -> Response:
    async with forms.posted(request) as form:
        recipe = forms.text(form, RECIPE)
    errors = FormErrors()
    if recipe not in dict(await _recipes(request)):
        errors.add(RECIPE, "Choose the session the evaluation forms are for")
        return await _page(request, errors, recipe=recipe)
    with uploads.workspace() as folder:
        outcome = await jobs.run(request, impact_page.workbook, recipe, folder,
                                 request.app.state.settings.libraries, workspace=folder)
    for line in outcome.problems:
        errors.add(RECIPE, line.removeprefix("error: "))
    if errors:
        return await _page(request, errors, recipe=recipe)
    return uploads.attachment(outcome.value.data, outcome.value.filename)

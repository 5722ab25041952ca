"""The board officer's page, "Briefing on our review": parse the form, call one function of
commands/review.py in the build pool, then show the form again (with its problems or warnings)
or send the file asked for."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from sessionbuilder.commands import review
from sessionbuilder.web import forms, jobs, uploads
from sessionbuilder.web.pages import FormErrors, page

router = APIRouter()
NAV = ("/review", "Briefing on our review")
CARD = ("/review", "Briefing on our review",
        ("For board officers: a one-page briefing on your own local review, in Word, as a web "
         "page or PDF, and a library folder to keep it in."))


def _form_page(request: Request, answer: review.Answer, errors: FormErrors,
               loaded: bool = False, status: int = 200) -> Response:
    return page(request, "review.html.j2",
                {"form": answer.form, "themes": answer.themes, "warnings": answer.warnings,
                 "loaded": loaded and not errors}, errors=errors, status=status)


def _show(request: Request, outcome: jobs.Outcome, loaded: bool = False) -> Response:
    errors = FormErrors()
    for line in outcome.problems:  # the functions answer with FieldErrors; this is a safety net
        errors.add("", line.removeprefix("error: "))
    if errors:
        return _form_page(request, review.Answer(review.ReviewForm(), themes=[]), errors,
                          status=outcome.status)
    answer: review.Answer = outcome.value
    if answer.download:
        return uploads.attachment(answer.download.data, answer.download.filename)
    for e in answer.errors:
        errors.add(e.field, e.message)
    return _form_page(request, answer, errors, loaded, 400 if errors else 200)


@router.get("/review", include_in_schema=False)
async def review_page(request: Request) -> Response:
    return _show(request, await jobs.run(request, review.blank))


@router.post("/review", include_in_schema=False)
async def review_submit(request: Request) -> Response:
    async with forms.posted(request) as form:
        fields = {key: forms.text(form, key) for key in form}
    action = fields.pop("action", "") or "update"
    return _show(request, await jobs.run(request, review.submit, fields, action))


@router.post("/review/upload", include_in_schema=False)
async def review_upload(request: Request) -> Response:
    async with forms.posted(request) as form:
        upload = forms.upload(form, review.UPLOAD_FIELD)
        data = await upload.read() if upload else b""
    if not data:
        errors = FormErrors()
        errors.add(review.UPLOAD_FIELD, "Choose a library folder (.zip) to upload")
        outcome = await jobs.run(request, review.blank)
        return _form_page(request, outcome.value, errors, status=400)
    return _show(request, await jobs.run(request, review.upload, data), loaded=True)

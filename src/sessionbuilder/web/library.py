"""The library pages, live: the very pages `sessionbuilder site` writes (render/pages.py), in
the app's layout, with the index's filter form answered by a plain GET. Their addresses mirror
the static site's (/library/points/ID.html), so the same relative links work in both."""

from __future__ import annotations

from fastapi import APIRouter
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sessionbuilder.commands import site
from sessionbuilder.render.pages import stylesheet
from sessionbuilder.web import jobs
from sessionbuilder.web.pages import FormErrors, page

router = APIRouter()
NAV = ("/library/", "Library")
CARD = ("/library/", "Browse the library",
        ("Every learning point with what to do, questions and its source; filter by audience, "
         "theme, source and words. Key figures as tables."))
CSS = stylesheet(static=False)


@router.get("/library", include_in_schema=False)
def library_root() -> Response:
    return RedirectResponse("/library/", status_code=308)


@router.get("/library/style.css", include_in_schema=False)
def library_stylesheet() -> Response:
    return Response(CSS, media_type="text/css")


@router.get("/library/", include_in_schema=False)
@router.get("/library/{path:path}", include_in_schema=False)
async def library_page(request: Request, path: str = "") -> Response:
    query = request.query_params
    outcome = await jobs.run(request, site.live_page, request.app.state.settings.libraries,
                             path or "index.html", query.getlist("audience"),
                             query.getlist("theme"), query.getlist("source"),
                             query.get("words", "")[:500])
    errors = FormErrors()
    for line in outcome.problems:
        errors.add("", line.removeprefix("error: "))
    if errors:
        return page(request, "library.html.j2", {"title": "Learning points from case reviews",
                                                 "content": "", "depth": 0},
                    errors=errors, status=outcome.status)
    if outcome.value is None:
        raise HTTPException(404)
    return page(request, "library.html.j2",
                {"title": outcome.value.title, "content": Markup(outcome.value.html),
                 "depth": (path or "index.html").count("/")})

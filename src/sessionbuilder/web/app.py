"""The app factory: `create_app(Settings(...))` gives the ASGI app that `sessionbuilder serve`
runs and the tests drive with TestClient.

FastAPI (on Starlette) because the JSON API's bodies are pydantic models (already our
validation library), which gives request validation and the OpenAPI description for free; the
pages are plain Starlette underneath (Jinja2, forms, middleware). Its Swagger page is off: it
loads scripts from a CDN, which our Content-Security-Policy forbids, so /api/docs is our own page.

How to add pages (the contract every page module follows)
---------------------------------------------------------
1. A module in `web/` exposes `router = APIRouter()` with its routes, and is listed in
   PAGE_MODULES below. Page routes say `include_in_schema=False`; only /api/ routes are
   documented in OpenAPI. Optional module attributes: `NAV = (path, label)` puts the page in
   the header's navigation; `CARD = (path, label, blurb)` puts it on the home page.
2. A page is a template in `web/templates/` that `{% extends "base.html.j2" %}` and fills
   `{% block title %}` and `{% block main %}` (macros are imported as `m`). Render it with
   `pages.page(request, "name.html.j2", {...}, errors=errors, status=...)`: that adds the CSRF
   token (`{{ m.csrf_input(csrf_field, csrf) }}` in every POST form) and the navigation.
3. Forms are POSTed and read with `async with forms.posted(request) as form:` (limits, CSRF,
   same origin; uploaded files are closed at the end). `forms.text(form, "name")`,
   `forms.texts(...)`, `forms.upload(...)` read fields.
4. Errors: collect `pages.FormErrors()`; `errors.add("field-id", "Enter a title")`, then render
   the same page with `errors=errors, status=400`. The layout puts the GOV.UK error summary
   at the top of <main> (focused, linking to each field, "Error: " in the title) and
   `{{ m.field_error(errors, "field-id") }}` shows a message beside its field; give the input
   `{{ m.described(errors, "field-id") }}` and keep the typed value.
5. CPU-bound work (anything that loads the library, plans or renders) goes through the pool:
   `outcome = await jobs.run(request, commands_module.function, *args, workspace=folder)`.
   The function must be importable at module level and take and return picklable values.
   `outcome.problems` holds the CLI's error lines (show them in the error summary),
   `outcome.warnings` the warnings. Busy (503) and timeout (504) are handled for you.
   Read-only answers of a few milliseconds from the server's own libraries (the choices
   offered, a running-order preview) use `await jobs.quick(function, *args)` instead, in a
   thread, so they never queue behind decks and packs; nothing a user uploads goes there.
6. Uploads: `with uploads.workspace() as folder:` a temporary folder for this request, removed
   when the block ends; `await uploads.save_template(...)`, `save_logo(...)` save by our own
   names after checking the kind by content. Answer a file with `uploads.attachment(data,
   name)` (RFC 6266 names). Never use a client's file name as a path.
7. Escape nothing by hand: templates autoescape. Failures you do not handle become a 500 page
   with no stack trace (failures.py).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from sessionbuilder import __version__
from sessionbuilder.web import failures, limits, pool, requestlog, security
from sessionbuilder.web.pages import STATIC
from sessionbuilder.web.settings import Settings

PAGE_MODULES = [
    "sessionbuilder.web.home",
    "sessionbuilder.web.signin",
    "sessionbuilder.web.build_page",
    "sessionbuilder.web.api",
    "sessionbuilder.web.review",
    "sessionbuilder.web.impact",
    "sessionbuilder.web.library",
]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    builds = pool.BuildPool(settings.workers, settings.waiting, settings.timeout)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        builds.start()
        try:
            yield
        finally:
            builds.stop()

    app = FastAPI(title="sessionbuilder", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="Build safeguarding training sessions from a cited library of "
                              "case-review learning points. Each endpoint takes the CLI's "
                              "options as JSON.")
    app.state.settings = settings
    app.state.pool = builds
    app.state.nav, app.state.cards = [], []
    for name in PAGE_MODULES:
        module = importlib.import_module(name)
        app.include_router(module.router)
        if getattr(module, "NAV", None):
            app.state.nav.append(module.NAV)
        if getattr(module, "CARD", None):
            app.state.cards.append(module.CARD)
    for kind, handler in failures.HANDLERS.items():
        app.add_exception_handler(kind, handler)
    from fastapi.exceptions import RequestValidationError

    from sessionbuilder.web import api
    app.add_exception_handler(RequestValidationError, api.invalid)

    document_css = _document_css()

    @app.get("/static/document.css", include_in_schema=False)
    def document_stylesheet() -> Response:
        return Response(document_css, media_type="text/css")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Added innermost first: the request log and the headers wrap everything, auth included.
    app.add_middleware(failures.CatchAll)
    app.add_middleware(limits.BodyLimit, limit=settings.max_upload)
    if settings.token is not None:
        app.add_middleware(security.TokenAuth, token=settings.token)
    app.add_middleware(security.SecurityHeaders)
    app.add_middleware(requestlog.RequestLog)
    return app


def _document_css() -> str:
    from sessionbuilder.render import html
    return html.stylesheet()

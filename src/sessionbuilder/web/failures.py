"""How every failure is answered: a page in the site's layout for a browser, a JSON problem for
the API (`{"title", "status", "problems": [lines as the CLI prints them]}`), and never a stack
trace. The log gets one line naming the kind of failure, never its text (which may hold what a
user typed)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from sessionbuilder.web import forms, limits, pool, uploads

log = logging.getLogger("sessionbuilder.web")

TITLES = {400: "Something in the request cannot be used", 403: "This request was refused",
          404: "Page not found", 405: "This page does not take that kind of request",
          413: "What you sent is too large", 422: "The library has problems",
          500: "Sorry, something went wrong on our side",
          503: "The server is busy", 504: "The build took too long"}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def problem(request: Request, status: int, lines: Sequence[str], message: str = "",
            headers: dict[str, str] | None = None, back: str | None = None) -> Response:
    """The answer to a failure, for a browser or for the API."""
    title = TITLES.get(status, "This request cannot be answered")
    if wants_json(request):
        return JSONResponse({"title": title, "status": status, "problems": list(lines)},
                            status_code=status, headers=headers,
                            media_type="application/problem+json")
    from sessionbuilder.web.pages import page
    response = page(request, "problem.html.j2",
                    {"heading": title, "message": message, "lines": list(lines), "back": back},
                    status=status)
    response.headers.update(headers or {})
    return response


async def _http(request: Request, e: Exception) -> Response:
    assert isinstance(e, HTTPException)
    message = {404: "There is no page at this address. Check it, or start from the home page."}
    detail = e.detail if isinstance(e.detail, str) and e.status_code != 404 else ""
    return problem(request, e.status_code, [f"error: {detail}"] if detail and wants_json(request)
                   else [], message.get(e.status_code, detail), dict(e.headers or {}) or None)


async def _busy(request: Request, _e: Exception) -> Response:
    seconds = pool.PoolBusy.retry_after
    return problem(request, 503, [f"error: every worker is busy; try again in {seconds} seconds"],
                   f"Every worker is busy building other people's sessions. Please try again in "
                   f"{seconds} seconds.", {"retry-after": str(seconds)}, back="/")


async def _timeout(request: Request, e: Exception) -> Response:
    return problem(request, 504, [f"error: {e}"],
                   f"Your request was stopped because {e}. Try a shorter session, or a smaller "
                   "template. The server is still running.", back="/")


async def _too_large(request: Request, e: Exception) -> Response:
    return problem(request, 413, [f"error: {e}"],
                   f"The files you sent are too large: {e}. A template or logo is usually well "
                   "under 10 MB; try a smaller file.", back=request.url.path)


async def _bad_form(request: Request, e: Exception) -> Response:
    assert isinstance(e, forms.BadForm)
    return problem(request, e.status, [f"error: {e}"], f"Sorry: {e}.", back=request.url.path)


async def _bad_upload(request: Request, e: Exception) -> Response:
    return problem(request, 400, [f"error: {e}"], f"Sorry: {e}.", back=request.url.path)


HANDLERS = {HTTPException: _http, pool.PoolBusy: _busy, pool.BuildTimedOut: _timeout,
            limits.BodyTooLarge: _too_large, forms.BadForm: _bad_form,
            uploads.BadUpload: _bad_upload}


class CatchAll:
    """Anything unexpected becomes a plain 500 answer; the log names its kind only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def noting(message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)
        try:
            await self.app(scope, receive, noting)
        except Exception as e:
            log.error("unexpected %s while answering %s %s", type(e).__name__, scope["method"],
                      scope["path"])
            if started:
                raise
            response = problem(Request(scope), 500, ["error: unexpected internal error (a bug: "
                                                     "please report it)"],
                               "The error has been logged. Please try again; if it happens "
                               "again, tell whoever runs this server.", back="/")
            await response(scope, receive, send)

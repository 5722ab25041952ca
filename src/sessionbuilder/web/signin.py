"""Signing in with the shared access code (`serve --token-file`), and out again. Only mounted
pages are protected when a token is set; with none, these pages say there is nothing to do."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sessionbuilder.web import forms, security
from sessionbuilder.web.pages import FormErrors, page

router = APIRouter()


def _auth(request: Request) -> security.TokenAuth | None:
    settings = request.app.state.settings
    return security.TokenAuth(request.app, settings.token) if settings.token else None


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:  # noqa: A002 - the query's name
    return page(request, "login.html.j2", {"next": security.safe_next(next)})


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    auth = _auth(request)
    async with forms.posted(request) as form:
        given, target = forms.text(form, "token"), security.safe_next(forms.text(form, "next"))
    if auth is None:
        return RedirectResponse(target, status_code=303)
    if not given or not security.token_matches(given, auth.token):
        errors = FormErrors()
        errors.add("token", "Enter the access code your IT team gave you" if not given
                   else "That access code is not right: check it and try again")
        return page(request, "login.html.j2", {"next": target}, errors=errors, status=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(security.AUTH_COOKIE, auth.cookie_value(), max_age=security.SESSION_SECONDS,
                        httponly=True, samesite="strict", secure=security.is_https(request), path="/")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    async with forms.posted(request):
        pass
    response = RedirectResponse("/login" if _auth(request) else "/", status_code=303)
    response.delete_cookie(security.AUTH_COOKIE, path="/")
    return response

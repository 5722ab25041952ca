"""Who may use the server, and what every response says to the browser.

- Headers on every response: a Content-Security-Policy that allows no inline script and nothing
  from another site, nosniff, frame-ancestors 'none', a Referrer-Policy, and no caching (nothing
  a user sends or gets is kept, by us or by a proxy).
- With a token (`--token-file`), every path but the sign-in page and the static files needs the
  signed session cookie the sign-in sets (HttpOnly, SameSite=Strict, Secure behind HTTPS) or an
  `Authorization: Bearer TOKEN` header (for the JSON API).
- Forms carry a CSRF token that must match a cookie the page set (double submit), and a POST
  from another origin is refused; the JSON API needs a JSON content type, which a cross-site form
  cannot send.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cache-control": "no-store",
}
AUTH_COOKIE = "sessionbuilder_auth"
CSRF_COOKIE = "sessionbuilder_csrf"
CSRF_FIELD = "csrf"
SESSION_SECONDS = 12 * 3600
OPEN_PATHS = ("/login", "/static/")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)
        await self.app(scope, receive, with_headers)


def is_https(request: Request) -> bool:
    """Behind a reverse proxy, uvicorn's --proxy-headers makes the scheme the client's."""
    return request.url.scheme == "https"


class TokenAuth:
    """Lets a request through when it carries the signed cookie or the bearer token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token
        self.signer = URLSafeTimedSerializer(token, salt="sessionbuilder-auth")

    def cookie_value(self) -> str:
        return self.signer.dumps("signed-in")

    def allows(self, request: Request) -> bool:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return hmac.compare_digest(auth[7:].strip().encode(), self.token.encode())
        cookie = request.cookies.get(AUTH_COOKIE)
        if not cookie:
            return False
        try:
            self.signer.loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:
            return False
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(OPEN_PATHS):
            return await self.app(scope, receive, send)
        request = Request(scope)
        if self.allows(request):
            return await self.app(scope, receive, send)
        if scope["path"].startswith("/api/") or scope["path"] == "/openapi.json":
            response = JSONResponse(
                {"title": "Sign-in needed", "status": 401,
                 "problems": ["error: this server needs its access token (send the header "
                              "'Authorization: Bearer TOKEN')"]},
                status_code=401, media_type="application/problem+json",
                headers={"www-authenticate": "Bearer"})
        else:
            target = scope["path"] if request.method == "GET" else "/"
            response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        await response(scope, receive, send)


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.strip().encode(), token.encode())


def safe_next(target: str | None) -> str:
    """Only a path on this server: never another site after signing in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def csrf_token(request: Request) -> str:
    """The page's CSRF token: the cookie's, or a new one the page response will set."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def set_cookies(request: Request, response) -> None:
    """Sets the CSRF cookie a page's form needs, when the browser has none yet."""
    new = getattr(request.state, "new_csrf", None)
    if new:
        response.set_cookie(CSRF_COOKIE, new, httponly=True, samesite="strict",
                            secure=is_https(request), path="/")


def same_origin(request: Request) -> bool:
    """A browser says where a POST came from; one from another site is refused."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def csrf_ok(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted) and hmac.compare_digest(cookie.encode(), submitted.encode()) \
        and same_origin(request)

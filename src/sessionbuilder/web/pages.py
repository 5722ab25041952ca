"""Pages in the shared layout: `page(request, "name.html.j2", {...})` renders a template that
extends base.html.j2, with the CSRF token for its forms and the cookie that goes with it.

Templates are Jinja2 with autoescape on for everything: library and form text is data, never
markup, so `<script>` typed anywhere shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from sessionbuilder.web import security

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@dataclass
class FormErrors:
    """Problems with a form, each against the id of the field it belongs to, in page order. The
    base layout's `error_summary` lists them at the top (focused, each a link to its field) and
    `field_error(errors, id)` shows one beside its field. A problem with no field is '' and is
    shown in the summary only."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, field_id: str, message: str) -> None:
        self.items.append((field_id, message))

    def get(self, field_id: str) -> list[str]:
        return [m for f, m in self.items if f == field_id]

    def __bool__(self) -> bool:
        return bool(self.items)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


ENV = _environment()


def page(request: Request, template: str, context: dict[str, Any] | None = None,
         status: int = 200, errors: FormErrors | None = None) -> HTMLResponse:
    """A whole page. `context` is the template's own data; the layout adds the title prefix
    for errors, the CSRF token, the navigation and the server's settings."""
    errors = errors or FormErrors()
    html = ENV.get_template(template).render(
        request=request, path=request.url.path, csrf=security.csrf_token(request),
        csrf_field=security.CSRF_FIELD, errors=errors, auth=request.app.state.settings.auth,
        **(context or {}))
    response = HTMLResponse(html, status_code=status)
    security.set_cookies(request, response)
    return response

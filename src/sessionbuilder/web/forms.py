"""Reading a posted form: bounded (files, fields, bytes per field), and refused unless it carries
the page's CSRF token and came from this site. Use it as

    async with posted(request) as form:
        ...

so uploaded files are closed (and their spooled copies removed) however the request ends."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from sessionbuilder.web import security

MAX_FILES = 4
MAX_FIELDS = 400
FIELD_BYTES = 2 * 2**20  # past this a field is refused outright; each field has its own, smaller limit


class BadForm(Exception):
    """The form could not be read at all (status 400) or was refused (403)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@contextlib.asynccontextmanager
async def posted(request: Request, check_csrf: bool = True) -> AsyncIterator[FormData]:
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS,
                                  max_part_size=FIELD_BYTES)
    except MultiPartException as e:
        raise BadForm(f"the form could not be read: {e}") from None
    try:
        if check_csrf and not security.csrf_ok(request, _text(form.get(security.CSRF_FIELD))):
            raise BadForm("this form has expired or came from another site: open the page again "
                          "and resend it", status=403)
        yield form
    finally:
        await form.close()


def _text(value: str | UploadFile | None) -> str | None:
    return value if isinstance(value, str) else None


def text(form: FormData, name: str) -> str:
    """A text field, '' when missing (or when a file was sent in its place)."""
    return _text(form.get(name)) or ""


def texts(form: FormData, name: str) -> list[str]:
    return [v for v in form.getlist(name) if isinstance(v, str) and v]


def upload(form: FormData, name: str) -> UploadFile | None:
    """A file field, or None when the user chose no file (browsers send an empty part)."""
    value = form.get(name)
    if isinstance(value, UploadFile) and (value.filename or value.size):
        return value
    return None

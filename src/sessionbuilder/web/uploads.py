"""Files in and out. Each request works in its own temporary folder, removed when the response
ends, even on error. A client's file name is never used as a path: uploads are saved under names
we choose, after their kind is checked by their first bytes, not by their name. Download names
are cleaned and sent both as plain ASCII and as RFC 6266 `filename*`."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.responses import Response

CHUNK = 2**20
ZIP = b"PK\x03\x04"
IMAGE_KINDS = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg", b"GIF87a": ".gif",
               b"GIF89a": ".gif", b"BM": ".bmp"}
LOOKS_LIKE = {b"MZ": "a Windows program", b"%PDF": "a PDF", b"\x7fELF": "a program",
              b"\xd0\xcf\x11\xe0": "an old-style Office file (.ppt or .doc)"}
MEDIA_TYPES = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".zip": "application/zip",
    ".json": "application/json",
}


class BadUpload(Exception):
    """An uploaded file of the wrong kind; `field` is the form field it came in."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@contextlib.contextmanager
def workspace() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="sessionbuilder-web-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _what_it_is(head: bytes) -> str:
    for magic, what in LOOKS_LIKE.items():
        if head.startswith(magic):
            return f"it looks like {what}"
    return "its content is not one"


async def save_template(upload: UploadFile, folder: Path, field: str = "template") -> Path:
    """A PowerPoint template (.pptx or .potx), checked to be a zip package; its parts are
    checked again, under the zip-bomb limits, when the deck is built."""
    head = await _save(upload, folder / "template.pptx")
    if not head.startswith(ZIP):
        raise BadUpload(field, f"the template must be a PowerPoint file (.pptx or .potx), and "
                        f"{_what_it_is(head)}")
    return folder / "template.pptx"


async def save_logo(upload: UploadFile, folder: Path, field: str = "logo") -> Path:
    """A logo (PNG, JPEG, GIF or BMP), named by its content; it is decoded in full later."""
    head = await upload.read(16)
    await upload.seek(0)
    suffix = next((s for magic, s in IMAGE_KINDS.items() if head.startswith(magic)), None)
    if suffix is None:
        raise BadUpload(field, f"the logo must be a PNG, JPEG, GIF or BMP image, and "
                        f"{_what_it_is(head)}")
    await _save(upload, folder / f"logo{suffix}")
    return folder / f"logo{suffix}"


async def _save(upload: UploadFile, target: Path) -> bytes:
    head = b""
    with target.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            head = head or chunk[:16]
            out.write(chunk)
    return head


def download_name(name: str, fallback: str = "download") -> str:
    """A file name safe on any system: no folders, no control or reserved characters."""
    name = unicodedata.normalize("NFC", name).replace("/", "-").replace("\\", "-")
    name = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "", name).strip(" .")
    return name[:120] or fallback


def attachment(data: bytes, name: str) -> Response:
    """A file to download, named as RFC 6266 says: an ASCII `filename` for old clients and the
    full name as UTF-8 in `filename*`."""
    name = download_name(name)
    ascii_name = name.encode("ascii", "ignore").decode() or "download"
    suffix = Path(name).suffix.lower()
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(data, media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
                    headers={"content-disposition": disposition})

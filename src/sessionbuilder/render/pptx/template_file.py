"""Reading a trainer's own PowerPoint template (.pptx or .potx) as untrusted input.

The package is copied part by part under limits on part count, uncompressed size and time, so a
file that inflates to gigabytes ends with one line naming it; a .potx is relabelled as a
presentation so that the deck writer can open it. Theme fonts and colours are read here too.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from sessionbuilder.errors import InputError

MAX_PARTS = 2000
MAX_PART_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 256 * 2**20
MAX_SECONDS = 10.0
_CHUNK = 2**20
_MAIN_TYPES = {  # template and macro content types -> the presentation's own
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml":
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml":
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
HINT = "open it in PowerPoint and save it as .pptx or .potx"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def refuse(path: Path, what: str, hint: str = HINT) -> InputError:
    return InputError(f"template {what}", file=path, hint=hint)


def read(path: Path) -> bytes:
    """The template as a .pptx package in memory, checked against the limits above."""
    if not path.is_file():
        raise InputError(f"template '{path}' not found", hint="give the path of a .pptx or .potx file")
    started = time.monotonic()
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise refuse(path, f"has {len(infos)} parts (at most {MAX_PARTS} are read)")
            out = io.BytesIO()
            total = 0
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
                for info in infos:
                    blob = _read_part(path, z, info, MAX_TOTAL_BYTES - total, started)
                    total += len(blob)
                    if info.filename == "[Content_Types].xml":
                        for old, new in _MAIN_TYPES.items():
                            blob = blob.replace(old, new)
                    copy.writestr(info.filename, blob)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as e:
        raise refuse(path, f"is not a readable PowerPoint .pptx or .potx file ({type(e).__name__})") from None
    except OSError as e:
        raise InputError(f"template cannot be read: {e}", file=path) from None
    return out.getvalue()


def _read_part(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, started: float) -> bytes:
    limit = min(MAX_PART_BYTES, room)
    chunks, size = [], 0
    with z.open(info) as f:
        while chunk := f.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise refuse(path, f"part {info.filename} inflates to more than {limit // 2**20} MB "
                             f"(a template is at most {MAX_TOTAL_BYTES // 2**20} MB uncompressed)")
            if time.monotonic() - started > MAX_SECONDS:
                raise refuse(path, f"took more than {MAX_SECONDS:g} s to read")
            chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class ThemeInfo:
    """What the deck writer needs from a theme: its fonts and its colour scheme (RRGGBB)."""

    major_font: str
    minor_font: str
    colours: dict[str, str]  # dk1, lt1, dk2, lt2, accent1..6, hlink, folHlink


def theme_info(theme_xml: bytes) -> ThemeInfo:
    root = etree.fromstring(theme_xml, _SAFE_XML)

    def font(kind: str) -> str:
        latin = root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}/{{{A}}}latin")
        return (latin.get("typeface") if latin is not None else "") or "Arial"

    colours: dict[str, str] = {}
    scheme = root.find(f".//{{{A}}}clrScheme")
    for el in scheme if scheme is not None else ():
        name = etree.QName(el).localname
        for value in el:
            rgb = value.get("val") if etree.QName(value).localname == "srgbClr" else value.get("lastClr")
            if rgb and len(rgb) == 6:
                colours[name] = rgb.upper()
    return ThemeInfo(font("majorFont"), font("minorFont"), colours)

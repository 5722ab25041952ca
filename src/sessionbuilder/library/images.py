"""Check a user's image (a logo) by decoding it fully, so a damaged file is refused when it is
validated, not drawn as a black box on a slide or a crash inside a PDF library."""

from __future__ import annotations

import warnings
from pathlib import Path

from sessionbuilder.errors import InputError

FORMATS = ("PNG", "JPEG", "MPO", "GIF", "BMP")  # MPO: a camera's JPEG with extra pictures
SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
MAX_BYTES = 10_000_000
MAX_PIXELS = 40_000_000  # far beyond any logo; bounds the memory decoding can take


def check(path: Path, what: str = "logo") -> None:
    """Refuse anything but a complete PNG, JPEG, GIF or BMP of sensible size."""
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"{what} '{path.name}' is not a PNG, JPEG, GIF or BMP image", file=path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{what} is too large ({size:,} bytes)", file=path,
                         hint=f"use an image under {MAX_BYTES // 1_000_000} MB")
    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in FORMATS:
                    raise InputError(f"{what} is not a readable image (its content is "
                                     f"{image.format}, not PNG, JPEG, GIF or BMP)", file=path)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise InputError(f"{what} is too large ({width} x {height} pixels)", file=path,
                                     hint="use an image of a few thousand pixels across at most")
                image.load()
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        raise InputError(f"{what} is not a readable image ({_reason(e)})", file=path,
                         hint="export or save the image again") from None


def _reason(error: Exception) -> str:
    text = str(error).split("\n")[0].strip().rstrip(".")
    if "cannot identify image file" in text:
        return "its content is not PNG, JPEG, GIF or BMP"
    if "truncated" in text.lower():
        return "the file is damaged or incomplete"
    return text or type(error).__name__

"""A cache of parsed YAML, keyed by a hash of the file's text, so a large library that has not
changed loads in a fraction of the time (and of fonts' metrics, keyed by the font file's path,
size and time). Only data that round-trips exactly through JSON is
cached; anything else is simply parsed again. SESSIONBUILDER_CACHE=0 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sessionbuilder import __version__

_OFF: ContextVar[bool] = ContextVar("cache_off", default=False)


@contextmanager
def off() -> Iterator[None]:
    """No caching while a user's upload is read: the web app keeps nothing a user sends."""
    token = _OFF.set(True)
    try:
        yield
    finally:
        _OFF.reset(token)


def folder() -> Path | None:
    """Where the cache lives, or None for no cache. Without a setting it goes under the home
    folder, and only when that folder exists: a missing or broken HOME is never created."""
    setting = os.environ.get("SESSIONBUILDER_CACHE", "")
    if setting == "0" or _OFF.get():
        return None
    if setting:
        return Path(setting)
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "sessionbuilder" / "yaml"
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no password entry
        return None
    return home / ".cache" / "sessionbuilder" / "yaml" if home.is_dir() else None


def key(text: str) -> str:
    return hashlib.blake2b(f"{__version__}\0{text}".encode(), digest_size=20).hexdigest()


def get(digest: str) -> Any | None:
    where = folder()
    if where is None:
        return None
    try:
        return json.loads((where / f"{digest}.json").read_bytes())
    except (OSError, ValueError):
        return None


def put(digest: str, data: Any) -> None:
    where = folder()
    if where is None or data is None:
        return
    try:
        blob = json.dumps(data, ensure_ascii=False)
        if json.loads(blob) != data:  # e.g. integer keys: not safe to cache
            return
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(blob)
        os.replace(tmp, where / f"{digest}.json")
    except (OSError, TypeError, ValueError):
        return

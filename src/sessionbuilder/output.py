"""Write an output file safely: never over an input, never half-written, never a partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sessionbuilder.errors import InputError


def check_target(path: Path, inputs: Iterable[Path] = ()) -> Path:
    """Refuse output paths that cannot or must not be written, before any work is done."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"output '{path}' is a folder", hint="give a file name, e.g. -o out/session.pptx")
    if parent.exists() and not parent.is_dir():
        raise InputError(f"cannot write '{path}': '{parent}' is a file, not a folder")
    if not parent.exists():
        raise InputError(f"cannot write '{path}': folder '{parent}' does not exist",
                         hint=f"create it first: mkdir -p {parent}")
    target = path.resolve()
    for source in inputs:
        if source and Path(source).exists() and Path(source).resolve() == target:
            raise InputError(f"refusing to write over the input file '{path}'",
                             hint="choose another output name with -o")
    return path


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> Path:
    """Write to a temporary file beside `path`, then rename it into place."""
    check_target(path, inputs)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

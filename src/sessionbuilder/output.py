"""Write an output file safely: never over an input, never half-written, never a partial file.

`-o -` means standard output, as in other Unix tools: the file's bytes go there (never to a
terminal) and messages go to stderr.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sessionbuilder.errors import InputError

STDOUT = Path("-")


def is_stdout(path: Path | None) -> bool:
    return path == STDOUT


def name(path: Path) -> str:
    """How messages refer to an output."""
    return "standard output" if is_stdout(path) else str(path)


def check_target(path: Path, inputs: Iterable[Path] = ()) -> Path:
    """Refuse output paths that cannot or must not be written, before any work is done."""
    if is_stdout(path):
        if sys.stdout.isatty():
            raise InputError("refusing to write a binary file to the terminal",
                             hint="redirect it, e.g. -o - > session.pptx, or give a file name")
        return path
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


def check_suffix(path: Path, suffix: str, what: str, hint: str | None = None) -> Path:
    """Refuse a file name that promises another format, e.g. a deck written as deck.pdf."""
    if not is_stdout(path) and path.suffix.lower() != suffix:
        raise InputError(f"'{path.name}' would hold {what}, so its name must end in {suffix}",
                         hint=hint or f"for example -o {path.with_suffix(suffix).name}")
    return path


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> Path:
    """Write to a temporary file beside `path`, then rename it into place."""
    check_target(path, inputs)
    if is_stdout(path):
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return path
    # the temporary name keeps only the start of the real one, so it fits the same length limit
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

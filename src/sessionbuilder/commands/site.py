"""`site`: the library's pages as a static site a partnership can put on its own website."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sessionbuilder.errors import InputError
from sessionbuilder.library.loading import load_library
from sessionbuilder.output import is_stdout


def site(libraries: Sequence[Path], out_dir: Path) -> str:
    """Write every page into `out_dir`; nothing is written unless every page rendered."""
    from sessionbuilder.render.pages import site_files
    if is_stdout(out_dir):
        raise InputError("'site' writes many files into a folder, so it cannot write to standard "
                         "output", hint="give a folder with -o")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"'{out_dir}' is a file, not a folder")
    files = site_files(load_library(libraries))
    for name, data in files.items():
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    points = sum(name.startswith("points/") for name in files)
    return (f"Wrote {len(files)} files to {out_dir}: {points} point pages; open "
            f"{out_dir / 'index.html'} to browse them.")

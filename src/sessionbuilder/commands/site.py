"""`site`: the library's pages as a static site a partnership can put on its own website."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class LivePage:
    """One library page for the web app: its title and its content, to go in the app's layout."""

    title: str
    html: str


def live_page(libraries: Sequence[Path], path: str, audiences: Sequence[str] = (),
              themes: Sequence[str] = (), sources: Sequence[str] = (), words: str = ""
              ) -> LivePage | None:
    """The page at `path` inside the library's site ("index.html", "points/ID.html",
    "themes/ID.html", "figures.html"), the same page `site` writes; None when there is none.
    The index is filtered as `sessionbuilder list` filters (an unknown value is an InputError)."""
    from sessionbuilder.render import pages
    lib_pages = pages.LibraryPages(load_library(libraries), live=True, layout=pages.BARE)
    folder, _, name = path.rpartition("/")
    stem = name.removesuffix(".html")
    if not name.endswith(".html") or "/" in folder:
        return None
    if path == "index.html":
        html = lib_pages.index(audiences, themes, sources, words)
        title = "Learning points from case reviews"
    elif path == "figures.html":
        html, title = lib_pages.figures(), "Key figures"
    elif folder == "points":
        html = lib_pages.point(stem)
        title = lib_pages.lib.point(stem).title if html else ""
    else:
        html = lib_pages.term(folder, stem)
        title = lib_pages.title(folder, stem) if html else ""
    return LivePage(title, html) if html else None

"""Shared fixtures: the bundled library, a CLI runner, sample libraries and LibreOffice rendering."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sessionbuilder.cli import main
from sessionbuilder.library import load_library

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def lib():
    return load_library()


@pytest.fixture(scope="session")
def user_lib():
    return load_library([FIXTURES / "user_library"])


@pytest.fixture
def cli(monkeypatch):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    monkeypatch.delenv("SESSIONBUILDER_LIBRARY", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict | None = None):
        return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    return invoke


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests keep the YAML cache out of the user's home folder."""
    import os
    os.environ["SESSIONBUILDER_CACHE"] = str(tmp_path_factory.mktemp("cache"))


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def to_pdf(tmp_path_factory):
    """Convert .pptx files to PDF with real LibreOffice, in one process for speed."""
    exe = soffice_path()
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-impress")
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(*decks: Path) -> list[Path]:
        outdir = decks[0].parent
        subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)],
                       check=True, capture_output=True, timeout=600,
                       env={**os.environ, "HOME": str(profile)})
        pdfs = [d.with_suffix(".pdf") for d in decks]
        missing = [p for p in pdfs if not p.exists()]
        assert not missing, f"LibreOffice did not convert {missing}"
        return pdfs
    return convert


def make_template(path: Path, with_body: bool = True) -> Path:
    """A board's template: 4:3, layouts in an unusual order, a sample slide, a theme colour.

    With `with_body=False`, only layouts without a body placeholder remain.
    """
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(10), Inches(7.5)
    layouts = prs.slide_layouts
    sample = prs.slides.add_slide(layouts[0])
    sample.shapes.title.text = "Board template sample slide"
    lst = layouts._sldLayoutIdLst
    ids = list(lst)
    for el in ids:  # reverse the order, so finding layouts by index would pick the wrong ones
        lst.remove(el)
    for el in reversed(ids):
        lst.append(el)
    if not with_body:
        for layout in list(layouts):
            if layout.name not in ("Title Only", "Blank"):
                if not layout.used_by_slides:
                    layouts.remove(layout)
        prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    prs.save(str(path))
    return path


LONG_WORDS = ("professionals should keep the child in view throughout their work with the family "
              "and record what they see hear and think about the child's daily life ").split()


def write_long_point_library(folder: Path, words: int = 400) -> Path:
    """A user library with one very long learning point (about `words` words)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(words))
    (folder / "sources.yaml").write_text(
        "reports:\n  - id: local-long\n    short: Local review (long)\n    citation: A local review.\n")
    (folder / "long.yaml").write_text(
        "points:\n  - id: local-very-long-point\n"
        "    title: A very long local learning point that goes on and on to test continuation slides"
        " and titles that are far longer than any title box could possibly hold on one slide\n"
        f"    summary: {text}\n"
        "    implications:\n"
        "      - 'Keep the child at the centre: https://example.org/a/very/long/url/that/has/no/spaces/"
        "at/all/and/keeps/going/and/going/for/ever/and/ever/index.html'\n"
        "      - Supercalifragilisticexpialidociousantidisestablishmentarianismpneumonoultramicroscopic\n"
        "    themes: [voice-of-child]\n    audiences: [all]\n    priority: core\n"
        "    source:\n      report: local-long\n")
    return folder

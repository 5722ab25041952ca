"""Shared fixtures: the bundled library, a CLI runner, sample libraries, LibreOffice and chromium.
Helpers that are not fixtures live in support.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import (
    BRIEFING,
    CHROMIUM,
    CHROMIUM_ARGS,
    DOC_DATE,
    FIXTURES,
    SHEET_SELECTIONS,
    fitted_sheet,
    soffice_path,
)

from sessionbuilder.cli import main
from sessionbuilder.library.loading import load_library


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
    """Tests keep the YAML cache out of the user's home folder; the environment is restored."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SESSIONBUILDER_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


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


@pytest.fixture(scope="session")
def briefing():
    """The one-review briefing from the fixture library, with its branding and contacts."""
    from sessionbuilder.library.recipes import load_branding
    lib = load_library([BRIEFING])
    doc, dropped = fitted_sheet(lib, sources=["review-child-b"],
                                branding=load_branding(BRIEFING / "branding.yaml"))
    return lib, doc, dropped


@pytest.fixture(scope="session")
def sheets(lib, briefing):
    """name -> (Document, dropped ids) for the issue's three sheets and the briefing."""
    out = {name: fitted_sheet(lib, a, t) for name, (a, t) in SHEET_SELECTIONS.items()}
    out["briefing"] = briefing[1:]
    return out


@pytest.fixture(scope="session")
def handout_doc():
    from sessionbuilder.commands import build
    from sessionbuilder.documents import handout as dochandout
    req = build.Request()
    return dochandout.handout(build.session_plan(build.choose(req), req), DOC_DATE)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; skipped with the reason when it is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()

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

"""The bundled library and recipes work from a wheel installed in a fresh virtual environment."""

from __future__ import annotations

import subprocess
import sys
import venv

import pytest

from support import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(folder / "dist"), str(ROOT)], check=True, capture_output=True)
    (wheel,) = (folder / "dist").glob("sessionbuilder-*.whl")
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                            capture_output=True, text=True)
    if result.returncode and "Could not find a version" in result.stderr:
        pytest.skip("no package index reachable to install the wheel's dependencies")
    assert result.returncode == 0, result.stderr
    return folder, folder / "venv" / "bin" / "sessionbuilder"


def run(exe, cwd, *args):
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True)


def test_validate_and_list_from_another_folder(installed, tmp_path):
    _, exe = installed
    result = run(exe, tmp_path, "validate")
    assert result.returncode == 0, result.stderr
    assert "recipes" in result.stdout and "learning points" in result.stdout
    listing = run(exe, tmp_path, "list", "--theme", "neglect")
    assert listing.returncode == 0 and "neglect" in listing.stdout.lower()


def test_deck_from_wheel(installed, tmp_path):
    _, exe = installed
    result = run(exe, tmp_path, "deck", "education", "-o", "e.pptx")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "e.pptx").stat().st_size > 20_000
    assert not (tmp_path / "learning_points").exists()


def test_pdfs_from_wheel(installed, tmp_path):
    _, exe = installed
    for args in (("sheet", "--theme", "neglect", "-o", "s.pdf"), ("handout", "health", "-o", "h.pdf")):
        result = run(exe, tmp_path, *args)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / args[-1]).read_bytes().startswith(b"%PDF")

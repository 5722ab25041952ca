"""Property tests: random libraries and recipes, valid and broken, never crash a command.

The contract for every command: exit 0 with a file that re-opens, or exit 1/2 with a few
`error:` lines, no traceback, and no output file.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessionbuilder.cli import main

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
THEMES = ["neglect", "domestic-abuse", "cse", "voice-of-child", "infants", "negelct", "", "ALL"]
AUDIENCES = ["all", "health", "education", "police", "boards", "helth", "social care"]
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("“”‘’–—⇒…éłćñ\u202e\u0627\u0644\x0b\x01\x07\x1b\x85\ufffe\t ")),
    ), min_size=0, max_size=120)
long_word = st.integers(50, 400).map(lambda n: "https://example.org/" + "x" * n)
words = st.lists(st.one_of(text, long_word), min_size=1, max_size=3).map(" ".join)


@st.composite
def point(draw, index: int = 0):
    """A learning point: half of them well-formed (with wild text), half broken in some field."""
    data = {
        "id": f"fuzz-point-{index}",
        "title": draw(words),
        "summary": draw(words),
        "implications": draw(st.lists(words, min_size=1, max_size=4)),
        "questions": draw(st.lists(words, max_size=3)),
        "themes": draw(st.lists(st.sampled_from(THEMES[:5]), min_size=1, max_size=3)),
        "audiences": draw(st.lists(st.sampled_from(AUDIENCES[:5]), min_size=1, max_size=3)),
        "priority": draw(st.sampled_from(["core", "supporting"])),
        "source": {"report": "fuzz-report"},
    }
    if draw(st.booleans()):
        broken = {
            "id": st.sampled_from(["Bad Id", "", "fuzz-point-0"]),
            "summary": st.lists(words, max_size=2),
            "implications": st.one_of(st.just([]), words),
            "themes": st.lists(st.sampled_from(THEMES), max_size=3),
            "audiences": st.lists(st.sampled_from(AUDIENCES), max_size=3),
            "priority": st.sampled_from(["urgent", 3, None]),
            "source": st.sampled_from([{"report": "nope"}, {"report": "fuzz-report", "page": "x"},
                                       "fuzz-report"]),
        }
        key = draw(st.sampled_from(sorted(broken)))
        data[key] = draw(broken[key])
        for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=1)):
            data.pop(key, None)
    return data


@st.composite
def library_text(draw):
    points = [draw(point(i)) for i in range(draw(st.integers(1, 3)))]
    body = yaml.safe_dump({"points": points}, allow_unicode=True, sort_keys=False)
    mutation = draw(st.sampled_from(["none", "none", "truncate", "insert", "bytes"]))
    raw = body.encode("utf-8")
    if mutation == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif mutation == "insert":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.sampled_from([b": ", b"\n  - ", b"[", b"&a ", b"*a",
                                               b"!!python/name:os.system ", b"\t", b"\xff\xfe",
                                               b"'"])) + raw[at:]
    elif mutation == "bytes":
        raw = draw(st.binary(max_size=200))
    return raw


SOURCES = ("reports:\n  - id: fuzz-report\n    short: Fuzz review\n"
           "    citation: A generated local review.\n")


def make_library(raw: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzzlib-"))
    (folder / "sources.yaml").write_text(SOURCES)
    (folder / "points.yaml").write_bytes(raw)
    return folder


def check_contract(result, out: Path | None, reopen) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        if out is not None:
            reopen(out)
    else:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines and lines[0].startswith(("error:", "warning:", "Usage:")), result.stderr
        if out is not None:
            assert not out.exists(), "a failed run must not leave an output file"
        assert not [p for p in (out.parent if out else Path(".")).glob(".*.tmp")]


def reopen_pptx(path: Path) -> None:
    import re
    import zipfile
    from pptx import Presentation
    assert len(Presentation(str(path)).slides) > 0
    with zipfile.ZipFile(path) as z:  # no control character reached the slides as _xHHHH_
        for name in z.namelist():
            if name.endswith(".xml"):
                assert not re.search(rb"_x[0-9A-Fa-f]{4}_|\xe2\x80\xae", z.read(name)), name


def reopen_pdf(path: Path) -> None:
    from pypdf import PdfReader
    assert len(PdfReader(io.BytesIO(path.read_bytes())).pages) >= 1


RUNNER = CliRunner()


def invoke(*args):
    return RUNNER.invoke(main, [str(a) for a in args], catch_exceptions=True)


@SETTINGS
@given(library_text())
def test_validate_and_list(raw):
    folder = make_library(raw)
    for args in (("validate", folder), ("list", "--library", folder, "--format", "json")):
        check_contract(invoke(*args), None, None)


@SETTINGS
@given(library_text(), st.sampled_from(THEMES[:5]))
def test_deck(raw, theme):
    folder = make_library(raw)
    out = folder / "deck.pptx"
    result = invoke("deck", "--library", folder, "--theme", theme, "-o", out)
    check_contract(result, out, reopen_pptx)


@SETTINGS
@given(library_text(), st.sampled_from(THEMES[:5]))
def test_handout_and_sheet(raw, theme):
    folder = make_library(raw)
    out = folder / "handout.pdf"
    check_contract(invoke("handout", "--library", folder, "--theme", theme, "-o", out), out, reopen_pdf)
    out = folder / "sheet.pdf"
    check_contract(invoke("sheet", "--library", folder, "--theme", theme, "-o", out), out, reopen_pdf)


@st.composite
def recipe_text(draw):
    data = {
        "title": draw(words),
        "audiences": draw(st.lists(st.sampled_from(AUDIENCES), max_size=2)),
        "themes": draw(st.lists(st.sampled_from(THEMES), max_size=2)),
        "minutes": draw(st.sampled_from([10, 45, 90, 480, 0, "an hour"])),
        "sections": [{"kind": k} for k in draw(st.lists(st.sampled_from(
            ["title", "aims", "learning", "figures", "discussion", "references", "quiz"]),
            min_size=0, max_size=6))],
        "questions": draw(st.lists(words, max_size=3)),
        "branding": draw(st.sampled_from([None, {"partnership": "Fuzz SCP", "primary": "#FFFF00"},
                                          {"logo": "../../etc/passwd"}, {"primary": "blue"}])),
    }
    if data["branding"] is None:
        del data["branding"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


@SETTINGS
@given(recipe_text())
def test_recipes(raw):
    folder = Path(tempfile.mkdtemp(prefix="fuzzrecipe-"))
    recipe = folder / "recipe.yaml"
    recipe.write_bytes(raw)
    check_contract(invoke("validate", recipe), None, None)
    out = folder / "deck.pptx"
    check_contract(invoke("deck", recipe, "-o", out), out, reopen_pptx)


@pytest.mark.slow
def test_more_examples_in_ci():
    """`pytest -m slow` re-runs the properties above with many more examples."""
    import subprocess
    import sys
    env = {**os.environ, "FUZZ_EXAMPLES": "150"}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__,
                          "-m", "not slow"], env=env, capture_output=True, text=True, timeout=3000)
    assert out.returncode == 0, out.stdout[-3000:]

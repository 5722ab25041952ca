#!/usr/bin/env python3
"""Benchmark sessionbuilder against pandoc and bare python-pptx / reportlab scripts.

Every measurement is a WHOLE PROCESS started fresh (a new interpreter each run), so import time,
library loading and writing the file all count, as they do for a user. All cases are run
round-robin in one invocation (run 1 of every case, then run 2 of every case, ...), so machine
drift affects every case alike and the ratios are side-by-side comparisons.

Usage (from the repository root):
    .venv/bin/python bench/run.py            # 5 runs of every case, full sizes, print the table
    .venv/bin/python bench/run.py --quick    # 1 run, small sizes (a smoke test, < 1 minute)
    .venv/bin/python bench/run.py --write    # also write the table into bench/README.md
    .venv/bin/python bench/run.py --runs 9 --keep /tmp/bench   # more runs; keep generated files

Standard library only, plus PyYAML (for writing the generated libraries); the bare floor scripts
run in the project's venv and use python-pptx and reportlab.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "bench" / "README.md"
START, END = "<!-- results -->", "<!-- /results -->"
HEADER = "| Case | Median s | Ratio | vs | Target | Met | Peak MB | Detail |"


def _venv_tool(name: str) -> str:
    for candidate in (ROOT / ".venv" / "bin" / name, Path(sys.executable).parent / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"bench: cannot find '{name}' (run 'make test' or 'pip install -e .' first)")
    return found


PY = _venv_tool("python")
SB = _venv_tool("sessionbuilder")
PANDOC = shutil.which("pandoc") or "/usr/bin/pandoc"
TIMEOUT = 900  # seconds for any one process


# ---------------------------------------------------------------------------------------------
# Measuring one process


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    code: int
    stdout: str
    stderr: str


# The measured command runs as the child of this tiny launcher, not of the benchmark process: on
# Linux a child's peak RSS (ru_maxrss) includes the memory of the process it was forked from, up to
# its exec, so a child of this (large, growing) benchmark process would report this process's size.
# The launcher times the child and reads its rusage with os.wait4, so its own start-up is not timed.
LAUNCHER = """\
import os, subprocess, sys, time
result, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(argv)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
with open(result, "w") as f:
    f.write(f"{seconds!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = TIMEOUT) -> Sample:
    """Wall time, peak RSS (MiB) and exit code of one fresh process running `argv`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result"
        proc = subprocess.Popen([PY, "-I", "-S", "-c", LAUNCHER, str(result), *argv], cwd=cwd,
                                env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the launcher's own process group
            proc.wait()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        if not result.exists():
            return Sample(float("nan"), float("nan"), proc.returncode or -1, stdout,
                          stderr + f"\nbench: timed out or failed to start: {argv[0]}")
        seconds, maxrss, code = result.read_text().split()
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return Sample(float(seconds), int(maxrss) * scale / 2**20, int(code), stdout, stderr)


# ---------------------------------------------------------------------------------------------
# Cases and table rows


@dataclass
class Case:
    key: str
    argv: list[str]
    optional: bool = False  # report "n/a" rather than fail the benchmark if it does not work
    samples: list[Sample] = field(default_factory=list)

    @property
    def failed(self) -> Sample | None:
        return next((s for s in self.samples if s.code != 0), None)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak(self) -> float:
        return max(s.peak_mb for s in self.samples)

    @property
    def last(self) -> Sample:
        return self.samples[-1]


@dataclass
class Row:
    group: str
    label: str
    case: str
    vs: str | None = None             # key of the comparator case
    vs_label: str = ""
    target: str = "—"
    max_ratio: float | None = None
    max_seconds: float | None = None
    max_mb: float | None = None
    detail: Callable[[Case], str] | None = None
    must_hold: Callable[[Case], str | None] | None = None  # returns a reason the target is missed


# ---------------------------------------------------------------------------------------------
# Content generation


WORDS = {
    "who": ["Practitioners", "Health visitors", "Schools", "Police officers", "Social workers",
            "GPs", "Probation staff", "Designated safeguarding leads", "Midwives",
            "Youth offending workers", "Housing officers", "Adult mental health services"],
    "did": ["did not recognise", "underestimated", "recorded but did not act on",
            "rarely shared", "missed", "responded only to single incidents of",
            "were reassured too easily about", "lost sight of"],
    "what": ["the cumulative impact of neglect", "signs of coercive control",
             "repeated missing episodes", "a father's history of violence",
             "the child's own account", "falling school attendance",
             "a mother's deteriorating mental health", "hidden men in the household",
             "escalating self-harm", "disguised compliance by parents",
             "the risks of a new partner", "the child's changed behaviour"],
    "when": ["in the months before the incident", "after the case was closed",
             "when the family moved between areas", "while the child was on a waiting list",
             "during a period of professional change", "at the transfer between services"],
    "do": ["Ask directly about", "Record and share", "Hold a multi-agency discussion about",
           "Escalate concerns about", "Review the chronology for", "Seek the child's view of",
           "Check with partner agencies about"],
    "ask": ["How would your agency notice", "Who in your team follows up",
            "What stops practitioners from challenging", "Where would you record",
            "How do you check the child's experience of"],
}


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(WORDS['who'])} {rng.choice(WORDS['did'])} {rng.choice(WORDS['what'])} "
            f"{rng.choice(WORDS['when'])}.")


def make_point(i: int, rng: random.Random, theme_ids: list[str], audience_ids: list[str],
               prefix: str = "bench") -> dict:
    """A realistic learning point: title, 2-3 sentence summary, 2-3 implications, 1-2 questions."""
    title = f"{rng.choice(WORDS['who'])} {rng.choice(WORDS['did'])} {rng.choice(WORDS['what'])}"
    summary = " ".join(_sentence(rng) for _ in range(rng.randint(2, 3)))
    implications = [f"{rng.choice(WORDS['do'])} {rng.choice(WORDS['what'])} "
                     f"{rng.choice(WORDS['when'])}, and write down what was decided and why."
                     for _ in range(rng.randint(2, 3))]
    questions = [f"{rng.choice(WORDS['ask'])} {rng.choice(WORDS['what'])}?"
                 for _ in range(rng.randint(1, 2))]
    pool = [t for t in theme_ids if t not in ("case-review-practice", "voice-of-child")]
    others = rng.sample(pool, rng.randint(1, 2))
    audiences = ["all"] if rng.random() < 0.3 else rng.sample(audience_ids, rng.randint(1, 3))
    return {
        "id": f"{prefix}-point-{i:05d}",
        "title": title[:90],
        "summary": summary,
        "implications": implications,
        "questions": questions,
        "themes": ["case-review-practice", *others],
        "audiences": audiences,
        "priority": "core" if rng.random() < 0.4 else "supporting",
        "source": {"report": "bench-report", "page": str(rng.randint(1, 200))},
    }


def write_library(folder: Path, n_points: int, n_files: int = 100, seed: int = 1) -> Path:
    """`n_points` unique generated points in `n_files` files, with their own sources.yaml."""
    import yaml
    taxonomy = yaml.safe_load((ROOT / "learning_points" / "taxonomy.yaml").read_text("utf-8"))
    theme_ids = [t["id"] for t in taxonomy["themes"]]
    audience_ids = [a["id"] for a in taxonomy["audiences"]]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(yaml.safe_dump({"reports": [{
        "id": "bench-report", "short": "Benchmark review (2024)",
        "citation": "A generated local case review used only for benchmarking sessionbuilder."}]},
        sort_keys=False), "utf-8")
    per_file, extra = divmod(n_points, n_files)
    i = 0
    for f in range(n_files):
        count = per_file + (f < extra)
        points = [make_point(i + k, rng, theme_ids, audience_ids) for k in range(count)]
        i += count
        (folder / f"generated-{f:03d}.yaml").write_text(
            yaml.safe_dump({"points": points}, sort_keys=False, width=100, allow_unicode=True),
            "utf-8")
    return folder


def write_recipe(path: Path, title: str, themes: list[str] | None = None,
                 minutes: int = 480) -> Path:
    lines = [f'title: "{title}"', "audiences: [all]", f"minutes: {minutes}"]
    if themes:
        lines.append(f"themes: [{', '.join(themes)}]")
    lines += ["sections:", "  - kind: title", "  - kind: learning", "  - kind: references", ""]
    path.write_text("\n".join(lines), "utf-8")
    return path


def slide_content(points: list[dict]) -> list[dict]:
    """One slide per point: title, bullets (summary + implications) and speaker notes."""
    slides = []
    for p in points:
        notes = [p["summary"], "", "Talking points:", *(f"- {i}" for i in p["implications"])]
        if p.get("questions"):
            notes += ["", "Ask the group:", *(f"- {q}" for q in p["questions"])]
        notes += ["", f"Source: {p['source'].get('citation', p['source']['report'])}."]
        slides.append({"title": p["title"], "bullets": [p["summary"], *p["implications"]],
                       "notes": "\n".join(notes)})
    return slides


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~^$@:\"'])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def write_markdown(path: Path, slides: list[dict]) -> Path:
    out = []
    for s in slides:
        out += [f"## {md_escape(s['title'])}", ""]
        out += [f"- {md_escape(b)}" for b in s["bullets"]]
        out += ["", "::: notes", ""]
        for para in s["notes"].split("\n"):
            if para:  # each line of the notes its own paragraph
                out += [md_escape(para), ""]
        out += [":::", ""]
    path.write_text("\n".join(out), "utf-8")
    return path


BARE_PPTX = '''\
"""The floor: python-pptx with its default template, title + bullets + notes per slide."""
import json, sys
from pptx import Presentation

slides = json.load(open(sys.argv[1], encoding="utf-8"))
prs = Presentation()
layout = prs.slide_layouts[1]  # Title and Content
for s in slides:
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = s["title"]
    body = slide.placeholders[1].text_frame
    body.text = s["bullets"][0]
    for bullet in s["bullets"][1:]:
        body.add_paragraph().text = bullet
    slide.notes_slide.notes_text_frame.text = s["notes"]
prs.save(sys.argv[2])
print(f"{len(prs.slides)} slides")
'''

BARE_PDF = '''\
"""The floor: reportlab platypus, built-in Helvetica, no embedded fonts."""
import json, sys
from xml.sax.saxutils import escape
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

mode, points = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
st = getSampleStyleSheet()
doc = SimpleDocTemplate(sys.argv[3], pagesize=A4, title="Learning from case reviews")
story = [Paragraph("Learning from case reviews", st["Title"])]
if mode == "page":  # a title and a few paragraphs on one page
    story += [Paragraph(escape(p["summary"]), st["BodyText"]) for p in points[:4]]
else:  # a handout: every point with its summary, implications and citation
    for p in points:
        story += [Paragraph(escape(p["title"]), st["Heading2"]),
                  Paragraph(escape(p["summary"]), st["BodyText"])]
        story += [Paragraph(escape(i), st["BodyText"], bulletText="\\u2022")
                  for i in p["implications"]]
        story += [Paragraph("<i>%s</i>" % escape(p["source"].get("citation", "")), st["BodyText"]),
                  Spacer(1, 6)]
doc.build(story)
print(f"{doc.page} page(s)")
'''



# ---------------------------------------------------------------------------------------------
# Details shown in the table


def slides_of(case: Case) -> str:
    m = re.search(r"(\d+) slides", case.last.stdout)
    if m:
        return f"{m.group(1)} slides"
    return ""


def pptx_slides(path: Path) -> Callable[[Case], str]:
    def detail(case: Case) -> str:
        with zipfile.ZipFile(path) as z:
            n = sum(1 for x in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", x))
        return f"{n} slides"
    return detail


def summary_of(case: Case) -> str:
    m = re.search(r"\(([^()]*)\)\.?\s*$", case.last.stdout.strip())
    return m.group(1) if m else ""


def left_out(case: Case) -> int:
    m = re.search(r"(\d+) point\(s\) did not fit", case.last.stderr)
    return int(m.group(1)) if m else 0


def points_listed(case: Case) -> str:
    try:
        return f"{len(json.loads(case.last.stdout)):,} points listed"
    except ValueError:
        return "output is not JSON"


# ---------------------------------------------------------------------------------------------
# The suite


@dataclass
class Suite:
    cases: dict[str, Case]
    rows: list[Row]
    notes: list[str]
    growth: Callable[[], str]


def points_json(env: dict[str, str], work: Path, *args: str) -> list[dict]:
    """The real points, from the real command (untimed preparation)."""
    r = subprocess.run([SB, "list", "--format", "json", *args], cwd=work, env=env,
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode:
        sys.exit(f"bench: 'sessionbuilder list' failed ({r.returncode}): {r.stderr.strip()}")
    return json.loads(r.stdout)


def default_recipe_points() -> list[str]:
    import yaml
    return yaml.safe_load((ROOT / "decks" / "pathways-to-harm.yaml").read_text("utf-8"))["points"]


def build_suite(work: Path, env: dict[str, str], quick: bool) -> Suite:
    list_sizes = (100, 1_000) if quick else (100, 1_000, 10_000)
    deck_size = 200 if quick else 1_000
    cases: dict[str, Case] = {}
    rows: list[Row] = []
    notes: list[str] = []

    def case(key: str, argv: list[str], optional: bool = False) -> str:
        cases[key] = Case(key, [str(a) for a in argv], optional)
        return key

    bare_pptx = work / "bare_pptx.py"
    bare_pptx.write_text(BARE_PPTX, "utf-8")
    bare_pdf = work / "bare_pdf.py"
    bare_pdf.write_text(BARE_PDF, "utf-8")

    # 1. Decks ------------------------------------------------------------------------------
    library = points_json(env, work)
    wanted = default_recipe_points()
    default_points = [p for p in library if p["id"] in wanted]
    n_lib, n_def = len(library), len(default_points)
    (work / "lib.json").write_text(json.dumps(slide_content(library)), "utf-8")
    (work / "def.json").write_text(json.dumps(slide_content(default_points)), "utf-8")
    write_markdown(work / "lib.md", slide_content(library))
    write_markdown(work / "def.md", slide_content(default_points))
    whole = write_recipe(work / "whole-library.yaml", "The whole library")

    g = "1. Decks"
    case("pandoc_lib", [PANDOC, "lib.md", "-o", "pandoc-lib.pptx"])
    case("bare_lib", [PY, bare_pptx, "lib.json", "bare-lib.pptx"])
    case("sb_lib", [SB, "deck", whole, "-o", "sb-lib.pptx"])
    case("pandoc_def", [PANDOC, "def.md", "-o", "pandoc-def.pptx"])
    case("bare_def", [PY, bare_pptx, "def.json", "bare-def.pptx"])
    case("sb_def", [SB, "deck", "-o", "sb-def.pptx"])
    rows += [
        Row(g, f"pandoc, whole library ({n_lib} points) → .pptx", "pandoc_lib",
            detail=pptx_slides(work / "pandoc-lib.pptx")),
        Row(g, f"bare python-pptx, whole library ({n_lib} points): the floor", "bare_lib",
            "pandoc_lib", "pandoc", detail=slides_of),
        Row(g, "`sessionbuilder deck` whole library (recipe: all, 480 min)", "sb_lib", "pandoc_lib",
            "pandoc", "≤ 1.0× pandoc", max_ratio=1.0, detail=slides_of),
        Row(g, "`sessionbuilder deck` whole library (recipe: all, 480 min)", "sb_lib", "bare_lib",
            "bare pptx", "≤ 1.3× bare", max_ratio=1.3, detail=slides_of),
        Row(g, f"pandoc, the default session's {n_def} points", "pandoc_def",
            detail=pptx_slides(work / "pandoc-def.pptx")),
        Row(g, f"bare python-pptx, the default session's {n_def} points", "bare_def", "pandoc_def",
            "pandoc", detail=slides_of),
        Row(g, "`sessionbuilder deck` (default session)", "sb_def", "pandoc_def", "pandoc",
            detail=slides_of),
        Row(g, "`sessionbuilder deck` (default session)", "sb_def", "bare_def", "bare pptx",
            detail=slides_of),
    ]

    # 2. PDFs -------------------------------------------------------------------------------
    g = "2. PDFs"
    (work / "def-points.json").write_text(json.dumps(default_points), "utf-8")
    case("floor_pdf", [PY, bare_pdf, "page", "def-points.json", "floor.pdf"])
    case("sb_sheet", [SB, "sheet", "-o", "sheet.pdf"], optional=True)
    case("bare_handout", [PY, bare_pdf, "handout", "def-points.json", "bare-handout.pdf"])
    case("sb_handout", [SB, "handout", "-o", "handout.pdf"], optional=True)
    rows += [
        Row(g, "bare reportlab, one page (title + 4 paragraphs): the floor", "floor_pdf",
            detail=lambda c: c.last.stdout.strip()),
        Row(g, f"`sessionbuilder sheet` (whole library, {n_lib} points)", "sb_sheet", "floor_pdf",
            "floor", "≤ 1.5× floor", max_ratio=1.5, detail=summary_of),
        Row(g, f"bare reportlab handout, the default session's {n_def} points", "bare_handout",
            "floor_pdf", "floor", detail=lambda c: c.last.stdout.strip()),
        Row(g, "`sessionbuilder handout` (default session)", "sb_handout", "floor_pdf", "floor",
            detail=summary_of),
        Row(g, "`sessionbuilder handout` (default session)", "sb_handout", "bare_handout",
            "bare handout", detail=summary_of),
    ]

    # 3. Scale ------------------------------------------------------------------------------
    g = "3. Scale"
    libs = {n: write_library(work / f"lib-{n}", n) for n in sorted({*list_sizes, deck_size})}
    for n in list_sizes:
        case(f"list_{n}", [SB, "list", "--format", "json", "--library", libs[n]])
    base = f"list_{list_sizes[0]}"
    for n in list_sizes:
        big = n == 10_000
        rows.append(Row(g, f"`list --format json`, +{n:,} generated points in 100 files",
                        f"list_{n}", None if n == list_sizes[0] else base,
                        f"list +{list_sizes[0]}" if n != list_sizes[0] else "",
                        "< 1 s" if big else "—", max_seconds=1.0 if big else None,
                        detail=points_listed))

    # Time enough for every point, so all are drawn (the deck states the minutes they fill).
    scale_minutes = 6 * deck_size
    scale_recipe = write_recipe(work / "scale.yaml", "Scale test", ["case-review-practice"],
                                minutes=scale_minutes)
    scale_points = points_json(env, work, "--theme", "case-review-practice", "--library",
                               str(libs[deck_size]))
    selected = len(scale_points)
    (work / "scale.json").write_text(json.dumps(slide_content(scale_points)), "utf-8")
    case("deck_scale", [SB, "deck", scale_recipe, "--library", libs[deck_size], "-o", "scale.pptx"])
    case("bare_scale", [PY, bare_pptx, "scale.json", "bare-scale.pptx"])

    def kept(c: Case) -> str:
        return (f"{slides_of(c)}; {selected - left_out(c):,} of {selected:,} selected points "
                f"({deck_size:,} generated + {selected - deck_size} bundled)")

    def all_points_in(c: Case) -> str | None:
        missing = left_out(c)
        if missing:
            return (f"the deck holds {selected - missing:,} of the {selected:,} selected points: "
                    f"{missing:,} were left out by the time budget")
        return None

    target = "< 3 s, < 300 MB"
    rows += [
        Row(g, f"bare python-pptx, the same {selected:,} points", "bare_scale", detail=slides_of),
        Row(g, f"`sessionbuilder deck`, recipe: theme case-review-practice, "
               f"{scale_minutes} min, +{deck_size:,}-point library", "deck_scale",
            "bare_scale", "bare pptx", target,
            max_seconds=3.0, max_mb=300, detail=kept, must_hold=all_points_in),
    ]

    def growth() -> str:
        if any(cases[f"list_{n}"].failed or not cases[f"list_{n}"].samples for n in list_sizes):
            return ""
        t = {n: cases[f"list_{n}"].median for n in list_sizes}
        slopes, parts = [], []
        for a, b in zip(list_sizes, list_sizes[1:]):
            slopes.append((t[b] - t[a]) / (b - a) * 1000)
            parts.append(f"{slopes[-1]:.3f} ms per point from {a:,} to {b:,}")
        fixed = t[list_sizes[0]] - slopes[0] / 1000 * list_sizes[0]
        verdict = ""
        if len(slopes) > 1:
            growth = slopes[-1] / slopes[0]
            verdict = (f" The last step costs {growth:.2f}× as much per point as the first: "
                       + ("about linear." if growth < 1.2 else "worse than linear."))
        return ("`list` growth: " + "; ".join(parts)
                + f" (about {fixed:.2f} s fixed: start-up, imports and the bundled library)."
                + verdict)

    # 4. Start-up ---------------------------------------------------------------------------
    g = "4. Start-up"
    case("py_pass", [PY, "-c", "pass"])
    case("py_click", [PY, "-c", "import click"])
    case("sb_help", [SB, "--help"])
    rows += [
        Row(g, "`python -c pass`", "py_pass"),
        Row(g, '`python -c "import click"`', "py_click", "py_pass", "python -c pass"),
        Row(g, "`sessionbuilder --help`", "sb_help", "py_pass", "python -c pass", "< 0.150 s",
            max_seconds=0.150),
    ]
    notes.append(f"Scale libraries are added to the bundled library ({n_lib} points), so "
                 f"`list` prints {n_lib} more points than were generated.")
    return Suite(cases, rows, notes, growth)


# ---------------------------------------------------------------------------------------------
# Running and reporting


def measure(suite: Suite, work: Path, env: dict[str, str], runs: int, warmup: bool) -> None:
    order = list(suite.cases.values())
    total = runs + warmup
    for r in range(total):
        label = "warm-up" if warmup and r == 0 else f"run {r + 1 - warmup}/{runs}"
        print(f"bench: {label} ...", file=sys.stderr, flush=True)
        for c in order:
            if c.failed:  # a failing case fails fast: do not keep re-running it
                continue
            s = run_once(c.argv, work, env)
            if not (warmup and r == 0) or s.code != 0:
                if c.samples and c.samples[-1].code == 0:
                    c.samples[-1].stdout = c.samples[-1].stderr = ""  # only the last is read
                c.samples.append(s)


def _fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def render_rows(suite: Suite) -> tuple[list[str], list[str]]:
    lines = [HEADER, "|---|---:|---:|---|---|---|---:|---|"]
    misses: list[str] = []
    group = None
    for row in suite.rows:
        if row.group != group:
            group = row.group
            lines.append(f"| **{group}** | | | | | | | |")
        c = suite.cases[row.case]
        bad = c.failed
        if bad or not c.samples:
            why = (bad.stderr.strip().splitlines() or ["no output"])[-1][:120] if bad else "not run"
            lines.append(f"| {row.label} | n/a | n/a | {row.vs_label} | {row.target} | "
                         f"{'n/a' if c.optional else 'no'} | n/a | failed (exit "
                         f"{bad.code if bad else '?'}): {why.replace('|', '/')} |")
            if row.target != "—":
                misses.append(f"{row.label}: could not be measured (exit "
                              f"{bad.code if bad else '?'}: {why})")
            continue
        ratio_text, ratio = "—", None
        if row.vs:
            comp = suite.cases[row.vs]
            if comp.samples and not comp.failed:
                ratio = c.median / comp.median
                ratio_text = f"{ratio:.2f}×"
            else:
                ratio_text = "n/a"
        reasons = []
        if row.max_ratio is not None and (ratio is None or ratio > row.max_ratio):
            reasons.append(f"{ratio_text} {row.vs_label} (target ≤ {row.max_ratio}×)")
        if row.max_seconds is not None and c.median >= row.max_seconds:
            reasons.append(f"{_fmt_s(c.median)} s (target < {row.max_seconds:g} s)")
        if row.max_mb is not None and c.peak >= row.max_mb:
            reasons.append(f"{c.peak:.0f} MB (target < {row.max_mb:g} MB)")
        if row.must_hold:
            reason = row.must_hold(c)
            if reason:
                reasons.append(reason)
        met = "—" if row.target == "—" else ("no" if reasons else "yes")
        if reasons:
            misses.append(f"{row.label}: " + "; ".join(reasons))
        detail = row.detail(c) if row.detail else ""
        lines.append(f"| {row.label} | {_fmt_s(c.median)} | {ratio_text} | {row.vs_label} | "
                     f"{row.target} | {met} | {c.peak:.0f} | {detail} |")
    return lines, misses


def versions(env: dict[str, str]) -> dict[str, str]:
    def out(argv: list[str]) -> str:
        try:
            r = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)
            return r.stdout.strip().splitlines()[0] if r.stdout.strip() else "?"
        except (OSError, subprocess.SubprocessError):
            return "not found"
    code = ("import sys, importlib.metadata as m; print(sys.version.split()[0], "
            "*(f'{p} {m.version(p)}' for p in ('python-pptx', 'reportlab', 'PyYAML', 'pydantic', "
            "'click')), sep=', ')")
    return {"python": out([PY, "-c", code]), "pandoc": out([PANDOC, "--version"]),
            "sessionbuilder": out([SB, "--version"])}


def report(suite: Suite, runs: int, quick: bool, env: dict[str, str]) -> str:
    lines, misses = render_rows(suite)
    v = versions(env)
    head = [
        f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores; Python {v['python']}; {v['pandoc']}; "
        f"{v['sessionbuilder']}.",
        f"Medians of {runs} run(s) per case{', after one warm-up run' if not quick else ''}, "
        "whole processes, all cases interleaved in one invocation"
        f"{' (--quick: small sizes, one run; not for comparison)' if quick else ''}. "
        "Peak MB is the largest peak RSS over the runs (MiB).",
        "",
    ]
    tail = [""]
    growth = suite.growth()
    if growth:
        tail.append(growth)
        tail.append("")
    tail += [f"- {n}" for n in suite.notes]
    if misses:
        tail += ["", "Targets not met:"] + [f"- {m}" for m in misses]
    else:
        tail += ["", "All targets met."]
    return "\n".join(head + lines + tail)


def write_readme(text: str) -> None:
    current = README.read_text("utf-8") if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in current or END not in current:
        current = current.rstrip("\n") + f"\n\n## Results\n\n{START}\n{END}\n"
    before, rest = current.split(START, 1)
    _, after = rest.split(END, 1)
    README.write_text(f"{before}{START}\n{text}\n{END}{after}", "utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help="one run, small sizes, no warm-up: a smoke test in well under a minute")
    ap.add_argument("--runs", type=int, default=None, help="runs per case (default 5; --quick 1)")
    ap.add_argument("--write", action="store_true",
                    help=f"write the table into {README.relative_to(ROOT)} between {START} markers")
    ap.add_argument("--keep", type=Path, default=None,
                    help="generate into this folder and keep it (default: a temporary folder)")
    args = ap.parse_args(argv)
    runs = args.runs or (1 if args.quick else 5)
    if not shutil.which(PANDOC) and not Path(PANDOC).exists():
        print("bench: pandoc not found; its rows will show n/a", file=sys.stderr)

    env = {k: v for k, v in os.environ.items()
           if k not in ("SESSIONBUILDER_LIBRARY", "SESSIONBUILDER_DEBUG")}
    env["SOURCE_DATE_EPOCH"] = "1767225600"
    with tempfile.TemporaryDirectory(prefix="sessionbuilder-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        work = work.resolve()
        print(f"bench: generating content in {work} ...", file=sys.stderr, flush=True)
        suite = build_suite(work, env, args.quick)
        measure(suite, work, env, runs, warmup=not args.quick)
        text = report(suite, runs, args.quick, env)
    print(text)
    if args.write:
        write_readme(text)
        print(f"\nbench: wrote the results into {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

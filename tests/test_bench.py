"""`bench/run.py --quick` runs end to end (about 12 s) and prints its results table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
HEADER = "| Case | Median s | Ratio | vs | Target | Met | Peak MB | Detail |"


def test_bench_quick_prints_table():
    result = subprocess.run([sys.executable, "bench/run.py", "--quick"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert HEADER in result.stdout
    assert "`sessionbuilder --help`" in result.stdout

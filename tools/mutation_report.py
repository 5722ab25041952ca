"""Kill rate per module from mutmut's results (mutants/src/sessionbuilder/**/*.py.meta).

Usage: python tools/mutation_report.py session.plan session.selection ...   (no names: every module run)
Killed counts mutants a test caught (including by timeout); survived counts mutants no test
caught and mutants no selected test reaches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

META = Path("mutants/src/sessionbuilder")
KILLED = {1, 3, 36, 24, -24, 152, 255}  # a test failed or errored, or the mutant timed out
SURVIVED = {0, 5, 33}  # the tests passed, or no selected test reaches the mutated code


def rates(module: str) -> tuple[int, int, int]:
    codes = json.loads((META / f"{module.replace('.', '/')}.py.meta").read_text())["exit_code_by_key"].values()
    killed = sum(c in KILLED for c in codes)
    survived = sum(c in SURVIVED for c in codes)
    return killed, survived, sum(c is None for c in codes)


def main(modules: list[str]) -> None:
    modules = modules or sorted(str(p.relative_to(META)).removesuffix(".py.meta").replace("/", ".")
                                 for p in META.rglob("*.py.meta"))
    print(f"{'module':<12} {'killed':>7} {'survived':>9} {'not run':>8} {'kill rate':>10}")
    for module in modules:
        killed, survived, pending = rates(module)
        done = killed + survived
        rate = f"{100 * killed / done:.1f}%" if done else "-"
        print(f"{module:<12} {killed:>7} {survived:>9} {pending:>8} {rate:>10}")


if __name__ == "__main__":
    main(sys.argv[1:])

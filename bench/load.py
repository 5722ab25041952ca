"""Load on the web app: simulated trainers against `sessionbuilder serve` on 127.0.0.1 only,
bounded in time. Each user loops: a running-order preview on the Build a session page (as its
script posts it), a deck, a one-page sheet or the whole pack through the JSON API, on selections
drawn from a fixed list. Reports requests per second, p50/p95/p99 latency per kind against the
issue's targets, errors (503s counted apart: they are the pool saying it is full), and the
server's memory (the server and its build workers, resident) at the start and the end.

    .venv/bin/python bench/load.py                     # 20 users, 60 s, port 8101
    .venv/bin/python bench/load.py --users 5 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
SELECTIONS = [  # (audiences, themes, minutes) by id, as the page's checkboxes send them
    (["education"], ["neglect", "adolescents"], 60),
    (["health"], ["neglect"], 90),
    (["police-justice"], ["domestic-abuse"], 45),
    (["social-care"], ["cse"], 60),
    ([], ["parental-mental-health", "substance-misuse"], 30),
    (["education", "health"], ["online-safety"], 45),
]
KINDS = {"preview": 0.55, "deck": 0.25, "sheet": 0.12, "pack": 0.08}  # share of requests
TARGETS = {"preview": 0.100, "deck": 1.0, "sheet": 0.300, "pack": 2.5}  # p95, seconds, warm


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    busy: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    errors: list[str] = field(default_factory=list)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the build workers), in MiB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status)[1])
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except (OSError, TypeError):
            continue
        todo += [int(c) for c in children]
    return total / 1024


async def one(client: httpx.AsyncClient, kind: str, csrf: str) -> httpx.Response:
    audiences, themes, minutes = random.choice(SELECTIONS)
    if kind == "preview":
        form = {"audience": audiences, "theme": themes, "minutes": str(minutes),
                "action": "preview", "csrf": csrf}
        return await client.post("/build", data=form, headers={"x-requested-with": "fetch"})
    body = {"audiences": audiences, "themes": themes}
    if kind != "sheet":
        body["minutes"] = minutes
    return await client.post(f"/api/{kind}", json=body)


async def user(url: str, until: float, tally: Tally, warm: bool = False) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=90) as client:
        await client.get("/build")
        csrf = client.cookies["sessionbuilder_csrf"]
        kinds = list(KINDS) if warm else None
        while time.monotonic() < until:
            kind = kinds.pop() if kinds else random.choices(list(KINDS), list(KINDS.values()))[0]
            started = time.perf_counter()
            try:
                r = await one(client, kind, csrf)
            except httpx.HTTPError as e:
                tally.errors.append(f"{kind}: {type(e).__name__}")
                continue
            took = time.perf_counter() - started
            if r.status_code == 503:
                tally.busy[kind] += 1
                await asyncio.sleep(float(r.headers.get("retry-after", "1")))
            elif r.status_code != 200:
                tally.errors.append(f"{kind}: {r.status_code} {r.text[:200]}")
            else:
                tally.times[kind].append(took)
            if warm and not kinds:
                return


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def start_server(port: int, workers: int | None) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    env.pop("SESSIONBUILDER_LIBRARY", None)
    command = [sys.executable, "-m", "sessionbuilder", "serve", "--host", "127.0.0.1",
               "--port", str(port)] + (["--workers", str(workers)] if workers else [])
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


async def warm_up(url: str) -> None:
    """Each kind a few times, so every worker has loaded the library and imported the writers."""
    await asyncio.gather(*(user(url, time.monotonic() + 60, Tally(), warm=True) for _ in range(4)))


async def run(url: str, users: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    started = time.monotonic()
    await asyncio.gather(*(user(url, started + seconds, tally) for _ in range(users)))
    return tally, time.monotonic() - started


def report(tally: Tally, elapsed: float, users: int, memory: tuple[float, float]) -> str:
    done = sum(len(t) for t in tally.times.values())
    busy = sum(tally.busy.values())
    lines = [f"{users} users for {elapsed:.0f} s on {os.cpu_count()} cores: {done} answered, "
             f"{done / elapsed:.1f} requests/s, {len(tally.times['deck']) / elapsed:.2f} decks/s, "
             f"{busy} × 503 (pool full), {len(tally.errors)} errors. Server memory (server and "
             f"workers, resident): {memory[0]:.0f} MB at start, {memory[1]:.0f} MB at the end "
             f"({memory[1] - memory[0]:+.0f} MB).", "",
             "| Kind | Requests | p50 s | p95 s | p99 s | p95 target | Met |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for kind, times in tally.times.items():
        p95 = percentile(times, 95)
        lines.append(f"| {kind} | {len(times)} | {percentile(times, 50):.3f} | {p95:.3f} | "
                     f"{percentile(times, 99):.3f} | {TARGETS[kind]:.3f} | "
                     f"{'yes' if p95 <= TARGETS[kind] else 'no'} |")
    lines += [f"- {e}" for e in tally.errors[:10]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=None, help="build workers (default: cores)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    proc = start_server(args.port, args.workers)
    try:
        url = f"http://127.0.0.1:{args.port}"
        asyncio.run(warm_up(url))
        before = rss_mb(proc.pid)
        tally, elapsed = asyncio.run(run(url, args.users, args.seconds))
        after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    print(report(tally, elapsed, args.users, (before, after)))


if __name__ == "__main__":
    main()

"""Builds are CPU-bound, so they run off the event loop in a bounded pool of processes, one per
core. A build that runs past the time limit has its worker killed and replaced (pebble does
this), so one user cannot stall the others; when every worker is busy and the queue is full the
answer is 503 with Retry-After, never a hang. Workers are recycled after a number of builds so
memory stays flat over a long-running server.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
from collections.abc import Callable
from typing import Any, TypeVar

from pebble import ProcessPool

T = TypeVar("T")
BUILDS_PER_WORKER = 200


class PoolBusy(Exception):
    """Every worker is busy and the queue is full: try again shortly."""

    retry_after = 5


class BuildTimedOut(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"the build took longer than {seconds:g} seconds and was stopped")
        self.seconds = seconds


def _warm() -> None:
    """Import the writers once per worker, so no user waits for it."""
    from sessionbuilder.commands import build  # noqa: F401
    from sessionbuilder.render import docx, html, pdf  # noqa: F401
    from sessionbuilder.render.pptx import deck  # noqa: F401


class BuildPool:
    """`await pool.run(fn, *args)`: fn and its arguments must be picklable (module-level
    functions and plain values); its return value comes back the same way."""

    def __init__(self, workers: int, waiting: int, timeout: float) -> None:
        self.workers, self.limit, self.timeout = workers, workers + waiting, timeout
        self.in_flight = 0
        self._pool: ProcessPool | None = None

    def start(self) -> None:
        # forkserver: never fork the server's threads; workers start clean and are warmed once.
        self._pool = ProcessPool(max_workers=self.workers, max_tasks=BUILDS_PER_WORKER,
                                 initializer=_warm,
                                 context=multiprocessing.get_context("forkserver"))

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None

    async def run(self, fn: Callable[..., T], *args: Any, timeout: float | None = None) -> T:
        if self._pool is None:
            raise RuntimeError("the build pool was not started")
        if self.in_flight >= self.limit:
            raise PoolBusy()
        self.in_flight += 1
        limit = timeout or self.timeout
        try:
            future = self._pool.schedule(fn, args=args, timeout=limit)
            return await asyncio.wrap_future(future)
        except concurrent.futures.TimeoutError:
            raise BuildTimedOut(limit) from None
        finally:
            self.in_flight -= 1

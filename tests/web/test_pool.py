"""The build pool: a runaway build is stopped and the pool goes on; a full pool says so at once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time

import pytest

from sessionbuilder.web.pool import BuildPool, BuildTimedOut, PoolBusy


def run(coroutine_function):
    """In a thread of its own: a browser test may have left this thread's event loop running."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine_function()).result()


@pytest.fixture(scope="module")
def pool():
    p = BuildPool(workers=1, waiting=1, timeout=1.0)
    p.start()
    yield p
    p.stop()


def test_a_build_past_the_limit_is_stopped_and_the_next_one_runs(pool):
    async def both():
        with pytest.raises(BuildTimedOut, match="longer than 1 seconds"):
            await pool.run(time.sleep, 30)
        return await pool.run(pow, 2, 10)
    started = time.monotonic()
    assert run(both) == 1024
    assert time.monotonic() - started < 20  # the sleeping worker was killed, not waited for


def test_when_workers_and_queue_are_full_the_next_is_refused_at_once(pool):
    async def crowd():
        jobs = [asyncio.ensure_future(pool.run(time.sleep, 0.5)) for _ in range(2)]
        await asyncio.sleep(0)
        with pytest.raises(PoolBusy):
            await pool.run(pow, 2, 2)
        await asyncio.gather(*jobs)
        return await pool.run(pow, 2, 2)
    assert run(crowd) == 4

"""Running one function of `commands/` in the build pool and bringing back a value: its result,
its warnings, or the problem lines the CLI would print. Exceptions do not cross the process
boundary; values do.

    outcome = await run(request, commands_function, arg1, arg2, workspace=folder)
    if outcome.problems: ...show them (outcome.status is 400 or 422)...
    else: ...use outcome.value and outcome.warnings...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from sessionbuilder.errors import SessionError, ValidationFailed


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # "error: ..." lines as the CLI prints them; empty on success
    status: int = 200  # 400 unusable input (the CLI's exit 2), 422 library problems (exit 1)


def _scrub(text: str, folder: Path | None) -> str:
    """Messages name our temporary folder's files by the names the user knows them by."""
    if folder is None:
        return text
    return text.replace(f"{folder}/", "").replace(str(folder), "your upload")


def guarded(fn: Callable[..., Any], args: tuple, folder: Path | None) -> Outcome:
    """Runs in a worker: fn's value and its warnings, or its SessionError as problem lines."""
    try:
        value = fn(*args)
    except ValidationFailed as e:
        return Outcome(problems=tuple(_scrub(f"error: {p}", folder) for p in e.problems), status=422)
    except SessionError as e:
        return Outcome(problems=(_scrub(f"error: {e.format_message()}", folder),), status=400)
    return Outcome(value, tuple(_scrub(str(w), folder) for w in getattr(value, "warnings", ())))


async def run(request: Request, fn: Callable[..., Any], *args: Any,
              workspace: Path | None = None) -> Outcome:
    """fn(*args) in the pool. Raises pool.PoolBusy (answered 503 with Retry-After) or
    pool.BuildTimedOut (answered 504): the app's error handlers turn both into pages or JSON."""
    return await request.app.state.pool.run(guarded, fn, args, workspace)


async def quick(fn: Callable[..., Any], *args: Any) -> Outcome:
    """fn(*args) in a thread of the server, for read-only answers that take milliseconds (the
    choices offered, a running-order preview) from the server's own libraries, so that they never
    wait in the pool's queue behind decks and packs. Nothing a user uploads reaches these."""
    return await run_in_threadpool(guarded, fn, args, None)

"""The exception family: every user-facing failure is one of these, so the CLI never shows a traceback.

Exit codes follow PRODUCT.md: 1 when validation found problems in a library or recipe,
2 for bad usage or unusable input (missing files, bad template, bad output path).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from sessionbuilder.text.clean import terminal


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, and where."""

    file: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.message}{hint}"


class SessionError(click.ClickException):
    """A clean, one-line failure with the exit code the CLI should use."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | Path | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        self.problem = Problem(str(file) if file else "", line, message, hint)
        super().__init__(str(self.problem) if file else _with_hint(message, hint))

    def show(self, file=None) -> None:  # noqa: ARG002 - click's signature
        click.echo(terminal(f"error: {self.format_message()}"), err=True)


class InputError(SessionError):
    """Unusable input: a file that cannot be read, a bad option value, a bad output path."""

    exit_code = 2


class ValidationFailed(SessionError):
    """A library or recipe has problems; carries every one so all can be reported at once."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
        click.ClickException.__init__(self, "\n".join(f"error: {p}" for p in self.problems))

    def show(self, file=None) -> None:  # noqa: ARG002
        click.echo(terminal(self.format_message()), err=True)
        if len(self.problems) > 1:
            click.echo(f"{len(self.problems)} problems found.", err=True)


def _with_hint(message: str, hint: str | None) -> str:
    return f"{message} ({hint})" if hint else message


class InternalError(SessionError):
    """A bug in sessionbuilder, not the user's input (exit 3)."""

    exit_code = 3

    def __init__(self, message: str) -> None:
        super().__init__(message, hint="please report this; SESSIONBUILDER_DEBUG=1 shows the details")

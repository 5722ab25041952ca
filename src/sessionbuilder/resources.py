"""Where the bundled library, recipes and assets live: inside the installed wheel, or the checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """`learning_points`, `decks` or `assets`, from the wheel if installed, else from the checkout."""
    packaged = _HERE / "data" / name
    return packaged if packaged.is_dir() else _HERE.parents[1] / name


def library_dir() -> Path:
    return bundled("learning_points")


def decks_dir() -> Path:
    return bundled("decks")


def asset(name: str) -> Path:
    return bundled("assets") / name

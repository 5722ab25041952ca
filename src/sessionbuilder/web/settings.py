"""What `sessionbuilder serve` was asked for, as one frozen value the app and its parts share."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MB = 2**20


@dataclass(frozen=True)
class Settings:
    libraries: tuple[Path, ...] = ()
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # from --token-file: the shared secret, or None
    no_auth: bool = False
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    queue: int = 0  # builds waiting for a worker before 503; 0 means 8 per worker
    timeout: float = 60.0  # seconds one build may take before it is stopped
    max_upload: int = 25 * MB  # bytes in one request body
    max_field: int = 100_000  # characters in one text field, before the field's own limit

    @property
    def waiting(self) -> int:
        return self.queue or 8 * self.workers

    @property
    def auth(self) -> bool:
        return self.token is not None


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")

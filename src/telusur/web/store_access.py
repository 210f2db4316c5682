"""The app's settings and the per-request store: one SQLite connection per request, closed after it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from telusur.store import Store

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass
class Settings:
    """What the app serves: the database, where uploads are kept, and the upload size limit.

    ``write_lock`` lets one upload analyse at a time (SQLite has one writer; readers go
    on meanwhile, the database being in WAL mode).
    """

    db: Path
    uploads: Path
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if self.max_upload_bytes <= 0:
            raise ValueError(f"max_upload_bytes must be positive, got {self.max_upload_bytes}")


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: yield a Store on the app's database for one request, then close it."""
    store = Store(request.app.state.settings.db)
    try:
        yield store
    finally:
        store.close()

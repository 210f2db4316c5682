"""The app's settings and the store a request reads: one read-only SQLite connection per handler thread.

Opening and closing a connection per request costs more than most requests (and closing
the last one checkpoints the log); a thread's connection is kept for its next requests
instead. It is read-only: requests read, and an upload writes through its own run
(``web.uploads``). In WAL mode each statement sees every commit made before it, so a kept
connection never serves stale data.
"""

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


_local = threading.local()


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: yield this thread's read-only Store on the app's database (opened on first use).

    Raises ``StoreError`` when the database cannot be opened read-only.
    """
    db: Path = request.app.state.settings.db
    kept: dict[Path, Store] = getattr(_local, "stores", None) or {}
    store = kept.get(db)
    if store is None:
        store = Store(db, read_only=True)
        kept[db] = store
        _local.stores = kept
    yield store

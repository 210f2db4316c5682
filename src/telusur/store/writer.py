"""One writer at a time: an advisory lock beside the database, held for a whole run.

SQLite lets one connection write at a time and makes the others wait a few seconds, then
fail ("database is locked") in the middle of their work. Telusur's runs are long (an
``analyze`` of a large folder, or an upload through the web app while one runs), so a
run takes ``<db>-writer.lock`` (``fcntl.flock``, released by the kernel even when the
process is killed) before it writes anything and holds it to the end. A second run waits
for it, saying so, or refuses at once (``wait=0``) or after ``wait`` seconds, with
``WriterBusyError`` naming who holds it. Readers (pages, read-only commands) never take
it: WAL lets them read while the writer writes.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from telusur.errors import StoreError

POLL_SECONDS = 0.2


class WriterBusyError(StoreError):
    """Another Telusur run is writing this database."""

    code = "busy"


def lock_path(db: str | Path) -> Path:
    """Return the path of the writer lock of database ``db``."""
    db = Path(db)
    return db.with_name(db.name + "-writer.lock")


@contextmanager
def writer_lock(db: str | Path, wait: float | None = None,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the database's writer lock for the ``with`` block.

    Takes the database path, how long to wait for another writer (None: as long as it
    takes; 0: not at all) and a function told once, with who holds the lock, when this
    run has to wait. Raises ``WriterBusyError`` when the lock is still held after
    ``wait`` seconds, and ``ValueError`` for a negative ``wait``.
    """
    if wait is not None and wait < 0:
        raise ValueError(f"wait must be at least 0 seconds, got {wait}")
    path = lock_path(db)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = None if wait is None else time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if deadline is not None and time.monotonic() >= deadline:
                    raise WriterBusyError(f"{db}: another Telusur run is writing it ({holder});"
                                          " try again when it ends") from None
                if not told and on_wait is not None:
                    on_wait(holder)
                    told = True
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, since {datetime.now(timezone.utc).isoformat(timespec='seconds')}".encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """What the lock file says of the run holding it ("pid 123, since ..."), or "unknown"."""
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
    except OSError:
        return "unknown"

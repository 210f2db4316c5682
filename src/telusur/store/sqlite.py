"""The SQLite store: opening, the schema and its migrations, runs; its reads and writes by concern.

``Store`` is made of parts (``store.articles``, ``store.relations``, ``store.stories``,
``store.search``, on ``store.base``) and is ``guarded``: a ``sqlite3.Error`` in any public method reaches the
caller as a ``StoreError``. Writes are idempotent: an article is keyed by its id, and
re-analysing the same content (same hash, same pipeline version) changes nothing. Each
batch is committed as a whole, so a run killed mid-way keeps every batch it finished and
the next run skips them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from telusur.errors import SchemaVersionError, StoreError
from telusur.store.articles import ArticleStore
from telusur.store.base import guarded
from telusur.store.relations import RelationStore
from telusur.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from telusur.store.search import SearchStore
from telusur.store.sql import in_chunks, index_stems, known_articles, known_hashes, now
from telusur.store.stories import StoryStore
from telusur.store.tables import TableStore

__all__ = ["BACKFILLS", "Store", "in_chunks", "known_articles", "known_hashes"]


@guarded
class Store(ArticleStore, RelationStore, StoryStore, SearchStore, TableStore):
    """A Telusur database file. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        """Open the Telusur database at ``path``: for writing (created and migrated as needed) or read-only.

        Writable, a missing file (and folder) is created and an older Telusur database is
        migrated. Read-only, the file must exist and already be at this Telusur's schema:
        nothing is created or migrated. Either way a file that is not Telusur's (another
        application's SQLite database, or not SQLite at all) is refused untouched.
        Raises ``StoreError`` for a missing file (read-only), a foreign or unreadable file,
        or an older schema (read-only), and ``SchemaVersionError`` when a newer Telusur
        wrote it.
        """
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such database (run telusur analyze to make one)")
                self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                            check_same_thread=False)
                self._check_owner()
                self._check_current()
                return
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._check_owner()
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a Telusur database: {exc}") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if getattr(self, "conn", None) is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def _check_owner(self) -> None:
        """Refuse a database that is not Telusur's, before anything is written to it.

        Telusur's own files carry ``APPLICATION_ID``; files written before it was set are
        known by a schema version and an ``articles`` table; a new file has no table yet.
        """
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        if app_id == 0 and (not tables or (version > 0 and "articles" in tables)):
            return
        what = f"application id {app_id:#x}" if app_id else f"{len(tables)} table(s) of its own ({', '.join(tables[:5])})"
        raise StoreError(f"{self.path}: not a Telusur database ({what}); Telusur leaves it untouched")

    def _check_current(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path}: schema version {version} is newer than this Telusur's {SCHEMA_VERSION}; upgrade Telusur")
        if version < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is older than this Telusur's {SCHEMA_VERSION};"
                             f" upgrade it first: telusur upgrade --db {self.path}")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path}: schema version {version} is newer than this Telusur's {SCHEMA_VERSION}; upgrade Telusur"
            )
        for number in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                if number in BACKFILLS:
                    BACKFILLS[number](self.conn)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                self.conn.execute("ROLLBACK")
                raise
        if self.conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:  # written before the id was set
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def begin_run(self, paths: Iterable[str]) -> int:
        """Record the start of an analysis run; returns its id."""
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, paths, status) VALUES (?, ?, 'running')",
            (now(), json.dumps([str(p) for p in paths])),
        )
        return int(cur.lastrowid or 0)

    def close_stale_runs(self) -> int:
        """Mark every run still "running" as "interrupted" (call holding the writer lock); return how many."""
        cur = self.conn.execute("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'", (now(),))
        return cur.rowcount

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record a run's end, its status (done, interrupted, failed) and its counts."""
        self.conn.execute(
            "UPDATE runs SET finished_at=?, status=?, read=?, new=?, updated=?, unchanged=?, failed=? WHERE id=?",
            (now(), status, counts.get("read", 0), counts.get("new", 0), counts.get("updated", 0),
             counts.get("unchanged", 0), counts.get("failed", 0), run_id),
        )


def _statements(script: str) -> list[str]:
    """Split a migration into statements; a trigger's body keeps its inner semicolons."""
    out, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        raise StoreError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")
    return out


def _fill_stems(conn: sqlite3.Connection) -> None:
    """Migration 12's backfill: the stems of every article already stored."""
    index_stems(conn, conn.execute("SELECT id, title, body FROM articles").fetchall())


# Python run inside a migration's transaction, after its SQL: migration index -> function
BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {11: _fill_stems}

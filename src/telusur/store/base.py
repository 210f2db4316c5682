"""What every part of the store shares: the connection, transactions, the corpus state, and the error guard.

``Store`` (``store.sqlite``) is one class made of parts by concern (``articles``,
``relations``, ``stories``), each a subclass of ``StoreBase``. ``guarded`` wraps every
public method of a class so that a ``sqlite3.Error`` leaves it as a ``StoreError`` naming
the database and the method: callers handle one error type (the CLI exits 3, the web app
answers 503), never a raw driver error.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from telusur.errors import StoreError
from telusur.ingest.decode import has_surrogates

C = TypeVar("C", bound=type)


class StoreBase:
    """The connection and path every store part reads and writes through."""

    conn: sqlite3.Connection
    path: Path
    read_only: bool

    def transaction(self) -> "_Transaction":
        """Return a context manager that commits a batch of writes as one, or rolls it back."""
        return _Transaction(self.conn)

    def corpus_version(self) -> str | None:
        """Return the version of the corpus stages that last ran over the store, or None."""
        row = self.conn.execute("SELECT value FROM corpus_state WHERE name='corpus_version'").fetchone()
        return row[0] if row else None

    def set_corpus_version(self, version: str) -> None:
        """Record that the corpus stages of ``version`` ran over the stored articles (clears ``corpus_pending``)."""
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('corpus_version', ?)", (version,))
            self.conn.execute("DELETE FROM corpus_state WHERE name = 'pending'")

    def known_stems(self, stemmer: str) -> list[tuple[str, str]]:
        """Return the ``(word, stem)`` pairs kept by earlier runs, when they were made by stemmer version ``stemmer``; else []."""
        if not self._stems_made_by(stemmer):
            return []
        return self.conn.execute("SELECT word, stem FROM stem_cache").fetchall()

    def keep_stems(self, stems: dict[str, str], stemmer: str) -> None:
        """Keep ``{word: stem}`` made by stemmer version ``stemmer`` (call inside ``transaction``).

        Stems of another version kept before are dropped first: a stem holds for the stemmer that made it.
        """
        if not self._stems_made_by(stemmer):
            self.conn.execute("DELETE FROM stem_cache")
            self.conn.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('stemmer', ?)", (stemmer,))
        # a word with a lone surrogate (text handed in by a caller, not through ingest) cannot be stored as UTF-8
        self.conn.executemany("INSERT OR IGNORE INTO stem_cache (word, stem) VALUES (?, ?)",
                              sorted((w, s) for w, s in stems.items() if not has_surrogates(w + s)))

    def _stems_made_by(self, stemmer: str) -> bool:
        """Whether the kept stems were made by stemmer version ``stemmer``."""
        row = self.conn.execute("SELECT value FROM corpus_state WHERE name = 'stemmer'").fetchone()
        return row is not None and row[0] == stemmer

    def mark_corpus_pending(self) -> None:
        """Record that articles changed since the corpus stages last finished (call inside ``transaction``)."""
        self.conn.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('pending', '1')")

    def corpus_pending(self) -> bool:
        """Return True when articles changed since the corpus stages last finished (a run stopped before them)."""
        return self.conn.execute("SELECT 1 FROM corpus_state WHERE name = 'pending'").fetchone() is not None

    def _stale(self, table: str) -> list[str]:
        """Ids of articles with no row in ``table`` (term_signatures, body_signatures, story_profiles), or one
        made before the article was last written; rows of articles no longer stored are dropped."""
        assert table in ("term_signatures", "body_signatures", "story_profiles")
        self.conn.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        return [r[0] for r in self.conn.execute(
            f"SELECT a.id FROM articles a LEFT JOIN {table} s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL OR s.updated_run != a.updated_run ORDER BY a.id")]


class _Transaction:
    """One ``BEGIN IMMEDIATE ... COMMIT`` (or ``ROLLBACK`` when the block raises)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def guarded(cls: C) -> C:
    """Wrap every public method ``cls`` has or inherits so that ``sqlite3.Error`` becomes ``StoreError``; returns ``cls``."""
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if name.startswith("_") or not inspect.isfunction(value) or getattr(value, "_guarded", False):
                continue
            setattr(cls, name, _guard(value))
    return cls


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    def fail(self: StoreBase, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"{getattr(self, 'path', '?')}: database error in {fn.__name__}: {exc}")

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def stream(self: StoreBase, *args: Any, **kwargs: Any) -> Any:
            try:
                yield from fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise fail(self, exc) from exc
        wrapper: Callable[..., Any] = stream
    else:
        @functools.wraps(fn)
        def call(self: StoreBase, *args: Any, **kwargs: Any) -> Any:
            try:
                return fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise fail(self, exc) from exc
        wrapper = call
    wrapper._guarded = True  # type: ignore[attr-defined]
    return wrapper

"""Small SQL helpers every part of the store uses (and the executor's feeder, on its own connection)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from telusur.text.terms import stemmed


def now() -> str:
    """Return the current UTC time as ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def in_chunks(values: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """Yield ``(chunk, "?,?,...")`` pairs so an ``IN (...)`` query stays under SQLite's variable limit."""
    for i in range(0, len(values), size):
        chunk = values[i : i + size]
        yield chunk, ",".join("?" * len(chunk))


def known_articles(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """Return ``{id: (content_hash, pipeline_version, source)}`` for the stored ids, on any connection."""
    out: dict[str, tuple[str, str, str]] = {}
    for chunk, marks in in_chunks(ids):
        for row in conn.execute(f"SELECT id, content_hash, pipeline_version, source FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = (row[1], row[2], row[3])
    return out


def known_hashes(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Return ``{id: (content_hash, pipeline_version)}`` for the stored ids, on any connection."""
    out: dict[str, tuple[str, str]] = {}
    for chunk, marks in in_chunks(ids):
        for row in conn.execute(f"SELECT id, content_hash, pipeline_version FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = (row[1], row[2])
    return out


def index_stems(conn: sqlite3.Connection, rows: Iterable[tuple[str, str | None, str]]) -> None:
    """Put stored articles' ``(id, title, body)`` into the stemmed search index, replacing what it held."""
    for article_id, title, body in rows:
        found = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if found is None:
            continue
        conn.execute("DELETE FROM article_stems WHERE rowid = ?", found)
        conn.execute("INSERT INTO article_stems (rowid, title, body) VALUES (?, ?, ?)",
                     (found[0], stemmed(title or ""), stemmed(body)))

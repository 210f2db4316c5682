"""Corpus-wide figures the pages show, computed once per state of the database, not per request.

Outlet profiles and the index's figures read every article's outlet and every sibling
pair: 0.1-0.3 s on 10,000 articles, too much for each article page. They change only when
the database does, so they are kept with the database's *generation*: the size and
modification time of the file and of its write-ahead log, which every commit changes (a
commit appends to the log, a checkpoint rewrites the file). Two requests that race on a
new generation may both compute; neither waits for the other.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from telusur.corpus.outlets import OutletProfile, outlet_profiles
from telusur.store import Store

T = TypeVar("T")
Generation = tuple[int, ...]


def generation(db: Path) -> Generation:
    """Return a token that changes whenever a commit changes the database at ``db`` (file and log sizes and times).

    An empty or missing log counts alike: a reader opening the database may create an
    empty one, which changes nothing stored.
    """
    out: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = os.stat(path)
        except OSError:
            out += [0, 0]
            continue
        out += [st.st_size, st.st_mtime_ns if st.st_size else 0]
    return tuple(out)


class CorpusCache:
    """Values derived from the whole database, each kept until the database's generation changes."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[Generation, object]] = {}

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """Return the value kept under ``key`` for the current generation, computing it when there is none."""
        now = generation(self.db)
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == now:
            return kept[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._kept[key] = (now, value)
        return value

    def outlet_profiles(self, store: Store) -> dict[str, OutletProfile]:
        """Return every outlet's profile by outlet name (``corpus.outlets``), read through ``store`` when not kept."""
        return self.get("outlet_profiles", lambda: {p.outlet: p for p in outlet_profiles(
            store.article_outlets(), store.sibling_pairs(), store.fact_diffs("distortion", texts=False))})

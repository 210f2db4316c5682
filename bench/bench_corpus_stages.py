"""Time and peak memory of the corpus stages alone, on an analysed database.

Usage: python bench/bench_corpus_stages.py DB [--all] [--full] [--trace N]

Copies DB (for example one kept by ``bench_memory.py --n 10000 --keep``) to a temp file
and runs, on the copy and in this process, ``refresh_rewrites`` then ``refresh_stories``
(with ``--all``, first the corpus entities and near-duplicates too, in the order
``engine.local.run`` runs them). With ``--full`` the kept corpus work (signatures,
alignment verdicts, story profiles) is forgotten first, so the stages run as on a new
database; without it they run incrementally and find nothing to do on a database that
an analysis just finished. Prints the counts, each stage's seconds and this process's
peak RSS (``ru_maxrss``) after it, and a digest of what the stages wrote (compare two
commits' results on one database). ``--trace N`` runs under ``tracemalloc`` (slower) and
prints the N source lines holding most memory at the largest traced total seen, which
a thread samples every second.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import resource
import shutil
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from telusur.engine.corpus_stages import refresh_corpus_entities, refresh_near_duplicates, refresh_rewrites, refresh_stories
from telusur.store import Store
from telusur.text.terms import remember_stems, stemmer_version


class PeakSnapshot:
    """A thread that keeps the top allocation lines of the largest traced total it sees."""

    def __init__(self, top: int, every: float = 1.0) -> None:
        self.top, self.every = top, every
        self.best = 0
        self.stage = ""
        self.lines: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> "PeakSnapshot":
        tracemalloc.start(1)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        tracemalloc.stop()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            current, _ = tracemalloc.get_traced_memory()
            if current > self.best * 1.05:
                stats = tracemalloc.take_snapshot().statistics("lineno")[: self.top]
                self.best = current
                self.lines = [f"{self.stage}: {s.size / 2**20:8.1f} MiB {s.count:>9} blocks  {s.traceback[0]}"
                              for s in stats]


def main() -> None:
    """Parse the arguments, run the stages on a copy and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--all", action="store_true", help="also the corpus entities and near-duplicates stages")
    parser.add_argument("--full", action="store_true", help="forget the kept corpus work first (a first run)")
    parser.add_argument("--trace", type=int, default=0, metavar="N", help="print the N lines holding most at the peak")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "stages.db"
        shutil.copy(args.db, copy)  # without the -wal file: the database as of its last checkpoint
        with Store(copy) as store:
            print(f"articles: {store.count()}")
            print(f"peak_rss_before_stages: {_peak_mb()} MiB")
            if args.full:
                store.forget_corpus_work()
            # as ``engine.local.run`` does: the stems the database kept are not made again
            remember_stems(store.known_stems(stemmer_version()))
            stages: list[tuple[str, Callable[[], object]]] = [
                ("siblings_and_diffs", lambda: refresh_rewrites(store)),
                ("stories", lambda: refresh_stories(store, full=args.full)),
            ]
            if args.all:
                stages[:0] = [("entities", lambda: refresh_corpus_entities(store)),
                              ("near_duplicates", lambda: refresh_near_duplicates(store))]
            tracer = PeakSnapshot(args.trace) if args.trace else None
            with tracer or contextlib.nullcontext():
                for name, stage in stages:
                    if tracer:
                        tracer.stage = name
                    start = time.perf_counter()
                    result = stage()
                    print(f"{name}: {result}")
                    print(f"{name}_time: {time.perf_counter() - start:.1f} s")
                    print(f"peak_rss_after_{name}: {_peak_mb()} MiB")
            print(f"results_digest: {results_digest(store)}")
            if tracer:
                print(f"traced_peak_snapshot: {tracer.best / 2**20:.0f} MiB, top {args.trace} lines")
                for line in tracer.lines:
                    print(f"  {line}")


# what the stages wrote, each in an order that does not depend on how many runs made it
RESULTS = (
    "SELECT group_id, a, b, relation, coverage, source FROM sibling_pairs ORDER BY group_id, a, b",
    "SELECT kind, verdict, article_id, start, end, says, sibling_id, sibling_start, sibling_end, sibling_says, what,"
    " a_value, b_value"
    " FROM fact_diffs ORDER BY article_id, start, sibling_id, kind, seq",
    "SELECT article_id, story_id FROM story_members ORDER BY article_id",
    "SELECT * FROM story_views ORDER BY 1, 2",
)


def results_digest(store: Store) -> str:
    """Return a SHA-256 over the sibling pairs, fact diffs and stories in ``store``: equal digests, equal results."""
    digest = hashlib.sha256()
    for sql in RESULTS:
        for row in store.conn.execute(sql):
            digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()[:16]


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


if __name__ == "__main__":
    main()

"""Local executor: stream documents, clean them on a process pool, store them in batches.

The main process reads and writes; workers only run the pure pipeline. Each batch is one
transaction, so an interrupted run keeps every finished batch, and the next run skips
documents whose content hash and pipeline version are already stored.
"""

from __future__ import annotations

import functools
import itertools
import logging
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from telusur.engine.corpus_stages import CORPUS_STAGES, DEFAULT_MIN_ARTICLES, StageContext, strip_learned_templates
from telusur.engine.pipeline import PIPELINE_VERSION, internal_failure, process_to_row
from telusur.engine.progress import Progress, Silent, count_beside
from telusur.ingest import DEFAULT_MAX_BYTES, iter_documents
from telusur.model import Document, Failure
from telusur.store import ArticleRow, Store
from telusur.engine.identity import Claims, Held, settle
from telusur.store.writer import writer_lock
from telusur.store.sqlite import known_articles
from telusur.text.terms import known_stems, remember_stems, stemmer_version

# bumped whenever a corpus stage (aliases, near-duplicates, siblings and diffs...) changes,
# so an unchanged corpus is brought up to date on the next run
CORPUS_VERSION = "20"
T = TypeVar("T")
log = logging.getLogger(__name__)

BATCH_SIZE = 256
# documents handed to the workers and not yet written: without this bound the pool's result
# queue grows without limit whenever the writer is slower than the workers
MAX_IN_FLIGHT = 4 * BATCH_SIZE
MAX_FAILURES_KEPT = 1000  # in memory for the summary; every failure is in the database


@dataclass
class RunSummary:
    """What one run did: counts, duration and the failures with their reasons."""

    run_id: int
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    templated: int = 0
    entities: int = 0
    duplicates: int = 0
    siblings: int = 0
    distortions: int = 0  # facts changed by rewrites, each once however many siblings show it
    stories: int = 0
    seconds: float = 0.0
    status: str = "running"
    failures: list[Failure] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)  # articles, templates, then each corpus stage
    internal: int = 0  # failures that are Telusur bugs (code "internal"), documents' and corpus groups'

    def count(self, failures: list[Failure]) -> None:
        """Count failures already stored, keeping the first MAX_FAILURES_KEPT for the summary."""
        self.failed += len(failures)
        self.internal += sum(f.internal for f in failures)
        self.failures.extend(failures[: max(0, MAX_FAILURES_KEPT - len(self.failures))])

    @property
    def cleaned(self) -> int:
        """Documents cleaned and stored in this run (new or updated)."""
        return self.new + self.updated

    def counts(self) -> dict[str, int]:
        """Return the counters as a plain dict."""
        return {k: getattr(self, k) for k in ("read", "new", "updated", "unchanged", "failed")}


def run(
    paths: Iterable[str | Path],
    store: Store,
    workers: int | None = None,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_template_articles: int = DEFAULT_MIN_ARTICLES,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    csv_text_column: str | None = None,
) -> RunSummary:
    """Analyse every document under ``paths`` into ``store``, as the database's one writer.

    Takes paths (files and folders), an open Store, the number of worker processes
    (default: CPU count; 1 runs in-process), a ``Progress`` to tell what is done (default:
    none), the per-document size limit, the template threshold, and
    how long to wait while another run writes the database (None: until it ends; 0: not
    at all; ``on_wait`` is told once who holds it), and the body column of CSV/TSV files
    (None: told from each header). A run left "running" by a process
    that died is closed as "interrupted". Returns the RunSummary. Raises ``ValueError``
    for a non-positive ``workers``, ``WriterBusyError`` when another run still writes
    after ``wait`` seconds; ``KeyboardInterrupt`` is re-raised after the finished batches
    are committed and the run is marked interrupted.
    """
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    with writer_lock(store.path, wait, on_wait):
        store.close_stale_runs()  # no other writer holds the lock: a "running" run died
        read = functools.partial(iter_documents, max_bytes=max_bytes, csv_text_column=csv_text_column)
        return _run(paths, store, workers, progress or Silent(), read, min_template_articles)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no traceback from each worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(paths: Iterable[str | Path], store: Store, workers: int, bar: Progress,
         read: Callable[[list[str]], Iterator[Document | Failure]], min_template_articles: int) -> RunSummary:
    names = [str(p) for p in paths]
    summary = RunSummary(run_id=store.begin_run(names))
    log.info("run %d: %s, %d worker(s)", summary.run_id, ", ".join(names), workers)
    kept_stems = store.known_stems(stemmer_version())
    remember_stems(kept_stems)
    started = time.perf_counter()
    bar.stage("articles")
    count_beside(read, names, bar)
    feeder = _Feeder(read(names), store.path)
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts) if workers > 1 else None
    try:
        results = pool.imap(process_to_row, feeder, chunksize=16) if pool else map(process_to_row, feeder)
        pending: list[ArticleRow | Failure] = []
        for result in results:
            pending.append(result)
            if len(pending) >= BATCH_SIZE:
                bar.advance(_write(pending, feeder, store, summary))
        bar.advance(_write(pending, feeder, store, summary))
        clock = _Clock(summary.stage_seconds, started)
        clock.lap("articles")
        bar.stage("templates")
        mapper = (lambda fn, items: pool.imap(fn, items, chunksize=8)) if pool else map
        guard = _Guard(store, summary)
        templated = guard.stage("templates", strip_learned_templates, store, summary.run_id, PIPELINE_VERSION,
                                min_template_articles, mapper=mapper)
        if templated is not None:
            summary.templated, failures = templated
            guard.record(failures)
        clock.lap("templates")
        # the corpus stages run in this process: idle workers would only hold their memory
        _close(pool)
        pool = None
        stages_changed = store.corpus_version() != CORPUS_VERSION
        # pending: articles were written since the stages last finished, in this run or in
        # one stopped before its stages ended (its articles are now 'unchanged')
        if store.corpus_pending() or stages_changed:
            if stages_changed:
                store.forget_corpus_work()  # what earlier runs kept was made by other code
            # each stage under the guard: one that fails is recorded and the next still runs
            # on what is stored; the stages stay pending, so the next run tries again
            context = StageContext(full=stages_changed, on_error=guard.group_failed("stories"))
            for stage in CORPUS_STAGES:
                bar.stage(stage.shown)
                for figure, value in (guard.stage(stage.name, stage.run, store, context) or {}).items():
                    setattr(summary, figure, value)
                clock.lap(stage.name)
            if not guard.stage_failed:
                store.set_corpus_version(CORPUS_VERSION)
        had = {word for word, _ in kept_stems}
        del kept_stems
        with store.transaction():  # the next run need not stem these words again
            store.keep_stems({w: s for w, s in known_stems().items() if w not in had}, stemmer_version())
        summary.status = "done"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        raise
    finally:
        bar.close()
        feeder.stop()
        _close(pool)
        feeder.close()
        summary.seconds = time.perf_counter() - started
        log.info("run %d %s in %.1f s: %s", summary.run_id, summary.status, summary.seconds, summary.counts())
        store.finish_run(summary.run_id, summary.status if summary.status != "running" else "failed", summary.counts())
    return summary


class _Guard:
    """Runs corpus stages so that an exception in one becomes a stored Failure, not the end of the run."""

    def __init__(self, store: Store, summary: RunSummary) -> None:
        self.store, self.summary = store, summary
        self.stage_failed = False

    def record(self, failures: list[Failure]) -> None:
        """Store failures (in their own transaction) and count them in the summary."""
        if not failures:
            return
        with self.store.transaction():
            for failure in failures:
                self.store.put_failure(failure, self.summary.run_id)
        self.summary.count(failures)

    def stage(self, name: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Return ``fn(*args, **kwargs)``, or None after recording its exception as stage ``name``'s failure."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a bug in one stage must not cost the user the others
            self.stage_failed = True
            self.record([internal_failure("corpus", "", name, exc)])
            return None

    def group_failed(self, name: str) -> Callable[[str, Exception], None]:
        """Return the ``on_error`` a stage calls when one of its groups fails (the stage goes on)."""
        return lambda group, exc: self.record([internal_failure(group, "", name, exc)])


def _close(pool: "multiprocessing.pool.Pool | None") -> None:
    """Stop a worker pool (if any) and wait for its processes."""
    if pool is not None:
        pool.terminate()
        pool.join()


class _Clock:
    """Writes the seconds since the previous lap into ``laps`` under each lap's name."""

    def __init__(self, laps: dict[str, float], start: float) -> None:
        self.laps, self.last = laps, start

    def lap(self, name: str) -> None:
        """End stage ``name``: note its seconds, and log them."""
        now = time.perf_counter()
        self.laps[name] = now - self.last
        self.last = now
        log.info("stage %s: %.2f s", name, self.laps[name])


class _Feeder:
    """Iterator of documents that need analysing, run in the pool's feeding thread.

    Reading and hashing overlap with the workers' cleaning. Documents already stored
    with the same content hash and pipeline version are counted, not yielded; ingest
    failures are set aside for the writer. Uses its own read connection (WAL lets it
    read while the main thread writes). At most ``max_in_flight`` documents are out at
    once: each takes a slot when yielded and gives it back when its result is written
    (``written``), so neither the pool's task queue nor its result queue can grow with
    the corpus. Raises ``ValueError`` when ``max_in_flight`` is not above BATCH_SIZE
    (the writer holds a whole batch before it frees slots).
    """

    def __init__(self, docs: Iterator[Document | Failure], db_path: Path, max_in_flight: int = MAX_IN_FLIGHT) -> None:
        if max_in_flight <= BATCH_SIZE:
            raise ValueError(f"max_in_flight must exceed the batch size {BATCH_SIZE}, got {max_in_flight}")
        self._docs = docs
        self._db_path = db_path
        self._conn: sqlite3.Connection | None = None
        self._slots = threading.Semaphore(max_in_flight)
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._failures: list[Failure] = []
        self._read = 0
        self._unchanged = 0
        self._stream = self._generate()

    def __iter__(self) -> "_Feeder":
        return self

    def __next__(self) -> Document:
        return next(self._stream)

    def _generate(self) -> Iterator[Document]:
        self._conn = sqlite3.connect(self._db_path, check_same_thread=False)
        claims = Claims()
        for batch in _batches(self._docs, BATCH_SIZE):
            docs, refused = self._identify([d for d in batch if isinstance(d, Document)], claims)
            known = known_articles(self._conn, [d.id for d in docs])
            todo = [d for d in docs if known.get(d.id, ("", "", ""))[:2] != (d.content_hash, PIPELINE_VERSION)]
            with self._lock:
                self._failures.extend(d for d in batch if isinstance(d, Failure))
                self._failures.extend(refused)
                self._read += len(batch)
                self._unchanged += len(batch) - len(todo) - len(refused) - sum(isinstance(d, Failure) for d in batch)
            for doc in todo:
                while not self._slots.acquire(timeout=0.2):
                    if self._stopped.is_set():
                        return
                yield doc

    def _identify(self, docs: list[Document], claims: Claims) -> tuple[list[Document], list[Failure]]:
        """Settle each document's id against the store and the run (``engine.identity``).

        Returns the documents to consider (ids possibly renamed; copies of a held document
        left out) and the refused ones as failures.
        """
        assert self._conn is not None
        stored = {i: Held(source, h) for i, (h, _, source) in known_articles(self._conn, [d.id for d in docs]).items()}
        kept: list[Document] = []
        refused: list[Failure] = []
        for doc in docs:
            settled = settle(doc, stored.get(doc.id), claims)
            if isinstance(settled, Failure):
                refused.append(settled)
            elif settled is not None:
                kept.append(settled)
        return kept, refused

    def written(self, n: int) -> None:
        """Free the slots of ``n`` documents whose results are written."""
        for _ in range(n):
            self._slots.release()

    def stop(self) -> None:
        """Stop feeding (a waiting feeder thread returns), so the pool can be shut down."""
        self._stopped.set()

    def drain(self) -> tuple[int, int, list[Failure]]:
        """Return and reset the counts and ingest failures gathered since the last call."""
        with self._lock:
            out = (self._read, self._unchanged, self._failures)
            self._read, self._unchanged, self._failures = 0, 0, []
        return out

    def close(self) -> None:
        """Close the read connection."""
        if self._conn is not None:
            self._conn.close()


def _batches(items: Iterator[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _write(pending: list[ArticleRow | Failure], feeder: _Feeder, store: Store, summary: RunSummary) -> int:
    """Store a batch of results and the feeder's news in one transaction; returns documents done."""
    read, unchanged, failures = feeder.drain()
    failures += [r for r in pending if isinstance(r, Failure)]
    rows = [r for r in pending if not isinstance(r, Failure)]
    with store.transaction():
        for failure in failures:
            store.put_failure(failure, summary.run_id)
        new, updated = store.write_articles(rows, summary.run_id, PIPELINE_VERSION)
    summary.read += read
    summary.unchanged += unchanged
    summary.count(failures)
    summary.new += new
    summary.updated += updated
    feeder.written(len(pending))
    pending.clear()
    return len(rows) + len(failures) + unchanged

"""Local executor: stream documents, clean them on a process pool, store them in batches.

The main process reads and writes; workers only run the pure pipeline. Each batch is one
transaction, so an interrupted run keeps every finished batch, and the next run skips
documents whose content hash and pipeline version are already stored.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from telusur.corpus.templates import DEFAULT_MIN_ARTICLES, strip_learned_templates
from telusur.engine.pipeline import PIPELINE_VERSION, process
from telusur.ingest import DEFAULT_MAX_BYTES, iter_documents
from telusur.model import Article, Document, Failure
from telusur.store import Store, WriteOutcome

BATCH_SIZE = 256


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
    seconds: float = 0.0
    status: str = "running"
    failures: list[Failure] = field(default_factory=list)

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
    progress: bool | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_template_articles: int = DEFAULT_MIN_ARTICLES,
) -> RunSummary:
    """Analyse every document under ``paths`` into ``store``.

    Takes paths (files and folders), an open Store, the number of worker processes
    (default: CPU count; 1 runs in-process), whether to show a progress bar (default:
    when stderr is a terminal), the per-document size limit and the template threshold.
    Returns the RunSummary. Raises ``ValueError`` for a non-positive ``workers``;
    ``KeyboardInterrupt`` is re-raised after the finished batches are committed and
    the run is marked interrupted.
    """
    workers = workers or os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    paths = [str(p) for p in paths]
    summary = RunSummary(run_id=store.begin_run(paths))
    started = time.perf_counter()
    bar = tqdm(unit="doc", disable=None if progress is None else not progress, desc="analyse", mininterval=0.5)
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        for batch in _batches(iter_documents(paths, max_bytes), BATCH_SIZE):
            _run_batch(batch, store, summary, pool)
            bar.update(len(batch))
        summary.templated = strip_learned_templates(store, summary.run_id, PIPELINE_VERSION, min_template_articles)
        summary.status = "done"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        raise
    finally:
        bar.close()
        if pool is not None:
            pool.terminate()
            pool.join()
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, summary.status if summary.status != "running" else "failed", summary.counts())
    return summary


def _batches(items: Iterator[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _run_batch(batch: list[Document | Failure], store: Store, summary: RunSummary, pool: object | None) -> None:
    summary.read += len(batch)
    docs = [d for d in batch if isinstance(d, Document)]
    failures = [d for d in batch if isinstance(d, Failure)]
    known = store.known_hashes([d.id for d in docs])
    todo = [d for d in docs if known.get(d.id) != (d.content_hash, PIPELINE_VERSION)]
    summary.unchanged += len(docs) - len(todo)
    if pool is not None and len(todo) > 8:
        results = list(pool.imap(process, todo, chunksize=16))  # type: ignore[attr-defined]
    else:
        results = [process(d) for d in todo]
    with store.transaction():
        for result in [*failures, *results]:
            if isinstance(result, Failure):
                store.put_failure(result, summary.run_id)
                summary.failed += 1
                summary.failures.append(result)
                continue
            outcome = store.put_article(result, summary.run_id, PIPELINE_VERSION)
            store.put_template_lines(result)
            if outcome is WriteOutcome.NEW:
                summary.new += 1
            elif outcome is WriteOutcome.UPDATED:
                summary.updated += 1
            else:
                summary.unchanged += 1

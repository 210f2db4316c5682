"""Text input: cleaning and metadata throughput, serial, on a pool of 2, and end to end.

Usage: python bench/bench_text.py [--n 20000] [--seed S]

(a) ``clean()`` serially in this process; (b) the clean stage alone, then the whole
per-article pipeline (clean + extraction, ``telusur.engine.pipeline.process``), through a
fork Pool of 2 workers (``imap``, chunksize 64); (c) ``telusur.engine.local.run`` on the
same articles written as .txt files into a temp folder, into a temp SQLite database,
workers=2 (reading files, cleaning, writing SQLite and the template pass included).
Goals: cleaning at least 1,000 articles/s on 2 cores (foundation issue), the whole
per-article pipeline at least 200 articles/s (extraction issue). Extraction's one-off
warm-up (lexicons, model) runs before the fork and is printed on its own.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
import telusur.engine.local as local  # noqa: E402
from telusur.clean import clean  # noqa: E402
from telusur.engine.pipeline import process  # noqa: E402
from telusur.errors import TelusurError  # noqa: E402
from telusur.ingest.decode import content_hash, normalise_text  # noqa: E402
from telusur.model import Document, Failure  # noqa: E402
from telusur.store import Store  # noqa: E402

GOAL = 1000.0
FULL_GOAL = 200.0
WORKERS = 2


def build(n: int, seed: int) -> tuple[list[str], list[str], list[Document]]:
    """Return the ids, texts and text Documents of ``n`` synthetic articles."""
    ids, texts, docs = [], [], []
    for art in synth.iter_articles(n, seed):
        text = normalise_text(art.text())
        ids.append(art.id)
        texts.append(text)
        docs.append(Document(id=art.id, source=f"synth:{art.id}", format="text",
                             content_hash=content_hash("text", text, {}), text=text, hints={}))
    return ids, texts, docs


def serial(docs: list[Document]) -> tuple[float, int]:
    """Clean every document in this process; return (seconds, failures)."""
    failed = 0
    start = time.perf_counter()
    for doc in docs:
        try:
            clean(doc)
        except TelusurError:
            failed += 1
    return time.perf_counter() - start, failed


def clean_only(doc: Document) -> object:
    """The clean + metadata stage alone, as the pipeline runs it (a Failure instead of raising)."""
    return process(doc, [("clean", clean)])


def pooled(docs: list[Document], workers: int, step=process) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Run ``step`` over the documents on a fork pool; return (seconds, failures)."""
    failed = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        start = time.perf_counter()
        for result in pool.imap(step, docs, chunksize=64):
            failed += isinstance(result, Failure)
        seconds = time.perf_counter() - start
    return seconds, failed


def end_to_end(ids: list[str], texts: list[str], workers: int) -> tuple[float, local.RunSummary, float]:
    """Write the articles as .txt files and analyse the folder with ``local.run``.

    Returns (seconds of ``run``, its summary, seconds spent in the template pass).
    """
    tmp = Path(tempfile.mkdtemp(prefix="telusur-bench-text-"))
    try:
        folder = tmp / "articles"
        folder.mkdir()
        for doc_id, text in zip(ids, texts, strict=False):
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        with Store(tmp / "bench.db") as store:
            start = time.perf_counter()
            summary = local.run([folder], store, workers=workers)
            seconds = time.perf_counter() - start
        return seconds, summary, summary.stage_seconds.get("templates", 0.0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    """Parse arguments, run the three measurements and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="number of articles (default 20000)")
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    args = parser.parse_args()

    start = time.perf_counter()
    ids, texts, docs = build(args.n, args.seed)
    print(f"telusur_commit: {synth.code_version()}")
    print(f"articles: {len(docs)} articles")
    print(f"generation: {time.perf_counter() - start:.1f} s")
    print(f"mean_article_size: {sum(len(t.encode()) for t in texts) / len(texts) / 1024:.1f} KiB")
    print(f"cpus: {os.cpu_count()} cores")
    serial(docs[:200])  # warm-up: lexicons, regex caches

    seconds, failed = serial(docs)
    print(f"serial_clean: {len(docs) / seconds:.0f} articles/s")
    print(f"serial_clean_time: {seconds:.1f} s")
    print(f"serial_clean_failed: {failed} articles")

    seconds, failed = pooled(docs, WORKERS, clean_only)
    pool_rate = len(docs) / seconds
    print(f"pool{WORKERS}_clean: {pool_rate:.0f} articles/s")
    print(f"pool{WORKERS}_clean_time: {seconds:.1f} s")
    print(f"pool{WORKERS}_clean_failed: {failed} articles")

    # loading the gazetteers, the NER model and compiling the cue patterns happens once
    # per process; done here before the fork, so the figure is the steady rate
    start = time.perf_counter()
    process(docs[0])
    print(f"extraction_warm_up: {time.perf_counter() - start:.1f} s (once per process)")
    seconds, failed = pooled(docs, WORKERS)
    full_rate = len(docs) / seconds
    print(f"pool{WORKERS}_full_pipeline: {full_rate:.0f} articles/s (clean + extraction)")
    print(f"pool{WORKERS}_full_pipeline_failed: {failed} articles")

    seconds, summary, template_seconds = end_to_end(ids, texts, WORKERS)
    e2e_rate = summary.read / seconds
    print(f"end_to_end_run: {e2e_rate:.0f} articles/s")
    print(f"end_to_end_run_time: {seconds:.1f} s")
    print(f"end_to_end_template_pass_time: {template_seconds:.1f} s")
    print(f"end_to_end_without_template_pass: {summary.read / (seconds - template_seconds):.0f} articles/s")
    print(f"end_to_end_stored: {summary.cleaned} articles")
    print(f"end_to_end_failed: {summary.failed} articles")
    print(f"end_to_end_template_rewritten: {summary.templated} articles")
    print(f"goal: {GOAL:.0f} articles/s")
    print(f"goal_met_pool{WORKERS}: {'yes' if pool_rate >= GOAL else 'no'}")
    print(f"goal_met_end_to_end: {'yes' if e2e_rate >= GOAL else 'no'}")
    print(f"goal_full_pipeline: {FULL_GOAL:.0f} articles/s (extraction issue)")
    print(f"goal_met_full_pipeline: {'yes' if full_rate >= FULL_GOAL else 'no'}")


if __name__ == "__main__":
    main()

"""The Spark path against the local executor, side by side, on one realistic corpus.

Usage: python bench/bench_spark.py [--n 1000] [--master local[2]] [--workers 2] [--seed S] [--keep DIR]

Writes a realistic corpus of ``--n`` articles (``realistic.py``: real IndoSum articles and
variants of them), then analyses it twice, one after the other in this process: with
``telusur.analyze`` (the local executor, ``--workers`` processes, into SQLite) and with
``telusur.spark.analyze`` (Spark on ``--master``, into Parquet), whose output is then
loaded into SQLite with ``telusur.spark.load``. Prints each path's seconds, articles a
second and the ratio, the Spark run's own stage seconds, and whether the two databases
hold the same sibling pairs, fact diffs, near-duplicate clusters and stories (what the
tests check table by table on smaller corpora). The Spark figure includes the session's
start (a JVM), as a user's run does.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realistic  # noqa: E402

import telusur  # noqa: E402
from telusur.store import Store  # noqa: E402


def _digest(db: Path) -> tuple[object, ...]:
    """What the corpus stages found, comparable across the two paths."""
    with Store(db, read_only=True) as store:
        return (sorted(map(repr, store.sibling_pairs())), sorted(map(repr, store.fact_diffs())),
                sorted(map(repr, store.near_duplicates())), sorted(store.story_members().items()), store.count())


def main() -> None:
    """Run both paths on one corpus and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=realistic.DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, help="keep the corpus, databases and Parquet output here")
    args = parser.parse_args()
    from telusur.spark import analyze as spark_analyze, load
    from telusur.spark.session import get_session

    work = args.keep or Path(tempfile.mkdtemp(prefix="telusur-bench-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        realistic.generate(work / "corpus", args.n, args.seed)
        folder = realistic.articles_dir(work / "corpus")
        start = time.perf_counter()
        with telusur.analyze(folder, db=work / "local.db", workers=args.workers) as run:
            local_articles = run.summary.new if run.summary else 0
        local_s = time.perf_counter() - start
        start = time.perf_counter()
        session = get_session(args.master)
        summary = spark_analyze([folder], work / "out", spark=session)
        spark_s = time.perf_counter() - start
        load(work / "out", work / "spark.db")
        session.stop()
        same = _digest(work / "local.db") == _digest(work / "spark.db")
        print(f"articles: {args.n} written, {local_articles} stored locally, {summary.articles} by Spark")
        print(f"local executor, {args.workers} workers: {local_s:.1f} s, {local_articles / local_s:.1f} articles/s")
        print(f"Spark {args.master} (session start included): {spark_s:.1f} s, {summary.articles / spark_s:.1f} articles/s")
        print(f"ratio Spark / local (time): {spark_s / local_s:.2f}")
        print("Spark stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in summary.stage_seconds.items()))
        print(f"same sibling pairs, diffs, clusters and stories: {same}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

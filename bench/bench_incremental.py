"""Time to add a few articles to a large analysed corpus: the incremental corpus stages at work.

Usage: python bench/bench_incremental.py DB [--add 100] [--workers 2] [--copy]

DB is a database made by ``python bench/bench_memory.py --n N --keep`` (synthetic
articles 0..N-1). The script builds the next ``--add`` articles of the same synthetic
stream (indices N.., same outlets, so they are siblings and story members of what is
stored), analyses them into DB in this process and prints the run's seconds per stage
(articles, templates, corpus entities, near-duplicates, siblings and diffs, stories) and
its totals. ``--copy`` works on a copy of DB (the file is left as it was). A second
run over the same files, which changes nothing, is timed too.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import synth  # noqa: E402

import telusur  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--copy", action="store_true")
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    parser.add_argument("--outlets-per-layout", type=int, default=6)
    args = parser.parse_args()
    if args.add < 1:
        parser.error("--add must be at least 1")
    print(f"telusur_commit: {synth.code_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if args.copy:
            db = Path(tmp) / "copy.db"
            shutil.copy(args.db, db)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        print(f"stored_articles: {stored}")
        gen = synth.Generator(args.seed, outlets_per_layout=args.outlets_per_layout)
        folder = Path(tmp) / "new"
        folder.mkdir()
        for i in range(stored, stored + args.add):
            art = gen.article(i)
            (folder / f"{art.id}.txt").write_text(art.text(), encoding="utf-8")
        for label in ("add", "again"):
            start = time.perf_counter()
            with telusur.analyze(folder, db=db, workers=args.workers) as analysis:
                s = analysis.summary
                seconds = time.perf_counter() - start
                print(f"{label}_new: {s.new}  unchanged: {s.unchanged}  failed: {s.failed}")
                for stage, t in s.stage_seconds.items():
                    print(f"{label}_{stage}_s: {t:.1f}")
                print(f"{label}_total_s: {seconds:.1f}")
                print(f"{label}_articles_now: {len(analysis)}")
                if "stories" in s.stage_seconds:
                    print(f"{label}_sibling_pairs: {s.siblings}  stories: {s.stories}")


if __name__ == "__main__":
    main()

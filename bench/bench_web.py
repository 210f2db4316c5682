"""Latency of the web app's pages and API on a database, in-process (ASGI, no network).

Usage: python bench/bench_web.py [--db DB] [--repeat 20] [--no-kept-answers]

Without ``--db`` the demo corpus is analysed into a temporary database first. For a large
corpus, pass the database kept by ``python bench/bench_memory.py --n 10000 --keep``.
For each address the script prints the median and 95th-percentile time of ``--repeat``
requests; for search it also times the same query as a ``LIKE`` scan over the bodies
(what a store without a full-text index would do), side by side on the same file, and
prints the ratio.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fastapi.testclient import TestClient  # noqa: E402

import telusur  # noqa: E402
from telusur.web.app import create_app  # noqa: E402


def _time(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm: template compilation, page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1000, times[min(len(times) - 1, int(0.95 * len(times)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-kept-answers", action="store_true",
                        help="build every answer (the app keeps answers per database state by default: repeats are cache hits)")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        db = Path(tmp.name) / "demo.db"
        telusur.analyze(ROOT / "demo" / "corpus", db=db, workers=1).close()
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        story = conn.execute("SELECT story_id FROM story_members GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
        article = conn.execute("SELECT id FROM articles ORDER BY published LIMIT 1").fetchone()[0]
        entity = conn.execute("SELECT id FROM corpus_entities ORDER BY articles DESC LIMIT 1").fetchone()
        word = "tentara"
    print(f"database: {db} ({n} articles)")
    client = TestClient(create_app(db, keep_answers=not args.no_kept_answers))
    paths = ["/", f"/articles/{quote(article, safe='')}", f"/search?q={word}", "/api/v1/articles?limit=50",
             f"/api/v1/search?q={word}", "/api/v1/corpus", "/api/v1/entities?limit=50"]
    if story:
        paths += [f"/stories/{quote(story[0], safe='')}", f"/api/v1/stories/{quote(story[0], safe='')}"]
    if entity:
        paths += [f"/entities/{quote(entity[0], safe='')}"]
    for path in paths:
        def get(p: str = path) -> None:
            r = client.get(p)
            assert r.status_code == 200, (p, r.status_code)
        p50, p95 = _time(get, args.repeat)
        print(f"{path[:70]:<72} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
    conn = sqlite3.connect(db)
    fts = _time(lambda: conn.execute("SELECT COUNT(*) FROM article_search WHERE article_search MATCH ?", (f'"{word}"',)).fetchone(), args.repeat)
    like = _time(lambda: conn.execute("SELECT COUNT(*) FROM articles WHERE body LIKE ?", (f"%{word}%",)).fetchone(), args.repeat)
    print(f"search_count_fts5_ms: {fts[0]:.2f}")
    print(f"search_count_like_scan_ms: {like[0]:.2f}")
    print(f"search_fts5_speedup_vs_like_scan: {like[0] / fts[0]:.1f}x")
    conn.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()

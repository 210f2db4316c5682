"""Time and peak memory of the siblings/diff and story stages alone, on an analysed database.

Usage: python bench/bench_corpus_stages.py DB

Copies DB (for example one kept by ``bench_memory.py --n 10000 --keep``) to a temp file,
runs ``refresh_rewrites`` then ``refresh_stories`` on the copy in this process, and
prints the counts, the seconds and this process's peak RSS (``ru_maxrss``) before and
after the stages.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from telusur.corpus.rewrites import refresh_rewrites
from telusur.corpus.story_views import refresh_stories
from telusur.store import Store


def main() -> None:
    """Parse the database path, run the two stages on a copy and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "stages.db"
        shutil.copy(args.db, copy)
        with Store(copy) as store:
            print(f"articles: {store.count()}")
            print(f"peak_rss_before_stages: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
            start = time.perf_counter()
            pairs, distortions = refresh_rewrites(store)
            middle = time.perf_counter()
            stories = refresh_stories(store)
            end = time.perf_counter()
            print(f"sibling_pairs: {pairs}")
            print(f"distortions: {distortions}")
            print(f"stories: {stories}")
            print(f"siblings_and_diffs_time: {middle - start:.1f} s")
            print(f"stories_time: {end - middle:.1f} s")
            print(f"peak_rss_after_stages: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")


if __name__ == "__main__":
    main()

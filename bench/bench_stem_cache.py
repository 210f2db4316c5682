"""Adding articles to an analysed database, with the stems earlier runs kept and without them, side by side.

Usage: python bench/bench_stem_cache.py DB FOLDER [--repeat 2]

DB is an analysed database (for example ``bench_scale.py --keep DIR``'s ``db-3000/telusur.db``,
analysed once more by this Telusur so that it keeps its stems); FOLDER holds new articles
(``realistic.py OUT --n 100 --seed S``). Each repeat copies DB twice, empties the stem cache
of one copy (every run then stems the words it meets again, as before the cache), and runs
``telusur analyze FOLDER`` into each copy, in a child process, alternating which goes
first. Prints each run's seconds and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(folder: Path, db: Path) -> float:
    """Seconds of one ``telusur analyze`` into ``db``, in a child process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "telusur", "analyze", str(folder), "--db", str(db), "--quiet"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Time both ways and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with sqlite3.connect(args.db) as conn:
        kept = conn.execute("SELECT COUNT(*) FROM stem_cache").fetchone()[0]
    times: dict[str, list[float]] = {"kept": [], "emptied": []}
    with tempfile.TemporaryDirectory(prefix="telusur-stems-") as tmp:
        for n in range(args.repeat):
            copies = {name: Path(tmp) / f"{name}-{n}.db" for name in times}
            for path in copies.values():
                shutil.copy(args.db, path)
            with sqlite3.connect(copies["emptied"]) as conn:
                conn.execute("DELETE FROM stem_cache")
            for name in (("kept", "emptied") if n % 2 == 0 else ("emptied", "kept")):
                times[name].append(_run(args.folder, copies[name]))
    print(f"{args.db}: {kept:,} stems kept")
    for name, found in times.items():
        print(f"stems {name}: " + ", ".join(f"{s:.2f}" for s in found) + " s")
    print(f"emptied / kept (medians): {statistics.median(times['emptied']) / statistics.median(times['kept']):.2f}x")


if __name__ == "__main__":
    main()

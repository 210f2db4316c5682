"""The per-article pipeline (clean + extraction) on real pages: CPU an article, this code against another commit's.

Usage: python bench/bench_pipeline.py [--n 600] [--repeat 2] [--peer COMMIT]

Writes ``--n`` real IndoSum articles as scraped-looking pages
(``../shared/tools/indosum_pages.py``, at run time: nothing is copied in), then runs
``engine.pipeline.process`` over all of them in a fresh process, warm (one untimed pass
first, so models and caches are loaded), ``--repeat`` times, and prints the best CPU
milliseconds an article, with the share of each step. With ``--peer COMMIT`` the same is
done for that commit's ``src`` (``git archive``), the two alternating, and the ratio is
printed. One process each: this measures CPU, not the pool.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES_TOOL = ROOT.parent / "shared" / "tools" / "indosum_pages.py"

# run in the measured process: the pages, then per-step CPU with the steps wrapped
CHILD = r"""
import json, sys, time
from pathlib import Path
from telusur.engine import pipeline
from telusur.ingest import read_path
docs = [d for p in sorted(Path(sys.argv[1]).iterdir()) for d in read_path(p)]
repeat = int(sys.argv[2])
spent = {}
def timed(name, step):
    def run(article):
        start = time.process_time()
        try:
            return step(article)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start
    return run
steps = [(name, timed(name, step)) for name, step in pipeline.STEPS]
for d in docs:
    pipeline.process(d, steps)
best = None
for _ in range(repeat):
    spent.clear()
    start = time.process_time()
    for d in docs:
        pipeline.process(d, steps)
    total = time.process_time() - start
    if best is None or total < best[0]:
        best = (total, dict(spent))
print(json.dumps({"docs": len(docs), "total": best[0], "steps": best[1]}))
"""


def measure(src: Path, pages: Path, repeat: int) -> dict:
    """Run the child on ``pages`` with ``src`` first on the path; return its figures."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(pages), str(repeat)], env=env, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def show(label: str, figures: dict) -> float:
    """Print one code's figures; return its milliseconds an article."""
    per = figures["total"] * 1e3 / figures["docs"]
    steps = ", ".join(f"{name} {seconds * 1e3 / figures['docs']:.2f}" for name, seconds in figures["steps"].items())
    print(f"{label}: {per:.2f} ms CPU an article ({steps})")
    return per


def main() -> None:
    """Parse the arguments, make the pages, measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--peer", help="a commit to measure side by side (its src, from git archive)")
    args = parser.parse_args()
    if not PAGES_TOOL.is_file():
        sys.exit(f"{PAGES_TOOL} not found: the shared IndoSum data is needed")
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        subprocess.run([sys.executable, str(PAGES_TOOL), str(pages), "--n", str(args.n), "--seed", str(args.seed)],
                       check=True, stdout=subprocess.DEVNULL)
        peer_src = None
        if args.peer:
            peer_root = Path(tmp) / "peer"
            peer_root.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.peer, "src"], check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(peer_root)], input=archive.stdout, check=True)
            peer_src = peer_root / "src"
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(2 if peer_src else 1):
            ours.append(show("this code", measure(ROOT / "src", pages, args.repeat)))
            if peer_src:
                theirs.append(show(f"peer {args.peer}", measure(peer_src, pages, args.repeat)))
        if theirs:
            print(f"ratio (peer / this code, best of each): {min(theirs) / min(ours):.2f}x")


if __name__ == "__main__":
    main()

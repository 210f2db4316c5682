"""Peak memory of ``telusur analyze`` on N and N/10 synthetic text articles.

Usage: python bench/bench_memory.py [--n 100000] [--outlets-per-layout 6] [--seed S] [--keep]

The articles (see synth.py) are generated one at a time and streamed to .txt files in a
temp folder; then ``telusur analyze DIR --db DB --quiet --workers 2`` runs as a
subprocess. Every 0.2 s the script sums the RSS (and the PSS, which counts pages shared
by the forked workers once) of the analysing process and all its descendants, from
/proc. After the run, ``os.wait4`` gives that run's ``ru_maxrss`` (the largest single
process of the tree), and at the end ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``
gives the same over both runs. The goal is a peak under 1 GB at 100,000 articles, flat
in corpus size. Temp files are removed at the end (``--keep`` keeps the databases).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from proctree import descendants, rss  # noqa: E402

TELUSUR = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "telusur"
POLL_SECONDS = 0.2
GOAL_MB = 1024.0


@dataclass
class Peak:
    """What one analysis run used: peaks over the process tree, and its own rusage."""

    articles: int
    seconds: float
    rss_mb: float
    pss_mb: float
    processes: int
    ru_maxrss_mb: float
    exit_code: int
    summary: str
    db_mb: float


def write_corpus(folder: Path, n: int, seed: int, outlets_per_layout: int) -> tuple[int, float]:
    """Stream ``n`` synthetic articles to ``folder`` as .txt files; return (bytes written, seconds)."""
    folder.mkdir(parents=True)
    total = 0
    start = time.perf_counter()
    for art in synth.iter_articles(n, seed, outlets_per_layout):
        data = art.text().encode("utf-8")
        (folder / f"{art.id}.txt").write_bytes(data)
        total += len(data)
    return total, time.perf_counter() - start


def _memory(pid: int) -> tuple[int, int]:
    """Return (RSS, PSS) of one process in bytes; (0, 0) when it is gone."""
    resident = rss(pid)
    if not resident:
        return 0, 0
    pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    return resident, pss


def analyse(folder: Path, db: Path, log: Path, articles: int) -> Peak:
    """Run ``telusur analyze`` on ``folder`` and sample its process tree until it ends."""
    cmd = [str(TELUSUR), "analyze", str(folder), "--db", str(db), "--quiet", "--workers", "2"]
    peak_rss = peak_pss = peak_procs = 0
    start = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        while True:
            pids = descendants(proc.pid)
            sizes = [_memory(p) for p in pids]
            peak_rss = max(peak_rss, sum(s[0] for s in sizes))
            peak_pss = max(peak_pss, sum(s[1] for s in sizes))
            peak_procs = max(peak_procs, sum(1 for s in sizes if s[0]))
            done, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if done == proc.pid:
                break
            time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 above
    text = log.read_text(encoding="utf-8", errors="replace")
    summary = next((ln.strip() for ln in text.splitlines() if ln.startswith("read ")), text.strip()[-300:])
    db_bytes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return Peak(articles, seconds, peak_rss / 2**20, peak_pss / 2**20, peak_procs,
                usage.ru_maxrss / 1024, proc.returncode, summary, db_bytes / 2**20)


def main() -> None:
    """Parse arguments, measure N/10 then N articles, print one figure a line, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of articles (default 100000)")
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    parser.add_argument("--outlets-per-layout", type=int, default=synth.OUTLETS_PER_LAYOUT,
                        help="fictional outlets per demo layout (default 6; fewer means bigger outlets)")
    parser.add_argument("--keep", action="store_true", help="keep the databases (the article folders are always removed)")
    args = parser.parse_args()
    if not TELUSUR.exists():
        sys.exit(f"missing {TELUSUR}: install Telusur into .venv first (make install)")

    print(f"telusur_commit: {synth.code_version()}")
    print(f"outlets: {args.outlets_per_layout * len(synth.load_demo()[0])} outlets")
    tmp = Path(tempfile.mkdtemp(prefix="telusur-bench-mem-"))
    peaks: list[Peak] = []
    try:
        for n in (max(1, args.n // 10), args.n):
            folder = tmp / f"corpus-{n}"
            size, gen_seconds = write_corpus(folder, n, args.seed, args.outlets_per_layout)
            print(f"corpus_{n}: {n} articles, {size / 2**20:.0f} MiB written in {gen_seconds:.0f} s")
            peak = analyse(folder, tmp / f"db-{n}" / "telusur.db", tmp / f"log-{n}.txt", n)
            peaks.append(peak)
            print(f"analyze_{n}_time: {peak.seconds:.1f} s")
            print(f"analyze_{n}_rate: {n / peak.seconds:.0f} articles/s")
            print(f"analyze_{n}_exit_code: {peak.exit_code}")
            print(f"analyze_{n}_summary: {peak.summary}")
            print(f"analyze_{n}_db_size: {peak.db_mb:.0f} MiB")
            print(f"peak_rss_tree_{n}: {peak.rss_mb:.0f} MiB")
            print(f"peak_pss_tree_{n}: {peak.pss_mb:.0f} MiB")
            print(f"peak_processes_{n}: {peak.processes} processes")
            print(f"ru_maxrss_{n}: {peak.ru_maxrss_mb:.0f} MiB")
            shutil.rmtree(folder, ignore_errors=True)
            if not args.keep:
                shutil.rmtree(tmp / f"db-{n}", ignore_errors=True)
        small, large = peaks
        print(f"ru_maxrss_children_all_runs: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")
        print(f"peak_rss_growth_{small.articles}_to_{large.articles}: {large.rss_mb / small.rss_mb:.2f} x")
        print(f"goal: {GOAL_MB:.0f} MiB")
        print(f"goal_met_{large.articles}: {'yes' if large.rss_mb < GOAL_MB else 'no'}")
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

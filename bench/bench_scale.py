"""Throughput of every stage and of the whole pipeline against corpus size, on realistic corpora.

Usage: python bench/bench_scale.py [--sizes 1000,3000,10000] [--workers 2] [--seed S]
                                   [--keep DIR] [--plot PATH] [--json PATH]

For each size a realistic corpus (``realistic.py``: real IndoSum articles and mutations
of them, about 250 stories per 1,000 articles, with 10% exact copies, 5% near-copies and
10% spun rewrites planted) is written to a folder, then analysed end to end by the local
executor into a new database, in a child process (``run_local``) that calls
``telusur.analyze(folder, db=..., workers=...)``. The parent sums the RSS of the child
and its pool workers from /proc every 0.2 s (the peak of the tree), and takes the
child's ``ru_maxrss`` and CPU time (its own and its reaped workers') from ``os.wait4``.
The child records the run's ``stage_seconds`` and the CPU time at each stage change.

Printed: a table of size, end-to-end articles/s, seconds of each stage (articles,
templates, entities, near_duplicates, siblings_and_diffs, stories), total, peak RSS of
the tree, and the recall of the planted pairs against ``truth.json``: exact and near
copies found in one near-duplicate cluster, rewrites found as a sibling pair. Then
the quality side figures (planted vs found stories, pair precision and recall of
stories on sampled pairs, near-duplicate clusters mixing unrelated articles, sibling
pairs not planted), and the log-log slope of each stage's seconds against size (least
squares on log time over log size: 1 is linear, 2 quadratic). ``--plot`` writes the
log-log figure, ``--json`` every figure as JSON (input to ``ccnews_estimate.py``).

A Spark runner can be added beside ``run_local``: any function taking the corpus folder
and a database and returning a ``StageTimes``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realistic  # noqa: E402
from proctree import tree_rss  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
STAGES = ("articles", "templates", "entities", "near_duplicates", "siblings_and_diffs", "stories")
POLL_SECONDS = 0.2
PAIR_SAMPLE = 20_000


@dataclass
class StageTimes:
    """What one end-to-end run measured: wall seconds by stage, CPU seconds, peak memory and the run's counts."""

    articles: int
    seconds: float  # wall, the child process from start to exit (includes imports and opening the store)
    stage_seconds: dict[str, float]  # the run's own RunSummary.stage_seconds
    cpu_seconds: float  # user + system of the child and its reaped pool workers
    cpu_by_stage: dict[str, float]  # "per_article" (articles + templates, pool included) then each corpus stage
    peak_rss_mb: float  # the largest sum of RSS over the process tree, sampled
    ru_maxrss_mb: float  # the largest single process of the tree
    exit_code: int
    counts: dict[str, int] = field(default_factory=dict)  # new, failed, duplicates, siblings, stories...


@dataclass
class Quality:
    """How the run's clusters, sibling pairs and stories compare with what was planted."""

    copy_recall: float
    near_copy_recall: float
    rewrite_recall: float  # planted rewrite pairs stored as a sibling pair
    rewrite_group_recall: float  # ... or at least in one sibling group
    copy_sibling_recall: float  # exact copies also stored as sibling pairs
    dup_clusters: int
    dup_clusters_mixed: int  # clusters holding articles of two planted families (a copy's family: it and its original)
    sibling_pairs: int
    sibling_pairs_unplanted: int  # pairs whose two articles are not one planted family
    stories_planted: int
    stories_found: int
    story_pair_recall: float  # sampled pairs of one planted story that share a found story
    story_pair_precision: float  # sampled pairs of one found story that share a planted story
    largest_story: int
    stored: int


@dataclass(frozen=True)
class _Pair:
    """A stored sibling pair under the generator's ids: its group and its two articles (a < b)."""

    group: str
    a: str
    b: str


@dataclass
class SizeResult:
    """One size's run: generation, the executor's times and the quality against the truth."""

    size: int
    generate_seconds: float
    corpus_mib: float
    kinds: dict[str, int]
    mutated: int
    times: StageTimes
    quality: Quality
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]


# --------------------------------------------------------------------------------------
# the local executor in a child process
# --------------------------------------------------------------------------------------


def run_local(folder: Path, db: Path, workers: int = 2) -> StageTimes:
    """Analyse ``folder`` into the new database ``db`` with the local executor, in a child process.

    Takes the corpus folder, the database path and the worker count. Returns the
    StageTimes. Raises ``RuntimeError`` when the child fails or writes no result.
    """
    out = db.with_suffix(".result.json")
    log = db.with_suffix(".log")
    cmd = [str(PYTHON), str(Path(__file__).resolve()), "--child", str(folder), str(db), str(out), "--workers", str(workers)]
    peak = 0
    start = time.perf_counter()
    with open(log, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT)
        while True:
            peak = max(peak, tree_rss(proc.pid))
            done, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if done == proc.pid:
                break
            time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not out.exists():
        raise RuntimeError(f"analysis exited {code}: {log.read_text(errors='replace')[-2000:]}")
    child = json.loads(out.read_text())
    return StageTimes(child["articles"], seconds, child["stage_seconds"], usage.ru_utime + usage.ru_stime,
                      child["cpu_by_stage"], peak / 2**20, usage.ru_maxrss / 1024, code, child["counts"])


def _child(folder: Path, db: Path, out: Path, workers: int) -> None:
    """The child's side of ``run_local``: run ``telusur.analyze`` and write its figures to ``out`` as JSON."""
    import telusur
    from telusur.engine.corpus_stages import CORPUS_STAGES
    from telusur.engine.progress import Silent

    names = {stage.shown: stage.name for stage in CORPUS_STAGES}

    class CpuClock(Silent):
        """Notes this process's and its reaped children's CPU seconds at every stage change (silent otherwise)."""

        def __init__(self) -> None:
            self.marks: list[tuple[str, float]] = []

        def stage(self, name: str, total: int | None = None) -> None:
            self.marks.append((names.get(name, name), _cpu()))

        def close(self) -> None:
            self.marks.append(("end", _cpu()))

    clock = CpuClock()
    with telusur.analyze(folder, db=db, workers=workers, progress=clock) as analysis:
        s = analysis.summary
        assert s is not None
        counts = {k: getattr(s, k) for k in ("read", "new", "failed", "internal", "templated", "entities", "duplicates",
                                             "siblings", "distortions", "stories")}
        stored = len(analysis)
    # the pool's workers are reaped after the templates stage: their CPU shows at the next mark
    cpu: dict[str, float] = {}
    marks = dict(clock.marks)
    first_corpus = next((n for n, _ in clock.marks if n not in ("articles", "templates")), "end")
    cpu["per_article"] = marks[first_corpus] - marks["articles"]
    for (name, at), (_, nxt) in zip(clock.marks, clock.marks[1:]):
        if name not in ("articles", "templates"):
            cpu[name] = nxt - at
    out.write_text(json.dumps({"articles": stored, "stage_seconds": s.stage_seconds, "cpu_by_stage": cpu,
                               "counts": counts}))


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# --------------------------------------------------------------------------------------
# quality against truth.json
# --------------------------------------------------------------------------------------


def evaluate(db: Path, truth: realistic.Truth, seed: int = 0) -> Quality:
    """Compare the near-duplicate clusters, sibling pairs and stories stored in ``db`` with ``truth``.

    Returns the Quality. Raises ``sqlite3.Error`` when ``db`` is not an analysed Telusur database.
    """
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        cluster_of: dict[str, str] = {}
        clusters: dict[str, list[str]] = defaultdict(list)
        from telusur.api import open_store

        with open_store(db) as analysis:
            for cluster in analysis.duplicates():
                for member in map(realistic.article_id, cluster.members):
                    cluster_of[member] = cluster.id
                    clusters[cluster.id].append(member)
            siblings = [_Pair(p.group, *sorted((realistic.article_id(p.a), realistic.article_id(p.b))))
                        for p in analysis.siblings()]
        story_of = {realistic.article_id(a): s for a, s in conn.execute("SELECT article_id, story_id FROM story_members")}
    finally:
        conn.close()
    family = _families(truth)
    pair_set = {(p.a, p.b) for p in siblings}
    group_of = {}
    for p in siblings:
        group_of[p.a] = group_of[p.b] = p.group

    def share(kind: str, found: Callable[[str, str], bool]) -> float:
        pairs = [(str(p["original"]), str(p["derived"])) for p in truth.pairs if p["kind"] == kind]
        return sum(bool(found(a, b)) for a, b in pairs) / len(pairs) if pairs else float("nan")

    same_cluster = lambda a, b: a in cluster_of and cluster_of.get(a) == cluster_of.get(b)  # noqa: E731
    is_pair = lambda a, b: (min(a, b), max(a, b)) in pair_set  # noqa: E731
    same_group = lambda a, b: a in group_of and group_of.get(a) == group_of.get(b)  # noqa: E731
    mixed = sum(len({family.get(m, m) for m in members}) > 1 for members in clusters.values())
    unplanted = sum(family.get(p.a, p.a) != family.get(p.b, p.b) for p in siblings)
    planted_story = {a: i for i, members in enumerate(truth.stories) for a in members}
    found_stories: dict[str, list[str]] = defaultdict(list)
    for a, s in story_of.items():
        found_stories[s].append(a)
    rng = random.Random(seed)
    recall = _pair_share(truth.stories, lambda a, b: a in story_of and story_of.get(a) == story_of.get(b), rng)
    precision = _pair_share(list(found_stories.values()), lambda a, b: planted_story.get(a) == planted_story.get(b), rng)
    return Quality(
        copy_recall=share("copy", same_cluster), near_copy_recall=share("near_copy", same_cluster),
        rewrite_recall=share("rewrite", is_pair), rewrite_group_recall=share("rewrite", same_group),
        copy_sibling_recall=share("copy", is_pair), dup_clusters=len(clusters), dup_clusters_mixed=mixed,
        sibling_pairs=len(siblings), sibling_pairs_unplanted=unplanted, stories_planted=len(truth.stories),
        stories_found=len(found_stories), story_pair_recall=recall, story_pair_precision=precision,
        largest_story=max((len(m) for m in found_stories.values()), default=0), stored=stored)


def _families(truth: realistic.Truth) -> dict[str, str]:
    """Map every planted copy, near-copy or rewrite, and its original, to one family id (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for p in truth.pairs:
        a, b = find(str(p["original"])), find(str(p["derived"]))
        if a != b:
            parent[b] = a
    return {x: find(x) for p in truth.pairs for x in (str(p["original"]), str(p["derived"]))}


def _pair_share(groups: list[list[str]], same: Callable[[str, str], bool], rng: random.Random) -> float:
    """The share of up to PAIR_SAMPLE pairs drawn from within ``groups`` (pairs weighted equally) for which ``same`` holds."""
    weights = [len(g) * (len(g) - 1) // 2 for g in groups]
    total = sum(weights)
    if not total:
        return float("nan")
    multi = [(g, w) for g, w in zip(groups, weights) if w]
    gs, ws = [g for g, _ in multi], [w for _, w in multi]
    hits = 0
    draws = min(PAIR_SAMPLE, total)
    for g in rng.choices(gs, ws, k=draws):
        a, b = rng.sample(g, 2)
        hits += bool(same(a, b))
    return hits / draws


# --------------------------------------------------------------------------------------
# slopes, table, plot
# --------------------------------------------------------------------------------------


def loglog_slope(sizes: list[int], seconds: list[float]) -> float:
    """Return the least-squares slope of log(seconds) on log(size); NaN with fewer than two usable points."""
    pts = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds) if n > 0 and t > 0]
    if len(pts) < 2:
        return float("nan")
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else float("nan")


def slopes(results: list[SizeResult]) -> dict[str, float]:
    """Return the log-log slope of every stage's seconds, of the stages' sum and of the child's wall time."""
    sizes = [r.size for r in results]
    out = {stage: loglog_slope(sizes, [r.times.stage_seconds.get(stage, 0.0) for r in results]) for stage in STAGES}
    out["stages_total"] = loglog_slope(sizes, [sum(r.times.stage_seconds.values()) for r in results])
    out["end_to_end"] = loglog_slope(sizes, [r.times.seconds for r in results])
    out["peak_rss"] = loglog_slope(sizes, [r.times.peak_rss_mb for r in results])
    return out


def top_slopes(results: list[SizeResult]) -> dict[str, float]:
    """Return the slope of every stage's wall and CPU seconds between the two largest sizes (NaN with one size).

    A stage that grows faster than linearly shows it here first; the fit over every size
    is pulled toward the fixed costs of the small ones.
    """
    top = results[-2:]
    sizes = [r.size for r in top]
    out = {stage: loglog_slope(sizes, [r.times.stage_seconds.get(stage, 0.0) for r in top]) for stage in STAGES}
    out |= {f"{k}_cpu": loglog_slope(sizes, [r.times.cpu_by_stage.get(k, 0.0) for r in top])
            for k in top[-1].times.cpu_by_stage}
    return out


def print_table(results: list[SizeResult], fitted: dict[str, float]) -> None:
    """Print the per-size table, the quality figures and the slopes."""
    head = ["size", "art/s", *[s[:10] for s in STAGES], "total s", "cpu s", "peak MiB", "copy", "near", "rewrite"]
    print(" | ".join(f"{h:>10}" for h in head))
    for r in results:
        t, q = r.times, r.quality
        row = [f"{r.size:,}", f"{r.size / t.seconds:.1f}", *[f"{t.stage_seconds.get(s, 0):.1f}" for s in STAGES],
               f"{t.seconds:.1f}", f"{t.cpu_seconds:.0f}", f"{t.peak_rss_mb:.0f}", f"{q.copy_recall:.3f}",
               f"{q.near_copy_recall:.3f}", f"{q.rewrite_recall:.3f}"]
        print(" | ".join(f"{c:>10}" for c in row))
    print()
    for r in results:
        q, t = r.quality, r.times
        print(f"size_{r.size}_generated: {r.kinds}, {r.mutated} mutated distinct, {r.corpus_mib:.0f} MiB in {r.generate_seconds:.0f} s")
        print(f"size_{r.size}_stored: {q.stored} articles, {t.counts.get('failed', 0)} failed "
              f"({t.counts.get('internal', 0)} internal), {t.counts.get('templated', 0)} templated")
        print(f"size_{r.size}_cpu: " + ", ".join(f"{k} {v:.1f} s" for k, v in t.cpu_by_stage.items())
              + f"; ru_maxrss {t.ru_maxrss_mb:.0f} MiB")
        print(f"size_{r.size}_recall: copies {q.copy_recall:.3f}, near-copies {q.near_copy_recall:.3f}, rewrites "
              f"{q.rewrite_recall:.3f} as pair / {q.rewrite_group_recall:.3f} in one group, copies as sibling pair "
              f"{q.copy_sibling_recall:.3f}")
        print(f"size_{r.size}_clusters: {q.dup_clusters} near-duplicate clusters, {q.dup_clusters_mixed} mixing families; "
              f"{q.sibling_pairs} sibling pairs, {q.sibling_pairs_unplanted} not planted")
        print(f"size_{r.size}_stories: {q.stories_planted} planted, {q.stories_found} found (largest {q.largest_story}); "
              f"pair recall {q.story_pair_recall:.3f}, pair precision {q.story_pair_precision:.3f}")
        print(f"size_{r.size}_load: before {r.load_before}, after {r.load_after}")
    print()
    for name, value in fitted.items():
        print(f"slope_{name}: {value:.2f}")
    if len(results) > 1:
        a, b = results[-2].size, results[-1].size
        for name, value in top_slopes(results).items():
            print(f"slope_{a}_to_{b}_{name}: {value:.2f}")


def plot(results: list[SizeResult], fitted: dict[str, float], path: Path, title: str) -> None:
    """Write a log-log PNG of each stage's seconds (and the total) against corpus size to ``path``.

    Raises ``ImportError`` when matplotlib is missing (``pip install -e '.[bench]'``).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r.size for r in results]
    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=110)
    for stage in STAGES:
        ys = [max(r.times.stage_seconds.get(stage, 0.0), 1e-3) for r in results]
        ax.plot(sizes, ys, marker="o", label=f"{stage} (slope {fitted[stage]:.2f})")
    total = [r.times.seconds for r in results]
    ax.plot(sizes, total, marker="s", color="black", linewidth=2, label=f"end to end (slope {fitted['end_to_end']:.2f})")
    ref = [total[0] * n / sizes[0] for n in sizes]
    ax.plot(sizes, ref, linestyle=":", color="grey", label="linear (slope 1) through the first total")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles in the corpus")
    ax.set_ylabel("seconds")
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


# --------------------------------------------------------------------------------------


def measure(size: int, work: Path, workers: int, seed: int) -> SizeResult:
    """Generate a corpus of ``size`` articles under ``work``, analyse it with ``run_local`` and evaluate it."""
    folder = work / f"corpus-{size}"
    truth = realistic.generate(folder, size, seed)
    mib = sum(p.stat().st_size for p in realistic.articles_dir(folder).rglob("*.txt")) / 2**20
    db = work / f"db-{size}" / "telusur.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    if db.exists():
        raise FileExistsError(f"{db}: the run needs a new database")
    load_before = os.getloadavg()
    times = run_local(realistic.articles_dir(folder), db, workers)
    load_after = os.getloadavg()
    quality = evaluate(db, truth, seed)
    return SizeResult(size, truth.seconds, mib, truth.kinds, truth.mutated, times, quality,
                      tuple(round(x, 2) for x in load_before), tuple(round(x, 2) for x in load_after))  # type: ignore[arg-type]


def main() -> None:
    """Parse arguments, measure every size, print the table and slopes, write the plot and JSON."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child = argparse.ArgumentParser()
        child.add_argument("--child", nargs=3, type=Path)
        child.add_argument("--workers", type=int, default=2)
        a = child.parse_args()
        _child(*a.child, a.workers)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=realistic.DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, help="write corpora and databases here and keep them (default: a temp folder)")
    parser.add_argument("--plot", type=Path, help="write the log-log figure here (PNG)")
    parser.add_argument("--json", type=Path, help="write every figure here (input of ccnews_estimate.py)")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or sizes[0] < 1:
        parser.error("--sizes must list positive sizes")
    import synth

    commit = synth.code_version()
    print(f"telusur_commit: {commit}")
    print(f"machine: {os.cpu_count()} cpus, {platform.python_implementation()} {platform.python_version()}, "
          f"load {tuple(round(x, 2) for x in os.getloadavg())}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="telusur-bench-scale-"))
    results: list[SizeResult] = []
    try:
        for size in sizes:
            result = measure(size, work, args.workers, args.seed)
            results.append(result)
            t = result.times
            print(f"done_{size}: {t.seconds:.1f} s, {size / t.seconds:.1f} articles/s, peak {t.peak_rss_mb:.0f} MiB, "
                  f"load {result.load_after}", flush=True)
            if not args.keep:
                shutil.rmtree(work / f"corpus-{size}", ignore_errors=True)
                shutil.rmtree(work / f"db-{size}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    fitted = slopes(results)
    print_table(results, fitted)
    if args.plot:
        plot(results, fitted, args.plot, f"Telusur {commit}, local executor, {args.workers} workers, "
             f"{os.cpu_count()} cpus: seconds against corpus size")
        print(f"plot: {args.plot}")
    if args.json:
        args.json.write_text(json.dumps({"commit": commit, "cpus": os.cpu_count(), "workers": args.workers,
                                         "seed": args.seed, "stages": list(STAGES), "slopes": fitted,
                                         "top_slopes": top_slopes(results),
                                         "results": [asdict(r) for r in results]}, indent=1))
        print(f"json: {args.json}")


if __name__ == "__main__":
    main()

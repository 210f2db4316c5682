"""A numbers-backed estimate of analysing one month of CC-NEWS with Telusur: cluster size, hours and cost.

Usage: python bench/ccnews_estimate.py RESULT.json [--records N] [--indonesian-share F]
           [--scan-ms F] [--html-ms F] [--cores-per-machine N] [--target-hours H]
           [--efficiency F] [--price F]

RESULT.json is written by ``bench_scale.py --json``. Measured there, on the largest size
(N0 articles): the CPU seconds per article of the per-article part (reading, cleaning,
extraction, writing, templates: the worker pool plus the writer, from ``os.wait4`` and
``getrusage``), and the CPU seconds of every corpus stage (entities, near-duplicates,
siblings and diffs, stories: they run in one process, on one machine, after the pool).
CPU seconds, not wall seconds, because the benchmark machine is shared: wall time there
includes waiting for other people's processes.

Model. The month's records are all scanned (read from WARC, language told) on the
cluster; the Indonesian ones go through the per-article part, which parallelises over
machines x cores like the local executor's pool; the corpus stages then run on one
machine, each scaled from N0 to the month's Indonesian articles by its log-log slope of
CPU seconds against size (the larger of the least-squares fit over every size and the
slope between the two largest sizes), never below 1 (a stage that looks sub-linear on
small corpora is paying fixed costs; assuming linear or worse is the safe side). Peak
memory of that machine is extrapolated from a least-squares line (fixed + per article)
through the measured peaks of the process tree: an upper-side figure, since the stages
are meant to hold memory flat in corpus size.
Every assumption is a constant below with its source, and a flag.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import loglog_slope  # noqa: E402

# -- assumptions (each can be changed by a flag) -----------------------------------------
# Records (news pages) in one month of CC-NEWS. An ASSUMPTION, rounded up: Infini-News
# (Lazzaroni, Lasser, Solovev, arXiv 2605.18337, 2026) processed over 1.35 billion CC-News
# articles from August 2016 to its latest snapshot, about 11-12 million a month on average;
# recent months are larger than that average, so 20 million is a conservative figure.
RECORDS_PER_MONTH = 20_000_000
# Share of those records in Indonesian. An ASSUMED parameter, not measured: Indonesian
# outlets are a small part of a crawl dominated by English; 2% is a guess to be replaced
# by a count over one month's WARC paths (language of a sample of records).
INDONESIAN_SHARE = 0.02
# CPU milliseconds to read one WARC record (gzip, headers, HTTP payload) and tell its
# language cheaply, for every record of the month. ASSUMED: fastwarc reads thousands of
# records a second per core; the language check on the page head costs about as much.
SCAN_MS_PER_RECORD = 2.0
# Extra CPU milliseconds per Indonesian page for HTML extraction (trafilatura), which the
# text corpus of bench_scale.py does not pay. ASSUMED from the order of bench_html.py on
# ~13 KiB pages; real CC-NEWS pages are heavier. Replace with 1000 / bench_html's pages/s.
HTML_MS_PER_PAGE = 60.0
# Cluster shape and price. ASSUMED: 16-vCPU machines; the per-article part should end
# within 6 hours; 80% of the cores busy on average (stragglers, I/O); USD 0.045 per
# vCPU-hour, about the on-demand price of general compute instances (e.g. AWS c7i.large,
# 2 vCPU, USD 0.089 an hour in us-east-1, 2024); spot capacity costs about a third.
CORES_PER_MACHINE = 16
TARGET_HOURS = 6.0
EFFICIENCY = 0.8
PRICE_PER_CORE_HOUR = 0.045
CORPUS_STAGES = ("entities", "near_duplicates", "siblings_and_diffs", "stories")


@dataclass
class Measured:
    """What the estimate takes from a bench_scale result: sizes, CPU per article, corpus stage CPU and slopes, peak RSS."""

    commit: str
    sizes: list[int]
    n0: int
    cpu_per_article: float  # seconds, the per-article part at the largest size
    corpus_cpu: dict[str, float]  # seconds of each corpus stage at the largest size
    corpus_slopes: dict[str, float]  # fitted on CPU seconds over every size
    wall_slopes: dict[str, float]  # bench_scale's own, on wall seconds
    peak_rss_mb: float
    rss_slope: float
    rss_fixed_mb: float  # peak RSS = fixed + per_article * size, least squares over the sizes
    rss_per_article_mb: float
    wall_seconds: float  # end to end at the largest size, on the benchmark machine
    workers: int


@dataclass
class Estimate:
    """One month of CC-NEWS: articles, core-hours of each part, cluster, hours, memory and cost."""

    records: int
    indonesian: int
    scan_core_hours: float
    article_core_hours: float
    machines: int
    cores: int
    cluster_hours: float
    corpus_hours: dict[str, float]
    corpus_peak_gb: float
    total_hours: float
    cost_usd: float


def load(path: Path) -> Measured:
    """Read a ``bench_scale.py --json`` file. Raises ``ValueError`` when it holds no run, ``OSError`` when unreadable."""
    data = json.loads(path.read_text(encoding="utf-8"))
    runs = sorted(data["results"], key=lambda r: r["size"])
    if not runs:
        raise ValueError(f"{path}: no results")
    big = runs[-1]
    sizes = [r["size"] for r in runs]
    cpu = big["times"]["cpu_by_stage"]
    # the larger of the fit over every size and the slope between the two largest: growth
    # faster than linear shows at the top first, and the fit is pulled toward small sizes' fixed costs
    cpu_of = lambda s, rs: [r["times"]["cpu_by_stage"].get(s, 0.0) for r in rs]  # noqa: E731
    slopes = {s: max(loglog_slope(sizes, cpu_of(s, runs)), loglog_slope(sizes[-2:], cpu_of(s, runs[-2:])))
              for s in CORPUS_STAGES}
    fixed, per_article = linear_fit(sizes, [r["times"]["peak_rss_mb"] for r in runs])
    return Measured(data["commit"], sizes, big["size"], cpu["per_article"] / big["size"],
                    {s: cpu.get(s, 0.0) for s in CORPUS_STAGES}, slopes, data["slopes"],
                    big["times"]["peak_rss_mb"], data["slopes"].get("peak_rss", 1.0), fixed, per_article,
                    big["times"]["seconds"], data.get("workers", 2))


def linear_fit(xs: list[int], ys: list[float]) -> tuple[float, float]:
    """Return (intercept, slope) of the least-squares line through the points; (mean of ys, 0) with one point."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - slope * mx, max(slope, 0.0)


def scaled(value: float, n0: int, n: int, slope: float) -> float:
    """Return ``value`` measured at size ``n0`` scaled to size ``n`` by ``(n / n0) ** max(slope, 1)`` (NaN slope: 1)."""
    exponent = 1.0 if math.isnan(slope) else max(slope, 1.0)
    return value * (n / n0) ** exponent


def estimate(m: Measured, records: int = RECORDS_PER_MONTH, share: float = INDONESIAN_SHARE,
             scan_ms: float = SCAN_MS_PER_RECORD, html_ms: float = HTML_MS_PER_PAGE,
             cores_per_machine: int = CORES_PER_MACHINE, target_hours: float = TARGET_HOURS,
             efficiency: float = EFFICIENCY, price: float = PRICE_PER_CORE_HOUR) -> Estimate:
    """Return the Estimate for one month of ``records`` CC-NEWS records, ``share`` of them Indonesian.

    Raises ``ValueError`` for a share outside (0, 1], non-positive cores, hours or efficiency.
    """
    if not 0 < share <= 1 or cores_per_machine < 1 or target_hours <= 0 or not 0 < efficiency <= 1:
        raise ValueError("share must be in (0, 1], cores, hours positive, efficiency in (0, 1]")
    n = round(records * share)
    scan = records * scan_ms / 1000 / 3600
    per_article = n * (m.cpu_per_article + html_ms / 1000) / 3600
    cores_needed = (scan + per_article) / (target_hours * efficiency)
    machines = max(1, math.ceil(cores_needed / cores_per_machine))
    cluster_hours = (scan + per_article) / (machines * cores_per_machine * efficiency)
    corpus = {s: scaled(m.corpus_cpu[s], m.n0, n, m.corpus_slopes[s]) / 3600 for s in CORPUS_STAGES}
    corpus_total = sum(corpus.values())
    peak = (m.rss_fixed_mb + m.rss_per_article_mb * n) / 1024
    # the cluster is paid while it works; the corpus stages' machine for their hours (all its cores)
    cost = (machines * cores_per_machine * cluster_hours + cores_per_machine * corpus_total) * price
    return Estimate(records, n, scan, per_article, machines, machines * cores_per_machine, cluster_hours, corpus,
                    peak, cluster_hours + corpus_total, cost)


def main() -> None:
    """Parse arguments, read the result, print the assumptions, the measured figures and the estimate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("result", type=Path, help="bench_scale.py --json output")
    parser.add_argument("--records", type=int, default=RECORDS_PER_MONTH, help="CC-NEWS records in the month (assumed)")
    parser.add_argument("--indonesian-share", type=float, default=INDONESIAN_SHARE, help="share of Indonesian records (assumed)")
    parser.add_argument("--scan-ms", type=float, default=SCAN_MS_PER_RECORD, help="CPU ms to read and language-check a record")
    parser.add_argument("--html-ms", type=float, default=HTML_MS_PER_PAGE, help="extra CPU ms to extract an HTML page")
    parser.add_argument("--cores-per-machine", type=int, default=CORES_PER_MACHINE)
    parser.add_argument("--target-hours", type=float, default=TARGET_HOURS, help="wall hours for the per-article part")
    parser.add_argument("--efficiency", type=float, default=EFFICIENCY, help="share of cluster cores kept busy")
    parser.add_argument("--price", type=float, default=PRICE_PER_CORE_HOUR, help="USD per vCPU-hour")
    a = parser.parse_args()
    m = load(a.result)
    print(f"measured_on: telusur {m.commit}, sizes {m.sizes}, {m.workers} workers")
    print(f"cpu_per_article: {m.cpu_per_article * 1000:.1f} ms (text input, at {m.n0:,} articles)")
    for s in CORPUS_STAGES:
        print(f"corpus_stage_{s}: {m.corpus_cpu[s]:.1f} cpu s at {m.n0:,}, cpu slope {m.corpus_slopes[s]:.2f} "
              f"(fit on wall {m.wall_slopes.get(s, float('nan')):.2f}), used {max(1.0, m.corpus_slopes[s]):.2f}")
    print(f"peak_rss: {m.peak_rss_mb:.0f} MiB at {m.n0:,}, log-log slope {m.rss_slope:.2f}; linear fit "
          f"{m.rss_fixed_mb:.0f} MiB + {m.rss_per_article_mb * 1000:.1f} MiB per 1,000 articles")
    for n in (100_000, 1_000_000):
        wall = scaled(m.wall_seconds, m.n0, n, m.wall_slopes.get("end_to_end", 1.0))
        corpus = sum(scaled(m.corpus_cpu[s], m.n0, n, m.corpus_slopes[s]) for s in CORPUS_STAGES)
        per_article = m.cpu_per_article * n / m.workers
        print(f"this_machine_{n}: about {(per_article + corpus) / 3600:.1f} h of cpu-bound work "
              f"({per_article / 3600:.1f} h per-article on {m.workers} workers, {corpus / 3600:.1f} h corpus stages; "
              f"wall on the benchmark machine, by the end-to-end slope: {wall / 3600:.1f} h)")
    e = estimate(m, a.records, a.indonesian_share, a.scan_ms, a.html_ms, a.cores_per_machine, a.target_hours,
                 a.efficiency, a.price)
    print()
    print(f"assumed_records_per_month: {e.records:,}")
    print(f"assumed_indonesian_share: {a.indonesian_share:.1%} -> {e.indonesian:,} articles")
    print(f"assumed_scan: {a.scan_ms} ms/record; html extraction {a.html_ms} ms/page; {a.efficiency:.0%} of cores busy")
    print(f"scan_core_hours: {e.scan_core_hours:,.0f}")
    print(f"per_article_core_hours: {e.article_core_hours:,.0f}")
    print(f"cluster: {e.machines} machines x {a.cores_per_machine} cores = {e.cores} cores for {e.cluster_hours:.1f} h")
    for s, h in e.corpus_hours.items():
        print(f"corpus_{s}_hours: {h:.2f} (one process, one machine)")
    print(f"corpus_stages_hours: {sum(e.corpus_hours.values()):.1f}; peak memory of the run about {e.corpus_peak_gb:.1f} GB "
          "(linear extrapolation)")
    print(f"total_wall_hours: {e.total_hours:.1f}")
    print(f"cost: USD {e.cost_usd:,.0f} at USD {a.price}/vCPU-hour")


if __name__ == "__main__":
    main()

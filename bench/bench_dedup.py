"""Near-duplicate clustering: Telusur's MinHash LSH against datasketch's, side by side, then at scale.

Usage: python bench/bench_dedup.py [--n 1000000] [--peer-n 50000] [--seed S] [--workers 2]

Articles are synthetic, built at run time from a fixed seed: 450 words on average drawn
from a Zipf-shaped vocabulary (the demo corpus's words first, then made-up ones), with
planted near-copies: a tenth of the articles copy an earlier one with light edits (2-4 %
of words replaced, sometimes a sentence dropped or added), as outlets do with a wire
report. Recall is the share of planted pairs whose true word 3-gram Jaccard is at least
the threshold (0.7) that end in one cluster.

(a) Side by side on the first ``--peer-n`` articles, one process each (both in this
process, one after the other, on the same bodies held in memory): datasketch 2.x
(``MinHash`` with ``update_batch`` over the same shingles, 128 permutations,
``MinHashLSH(threshold=0.7)`` insert then query, candidates kept when their estimated
Jaccard is at least 0.7) against ``telusur.corpus.minhash`` (signatures, LSH, check,
clusters). Both figures are articles per second of the whole near-duplicate stage.

(b) Telusur alone on ``--n`` articles, in two timed phases:

1. building the articles (not part of the stage, timed and printed apart): a pool of
   ``--workers`` builds the chunks of 5,000 articles and writes each to a scratch folder
   (a pickled list of bodies), and measures the true Jaccard of the planted copies of
   every tenth chunk (for the recall);
2. the stage, in a fresh process (so that its memory is the stage's alone) with a pool of
   ``--workers``: the workers read the chunks back and sign them, the stage process
   gathers the signatures into one array and runs the LSH, the check and the clusters.
   Its time runs from the start of the pool to the clusters; its memory is the whole
   process tree (the stage process and its workers): the peak of the sum of their RSS,
   sampled every 50 ms by this process, and, as an upper bound that no sampling can
   miss, the sum of each process's own peak (``ru_maxrss``).

Goals (issue 16): the stage on 1,000,000 articles in at most 60 s and 1.5 GB for the
whole process tree, and at least 8x datasketch's throughput process for process (a)
at equal or better recall. The machine is shared: the load average is printed before
and after.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pickle
import re
import resource
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from proctree import tree_rss  # noqa: E402
from telusur.corpus.minhash import LSHParams, MinHasher, clusters, similar_pairs  # noqa: E402
from telusur.model import Cluster  # noqa: E402

PARAMS = LSHParams(threshold=0.7)  # the common near-duplicate threshold; datasketch runs at the same one
CHUNK = 5000


def vocabulary(rng: np.random.Generator, size: int = 60_000) -> list[str]:
    """Return the demo corpus's words by frequency, then made-up Indonesian-looking words."""
    counts: dict[str, int] = {}
    for path in sorted((synth.DEMO / "corpus").glob("*.txt")):
        for w in re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()):
            counts[w] = counts.get(w, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    syllables = ["ka", "ba", "ta", "ra", "ma", "na", "sa", "la", "pa", "da", "ga", "ja", "ng", "an", "in", "un",
                 "er", "ki", "ku", "si", "su", "ti", "tu", "mi", "mu", "ri", "ru", "li", "lu", "di", "du", "ha"]
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(syllables, size=int(rng.integers(2, 5))))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


@dataclass(frozen=True)
class _Words:
    words: np.ndarray
    weights: np.ndarray


_WORDS: _Words | None = None


def _words(seed: int) -> _Words:
    global _WORDS
    if _WORDS is None:
        rng = np.random.default_rng(seed)
        words = np.array(vocabulary(rng), dtype=object)
        weights = 1.0 / np.arange(1, len(words) + 1) ** 1.07
        _WORDS = _Words(words, weights / weights.sum())
    return _WORDS


def chunk(index: int, seed: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Return the ``CHUNK`` bodies of chunk ``index`` and its planted (original, copy) pairs, global indices.

    Chunks are independent (seeded by ``seed`` and ``index``), so workers build their own;
    a copy's original lies in the same chunk.
    """
    vocab = _words(seed)
    words, weights = vocab.words, vocab.weights
    rng = np.random.default_rng([seed, index])
    lengths = rng.integers(300, 600, CHUNK)
    stream = rng.choice(len(words), size=int(lengths.sum()), p=weights)
    texts: list[str] = []
    planted: list[tuple[int, int]] = []
    pos = 0
    base = index * CHUNK
    for i in range(CHUNK):
        if i > 20 and rng.random() < 0.1:
            src = int(rng.integers(0, i))
            w = texts[src].split()
            for at in rng.integers(0, len(w), max(1, int(len(w) * rng.uniform(0.02, 0.04)))):
                w[at] = words[int(rng.integers(0, 5000))]
            if rng.random() < 0.3:
                cut = int(rng.integers(0, len(w) - 20))
                del w[cut : cut + int(rng.integers(8, 20))]
            texts.append(" ".join(w))
            planted.append((base + src, base + i))
        else:
            texts.append(" ".join(words[stream[pos : pos + lengths[i]]]))
        pos += lengths[i]
    return texts, planted


def shingle_set(text: str) -> set[str]:
    w = text.split()
    return {" ".join(w[i : i + 3]) for i in range(len(w) - 2)}


def true_pairs(texts: list[str], planted: list[tuple[int, int]], base: int = 0) -> list[tuple[int, int]]:
    """Return the planted pairs (global indices; ``texts`` starts at ``base``) whose exact 3-gram
    Jaccard reaches the threshold."""
    out = []
    for a, b in planted:
        sa, sb = shingle_set(texts[a - base]), shingle_set(texts[b - base])
        if len(sa & sb) / len(sa | sb) >= PARAMS.threshold:
            out.append((a, b))
    return out


def recall(groups: dict[int, int], pairs: list[tuple[int, int]]) -> float:
    """Share of pairs whose two members carry the same group label."""
    hit = sum(1 for a, b in pairs if a in groups and groups.get(a) == groups.get(b))
    return hit / len(pairs) if pairs else 0.0


def build_articles(n_chunks: int, seed: int, workers: int, folder: Path) -> tuple[list[tuple[int, int]], float]:
    """Build the first ``n_chunks`` chunks into ``folder`` (one pickled list of bodies each) on a pool.

    Returns (planted pairs at the threshold, from every tenth chunk; seconds). Not part of
    the stage: it stands for the articles a real run reads from its store.
    """
    start = time.perf_counter()
    tasks = [(c, seed, str(folder)) for c in range(n_chunks)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        truth = [p for found in pool.imap_unordered(_build_chunk, tasks) for p in found]
    return sorted(truth), time.perf_counter() - start


def _build_chunk(task: tuple[int, int, str]) -> list[tuple[int, int]]:
    index, seed, folder = task
    texts, planted = chunk(index, seed)
    with open(_chunk_path(folder, index), "wb") as fh:
        pickle.dump(texts, fh, protocol=pickle.HIGHEST_PROTOCOL)
    # the true Jaccard of planted pairs is measured on a sample of chunks (it is slow)
    return true_pairs(texts, planted, index * CHUNK) if index % 10 == 0 else []


def _chunk_path(folder: str, index: int) -> str:
    return os.path.join(folder, f"chunk-{index:05d}.pkl")


@dataclass(frozen=True)
class StageResult:
    """What the stage process sends back: its times, the clusters as groups, and each process's peak RSS."""

    seconds: float
    sign_seconds: float
    pairs_seconds: float
    clusters_seconds: float
    similar: int
    clusters: int
    groups: dict[int, int]
    own_peak_mib: float
    worker_peaks_mib: tuple[float, ...]
    own_cpu_seconds: float
    workers_cpu_seconds: float


def run_stage(n_chunks: int, folder: Path, workers: int) -> tuple[StageResult, float]:
    """Run ``_stage`` in a fresh process; return its result and the peak RSS of its process tree (MiB),
    sampled every 50 ms from here."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    proc = context.Process(target=_stage, args=(n_chunks, str(folder), workers, send))
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            done.wait(0.05)

    proc.start()
    send.close()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result: StageResult = receive.recv()
    done.set()
    sampler.join()
    proc.join()
    return result, peak[0] / 2**20


def _stage(n_chunks: int, folder: str, workers: int, out: Connection) -> None:
    """The stage process: sign every chunk on a pool, then LSH, check and clusters; sends a ``StageResult``."""
    start = time.perf_counter()
    cpu_at_start = time.process_time()
    tasks = [(c, folder) for c in range(n_chunks)]
    peaks: dict[int, float] = {}
    # the pool is forked before the signatures are allocated: the workers do not map them
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        sig = np.empty((n_chunks * CHUNK, PARAMS.num_perm), dtype=np.uint32)
        for index, part, pid, peak in pool.imap_unordered(_sign_file, tasks):
            sig[index * CHUNK : index * CHUNK + len(part)] = part
            peaks[pid] = max(peaks.get(pid, 0.0), peak)
    signed = time.perf_counter()
    pairs, estimates = similar_pairs(sig, PARAMS)
    checked = time.perf_counter()
    found = clusters([f"{i:08d}" for i in range(len(sig))], pairs, estimates)
    end = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped when the pool closed
    out.send(StageResult(end - start, signed - start, checked - signed, end - checked, len(pairs), len(found),
                         _groups(found), own.ru_maxrss / 1024, tuple(peaks.values()),
                         own.ru_utime + own.ru_stime - cpu_at_start, children.ru_utime + children.ru_stime))
    out.close()


def _sign_file(task: tuple[int, str]) -> tuple[int, np.ndarray, int, float]:
    """Read chunk ``index``'s bodies back and sign them; returns (index, signatures, pid, peak RSS MiB)."""
    index, folder = task
    with open(_chunk_path(folder, index), "rb") as fh:
        texts = pickle.load(fh)
    sig = MinHasher(PARAMS).signatures(texts)
    return index, sig, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def telusur_in_memory(texts: list[str]) -> tuple[dict[int, int], float]:
    """Run the Telusur stage on bodies already in memory, in this process (the side-by-side run)."""
    start = time.perf_counter()
    sig = MinHasher(PARAMS).signatures(texts)
    pairs, estimates = similar_pairs(sig, PARAMS)
    found = clusters([f"{i:08d}" for i in range(len(texts))], pairs, estimates)
    seconds = time.perf_counter() - start
    return _groups(found), seconds


def _groups(found: list[Cluster]) -> dict[int, int]:
    """Map each clustered article (its number) to its cluster's number."""
    return {int(m): c for c, cl in enumerate(found) for m in cl.members}


def datasketch_groups(texts: list[str]) -> tuple[dict[int, int], float]:
    """Run datasketch on the same shingles; returns (article -> cluster number, seconds)."""
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=PARAMS.threshold, num_perm=PARAMS.num_perm)
    sketches = []
    for i, text in enumerate(texts):
        m = MinHash(num_perm=PARAMS.num_perm, seed=1)
        w = text.split()
        m.update_batch([" ".join(w[k : k + 3]).encode() for k in range(len(w) - 2)])
        lsh.insert(i, m)
        sketches.append(m)
    kept: dict[tuple[int, int], float] = {}
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            if j != i:
                estimate = m.jaccard(sketches[j])
                if estimate >= PARAMS.threshold:
                    kept[(min(i, j), max(i, j))] = estimate
    # the same clustering as Telusur's, so that only the LSH stages differ
    pairs = np.array(sorted(kept), dtype=np.int64).reshape(-1, 2)
    found = clusters([f"{i:08d}" for i in range(len(texts))], pairs, [kept[tuple(p)] for p in pairs.tolist()])
    seconds = time.perf_counter() - start
    return _groups(found), seconds


def main() -> None:
    """Run both measurements and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--peer-n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"telusur_commit: {synth.code_version()}")
    print(f"cpus: {os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f} (shared machine)")
    print(f"params: num_perm {PARAMS.num_perm}, bands {PARAMS.bands} x rows {PARAMS.rows}, "
          f"word {PARAMS.shingle}-grams, threshold {PARAMS.threshold}")

    peer_chunks = max(1, args.peer_n // CHUNK)
    texts: list[str] = []
    planted: list[tuple[int, int]] = []
    for c in range(peer_chunks):
        t, p = chunk(c, args.seed)
        texts += t
        planted += p
    pairs = true_pairs(texts, planted)
    print(f"side_by_side_articles: {len(texts)} ({len(pairs)} planted copies at Jaccard >= {PARAMS.threshold}, "
          f"mean {np.mean([t.count(' ') + 1 for t in texts]):.0f} words)")
    ds_groups, ds_seconds = datasketch_groups(texts)
    ds_recall = recall(ds_groups, pairs)
    print(f"datasketch_1_process: {len(texts) / ds_seconds:.0f} articles/s, recall {ds_recall:.3f}")
    tl_groups, tl_seconds = telusur_in_memory(texts)
    tl_recall = recall(tl_groups, pairs)
    print(f"telusur_1_process: {len(texts) / tl_seconds:.0f} articles/s, recall {tl_recall:.3f}")
    ratio = ds_seconds / tl_seconds
    print(f"throughput_ratio_1_process: {ratio:.1f}x")
    del texts, ds_groups, tl_groups

    if args.n:
        n_chunks = max(1, args.n // CHUNK)
        n = n_chunks * CHUNK
        with tempfile.TemporaryDirectory(prefix="bench_dedup_") as scratch:
            big_pairs, build_seconds = build_articles(n_chunks, args.seed, args.workers, Path(scratch))
            print(f"building_{n}_articles: {build_seconds:.1f} s on {args.workers} workers "
                  f"(written to a scratch folder; not part of the stage)")
            result, tree_peak = run_stage(n_chunks, Path(scratch), args.workers)
        seconds = result.seconds
        print(f"telusur_{n}_articles_{args.workers}_workers: {seconds:.1f} s ({n / seconds:.0f} articles/s; "
              f"reading and signing {result.sign_seconds:.1f} s, LSH and check {result.pairs_seconds:.1f} s, "
              f"clusters {result.clusters_seconds:.1f} s), recall {recall(result.groups, big_pairs):.3f} "
              f"on {len(big_pairs)} planted copies (every tenth chunk)")
        print(f"telusur_{n}_found: {result.similar} similar pairs in {result.clusters} clusters")
        print(f"telusur_{n}_cpu: {result.workers_cpu_seconds + result.own_cpu_seconds:.1f} s CPU in the stage "
              f"(workers {result.workers_cpu_seconds:.1f} s, stage process {result.own_cpu_seconds:.1f} s): "
              f"about {result.workers_cpu_seconds / args.workers + result.own_cpu_seconds:.0f} s "
              f"on {args.workers} idle cores (the workers' share plus the stage process's)")
        print(f"building_plus_stage: {build_seconds + seconds:.1f} s")
        print(f"telusur_vs_datasketch_throughput: {(n / seconds) / (peer_chunks * CHUNK / ds_seconds):.1f}x "
              f"({args.workers} workers against datasketch's one process)")
        bound = result.own_peak_mib + sum(result.worker_peaks_mib)
        print(f"peak_rss_stage_tree: {tree_peak:.0f} MiB sampled (sum over the stage process and its workers); "
              f"upper bound {bound:.0f} MiB (stage process {result.own_peak_mib:.0f} + workers "
              f"{' + '.join(f'{p:.0f}' for p in result.worker_peaks_mib)}, each its own peak)")
        print(f"goal_time: {'met' if seconds <= 60 else 'not met'} (<= 60 s); "
              f"goal_memory: {'met' if bound <= 1536 else 'not met'} (<= 1.5 GB, upper bound); "
              f"goal_ratio: {'met' if ratio >= 8 and tl_recall >= ds_recall else 'not met'} "
              f"(>= 8x datasketch, one process each, at equal or better recall)")
    print(f"load_average_at_end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

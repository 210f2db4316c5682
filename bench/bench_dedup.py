"""Near-duplicate clustering: Telusur's MinHash LSH against datasketch's, side by side, then at scale.

Usage: python bench/bench_dedup.py [--n 1000000] [--peer-n 50000] [--seed S] [--workers 2]

Articles are synthetic, built at run time from a fixed seed: 450 words on average drawn
from a Zipf-shaped vocabulary (the demo corpus's words first, then made-up ones), with
planted near-copies: a tenth of the articles copy an earlier one with light edits (2-4 %
of words replaced, sometimes a sentence dropped or added), as outlets do with a wire
report. Recall is the share of planted pairs whose true word 3-gram Jaccard is at least
the threshold (0.7) that end in one cluster.

(a) Side by side on the first ``--peer-n`` articles, one process each: datasketch 2.x
(``MinHash`` with ``update_batch`` over the same shingles, 128 permutations,
``MinHashLSH(threshold=0.7)`` insert then query, candidates kept when their estimated
Jaccard is at least 0.7) against ``telusur.corpus.minhash`` (signatures, LSH, check,
clusters). Both figures are articles per second of the whole near-duplicate stage.
(b) Telusur alone on ``--n`` articles, signatures computed on a pool of ``--workers``:
time and the peak memory of the process tree. Goals (issue 4): 1,000,000 in under 5
minutes and 4 GB; at least 3x datasketch's throughput at equal recall.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
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


def telusur_groups(n_chunks: int, seed: int, workers: int) -> tuple[dict[int, int], list[tuple[int, int]], float]:
    """Run the Telusur stage on the first ``n_chunks`` chunks (each worker builds and signs its chunks).

    Returns (article -> cluster number, planted pairs at the threshold, seconds of the
    whole stage; building the articles is included, as reading them would be).
    """
    start = time.perf_counter()
    tasks = [(c, seed) for c in range(n_chunks)]
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_sign_chunk, tasks, chunksize=1)
    else:
        results = [_sign_chunk(t) for t in tasks]
    sig = np.concatenate([r[0] for r in results])
    pairs_true = [p for r in results for p in r[1]]
    del results
    pairs, estimates = similar_pairs(sig, PARAMS)
    ids = [f"{i:08d}" for i in range(len(sig))]
    found = clusters(ids, pairs, estimates)
    seconds = time.perf_counter() - start
    return _groups(found), pairs_true, seconds


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


def _sign_chunk(task: tuple[int, int]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    index, seed = task
    texts, planted = chunk(index, seed)
    # the true Jaccard of planted pairs is measured on a sample of chunks (it is slow)
    truth = true_pairs(texts, planted, index * CHUNK) if index % 10 == 0 else []
    return MinHasher(PARAMS).signatures(texts), truth


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


def peak_rss_mib() -> float:
    """Peak resident memory of this process plus its largest child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def main() -> None:
    """Run both measurements and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--peer-n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"telusur_commit: {synth.code_version()}")
    print(f"cpus: {os.cpu_count()} cores")
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
    print(f"datasketch_1_process: {len(texts) / ds_seconds:.0f} articles/s, recall {recall(ds_groups, pairs):.3f}")
    tl_groups, tl_seconds = telusur_in_memory(texts)
    print(f"telusur_1_process: {len(texts) / tl_seconds:.0f} articles/s, recall {recall(tl_groups, pairs):.3f}")
    print(f"throughput_ratio_1_process: {ds_seconds / tl_seconds:.1f}x")
    del texts

    if args.n:
        n_chunks = max(1, args.n // CHUNK)
        groups, big_pairs, seconds = telusur_groups(n_chunks, args.seed, workers=args.workers)
        n = n_chunks * CHUNK
        print(f"telusur_{n}_articles_{args.workers}_workers: {seconds:.1f} s ({n / seconds:.0f} articles/s, "
              f"building the articles in the workers included), "
              f"recall {recall(groups, big_pairs):.3f} on {len(big_pairs)} planted copies (every tenth chunk)")
        print(f"telusur_vs_datasketch_throughput: {(n / seconds) / (peer_chunks * CHUNK / ds_seconds):.1f}x "
              f"({args.workers} workers against datasketch's one process)")
        rss = peak_rss_mib()
        print(f"peak_rss_self_plus_largest_child: {rss:.0f} MiB")
        print(f"goal_time: {'met' if seconds < 300 else 'not met'} (< 300 s); "
              f"goal_memory: {'met' if rss < 4096 else 'not met'} (< 4 GB)")


if __name__ == "__main__":
    main()

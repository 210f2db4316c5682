"""Near-duplicates in Spark: MinHash signatures per partition, LSH band buckets grouped, candidates verified.

The signatures are ``corpus.minhash.MinHasher``'s; a body's band keys are
``minhash.band_keys``; within a bucket (one band's equal keys) the pairs to check are
``minhash.bucket_pairs`` of its members sorted by id (the order ``near_duplicates_signed``
reads the store's signatures in); a pair is kept by ``minhash.is_similar`` on
``minhash.estimates_of``, and the kept pairs become clusters on the driver through
``minhash.clusters``. The result equals ``near_duplicates_signed`` over the same bodies.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from telusur.corpus.minhash import LSHParams, MinHasher, band_keys, bucket_pairs, clusters, estimates_of, is_similar
from telusur.model import Cluster

if TYPE_CHECKING:
    from pyspark import RDD

CHUNK = 500


def sign(items: Iterable[tuple[str, str]], params: LSHParams) -> Iterator[tuple[str, bytes]]:
    """Yield ``(id, signature bytes)`` for ``(id, body)`` pairs, ``CHUNK`` bodies signed at a time."""
    hasher = MinHasher(params)
    batch: list[tuple[str, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) == CHUNK:
            yield from _signed(hasher, batch)
            batch = []
    yield from _signed(hasher, batch)


def _signed(hasher: MinHasher, batch: list[tuple[str, str]]) -> Iterator[tuple[str, bytes]]:
    if batch:
        for (article_id, _), row in zip(batch, hasher.signatures([b for _, b in batch]), strict=True):
            yield article_id, row.tobytes()


def band_entries(article_id: str, blob: bytes, params: LSHParams) -> Iterator[tuple[tuple[int, int], str]]:
    """Yield ``((band, key), id)`` for each LSH band of one signature."""
    sig = np.frombuffer(blob, dtype=np.uint32)[None, :]
    for band in range(params.bands):
        yield (band, int(band_keys(sig, params, band)[0])), article_id


def similar(pairs: Iterable[tuple[str, str, bytes, bytes]], params: LSHParams) -> Iterator[tuple[str, str, float]]:
    """Yield ``(a, b, estimate)`` of the candidate pairs (with both signatures) that are near-duplicates."""
    batch = list(pairs)
    if not batch:
        return
    left = np.vstack([np.frombuffer(p[2], dtype=np.uint32) for p in batch])
    right = np.vstack([np.frombuffer(p[3], dtype=np.uint32) for p in batch])
    estimates = estimates_of(left, right)
    for (a, b, _, _), est, keep in zip(batch, estimates, is_similar(estimates, params), strict=True):
        if keep:
            yield a, b, float(est)


def near_duplicates(signatures: "RDD[tuple[str, bytes]]", params: LSHParams = LSHParams()) -> list[Cluster]:
    """Return the near-duplicate clusters of ``(id, signature)`` pairs, as ``near_duplicates_signed`` finds them."""
    candidates = (signatures.flatMap(lambda s: band_entries(s[0], s[1], params))
                  .groupByKey()
                  .mapValues(sorted)
                  .flatMap(lambda kv: bucket_pairs(kv[1]) if len(kv[1]) > 1 else [])
                  .distinct())
    with_a = candidates.join(signatures).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
    both = with_a.join(signatures).map(lambda kv: (kv[1][0][0], kv[0], kv[1][0][1], kv[1][1]))
    kept = sorted(both.mapPartitions(lambda part: similar(part, params)).collect())
    if not kept:
        return []
    ids = sorted({x for a, b, _ in kept for x in (a, b)})
    index = {article_id: n for n, article_id in enumerate(ids)}
    pairs = np.array([(index[a], index[b]) for a, b, _ in kept], dtype=np.int64).reshape(-1, 2)
    return clusters(ids, pairs, [e for _, _, e in kept])

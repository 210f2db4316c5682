"""Near-duplicate articles: MinHash signatures on word shingles, LSH banding, clusters.

Each body is lower-cased and split into words (letters and digits; ASCII punctuation and
typographic quotes separate them); every run of ``shingle`` consecutive words
is a shingle, hashed to 32 bits (each word once with xxh32, runs mixed in numpy). A
signature holds, for each of ``num_perm`` hash functions ``h_k(x) = a_k * x + b_k mod
2**32`` (odd ``a_k``: a bijection of 32-bit values, seeded), the smallest value over the
body's shingles. Two bodies agree on a position with probability equal to the Jaccard
similarity ``J`` of their shingle sets.

LSH cuts the signature into ``bands`` bands of ``rows`` positions; two bodies become
candidates when any band agrees in full, which happens with probability

    P(candidate | J) = 1 - (1 - J**rows) ** bands

an S-curve, not a step, centred near ``(1/bands) ** (1/rows)`` (0.42 for the default
32 bands x 4 rows = 128 positions). With those defaults a pair is a candidate with
probability 0.87 at J = 0.5, 0.985 at 0.6, 0.9998 at 0.7 and 0.23 at 0.3, so copies are
almost never missed while unrelated articles (J near 0) almost never meet. A candidate
pair is kept when the share of agreeing signature positions (the estimate of ``J``,
standard error ``sqrt(J(1-J)/num_perm)``: 0.044 at J = 0.5) is at least ``threshold``
(default 0.5: a copy of a wire report with an outlet's own lead and a few edited
sentences shares about 0.6-0.9 of its word 3-grams, two different reports of one event
under 0.15). Kept pairs are joined into clusters (union-find); a cluster's id is
``dup:`` and its smallest article id, so it does not depend on input order.

Word 3-gram MinHash finds copies: a wire report republished with small edits. A
machine-spun rewrite (synonyms swapped, clauses moved) shares few 3-grams with its
source and needs sentence alignment instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from telusur.model import Cluster

_MASK32 = np.uint64(0xFFFFFFFF)
_CHECK_SLICE = 50_000
_BLOCK = 500
# every ASCII byte that is not a letter or digit separates words; bytes >= 128 are kept
_SEPARATORS = bytes(c if c >= 128 or chr(c).isalnum() else 32 for c in range(256))
_QUOTES = ("“", "”", "‘", "’", "–", "—", "\u00a0")


@dataclass(frozen=True)
class LSHParams:
    """MinHash LSH settings, validated up front.

    Raises ``ValueError`` when ``num_perm`` is not ``bands * rows``, when any count is
    below 1, or when ``threshold`` is outside (0, 1].
    """

    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    shingle: int = 3
    threshold: float = 0.5
    seed: int = 20241018

    def __post_init__(self) -> None:
        for name in ("num_perm", "bands", "rows", "shingle"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.bands * self.rows != self.num_perm:
            raise ValueError(f"bands * rows must equal num_perm: {self.bands} * {self.rows} != {self.num_perm}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    def candidate_probability(self, jaccard: float) -> float:
        """Return the chance that a pair with this Jaccard similarity becomes a candidate."""
        return 1 - (1 - jaccard**self.rows) ** self.bands


class MinHasher:
    """Computes signatures for a fixed ``LSHParams`` (the hash functions are drawn once, seeded)."""

    def __init__(self, params: LSHParams = LSHParams()) -> None:
        """Take the parameters; draws the ``num_perm`` hash functions from ``params.seed``."""
        self.params = params
        rng = np.random.default_rng(params.seed)
        self._a = (rng.integers(0, 2**32, params.num_perm, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
        self._b = rng.integers(0, 2**32, params.num_perm, dtype=np.uint64).astype(np.uint32)
        self._mix = rng.integers(0, 2**32, params.shingle, dtype=np.uint64) | np.uint64(1)
        self._words: dict[bytes, int] = {}

    def shingles(self, text: str) -> np.ndarray:
        """Return the 32-bit hashes of ``text``'s word shingles (one for a text shorter than a shingle)."""
        flat, _ = self._batch_shingles([text])
        return flat

    def _word_ids(self, text: str) -> list[int]:
        """Hash each word once (cached): ASCII punctuation becomes space on the UTF-8 bytes,
        which is several times faster than a Unicode regex; non-ASCII letters stay in words."""
        for quote in _QUOTES:
            text = text.replace(quote, " ")
        words = text.lower().encode("utf-8", "replace").translate(_SEPARATORS).split()
        cache = self._words
        ids = list(map(cache.get, words))
        if None in ids:
            for i, v in enumerate(ids):
                if v is None:
                    ids[i] = cache[words[i]] = xxhash.xxh32_intdigest(words[i])
        return ids  # type: ignore[return-value]

    def _batch_shingles(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return all shingle hashes of ``texts`` end to end, and where each text's run starts."""
        k = self.params.shingle
        ids: list[int] = []
        lengths = np.empty(len(texts), dtype=np.int64)
        for n, text in enumerate(texts):
            words = self._word_ids(text)
            if len(words) < k:
                words = words + [0] * (k - len(words))  # a text shorter than a shingle is one shingle
            ids.extend(words)
            lengths[n] = len(words)
        h = np.asarray(ids, dtype=np.uint64)
        total = len(h) - k + 1
        out = np.zeros(total, dtype=np.uint64)
        for j in range(k):
            out = out * np.uint64(0x9E3779B1) + h[j : j + total] * self._mix[j]
        out = ((out ^ (out >> np.uint64(29))) & _MASK32).astype(np.uint32)
        # a run that crosses from one text into the next is no shingle
        starts = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        keep = np.ones(total, dtype=bool)
        for j in range(1, k):
            cut = starts[1:] - j
            keep[cut[cut >= 0]] = False
        counts = lengths - k + 1
        offsets = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(counts[:-1], out=offsets[1:])
        return out[keep], offsets

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """Return the ``(len(texts), num_perm)`` uint32 signatures of ``texts``; never raises."""
        sig = np.empty((len(texts), self.params.num_perm), dtype=np.uint32)
        # blocks of texts whose shingles fit in the CPU cache: each of the num_perm passes
        # then reads the block from cache instead of from memory (about twice as fast)
        for start in range(0, len(texts), _BLOCK):
            flat, offsets = self._batch_shingles(texts[start : start + _BLOCK])
            block = sig[start : start + _BLOCK]
            for k in range(self.params.num_perm):
                h = flat * self._a[k]
                h += self._b[k]
                block[:, k] = np.minimum.reduceat(h, offsets)
        return sig


def band_keys(signatures: np.ndarray, params: LSHParams, band: int) -> np.ndarray:
    """Return one uint64 key per signature for band ``band`` (its rows hashed together)."""
    rows = signatures[:, band * params.rows : (band + 1) * params.rows]
    key = np.zeros(len(signatures), dtype=np.uint64)
    for r in range(params.rows):
        key = key * np.uint64(0x100000001B3) + rows[:, r].astype(np.uint64)
    return key


def candidate_pairs(signatures: np.ndarray, params: LSHParams) -> np.ndarray:
    """Return the ``(m, 2)`` index pairs (i < j) to check, without repeats.

    Within a band bucket (bodies whose band agrees in full) each member is paired with the
    next one and with the first one (``bucket_pairs``, for executors that group the buckets
    themselves), not with every other: clusters are transitive, so a
    bucket of 1,000 copies of one wire report costs 2,000 checks instead of 500,000, and
    two copies that miss each other here meet again in another band.
    """
    n = np.int64(len(signatures))
    found: list[np.ndarray] = []  # each pair as one int64, low * n + high: a 1-D unique is cheap
    for b in range(params.bands):
        column = band_keys(signatures, params, b)
        order = np.argsort(column, kind="stable")
        sorted_keys = column[order]
        same = sorted_keys[1:] == sorted_keys[:-1]
        if not same.any():
            continue
        # consecutive members of one bucket (order keeps index order inside a bucket)
        found.append(_pair_keys(order[:-1][same], order[1:][same], n))
        # every member with the first one of its bucket
        starts = np.flatnonzero(np.r_[True, ~same])
        first = np.repeat(order[starts], np.diff(np.r_[starts, len(order)]))
        star = first != order
        found.append(_pair_keys(first[star], order[star], n))
        # fold as we go, so the band arrays never pile up
        if len(found) >= 8:
            found = [np.unique(np.concatenate(found))]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    keys = np.unique(np.concatenate(found))
    return np.stack([keys // n, keys % n], axis=1)


def _pair_keys(a: np.ndarray, b: np.ndarray, n: np.int64) -> np.ndarray:
    a, b = a.astype(np.int64), b.astype(np.int64)
    return np.minimum(a, b) * n + np.maximum(a, b)


def similar_pairs(signatures: np.ndarray, params: LSHParams) -> tuple[np.ndarray, np.ndarray]:
    """Return candidate pairs whose estimated Jaccard is at least ``params.threshold``, and those estimates."""
    pairs = candidate_pairs(signatures, params)
    if not len(pairs):
        return pairs, np.empty(0)
    estimate = np.empty(len(pairs))
    # in slices: the two gathered signature blocks cost num_perm * 8 bytes a pair
    for start in range(0, len(pairs), _CHECK_SLICE):
        part = pairs[start : start + _CHECK_SLICE]
        estimate[start : start + len(part)] = estimates_of(signatures[part[:, 0]], signatures[part[:, 1]])
    keep = is_similar(estimate, params)
    return pairs[keep], estimate[keep]


def estimates_of(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Return the estimated Jaccard of each pair of signatures (row ``k`` of ``left`` with row ``k`` of ``right``).

    The share of agreeing positions. Both arrays are ``(m, num_perm)``; raises ``ValueError``
    when their shapes differ.
    """
    if left.shape != right.shape:
        raise ValueError(f"signature blocks of shapes {left.shape} and {right.shape}")
    return (left == right).mean(axis=1)


def is_similar(estimates: np.ndarray, params: LSHParams) -> np.ndarray:
    """Return which estimates keep their pair: those at least ``params.threshold``."""
    return estimates >= params.threshold


def bucket_pairs(members: Sequence[str]) -> list[tuple[str, str]]:
    """Return the pairs ``candidate_pairs`` checks within one band bucket, for an executor that groups buckets itself.

    Takes the bucket's members in the order of the signatures (article ids, sorted, as
    ``near_duplicates_signed`` reads them); returns each member with the next one and
    with the first one, each pair once and ordered (smaller, larger).
    """
    found = {(members[k], members[k + 1]) for k in range(len(members) - 1)}
    found.update((members[0], m) for m in members[1:])
    return sorted((min(a, b), max(a, b)) for a, b in found)


def clusters(ids: Sequence[str], pairs: np.ndarray, estimates: Iterable[float]) -> list[Cluster]:
    """Join similar pairs into clusters (union-find); returns clusters of two or more, by id."""
    parent = list(range(len(ids)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = find(int(i)), find(int(j))
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, set[int]] = {}
    edges: dict[int, list[tuple[str, str, float]]] = {}
    for (i, j), est in zip(pairs, estimates, strict=True):
        root = find(int(i))
        members.setdefault(root, set()).update((int(i), int(j)))
        a, b = sorted((ids[int(i)], ids[int(j)]))
        edges.setdefault(root, []).append((a, b, round(float(est), 4)))
    out = []
    for root, m in members.items():
        names = tuple(sorted(ids[k] for k in m))
        out.append(Cluster("dup:" + names[0], names, tuple(sorted(edges[root]))))
    return sorted(out, key=lambda c: c.id)


def near_duplicates_of(items: Iterable[tuple[str, str]], params: LSHParams = LSHParams(), chunk: int = 5000) -> list[Cluster]:
    """Return the near-duplicate clusters of ``(id, body)`` pairs read as a stream.

    Bodies are signed ``chunk`` at a time, so only the signatures (``num_perm`` * 4 bytes
    an article) are held, not the texts. Pure and deterministic; never raises.
    """
    hasher = MinHasher(params)
    ids: list[str] = []
    parts: list[np.ndarray] = []
    batch: list[str] = []
    for article_id, body in items:
        ids.append(article_id)
        batch.append(body)
        if len(batch) == chunk:
            parts.append(hasher.signatures(batch))
            batch = []
    if batch:
        parts.append(hasher.signatures(batch))
    if not ids:
        return []
    pairs, estimates = similar_pairs(np.concatenate(parts), params)
    return clusters(ids, pairs, estimates)


def near_duplicates_signed(items: Iterable[tuple[str, bytes]], params: LSHParams = LSHParams()) -> list[Cluster]:
    """Return the near-duplicate clusters of ``(id, signature bytes)`` pairs, signatures made by ``MinHasher(params)``.

    The signatures a store kept between runs (``num_perm`` uint32 values each); the result
    equals ``near_duplicates_of`` over the same articles' bodies. Raises ``ValueError`` for a
    signature of another length.
    """
    ids: list[str] = []
    rows: list[np.ndarray] = []
    for article_id, blob in items:
        sig = np.frombuffer(blob, dtype=np.uint32)
        if len(sig) != params.num_perm:
            raise ValueError(f"signature of {article_id!r} has {len(sig)} values, expected {params.num_perm}")
        ids.append(article_id)
        rows.append(sig)
    if not ids:
        return []
    pairs, estimates = similar_pairs(np.vstack(rows), params)
    return clusters(ids, pairs, estimates)


def near_duplicates(ids: Sequence[str], texts: Sequence[str], params: LSHParams = LSHParams()) -> list[Cluster]:
    """Return the near-duplicate clusters of the given articles (ids and bodies, same order).

    Pure and deterministic. Raises ``ValueError`` when ``ids`` and ``texts`` differ in
    length.
    """
    if len(ids) != len(texts):
        raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
    signatures = MinHasher(params).signatures(texts)
    pairs, estimates = similar_pairs(signatures, params)
    return clusters(ids, pairs, estimates)



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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from telusur.model import Cluster

_MASK32 = np.uint64(0xFFFFFFFF)
_CHECK_SLICE = 50_000
# texts shingled and signed together: their shingles and one work array stay in the CPU
# cache through the num_perm passes (about 0.5 MB each for 256 news articles)
_BLOCK = 256
# every ASCII byte that is not a letter or digit separates words; bytes >= 128 are kept
_SEPARATORS = bytes(c if c >= 128 or chr(c).isalnum() else 32 for c in range(256))
_QUOTES = ("“", "”", "‘", "’", "–", "—", "\u00a0")
_SPACE = 32
# xxh32's constants; words shorter than _LONG bytes are hashed in numpy, longer ones by xxhash
_P1, _P2, _P3, _P4, _P5 = (np.uint32(p) for p in (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1))
_LONG = 16
# a word's group by its length: bytes left over after its 4-byte lanes, then lanes (at most 3)
_GROUP = np.array([(n & 3) * 4 + min(n >> 2, 3) for n in range(_LONG)] + [3], dtype=np.int8)
_PAD = 16  # spaces after the last text: every 4-byte read of a short word stays inside the buffer


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
    """Computes signatures for a fixed ``LSHParams`` (the hash functions are drawn once, seeded).

    All the per-word work is done in numpy on a block of texts at a time: the texts are
    lower-cased and encoded in Python (one call each), joined, their separators turned to
    spaces in one ``bytes.translate``, and every word is hashed with xxh32 computed in numpy
    (``_xxh32_words``; the same 32 bits as ``xxhash.xxh32_intdigest`` of the word's bytes).
    """

    def __init__(self, params: LSHParams = LSHParams()) -> None:
        """Take the parameters; draws the ``num_perm`` hash functions from ``params.seed``."""
        self.params = params
        rng = np.random.default_rng(params.seed)
        self._a = (rng.integers(0, 2**32, params.num_perm, dtype=np.uint64) | np.uint64(1)).astype(np.uint32)
        self._b = rng.integers(0, 2**32, params.num_perm, dtype=np.uint64).astype(np.uint32)
        self._mix = rng.integers(0, 2**32, params.shingle, dtype=np.uint64) | np.uint64(1)

    def shingles(self, text: str) -> np.ndarray:
        """Return the 32-bit hashes of ``text``'s word shingles (one for a text shorter than a shingle)."""
        flat, _ = self._batch_shingles([text])
        return flat

    def _word_ids(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return the xxh32 of every word of ``texts`` end to end (uint32), and how many words each text has.

        A word is a run of letters and digits: ASCII punctuation (and typographic quotes,
        dashes, no-break spaces) becomes space on the lower-cased UTF-8 bytes, which is
        several times faster than a Unicode regex; non-ASCII letters stay in words.
        """
        parts: list[bytes] = []
        for text in texts:
            if not text.isascii():  # the quotes are not ASCII: an ASCII text has none to replace
                for quote in _QUOTES:
                    text = text.replace(quote, " ")
            parts.append(text.lower().encode("utf-8", "replace"))
        sizes = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        parts.insert(0, b"")
        parts.append(b" " * _PAD)
        # " text0 text1 ... " + padding: a space before every text, so words never span two texts
        joined = b" ".join(parts).translate(_SEPARATORS)
        del parts
        u8 = np.frombuffer(joined, dtype=np.uint8)
        word = u8 != _SPACE
        edges = np.flatnonzero(word[1:] != word[:-1])
        edges += 1
        starts, ends = edges[0::2], edges[1::2]  # the buffer begins and ends with a space
        text_starts = np.empty(len(texts), dtype=np.int64)
        text_starts[:1] = 1
        np.cumsum(sizes[:-1] + 1, out=text_starts[1:])
        text_starts[1:] += 1
        first = np.searchsorted(starts, text_starts)
        counts = np.diff(first, append=len(starts))
        ids = _xxh32_words(joined, u8, starts, ends)
        for i in np.flatnonzero(ends - starts >= _LONG).tolist():
            ids[i] = xxhash.xxh32_intdigest(joined[starts[i] : ends[i]])
        return ids, counts

    def _batch_shingles(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return all shingle hashes of ``texts`` end to end, and where each text's run starts."""
        k = self.params.shingle
        words, counts = self._word_ids(texts)
        if (counts < k).any():  # a text shorter than a shingle is one shingle, padded with zeros
            lengths = np.maximum(counts, k)
            h = np.zeros(int(lengths.sum()), dtype=np.uint64)
            shift = np.zeros(len(texts), dtype=np.int64)
            np.cumsum((lengths - counts)[:-1], out=shift[1:])
            h[np.arange(len(words)) + np.repeat(shift, counts)] = words
        else:
            lengths = counts
            h = words.astype(np.uint64)
        total = len(h) - k + 1
        out = h[:total] * self._mix[0]
        step = np.empty_like(out)
        for j in range(1, k):
            out *= np.uint64(0x9E3779B1)
            np.multiply(h[j : j + total], self._mix[j], out=step)
            out += step
        np.right_shift(out, np.uint64(29), out=step)
        out ^= step
        out &= _MASK32
        mixed = out.astype(np.uint32)
        # a run that crosses from one text into the next is no shingle
        starts = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        keep = np.ones(total, dtype=bool)
        for j in range(1, k):
            cut = starts[1:] - j
            keep[cut[cut >= 0]] = False
        offsets = np.zeros(len(texts), dtype=np.int64)
        np.cumsum((lengths - k + 1)[:-1], out=offsets[1:])
        return (mixed if k == 1 else mixed[keep]), offsets

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """Return the ``(len(texts), num_perm)`` uint32 signatures of ``texts``; never raises."""
        num_perm = self.params.num_perm
        sig = np.empty((len(texts), num_perm), dtype=np.uint32)
        columns = np.empty((num_perm, min(len(texts), _BLOCK)), dtype=np.uint32)
        # blocks of texts whose shingles fit in the CPU cache: each of the num_perm passes
        # then reads the block from cache instead of from memory (about twice as fast)
        for start in range(0, len(texts), _BLOCK):
            flat, offsets = self._batch_shingles(texts[start : start + _BLOCK])
            n = len(offsets)
            work = np.empty_like(flat)
            for k in range(num_perm):
                np.multiply(flat, self._a[k], out=work)
                work += self._b[k]
                np.minimum.reduceat(work, offsets, out=columns[k, :n])
            sig[start : start + n] = columns[:, :n].T
        return sig


def _rotl(x: np.ndarray, r: int, tmp: np.ndarray) -> None:
    """Rotate the uint32 values of ``x`` left by ``r`` bits, in place (``tmp``: scratch of the same shape)."""
    np.left_shift(x, np.uint32(r), out=tmp)
    np.right_shift(x, np.uint32(32 - r), out=x)
    x |= tmp


def _xxh32_words(buf: bytes, u8: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Return xxh32 (seed 0) of each word ``buf[starts[i] : ends[i]]`` shorter than 16 bytes (uint32).

    ``XXH32`` for short inputs, on every word at once: the seed and the length, then each
    whole 4-byte lane (little-endian), then each remaining byte, then the avalanche. Words
    are put in order of (bytes left over, lanes), so that each step works on one contiguous
    range of words. Values for words of 16 bytes or more are wrong (the caller hashes those
    itself). ``u8`` is ``buf`` as uint8; ``buf`` must have 16 readable bytes after the last word.
    """
    group = _GROUP[np.minimum(ends - starts, _LONG)]
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(17, dtype=np.int8)).tolist()
    s, e = starts[order], ends[order]
    h = e.astype(np.uint32)
    h -= s.astype(np.uint32)
    h += _P5
    # every 4-byte value of the buffer, read at any byte offset (unaligned, little-endian)
    as_u32 = np.ndarray((len(buf) - 3,), dtype="<u4", buffer=buf, strides=(1,))
    tmp = np.empty_like(h)
    for rest in range(4):
        end = bounds[rest * 4 + 4]
        for j in range(3):
            lo = bounds[rest * 4 + j + 1]  # the words of this group with more than j lanes
            if lo == end:
                continue
            lane = as_u32[s[lo:end] + 4 * j] if j else as_u32[s[lo:end]]
            lane *= _P3
            lane += h[lo:end]
            _rotl(lane, 17, tmp[: end - lo])
            lane *= _P4
            h[lo:end] = lane
        lo = bounds[rest * 4]
        for t in range(rest if lo < end else 0):  # the bytes after the lanes, one by one
            byte = u8[e[lo:end] - (rest - t)].astype(np.uint32)
            byte *= _P5
            byte += h[lo:end]
            _rotl(byte, 11, tmp[: end - lo])
            byte *= _P1
            h[lo:end] = byte
    np.right_shift(h, np.uint32(15), out=tmp)
    h ^= tmp
    h *= _P2
    np.right_shift(h, np.uint32(13), out=tmp)
    h ^= tmp
    h *= _P3
    np.right_shift(h, np.uint32(16), out=tmp)
    h ^= tmp
    out = np.empty_like(h)
    out[order] = h
    return out


_FNV = np.uint64(0x100000001B3)
_SPREAD = np.uint64(0x9E3779B97F4A7C15)
# band keys are made for this many bands at a time (8 bytes an article each), from row blocks
# of the signatures (their columns read while the block is in cache, not column by column)
_KEY_BANDS = 8
_KEY_ROWS = 32_768
# candidate pairs of this many bands are held before they are deduplicated
_FOLD = 8


def band_keys(signatures: np.ndarray, params: LSHParams, band: int) -> np.ndarray:
    """Return one uint64 key per signature for band ``band`` (its rows hashed together)."""
    rows = signatures[:, band * params.rows : (band + 1) * params.rows]
    key = rows[:, 0].astype(np.uint64)
    for r in range(1, params.rows):
        key *= _FNV
        key += rows[:, r]
    return key


def _band_key_groups(signatures: np.ndarray, params: LSHParams) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(band, band_keys(signatures, params, band))`` for every band, in order.

    The same keys as ``band_keys``, made ``_KEY_BANDS`` bands at a time over row blocks
    of the signatures turned into columns (one transposing copy), so that the signatures are
    read from memory once instead of once a column and the arithmetic runs on contiguous
    arrays.
    """
    n, rows = len(signatures), params.rows
    for first in range(0, params.bands, _KEY_BANDS):
        count = min(_KEY_BANDS, params.bands - first)
        keys = np.empty((count, n), dtype=np.uint64)
        for start in range(0, n, _KEY_ROWS):
            columns = np.ascontiguousarray(signatures[start : start + _KEY_ROWS, first * rows : (first + count) * rows].T)
            end = start + columns.shape[1]
            for b in range(count):
                key = keys[b, start:end]
                key[:] = columns[b * rows]
                for r in range(1, rows):
                    key *= _FNV
                    key += columns[b * rows + r]
        for b in range(count):
            yield first + b, keys[b]


def _buckets(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the indices of ``keys`` grouped into buckets of equal keys (index order within a
    bucket, the buckets in no particular order), and the positions in that order of every
    member of a bucket but its first.

    Sorts each key, multiplied by an odd constant (a bijection, so that keys differing in
    their low bits only, as minimum hash values do, differ in their high bits), with its index
    packed into its low bits: one plain sort of uint64, several times faster than a stable
    argsort. The high bits alone can group two different keys; that is checked and, should it
    happen, answered by the stable argsort itself.
    """
    n = len(keys)
    bits = max(1, (n - 1).bit_length())
    if bits <= 40:
        low = np.uint64((1 << bits) - 1)
        packed = keys * _SPREAD
        packed &= ~low
        packed |= np.arange(n, dtype=np.uint64)
        packed.sort()
        order = (packed & low).astype(np.int64)
        packed >>= np.uint64(bits)
        later = np.flatnonzero(packed[1:] == packed[:-1])
        later += 1
        if not len(later) or (keys[order[later - 1]] == keys[order[later]]).all():
            return order, later
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    later = np.flatnonzero(ordered[1:] == ordered[:-1])
    later += 1
    return order, later


def _unique(keys: np.ndarray) -> np.ndarray:
    """Return the sorted distinct values of ``keys`` (``np.unique``, by sorting: numpy 2.3+'s hash
    table is many times slower on large integer arrays)."""
    keys = np.sort(keys)
    if len(keys) < 2:
        return keys
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


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
    for _, column in _band_key_groups(signatures, params):
        order, later = _buckets(column)
        if not len(later):
            continue
        # consecutive members of one bucket (order keeps index order inside a bucket)
        found.append(_pair_keys(order[later - 1], order[later], n))
        # every member with the first one of its bucket (a bucket starts where the run of
        # later members breaks)
        head = np.empty(len(later), dtype=np.int64)
        head[0] = later[0] - 1
        np.subtract(later[1:], 1, out=head[1:])
        head[1:][later[1:] == later[:-1] + 1] = 0
        np.maximum.accumulate(head, out=head)
        found.append(_pair_keys(order[head], order[later], n))
        # fold as we go, so the band arrays never pile up
        if len(found) >= 2 * _FOLD:
            found = [_unique(np.concatenate(found))]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    keys = _unique(np.concatenate(found))
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
    return np.count_nonzero(left == right, axis=1) / left.shape[1]


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
    """Join similar pairs into clusters (connected components); returns clusters of two or more, by id.

    ``pairs`` holds ``(m, 2)`` indices into ``ids``, ``estimates`` one value a pair (rounded to
    4 places in the clusters); raises ``ValueError`` when their lengths differ.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    rounded = [round(float(e), 4) for e in estimates]
    if len(rounded) != len(pairs):
        raise ValueError(f"{len(pairs)} pairs for {len(rounded)} estimates")
    if not len(pairs):
        return []
    nodes = _unique(pairs.ravel())
    local = np.searchsorted(nodes, pairs)
    label = _components(local[:, 0], local[:, 1], len(nodes))
    names = [ids[k] for k in nodes.tolist()]
    edges = []
    for i, j, est in zip(local[:, 0].tolist(), local[:, 1].tolist(), rounded):
        a, b = names[i], names[j]
        edges.append((a, b, est) if a <= b else (b, a, est))
    # the components in the order of their first pair, as a union-find over the pairs in
    # order meets them (only ties between equal ids would tell)
    pair_label = label[local[:, 0]]
    pair_order = np.argsort(pair_label, kind="stable")
    pair_cuts = [0, *(np.flatnonzero(np.diff(pair_label[pair_order])) + 1).tolist(), len(pairs)]
    node_order = np.argsort(label, kind="stable")
    node_cuts = [0, *(np.flatnonzero(np.diff(label[node_order])) + 1).tolist(), len(nodes)]
    by_pair, by_node = pair_order.tolist(), node_order.tolist()  # the same components, in label order
    out = []
    for g in sorted(range(len(pair_cuts) - 1), key=lambda g: by_pair[pair_cuts[g]]):
        members = tuple(sorted([names[k] for k in by_node[node_cuts[g] : node_cuts[g + 1]]]))
        joined = tuple(sorted([edges[p] for p in by_pair[pair_cuts[g] : pair_cuts[g + 1]]]))
        out.append(Cluster("dup:" + members[0], members, joined))
    return sorted(out, key=lambda c: c.id)


def _components(left: np.ndarray, right: np.ndarray, count: int) -> np.ndarray:
    """Return a label for each of ``count`` nodes, equal for nodes connected by the edges ``left[k]-right[k]``.

    Vectorised union-find: each round hooks the larger of an edge's two roots under the
    smaller, then every node is pointed straight at its root; it stops when every edge has
    one root on both ends.
    """
    label = np.arange(count)
    while True:
        lo, hi = label[left], label[right]
        differ = lo != hi
        if not differ.any():
            return label
        lo, hi = np.minimum(lo[differ], hi[differ]), np.maximum(lo[differ], hi[differ])
        np.minimum.at(label, hi, lo)
        while True:
            up = label[label]
            if (up == label).all():
                break
            label = up


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



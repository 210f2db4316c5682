"""The vectorised MinHash code gives what the plain definitions give, bit for bit.

Signatures are stored between runs (``body_signatures``), so the fast paths of
``telusur.corpus.minhash`` (words hashed with xxh32 in numpy, band buckets by a packed sort,
clusters by vectorised union-find) are checked against straightforward references, and the
signatures of a few fixed texts against digests made by the code before those fast paths.
"""

import hashlib
import random

import numpy as np
import pytest
import xxhash

from telusur.corpus import minhash
from telusur.corpus.minhash import LSHParams, MinHasher, candidate_pairs, clusters, similar_pairs
from telusur.model import Cluster

SIBLINGS = LSHParams(num_perm=96, bands=32, rows=3, shingle=1, threshold=0.28, seed=20241021)

FIXED = ["“Kerja sama ini,” ujar Zinoviev.", "", "satu",
         "Jakarta — Presiden Joko Widodo meresmikan jalan tol Trans-Jawa pada Kamis (20/12/2018).",
         "Ekonomi İSTANBUL ΣΑΣ naik 5,2% ẞ pertanggungjawabannya\u00a0kata\tdia\n\nselesai ‘ok’ –",
         " ".join(f"kata{i % 97} berita{i % 13}" for i in range(600))]


def _reference_signature(text: str, params: LSHParams) -> list[int]:
    """The definition in the module docstring, one text, in plain Python."""
    for quote in minhash._QUOTES:
        text = text.replace(quote, " ")
    words = text.lower().encode("utf-8", "replace").translate(minhash._SEPARATORS).split()
    ids = [xxhash.xxh32_intdigest(w) for w in words]
    k = params.shingle
    ids += [0] * (k - len(ids))
    rng = np.random.default_rng(params.seed)
    a = (rng.integers(0, 2**32, params.num_perm, dtype=np.uint64) | np.uint64(1)).astype(np.uint32).tolist()
    b = rng.integers(0, 2**32, params.num_perm, dtype=np.uint64).astype(np.uint32).tolist()
    mix = (rng.integers(0, 2**32, k, dtype=np.uint64) | np.uint64(1)).tolist()
    shingles = []
    for i in range(len(ids) - k + 1):
        h = 0
        for j in range(k):
            h = (h * 0x9E3779B1 + ids[i + j] * mix[j]) % 2**64
        shingles.append((h ^ (h >> 29)) & 0xFFFFFFFF)
    return [min((ak * x + bk) % 2**32 for x in shingles) for ak, bk in zip(a, b)]


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,;:'\"!?-—“”‘’éñşİΣσςаб日本\t\n\xa0\u200b"
    out = []
    for _ in range(n):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.choice([1, 2, 3, 5, 8, 13, 15, 16, 17, 30])))
                 for _ in range(rng.randint(0, 40))]
        out.append(" ".join(words))
    return out


def test_signatures_match_digests_made_by_the_code_before():
    for params, digest in ((LSHParams(), "2e6e69d5979f66145a7f407b79ba649ccc3021ffeb1a7e37ae2c28ffb27f8cf5"),
                           (SIBLINGS, "be999d8afc559aced14c509b5a53971fe6c28147f0a02e9a9290dcf759fb42a9")):
        assert hashlib.sha256(MinHasher(params).signatures(FIXED).tobytes()).hexdigest() == digest


@pytest.mark.parametrize("params", [LSHParams(), SIBLINGS, LSHParams(num_perm=16, bands=4, rows=4, shingle=5, seed=3)])
def test_signatures_equal_the_plain_definition(params):
    texts = FIXED + _texts(11, 60)
    got = MinHasher(params).signatures(texts)
    assert got.dtype == np.uint32 and got.shape == (len(texts), params.num_perm)
    for row, text in zip(got, texts, strict=True):
        assert row.tolist() == _reference_signature(text, params), text[:40]


def test_blocks_do_not_change_signatures(monkeypatch):
    texts = _texts(12, 300)
    whole = MinHasher().signatures(texts)
    monkeypatch.setattr(minhash, "_BLOCK", 7)
    assert (MinHasher().signatures(texts) == whole).all()
    assert (np.concatenate([MinHasher().signatures(texts[i : i + 50]) for i in range(0, 300, 50)]) == whole).all()
    assert MinHasher().signatures([]).shape == (0, 128)


def test_words_of_every_length_hash_as_xxh32():
    rng = np.random.default_rng(4)
    words = [bytes(rng.integers(1, 256, n, dtype=np.uint8).tolist()).replace(b" ", b"x")
             for n in list(range(1, 40)) * 30]
    buf = b" " + b" ".join(words) + b" " * minhash._PAD
    ends = np.cumsum([len(w) + 1 for w in words]) + 0
    starts = ends - np.array([len(w) for w in words])
    got = minhash._xxh32_words(buf, np.frombuffer(buf, dtype=np.uint8), starts, ends)
    short = np.array([len(w) < minhash._LONG for w in words])
    assert (got[short] == np.array([xxhash.xxh32_intdigest(w) for w in words], dtype=np.uint32)[short]).all()


def _reference_candidates(signatures: np.ndarray, params: LSHParams) -> np.ndarray:
    found = set()
    for band in range(params.bands):
        buckets: dict[bytes, list[int]] = {}
        for i, row in enumerate(signatures[:, band * params.rows : (band + 1) * params.rows]):
            buckets.setdefault(row.tobytes(), []).append(i)
        for members in buckets.values():
            found.update((members[k], members[k + 1]) for k in range(len(members) - 1))
            found.update((members[0], m) for m in members[1:])
    return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)


@pytest.mark.parametrize("distinct", [3, 40, 100_000])
def test_candidate_pairs_are_the_bucket_pairs(distinct):
    rng = np.random.default_rng(distinct)
    params = LSHParams(num_perm=16, bands=8, rows=2)
    sig = rng.integers(0, distinct, (500, 16), dtype=np.uint32)
    sig[rng.integers(0, 500, 200)] = sig[rng.integers(0, 500, 200)]
    got = candidate_pairs(sig, params)
    assert got.dtype == np.int64 and (got == _reference_candidates(sig, params)).all()
    assert candidate_pairs(sig[:1], params).shape == (0, 2)


def test_buckets_fall_back_when_packed_keys_collide():
    # two different keys whose spread values share every high bit, and a third apart
    inverse = pow(int(minhash._SPREAD), -1, 2**64)
    keys = np.array([(5 << 40) * inverse % 2**64, ((5 << 40) + 1) * inverse % 2**64, 7, (5 << 40) * inverse % 2**64],
                    dtype=np.uint64)
    order, later = minhash._buckets(keys)
    assert order.tolist() == np.argsort(keys, kind="stable").tolist()
    assert [sorted(order[p - 1 : p + 1].tolist()) for p in later.tolist()] == [[0, 3]]


def _reference_clusters(ids, pairs, estimates):
    """Union-find over the pairs in order, as the module did before."""
    parent = list(range(len(ids)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = find(int(i)), find(int(j))
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members, edges = {}, {}
    for (i, j), est in zip(pairs, estimates, strict=True):
        root = find(int(i))
        members.setdefault(root, set()).update((int(i), int(j)))
        a, b = sorted((ids[int(i)], ids[int(j)]))
        edges.setdefault(root, []).append((a, b, round(float(est), 4)))
    out = [Cluster("dup:" + min(ids[k] for k in m), tuple(sorted(ids[k] for k in m)), tuple(sorted(edges[r])))
           for r, m in members.items()]
    return sorted(out, key=lambda c: c.id)


def test_clusters_equal_a_plain_union_find():
    rng = random.Random(8)
    for trial in range(200):
        n = rng.randint(2, 50)
        ids = [f"{rng.choice('abcz')}{rng.randint(0, 10**6)}" for _ in range(n)]
        pairs = np.array([sorted(rng.sample(range(n), 2)) for _ in range(rng.randint(0, 60))], dtype=np.int64).reshape(-1, 2)
        estimates = [rng.random() for _ in range(len(pairs))]
        assert clusters(ids, pairs, estimates) == _reference_clusters(ids, pairs, estimates), trial
    with pytest.raises(ValueError):
        clusters(["a", "b"], np.array([[0, 1]]), [])


def test_similar_pairs_keep_estimates_at_the_threshold():
    texts = _texts(13, 200)
    texts += [t + " tambahan" for t in texts[:50]]
    params = LSHParams(threshold=0.5)
    sig = MinHasher(params).signatures(texts)
    pairs, estimates = similar_pairs(sig, params)
    expected = (sig[pairs[:, 0]] == sig[pairs[:, 1]]).mean(axis=1)
    assert len(pairs) >= 40 and (estimates == expected).all() and (estimates >= 0.5).all()

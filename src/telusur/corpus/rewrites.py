"""Siblings of one source report across outlets, and the facts on which a rewrite departs.

Steps, each a plain function: candidate pairs from MinHash LSH on the articles' content
term sets (``corpus.align`` gives the maths), kept when published within
``window_days`` of each other; each candidate aligned sentence by sentence; a pair is a
sibling pair when the alignment covers enough of the shorter article and the source
each names first (its first cited wire agency) is named by the other too (two reports
of one press conference, one from AFP and one from Reuters, share their quotes but not
their source; Yonhap cited in passing by both does not make them one report). Sibling pairs are
joined into groups (``rw:`` and the smallest id); a pair whose articles are also
near-duplicates (``corpus.minhash``) is a ``copy``, else a ``rewrite``.

Every sibling pair is diffed (``corpus.factdiff``). A distortion belongs to the
article whose version the rest of its group does not share: the one of the two with
more distortions of that kind against the other siblings; between two articles alone,
the later one (a spinner works from what is already out).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, TypeVar

import numpy as np

from telusur.corpus.align import Alignment, AlignParams, Unit, align, units
from telusur.corpus.factdiff import diff_pair
from telusur.corpus.minhash import LSHParams, MinHasher, similar_pairs
from telusur.model import Article, FactDiff, SiblingPair  # SiblingPair re-exported: its home was here
from telusur.text.terms import terms

# unigram term sets. Siblings share 0.38-0.9 of their terms (demo stories and rewrite
# fixtures), independent reports of one event up to about 0.3 (one at 0.5): with 32
# bands x 3 rows a pair is a candidate with probability 0.88 at J = 0.4, 0.98 at 0.5 and
# 0.23 at 0.2; it is then kept when the estimated J (standard error 0.05) is >= 0.28
CANDIDATES = LSHParams(num_perm=96, bands=32, rows=3, shingle=1, threshold=0.28, seed=20241021)
# a wire report republished by hundreds of outlets makes every pair of them a candidate:
# each article is aligned with at most this many of its most similar candidates
MAX_CANDIDATES = 10
# alignments handed to the diff (beyond this many pairs the diff aligns again: bounded memory)
KEEP_ALIGNMENTS = 20_000


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    published: datetime | None
    agencies: tuple[str, ...]


def _item(article_id: str, published: str | None, agencies: Sequence[str]) -> _Item:
    stamp = None
    if published:
        stamp = datetime.fromisoformat(published if "T" in published else published + "T12:00:00+07:00")
    return _Item(article_id, stamp, tuple(agencies))


def signature_rows(articles: Iterable[Article], chunk: int = 2000) -> Iterator[tuple[str, str | None, str, bytes]]:
    """Yield ``(id, published, agencies JSON, signature bytes)`` per article: the MinHash of its content terms.

    Takes articles (streamed, ``chunk`` at a time). What the siblings stage needs of an
    article, and all it keeps between runs (``Store.put_term_signatures``).
    """
    hasher = MinHasher(CANDIDATES)
    batch: list[Article] = []

    def flush() -> Iterator[tuple[str, str | None, str, bytes]]:
        sigs = hasher.signatures([" ".join(sorted(terms(a.body))) for a in batch])
        for a, sig in zip(batch, sigs, strict=True):
            yield (a.id, a.published.value if a.published else None,
                   json.dumps([w.value for w in a.wire_agencies], ensure_ascii=False), sig.tobytes())

    for article in articles:
        batch.append(article)
        if len(batch) >= chunk:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def find_siblings(articles: Iterable[Article], body: Callable[[str], str | None], copies: Iterable[tuple[str, str]] = (),
                  window_days: float = 7.0, params: AlignParams = AlignParams(), chunk: int = 2000,
                  alignments: dict[tuple[str, str], Alignment] | None = None) -> list[SiblingPair]:
    """Return the sibling pairs among ``articles``, sorted by group then ids.

    Takes the articles (streamed: only a 384-byte signature of each is held), a loader
    from id to body for the candidates' second look, the near-duplicate pairs
    (to tell copies from rewrites), the publication window and the alignment settings;
    when ``alignments`` is given, each sibling pair's alignment is put there (for
    ``diff_siblings``). Raises ``ValueError`` for a negative window.
    """
    copy_pairs = {(min(a, b), max(a, b)) for a, b in copies}
    return siblings_of(signature_rows(articles, chunk), body, lambda a, b: (a, b) in copy_pairs, window_days, params,
                       alignments)


def siblings_of(rows: Iterable[tuple[str, str | None, str, bytes]], body: Callable[[str], str | None],
                is_copy: Callable[[str, str], bool] = lambda a, b: False, window_days: float = 7.0,
                params: AlignParams = AlignParams(),
                alignments: dict[tuple[str, str], Alignment] | None = None,
                known: Mapping[tuple[str, str], float | None] | None = None,
                checked: Callable[[str, str, float | None], None] | None = None) -> list[SiblingPair]:
    """Return the sibling pairs among the articles of ``rows`` (``signature_rows``), sorted by group then ids.

    As ``find_siblings``, from stored signatures, with ``is_copy(a, b)`` (``a < b``) telling
    whether two articles are near-duplicates. A candidate pair found in ``known``
    (its coverage when it was found siblings, else None) is not aligned again; each pair
    aligned here is passed to ``checked(a, b, coverage or None)``. The candidates are those a
    full run would take (LSH over every signature, the strongest per article), so a
    run that reuses ``known`` finds exactly the pairs a full run finds, as long as
    ``known`` holds no pair with an article changed since. Raises ``ValueError`` for a
    negative window.
    """
    if window_days < 0:
        raise ValueError(f"window_days must be at least 0, got {window_days}")
    items: list[_Item] = []
    blocks: list[bytes] = []
    for article_id, published, agencies, sig in rows:
        items.append(_item(article_id, published, json.loads(agencies)))
        blocks.append(sig)
    if len(items) < 2:
        return []
    signatures = np.frombuffer(b"".join(blocks), dtype=np.uint32).reshape(len(items), CANDIDATES.num_perm)
    del blocks
    pairs, estimates = similar_pairs(signatures, CANDIDATES)
    pairs = _strongest(pairs, estimates, MAX_CANDIDATES)
    del estimates, signatures
    unit_cache = _body_units(body, params)
    known = known or {}
    found: list[tuple[str, str, float, str | None]] = []
    for a, b in _by_ids(items, pairs):
        if a.published and b.published and abs((a.published - b.published).total_seconds()) > window_days * 86400:
            continue
        if a.agencies and b.agencies and (a.agencies[0] not in b.agencies or b.agencies[0] not in a.agencies):
            continue  # each names its own first source: two reports, however alike
        if (a.id, b.id) in known:
            coverage = known[(a.id, b.id)]
        else:
            ua, ub = unit_cache.get(a.id), unit_cache.get(b.id)
            if ua is None or ub is None:
                continue
            alignment = align(a.id, ua, b.id, ub, params)
            coverage = alignment.coverage if alignment.is_siblings(params) else None
            if coverage is not None and alignments is not None and len(alignments) < KEEP_ALIGNMENTS:
                alignments[(a.id, b.id)] = alignment
            if checked is not None:
                checked(a.id, b.id, coverage)
        if coverage is not None:
            shared = [w for w in a.agencies if w in b.agencies]
            found.append((a.id, b.id, coverage, shared[0] if shared else None))
    groups = _groups([(a, b) for a, b, _, _ in found])
    by_id = {i.id: i for i in items if i.id in groups}
    # a spun copy often drops the credit: the group's source is the agency its members name first
    firsts: dict[str, dict[str, int]] = {}
    for member, group in groups.items():
        if by_id[member].agencies:
            counts = firsts.setdefault(group, {})
            counts[by_id[member].agencies[0]] = counts.get(by_id[member].agencies[0], 0) + 1
    source = {g: min(c, key=lambda k: (-c[k], k)) for g, c in firsts.items()}
    return sorted(
        (SiblingPair(groups[a], a, b, "copy" if is_copy(a, b) else "rewrite", cov, src or source.get(groups[a]))
         for a, b, cov, src in found),
        key=lambda p: (p.group, p.a, p.b),
    )


def _by_ids(items: Sequence[_Item], pairs: np.ndarray) -> Iterator[tuple[_Item, _Item]]:
    """The candidate pairs as items, the smaller id first, in order of (smaller id, larger id).

    Sorted in numpy on the items' ranks by id: no list of every pair's id strings is built.
    """
    if not len(pairs):
        return
    by_rank = sorted(range(len(items)), key=lambda i: items[i].id)
    rank = np.empty(len(items), dtype=np.int64)
    rank[np.asarray(by_rank, dtype=np.int64)] = np.arange(len(items), dtype=np.int64)
    ra, rb = rank[pairs[:, 0]], rank[pairs[:, 1]]
    low, high = np.minimum(ra, rb), np.maximum(ra, rb)
    for i in np.lexsort((high, low)).tolist():
        yield items[by_rank[int(low[i])]], items[by_rank[int(high[i])]]


K = TypeVar("K")
V = TypeVar("V")


class _Recent(Generic[K, V]):
    """Values made on demand and kept for the ``size`` most recently asked keys."""

    def __init__(self, make: Callable[[K], V], size: int) -> None:
        self._make, self._size = make, size
        self._kept: dict[K, V] = {}

    def get(self, key: K) -> V:
        """Return the value for ``key``, making it when it is not kept."""
        value = self._kept.pop(key) if key in self._kept else self._make(key)
        self._kept[key] = value  # most recent last
        if len(self._kept) > self._size:
            del self._kept[next(iter(self._kept))]
        return value


def _body_units(body: Callable[[str], str | None], params: AlignParams) -> _Recent[str, list[Unit] | None]:
    """Units of articles' bodies for the last 4,096 ids (tens of MB: term sets only)."""
    def make(article_id: str) -> list[Unit] | None:
        text = body(article_id)
        return None if text is None else units(text, params)

    return _Recent(make, 4096)


def _article_units(load: Callable[[str], Article | None], params: AlignParams) -> _Recent[str, tuple[Article, list[Unit]] | None]:
    """Articles with their units for the last 512 ids (whole records: a few hundred kept)."""
    def make(article_id: str) -> tuple[Article, list[Unit]] | None:
        article = load(article_id)
        return None if article is None else (article, units(article.body, params))

    return _Recent(make, 512)


def _strongest(pairs: np.ndarray, estimates: np.ndarray, k: int) -> np.ndarray:
    """Keep each pair that is among the ``k`` most similar candidates of either of its articles."""
    if len(pairs) == 0:
        return pairs
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -estimates))  # most similar first, ties by index
    seen = [0] * (int(pairs.max()) + 1)
    keep = np.zeros(len(pairs), dtype=bool)  # not a list of indices: millions of candidates at 100,000 articles
    for start in range(0, len(order), 65_536):  # Python ints a slice at a time
        part = order[start : start + 65_536]
        for i, a, b in zip(part.tolist(), pairs[part, 0].tolist(), pairs[part, 1].tolist()):
            if seen[a] < k or seen[b] < k:
                keep[i] = True
            seen[a] += 1
            seen[b] += 1
    return pairs[keep]


def _groups(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: "rw:" + find(x) for x in parent}


def diff_siblings(pairs: Sequence[SiblingPair], load: Callable[[str], Article | None],
                  params: AlignParams = AlignParams(),
                  alignments: Mapping[tuple[str, str], Alignment] | None = None, keep_text: bool = True,
                  published: Mapping[str, str] | None = None,
                  reuse: Mapping[tuple[str, str], list[FactDiff]] | None = None) -> list[FactDiff]:
    """Return the fact differences of every sibling pair, each distortion given to its departing article.

    Takes the sibling pairs, a loader from article id to ``Article`` (the store's) and,
    optionally, the pairs' alignments from ``find_siblings`` (else aligned again); with
    ``keep_text`` False the ``*_says`` texts are left empty (the store cuts them from the
    bodies by offset). ``published`` (article id -> ISO time) saves loading articles
    only to date them; ``reuse`` holds the diffs of pairs already diffed whose articles
    have not changed (sorted id pair -> its diffs, in any orientation): those pairs are
    not diffed again, but their distortions are given a side again with the group's new
    tallies. Returns diffs whose ``a_id`` is the departing article for distortions
    (``b_id`` its faithful sibling); variants and updates keep the pair's order. Pairs
    whose articles cannot be loaded are skipped. Holds every diff: ``refresh_rewrites``
    streams the same diffs into the store and gives them sides there.
    """
    dates = dict(published or {})
    tally = Tally()
    raw = list(tally.count(raw_diffs(pairs, load, params, alignments, keep_text, dates, reuse)))
    out = [d.flipped() if d.verdict == "distortion" and tally.b_departs(d.a_id, d.b_id, d.kind, dates) else d
           for d in raw]
    return sorted(out, key=lambda d: (d.a_id, d.a_start, d.b_id, d.kind))


def raw_diffs(pairs: Sequence[SiblingPair], load: Callable[[str], Article | None], params: AlignParams = AlignParams(),
              alignments: Mapping[tuple[str, str], Alignment] | None = None, keep_text: bool = True,
              dates: dict[str, str] | None = None,
              reuse: Mapping[tuple[str, str], list[FactDiff]] | None = None) -> Iterator[FactDiff]:
    """Yield the fact differences of the pairs worth diffing (``to_diff``), each in its pair's order.

    Takes what ``diff_siblings`` takes; ``dates`` (article id -> ISO time, "" when
    undated) dates the members and gets the date of each article loaded. The diffs come
    group by group, member by member, none given a side yet (``Tally``); the pairs are
    held, the diffs are not.
    """
    cached = _article_units(load, params)
    dates = {} if dates is None else dates
    todo, refs = to_diff(pairs, cached, dates)
    texts: dict[tuple[str, int, int], str] = {}
    # member by member, its references next to each other: the references stay in the cache
    # and each member is loaded once
    for pair in sorted(todo, key=lambda p: (p.group, p.a if p.b in refs else p.b, p.a, p.b)):
        if reuse is not None and (pair.a, pair.b) in reuse:
            yield from reuse[(pair.a, pair.b)]
            continue
        a, b = cached.get(pair.a), cached.get(pair.b)
        if a is None or b is None:
            continue
        for art, _ in (a, b):
            dates[art.id] = art.published.value if art.published else ""
        alignment = (alignments or {}).get((pair.a, pair.b)) or align(pair.a, a[1], pair.b, b[1], params)
        for d in diff_pair(a[0], a[1], b[0], b[1], alignment):
            if keep_text:
                # a reference's sentences recur in the diffs of every member: hold each text once
                yield replace(d, a_says=texts.setdefault((d.a_id, d.a_start, d.a_end), d.a_says),
                              b_says=texts.setdefault((d.b_id, d.b_start, d.b_end), d.b_says))
            else:
                yield replace(d, a_says="", b_says="")


class Tally:
    """How many distortions of each kind each article has with its siblings, counted as diffs pass by.

    The side a distortion departs from is the one with more distortions of its kind, then
    the later published, then the larger id: a symmetric rule, so the orientation a diff
    arrives in does not matter.
    """

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], int] = {}

    def count(self, diffs: Iterable[FactDiff]) -> Iterator[FactDiff]:
        """Pass ``diffs`` through, counting each distortion for both its articles."""
        for d in diffs:
            if d.verdict == "distortion":
                for side in (d.a_id, d.b_id):
                    self.counts[(side, d.kind)] = self.counts.get((side, d.kind), 0) + 1
            yield d

    def b_departs(self, a_id: str, b_id: str, kind: str, dates: Mapping[str, str]) -> bool:
        """Return True when, of a distortion of ``kind`` between ``a_id`` and ``b_id``, ``b_id`` is the departing side."""
        return ((self.counts.get((b_id, kind), 0), dates.get(b_id, ""), b_id)
                > (self.counts.get((a_id, kind), 0), dates.get(a_id, ""), a_id))


def to_diff(pairs: Sequence[SiblingPair], cached: _Recent[str, tuple[Article, list[Unit]] | None] | None,
             dates: Mapping[str, str] | None = None) -> tuple[list[SiblingPair], set[str]]:
    """The pairs worth diffing, and the references: each member of a group against its REFERENCES earliest members.

    A wire report republished by k outlets makes k*(k-1)/2 sibling pairs; diffing each
    member against the earliest two (the likely source and its first copy) keeps the
    diff linear in k, and still shows which side departs: a rewrite differs from both,
    a distorting reference differs from everyone. Members are dated from ``dates`` when
    it has them, else from their loaded article.
    """
    members = group_members(pairs)
    refs: dict[str, frozenset[str] | set[str]] = {}
    for group, ids in members.items():
        if len(ids) <= REFERENCES + 1:
            refs[group] = ids
            continue
        dated = []
        for i in ids:
            if dates is not None and i in dates:
                stamp = dates[i] or "9999"
            else:
                got = cached.get(i) if cached is not None else None
                stamp = got[0].published.value if got and got[0].published else "9999"
            dated.append((stamp, i))
        refs[group] = {i for _, i in sorted(dated)[:REFERENCES]}
    # every member against every reference, whether or not the two met as LSH candidates
    out = {(p.a, p.b): p for p in pairs if p.a in refs[p.group] or p.b in refs[p.group]}
    for group, ids in members.items():
        for r in refs[group]:
            for m in ids - {r}:
                a, b = min(m, r), max(m, r)
                out.setdefault((a, b), SiblingPair(group, a, b, "rewrite", 0.0, None))
    return list(out.values()), {r for ids in refs.values() for r in ids}


REFERENCES = 2


def group_members(pairs: Iterable[SiblingPair]) -> dict[str, frozenset[str]]:
    """Return each sibling group's id with the articles in it."""
    out: dict[str, set[str]] = {}
    for p in pairs:
        out.setdefault(p.group, set()).update((p.a, p.b))
    return {g: frozenset(ids) for g, ids in out.items()}

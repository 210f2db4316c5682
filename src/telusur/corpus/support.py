"""Which articles support a fact and which depart from it: the truth model every view reads.

The rewrite stage stores one distortion per (departing article, faithful sibling, fact):
a spun article that reverses who summoned whom, beside three faithful copies, gives
three rows. Views want the other way round: one **departure** per changed fact (the
departing article's clause, and each sibling's version of it), and, for any range of any
article, whether it departs (so the range never supports a summary sentence, a timeline
entry, a quote or a figure) or is a faithful version that some rewrite departs from (so
the view can show the departing text beside it).

Everything here is a plain function over ``FactDiff`` records; nothing reads the store.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar
from dataclasses import dataclass

from telusur.model import FactDiff, diff_text

# a quote a rewrite gave to another speaker is a misattribution on both speakers' pages
MISATTRIBUTION = "quote_speaker"


@dataclass(frozen=True)
class Version:
    """One article's version of a fact: the clause and its body offsets."""

    article_id: str
    start: int
    end: int
    says: str


@dataclass(frozen=True)
class Departure:
    """One fact a rewrite changed: its version and the faithful siblings' versions.

    ``what``, ``a_value`` (the departing version) and ``b_value`` (the siblings') are the
    difference as the rewrite stage found it against the first sibling (``FactDiff``);
    ``confidence`` is the highest of its rows.
    """

    kind: str
    departing: Version
    siblings: tuple[Version, ...]
    what: str
    a_value: str
    b_value: str
    confidence: float | None

    @property
    def article_id(self) -> str:
        """The departing article's id."""
        return self.departing.article_id

    @property
    def detail(self) -> str:
        """The difference as one line of text ("kirim: future vs done"), for terminals and logs."""
        return diff_text(self.what, self.a_value, self.b_value)


def departures(diffs: Iterable[FactDiff]) -> list[Departure]:
    """Group distortion rows into one ``Departure`` per changed fact.

    Takes fact diffs as stored (``a_id`` the departing article; variants and updates are
    ignored). Rows of one kind whose departing ranges overlap in one article are one fact
    (each faithful sibling locates the clause on its own, so the ranges may differ a
    little). Returns departures ordered by departing article, offset and kind; each
    sibling appears once, with its first version. Never raises.
    """
    rows = sorted((d for d in diffs if d.verdict == "distortion"),
                  key=lambda d: (d.a_id, d.kind, d.a_start, d.a_end, d.b_id, d.b_start))
    out = []
    for group in _one_fact_each(rows, lambda d: (d.a_id, d.kind, d.a_start, d.a_end)):
        first = group[0]
        start, end = min(d.a_start for d in group), max(d.a_end for d in group)
        longest = max(group, key=lambda d: (d.a_end - d.a_start, -d.a_start))
        siblings: dict[str, Version] = {}
        for d in group:
            siblings.setdefault(d.b_id, Version(d.b_id, d.b_start, d.b_end, d.b_says))
        confidences = [d.confidence for d in group if d.confidence is not None]
        out.append(Departure(first.kind, Version(first.a_id, start, end, longest.a_says),
                             tuple(siblings[k] for k in sorted(siblings)), first.what, first.a_value, first.b_value,
                             max(confidences) if confidences else None))
    return sorted(out, key=lambda x: (x.article_id, x.departing.start, x.kind))


def count_changed_facts(spans: Iterable[tuple[str, str, int, int]]) -> int:
    """Return how many facts rewrites changed, each once however many faithful siblings show it.

    Takes ``(departing article, kind, start, end)`` of every distortion row, in that
    order (``Store.distortion_spans``); rows are one fact as in ``departures``, so this
    is ``len(departures(diffs))`` without the rows' texts.
    """
    return sum(1 for _ in _one_fact_each(spans, lambda s: s))


T = TypeVar("T")


def _one_fact_each(rows: Iterable[T], span: Callable[[T], tuple[str, str, int, int]]) -> Iterator[list[T]]:
    """Group rows sorted by (article, kind, start): one group a fact, the rows of one kind whose
    departing ranges overlap in one article (each faithful sibling locates the clause on its
    own, so the ranges may differ a little)."""
    group: list[T] = []
    key: tuple[str, str] | None = None
    reach = -1
    for row in rows:
        article, kind, start, end = span(row)
        if group and key == (article, kind) and start < reach:
            group.append(row)
            reach = max(reach, end)
            continue
        if group:
            yield group
        group, key, reach = [row], (article, kind), end
    if group:
        yield group


class Support:
    """Range lookups over a set of departures: does a range depart, which departures is it faithful to.

    Built once per view from ``departures(...)``; a lookup reads one article's ranges only,
    so a view can ask for every sentence of a large story.
    """

    def __init__(self, found: Iterable[Departure]) -> None:
        """Index ``found`` by the departing article and by each sibling."""
        self.all: tuple[Departure, ...] = tuple(found)
        self._departing = _index((d.departing, d) for d in self.all)
        self._faithful = _index((v, d) for d in self.all for v in d.siblings)

    def departing(self, article_id: str, start: int, end: int) -> list[Departure]:
        """Return the departures whose departing clause in ``article_id`` overlaps ``[start, end)``."""
        return _overlapping(self._departing.get(article_id), start, end)

    def departs(self, article_id: str, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` of ``article_id`` holds a fact a rewrite there changed."""
        return bool(self.departing(article_id, start, end))

    def departed_from(self, article_id: str, start: int, end: int) -> list[Departure]:
        """Return the departures of other articles from the version ``article_id`` gives in ``[start, end)``."""
        return _overlapping(self._faithful.get(article_id), start, end)

    def of_article(self, article_id: str) -> list[Departure]:
        """Return the departures in which ``article_id`` is the departing article, by offset."""
        return [d for _, _, d in self._departing.get(article_id, ([], []))[1]]

    def against_article(self, article_id: str) -> list[Departure]:
        """Return the departures of siblings from ``article_id``'s versions, by offset there."""
        return [d for _, _, d in self._faithful.get(article_id, ([], []))[1]]

    def departing_articles(self) -> set[str]:
        """Return the ids of every article with at least one departure."""
        return set(self._departing)


_Ranges = tuple[list[int], list[tuple[int, int, Departure]]]


def _index(pairs: Iterable[tuple[Version, Departure]]) -> dict[str, _Ranges]:
    by_article: dict[str, list[tuple[int, int, Departure]]] = {}
    for v, d in pairs:
        by_article.setdefault(v.article_id, []).append((v.start, v.end, d))
    out: dict[str, _Ranges] = {}
    for article_id, ranges in by_article.items():
        ranges.sort(key=lambda r: (r[0], r[1], r[2].kind))
        out[article_id] = ([r[0] for r in ranges], ranges)
    return out


def _overlapping(ranges: _Ranges | None, start: int, end: int) -> list[Departure]:
    if ranges is None:
        return []
    starts, items = ranges
    # an article holds a handful of departures: scan those starting before the range ends
    stop = bisect_right(starts, max(start, end - 1))
    found: list[Departure] = []
    for s, e, d in items[:stop]:
        if e > start and d not in found:
            found.append(d)
    return found

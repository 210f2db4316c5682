"""Claim tracks: one counted thing across sources and time, each pair labelled agree / conflict / evolve.

A figure's topic is read from the words of what it counts and the few words after it
(``lexicon/claims.toml``: "27 orang meninggal" is ``dead``, "15 warga lainnya masih
dicari" is ``missing``); figures with the same topic and unit in one story form a track.
Each point carries its article, claimant, and the day the figure stands for: the day of
an absolute date in its sentence when there is one, else the publication day.

Pairs of points from different articles are labelled:

- ``agree``: the same figure, within 5% when either side is "about" ("sekitar"), or
  a figure that an "at least" of the same day allows;
- ``evolve``: another figure on a later day, rising where the earlier was exact or
  rising past an "at least" bound: a developing story, not a contradiction;
- ``conflict``: another figure for the same day, a figure that falls below an earlier
  "at least", or one a rewrite distorted (``corpus.factdiff``).

Assertion tracks follow acts that are confirmed or denied (confirm/deny events): the
same actor "has not confirmed" on one day and "confirmed" on a later one evolves; on the
same day it conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from telusur.corpus.stories import publication_day
from telusur.extract.entities import entity_keys, name_key
from telusur.lexicon import load
from telusur.model import Article, Quantity
from telusur.text.terms import term_of

_NEAR = 6  # words after the number that may name what it counts
ALL_PAIRS = 60  # tracks up to this many points get every pair labelled
_NEXT = 5


@dataclass(frozen=True)
class ClaimPoint:
    """One figure (or stance) in one article, with provenance."""

    article_id: str
    start: int
    end: int
    says: str
    value: float | None  # None for a stance
    approx: str  # exact, about, at_least... or the stance: "affirmed" / "denied"
    claimant: str | None
    as_of: str | None  # ISO day the figure stands for
    # a figure a rewrite changed: what its faithful siblings give instead ("1.500"); None otherwise
    siblings_say: str | None = None


ClaimLabel = Literal["agree", "conflict", "evolve"]
# why a pair has its label, as a code a page words in its own language (with the two points):
# same_stance / stances_same_day / stance_changed for assertions; for figures rewrite_changed
# (a rewrite changed the figure its siblings give), same_figure, within_bound (a figure an
# "at least" of the same day allows), figures_same_day (two figures for one day),
# below_bound (falls below an earlier "at least") and figure_changed (a later, other figure)
ClaimReason = Literal["same_stance", "stances_same_day", "stance_changed", "rewrite_changed", "same_figure",
                      "within_bound", "figures_same_day", "below_bound", "figure_changed"]


@dataclass(frozen=True)
class ClaimPair:
    """Two points of a track from different articles, labelled, with the reason (``ClaimReason``)."""

    a: int  # indices into the track's points, a before b in time
    b: int
    label: ClaimLabel
    reason: ClaimReason


@dataclass(frozen=True)
class ClaimTrack:
    """The same counted thing or assertion across sources and time."""

    id: str
    topic: str  # "dead", "missing", "troops"..., or "confirm: <actor>"
    unit: str | None
    points: tuple[ClaimPoint, ...]
    pairs: tuple[ClaimPair, ...]


@cache
def _topics() -> tuple[dict[str, str], frozenset[str]]:
    data = load("claims")
    out: dict[str, str] = {}
    for topic, words in data["topics"].items():
        for word in words:
            key = term_of(word.lower())
            if key:
                out.setdefault(key, topic)
            out.setdefault(word.lower(), topic)
    return out, frozenset(data["generic"]["words"])


def topic_of(quantity: Quantity, body: str) -> str | None:
    """Return the topic of a figure from its counted phrase and the words after it, or None.

    When those hold only generic words ("27 orang."), the words before the figure in its
    sentence decide ("korban meninggal ... bertambah menjadi 27 orang").
    """
    topics, _ = _topics()
    tail = body[quantity.end : quantity.end + 80]
    tail = tail[: min((i for i in (tail.find("."), tail.find("\n")) if i >= 0), default=len(tail))]
    decided, found = _first_topic((quantity.counts or "").lower().split() + tail.lower().split()[:_NEAR])
    if decided:
        return found
    start = max(body.rfind(". ", 0, quantity.start), body.rfind("\n", 0, quantity.start)) + 1
    for word in reversed(body[start : quantity.start].lower().split()[-_NEAR:]):
        word = word.strip(".,;:\"'()“”")
        topic = topics.get(word) or topics.get(term_of(word) or "")
        if topic:
            return topic
    return None


def _first_topic(words: list[str]) -> tuple[bool, str | None]:
    """(decided, topic): the first word that says something decides, "21 titik pengungsian" counts shelters."""
    topics, generic = _topics()
    for word in words:
        word = word.strip(".,;:\"'()“”")
        key = term_of(word) if word else None
        if not key or word in generic:
            continue  # "orang", "lainnya", "masih dalam": read on
        return True, topics.get(word) or topics.get(key)
    return False, None


def claim_tracks(articles: Iterable[Article], distorted: Mapping[tuple[str, int], str] | None = None) -> list[ClaimTrack]:
    """Return the claim tracks of one story's articles (at least two articles each), by topic.

    Takes the story's articles and, for figures a rewrite distorted, (article id, offset)
    -> the figure its faithful siblings give; returns tracks with points in time order
    (a distorted point carries ``siblings_say``) and every cross-article pair labelled
    (each point against its next few only in a track of more than ``ALL_PAIRS`` points).
    """
    bad = dict(distorted or {})
    series: dict[tuple[str, str | None], list[ClaimPoint]] = {}
    stances: dict[str, list[ClaimPoint]] = {}
    for article in sorted(articles, key=lambda a: a.id):
        day = publication_day(article)
        keys = entity_keys(article)
        for q in article.quantities:
            topic = topic_of(q, article.body)
            if topic is None:
                continue
            as_of = _stated_day(article, q.start) or (day.isoformat() if day else None)
            point = ClaimPoint(article.id, q.start, q.end, q.text, q.value, q.approx, q.claimant, as_of,
                               bad.get((article.id, q.start)))
            series.setdefault((topic, q.unit), []).append(point)
        for ev in article.events:
            if ev.action in ("confirm", "deny") and ev.actor:
                stance = "denied" if (ev.action == "deny") != ev.negated else "affirmed"
                says = article.body[ev.sentence_start : ev.sentence_end]
                point = ClaimPoint(article.id, ev.start, ev.end, says, None, stance, ev.actor,
                                   ev.date[:10] if ev.date and "/" not in ev.date else (day.isoformat() if day else None))
                stances.setdefault(keys.get(ev.actor, name_key(ev.actor)), []).append(point)
    tracks = []
    for (topic, unit), points in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        track = _track(f"claim:{topic}:{unit or ''}", topic, unit, points, bad)
        if track:
            tracks.append(track)
    for actor, points in sorted(stances.items()):
        track = _track(f"claim:confirm:{actor}", f"confirm: {points[0].claimant}", None, points, bad)
        if track:
            tracks.append(track)
    return tracks


def _stated_day(article: Article, offset: int) -> str | None:
    """The day of an absolute, day-precise time expression within 160 characters of ``offset``, if any."""
    for t in article.times:
        if t.anchor == "absolute" and t.granularity == "day" and t.value and abs(t.start - offset) < 160:
            return t.value[:10]
    return None


def _track(track_id: str, topic: str, unit: str | None, points: list[ClaimPoint],
           bad: Mapping[tuple[str, int], str]) -> ClaimTrack | None:
    if len({p.article_id for p in points}) < 2:
        return None
    ordered = sorted(points, key=lambda p: (p.as_of or "9999", p.article_id, p.start))
    pairs = []
    for i, x in enumerate(ordered):
        # every pair up to ALL_PAIRS points; beyond that each point with the next few, so a
        # track of thousands of copies stays linear
        last = len(ordered) if len(ordered) <= ALL_PAIRS else min(len(ordered), i + 1 + _NEXT)
        for j in range(i + 1, last):
            y = ordered[j]
            if x.article_id == y.article_id:
                continue
            label, reason = _label(x, y, (x.article_id, x.start) in bad or (y.article_id, y.start) in bad)
            pairs.append(ClaimPair(i, j, label, reason))
    return ClaimTrack(track_id, topic, unit, tuple(ordered), tuple(pairs))


def _label(x: ClaimPoint, y: ClaimPoint, distorted: bool) -> tuple[ClaimLabel, ClaimReason]:
    """Label two points, ``x`` no later than ``y``, and say why (rules in the module docstring)."""
    same_day = x.as_of == y.as_of
    if x.value is None or y.value is None:
        if x.approx == y.approx:
            return "agree", "same_stance"
        return ("conflict", "stances_same_day") if same_day else ("evolve", "stance_changed")
    if distorted:
        return "conflict", "rewrite_changed"
    close = abs(x.value - y.value) <= 0.05 * max(x.value, y.value)
    if x.value == y.value or (close and "about" in (x.approx, y.approx)):
        return "agree", "same_figure"
    low = x if x.value < y.value else y
    if same_day and low.approx in ("at_least", "more_than"):
        return "agree", "within_bound"
    if same_day:
        return "conflict", "figures_same_day"
    if y.value < x.value and x.approx in ("at_least", "more_than"):
        return "conflict", "below_bound"
    return "evolve", "figure_changed"


def by_article(tracks: Iterable[ClaimTrack]) -> Mapping[str, list[str]]:
    """Return, for each article id, the ids of the tracks it has a point in."""
    out: dict[str, list[str]] = {}
    for t in tracks:
        for p in t.points:
            out.setdefault(p.article_id, [])
            if t.id not in out[p.article_id]:
                out[p.article_id].append(t.id)
    return out


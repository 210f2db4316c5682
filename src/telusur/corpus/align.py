"""Sentence alignment of two articles, and whether they are siblings of one source report.

A machine-spun rewrite shares few word 3-grams with its source (MinHash misses it) but
keeps most of each sentence's content terms (``text.terms``: stems with spinner
synonyms mapped to one key). Sentences are aligned greedily by the Dice coefficient of
their term sets, one to one, best pairs first; a sentence left over whose terms sit
mostly inside an already aligned sentence of the other article joins that pair (a
sentence split in two, or two merged into one).

Two articles are **siblings** when the aligned sentences hold at least
``AlignParams.coverage`` of the content terms of the shorter article: two independent
reports of one event share facts (names, a number) in a few sentences, a rewrite shares
nearly every sentence. Candidate pairs come from MinHash LSH on the articles' term sets
(unigrams: 32 bands x 2 rows, so a pair with term-set Jaccard 0.3 is a candidate with
probability 1 - (1 - 0.3**2)**32 = 0.95, at 0.1 with 0.28), within ``window_days`` of
publication, and are then aligned in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telusur.text.terms import containment, dice, terms
from telusur.text.tokens import sentences


@dataclass(frozen=True)
class AlignParams:
    """Alignment settings, validated up front.

    Raises ``ValueError`` when a share is outside (0, 1] or ``min_terms`` is below 1.
    """

    min_score: float = 0.4  # Dice of two sentences' terms to pair them one to one
    merge_containment: float = 0.7  # share of a left-over sentence's terms inside a paired one
    coverage: float = 0.55  # share of the shorter article's terms in aligned sentences
    min_terms: int = 3  # sentences with fewer content terms take no part

    def __post_init__(self) -> None:
        for name in ("min_score", "merge_containment", "coverage"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise ValueError(f"{name} must be in (0, 1], got {value}")
        if self.min_terms < 1:
            raise ValueError(f"min_terms must be at least 1, got {self.min_terms}")


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of a body: offsets and content terms."""

    start: int
    end: int
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Sentences of article ``a`` and of article ``b`` (indices into their units) that say the same."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """The aligned sentences of two articles and the share of content they cover."""

    a_id: str
    b_id: str
    pairs: tuple[AlignedPair, ...]
    coverage: float  # share of the shorter article's content terms inside aligned sentences

    def is_siblings(self, params: AlignParams = AlignParams()) -> bool:
        """Return True when enough of the two articles aligns to call them siblings."""
        return self.coverage >= params.coverage


def units(body: str, params: AlignParams = AlignParams()) -> list[Unit]:
    """Return the sentences of ``body`` that carry at least ``params.min_terms`` content terms."""
    out = []
    for s, e in sentences(body):
        found = terms(body[s:e])
        if len(found) >= params.min_terms:
            out.append(Unit(s, e, found))
    return out


def align(a_id: str, a: Sequence[Unit], b_id: str, b: Sequence[Unit], params: AlignParams = AlignParams()) -> Alignment:
    """Align the sentence units of two articles.

    Takes the ids and units (``units(body)``) of both; returns the ``Alignment`` with
    pairs in the order of article ``a``. Deterministic: ties go to the earlier sentences.
    """
    scored = sorted(
        ((dice(x.terms, y.terms), i, j) for i, x in enumerate(a) for j, y in enumerate(b) if x.terms & y.terms),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    a_to: dict[int, int] = {}
    b_to: dict[int, int] = {}
    groups: dict[int, tuple[list[int], list[int], float]] = {}
    for score, i, j in scored:
        if score < params.min_score:
            break
        if i in a_to or j in b_to:
            continue
        a_to[i] = b_to[j] = i
        groups[i] = ([i], [j], score)
    # a sentence split in two or merged from two: the left-over half sits inside a paired sentence
    _attach(a, b, a_to, b_to, groups, 0, params.merge_containment)
    _attach(b, a, b_to, a_to, groups, 1, params.merge_containment)
    pairs = tuple(
        AlignedPair(tuple(sorted(ga)), tuple(sorted(gb)), round(score, 4))
        for _, (ga, gb, score) in sorted(groups.items())
    )
    return Alignment(a_id, b_id, pairs, round(_coverage(a, b, a_to, b_to), 4))


def _attach(side: Sequence[Unit], other: Sequence[Unit], side_to: dict[int, int], other_to: dict[int, int],
            groups: dict[int, tuple[list[int], list[int], float]], slot: int, threshold: float) -> None:
    """Join each unpaired sentence of ``side`` to the paired sentence of ``other`` that holds most of its terms."""
    for i, x in enumerate(side):
        if i in side_to:
            continue
        best = max(((containment(x.terms, other[j].terms), j) for j in other_to), default=(0.0, -1))
        if best[0] >= threshold:
            key = other_to[best[1]]
            groups[key][slot].append(i)
            side_to[i] = key


def _coverage(a: Sequence[Unit], b: Sequence[Unit], a_to: dict[int, int], b_to: dict[int, int]) -> float:
    def share(side: Sequence[Unit], aligned: dict[int, int]) -> float:
        total = sum(len(u.terms) for u in side)
        return sum(len(side[i].terms) for i in aligned) / total if total else 0.0

    shorter_a = sum(len(u.terms) for u in a) <= sum(len(u.terms) for u in b)
    return share(a, a_to) if shorter_a else share(b, b_to)

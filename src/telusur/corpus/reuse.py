"""Passages one article takes from another: partial reuse, beside whole-article siblings.

A newsroom often lifts two or three paragraphs of an earlier report into a longer article
of its own. Such a pair is no sibling pair (the aligned sentences cover little of the
longer article), so ``corpus.rewrites`` does not report it. Asked about one article,
``find_reuse`` looks for it among the stored articles:

1. **Candidates**, two ways: the articles whose term-set MinHash signature (the siblings
   stage's, ``Store.term_signatures``) agrees with the article's in at least ``floor`` of
   its positions, the ``candidates`` most similar first (agreement estimates the Jaccard
   similarity of the two term sets: a passage of two paragraphs inside a long article
   gives as little as 0.05-0.1, lost among unrelated reports); and, where a full-text
   index is given, the articles holding the distinctive words of one of the article's
   sentences (its names and numbers first, then its longest words): a lifted sentence
   keeps those. The alignment decides.
2. **Passages**: each candidate is aligned sentence by sentence (``corpus.align``, the same
   terms, stems and spinner synonyms as for siblings); runs of aligned sentences that go
   on in both articles in the same order (a gap of one sentence allowed on either side)
   and hold at least ``min_sentences`` of the article's sentences are passages, with the
   offsets of both sides. One shared sentence (a quote both cite) is not a passage.
3. **Ranking**: sources by the share of the article's content terms inside their
   passages; only sources published no later than the article (either undated counts).

Read-only: nothing is stored. Cost: one pass over the stored signatures (numpy) and
``candidates`` alignments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from telusur.corpus.align import AlignParams, Alignment, Unit, align, units
from telusur.corpus.rewrites import CANDIDATES


@dataclass(frozen=True)
class ReuseParams:
    """Partial-reuse settings, validated up front.

    Raises ``ValueError`` when ``floor`` is outside [0, 1], or ``candidates`` or
    ``min_sentences`` is below 1.
    """

    floor: float = 0.05  # share of signature positions two articles must agree in to be aligned
    candidates: int = 60  # the most similar articles aligned
    min_sentences: int = 2  # sentences of the article a passage holds at least

    def __post_init__(self) -> None:
        if not 0 <= self.floor <= 1:
            raise ValueError(f"floor must be in [0, 1], got {self.floor}")
        if self.candidates < 1:
            raise ValueError(f"candidates must be at least 1, got {self.candidates}")
        if self.min_sentences < 1:
            raise ValueError(f"min_sentences must be at least 1, got {self.min_sentences}")


@dataclass(frozen=True, slots=True)
class Passage:
    """Sentences of ``article`` (body offsets) that say what sentences of ``source`` say."""

    article: str
    start: int
    end: int
    source: str
    source_start: int
    source_end: int
    sentences: int  # the article's sentences in the passage


@dataclass(frozen=True, slots=True)
class Reuse:
    """What one article takes from one source: its passages and the share of the article they hold."""

    article: str
    source: str
    source_published: str | None
    share: float  # of the article's content terms, inside the passages
    passages: tuple[Passage, ...]


def passages(alignment: Alignment, a_units: list[Unit], b_units: list[Unit], min_sentences: int = 2) -> list[Passage]:
    """Return the passages of an alignment: runs of aligned sentences in the same order on both sides.

    Takes the alignment of article ``a`` (the one asked about) with ``b`` and both
    articles' units; a run goes on while the next aligned pair starts at most two
    sentences after the last on each side; runs with fewer than ``min_sentences`` of
    ``a``'s sentences are dropped. Returns the passages in ``a``'s order.
    """
    runs: list[list[tuple[tuple[int, ...], tuple[int, ...]]]] = []
    for pair in sorted(alignment.pairs, key=lambda p: p.a):
        if runs:
            last_a, last_b = runs[-1][-1]
            if 0 < min(pair.a) - max(last_a) <= 2 and 0 < min(pair.b) - max(last_b) <= 2:
                runs[-1].append((pair.a, pair.b))
                continue
        runs.append([(pair.a, pair.b)])
    out = []
    for run in runs:
        a_idx = sorted({i for a, _ in run for i in a})
        b_idx = sorted({j for _, b in run for j in b})
        if len(a_idx) < min_sentences:
            continue
        out.append(Passage(alignment.a_id, a_units[a_idx[0]].start, a_units[a_idx[-1]].end,
                           alignment.b_id, b_units[b_idx[0]].start, b_units[b_idx[-1]].end, len(a_idx)))
    return out


def find_reuse(article_id: str, rows: Iterable[tuple[str, str | None, str, bytes]], body: Callable[[str], str | None],
               params: ReuseParams = ReuseParams(), align_params: AlignParams = AlignParams(),
               with_words: Callable[[list[str]], list[str]] | None = None) -> list[Reuse]:
    """Return the earlier articles ``article_id`` takes passages from, most reused first.

    Takes the article's id, the stored term signatures (``Store.term_signatures`` rows:
    id, published, agencies JSON, signature bytes), a loader from id to body, the
    settings, and optionally a full-text lookup from words to the ids of articles holding
    them all (``Store.ids_with_words``). Returns an empty list when the article has no
    stored signature (the siblings stage has not seen it) or takes nothing. Raises nothing
    on well-formed rows.
    """
    ids: list[str] = []
    dates: list[str | None] = []
    blocks: list[bytes] = []
    for rid, published, _agencies, sig in rows:
        ids.append(rid)
        dates.append(published)
        blocks.append(sig)
    position = {rid: k for k, rid in enumerate(ids)}
    me = position.get(article_id)
    if me is None:
        return []
    signatures = np.frombuffer(b"".join(blocks), dtype=np.uint32).reshape(len(ids), CANDIDATES.num_perm)
    agree = (signatures == signatures[me]).mean(axis=1)
    agree[me] = -1.0
    order = [int(i) for i in np.argsort(-agree, kind="stable")[: params.candidates] if agree[i] >= params.floor]
    text = body(article_id)
    if text is None:
        return []
    mine = units(text, align_params)
    if with_words is not None:
        seen = set(order)
        for unit in mine:
            for rid in with_words(_distinctive(text[unit.start : unit.end])):
                k = position.get(rid)
                if k is not None and k != me and k not in seen:
                    seen.add(k)
                    order.append(k)
    total = sum(len(u.terms) for u in mine) or 1
    published = dates[me]
    out = []
    for i in order:
        if published and dates[i] and dates[i][:10] > published[:10]:
            continue  # an article of a later day cannot be the source (the same day may carry no hour)
        other = body(ids[i])
        if other is None:
            continue
        theirs = units(other, align_params)
        found = passages(align(article_id, mine, ids[i], theirs, align_params), mine, theirs, params.min_sentences)
        if not found:
            continue
        inside = sum(len(u.terms) for u in mine if any(p.start <= u.start < p.end for p in found))
        out.append(Reuse(article_id, ids[i], dates[i], round(inside / total, 4), tuple(found)))
    return sorted(out, key=lambda r: (-r.share, r.source))


def _distinctive(sentence: str, n: int = 4) -> list[str]:
    """Up to ``n`` words of a sentence another article is unlikely to share by chance: names
    and numbers first, then the longest words; none for a sentence of fewer than six words."""
    words = [w for w in _WORDS.findall(sentence) if len(w) > 2]
    if len(words) < 6:
        return []
    ranked = sorted(set(words), key=lambda w: (not (w[:1].isupper() or w[:1].isdigit()), -len(w), w))
    return ranked[:n]


_WORDS = re.compile(r"\w+")


def reuse_json(found: list[Reuse]) -> str:
    """Return ``find_reuse``'s result as JSON (one object a source, its passages with offsets)."""
    return json.dumps([{"source": r.source, "source_published": r.source_published, "share": r.share,
                        "passages": [{"start": p.start, "end": p.end, "source_start": p.source_start,
                                      "source_end": p.source_end, "sentences": p.sentences} for p in r.passages]}
                       for r in found], ensure_ascii=False, indent=1)

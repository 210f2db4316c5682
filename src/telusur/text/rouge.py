"""ROUGE-1, ROUGE-2 and ROUGE-L between a candidate summary and one reference.

Tokens are lower-cased runs of letters and digits; punctuation is dropped and nothing is
stemmed, so "13.15" counts as the two tokens "13" and "15" and "negara-negara" as two
"negara". N-gram matches are clipped (a candidate n-gram counts at most as often as the
reference holds it). ROUGE-L is the longest common subsequence of the two whole token
sequences (the "rougeL" of Google's rouge-score, not the per-sentence "rougeLsum").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

_WORD = re.compile(r"[^\W_]+")


class Score(NamedTuple):
    """Precision, recall and F1 (harmonic mean) of one measure, each in [0, 1]."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Rouge:
    """The three measures for one candidate/reference pair."""

    rouge1: Score
    rouge2: Score
    rougeL: Score  # the measure's usual name


def words(text: str) -> list[str]:
    """Return the lower-cased letter/digit tokens of ``text`` (never raises)."""
    return _WORD.findall(text.lower())


def _score(overlap: int, candidate: int, reference: int) -> Score:
    precision = overlap / candidate if candidate else 0.0
    recall = overlap / reference if reference else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: str, reference: str, n: int = 1) -> Score:
    """Return ROUGE-N of ``candidate`` against ``reference``.

    Takes the two texts and the n-gram length. Returns a ``Score`` (all zero when either
    text has no n-gram of that length). Raises ``ValueError`` when ``n`` < 1.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    return _rouge_n(words(candidate), words(reference), n)


def _rouge_n(candidate: list[str], reference: list[str], n: int) -> Score:
    cand, ref = _ngrams(candidate, n), _ngrams(reference, n)
    return _score(sum((cand & ref).values()), sum(cand.values()), sum(ref.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Return the length of the longest common subsequence of two token lists."""
    if len(a) < len(b):
        a, b = b, a
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0  # row[j - 1] of the previous pass
        for j, y in enumerate(b, 1):
            above = row[j]
            row[j] = diagonal + 1 if x == y else max(row[j - 1], above)
            diagonal = above
    return row[-1]


def rouge_l(candidate: str, reference: str) -> Score:
    """Return ROUGE-L (longest common subsequence) of ``candidate`` against ``reference``.

    Takes the two texts; returns a ``Score`` (all zero when either has no token).
    Never raises.
    """
    cand, ref = words(candidate), words(reference)
    return _score(lcs_length(cand, ref), len(cand), len(ref))


def rouge(candidate: str, reference: str) -> Rouge:
    """Return ROUGE-1, ROUGE-2 and ROUGE-L of ``candidate`` against ``reference`` (never raises)."""
    cand, ref = words(candidate), words(reference)
    return Rouge(_rouge_n(cand, ref, 1), _rouge_n(cand, ref, 2), _score(lcs_length(cand, ref), len(cand), len(ref)))

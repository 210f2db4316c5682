"""Sentences and tokens with character offsets (Indonesian news text)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
# a sentence ends at . ! ? (and a closing quote after it) followed by space and a capital,
# an opening quote (some pages put a space after it: "“ Hutan") or a digit; "Dr." and
# single initials ("J. Biden") do not end one
# (the mark is matched, not looked behind at: a pattern opening on a character class lets
# ``re`` skip ahead to the next mark instead of trying every position)
_BOUNDARY = re.compile(r"[.!?]([\"'”’)]*\s+)(?=[\"“'‘(]?[ ]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_NO_END = re.compile(r"(?:\b(?:dr|prof|no|hlm|st|jl|kol|mayjen|letjen|brigjen|jend|ir|drs|h|hj|mr|mrs|ms|vs|u\.s|a\.n)|\b[A-Z])\.$", re.I)


class Token(NamedTuple):
    """A token and its offsets in the text it came from.

    A named tuple rather than a frozen dataclass: every body is tokenised several
    times, and a tuple is built about three times faster.
    """

    text: str
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Return the word and punctuation tokens of ``text``, offsets shifted by ``offset``."""
    return [Token(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence of ``text`` (paragraph breaks always end one)."""
    return list(_sentences(text))


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    # several extraction steps split the same body in turn; a string's hash is cached,
    # so the look-up costs one pass of equality at most
    out: list[tuple[int, int]] = []
    for para in _LINE.finditer(text):
        start = para.start()
        for m in _BOUNDARY.finditer(para.group()):
            cut = para.start() + m.start(1)
            if _NO_END.search(text[max(start, cut - 8) : cut]):
                continue
            out.append((start, cut))
            start = para.start() + m.end()
        if start < para.end():
            out.append((start, para.end()))
    return tuple((s, e) for s, e in out if text[s:e].strip())

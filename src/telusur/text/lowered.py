"""Case-insensitive matching done on a lower-cased copy of the text.

Python's ``re.IGNORECASE`` folds case at every character test, which makes the big
cue and number patterns about twice as slow as the same pattern run without the flag
on a lower-cased copy. The copy keeps every offset (a letter whose lower case is longer,
"İ", gives one code point) and folds "ı", "ſ" and the Kelvin sign as the flag would, so
a match's groups are keys of the lower-case word tables. Case is read back from the
original text by offsets, never from the copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# escapes (\D, \S, \W, \B) and group syntax ((?P<name>, (?P=name)) must keep their case
_KEEP = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|(.)", re.S)


@dataclass(frozen=True)
class CaselessPattern:
    """One pattern compiled twice: plain, for lower-cased text, and with ``re.I`` as the fallback."""

    lowered: re.Pattern[str]
    flagged: re.Pattern[str]

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        """Match over ``low`` (``lowered_copy(text)``) when given, else over ``text`` with ``re.I``
        (whose groups then need ``fold`` before a table lookup).

        Offsets are ``text``'s either way; group values are lower-cased on the fast path.
        """
        return self.lowered.finditer(low) if low is not None else self.flagged.finditer(text)

    def search(self, text: str, low: str | None, pos: int) -> re.Match[str] | None:
        """Like :meth:`finditer`, one search from ``pos``."""
        return self.lowered.search(low, pos) if low is not None else self.flagged.search(text, pos)


def caseless(source: str) -> CaselessPattern:
    """Compile ``source`` as a case-insensitive pattern for :meth:`CaselessPattern.finditer`.

    Takes regex source; raises ``re.error`` when it does not compile.
    """
    lowered = _KEEP.sub(lambda m: m.group().lower() if m.group(1) else m.group(), source)
    return CaselessPattern(re.compile(lowered), re.compile(source, re.I))


# letters that re.IGNORECASE matches to ASCII ones but str.lower keeps apart ("ı" ~ "i",
# "ſ" ~ "s", the Kelvin sign ~ "k"): a table or a lower-cased copy must fold them too
_ASCII_FOLDS = str.maketrans({"\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Return the lookup key of a case-insensitive match: lower-cased, "ı", "ſ", "K" and the
    dot of "İ" folded as ``re.IGNORECASE`` folds them, so a table of lower-case words finds it."""
    return text.lower().translate(_ASCII_FOLDS).replace("\u0307", "")


def lowered_copy(text: str) -> str:
    """Return a lower-cased copy of ``text`` with every offset kept: a letter whose lower case
    is longer ("İ" -> "i̇") gives its first code point, and the letters of ``fold`` are folded
    the same way, so the plain patterns match what ``re.IGNORECASE`` would, with ASCII groups."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower()[0] if ch.lower() else ch for ch in text)
    return low.translate(_ASCII_FOLDS)

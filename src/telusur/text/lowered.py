"""Case-insensitive matching done on a lower-cased copy of the text.

Python's ``re.IGNORECASE`` folds case at every character test, which makes the big
cue and number patterns about twice as slow as the same pattern run without the flag
on a lower-cased copy. ``str.lower`` keeps offsets only when no character changes
length ("İ" becomes two code points), so callers fall back to the flagged pattern
then. Case is read back from the original text by offsets, never from the copy.
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
        """Match over ``low`` (``lowered_if_safe(text)``) when given, else over ``text`` with ``re.I``.

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


def lowered_if_safe(text: str) -> str | None:
    """Return ``text.lower()`` when it keeps every offset, else None."""
    low = text.lower()
    return low if len(low) == len(text) else None

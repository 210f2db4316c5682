"""PySastrawi's regular expressions, compiled once: the same stems at a fraction of the cost.

Sastrawi (the Indonesian stemmer ``text.terms`` uses) calls ``re.match`` and ``re.sub``
with pattern strings for every word it stems, and records each affix it strips with
``re.sub(stem, "", word)``: the intermediate *word* is the pattern. So every new word
compiles new patterns, and each one pushes an older pattern out of ``re``'s cache of 512,
for the whole process: stemming a real corpus's vocabulary compiled some 24,000 patterns
for 3,000 articles and made every other ``re.sub`` with a string pattern compile again.

``use_compiled_patterns`` puts a stand-in for the name ``re`` into Sastrawi's modules: the
fixed patterns are compiled once and kept, and a pattern that is plain text (letters,
digits, spaces, hyphens: nothing ``re`` reads as syntax) with a plain replacement is
replaced as text, which is what ``re.sub`` does with it. Everything else goes to ``re``
itself. The stems are Sastrawi's own (``tests/test_terms.py`` compares them on real words).
"""

from __future__ import annotations

import re
import sys
from typing import Any

# plain text to ``re``: no character of it is syntax outside a character class
_PLAIN = re.compile(r"[a-z0-9 -]+")
# fixed patterns in Sastrawi's code number about 80; a bound in case a caller passes words
_MAX_PATTERNS = 10_000


class _CompiledRe:
    """The part of the ``re`` module Sastrawi uses, over patterns compiled once."""

    def __init__(self) -> None:
        self._patterns: dict[tuple[str, int], re.Pattern[str]] = {}

    def _compiled(self, pattern: str, flags: int) -> re.Pattern[str]:
        found = self._patterns.get((pattern, flags))
        if found is None:
            if len(self._patterns) >= _MAX_PATTERNS:
                self._patterns.clear()
            found = self._patterns[(pattern, flags)] = re.compile(pattern, flags)
        return found

    def match(self, pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        """``re.match``."""
        return self._compiled(pattern, flags).match(string)

    def sub(self, pattern: str, repl: str, string: str, count: int = 0, flags: int = 0) -> str:
        """``re.sub``; plain text replaced as text."""
        if not flags and isinstance(pattern, str) and isinstance(repl, str) and _PLAIN.fullmatch(pattern) \
                and "\\" not in repl:
            return string.replace(pattern, repl, count or -1)
        return self._compiled(pattern, flags).sub(repl, string, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)  # flags and anything else Sastrawi may reach for


def use_compiled_patterns() -> int:
    """Give every loaded Sastrawi module the stand-in for ``re``; returns how many were changed.

    Call after the stemmer is built (its modules are then loaded). Idempotent; never raises.
    """
    stand_in = _CompiledRe()
    changed = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("Sastrawi") and module is not None and getattr(module, "re", None) is re:
            module.re = stand_in  # type: ignore[attr-defined]
            changed += 1
    return changed

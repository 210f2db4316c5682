"""Numbering that counts nothing and dates nothing: legal references, Hijri dates, age groups.

"Undang-Undang Nomor 20 Tahun 2001", "UU No. 11/2008", "Pasal 48 ayat (1) huruf a",
"1 Muharram 1439 H" and a team's age group ("U-22") hold numbers and years, but no
quantity and no Gregorian date. Their spans are set aside before quantities and time
expressions are read. The kinds of regulation, the parts of a law and the Hijri months
are data (``lexicon/references.toml``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from telusur.lexicon import load
from telusur.text.trie import trie_regex


@cache
def _patterns() -> list[re.Pattern[str]]:
    data = load("references")
    kinds, parts, months = trie_regex(data["legal"]["kinds"]), trie_regex(data["legal"]["parts"]), trie_regex(data["hijri"]["months"])
    age = re.escape(data["labels"]["age_group"])
    number = r"\d+[A-Za-z]?"
    cited = rf"(?:(?<![\w-])(?:{kinds})\s+(?:(?i:nomor|no\.?)\s*)?|(?<![\w-])(?i:nomor|no\.)\s*)"
    return [
        # "Undang-Undang Nomor 20 Tahun 2001", "No. 11/2008", "UU 11/2008", "Perpres 54 Tahun 2010"
        re.compile(rf"{cited}{number}(?:\s*/\s*[\w.-]+)*(?:\s+(?i:tahun)\s+\d{{4}}(?!\d))?"),
        # "Pasal 48 ayat (1) huruf a": each part and its number, in a run
        re.compile(rf"(?<![\w-])(?:{parts})\s*\(?\s*{number}\s*\)?(?:\s*(?:{parts})\s*\(?\s*{number}\s*\)?)*"),
        # "1 Muharram 1439 H", "Ramadan 1438 Hijriah", "10 Dzulhijjah", "1445 H"
        re.compile(rf"(?:\d{{1,2}}\s+)?(?:{months})\s+\d{{3,4}}(?:\s*(?:H|Hijriah|Hijriyah)\b)?"),
        re.compile(rf"(?<![\w-])\d{{1,2}}\s+(?:{months})(?![\w-])"),
        re.compile(r"(?<![\w-])\d{3,4}\s*(?:H|Hijriah|Hijriyah)(?![\w-])"),
        # "Timnas U-22", "U - 23": a team's age group
        re.compile(rf"(?<![\w-]){age}\s*-?\s*\d{{2}}(?![\w-])"),
    ]


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of legal references and Hijri dates in ``text``, in order.

    Takes any text; never raises.
    """
    return list(_spans(text))


@lru_cache(maxsize=8)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    # kept for the last few texts: the time expressions and the quantities of one body both
    # set these spans aside, and six patterns over a whole body cost more than the look-up
    spans: list[tuple[int, int]] = []
    for pattern in _patterns():
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    return tuple(sorted(spans))

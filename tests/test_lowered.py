"""Case-insensitive patterns run on a lower-cased copy keep offsets and case checks."""

from __future__ import annotations

import re
from datetime import date

from telusur.text.lowered import caseless, lowered_copy
from telusur.text.numbers import find_numbers
from telusur.text.timex import find_times


def test_escapes_and_group_names_keep_their_case() -> None:
    pattern = caseless(r"(?P<Word>Menteri)\S*\s+(?P=Word)?\D")
    assert pattern.lowered.pattern == r"(?P<Word>menteri)\S*\s+(?P=Word)?\D"
    text = "MENTERI Luar"
    m = next(pattern.finditer(text, lowered_copy(text)))
    assert (m.start("Word"), m.end("Word")) == (0, 7)


def test_text_whose_lower_case_changes_length_keeps_its_offsets() -> None:
    text = "İstanbul, 21 Oktober"
    assert len(text.lower()) != len(text) and lowered_copy(text) == "istanbul, 21 oktober"
    found = find_times(text, date(2024, 10, 22))
    assert [(t.text, t.value) for t in found] == [("21 Oktober", "2024-10-21")]
    assert text[found[0].start : found[0].end] == "21 Oktober"


def test_phrase_text_is_cut_from_the_original_not_the_copy() -> None:
    [n] = find_numbers("Sekitar 10 Ribu tentara")
    assert (n.text, n.value, n.approx) == ("Sekitar 10 Ribu", 10_000, "about")


def test_case_checks_read_the_original_text() -> None:
    pub = date(2024, 11, 5)
    # "Oct 18" capitalised is a date; "mar 5" in lower case is not
    assert [t.value for t in find_times("Talks began Oct 18 in Geneva.", pub)] == ["2024-10-18"]
    assert find_times("they mar 5 records", pub) == []


def test_flagged_and_lowered_patterns_find_the_same_spans() -> None:
    pattern = caseless(r"\bpekan\s+lalu\b")
    text = "Pekan Lalu dan pekan lalu, PEKAN LALU."
    fast = [m.span() for m in pattern.finditer(text, lowered_copy(text))]
    slow = [m.span() for m in re.finditer(r"\bpekan\s+lalu\b", text, re.I)]
    assert fast == slow and len(fast) == 3

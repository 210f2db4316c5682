"""Authors and editors from byline lines, and sign-off initials such as "(WIL)".

Only names attached to a label ("Penulis: X", a "Reporter" line followed by a name line,
"Oleh X") or to a date ("X • 21 Oktober 2024 18:31") are taken: fewer and right beats more
and wrong, so a lone name next to a share widget is never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from telusur.lexicon import load
from telusur.text.dates import find_dates
from telusur.text.lowered import fold

_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’-]*\.?|[A-Z]\.|(?:bin|binti|van|de|da|al|el|von))$")
_SPLIT = re.compile(r"\s*(?:\||•|·|/|;|,|\bdan\b|&)\s*")


@dataclass(frozen=True)
class Credit:
    """One person credited in a byline: ``role`` is ``author`` or ``editor``."""

    role: str
    name: str
    start: int
    end: int


@cache
def _labels() -> tuple[dict[str, str], frozenset[str], re.Pattern[str]]:
    data = load("labels")
    roles = {lab: role for role in ("author", "editor", "other") for lab in data["labels"][role]}
    not_names = frozenset(data["not_names"]["words"])
    alternation = "|".join(sorted(map(re.escape, roles), key=len, reverse=True))
    labelled = re.compile(rf"(?:^|(?<=[|•·]))\s*(?P<label>{alternation})\s*(?::|\s)\s*(?P<names>[^|•·]*)", re.I)
    return roles, not_names, labelled


def is_name(text: str) -> bool:
    """Return True when ``text`` looks like a person's name (1-5 capitalised tokens, no label words)."""
    _, not_names, _ = _labels()
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if any(t.lower().strip(".") in not_names for t in tokens):
        return False
    if len(tokens) == 1 and (text.isupper() or len(text) < 3):
        return False  # initials such as "WIL" are a sign-off, not a name
    return all(_NAME_TOKEN.match(t) for t in tokens)


def label_role(line: str) -> str | None:
    """Return the role when the whole line is a bare byline label ("Reporter", "Editor:")."""
    roles, _, _ = _labels()
    return roles.get(line.strip().rstrip(":").strip().lower())


def parse_byline(line: str, offset: int = 0) -> list[Credit]:
    """Return the credits a single byline line states.

    Takes a stripped line and its offset in the raw text; returns ``Credit`` records
    with raw offsets. Handles "Penulis: A | Editor: B", "Oleh A dan B", "A / Penulis /
    B / Editor" and "Name • 21 Oktober 2024 18:31".
    """
    roles, _, labelled = _labels()
    credits: list[Credit] = []
    for m in labelled.finditer(line):
        role = roles[fold(m.group("label"))]
        if role == "other":
            continue
        names_text = m.group("names")
        base = m.start("names")
        for nm in _split_names(names_text):
            if is_name(nm[0]):
                credits.append(Credit(role, nm[0], offset + base + nm[1], offset + base + nm[1] + len(nm[0])))
    if credits:
        return credits
    credits = _names_then_labels(line, offset)
    if credits:
        return credits
    dates = find_dates(line)
    if dates:
        head = re.split(r"\s*[•·|,-]\s*$", line[: dates[0].start].rstrip())[0].strip()
        head = head.rstrip("•·|,- ").strip()
        if head and is_name(head):
            return [Credit("author", head, offset + line.index(head), offset + line.index(head) + len(head))]
    return []


def _names_then_labels(line: str, offset: int) -> list[Credit]:
    """Credits of "A / Penulis / B / Editor": each name followed by its label, on one line."""
    roles, _, _ = _labels()
    pieces = _split_names(line)
    if len(pieces) < 2 or len(pieces) % 2:
        return []
    credits = []
    for (name, at), (label, _) in zip(pieces[::2], pieces[1::2]):
        role = roles.get(label.rstrip(":").lower())
        if role is None or not is_name(name):
            return []
        if role != "other":
            credits.append(Credit(role, name, offset + at, offset + at + len(name)))
    return credits


def _split_names(text: str) -> list[tuple[str, int]]:
    """Split "A, B dan C" into names with their offsets inside ``text``."""
    parts, pos = [], 0
    for piece in _SPLIT.split(text):
        idx = text.find(piece, pos)
        if piece.strip():
            stripped = piece.strip()
            parts.append((stripped, idx + piece.index(stripped)))
        pos = idx + len(piece)
    return parts


_SIGNOFF = re.compile(r"^[(\[](?P<initials>[A-Za-z]{1,12}(?:[ /][A-Za-z]{1,12}){0,3}|Uu?\.\s?[^()]{1,40})[)\]]$")


def parse_signoff(line: str) -> str | None:
    """Return the initials of an outlet sign-off line like "(WIL)" or "(vyp/kna)", else None."""
    m = _SIGNOFF.match(line.strip())
    return m.group("initials") if m else None

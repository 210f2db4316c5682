"""Look up an article's entity mentions by position (shared by quantities, events and quotes)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from telusur.model import Entity

_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Located:
    """One mention with the entity it belongs to."""

    start: int
    end: int
    text: str
    entity: Entity
    source: str = "gazetteer"


class MentionIndex:
    """The mentions of a list of entities, sorted by start offset."""

    def __init__(self, entities: list[Entity], types: frozenset[str] = frozenset({"PER", "ORG", "GPE", "LOC"})) -> None:
        """Take entities (with body offsets) and the entity types to index."""
        self._items = sorted(
            (Located(m.start, m.end, m.text, e, m.source) for e in entities if e.type in types for m in e.mentions),
            key=lambda x: (x.start, -x.end),
        )
        self._starts = [x.start for x in self._items]

    def within(self, start: int, end: int) -> list[Located]:
        """Return the mentions lying wholly inside ``[start, end)``, in order."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self._items) and self._items[i].start < end:
            if self._items[i].end <= end:
                out.append(self._items[i])
            i += 1
        return out

    def overlapping(self, start: int, end: int) -> Located | None:
        """Return the first mention that overlaps ``[start, end)``, or None."""
        # mentions never overlap one another, so only the one just before can reach in
        i = max(0, bisect_left(self._starts, start) - 1)
        for item in self._items[i:]:
            if item.start >= end:
                return None
            if item.end > start:
                return item
        return None


def word_before(body: str, pos: int, floor: int = 0) -> str:
    """Return the lower-cased word just before ``pos`` (not before ``floor``), or ""."""
    words = _WORD.findall(body[max(floor, pos - 14) : pos])
    return words[-1].lower() if words else ""


def qualified(hits: list[Located]) -> Located:
    """Return the last of ``hits``, or the organisation or person its state qualifies.

    In "Badan Intelijen Nasional (NIS) Korea Selatan mengungkapkan" the last mention is the
    state; the body it qualifies is the subject. Takes a non-empty list in text order.
    """
    last = hits[-1]
    if len(hits) >= 2 and last.entity.type == "GPE" and hits[-2].entity.type in ("ORG", "PER") and 0 <= last.start - hits[-2].end <= 8:
        return hits[-2]
    return last

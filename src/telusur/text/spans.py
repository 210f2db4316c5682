"""Sets of non-overlapping character spans (what a text's matches already cover)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class Covered:
    """Non-overlapping half-open character spans, with fast membership and overlap tests."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        """Take initial spans (which must not overlap one another)."""
        self._starts: list[int] = []
        self._ends: list[int] = []
        for s, e in sorted(spans or []):
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already held."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def contains(self, pos: int) -> bool:
        """Return True when ``pos`` lies inside a held span."""
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` overlaps a held span."""
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

"""Lines of raw text, and the clean body assembled from raw text minus removed ranges."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from telusur.clean.reflow import wrapped_breaks
from telusur.model import Removed, Segment

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Line:
    """One non-blank line of raw text, stripped; ``start``/``end`` are raw offsets."""

    index: int
    start: int
    end: int
    text: str


def split_lines(raw: str) -> list[Line]:
    """Return the non-blank lines of ``raw`` with their stripped raw offsets.

    The rows of a hard-wrapped paragraph (``reflow.wrapped_breaks``) make one line: its
    ``text`` is ``raw[start:end]`` with each line break inside made a space (same length,
    so offsets into ``text`` are offsets from ``start`` in raw).
    """
    lines: list[Line] = []
    rows = raw.split("\n")
    joined = wrapped_breaks(rows)
    pos = 0
    open_start: int | None = None  # raw start of a paragraph whose row was wrapped
    for i, chunk in enumerate(rows):
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip())) if open_start is None else open_start
            if joined[i]:
                open_start = start
            else:
                end = pos + len(chunk.rstrip())
                lines.append(Line(len(lines), start, end, flat(raw[start:end])))
                open_start = None
        pos += len(chunk) + 1
    return lines


def flat(text: str) -> str:
    """Return ``text`` with line breaks made spaces (same length: offsets hold)."""
    return text.replace("\r", " ").replace("\n", " ")


def assemble(raw: str, removed: Iterable[Removed], lines: list[Line] | None = None) -> tuple[str, list[Segment]]:
    """Build the clean body from ``raw`` without the ``removed`` ranges.

    Takes the raw text, the removed ranges (any order, not overlapping) and, to save
    splitting again, ``split_lines(raw)`` when the caller has it; returns
    ``(body, segments)``: kept pieces of one raw line are joined as they stand, lines
    are joined by a blank line, and ``segments`` map every body character to raw.
    """
    cuts = sorted((r.start, r.end) for r in removed)
    starts = [c[0] for c in cuts]
    body_parts: list[str] = []
    segments: list[Segment] = []
    length = 0
    for line in lines if lines is not None else split_lines(raw):
        pieces = _subtract(line.start, line.end, cuts, starts)
        pieces = _trim(raw, pieces)
        if not pieces:
            continue
        if body_parts:
            body_parts.append(PARAGRAPH_BREAK)
            length += len(PARAGRAPH_BREAK)
        for s, e in pieces:
            segments.append(Segment(length, s, e - s))
            body_parts.append(flat(raw[s:e]))
            length += e - s
    return "".join(body_parts), segments


def _subtract(start: int, end: int, cuts: list[tuple[int, int]], starts: list[int]) -> list[tuple[int, int]]:
    i = max(0, bisect.bisect_right(starts, start) - 1)
    pieces, pos = [], start
    while i < len(cuts) and cuts[i][0] < end:
        cs, ce = cuts[i]
        if ce > pos:
            if cs > pos:
                pieces.append((pos, min(cs, end)))
            pos = max(pos, ce)
        i += 1
    if pos < end:
        pieces.append((pos, end))
    return pieces


def _trim(raw: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop blank pieces and strip whitespace at the two ends of the line."""
    pieces = [(s, e) for s, e in pieces if raw[s:e].strip()]
    if not pieces:
        return []
    s, e = pieces[0]
    pieces[0] = (s + len(raw[s:e]) - len(raw[s:e].lstrip()), e)
    s, e = pieces[-1]
    pieces[-1] = (s, e - (len(raw[s:e]) - len(raw[s:e].rstrip())))
    return pieces

"""Cut a text into runs for highlighting: each run carries the kinds of span that cover it.

Spans may overlap (a quantity inside a quote inside a sentence that is the evidence);
the text is cut at every span boundary, so each run is covered by a fixed set of spans
and renders as one ``<span>`` with one class per kind. Templates escape the runs' text:
nothing here builds markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A marked range of the text: ``kind`` becomes a CSS class, ``note`` a tooltip, ``anchor`` an element id."""

    start: int
    end: int
    kind: str
    note: str = ""
    anchor: str | None = None


@dataclass(frozen=True)
class Run:
    """A piece of the text with the kinds, notes and anchors of the spans covering it."""

    text: str
    start: int
    kinds: tuple[str, ...]
    notes: tuple[str, ...]
    anchors: tuple[str, ...]  # ids of the spans that start here


def runs(text: str, spans: Iterable[Span]) -> list[Run]:
    """Return ``text`` cut into runs at every span boundary, in order.

    Takes the text and its spans (offsets into the text; spans outside it are clipped,
    empty ones dropped). Returns runs whose texts join back to ``text``.
    """
    kept = [s for s in (Span(max(0, s.start), min(len(text), s.end), s.kind, s.note, s.anchor) for s in spans)
            if s.start < s.end]
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    out = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in kept if s.start <= left and s.end >= right]
        out.append(Run(
            text[left:right], left,
            tuple(sorted({s.kind for s in covering})),
            tuple(dict.fromkeys(s.note for s in covering if s.note)),
            tuple(s.anchor for s in covering if s.anchor and s.start == left),
        ))
    return out

"""Datelines at the head of the first paragraph: place, and often the outlet.

Shapes: "Bisnis.com, JAKARTA - ", "Seoul, wartapagi.id – ", "Washington, DC, example.co.id – ",
"Jakarta (ANTARA) - ", "SEOUL (Reuters) - ", "Seoul: ", "Jakarta - ", and a lone "Jakarta -" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from telusur.clean.outlet import outlet_domain_of_name
from telusur.lexicon import load

_DOMAIN = r"(?:www\.)?[A-Za-z0-9][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?i:com|id|net|org|co|my|sg|news|tv|info)\b(?:\.(?i:[a-z]{2}))?"
_DASH = r"\s*[-–—]{1,2}\s+"
_PLACE = r"[A-Z][A-Za-z'.]*(?: [A-Z][A-Za-z'.]*){0,3}(?:, [A-Z]{2}\b)?"
_NAME = r"[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}"

_SHAPES = [
    re.compile(rf"^(?P<outlet>{_DOMAIN})\s*,\s*(?P<place>{_PLACE}){_DASH}"),
    re.compile(rf"^(?P<place>{_PLACE})\s*,\s*(?P<outlet>{_DOMAIN}){_DASH}"),
    re.compile(rf"^(?P<place>{_PLACE})\s*\((?P<outlet>[A-Za-z][\w .&-]{{1,40}})\){_DASH}"),
    re.compile(rf"^(?P<place>{_PLACE}),\s+(?P<outlet>{_NAME}){_DASH}"),
    re.compile(rf"^(?P<outlet>{_DOMAIN}){_DASH}"),
    re.compile(rf"^(?P<place>{_PLACE}){_DASH}(?=[A-Z\"“'‘(0-9])"),
    re.compile(rf"^(?P<place>{_PLACE}):\s+(?=[A-Z\"“'‘(0-9])"),
]
_LONE = re.compile(rf"^(?P<place>{_PLACE})\s*[-–—]{{1,2}}$")


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a line: ``end`` is where the report's text begins."""

    place: str | None
    outlet: str | None
    end: int
    text: str


def find_dateline(line: str) -> Dateline | None:
    """Return the dateline at the start of ``line`` (or a whole lone dateline line), or None."""
    lone = _LONE.match(line)
    if lone and len(line) <= 40:
        return Dateline(_tidy_place(lone.group("place")), None, len(line), line)
    for shape in _SHAPES:
        m = shape.match(line)
        if not m:
            continue
        place, outlet = m.groupdict().get("place"), m.groupdict().get("outlet")
        if place and len(place.replace(",", " ").split()) > 4:
            continue
        if place and outlet is None and outlet_domain_of_name(place):
            place, outlet = None, place  # "Rimanews - ...": the outlet signs, no place is given
        if place and (len(place.strip(" ,")) <= 2 or place.strip(" ,").lower() in _not_places()):
            # "OPINI - ...", a section's label; "GO - JEK", "S - 400": a name the spacing split
            if outlet is None:
                continue
            place = None
        return Dateline(_tidy_place(place) if place else None, outlet.strip() if outlet else None, m.end(), line[: m.end()].rstrip())
    return None


def _tidy_place(place: str) -> str:
    """Return a place in display case: "JAKARTA" -> "Jakarta", "NEW YORK" -> "New York", "DC" kept,
    "TERMAS DE RIO HONDO" -> "Termas de Rio Hondo"."""
    words = place.strip(" ,").split()
    small = _small_words() if place.isupper() else frozenset()
    return " ".join(w.lower() if k and w.lower() in small else w.capitalize() if w.isupper() and len(w.strip(",")) > 2 else w
                    for k, w in enumerate(words))


@cache
def _not_places() -> frozenset[str]:
    return frozenset(load("labels")["dateline"]["not_places"])


@cache
def _small_words() -> frozenset[str]:
    return frozenset(load("labels")["dateline"]["small_words"])

"""Absolute date and date-time expressions as Indonesian (and English) news print them.

Recognised: "21 Oktober 2024 18:31", "Senin, 21 Okt 2024 19:05 WIB", "1 Nov 2024, 05:30",
"Selasa (5/11/2024)", "5/11/2024 13:33 WIB", "October 21, 2024", ISO 8601. Times with no
stated zone are taken as Asia/Jakarta (UTC+7, no daylight saving since 1964).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache

from telusur.lexicon import load
from telusur.text.lowered import CaselessPattern, caseless, fold, lowered_copy

JAKARTA = timezone(timedelta(hours=7))
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class DateMatch:
    """One date found in text: ISO value, granularity (``day`` or ``minute``), offsets."""

    value: str
    granularity: str
    start: int
    end: int
    text: str


@cache
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    cal = load("calendar")
    months = {name: int(num) for num, names in cal["months"].items() for name in names}
    weekdays = {name: int(num) for num, names in cal["weekdays"].items() for name in names}
    return months, weekdays, {k: int(v) for k, v in cal["timezones"].items()}


@cache
def _patterns() -> list[CaselessPattern]:
    months, weekdays, zones = _tables()
    mon = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    wd = "|".join(sorted(map(re.escape, weekdays), key=len, reverse=True))
    tz = "|".join(sorted(zones, key=len, reverse=True))
    time = rf"(?:(?:\s*[,|•·–-]\s*|\s+)(?:pukul\s+|jam\s+|at\s+)?(?P<H>[012]?\d)[:.](?P<M>[0-5]\d)(?!\d|\.\d)(?:[:.](?P<S>[0-5]\d))?(?:\s*(?P<tz>{tz})\b)?)?"
    weekday = rf"(?:(?P<wd>{wd})\s*,?\s*\(?\s*)?"
    return [
        caseless(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?P<tzo>Z|[+-]\d{2}:?\d{2})?)?"),
        caseless(rf"\b{weekday}(?P<d>[0-3]?\d)\s+(?P<mon>{mon})\.?\s+(?P<y>(?:19|20)\d{{2}})\b\)?{time}"),
        caseless(rf"\b{weekday}(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d{{2}})\b\)?{time}"),
        caseless(rf"\b{weekday}(?P<mon>{mon})\.?\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d{{2}})\b{time}"),
    ]


def find_dates(text: str) -> list[DateMatch]:
    """Return every absolute date in ``text``, in order of position, without overlaps.

    Takes any text; returns ``DateMatch`` records (invalid calendar dates such as
    31/02 are skipped). Never raises.
    """
    if not _YEAR.search(text):
        return []  # every recognised form has a four-digit year: skip the patterns
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    low = lowered_copy(text)
    for pattern in _patterns():
        for m in pattern.finditer(text, low):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            parsed = _to_iso(m)
            if parsed is None:
                continue
            value, granularity = parsed
            end = m.end()
            found.append(DateMatch(value, granularity, m.start(), end, text[m.start() : end]))
            taken.append((m.start(), end))
    return sorted(found, key=lambda d: d.start)


def _to_iso(m: re.Match[str]) -> tuple[str, str] | None:
    months, _, zones = _tables()
    g = m.groupdict()
    try:
        month = int(g["m"]) if g.get("m") else months[g["mon"].lower()]
        day = date(int(g["y"]), month, int(g["d"]))
    except (ValueError, KeyError):
        return None
    if not g.get("H"):
        return day.isoformat(), "day"
    hour, minute, second = int(g["H"]), int(g["M"]), int(g.get("S") or 0)
    if hour > 23:
        return day.isoformat(), "day"
    try:
        return _stamp(day, hour, minute, second, g, zones), "minute"
    except (ValueError, OverflowError):  # "10:75", "+24:00", a zone past the calendar's end
        return None


def _stamp(day: date, hour: int, minute: int, second: int, g: dict, zones: dict[str, int]) -> str:
    """The ISO stamp of a day and time in the zone the match states (Jakarta when none)."""
    if g.get("tzo"):
        tzo = g["tzo"]
        if tzo in ("Z", "z"):  # the match may have run on a lower-cased copy
            tz = timezone.utc
        else:
            sign = 1 if tzo[0] == "+" else -1
            digits = tzo[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    elif g.get("tz"):
        tz = timezone(timedelta(hours=zones[fold(g["tz"])]))
    else:
        tz = JAKARTA
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz).isoformat()


def parse_date(text: str) -> DateMatch | None:
    """Return the first absolute date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0] if dates else None

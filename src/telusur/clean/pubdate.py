"""A publication day inferred where no metadata states one: from the URL, else from the body.

Indonesian reports date their news peg with a weekday, often without the year: "Rabu
(20/9)", "Jumat (8/9/2017)", "Senin, 21/10". The day is the publication day or the day
before; the latest such date in the body is taken. A year is needed for "Rabu (20/9)":
it is the year, among those the article states (the URL's date, full dates and four-digit
years in the body), in which 20 September falls on a Wednesday; with none that fits, the
date is left out. Many outlets put the day in the URL ("/2018/01/31/", "/20171219190545-",
"/read/20170311/"), which is better evidence than the body. Scraped files are often named
by their day or their crawl's Unix timestamp ("1492753249-slug.txt"): that is weaker
evidence (a crawl may come days later), used for the year of a peg written without one
and, with no peg, as the day itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import PurePath
from functools import cache

from telusur.lexicon import load
from telusur.text.lowered import fold

_URL_DATES = [
    re.compile(r"/(?P<y>20\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?:/|$)"),
    re.compile(r"/(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:/|$)"),
    re.compile(r"/(?:read/)?(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:\d{6})?(?:[-/])"),
]
_YEARS = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?!\d)")
# a day in a document's name ("outlet-2024-11-11-slug.txt", "20171219-slug.html") or a Unix
# timestamp opening it ("1492753249-slug.txt", as many crawl dumps name their files and records)
_NAME_DATES = [
    re.compile(r"(?<!\d)(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
]
_EPOCH = re.compile(r"^(?P<s>1\d{9}|20\d{8})(?!\d)")
# a timestamp is read on Indonesian western time (UTC+7), the zone most of its news is dated in
_WIB = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class Inferred:
    """An inferred publication day: ISO value, the text it rests on, where (body offsets) and how sure."""

    value: str
    evidence: str
    source: str
    confidence: float
    start: int | None = None
    end: int | None = None


@cache
def _weekday_date() -> re.Pattern[str]:
    cal = load("calendar")
    names = sorted((n for ns in cal["weekdays"].values() for n in ns), key=len, reverse=True)
    return re.compile(r"\b(?P<wd>" + "|".join(map(re.escape, names)) + r")\s*(?:,\s*|\(\s*)"
                      r"(?P<d>[0-3]?\d)\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*(?P<y>(?:19|20)?\d\d))?\s*\)?", re.I)


@cache
def _weekday_numbers() -> dict[str, int]:
    return {name.lower(): int(num) for num, names in load("calendar")["weekdays"].items() for name in names}


def url_date(url: str | None) -> date | None:
    """Return the day written in an article URL ("/2018/01/31/", "/20171219190545-227-...") or None."""
    return _first_day(_URL_DATES, url) if url else None


def _first_day(patterns: list[re.Pattern[str]], text: str) -> date | None:
    """The first real day a pattern (with groups ``y``, ``m``, ``d``) finds in ``text``; None if none does."""
    for pattern in patterns:
        if m := pattern.search(text):
            try:
                return date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


def from_url(url: str | None) -> Inferred | None:
    """Return the publication day an article URL gives ("/2018/01/31/"), or None."""
    day = url_date(url)
    return None if day is None else Inferred(day.isoformat(), url or "", "url-date", 0.8)


def name_date(doc_id: str) -> date | None:
    """Return the day a document's name gives, or None.

    Takes a Document's ``id``: a file's name without its suffix, a JSONL record's id, a
    WARC record's URI (its last path segment is read). Reads "2024-11-11" and "20241111"
    anywhere in the name, and a Unix timestamp opening it (2001-2036, on UTC+7). Never raises.
    """
    name = PurePath(doc_id).name
    if (day := _first_day(_NAME_DATES, name)) is not None:
        return day
    if m := _EPOCH.match(name):
        return datetime.fromtimestamp(int(m["s"]), _WIB).date()
    return None


def from_body(body: str, reference: date | None = None) -> Inferred | None:
    """Return the publication day the body's latest weekday-dated news peg gives, or None.

    Takes the clean body and a day known from elsewhere (a file name's date, which a crawl
    may have stamped a few days late). Its year may date a peg written without one; and
    with no dated peg, the lead's bare weekday ("kata dia di Jakarta, Kamis.") is the last
    such day on or before it, if that lies at most two days back. Never raises.
    """
    years = {int(y) for y in _YEARS.findall(body)} | ({reference.year} if reference else set())
    best: tuple[date, re.Match[str]] | None = None
    for m in _weekday_date().finditer(body):
        day = _near(m, reference) if reference is not None else None
        day = day or _resolve(m, years)
        if day is not None and (best is None or day > best[0]):
            best = (day, m)
    if best is None:
        return _bare_weekday(body, reference) if reference is not None else None
    day, m = best
    return Inferred(day.isoformat(), m.group().strip(), "body-weekday-date (the news peg: publication day or the day before)",
                    0.5, m.start(), m.end())


# the news peg in a lead: a capitalised weekday that is no "Senin depan" (a plan) and no
# "setiap Senin" (a habit), within the first paragraphs
_LEAD = 600
_LAG = 2  # days a crawl's stamp may follow the publication
_NOT_A_PEG_AFTER = re.compile(r"\s+(?:depan|mendatang|nanti|besok|pekan depan|minggu depan)\b", re.I)
_NOT_A_PEG_BEFORE = re.compile(r"(?:setiap|tiap|saban)\s+(?:hari\s+)?$", re.I)


@cache
def _bare_weekdays() -> re.Pattern[str]:
    names = sorted((n.capitalize() for n in _weekday_numbers() if len(n) > 3), key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(?P<wd>" + "|".join(map(re.escape, names)) + r")(?![\w'-])")


def _bare_weekday(body: str, reference: date) -> Inferred | None:
    """The lead's first bare weekday as the last such day on or before ``reference``."""
    for m in _bare_weekdays().finditer(body, 0, _LEAD):
        if _NOT_A_PEG_AFTER.match(body, m.end()) or _NOT_A_PEG_BEFORE.search(body, max(0, m.start() - 20), m.start()):
            continue
        back = (reference.weekday() - _weekday_numbers()[fold(m["wd"])]) % 7
        if back > _LAG:
            return None  # further back it dates the event the report looks back on
        day = date.fromordinal(reference.toordinal() - back)
        return Inferred(day.isoformat(), m.group(), "body-weekday (the lead's weekday, on or before the day the document's name gives)",
                        0.4, m.start(), m.end())
    return None


def _near(m: re.Match[str], reference: date) -> date | None:
    """The date of "Rabu (20/9)" within a week before the day the document's name gives (or the
    day after it), whatever weekday it is written with: a crawl stamps its files soon after
    publication, and a wrong weekday is a typo there, not another year. None when no year
    puts the date that close."""
    for year in (reference.year, reference.year - 1, reference.year + 1):
        if m["y"] and _written_year(m["y"]) != year:
            continue
        try:
            day = date(year, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if -_WEEK <= (day - reference).days <= 1:
            return day
    return None


_WEEK = 7


def _written_year(digits: str) -> int:
    """The year a peg writes, two digits read in this century ("17" -> 2017)."""
    y = int(digits)
    return y + 2000 if y < 100 else y


def _resolve(m: re.Match[str], years: set[int]) -> date | None:
    """The date of "Rabu (20/9)" in a year the article states whose calendar agrees with the weekday."""
    weekday = _weekday_numbers()[fold(m["wd"])]
    if m["y"]:
        candidates = {_written_year(m["y"])}
    else:
        candidates = years | {y + 1 for y in years} | {y - 1 for y in years}
    fits = []
    for year in sorted(candidates):
        try:
            day = date(year, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if day.weekday() == weekday:  # the lexicon numbers Monday 0
            fits.append(day)
    # a stated year that fits beats a neighbouring one; among equals the latest
    stated = [d for d in fits if d.year in years or m["y"]]
    return (stated or fits or [None])[-1]

"""Time expressions in a report, resolved against the article's own publication date.

Absolute dates ("21 Oktober 2024", "Selasa (5/11/2024)") keep their value. Dates with
no year ("Senin (4/11)", "8 Oktober", "pada 18 Oktober") take the year that puts them
closest before the publication date. Relative expressions are resolved from the
publication date: "kemarin", "hari ini", "pekan lalu", "bulan lalu", "tahun lalu",
"Senin lalu", "pada Kamis", "Juni lalu", "awal bulan ini", "bulan November",
"sejak Agustus", "dua hari lalu", and English "yesterday", "last week", "on Wednesday".

Values: a day ``2024-10-18``; a week, month or year as an interval
``2024-10-14/2024-10-20``; ``granularity`` says which (day, week, month, year,
interval). Without a publication date, relative expressions are kept unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from telusur.lexicon import load
from telusur.text.dates import find_dates
from telusur.text.lowered import CaselessPattern, caseless, lowered_copy
from telusur.text.references import reference_spans
from telusur.text.spans import Covered
from telusur.text.trie import trie_regex


@dataclass(frozen=True)
class TimeMatch:
    """One time expression: offsets in the text, ISO value (or None), granularity, how resolved."""

    text: str
    start: int
    end: int
    value: str | None
    granularity: str
    anchor: str  # "absolute" or "publication"


_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                 "sembilan": 9, "sepuluh": 10, "sebelas": 11, "beberapa": None, "one": 1, "two": 2, "three": 3,
                 "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


@cache
def _calendar() -> tuple[dict[str, int], dict[str, int]]:
    cal = load("calendar")
    months = {name: int(num) for num, names in cal["months"].items() for name in names}
    weekdays = {name: int(num) for num, names in cal["weekdays"].items() for name in names}
    return months, weekdays


@cache
def _patterns() -> list[tuple[str, CaselessPattern]]:
    months, weekdays = _calendar()
    mon = trie_regex(m for m in months if len(m) > 2)
    wd = trie_regex(weekdays)
    num = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
    unit = r"(?P<unit>hari|pekan|minggu|bulan|tahun|days?|weeks?|months?|years?)"
    found = [
        ("day_month", rf"\b(?:(?P<wd>{wd}),?\s*)?\(?(?P<d>[0-3]?\d)\s+(?:(?:hingga|sampai|-|–|dan)\s+(?P<d2>[0-3]?\d)\s+)?(?P<mon>{mon})\b(?!\s+(?:19|20)\d\d)"),
        ("weekday_dm", rf"\b(?P<wd>{wd})\s*\((?P<d>[0-3]?\d)/(?P<m>[01]?\d)\)"),
        ("month_year", rf"\b(?:(?P<pre>sejak|since)\s+)?(?:bulan\s+)?(?P<mon>{mon})\s+(?P<y>(?:19|20)\d\d)\b"),
        ("ago", rf"\b{num}\s+{unit}\s+(?:(?:yang\s+)?lalu|ago|sebelumnya)\b"),
        ("weekend", r"\b(?:(?P<en>this|last|next)\s+weekend|akhir\s+(?:pekan|minggu)\s+(?P<id>ini|lalu|depan))\b"),
        ("weekday", rf"\b(?:(?P<pre>pada|hari|on|last|sejak|since)\s+)?(?P<wd>{wd})\b(?:\s+(?P<post>lalu|kemarin|depan|(?:pekan|minggu)\s+lalu|pagi|siang|sore|malam|dini\s+hari|morning|afternoon|evening|night))?"),
        ("relative", r"\b(?P<rel>kemarin(?:\s+lusa)?|hari\s+ini|besok|lusa|yesterday|today|tomorrow|"
                     r"(?:pekan|minggu|bulan|tahun)\s+(?:lalu|depan|ini)|(?:last|next|this)\s+(?:week|month|year)|"
                     r"(?:awal|akhir|pertengahan)\s+(?:pekan|minggu|bulan|tahun)\s+(?:ini|lalu|depan))\b"),
        ("month_day", rf"\b(?:on\s+)?(?P<mon>{mon})\.?\s+(?P<d>[0-3]?\d)\b(?![.,:/]?\d)(?!,?\s+(?:19|20)\d\d)"),
        ("part_range", rf"\b(?:antara\s+)?(?P<p1>awal|pertengahan|akhir)\s+(?:hingga|sampai|dan)\s+(?P<p2>awal|pertengahan|akhir)\s+(?:bulan\s+)?(?P<mon>{mon})\b"),
        ("month", rf"\b(?P<pre>(?:pada\s+)?bulan|pada|sejak|awal|akhir|pertengahan|in|since)?\s*(?P<mon>{mon})\b(?:\s+(?P<post>lalu|tahun\s+lalu|mendatang|depan))?"),
        ("year", r"\b(?:(?:pada\s+)?tahun|pada|sejak|in|since)\s+(?P<y>(?:19|20)\d\d)\b"),
    ]
    # Each pattern opens with the characters its match can start with, as a lookahead: it
    # lets ``re`` skip to the next such character instead of trying the whole pattern at
    # every position (about twice as fast), and changes no match. A time expression starts
    # with a letter; a day-month date with a digit or "(" too, a count ("dua hari lalu")
    # with a digit. ("month" could start on the spaces before a month when no word comes
    # first; those are stripped from every match anyway.)
    first = {"day_month": "[a-z0-9(]", "ago": "[a-z0-9]"}
    return [(kind, caseless(f"(?={first.get(kind, '[a-z]')})" + source)) for kind, source in found]


_RANGE_START = re.compile(r"(?<![\d/.,])([0-3]?\d)\s*(?:-|–|hingga|sampai|s\.d\.?|s/d|to|until)\s*$", re.I)


def _day_range(text: str, start: int, last: str) -> tuple[int, str] | None:
    """Return (start offset, "first/last" ISO interval) when a day range ends at the date at ``start``."""
    m = _RANGE_START.search(text, max(0, start - 16), start)
    if m is None:
        return None
    end_day = date.fromisoformat(last)
    if not 1 <= int(m.group(1)) < end_day.day:
        return None
    return m.start(), f"{end_day.replace(day=int(m.group(1))).isoformat()}/{last}"


def find_times(text: str, published: date | None) -> list[TimeMatch]:
    """Return the time expressions in ``text``, in order, resolved against ``published``.

    Takes text and the publication date (or None); never raises. Overlapping matches
    are resolved in favour of the most specific pattern (absolute dates first).
    """
    found: list[TimeMatch] = []
    taken = Covered()
    for s, e in reference_spans(text):  # "Nomor 20 Tahun 2001", "1439 H": no Gregorian date
        taken.add(s, e)
    for d in find_dates(text):
        if taken.overlaps(d.start, d.end):
            continue
        span = _day_range(text, d.start, d.value[:10]) if d.text[:1].isdigit() else None
        if span is not None and not taken.overlaps(span[0], d.start):
            # "20 hingga 23 Oktober 2016": the first day belongs to the same month and year
            found.append(TimeMatch(text[span[0] : d.end], span[0], d.end, span[1], "interval", "absolute"))
            taken.add(span[0], d.end)
            continue
        found.append(TimeMatch(d.text, d.start, d.end, d.value[:10], "day", "absolute"))
        taken.add(d.start, d.end)
    low = lowered_copy(text)
    for kind, pattern in _patterns():
        for m in pattern.finditer(text, low):
            s, e = m.start(), m.end()
            while e > s and text[e - 1].isspace():
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            if e <= s or taken.overlaps(s, e):
                continue
            try:
                resolved = _resolve(kind, m, text, published)
            except (OverflowError, ValueError):  # "kemarin" on 1 January of year 1: no such day
                resolved = None
            if resolved is None:
                continue
            value, granularity, anchor = resolved
            found.append(TimeMatch(text[s:e], s, e, value, granularity, anchor))
            taken.add(s, e)
    return sorted(found, key=lambda t: t.start)


def _resolve(kind: str, m: re.Match[str], text: str, pub: date | None) -> tuple[str | None, str, str] | None:
    # ``m`` may have run on a lower-cased copy: case is read from ``text`` by offsets
    months, weekdays = _calendar()
    g = m.groupdict()
    if kind == "day_month":
        month = months[g["mon"].lower()]
        if pub is None:
            return None, "day", "publication"
        try:
            first = _closest_before(pub, month, int(g["d"]))
            if g.get("d2"):
                return f"{first.isoformat()}/{first.replace(day=int(g['d2'])).isoformat()}", "interval", "publication"
            return first.isoformat(), "day", "publication"
        except ValueError:
            return None
    if kind == "weekday_dm":
        if pub is None:
            return None, "day", "publication"
        try:
            return _on_weekday(pub, int(g["m"]), int(g["d"]), weekdays[g["wd"].lower()]).isoformat(), "day", "publication"
        except ValueError:
            return None
    if kind == "month_year":
        month, year = months[g["mon"].lower()], int(g["y"])
        if g.get("pre") and pub is not None:
            return f"{year:04d}-{month:02d}-01/{pub.isoformat()}", "interval", "publication"
        return _month(year, month), "month", "absolute"
    if kind == "year":
        y = int(g["y"])
        return f"{y}-01-01/{y}-12-31", "year", "absolute"
    if pub is None:
        return None, "day", "publication"
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
        unit = g["unit"].lower().rstrip("s")
        if count is None:
            return None
        if unit in ("hari", "day"):
            return (pub - timedelta(days=count)).isoformat(), "day", "publication"
        if unit in ("pekan", "minggu", "week"):
            return _week(pub - timedelta(weeks=count)), "week", "publication"
        if unit in ("bulan", "month"):
            y, mo = _shift_month(pub.year, pub.month, -count)
            return _month(y, mo), "month", "publication"
        return f"{pub.year - count}-01-01/{pub.year - count}-12-31", "year", "publication"
    if kind == "relative":
        return _relative(g["rel"].lower().split(), pub)
    if kind == "month_day":
        if not text[m.start("mon")].isupper():
            return None  # "mar 5" in lower case is not a date
        month = months[g["mon"].lower()]
        try:
            return _closest_before(pub, month, int(g["d"])).isoformat(), "day", "publication"
        except ValueError:
            return None
    if kind == "part_range":
        month = months[g["mon"].lower()]
        year = pub.year if month <= pub.month + 2 else pub.year - 1
        whole = _month(year, month)
        first = _part_of_month(whole, g["p1"].lower()).split("/")[0]
        last = _part_of_month(whole, g["p2"].lower()).split("/")[1]
        return f"{first}/{last}", "interval", "publication"
    if kind == "weekday":
        pre, post = (g.get("pre") or "").lower(), (g.get("post") or "").lower()
        if not pre and not post and not (
            text[m.start("wd")].isupper() and text[max(0, m.start() - 2) : m.start()] == ", "
            and not _NAME_AFTER.match(text, m.end())
        ):
            # a bare weekday counts only as an aside after a comma (", Senin waktu setempat"):
            # "Minggu" is also "week" and "Kamis" a given name
            return None
        target = weekdays[g["wd"].lower()]
        back = (pub.weekday() - target) % 7
        if post == "depan":
            return (pub + timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat(), "day", "publication"
        if post == "lalu" and back == 0:
            back = 7
        if post.endswith("lalu") and post != "lalu":
            # "Minggu pekan lalu": that weekday of the week before the publication's
            day = _week(pub - timedelta(weeks=1)).split("/")[0]
            return (date.fromisoformat(day) + timedelta(days=target)).isoformat(), "day", "publication"
        if pre in ("sejak", "since"):
            return f"{(pub - timedelta(days=back)).isoformat()}/{pub.isoformat()}", "interval", "publication"
        return (pub - timedelta(days=back)).isoformat(), "day", "publication"
    if kind == "weekend":
        rel = (g.get("en") or g.get("id") or "").lower()
        shift = {"last": -1, "lalu": -1, "next": 1, "depan": 1}.get(rel, 0)
        monday = date.fromisoformat(_week(pub + timedelta(weeks=shift)).split("/")[0])
        return f"{monday + timedelta(days=5)}/{monday + timedelta(days=6)}", "interval", "publication"
    if kind == "month":
        pre, post = (g.get("pre") or "").lower(), (g.get("post") or "").lower()
        if not pre and not post:
            return None  # "Mei" or "Maret" alone may be a name
        month = months[g["mon"].lower()]
        if post == "lalu" or pre in ("sejak", "since"):
            year = pub.year if month <= pub.month else pub.year - 1
        else:  # "bulan November": this year's, up to two months ahead; reports look back more than forward
            year = pub.year if month <= pub.month + 2 else pub.year - 1
        if post in ("mendatang", "depan"):
            year = pub.year if month > pub.month else pub.year + 1
        if post == "tahun lalu":
            year = pub.year - 1
        if pre in ("sejak", "since"):
            return f"{year:04d}-{month:02d}-01/{pub.isoformat()}", "interval", "publication"
        if pre in _PARTS:
            return _part_of_month(_month(year, month), pre), "interval", "publication"
        return _month(year, month), "month", "publication"
    return None


def _relative(words: list[str], pub: date) -> tuple[str, str, str]:
    phrase = " ".join(words)
    day = {"kemarin": -1, "yesterday": -1, "hari ini": 0, "today": 0, "besok": 1, "tomorrow": 1, "lusa": 2, "kemarin lusa": -2}
    if phrase in day:
        return (pub + timedelta(days=day[phrase])).isoformat(), "day", "publication"
    part = words[0] if words[0] in ("awal", "akhir", "pertengahan") else None
    unit, rel = (words[1], words[2]) if part else (words[0], words[1])
    if unit in ("last", "next", "this"):
        unit, rel = rel, unit
    shift = -1 if rel in ("lalu", "last") else 1 if rel in ("depan", "next") else 0
    if unit in ("pekan", "minggu", "week"):
        return _week(pub + timedelta(weeks=shift)), "week", "publication"
    if unit in ("bulan", "month"):
        y, mo = _shift_month(pub.year, pub.month, shift)
        value = _month(y, mo)
        if part:
            return _part_of_month(value, part), "interval", "publication"
        return value, "month", "publication"
    y = pub.year + shift
    return f"{y}-01-01/{y}-12-31", "year", "publication"


_PARTS = ("awal", "akhir", "pertengahan")
_NAME_AFTER = re.compile(r"\s+[A-Z]")


def _part_of_month(month_interval: str, part: str) -> str:
    """Return the first, middle or last ten days of a month interval ("awal/pertengahan/akhir Oktober")."""
    first, last = month_interval.split("/")
    d0, d1 = date.fromisoformat(first), date.fromisoformat(last)
    return {
        "awal": f"{first}/{d0 + timedelta(days=9)}",
        "pertengahan": f"{d0 + timedelta(days=10)}/{d0 + timedelta(days=19)}",
        "akhir": f"{d1 - timedelta(days=9)}/{last}",
    }[part]


def _closest_before(pub: date, month: int, day: int) -> date:
    """Return the date with this month and day closest to ``pub``, not more than 31 days after it."""
    candidate = date(pub.year, month, day)
    if candidate > pub + timedelta(days=31):
        candidate = date(pub.year - 1, month, day)
    return candidate


def _on_weekday(pub: date, month: int, day: int, weekday: int) -> date:
    """Return the date with this month and day near ``pub`` that falls on ``weekday`` ("Senin (4/11)").

    Falls back to ``_closest_before`` when no nearby year matches the weekday.
    """
    matching = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            matching.append(candidate)
    if matching:
        return min(matching, key=lambda c: abs((c - pub).days))
    return _closest_before(pub, month, day)


def _week(d: date) -> str:
    monday = d - timedelta(days=d.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _shift_month(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def _month(year: int, month: int) -> str:
    ny, nm = _shift_month(year, month, 1)
    last = date(ny, nm, 1) - timedelta(days=1)
    return f"{year:04d}-{month:02d}-01/{last.isoformat()}"

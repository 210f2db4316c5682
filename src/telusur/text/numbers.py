"""Numbers as Indonesian (and English) news writes them, with qualifier and unit.

Forms read: digits with Indonesian grouping ("10.000", "600.000") or English grouping
("10,000"), decimals ("1,5", "2.5"), scale words ("10 ribu", "1,5 juta", "3 miliar"),
number words ("tiga", "sepuluh", "dua belas", "dua puluh lima", "seratus", "seribu"),
halves ("dua setengah", "setengah juta"), vague plurals ("ribuan", "puluhan ribu"),
ranges ("10.000 hingga 12.000", "antara 10.000 dan 12.000", "10.000-12.000"), a
qualifier before the number ("sekitar", "lebih dari", "hampir", "setidaknya"), a
currency before or after it ("Rp 5 miliar", "US$ 1,5 miliar", "500 dolar AS") and
percentages ("40 persen", "40%"). The word lists are data (``lexicon/quantities.toml``).

A group of exactly three digits after a dot or a comma is a thousands group; any other
digits after one are decimals. A bare year (1900-2099 with no qualifier, unit or scale)
and a number glued to a name or date ("Hwasong-19", "21/10") are not numbers here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from telusur.lexicon import load
from telusur.text.lowered import CaselessPattern, caseless, lowered_copy
from telusur.text.trie import trie_regex


@dataclass(frozen=True)
class NumberMatch:
    """A number phrase: offsets in the text, value (and upper bound of a range), how meant, unit."""

    text: str
    start: int
    end: int
    value: float
    high: float | None
    approx: str  # exact, about, at_least, more_than, less_than, up_to, range
    unit: str | None  # currency code, "%" or None


@dataclass(frozen=True)
class _Lexicon:
    pattern: CaselessPattern
    words: dict[str, float]
    multipliers: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, str]
    before_units: dict[str, str]
    after_units: dict[str, str]
    skip_before: frozenset[str]
    skip_phrases: CaselessPattern


_DIGITS = r"\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?"
_SE_FORMS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1_000, "sejuta": 1_000_000,
             "semiliar": 1_000_000_000, "setengah": 0.5}


@cache
def _lexicon() -> _Lexicon:
    data = load("quantities")
    w = data["words"]
    words: dict[str, float] = {k: v for k, v in w["units"].items() if k != "se"}
    words.update(w["teens"])
    words.update(_SE_FORMS)
    qualifiers = {phrase: kind for kind, phrases in data["qualifiers"].items() for phrase in phrases}
    before_units = data["units"]["before"]
    after_units = data["units"]["after"]
    word = trie_regex(words)
    joiner = trie_regex([*w["multipliers"], *words])
    number = (
        rf"(?:(?P<dig>{_DIGITS})|(?P<words>(?<![\w-])(?:{word})(?:\s+(?:{joiner})(?![\w-]))*))"
        rf"(?:\s*(?P<scale>{trie_regex(w['scales'])})(?![\w-]))?"
    )
    number2 = number.replace("?P<dig>", "?P<dig2>").replace("?P<words>", "?P<words2>").replace("?P<scale>", "?P<scale2>")
    pattern = caseless(
        rf"(?:(?P<qual>{trie_regex(qualifiers)})\s+|(?P<between>antara|between)\s+)?"
        rf"(?:(?P<cur>{trie_regex(before_units)})\s*)?"
        rf"(?:(?<![\w/.,-])(?P<vague>{trie_regex(w['vague'])})(?![\w-])"
        rf"|(?<![\w/.,:-]){number}(?![\w/]|-(?!\s*\d)|[.,]\d)"
        rf"(?:\s*(?P<conn>-|–|hingga|sampai|to|dan|and)\s*(?:(?:{trie_regex(before_units)})\s*)?{number2}(?![\w/-]|[.,]\d))?)"
        rf"(?:\s*(?P<unit>{trie_regex(after_units)})(?![\w]))?"
    )
    return _Lexicon(
        pattern, words, w["multipliers"], w["scales"], w["vague"], qualifiers, before_units, after_units,
        # a number after a month name is a day of a date ("Oct 18") that the time patterns left
        frozenset(data["skip"]["before"]) | {m for names in load("calendar")["months"].values() for m in names},
        caseless(r"(?<![\w-])(?:" + trie_regex(data["skip"]["phrases"]) + r")(?![\w-])"),
    )


@cache
def number_words() -> frozenset[str]:
    """Return the lower-cased words that write a number or scale it ("dua", "ratus", "ribu", "juta")."""
    lex = _lexicon()
    return frozenset(w.lower() for table in (lex.words, lex.multipliers, lex.scales) for w in table) | frozenset(_SE_FORMS)


def find_numbers(text: str) -> list[NumberMatch]:
    """Return the number phrases in ``text`` in order, with values, qualifiers and units.

    Takes any text; never raises. Numbers that name things ("Resolusi 2231", "Pasal 5",
    "salah satu") and bare years are left out.
    """
    lex = _lexicon()
    low = lowered_copy(text)
    skipped = [(m.start(), m.end()) for m in lex.skip_phrases.finditer(text, low)]
    out: list[NumberMatch] = []
    pos = 0
    # group values below may be lower-cased; phrase text is always cut from ``text``
    while (m := lex.pattern.search(text, low, pos)) is not None:
        pos = m.end() if m.end() > m.start() else m.end() + 1
        if m.group("vague") is None and m.group("dig") is None and m.group("words") is None:
            continue
        if any(s < m.end() and m.start() < e for s, e in skipped):
            continue
        core_start = m.start("vague") if m.group("vague") else m.start("dig") if m.group("dig") else m.start("words")
        previous = text[max(0, core_start - 12) : core_start].split()
        if previous and previous[-1].lower().rstrip(".") in lex.skip_before and not m.group("qual") and not m.group("cur"):
            continue
        unit = _unit(lex, m.group("cur"), m.group("unit"))
        if m.group("vague"):
            value: float = lex.vague[_norm(m.group("vague"))]
            out.append(NumberMatch(text[m.start():m.end()], m.start(), m.end(), value, None, "at_least", unit))
            continue
        value = _value(lex, m.group("dig"), m.group("words"), m.group("scale"))
        high = None
        if m.group("dig2") or m.group("words2"):
            high = _value(lex, m.group("dig2"), m.group("words2"), m.group("scale2") or m.group("scale"))
            if m.group("scale2") and not m.group("scale") and value < lex.scales[_norm(m.group("scale2"))]:
                # "10 hingga 12 ribu": the scale after the second number applies to both
                value *= lex.scales[_norm(m.group("scale2"))]
            if high <= value or (_norm(m.group("conn")) in ("dan", "and") and not m.group("between")) or (
                _is_year(m.group("dig")) and _is_year(m.group("dig2"))
            ):
                # "10.000 dan 12.000" in a list, or "2022-2024": not a range; keep the first number
                end = m.end("scale") if m.group("scale") else m.end("dig") if m.group("dig") else m.end("words")
                pos = end
                if not m.group("qual") and _is_year(m.group("dig")):
                    continue
                out.append(NumberMatch(text[m.start():end], m.start(), end, value, None, _approx(lex, m), unit))
                continue
        if high is None and not (m.group("qual") or unit or m.group("scale")) and _is_year(m.group("dig")):
            continue
        approx = "range" if high is not None else _approx(lex, m)
        if m.group("between") and high is None:
            # "antara" with no second number qualifies nothing: drop it from the phrase
            start = m.start("dig") if m.group("dig") else m.start("words")
            out.append(NumberMatch(text[start:m.end()], start, m.end(), value, None, approx, unit))
            continue
        out.append(NumberMatch(text[m.start():m.end()], m.start(), m.end(), value, high, approx, unit))
    return out


def parse_number(phrase: str) -> float | None:
    """Return the value of one number phrase ("10 ribu" -> 10000.0), or None when it holds none."""
    found = find_numbers(phrase)
    return found[0].value if found else None


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


def _unit(lex: _Lexicon, before: str | None, after: str | None) -> str | None:
    if after:
        return lex.after_units[_norm(after)]
    if before:
        return lex.before_units[_norm(before)]
    return None


def _approx(lex: _Lexicon, m: re.Match[str]) -> str:
    qual = m.group("qual")
    return lex.qualifiers[_norm(qual)] if qual else "exact"


def _is_year(digits: str | None) -> bool:
    return digits is not None and len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2099


def _value(lex: _Lexicon, digits: str | None, words: str | None, scale: str | None) -> float:
    value = _digits_value(digits) if digits else _words_value(lex, words or "")
    if scale:
        value *= lex.scales[_norm(scale)]
    return value


def _digits_value(digits: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        return float(re.sub(r"[.,]", "", digits))
    return float(digits.replace(",", "."))


def _words_value(lex: _Lexicon, words: str) -> float:
    """Value of a run of number words: "dua puluh lima" = 25, "dua setengah" = 2.5."""
    total = 0.0
    current = 0.0
    for word in _norm(words).split():
        if word == "belas":
            current += 10
        elif word in lex.multipliers:
            current = (current or 1) * lex.multipliers[word]
        elif word == "setengah":
            current += 0.5
        else:
            n = lex.words[word]
            if n >= 1000:
                total += (current or 1) * n if current and n > current else n
                current = 0
            elif n >= 100 and current:
                current *= n
            else:
                current += n
    return total + current

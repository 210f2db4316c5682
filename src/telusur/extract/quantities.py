"""Quantities of an article: each number with what it counts and who claims it.

Numbers come from ``text.numbers`` (Indonesian and English forms, qualifiers, units).
Numbers inside a time expression or an entity name ("Hwasong-19") are left out, and so
are time spans counted from another event ("tiga hari setelah ...", "five days later"),
frequencies ("dua kali"; "dua kali lipat" is a quantity), ordinals, numbers in names and
line-ups, clock times, formations and "satu" as an article (``[not_counts]``).

- *What it counts*: the noun phrase right after the number (and its unit), up to a
  function word or punctuation ("sekitar 10.000 tentara Korut sedang disiapkan" counts
  "tentara Korut").
- *Who claims it*, first rule that applies: the speaker of the quote or reported
  speech the number stands in; an entity after a cue in the sentence ("menurut
  Pentagon", "kata Austin"); the entity just before a claim verb that comes before the
  number ("NIS memperkirakan ..."). Otherwise nobody: the claimant is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from telusur.extract.mentions import Located, MentionIndex, qualified
from telusur.lexicon import load
from telusur.model import Article, Quantity, Quote
from telusur.text.numbers import find_numbers
from telusur.text.references import reference_spans
from telusur.text.tokens import sentences
from telusur.text.trie import trie_regex

_WORDS = re.compile(r"[\w'’-]+|[^\w\s]")
# how far a claimant mention may lie from its cue or verb (title words may sit between)
_REACH = 60


@dataclass(frozen=True)
class _Claims:
    cue: re.Pattern[str]
    verb: re.Pattern[str]
    fillers: frozenset[str]
    stop: frozenset[str]
    number_words: frozenset[str]
    max_words: int


@cache
def _claims() -> _Claims:
    data = load("quantities")
    words = data["words"]
    number_words = {*words["units"], *words["teens"], *words["multipliers"], *words["scales"], *words["vague"]}
    return _Claims(
        re.compile(r"(?<![\w-])(?:" + trie_regex(data["claims"]["cues"]) + r")(?![\w-])", re.I),
        re.compile(r"(?<![\w-])(?:" + trie_regex(data["claims"]["verbs"]) + r")(?![\w-])", re.I),
        frozenset(data["claims"]["fillers"]),
        frozenset(data["counts"]["stop"]),
        frozenset(number_words),
        int(data["counts"]["max_words"]),
    )


def find_quantities(body: str, index: MentionIndex, quotes: list[Quote], taken: list[tuple[int, int]]) -> list[Quantity]:
    """Return the quantities in ``body``.

    Takes the body, an index of its entity mentions, its quotes (for claimants) and
    spans already explained as something else (time expressions). Never raises.
    """
    out: list[Quantity] = []
    taken = [*taken, *reference_spans(body)]  # legal references and Hijri dates count nothing
    bounds = sentences(body)
    k = 0
    for n in find_numbers(body):
        if any(s < n.end and n.start < e for s, e in taken) or index.overlapping(n.start, n.end):
            continue
        while k + 1 < len(bounds) and bounds[k][1] <= n.start:
            k += 1
        s_start, s_end = bounds[k] if bounds else (0, len(body))
        counts = _counts(body, n.end, s_end)
        if _relative_time_or_frequency(body, n.end) or _not_a_count(body, n.start, n.end, n.text, n.unit, s_start):
            continue
        claimant, claimed_by = _claimant(body, n.start, s_start, s_end, index, quotes)
        out.append(Quantity(n.text, n.start, n.end, n.value, n.high, n.approx, n.unit, counts, claimant, claimed_by))
    return out


@cache
def _relative_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load("quantities")["relative_time"]
    return frozenset(data["units"]), frozenset(data["after"]), frozenset(data["frequency"])


def _relative_time_or_frequency(body: str, end: int) -> bool:
    """Return True for "tiga hari setelah ..." / "five days later" and "dua kali" (see the lexicon)."""
    units, after, frequency = _relative_words()
    words = _WORDS.findall(body[end : end + 40].lower())
    if not words:
        return False
    if words[0] in frequency and (len(words) < 2 or words[1] != "lipat"):
        return True
    return words[0] in units and len(words) > 1 and words[1] in after


@cache
def _not_counts() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load("quantities")["not_counts"]
    return frozenset(data["count_openers"]), frozenset(data["satu_not_counting"]), frozenset(data["clock_zones"])


_ORDINAL = re.compile(r"(?<![\w-])ke\s*-?\s*$", re.I)
_BARE = re.compile(r"\d+(?:[.,]\d+)?$")
_FORMATION_PART = re.compile(r"\d\s*-\s*\d|\d")
_AFTER_RUN = re.compile(r"(?:\s*-\s*\d(?!\d))*")
_BEFORE_RUN = re.compile(r"(?:(?<!\d)\d\s*-\s*)*$")
_PREVIOUS_WORD = re.compile(r"([\w$'’.-]+)[ \t]+$")
_NEXT = re.compile(r"\s*(-\s*)?([\w'’]+)")
_VERB = re.compile(r"(?:me|ber|di|ter)[a-z]{3,}")  # an Indonesian verb after the number counts nothing


def _not_a_count(body: str, start: int, end: int, text: str, unit: str | None, s_start: int) -> bool:
    """Return True for a number that counts nothing (``[not_counts]`` in the lexicon says which)."""
    openers, satu_words, zones = _not_counts()
    before, after = body[max(s_start, start - 40) : start], body[end : end + 40]
    if _ORDINAL.search(before):
        return True  # "menit ke-72", "abad ke - 13": an ordinal, not a count
    following = _NEXT.match(after)
    if text.lower() == "satu":
        return before.lower().endswith("salah ") or bool(following and following.group(2).lower() in satu_words)
    if unit is None and _FORMATION_PART.fullmatch(text):
        # "3 - 4 - 3": a formation, three or more numbers in a row (a score "3 - 0" has two)
        numbers = len(re.findall(r"\d+", text)) + len(_AFTER_RUN.match(after).group().split("-")) - 1 \
            + len(_BEFORE_RUN.search(before).group().split("-")) - 1
        if numbers >= 3:
            return True
    if unit is not None or not _BARE.fullmatch(text):
        return False
    if re.fullmatch(r"\d{1,2}[.:]\d{2}", text) and following and following.group(2).lower() in zones:
        return True  # "hingga 17.00 WIB": a clock time
    prev = _PREVIOUS_WORD.search(before)
    nxt = following.group(2) if following and not following.group(1) else ""
    counted = nxt.isupper() or (nxt[:1].islower() and nxt.lower() not in _claims().stop and not _VERB.match(nxt.lower()))
    if prev and prev.start() > 0 and prev.group(1)[:1].isupper() and prev.group(1).lower() not in openers and not counted:
        return True  # "Liga 2", "ThinkPad 25 memiliki": part of a name ("opsi A 322 anggota", "RAM 4 GB" count)
    # a shirt number before a player's name in a line-up: "8 - Arturo Vidal", "24 Rizky Fajrin"
    return bool(following and following.group(2)[:1].isupper() and (following.group(1) or before.rstrip().endswith((";", ",", "("))))


def _counts(body: str, start: int, limit: int) -> str | None:
    """Return the noun phrase after a number, up to a stop word or punctuation, or None."""
    claims = _claims()
    words: list[tuple[int, int]] = []
    for m in _WORDS.finditer(body, start, limit):
        word = m.group()
        lower = word.lower()
        if not word[0].isalpha() or lower in claims.stop or lower in claims.number_words or len(words) == claims.max_words:
            break
        if body[words[-1][1] if words else start : m.start()].count("\n"):
            break
        words.append((m.start(), m.end()))
    return body[words[0][0] : words[-1][1]] if words else None


def _claimant(
    body: str, pos: int, s_start: int, s_end: int, index: MentionIndex, quotes: list[Quote]
) -> tuple[str | None, str | None]:
    """Return (entity name, attribution as written) for the number at ``pos``."""
    for q in quotes:
        if q.start <= pos < q.end and (q.speaker or q.said_by):
            return q.speaker, q.said_by
    claims = _claims()
    sentence = body[s_start:s_end]
    for c in claims.cue.finditer(sentence):
        hit = _first_mention(index, s_start + c.end(), min(s_end, s_start + c.end() + _REACH))
        # only title words may stand between the cue and the claimant ("menurut juru bicara Pentagon")
        if hit and all(w[:1].isupper() or w.lower() in claims.fillers for w in body[s_start + c.end() : hit.start].split()):
            return hit.entity.name, body[s_start + c.start() : hit.end]
    for v in claims.verb.finditer(sentence):
        v_start = s_start + v.start()
        if v_start > pos:
            break
        hit = _subject(index, max(s_start, v_start - _REACH), v_start)
        if hit and "," not in body[hit.end : v_start]:
            return hit.entity.name, body[hit.start : s_start + v.end()]
    return None, None


_SPEAKING = ("PER", "ORG", "GPE")


def _first_mention(index: MentionIndex, start: int, end: int) -> Located | None:
    found = [m for m in index.within(start, end) if m.entity.type in _SPEAKING]
    return found[0] if found else None


def _subject(index: MentionIndex, start: int, end: int) -> Located | None:
    """Return the subject just before a verb: the last mention, or the body a state name qualifies.

    In "Badan Intelijen Nasional (NIS) Korea Selatan mengungkapkan" the last mention is
    the state; the organisation it qualifies is the subject.
    """
    found = [m for m in index.within(start, end) if m.entity.type in _SPEAKING]
    return qualified(found) if found else None


def extract_quantities(article: Article) -> Article:
    """Return ``article`` with ``quantities`` (needs ``entities``, ``quotes`` and ``times``). Pure; never raises."""
    taken = [(t.start, t.end) for t in article.times]
    return replace(article, quantities=find_quantities(article.body, MentionIndex(article.entities), article.quotes, taken))

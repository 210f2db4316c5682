"""Reported speech: "X mengatakan (bahwa) ...", "menurut X, ...", "..., X said.", with the content span.

A speech verb (``lexicon/quotes.toml``, ``[reported]``) whose subject is an entity
mention (or a pronoun, pointing back to the last speaker) introduces the content that
follows it to the end of the sentence, after an opener ("bahwa", "agar", "that"). Only
adverbs from the ``between`` list may stand between subject and verb. "Menurut X, ..."
and "according to X, ..." take the rest of the sentence; "..., menurut X." and
English "..., X said." take what came before. Spans inside direct quotes are skipped:
those are direct speech. Content shorter than four words is not speech worth reporting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from telusur.extract.mentions import Located, MentionIndex
from telusur.lexicon import load
from telusur.model import Quote
from telusur.text.tokens import sentences
from telusur.text.trie import trie_regex

_WORD = re.compile(r"[\w'’-]+")
_MIN_WORDS = 4
_SPEAKING = ("PER", "ORG", "GPE")
_GOVERNING = frozenset({"di", "ke", "dari", "kepada", "dengan", "oleh", "terhadap", "untuk", "in", "to", "from", "by", "with", "at"})
_JOINING = frozenset({"dan", "serta", "and"})


def _word_before(body: str, pos: int) -> str:
    words = _WORD.findall(body[max(0, pos - 14) : pos])
    return words[-1].lower() if words else ""


@dataclass(frozen=True)
class _Cues:
    verb: re.Pattern[str]
    menurut: re.Pattern[str]
    said_after: re.Pattern[str]
    openers: frozenset[str]
    between: frozenset[str]
    pronouns: frozenset[str]


@cache
def _cues() -> _Cues:
    data = load("quotes")["reported"]
    return _Cues(
        re.compile(r"(?<![\w-])(?:" + trie_regex(data["verbs"]) + r")(?![\w-])"),
        re.compile(r"(?<![\w-])(?:[Mm]enurut|[Aa]ccording to)\s+"),
        re.compile(r",\s*(?P<who>[^,.;\"“”]{2,60}?)\s+(?:said|says|added|told \w+)\s*\.?$"),
        frozenset(data["openers"]),
        frozenset(data["between"]),
        frozenset(data["pronouns"]),
    )


def find_reported(body: str, index: MentionIndex, direct: list[Quote], undecided: frozenset[str] = frozenset()) -> list[Quote]:
    """Return reported speech in ``body`` with speakers, skipping what direct quotes cover.

    Takes the body, an index of its entity mentions, its direct quotes (their speakers
    also serve pronoun subjects) and the entity names that must not be given as a
    speaker (a lone "Kim" when the article has several Kims). Never raises.
    """
    cues = _cues()
    taken = [(q.start, q.end) for q in direct]
    spoken = sorted(((q.start, q.speaker) for q in direct if q.speaker), key=lambda x: x[0])
    out: list[Quote] = []

    def last_speaker(pos: int) -> str | None:
        earlier = [(s, n) for s, n in spoken if s < pos] + [(q.start, q.speaker) for q in out if q.speaker and q.start < pos]
        return max(earlier)[1] if earlier else None

    def free(s: int, e: int) -> bool:
        return not any(ts < e and s < te for ts, te in taken)

    for s_start, s_end in sentences(body):
        end = s_end
        while end > s_start and body[end - 1].isspace():
            end -= 1
        if not free(s_start, s_end):
            continue
        found = _menurut(body, index, cues, s_start, end) or _verb(body, index, cues, s_start, end, last_speaker)
        if found is None:
            found = _said_after(body, index, cues, s_start, end)
        if found is None:
            continue
        c_start, c_end, said, said_start, speaker, cue = found
        speaker = None if speaker in undecided else speaker
        if len(_WORD.findall(body[c_start:c_end])) < _MIN_WORDS or not free(c_start, c_end):
            continue
        out.append(Quote("reported", body[c_start:c_end], c_start, c_end, speaker, said, said_start,
                         said_start + len(said), cue))
    return out


_Found = tuple[int, int, str, int, str | None, str]


def _speaker_of(m: Located) -> str:
    return m.entity.name


def _menurut(body: str, index: MentionIndex, cues: _Cues, s_start: int, end: int) -> _Found | None:
    """"Menurut X, content." or "Content, menurut X." """
    m = cues.menurut.search(body, s_start, end)
    if not m:
        return None
    comma = body.find(",", m.end(), end)
    phrase_end = comma if comma != -1 else end
    hits = [h for h in index.within(m.end(), phrase_end) if h.entity.type in _SPEAKING]
    if not hits:
        return None
    said = body[m.end() : phrase_end].strip()
    # "menurut juru bicara Pentagon Sabrina Singh": the person; else the body a state qualifies
    people = [h for h in hits if h.entity.type == "PER"]
    speaker = _speaker_of(people[-1] if people else _qualified(index, hits))
    if comma != -1 and m.start() - s_start < 3:
        return comma + 1 + _skip_space(body, comma + 1), end, said, m.end(), speaker, "menurut"
    if m.start() > s_start and body[m.start() - 2 : m.start()].strip() == ",":
        return s_start, m.start() - 2, said, m.end(), speaker, "menurut"
    return None


def _skip_space(body: str, pos: int) -> int:
    n = 0
    while pos + n < len(body) and body[pos + n] == " ":
        n += 1
    return n


def _verb(
    body: str, index: MentionIndex, cues: _Cues, s_start: int, end: int, last_speaker: Callable[[int], str | None]
) -> _Found | None:
    """"X (adverbs) <verb> (bahwa) content"."""
    for v in cues.verb.finditer(body, s_start, end):
        before = body[s_start : v.start()]
        words = _WORD.findall(before)
        # step back over adverbs to the subject
        k = len(words)
        while k and words[k - 1].lower() in cues.between:
            k -= 1
        if k and words[k - 1].lower() in cues.pronouns:
            speaker = last_speaker(v.start())
            said = words[k - 1]
            said_start = before.rfind(said) + s_start
        else:
            subject_end = s_start + _offset_after_word(before, words, k)
            hits = [h for h in index.within(s_start, subject_end + 1) if h.entity.type in _SPEAKING]
            if not hits or hits[-1].end < subject_end - 1 or _word_before(body, hits[-1].start) in _GOVERNING:
                continue
            hit = _qualified(index, hits)
            speaker, said, said_start = _speaker_of(hit), body[hit.start : hits[-1].end], hit.start
            if _word_before(body, hit.start) in _JOINING:
                speaker = None  # "AS, Korea Selatan dan NATO menuduh": several speakers at once
        c_start = v.end()
        rest = _WORD.search(body, c_start, end)
        if rest and rest.group().lower() in cues.openers:
            c_start = rest.end()
        c_start += _skip_space(body, c_start)
        while c_start < end and body[c_start] in ",:":
            c_start += 1
            c_start += _skip_space(body, c_start)
        return c_start, end, said, said_start, speaker, v.group()
    return None


def _offset_after_word(text: str, words: list[str], k: int) -> int:
    """Return the offset in ``text`` just after its ``k``-th word (0 when k is 0)."""
    if k == 0:
        return 0
    pos = 0
    for w in words[:k]:
        pos = text.index(w, pos) + len(w)
    return pos


def _qualified(index: MentionIndex, hits: list[Located]) -> Located:
    """"NIS Korea Selatan": a state right after an organisation qualifies it; the organisation speaks."""
    last = hits[-1]
    if len(hits) >= 2 and last.entity.type == "GPE" and hits[-2].entity.type in ("ORG", "PER") and 0 <= last.start - hits[-2].end <= 8:
        return hits[-2]
    return last


def _said_after(body: str, index: MentionIndex, cues: _Cues, s_start: int, end: int) -> _Found | None:
    """English "Content, X said." """
    m = cues.said_after.search(body, s_start, end + 1)
    if not m:
        return None
    hits = [h for h in index.within(m.start("who"), m.end("who")) if h.entity.type in _SPEAKING]
    if not hits:
        return None
    return s_start, m.start(), m.group("who"), m.start("who"), _speaker_of(hits[-1]), "said"

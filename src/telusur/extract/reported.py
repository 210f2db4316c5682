"""Reported speech: "X mengatakan (bahwa) ...", "menurut X, ...", "..., kata X.", with the content span.

Cue words are data (``lexicon/quotes.toml``, ``[reported]``). A sentence can hold
several statements; each of these shapes gives one:

- a speech verb whose subject is an entity mention (only adverbs from ``between`` may
  stand between), a pronoun (resolved by ``extract.speakers``), or a generic noun phrase
  ("Kementerian itu", "sang dubes": the latest organisation named so, or the person whose
  title holds the word). The content runs from after an opener ("bahwa", "agar",
  "that") to the end of the sentence; content that only points elsewhere ("menyampaikan
  hal itu") is none;
- "Menurut X, content." and "Content, menurut X." (also "according to");
- a cue set off by commas without quotation marks: "Dampaknya, kata dia, ..." (the
  whole sentence) and "Content, kata X." (what came before);
- English "Content, X said."

An organisation qualified by its state ("Badan Intelijen Nasional (NIS) Korea Selatan")
is the organisation; a joint subject ("AS, Korea Selatan dan NATO menuduh") and a
subject a preposition governs ("Kedutaan Besar Rusia di Seoul menyebut") give no speaker
or no statement. A statement whose speaker lies inside another statement's content is
part of that one. Spans inside direct quotes are direct speech and are skipped; content
shorter than four words is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from telusur.extract.mentions import Located, MentionIndex, qualified, word_before as _word_before
from telusur.extract.speakers import Attributions
from telusur.lexicon import load
from telusur.model import Quote
from telusur.text.lowered import fold
from telusur.text.tokens import sentences
from telusur.text.trie import trie_regex

_WORD = re.compile(r"[\w'’-]+")
_MIN_WORDS = 4
_SPEAKING = ("PER", "ORG", "GPE")
_GOVERNING = frozenset({"di", "ke", "dari", "kepada", "dengan", "oleh", "terhadap", "untuk", "in", "to", "from", "by", "with", "at"})
_JOINING = frozenset({"dan", "serta", "and"})


@dataclass(frozen=True)
class _Cues:
    verb: re.Pattern[str]
    menurut: re.Pattern[str]
    said_after: re.Pattern[str]
    inline: re.Pattern[str]
    generic: re.Pattern[str]
    generic_words: dict[str, list[str]]
    openers: frozenset[str]
    between: frozenset[str]
    pronouns: frozenset[str]
    not_content: re.Pattern[str]
    parenthetical: re.Pattern[str]


@cache
def _cues() -> _Cues:
    data = load("quotes")["reported"]
    generic = data["generic"]
    return _Cues(
        re.compile(r"(?<![\w-])(?:" + trie_regex(data["verbs"]) + r")(?![\w-])"),
        re.compile(r"(?<![\w-])(?:[Mm]enurut|[Aa]ccording to|(?:" + trie_regex(data["passive_openers"]) + r")(?:\s+oleh)?)\s+"),
        re.compile(r",\s*(?P<who>[^,.;\"“”]{2,60}?)\s+(?:said|says|added|told \w+)\s*\.?$"),
        re.compile(r",\s*(?P<cue>" + trie_regex(data["inline"]) + r")\s+(?P<who>[^,.;\"“”]{1,60}?)\s*(?P<stop>,|\.?$)"),
        re.compile(r"(?:\b(?:sang|the)\s+(?P<h1>" + trie_regex(generic) + r")|\b(?P<h2>" + trie_regex(generic)
                   + r")(?:\s+[a-z][\w-]*){0,2}\s+(?:itu|tersebut|ini))\s*$", re.I),
        generic,
        frozenset(data["openers"]),
        frozenset(data["between"]),
        frozenset(data["pronouns"]),
        re.compile(r"(?:" + trie_regex(data["not_content"]) + r")(?![\w-])", re.I),
        re.compile(r",\s*(?:" + trie_regex(data["parentheticals"]) + r")\b[^,]*,\s*$", re.I),
    )


@dataclass(frozen=True)
class _Statement:
    start: int
    end: int
    said: str
    said_start: int
    speaker: str | None
    cue: str


class _Context:
    """What resolving a speaker needs: the body, its mentions and the attributions so far."""

    def __init__(self, body: str, index: MentionIndex, attributions: Attributions) -> None:
        self.body = body
        self.index = index
        self.attributions = attributions

    def last_speaker(self, pos: int) -> str | None:
        """Return who a pronoun at ``pos`` refers to (``Attributions.referent``), or None."""
        return self.attributions.referent(pos)


def find_reported(
    body: str, index: MentionIndex, direct: list[Quote], attributions: Attributions,
    undecided: frozenset[str] = frozenset(),
) -> list[Quote]:
    """Return reported speech in ``body`` with speakers, skipping what direct quotes cover.

    Takes the body, an index of its entity mentions, its direct quotes, the attributions
    decided so far (pronoun subjects resolve against them; this adds its own) and the
    entity names that must not be given as a speaker (a lone "Kim" when the article has
    several Kims). Never raises.
    """
    cues = _cues()
    ctx = _Context(body, index, attributions)
    taken = [(q.start, q.end) for q in direct]
    out: list[Quote] = []
    for s_start, s_end in sentences(body):
        end = s_end
        while end > s_start and body[end - 1].isspace():
            end -= 1
        if any(ts < s_end and s_start < te for ts, te in taken):
            continue
        found = [*_menurut(ctx, cues, s_start, end), *_inline(ctx, cues, s_start, end),
                 *_verbs(ctx, cues, s_start, end), *_said_after(ctx, cues, s_start, end)]
        accepted: list[_Statement] = []
        for st in sorted(found, key=lambda x: (x.said_start, -x.end)):
            if len(_WORD.findall(body[st.start : st.end])) < _MIN_WORDS:
                continue
            if any(a.start <= st.said_start < a.end or a.said_start == st.said_start for a in accepted):
                continue  # said inside another statement's content: part of it
            accepted.append(st)
        for st in accepted:
            speaker = None if st.speaker in undecided else st.speaker
            attributions.add(st.said_start, st.said_start + len(st.said), speaker)
            out.append(Quote("reported", body[st.start : st.end], st.start, st.end, speaker, st.said,
                             st.said_start, st.said_start + len(st.said), st.cue))
    return sorted(out, key=lambda q: q.start)


def _hits(ctx: _Context, start: int, end: int) -> list[Located]:
    return [h for h in ctx.index.within(start, end) if h.entity.type in _SPEAKING]


def _speaker_in(ctx: _Context, cues: _Cues, phrase_start: int, phrase_end: int) -> str | None:
    """The speaker a phrase names: a person in it, else the body a state qualifies, else a pronoun or generic."""
    hits = _hits(ctx, phrase_start, phrase_end)
    if hits:
        people = [h for h in hits if h.entity.type == "PER"]
        return (people[-1] if people else qualified(hits)).entity.name
    words = _WORD.findall(ctx.body[phrase_start:phrase_end])
    if words and words[-1].lower() in cues.pronouns | {"dia", "nya"}:
        return ctx.last_speaker(phrase_start)
    return _generic(ctx, cues, phrase_start, phrase_end)


def _generic(ctx: _Context, cues: _Cues, start: int, end: int) -> str | None:
    """Resolve "Kementerian itu" / "sang dubes" ending at ``end`` to the latest entity it can name."""
    g = cues.generic.search(ctx.body, start, end)
    if not g:
        return None
    head = fold(g.group("h1") or g.group("h2"))
    words = [w.lower() for w in cues.generic_words[" ".join(head.split())]]
    best: Located | None = None
    for m in ctx.index.within(0, g.start()):
        names = [m.entity.name.lower()] if m.entity.type == "ORG" else []
        roles = [x.role.lower() for x in m.entity.mentions if x.role] if m.entity.type == "PER" else []
        if any(n.startswith(w) for n in names for w in words) or any(w in r for r in roles for w in words):
            best = m
    return best.entity.name if best else None


def _menurut(ctx: _Context, cues: _Cues, s_start: int, end: int) -> list[_Statement]:
    """"Menurut X, content.", "Dijelaskan X, content." or "Content, menurut X." """
    body = ctx.body
    m = cues.menurut.search(body, s_start, end)
    if not m:
        return []
    comma = body.find(",", m.end(), end)
    phrase_end = comma if comma != -1 else end
    if not _hits(ctx, m.end(), phrase_end):
        return []
    said = body[m.end() : phrase_end].strip()
    speaker = _speaker_in(ctx, cues, m.end(), phrase_end)
    if comma != -1 and m.start() - s_start < 3:
        return [_Statement(comma + 1 + _skip_space(body, comma + 1), end, said, m.end(), speaker, "menurut")]
    if m.start() > s_start and body[m.start() - 2 : m.start()].strip() == ",":
        return [_Statement(s_start, m.start() - 2, said, m.end(), speaker, "menurut")]
    return []


def _inline(ctx: _Context, cues: _Cues, s_start: int, end: int) -> list[_Statement]:
    """"Dampaknya, kata dia, ..." (the whole sentence) or "Content, kata X." (what came before)."""
    m = cues.inline.search(ctx.body, s_start, end + 1)
    if not m:
        return []
    speaker = _speaker_in(ctx, cues, m.start("who"), m.end("who"))
    said = m.group("who")
    if m.group("stop") == ",":
        return [_Statement(s_start, end, said, m.start("who"), speaker, m.group("cue"))]
    return [_Statement(s_start, m.start(), said, m.start("who"), speaker, m.group("cue"))]


def _skip_space(body: str, pos: int) -> int:
    n = 0
    while pos + n < len(body) and body[pos + n] == " ":
        n += 1
    return n


def _verbs(ctx: _Context, cues: _Cues, s_start: int, end: int) -> list[_Statement]:
    """Every "X (adverbs) <verb> (bahwa) content" of the sentence."""
    body = ctx.body
    out = []
    for v in cues.verb.finditer(body, s_start, end):
        subject = _subject(ctx, cues, s_start, v.start())
        if subject is None:
            continue
        said, said_start, speaker = subject
        c_start = v.end()
        rest = _WORD.search(body, c_start, end)
        if rest and rest.group().lower() in cues.openers:
            c_start = rest.end()
        c_start += _skip_space(body, c_start)
        while c_start < end and body[c_start] in ",:":
            c_start += 1
            c_start += _skip_space(body, c_start)
        if cues.not_content.match(body, c_start):
            continue
        out.append(_Statement(c_start, end, said, said_start, speaker, v.group()))
    return out


def _subject(ctx: _Context, cues: _Cues, s_start: int, verb: int) -> tuple[str, int, str | None] | None:
    """Return ``(as written, where, speaker)`` for the subject of the verb at ``verb``, or None."""
    body = ctx.body
    before = body[s_start:verb]
    aside = cues.parenthetical.search(before)
    if aside:
        # "Zinoviev, menurut pernyataan yang sama, menjawab": the subject stands before the aside
        before = before[: aside.start()]
    words = _WORD.findall(before)
    k = len(words)
    while k and words[k - 1].lower() in cues.between:
        k -= 1
    if not k:
        return None
    if words[k - 1].lower() in _JOINING:
        # "... memanggil dubes itu dan menuntut agar ...": the sentence's subject goes on
        first = next((h for h in _hits(ctx, s_start, s_start + 60) if _word_before(body, h.start) not in _GOVERNING), None)
        return (body[first.start : first.end], first.start, first.entity.name) if first else None
    subject_end = s_start + _offset_after_word(before, words, k)
    if words[k - 1].lower() in cues.pronouns:
        return words[k - 1], subject_end - len(words[k - 1]), ctx.last_speaker(verb)
    hits = _hits(ctx, s_start, subject_end + 1)
    if hits and hits[-1].end >= subject_end - 1:
        if _word_before(body, hits[-1].start) in _GOVERNING:
            return None
        hit = qualified(hits)
        speaker = None if _word_before(body, hit.start) in _JOINING else hit.entity.name
        return body[hit.start : hits[-1].end], hit.start, speaker
    g = cues.generic.search(body, s_start, subject_end)
    if g:
        return body[g.start() : subject_end], g.start(), _generic(ctx, cues, g.start(), subject_end)
    return None


def _offset_after_word(text: str, words: list[str], k: int) -> int:
    """Return the offset in ``text`` just after its ``k``-th word (0 when k is 0)."""
    pos = 0
    for w in words[:k]:
        pos = text.index(w, pos) + len(w)
    return pos


def _said_after(ctx: _Context, cues: _Cues, s_start: int, end: int) -> list[_Statement]:
    """English "Content, X said." """
    m = cues.said_after.search(ctx.body, s_start, end + 1)
    if not m:
        return []
    speaker = _speaker_in(ctx, cues, m.start("who"), m.end("who"))
    if not _hits(ctx, m.start("who"), m.end("who")):
        return []
    return [_Statement(s_start, m.start(), m.group("who"), m.start("who"), speaker, "said")]

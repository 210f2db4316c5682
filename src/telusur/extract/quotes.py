"""Who said what: direct quotes and reported speech, with their speakers.

Direct quotes are text between double quotes (straight or curly) of three words or
more. The speaker is found, in order: after the quote ("...," kata Borrell), before it
(Borrell mengatakan, "..."), or through a pronoun cue ("katanya", "ia menambahkan"),
which points back to the last decided speaker unless another person was named since
(``extract.speakers``); a quote that
follows an attributed one closely in the same paragraph continues it. A quote split
by its cue ("...," ujar Zinoviev, "...") is one quote with two parts. A speaker named
only by title ("kata juru bicara Pentagon") is kept as said, linked to a person only when
exactly one person in the article has that role. When no rule decides, the quote has
no speaker: never a guess.

Reported speech ("X mengatakan bahwa ...", "menurut X, ...") is found by ``extract.reported``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from telusur.extract.mentions import Located, MentionIndex
from telusur.extract.reported import find_reported
from telusur.extract.speakers import Attributions
from telusur.lexicon import load
from telusur.model import Article, Entity, Quote
from telusur.text.trie import trie_regex

# a quote: between double quotes (a closing mark opening a paragraph is a typo for the opening
# one), or from a mark to the end of its paragraph, left open because the quote runs on
# into the next paragraph, as news style has it
# (a mark followed by punctuation closes a quote, it opens none: '", dan ...')
_QUOTE = re.compile(r"(?:[\"“]|(?<![^\n])”)(?!\s*[,.;:)])(?P<q>[^\"“”\n]{8,}?)[\"”]"
                    r"|[\"“](?!\s*[,.;:)])\s?(?P<open>[^\"“”\n]{8,}?[.!?,])(?=[ \t]*(?:\n|$))")
# a few words in quotation marks with no cue and no sentence in them name a term ("Silek
# Pauah", "screen shot"), they quote no one
_TERM_WORDS = 4
_SPLIT_GAP = re.compile(r"[^.!?\"“”\n]{0,60}?,\s*")
_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w))*"
# a speaker: capitalised words (and the small words of titles) on one line, no sentence end
_NAME = rf"(?P<speaker>(?:{_WORD}|juru bicara|jubir)(?: +(?:{_WORD}|untuk|urusan|bicara|luar|negeri|dan))*)"
_SPOKES = ("juru bicara", "jubir", "spokes", "pejabat", "official", "perwakilan", "kepala humas", "humas")


@cache
def _cues() -> tuple[re.Pattern[str], ...]:
    cues = load("quotes")["cues"]
    after = re.compile(
        r"^\s*,?\s*(?:(?P<cue>" + trie_regex(cues["after"]) + r") +" + _NAME
        + r"|(?P<speaker_en>[^,.;\"“”\n]{2,80}?) +(?P<cue_en>said|told|added|says)\b)"
    )
    before = re.compile(_NAME + r"\s+(?P<cue>" + trie_regex(cues["before"]) + r")\s*[,:]?\s*$")
    # a pronoun cue, or a cue and a description that points back ("kata mantan Direktur
    # Pelaksana Bank Dunia ini", "tandas pelatih asal Belanda tersebut")
    pronoun = re.compile(r"^\s*,?\s*(?P<cue>" + trie_regex(cues["pronoun"]) + r"\b|(?:" + trie_regex(cues["after"])
                         + r") +(?:[\w'’-]+ +){1,8}?(?:ini|itu|tersebut)\b)", re.I)
    # a cue word, then no pronoun: what the title, role and clause patterns below open with
    named_cue = r"^\s*,?\s*(?P<cue>" + trie_regex(cues["after"]) + r") +(?!(?:dia|ia|beliau|mereka)\b)"
    # the cue, a title or role phrase, a comma, the name: "kata Menteri Luar Negeri, Julie Bishop",
    # "tutur asisten pelatih Popsivo, Ayip Rizal"
    titled = re.compile(named_cue + r"[^,.;\"“”\n]{2,90}?,\s+" + _NAME)
    # the cue, a role in lower-case words, the name: "kata anggota TPFG Effendi Gazali",
    # "ujar pelatih Persija Stefano Cugurra"
    role = re.compile(named_cue + r"(?:[a-z][\w'’-]* +){1,6}" + _NAME)
    # the cue and the whole clause after it, for the one person named in it: "kata Ketua Panitia
    # penyelenggara yang juga Kepala Dinas Pemuda dan Olahraga Padang Suardi, di Padang"
    clause = re.compile(named_cue + r"(?P<speaker>[^,.;\"“”\n]{2,120})")
    # a pronoun and a speech verb before the quote: 'ia mengatakan, "..."'
    pronouns = load("quotes")["reported"]["pronouns"]
    pronoun_before = re.compile(r"(?<![\w-])(?P<cue>(?i:" + trie_regex(pronouns) + r")\s+(?:" + trie_regex(cues["before"])
                                + r"))\s*[,:]?\s*$")
    return after, before, pronoun, titled, role, clause, pronoun_before


def find_quotes(body: str, entities: list[Entity]) -> list[Quote]:
    """Return the direct quotes and reported speech in ``body`` with speakers resolved to entities.

    Three passes: direct quotes whose cue names the speaker; reported speech; then, in
    order, direct quotes with a pronoun cue (``extract.speakers``) or continuing the quote
    before them. Never raises.
    """
    after, before, pronoun, titled, role, clause, pronoun_before = _cues()
    people = _people(entities)
    index = MentionIndex(entities)
    attributions = Attributions(body, index)
    quotes: list[Quote] = []
    pending: dict[int, str] = {}  # quote number -> "pronoun" or "continued"
    matches = list(_QUOTE.finditer(body))
    skip = set()
    for i, m in enumerate(matches):
        if i in skip:
            continue
        start, end = m.start(), m.end()
        tail = body[end : end + 120]
        speaker: tuple[str, int, int] | None = None
        cue = None
        a = after.match(tail)
        if a:
            group = "speaker" if a.group("cue") else "speaker_en"
            speaker = _speaker(a, end, group)
            cue = a.group("cue") or a.group("cue_en")
            # a quote split by its cue ("...," ujar Zinoviev, "..."): one quote, two parts
            gap_start = end + a.end()
            if (m.group("q") or m.group("open")).rstrip().endswith(",") and i + 1 < len(matches):
                gap = body[gap_start : matches[i + 1].start()]
                if _SPLIT_GAP.fullmatch(gap):
                    end = matches[i + 1].end()
                    skip.add(i + 1)
        else:
            b = before.search(body[max(0, start - 120) : start])
            if b:
                speaker = _speaker(b, max(0, start - 120))
                cue = b.group("cue")
            else:
                p = pronoun.match(tail)
                pb = None if p else pronoun_before.search(body[max(0, start - 60) : start])
                if p:
                    speaker, cue = _speaker(p, end, "cue"), p.group("cue")
                    pending[len(quotes)] = "pronoun"
                elif pb:
                    speaker, cue = _speaker(pb, max(0, start - 60), "cue"), pb.group("cue")
                    pending[len(quotes)] = "pronoun"
                elif quotes and _continues(body, quotes[-1].end, start):
                    pending[len(quotes)] = "continued"
        inner = body[start + 1 : end - 1]
        if (cue is None and len(quotes) not in pending and len(inner.split()) <= _TERM_WORDS
                and not re.search(r"[.!?,]", inner) and not _speech_before(body, start)):
            continue
        name = _resolve(speaker[0], people, index, speaker[1], speaker[2]) if speaker and len(quotes) not in pending else None
        for pattern in (titled, role, clause):
            if name is None and len(quotes) not in pending and (t := pattern.match(tail)):
                # the name after the title phrase decides when the whole phrase did not
                named = _speaker(t, end)
                if (resolved := _resolve(named[0], people, index, named[1], named[2])) is not None:
                    speaker, cue, name = named, t.group("cue"), resolved
        quotes.append(Quote("direct", body[start:end], start, end, name, speaker[0] if speaker else None,
                            speaker[1] if speaker else None, speaker[2] if speaker else None, cue))
        if name and speaker:
            attributions.add(speaker[1], speaker[2], name)
    undecided = frozenset(p.name for p in people if " " not in p.name and any(p.name in o.name.split() for o in people))
    reported = find_reported(body, index, quotes, attributions, undecided)
    for k, q in enumerate(quotes):
        # a partial quote inside reported speech ('X mengatakan bahwa kebijakan itu "akan menekan
        # harga"'): the subject of the sentence's speech verb said it
        if q.speaker is None and q.said_by is None and k not in pending and (who := _speech_subject(body, q.start, index)):
            quotes[k] = replace(q, speaker=who.entity.name, said_by=who.text, said_by_start=who.start,
                                said_by_end=who.end, cue="partial")
            attributions.add(q.start, q.end, who.entity.name)
        elif q.speaker is None and q.said_by is None and k not in pending and (r := _statement_before(body, q.start, reported)):
            # 'Dijelaskan Nadine, hutan itu unik. "Hutan ini sangat cantik ..."': the quote goes on
            # with the statement the same paragraph just attributed
            quotes[k] = replace(q, speaker=r.speaker, said_by=r.said_by, said_by_start=r.said_by_start,
                                said_by_end=r.said_by_end, cue="continued")
            attributions.add(q.start, q.end, r.speaker)
    for k in sorted(pending):
        q = quotes[k]
        if pending[k] == "pronoun":
            quotes[k] = replace(q, speaker=attributions.referent(q.start))
        else:
            # the same paragraph goes on quoting the speaker of the quote just before
            prev = quotes[k - 1]
            if prev.said_by is None:
                continue
            quotes[k] = replace(q, speaker=prev.speaker, said_by=prev.said_by, said_by_start=prev.said_by_start,
                                said_by_end=prev.said_by_end, cue="continued")
        attributions.add(q.start, q.end, quotes[k].speaker)
    return sorted(quotes + reported, key=lambda q: q.start)


def _sentence_start(body: str, pos: int) -> int:
    return max(body.rfind(". ", 0, pos), body.rfind("\n", 0, pos)) + 1


def _speech_before(body: str, start: int) -> bool:
    """True when a speech verb stands in the sentence before ``start`` ('X menyebut ... sebagai "...'")."""
    return bool(_speech_verbs().search(body, _sentence_start(body, start), start))


def _speech_subject(body: str, start: int, index: MentionIndex) -> Located | None:
    """The person or body named right before the last speech verb of the sentence before ``start``, if any."""
    s0 = _sentence_start(body, start)
    verbs = list(_speech_verbs().finditer(body, s0, start))
    if not verbs:
        return None
    named = [m for m in index.within(s0, verbs[-1].start()) if m.entity.type in ("PER", "ORG")]
    for m in reversed(named):
        gap = body[m.end : verbs[-1].start()]
        # the subject stands right before its verb: nothing but titles or adverbs between them,
        # or a relative clause ("Budi Karya, yang turut mengecek Stasiun Gambir, mengungkapkan")
        if len(gap.split()) <= 2 or _RELATIVE.fullmatch(gap):
            return m
    return None


# a relative clause between a subject and its verb, set off by commas
_RELATIVE = re.compile(r"\s*,\s*yang\s[^.;\"“”\n]*,\s*")


@cache
def _speech_verbs() -> re.Pattern[str]:
    data = load("quotes")
    return re.compile(r"(?<![\w-])(?:" + trie_regex([*data["cues"]["before"], *data["reported"]["verbs"]]) + r")(?![\w-])", re.I)


def _continues(body: str, previous_end: int, start: int) -> bool:
    """Return True when a quote follows the previous one in the same paragraph, close by, or
    opens the very next paragraph (the quote before it having closed its own): a speaker
    quoted over several paragraphs is named once."""
    rest, brk, head = body[previous_end:start].partition("\n\n")  # the previous paragraph's rest, the new one's head
    return "\n" not in rest and len(rest) <= 80 and (not brk or not head.strip())


def _statement_before(body: str, start: int, reported: list[Quote]) -> Quote | None:
    """Return the attributed reported statement that ends right before ``start`` in its paragraph, or None."""
    before = [r for r in reported if r.end <= start and r.speaker and not body[r.end : start].strip(" .,")]
    return before[-1] if before else None


def _speaker(m: re.Match[str], offset: int, group: str = "speaker") -> tuple[str, int, int]:
    text = m.group(group).strip()
    return text, offset + m.start(group), offset + m.start(group) + len(text)


def _people(entities: list[Entity]) -> list[Entity]:
    return [e for e in entities if e.type == "PER"]


def _resolve(said: str, people: list[Entity], index: MentionIndex, start: int, end: int) -> str | None:
    """Return who a speaker phrase names: a person by a mention inside it or a role only one
    person holds; else the organisation a spokesperson phrase names ("juru bicara BNPB")."""
    hits = {p.name for p in people if any(m.text in said for m in p.mentions) or p.name in said}
    if len(hits) == 1:
        (name,) = hits
        shared = [p.name for p in people if p.name != name and name in p.name.split()]
        # a lone "Kim" when the story has several Kims is not decided
        return None if " " not in name and shared else name
    said_lower = said.lower()
    by_role = {p.name for p in people for m in p.mentions if m.role and m.role.lower() in said_lower or (m.role and said_lower in m.role.lower() and len(said_lower) > 6)}
    if len(by_role) == 1:
        return by_role.pop()
    if not hits and any(head in said_lower for head in _SPOKES):
        bodies = [m for m in index.within(start, end) if m.entity.type in ("ORG", "GPE")]
        if bodies:
            return bodies[0].entity.name
    return None


def extract_quotes(article: Article) -> Article:
    """Return ``article`` with ``quotes`` found in its body (needs ``entities``). Pure; never raises."""
    return replace(article, quotes=find_quotes(article.body, article.entities))

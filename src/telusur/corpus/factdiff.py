"""Fact-level diff of aligned sentences of two sibling articles.

For each aligned sentence pair (``corpus.align``) the facts the extraction stage found
inside the two sentences, and the sentences' own words, are compared:

- ``actor_target``: the same act with another actor or target (who summoned whom, who
  sent aid to whom), an act whose actor the other version drops entirely, a person or
  organisation replaced in the same place of one statement (a capitalised name the tagger
  missed counts), or two parties swapping places around the same active verb;
- ``number``: a quantity counting the same thing with another value, or a number the
  quantity stage did not read standing, word by word, where its sibling has another;
- ``negation``: a negation added or dropped, also against a paraphrased verb;
  ``tense``: a completed act made future or the reverse; ``date``: another time (or one
  date with another weekday or part of the day);
- ``event``: an act or relation turned into its opposite (``[contrasts]``), also where
  the sentence has the act's own word elsewhere (found word by word);
  ``place``: a place swapped for another;
- ``quote_speaker``: the same words given to another speaker;
- ``reversed_relation``: a reason or a direction reversed (what comes before and after
  "karena" or "ke" swaps places); ``scope``: regional turned national, or back.

Two sentences with one wording up to harmless variants (colloquial forms, hedges, number
grouping; ``[variants]``) are not compared at all. The kinds read from the words alone
(parties, events, places, dates, paraphrased negation and tense) need the two sentences
to make one statement (``_SAME_STATEMENT``). Each difference gets a verdict: ``variant``
when harmless (a name spelled otherwise, "10 ribu" against "10.000", a rounding within 5%
or a decimal cut, a quote turned into reported speech by the same speaker), ``update``
when the later sentence says the figure or state moved on with a word the earlier one has
no word of ("bertambah", "kini", ``[markers] update``), else ``distortion``. A distortion
carries a confidence: the share of its kind found right on spun rewrites of real articles,
lowered where the two versions share a word (a party named more or less fully, not
replaced; ``[confidence]``). Its offsets are the clause on each side where it lies
(``_tight``), not the whole sentence. Word lists are data (``lexicon/diffs.toml``). Which
of the two departs from the source is decided over the whole sibling group
(``corpus.rewrites``), not here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from telusur.clean.wire import agency_names
from telusur.corpus.align import Alignment, Unit
from telusur.extract.entities import entity_keys, name_key, short_form_of, spelled_out
from telusur.extract.ner import case_profile
from telusur.lexicon import load
from telusur.model import Article, DiffKind, Entity, Event, FactDiff, Quantity, Quote, Verdict  # FactDiff re-exported: its home was here
from telusur.text.numbers import NumberMatch, find_numbers, number_words
from telusur.text.terms import containment, dice, term_of, terms

class Finding(NamedTuple):
    """One difference a check finds: its kind, its verdict, and what differs (the fields of ``FactDiff`` of those names)."""

    kind: DiffKind
    verdict: Verdict
    what: str
    a_value: str
    b_value: str


_WORD = re.compile(r"[\w']+")


@cache
def _markers() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load("diffs")["markers"].items()}


@cache
def _variants() -> tuple[dict[str, str], re.Pattern[str]]:
    """Return the plain form of colloquial and emphatic words, and a pattern of the hedges (``[variants]``)."""
    data = load("diffs")["variants"]
    hedges = sorted(data["hedges"], key=len, reverse=True)
    return dict(data["plain"]), re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, hedges)) + r")(?![\w-])")


def _plain_words(text: str) -> tuple[str, ...]:
    """The lower-cased words of ``text``, colloquial and emphatic forms read as their plain form."""
    words = _WORD.findall(text.lower())
    return tuple(map(_variants()[0].get, words, words))


def _surface(text: str) -> tuple[str, ...]:
    """The wording of a sentence up to harmless variants: plain forms, no hedges, numbers
    without grouping marks. Two sentences with one surface say the same thing."""
    return _plain_words(re.sub(r"(?<=\d)[.](?=\d{3}\b)", "", _variants()[1].sub(" ", text.lower())))


@dataclass(frozen=True)
class _Side:
    """One side of an aligned pair: its sentences (a split or merged sentence gives several,
    not always adjacent), their span, their text and what extraction found in them."""

    article: Article
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]  # the member sentences: facts between two of them are not this side's
    text: str  # the member sentences' text, joined
    words: tuple[str, ...]
    events: tuple[Event, ...]
    quantities: tuple[Quantity, ...]
    quotes: tuple[Quote, ...]

    def holds(self, pos: int) -> bool:
        """True when body offset ``pos`` lies in one of the side's sentences."""
        if len(self.spans) == 1:
            return self.start <= pos < self.end
        return any(s <= pos < e for s, e in self.spans)

    @cached_property
    def entities(self) -> tuple[Entity, ...]:
        """The article's entities with a mention in the side's sentences (computed once a side)."""
        if len(self.spans) == 1:
            s, e_ = self.start, self.end
            return tuple(e for e in self.article.entities if any(s <= m.start < e_ for m in e.mentions))
        return tuple(e for e in self.article.entities if any(self.holds(m.start) for m in e.mentions))

    @cached_property
    def times(self) -> list[_Time]:
        """The side's resolved times (``_times``), worked out once."""
        return _times(self)

    @cached_property
    def core_words(self) -> list[str]:
        """The words without the idioms that hold a marker word but mark nothing (``_without_idioms``)."""
        return _without_idioms(self.words)

    @cached_property
    def negated(self) -> set[str]:
        """``_negated_terms`` of the side, worked out once (the negation and contrast checks both ask)."""
        return _negated_terms(self)

    @cached_property
    def marked(self) -> dict[str, set[str]]:
        """``_marked_words`` of the side, by marker list, filled as they are asked for."""
        return {}

    @cached_property
    def text_terms(self) -> frozenset[str]:
        """The content terms of the side's text."""
        return terms(self.text)

    @cached_property
    def word_terms(self) -> frozenset[str]:
        """The content terms of the side's words, colloquial forms read as plain ones."""
        return terms(" ".join(self.words))

    def sentence_start(self, pos: int) -> int:
        """The body offset where the side's sentence holding ``pos`` starts (the side's start if none does)."""
        return next((s for s, e in self.spans if s <= pos < e), self.start)

    def offset(self, pos: int) -> int:
        """Where body offset ``pos`` falls in ``text`` (the joined sentences), or -1 outside them."""
        at = 0
        for s, e in self.spans:
            if s <= pos < e:
                return at + pos - s
            at += e - s + 1
        return -1


def _side(article: Article, units: Sequence[Unit], idx: tuple[int, ...]) -> _Side:
    spans = tuple(sorted((units[i].start, units[i].end) for i in idx))
    text = " ".join(article.body[s:e] for s, e in spans)

    def inside(pos: int) -> bool:
        return spans[0][0] <= pos < spans[0][1] if len(spans) == 1 else any(s <= pos < e for s, e in spans)

    return _Side(
        article, spans[0][0], spans[-1][1], spans, text, _plain_words(text),
        tuple(e for e in article.events if inside(e.start)),
        tuple(q for q in article.quantities if inside(q.start)),
        tuple(q for q in article.quotes if inside(q.start) or (q.said_by_start is not None and inside(q.said_by_start))),
    )


def _same(a: str | None, b: str | None, ka: dict[str, str], kb: dict[str, str]) -> bool:
    if a is None or b is None:
        return True  # an unnamed side is no evidence of a change
    return _close(ka.get(a, name_key(a)), kb.get(b, name_key(b)))


@lru_cache(maxsize=200_000)
def _close(x: str, y: str) -> bool:
    """Two name keys for one name: equal, one inside the other ("Kim" / "Kim Hong-kyun",
    "Dirut KAI Didiek Hartantyo" / "Didiek Hartantyo"), one clipped from the other ("Sandi" /
    "Sandiaga Uno"), or a letter or two apart
    ("Dedy" / "Dedi Kurniawan", "Ansarullah" / "Ansharullah")."""
    if x == y:
        return True
    wx, wy = set(x.split()), set(y.split())
    if wx and wy and (wx <= wy or wy <= wx):
        return True
    # a one-word name clipped from the other's first or last word ("Sandi" / "Sandiaga Uno")
    one, other = (x, y) if len(wx) == 1 else (y, x) if len(wy) == 1 else ("", "")
    if len(one) >= 4 and any(w.startswith(one) for w in (other.split()[0], other.split()[-1])):
        return True
    return len(x) > 6 and SequenceMatcher(None, x, y).ratio() >= 0.88


def diff_pair(a: Article, a_units: Sequence[Unit], b: Article, b_units: Sequence[Unit], alignment: Alignment) -> list[FactDiff]:
    """Return the fact differences of every aligned sentence pair of two siblings.

    Takes both articles (with their extraction), their units and the alignment between
    them (``a`` first); returns the differences in the order of ``a``'s sentences.
    Never raises on well-formed input.
    """
    ka, kb = entity_keys(a), entity_keys(b)
    later_is_b = (b.published.value if b.published else "") > (a.published.value if a.published else "")
    out: list[FactDiff] = []
    for pair in alignment.pairs:
        sa, sb = _side(a, a_units, pair.a), _side(b, b_units, pair.b)
        if _surface(sa.text) == _surface(sb.text):
            continue  # the same words, up to harmless variants: whatever extraction read differently, no fact changed
        found = [*_events(sa, sb, ka, kb), *_numbers(sa, sb), *_quotes(sa, sb, ka, kb), *_markers_diff(sa, sb),
                 *_reversed(sa, sb, ka, kb), *_parties(sa, sb, ka, kb), *_contrasts(sa, sb), *_places(sa, sb, ka, kb),
                 *_dates(sa, sb), *_spelling(sa, sb, ka, kb)]
        taken: set[str] = set()
        for finding in found:
            kind, verdict = finding.kind, finding.verdict
            if (finding.a_value or finding.b_value) and (finding.a_value == finding.b_value or _acts_on_itself(finding.a_value)
                                                         or _acts_on_itself(finding.b_value)):
                continue  # the extraction saw two parties where there is one
            if kind in taken:
                continue  # one difference of a kind per sentence pair: a changed summons also changes its demand
            if kind in ("tense", "negation") and "actor_target" in taken:
                continue  # the act itself changed hands; its tense is part of that change
            if kind == "actor_target" and "quote_speaker" in taken:
                continue  # the party that changed is the speaker
            if kind in ("place", "date") and taken & {"quote_speaker", "actor_target"}:
                continue  # another speaker or actor brings their own place and day ("kata Hendri di Padang, Selasa")
            taken.add(kind)
            if verdict == "distortion" and kind in ("number", "tense", "negation", "date") and (
                    _says_update(sb, sa) if later_is_b else _says_update(sa, sb)):
                verdict = "update"
            (a_start, a_end), (b_start, b_end) = _tight(sa, sb, finding)
            out.append(FactDiff(kind, verdict, a.id, a_start, a_end, a.body[a_start:a_end], b.id, b_start, b_end,
                                b.body[b_start:b_end], finding.what, finding.a_value, finding.b_value,
                                confidence(kind, finding.a_value, finding.b_value) if verdict == "distortion" else None))
    return out


def _tight(sa: _Side, sb: _Side, finding: Finding) -> tuple[tuple[int, int], tuple[int, int]]:
    """The clause of each side where a difference lies: body offsets ``(start, end)`` of A's and B's.

    Word by word (plain forms), the stretches where the two sides differ are found; the one
    holding a word of that side's version in the finding ("15.000", "menutup", a name) is the
    difference, or else the one holding a marker word of the kind (``_CUES``: a negation for
    ``negation``, "nasional" then a regional word for ``scope``), or else the first. Each
    side's clause is what lies between the punctuation (``,;:``) or sentence ends around
    that stretch, widened to the next clause while it holds fewer than four words. Two
    sides that differ nowhere word by word keep their whole spans.
    """
    ta, tb = _offset_words(sa), _offset_words(sb)
    kind = finding.kind
    # the versions of the marker kinds are counts and states (negations 0 against 1), no words of the text
    va = set() if kind in _CUES else set(_WORD.findall(finding.a_value.lower()))
    vb = set() if kind in _CUES else set(_WORD.findall(finding.b_value.lower()))
    markers = _markers()
    blocks = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in
              SequenceMatcher(None, [w for w, _, _ in ta], [w for w, _, _ in tb], autojunk=False).get_opcodes()
              if tag != "equal"]
    if not blocks:
        return (sa.start, sa.end), (sb.start, sb.end)

    def first(words: set[str], side: int) -> tuple[int, int, int, int] | None:
        """The first stretch whose words on ``side`` (0: A, 1: B) include one of ``words``, as
        written or by stem ("ditolak" for "menolak")."""
        toks, stems = (ta, tb)[side], {t for w in words for t in terms(w)}
        return next((b for b in blocks if any(w in words or terms(w) & stems for w, _, _ in toks[b[2 * side] : b[2 * side + 1]])),
                    None)

    def uneven(cues: frozenset[str]) -> tuple[int, int, int, int] | None:
        """The first stretch where the two sides hold a different number of ``cues`` ("bakal" for
        "akan" holds one each: no difference lies there)."""
        return next((b for b in blocks if sum(w in cues for w, _, _ in ta[b[0] : b[1]])
                     != sum(w in cues for w, _, _ in tb[b[2] : b[3]])), None)

    # each side on its own: a rewrite moves clauses, so A's changed words and B's need not
    # lie in one stretch ("Dikarenakan tembakan ..., setidaknya 310 orang terluka" / "Setidaknya
    # 31 orang terluka karena tembakan ...")
    block_a, block_b = first(va - vb, 0), first(vb - va, 1)
    for cue in _CUES.get(kind, ("negation", "future", "past")):
        block_a = block_a or block_b or uneven(markers[cue])
    block_a = block_a or block_b or blocks[0]
    block_b = block_b or block_a
    i1, i2 = block_a[0], block_a[1]
    j1, j2 = block_b[2], block_b[3]
    return _clause_of(sa, ta, i1, i2), _clause_of(sb, tb, j1, j2)


# the [markers] lists whose words show where a difference of a kind lies, in order of preference
_CUES = {"negation": ("negation",), "tense": ("future_verb", "future", "past"), "scope": ("national", "regional"),
         "reversed_relation": ("causal", "flow", "direction")}


def _offset_words(side: _Side) -> list[tuple[str, int, int]]:
    """The side's words in plain form with their body offsets, sentence by sentence."""
    plain = _variants()[0]
    body = side.article.body
    return [(plain.get(m.group().lower(), m.group().lower()), m.start(), m.end())
            for s, e in side.spans for m in _WORD.finditer(body, s, e)]


_CLAUSE_END = re.compile(r"[,;:]\s|[.!?]\s|\n")


def _clause_of(side: _Side, words: list[tuple[str, int, int]], i1: int, i2: int) -> tuple[int, int]:
    """The body span of the clause around words ``i1:i2`` of ``words`` (an empty stretch: the
    place before word ``i1``), inside the sentence that holds it."""
    if not words:
        return side.start, side.end
    first = words[min(i1, len(words) - 1)]
    last = words[max(min(i2, len(words)) - 1, min(i1, len(words) - 1))]
    span_s, span_e = next(((s, e) for s, e in side.spans if s <= first[1] < e), (side.start, side.end))
    body = side.article.body
    start, end = first[1], last[2]
    while True:
        before = [m.end() for m in _CLAUSE_END.finditer(body, span_s, start)]
        after = _CLAUSE_END.search(body, end, span_e)
        new_start = before[-1] if before else span_s
        new_end = after.start() + 1 if after else span_e
        if len(_WORD.findall(body[new_start:new_end])) >= 4 or (new_start == span_s and new_end == span_e):
            break
        # too short to read alone: take in the clause on the side with more words
        start, end = (new_start - 2, end) if new_start > span_s else (start, new_end + 1)
        start, end = max(start, span_s), min(end, span_e)
    while new_start < new_end and body[new_start].isspace():
        new_start += 1
    while new_end > new_start and (body[new_end - 1].isspace() or body[new_end - 1] in ",;:"):
        new_end -= 1
    return new_start, new_end


def _acts_on_itself(version: str) -> bool:
    """True for a version "X -> Y" whose two parties are one name ("PT Freeport -> Freeport")."""
    actor, arrow, target = version.partition(" -> ")
    return bool(arrow) and target != "None" and _close(name_key(actor), name_key(target))


def confidence(kind: str, a_value: str, b_value: str) -> float:
    """Return the chance that a distortion of ``kind``, with versions ``a_value`` and ``b_value``, is one.

    The base is the share of that kind's reported distortions that were planted ones on
    spun rewrites of real articles (``[confidence] kind``); a party or place whose two
    versions share a word ("Walt Disney" / "Animasi Walt Disney") is more often one party
    named two ways than a replaced one, so its base is scaled by ``[confidence]
    shared_word``. Raises ``KeyError`` for a kind the table does not know.
    """
    table = load("diffs")["confidence"]
    base = float(table["kind"][kind])
    if (a_value or b_value) and kind in table["party_kinds"]:
        left, right = a_value.split(" -> "), b_value.split(" -> ")
        # slot by slot, and only the slots that changed ("A -> B vs B -> A" shares no word)
        slots = [(x, y) for x, y in zip(left, right) if x != y] if len(left) == len(right) else [(a_value, b_value)]
        if any(_name_words(x) & _name_words(y) for x, y in slots):
            base *= float(table["shared_word"])
    return round(base, 2)


def _name_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 1 and w != "none"}


def _says_update(later: _Side, earlier: _Side) -> bool:
    """True when the later sentence says the figure or state moved on: an update word
    (``[markers] update``: "bertambah", "kini") the earlier sentence has no word of; "kini"
    for the earlier "sekarang" is a paraphrase, not news."""
    update = _markers()["update"]
    said = {w for w in later.words if w in update}
    if not said:
        return False
    before = set(earlier.words) | terms(earlier.text) | _synonyms_in(earlier.words)
    return any(w not in before and term_of(w) not in before for w in said)


def _synonyms_in(words: tuple[str, ...]) -> set[str]:
    """The update words that say what one of ``words`` says (``[update_synonyms]``)."""
    groups = _update_synonyms()
    return {other for w in words for other in groups.get(w, ())}


@cache
def _update_synonyms() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for group in load("diffs")["update_synonyms"]["groups"]:
        for w in group:
            out[w] = frozenset(group)
    return out


def _events(sa: _Side, sb: _Side, ka: dict[str, str], kb: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    ea, eb = [*map(_unsourced, sa.events)], [*map(_unsourced, sb.events)]
    in_a, in_b = _named(sa, ka), _named(sb, kb)
    # an act one version reports and the other drops, with its actor (either way round)
    for mine, theirs, named, keys, other_keys, there in ((ea, eb, in_b, ka, kb, sb), (eb, ea, in_a, kb, ka, sa)):
        a_has_it = mine is ea
        actions = {o.action for o in theirs}
        for e in mine:
            if e.action == "say" or e.action in actions or not (e.actor and e.target):
                continue
            # its target is still there but its actor is gone: "PBB meminta Indonesia ..." against "Indonesia akan ..."
            if _in(e.target, named, keys) and not _present(e.actor, there, named, keys) and not any(
                    _same(e.actor, o.actor, keys, other_keys) for o in theirs if o.actor):
                held = f"{e.actor} -> {e.target}"
                out.append(Finding("actor_target", "distortion", e.action, *((held, "") if a_has_it else ("", held))))
                return out
    for e in ea:
        others = [o for o in eb if o.action == e.action]
        if e.action == "say" or not others:
            continue
        # joint subjects give one act several events: pair like with like first
        o = min(others, key=lambda x: (not _same(e.actor, x.actor, ka, kb), not _same(e.target, x.target, ka, kb),
                                       abs((x.start - sb.start) - (e.start - sa.start))))
        if e.action in _SYMMETRIC and _same(e.actor, o.target, ka, kb) and _same(e.target, o.actor, ka, kb):
            pass  # "A met B" and "B met A" are one meeting
        elif not _same(e.actor, o.actor, ka, kb) or not _same(e.target, o.target, ka, kb):
            swapped = bool(e.actor and o.target and _same(e.actor, o.target, ka, kb)) or bool(
                e.target and o.actor and _same(e.target, o.actor, ka, kb))
            actor_gone = e.actor and not _present(e.actor, sb, in_b, ka)
            target_gone = e.target and o.target and not _in(e.target, in_b, ka) and not _in(o.target, in_a, kb)
            # a new party to the act: "bertemu di Jakarta" against "bertemu dengan kelompok pemberontak Myanmar"
            new_party = bool(e.target and o.target) and not any(
                _same(x.target, o.target, ka, kb) or _same(x.actor, o.target, ka, kb) for x in ea if x.action == e.action)
            # otherwise the extraction missed one of a joint subject's events ("Washington dan NATO")
            if swapped or actor_gone or target_gone or new_party:
                out.append(Finding("actor_target", "distortion", e.action, f"{e.actor} -> {e.target}", f"{o.actor} -> {o.target}"))
        elif e.negated != o.negated:
            out.append(Finding("negation", "distortion", e.action, f"{'not ' if e.negated else ''}done", f"{'not ' if o.negated else ''}done"))
        elif e.future != o.future:
            out.append(Finding("tense", "distortion", e.action, "future" if e.future else "done", "future" if o.future else "done"))
        elif e.date and o.date and e.date[:10] != o.date[:10] and "/" not in e.date + o.date:
            out.append(Finding("date", "distortion", e.action, str(e.date), str(o.date)))
    return out


_SYMMETRIC = frozenset({"meet"})


def _unsourced(e: Event) -> Event:
    """The event without a wire agency in its roles: "menurut AFP" names a channel, not a party."""
    if e.actor in agency_names() or e.target in agency_names():
        return replace(e, actor=None if e.actor in agency_names() else e.actor,
                       target=None if e.target in agency_names() else e.target)
    return e


def _named(side: _Side, keys: dict[str, str]) -> set[str]:
    """Keys of the entities the sentence names."""
    return {keys.get(e.name, name_key(e.name)) for e in side.entities}


def _present(name: str, side: _Side, named: set[str], keys: dict[str, str]) -> bool:
    """The name is among the sentence's entities, or its last word is written there, or spelled a
    letter or so otherwise ("Disnei" for "Disney"): the tagger may have missed it."""
    last = name_key(name).split()[-1:]
    if _in(name, named, keys) or bool(last and (last[0] in side.words or any(name_key(w) == last[0] for w in side.words))):
        return True
    return bool(last) and len(last[0]) >= 5 and any(len(w) >= 5 and _spelled_alike(last[0], name_key(w)) for w in side.words)


@lru_cache(maxsize=65536)
def _spelled_alike(a: str, b: str) -> bool:
    """True when two words are a letter or so apart (``SequenceMatcher`` ratio at least 0.8)."""
    m = SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= 0.8 and m.quick_ratio() >= 0.8 and m.ratio() >= 0.8


def _in(name: str, named: set[str], keys: dict[str, str]) -> bool:
    key = keys.get(name, name_key(name))
    return any(_close(key, k) for k in named)


def _mentioned(entity: Entity, side: _Side) -> bool:
    return entity in side.entities


def _numbers(sa: _Side, sb: _Side) -> list[Finding]:
    out: list[Finding] = []
    other_period = _other_period(sa, sb)
    used: set[int] = set()
    lead_b = [_lead_in(sb, r) for r in sb.quantities]
    units_a, units_b = Counter(q.unit for q in sa.quantities), Counter(r.unit for r in sb.quantities)
    for q in sa.quantities:
        best, best_j = -1.0, -1
        lead_q = _lead_in(sa, q)
        for j, r in enumerate(sb.quantities):
            if j in used or q.unit != r.unit:
                continue
            # what a number counts is often unread, or read in other words ("tiga pemain" / "30
            # penggawa"): the words just before it tell ("impor turun 12,93 persen" is not
            # "penurunan ekspor bijih 99,12 persen"), when each side has no other figure like it
            by_lead = 0.5 if lead_q & lead_b[j] else 0.0
            if _counted(q) and _counted(r):
                cq, cr = _count_words(q), _count_words(r)
                head = max(containment(cq, cr), containment(cr, cq))  # either way round: the pair is one
                if not head and units_a[q.unit] == units_b[r.unit] == 1:
                    head = by_lead
            else:
                head = by_lead
            head += 1.0 if q.value == r.value else 0.0  # of two counts in a sentence, pair like with like
            if head > best:
                best, best_j = head, j
        if best_j < 0 or best < 0.5:
            continue
        used.add(best_j)
        r = sb.quantities[best_j]
        if q.value == r.value and q.high == r.high:
            if _digits(q.text) != _digits(r.text) and q.approx == r.approx:
                out.append(Finding("rounding", "variant", "", q.text, r.text))  # "10 ribu" against "10.000"
            continue
        close = abs(q.value - r.value) <= 0.05 * max(q.value, r.value) and (
            q.high is None or r.high is None or abs(q.high - r.high) <= 0.05 * max(q.high, r.high))
        if (close and (q.approx != "exact" or r.approx != "exact")) or _rounded(q.text, r.text):
            out.append(Finding("rounding", "variant", "", q.text, r.text))
        elif not other_period:
            out.append(Finding("number", "distortion", "", q.text, r.text))
    if not out and not other_period and dice(sa.word_terms, sb.word_terms) >= _SAME_STATEMENT:
        out = _numbers_put_in(sa, sb)
    return out


def _other_period(sa: _Side, sb: _Side) -> bool:
    """True when the two sentences name different periods ("Februari 2016" / "Januari - Februari
    2017"): their figures and trends are different ones, not one changed. A relative time one
    version adds ("tiga hari sebelumnya") dates the telling, not the figure."""
    left_a, left_b, _ = _match_times(sa.times, sb.times)
    return any(ch.isdigit() for x in [*left_a, *left_b] for ch in x.text)


def _numbers_put_in(sa: _Side, sb: _Side) -> list[Finding]:
    """A number the quantity stage did not read ("91 kali") that, word by word, stands alone
    where its sibling has another ("sudah 91 kali berjumpa" / "sudah 21 kali berjumpa")."""
    numberish = number_words()
    if not any(w[:1].isdigit() or w in numberish for w in set(sa.words) ^ set(sb.words)):
        return []  # no number word on one side only: no number put in
    read = {q.value for q in (*sa.quantities, *sb.quantities)}
    (ta, na), (tb, nb) = _number_tokens(sa.text), _number_tokens(sb.text)
    comparison = _markers()["comparison"]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        # the number alone, between the same words on both sides; not the figure a comparison
        # is made with ("dibandingkan Januari yang senilai 1,43 miliar")
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1 or i1 not in na or j1 not in nb \
                or comparison & set(map(str, ta[max(0, i1 - 4) : i1])) or comparison & set(map(str, tb[max(0, j1 - 4) : j1])):
            continue
        x, y = na[i1], nb[j1]
        if x.value in read or y.value in read or "exact" not in (x.approx, y.approx):
            continue  # compared as quantities already, or vague ("ribuan")
        if abs(x.value - y.value) > 0.05 * max(x.value, y.value) and not _rounded(x.text, y.text):
            return [Finding("number", "distortion", "", x.text, y.text)]
    return []


def _number_tokens(text: str) -> tuple[list[object], dict[int, NumberMatch]]:
    """The plain words of ``text`` with each number phrase as one token (its value), and the
    number phrases by token position."""
    tokens: list[object] = []
    numbers: dict[int, NumberMatch] = {}
    pos = 0
    for n in find_numbers(text):
        tokens += _plain_words(text[pos : n.start])
        numbers[len(tokens)] = n
        tokens.append(("#", n.value, n.high))
        pos = n.end
    tokens += _plain_words(text[pos:])
    return tokens, numbers


def _counted(q: Quantity) -> bool:
    """True when the quantity says what it counts; a comparison read as its noun ("dibanding
    Januari", "dari tahun lalu") says only what it is measured against."""
    words = _WORD.findall((q.counts or "").lower())
    return bool(words) and words[0] not in _markers()["comparison"]


def _count_words(q: Quantity) -> frozenset[str]:
    """The matching keys of what a quantity counts; its words as written when they are all
    function words to the term table ("tahun", "hari" count years and days all the same)."""
    return terms(q.counts or "") or frozenset(_WORD.findall((q.counts or "").lower()))


def _lead_in(side: _Side, q: Quantity) -> frozenset[str]:
    """Content terms of up to four words before a quantity in its sentence, after any number
    before it (the thing it counts, its verb: "atau turun" in "8,83 miliar dolar AS atau turun 12,93 persen")."""
    before = side.article.body[side.sentence_start(q.start) : q.start]
    numbers = find_numbers(before)
    words = _WORD.findall(before[numbers[-1].end :] if numbers else before)
    return terms(" ".join(words[-4:]))


def _rounded(a: str, b: str) -> bool:
    """True when one decimal number is the other rounded or cut to fewer decimals, with the
    same words after it ("Rp 1,174 miliar" / "Rp 1,17 miliar", "31,542" / "31,5")."""
    ma, mb = _DECIMAL.search(a), _DECIMAL.search(b)
    if not ma or not mb or ma.group(3).strip() != mb.group(3).strip() or ma.group(1) != mb.group(1):
        return False
    (short, long_) = sorted((ma.group(2), mb.group(2)), key=len)
    if short == long_ or not long_.startswith(short[:-1]):
        return False
    exact = float(f"{ma.group(1)}.{long_}")
    return short == long_[: len(short)] or f"{exact:.{len(short)}f}".split(".")[1] == short


# an Indonesian decimal: whole part, decimals, the word after it
_DECIMAL = re.compile(r"(\d+),(\d+)(\s*[^\W\d]*)")


def _digits(text: str) -> str:
    """The number as written, without its qualifier ("sekitar 10 ribu" -> "10 ribu")."""
    return re.sub(r"^\D*(?=\d)", "", text.lower())


def _quotes(sa: _Side, sb: _Side, ka: dict[str, str], kb: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    for q in sa.quotes:
        for r in sb.quotes:
            who_q, who_r = _speaker_name(sa, q), _speaker_name(sb, r)
            # only people are compared: "menurut laporan AFP" or an embassy relaying its envoy
            # name a channel, not another speaker; and at least one side's speaker is known
            if who_q is None or who_r is None or (q.speaker is None and r.speaker is None):
                continue
            # and only speakers each sentence names itself: one carried over from a quote before
            # ("..." ujarnya) follows the order in which a rewrite retold the quotes, not who said them
            if not _named_here(sa, q) or not _named_here(sb, r):
                continue
            if containment(terms(q.text), terms(r.text)) < 0.4 and containment(terms(r.text), terms(q.text)) < 0.4:
                continue
            if not _same(who_q, who_r, ka, kb):
                out.append(Finding("quote_speaker", "distortion", "", who_q, who_r))
            elif q.kind != r.kind:
                out.append(Finding("quote_to_reported", "variant", who_q, q.kind, r.kind))
            return out
    return out


def _named_here(side: _Side, q: Quote) -> bool:
    """True when the quote's attribution names its speaker inside the side's sentences."""
    return q.said_by_start is not None and side.holds(q.said_by_start) and (q.said_by or "").lower() not in _pronoun_words() \
        and q.cue != "continued"


def _speaker_name(side: _Side, q: Quote) -> str | None:
    """The person a quote is given to: its resolved speaker when that is a person, else the name
    its attribution writes when that reads as a person's name the entity stage did not keep
    ("ujar Farhat"); None for a channel, an organisation or a pronoun ("ujar dia")."""
    if q.speaker is not None:
        return q.speaker if _type(side, q.speaker) == "PER" else None
    said = (q.said_by or "").strip()
    words = said.split()
    if not words or len(words) > 4 or not all(w[:1].isupper() for w in words) or said.lower() in _pronoun_words():
        return None
    if any(name_key(e.name) == name_key(said) and e.type != "PER" for e in side.article.entities):
        return None
    return said


@cache
def _pronoun_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load("quotes")["reported"]["pronouns"])


def _negated_terms(side: _Side) -> set[str]:
    """Terms of the words right after a negation ("belum mengonfirmasi" -> konfirmasi), but for
    a term the side also has unnegated: "tidak baik ..., tapi justru baik" holds both, and which
    one its sibling's half-sentence keeps is no change of fact."""
    negated = _marked_terms(side, "negation")
    if not negated:
        return negated
    counts = Counter(t for w in side.words for t in terms(w) if t in negated)
    times_negated = Counter(t for w in _marked_list(side, "negation") for t in terms(w))
    return {t for t in negated if counts[t] <= times_negated[t]}


def _one_statement_but_negation(sa: _Side, sb: _Side, ta: frozenset[str], tb: frozenset[str]) -> bool:
    """True when two sentences make one statement (``_SAME_STATEMENT``) and, word by word, one
    puts a negation where the other has at most a word or two of its own ("tidak mempunyai" /
    "memiliki"): not a clause only one of them has ("Tidak ada korban jiwa, kedua awak ...").
    Idioms that hold a negation word are no negation ("tak hanya itu"), and a pair of
    opposites that accounts for it is none either ("tidak menerima" is "menolak")."""
    if dice(ta, tb) < _SAME_STATEMENT:
        return False
    if any((kx in ta and ky in tb) or (ky in ta and kx in tb) for kx, ky, _, _ in _contrast_pairs()):
        return False
    return _marker_put_in(sa, sb, _markers()["negation"])


def _marker_put_in(sa: _Side, sb: _Side, markers: frozenset[str]) -> bool:
    """True when, word by word, one sentence puts a marker word where the other has at most a
    word or two of its own ("tidak mempunyai" / "memiliki", "akan menolong" / "membantu")."""
    wa, wb = sa.core_words, sb.core_words
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag != "equal" and i2 - i1 <= 3 and j2 - j1 <= 3 \
                and sum(w in markers for w in wa[i1:i2]) != sum(w in markers for w in wb[j1:j2]):
            return True
    return False


def _without_idioms(words: tuple[str, ...]) -> list[str]:
    """The words with the idioms that hold a marker word but mark nothing dropped (``[variants]
    negation_idioms`` and ``marker_idioms``: "tak hanya", "akan tetapi")."""
    idioms = _idioms()
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and (words[i], words[i + 1]) in idioms:
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


@cache
def _idioms() -> frozenset[tuple[str, str]]:
    data = load("diffs")["variants"]
    return frozenset(tuple(p.split()) for p in data["negation_idioms"] + data["marker_idioms"])  # type: ignore[misc]


def _marked_words(side: _Side, marker: str) -> set[str]:
    """The first word after each ``marker`` word (``[markers]``) that is no marker itself:
    "akan segera dikirim" -> dikirim for ``future``, "tidak akan datang" -> datang."""
    if marker not in side.marked:
        side.marked[marker] = set(_marked_list(side, marker))
    return side.marked[marker]


def _marked_list(side: _Side, marker: str) -> list[str]:
    """``_marked_words`` in order, once for each marker word."""
    m = _markers()
    cues = m[marker]
    skip = m["negation"] | m["future"] | m["past"]
    words = side.core_words
    out = []
    for i, w in enumerate(words):
        if w in cues:
            nxt = next((x for x in words[i + 1 : i + 4] if x not in skip), None)
            if nxt:
                out.append(nxt)
    return out


def _marked_terms(side: _Side, marker: str) -> set[str]:
    """Terms of ``_marked_words``: "akan segera dikirim" -> kirim for ``future``."""
    return {t for w in _marked_words(side, marker) for t in terms(w)}


def _verb_tense(sa: _Side, sb: _Side) -> tuple[str, str] | None:
    """A verb both sentences have, marked future on one side only ("akan dikirim" / "dikirim",
    "telah dikirim" / "akan dikirim"); None when the tense of every shared verb agrees. Only
    the plain future words mark a verb here (``future_verb``: "akan", "bakal"): "hendak"
    and "segera" trade places with "ingin" and "secepatnya" in any paraphrase."""
    m = _markers()
    fa, fb = _marked_terms(sa, "future_verb"), _marked_terms(sb, "future_verb")
    pa, pb = _marked_terms(sa, "past"), _marked_terms(sb, "past")
    # a verb marked both ways on one side ("tak akan pernah mulus": never) has no tense to compare
    fa, pa, fb, pb = fa - pa, pa - fa, fb - pb, pb - fb
    ta, tb = sa.word_terms, sb.word_terms
    # a future word put in against a paraphrased verb ("akan menolong" / "membantu"), in one statement
    put_in = bool(fa or fb) and fa != fb and dice(ta, tb) >= _SAME_STATEMENT \
        and _marker_put_in(sa, sb, m["future_verb"])
    if (fa & pb) or (((fa - fb) & tb or (fa and put_in)) and not set(sb.words) & m["future"]):
        return "future", "done"
    if (pa & fb) or (((fb - fa) & ta or (fb and put_in)) and not set(sa.words) & m["future"]):
        return "done", "future"
    return None


def _type(side: _Side, name: str) -> str | None:
    return next((e.type for e in side.article.entities if e.name == name), None)


def _markers_diff(sa: _Side, sb: _Side) -> list[Finding]:
    m = _markers()
    wa, wb = set(sa.words), set(sb.words)
    out: list[Finding] = []
    na_, nb_ = sa.negated, sb.negated
    count_a = sum(w in m["negation"] for w in sa.core_words)
    count_b = sum(w in m["negation"] for w in sb.core_words)
    ta, tb = sa.word_terms, sb.word_terms
    if count_a != count_b and ((na_ - nb_) & tb or (nb_ - na_) & ta or _one_statement_but_negation(sa, sb, ta, tb)):
        # "belum mengonfirmasi" against "dikonfirmasi": the same word, negated on one side only;
        # or the same statement, its verb paraphrased ("tidak mempunyai" / "memiliki")
        out.append(Finding("negation", "distortion", "negations", str(count_a), str(count_b)))
    fa, fb = bool(wa & m["future"]) and not wa & m["past"], bool(wb & m["future"]) and not wb & m["past"]
    pa, pb = bool(wa & m["past"]) and not wa & m["future"], bool(wb & m["past"]) and not wb & m["future"]
    if (fa and pb) or (pa and fb):
        out.append(Finding("tense", "distortion", "", "future" if fa else "done", "future" if fb else "done"))
    elif tense := _verb_tense(sa, sb):
        out.append(Finding("tense", "distortion", "", *tense))
    ra, rb = sum(w in m["regional"] for w in sa.words), sum(w in m["regional"] for w in sb.words)
    na, nb = bool(wa & m["national"]), bool(wb & m["national"])
    # a national word new on one side where a regional one went missing ("tingkat provinsi" -> "tingkat nasional")
    if (nb and not na and ra > rb) or (na and not nb and rb > ra):
        out.append(Finding("scope", "distortion", "", "national" if na else "regional", "national" if nb else "regional"))
    return out


def _reversed(sa: _Side, sb: _Side, ka: dict[str, str], kb: dict[str, str]) -> list[Finding]:
    """A cause and its effect, or a giver and a receiver, that swap sides of their connective."""
    m = _markers()
    cut_a, cut_b = _cut(sa, m["direction"]), _cut(sb, m["direction"])
    if cut_a is not None and cut_b is not None:
        # who gives and who receives: the names right before and right after "ke"/"kepada"
        a_pair, b_pair = _around(sa, ka, cut_a), _around(sb, kb, cut_b)
        if a_pair and b_pair and _close(a_pair[0], b_pair[1]) and _close(a_pair[1], b_pair[0]) and not _close(*a_pair):
            # an act with a giver and a receiver (aid sent) changed hands; without one, a flow
            # (exports to, imports from) is reversed
            kind: DiffKind = "reversed_relation" if m["flow"] & {*sa.words, *sb.words} else "actor_target"
            return [Finding(kind, "distortion", "", f"{a_pair[0]} -> {a_pair[1]}", f"{b_pair[0]} -> {b_pair[1]}")]
    cut_a, cut_b = _cut(sa, m["causal"]), _cut(sb, m["causal"])
    if cut_a is not None and cut_b is not None:
        near = 3  # content terms either side of "karena": the effect and the cause
        before_a, after_a = _terms_near(sa.text[:cut_a], -near), _terms_near(sa.text[cut_a:], near)
        before_b, after_b = _terms_near(sb.text[:cut_b], -near), _terms_near(sb.text[cut_b:], near)
        if before_a & after_b and after_a & before_b and not before_a & before_b:
            return [Finding("reversed_relation", "distortion", "", "cause -> effect", "effect -> cause")]
    return []


def _parties(sa: _Side, sb: _Side, ka: dict[str, str], kb: dict[str, str]) -> list[Finding]:
    """A person or organisation one sentence names where its sibling names another in the same
    statement ("Febri disinyalir menerima suap" / "Patrialis disinyalir menerima suap"), or two
    that swap places around the same active verb ("Polaroid memperingatkan Fujifilm" / "Fujifilm
    memperingatkan Polaroid"). Acts the event stage reads are compared there (``_events``)."""
    ma, mb = _party_mentions(sa, ka), _party_mentions(sb, kb)
    only_a = {k: (n, s, e) for s, e, k, n in ma
              if not any(_close(k, o) for _, _, o, _ in mb) and not _present(n, sb, set(), kb)}
    only_b = {k: (n, s, e) for s, e, k, n in mb
              if not any(_close(k, o) for _, _, o, _ in ma) and not _present(n, sa, set(), ka)}
    # a party put in the place of another that the sentence names already ("Menurut Argo, Aldi
    # bergabung" / "Menurut Argo, Yuwono bergabung"): its one mention more stands for the one gone
    if not only_a and len(only_b) == 1:
        only_a = _one_more(sa, ma, mb, sb, next(iter(only_b.values())))
    elif not only_b and len(only_a) == 1:
        only_b = _one_more(sb, mb, ma, sa, next(iter(only_a.values())))
    if len(only_a) == 1 and len(only_b) == 1:
        (nx, s1, e1), (ny, s2, e2) = next(iter(only_a.values())), next(iter(only_b.values()))
        if _same_party(nx, ny):
            return []  # "PT KAI" and "PT Kereta Api Indonesia", "Komisi II DPR" and "Komisi II Dewan Perwakilan Rakyat"
        # the other name stands in the same place ("Febri disinyalir" / "Patrialis disinyalir"),
        # not another role in another clause
        if _same_place(sa, s1, e1, sb, s2, e2) \
                and dice(sa.text_terms - terms(nx), sb.text_terms - terms(ny)) >= _SAME_STATEMENT:
            return [Finding("actor_target", "distortion", "", nx, ny)]
        return []
    body_a, body_b = sa.article.body, sb.article.body
    for (_, end_x, x, nx), (start_y, _, y, ny) in zip(ma, ma[1:]):
        verb_a = body_a[end_x:start_y]
        # the same two the other way round in the sibling, with the same verb between them
        if _close(x, y):
            continue  # one party named twice around a verb ("Sam Smith ... Smith") swaps with nobody
        for (_, end_first, first, _), (start_second, _, second, _) in zip(mb, mb[1:]):
            if _close(first, y) and _close(second, x):
                verb_b = body_b[end_first:start_second]
                if terms(verb_a) & terms(verb_b) and _active(verb_a) and _active(verb_b):
                    return [Finding("actor_target", "distortion", "", f"{nx} -> {ny}", f"{ny} -> {nx}")]
    return []


def _one_more(side: _Side, mine: list[tuple[int, int, str, str]], theirs: list[tuple[int, int, str, str]],
              their_side: _Side, gone: tuple[str, int, int]) -> dict[str, tuple[str, int, int]]:
    """The mention of a party this sentence names once more than its sibling does, standing where
    the sibling names the party ``gone`` (name, start, end); {} when there is none or several."""
    found = {}
    for s, e, k, n in mine:
        # once more both as a party and as written: "Pasukan Sementara PBB di Lebanon (UNIFIL)"
        # names UNIFIL once, as "misi UNIFIL" does; "DPP KPK" read as KPK still writes "DPP"
        last = _WORD.findall(side.article.body[s:e].lower())[-1:]
        if last and sum(_close(k, o) for _, _, o, _ in mine) > sum(_close(k, o) for _, _, o, _ in theirs) \
                and _times_written(last[0], side) > _times_written(last[0], their_side) \
                and _same_place(side, s, e, their_side, gone[1], gone[2]):
            found[k] = (n, s, e)
    return found if len(found) == 1 else {}


def _times_written(word: str, side: _Side) -> int:
    """How often the side writes ``word``, or a spelling a letter or so off it ("Disnei")."""
    return sum(w == word or (len(word) >= 5 and len(w) >= 5 and _spelled_alike(word, w)) for w in side.words)


def _same_party(x: str, y: str) -> bool:
    """True when two names name one party, short forms written out or not: "PA Jaksel" / "PA
    Jakarta Selatan", "PS TNI" / "Tentara Nasional Indonesia", "Badan Pengawas Pemilu" / "Badan
    Pengawas Pemilihan Umum" (what differs is a short form of the other's words)."""
    ex, ey = spelled_out(x), spelled_out(y)
    if _close(name_key(ex), name_key(ey)) or short_form_of(x, y) or short_form_of(y, x):
        return True
    if _acronym_inside(x, y) or _acronym_inside(y, x):
        return True
    wx, wy = ex.split(), ey.split()
    while wx and wy and wx[0] == wy[0]:
        wx, wy = wx[1:], wy[1:]
    while wx and wy and wx[-1] == wy[-1]:
        wx, wy = wx[:-1], wy[:-1]
    rx, ry = " ".join(wx), " ".join(wy)
    return bool(rx and ry) and (short_form_of(rx, ry) or short_form_of(ry, rx))


def _acronym_inside(x: str, y: str) -> bool:
    """True when a capitalised word of ``x`` is the acronym of ``y`` or of a run of its words:
    "Taruni AAL" / "Akademi Angkatan Laut", "Shanker RS" / "Rumah Sakit"."""
    words = y.split()
    runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1)]
    return any(w.isupper() and 2 <= len(w) <= 8 and any(short_form_of(w, run) for run in runs) for w in x.split())


def _beside(body: str, start: int, end: int) -> set[tuple[str, str]]:
    """The matching keys of the words right before and right after a mention, tagged by side,
    and the second word after it when that is a verb ("sukses menduduki" / "berhasil
    menduduki": a verb paraphrased before the same verb)."""
    before = _WORD.findall(body[max(0, start - 40) : start])[-1:]
    after = _WORD.findall(body[end : end + 60])[:2]
    near = {("before", t) for w in before for t in {w.lower(), *terms(w)}} | \
        {("after", t) for w in after[:1] for t in {w.lower(), *terms(w)}}
    verb = [w.lower() for w in after[1:] if w.isalpha() and w.lower().startswith(_VERB_PREFIXES) and len(w) > 5]
    return near | {("after2", w) for w in verb}


_VERB_PREFIXES = ("me", "ber", "di", "ter")


def _party_mentions(side: _Side, keys: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """The people and organisations a sentence names, in order: (start, end, key, name).

    Besides the entities, a run of capitalised words no entity covers that reads as a name
    (``_name_runs``): the tagger misses a short or foreign name ("SDF", "PAYFAZZ") on one
    side as often as it finds it on the other."""
    out = []
    covered = []
    for e in side.entities:
        covered += [(m.start, m.end) for m in e.mentions if side.holds(m.start)]
        if e.type in ("PER", "ORG") and e.name not in agency_names():
            name = e.stands_for or e.name
            out += [(m.start, m.end, keys.get(name, name_key(name)), name) for m in e.mentions
                    if side.holds(m.start)]
    for start, end, name in _name_runs(side):
        if not any(s < end and start < e for s, e in covered):
            out.append((start, end, name_key(name), name))
    return sorted(out)


def _name_runs(side: _Side) -> list[tuple[int, int, str]]:
    """Runs of capitalised words that read as a name, with their body offsets: every word is one
    the case profile knows only capitalised (or, past a sentence's first word, one it does not
    know), none is a weekday or month name, and only spaces lie between them."""
    out: list[tuple[int, int, str]] = []
    body = side.article.body
    calendar = _calendar_names()

    def flush(run: list[re.Match[str]]) -> None:
        if run:
            out.append((run[0].start(), run[-1].end(), body[run[0].start() : run[-1].end()]))

    for s, e in side.spans:
        opening = _WORD.search(body, s, e)
        run: list[re.Match[str]] = []
        for m in _CAPITALISED.finditer(body, s, e):
            low = m.group().lower()
            bucket = case_profile(low)[0]
            ok = bucket in ("A", "AU", "?") and not (bucket == "?" and opening is not None and m.start() == opening.start()) \
                and low not in calendar
            if ok and run and body[run[-1].end() : m.start()].isspace():
                run.append(m)
            else:
                flush(run)
                run = [m] if ok else []
        flush(run)
    return out


_CAPITALISED = re.compile(r"(?<![\w'])[A-Z][\w']*")


@cache
def _calendar_names() -> frozenset[str]:
    data = load("calendar")
    return frozenset(w for section in ("months", "weekdays") for names in data[section].values() for w in names)


def _active(between: str) -> bool:
    """True when the words between two parties read as an active verb phrase: a verb with the
    me- or ber- prefix, no passive "di-" verb and no "oleh" (which put the parties the other way)."""
    words = _WORD.findall(between.lower())
    return 0 < len(words) <= 4 and any(w.startswith(("me", "ber")) for w in words) \
        and not any(w == "oleh" or (w.startswith("di") and len(w) > 5) for w in words)


@cache
def _contrast_pairs() -> tuple[tuple[str, str, str, str], ...]:
    """The ``[contrasts]`` pairs as ``(key, key, word, word)``: matching keys (``text.terms``) and the words as listed."""
    out = []
    for x, y in load("diffs")["contrasts"]["pairs"]:
        kx, ky = term_of(x), term_of(y)
        if kx and ky and kx != ky:
            out.append((kx, ky, x, y))
    return tuple(out)


def _contrasts(sa: _Side, sb: _Side) -> list[Finding]:
    """An act or relation word in one sentence where its sibling has its opposite ("menyetujui" /
    "menolak"): one word on each side only, or, word by word, one put in the other's place
    ("akan menutup browser ... membuka aplikasi" / "akan membuka browser ... membuka aplikasi").
    Negated on one side only, the opposite is a paraphrase ("tidak menerima" is "menolak");
    negated on both, still a reversal ("tak pernah hadir" / "tidak pernah absen")."""
    if _other_period(sa, sb):
        return []  # a trend of another period ("menurun ... April 2023" / "meningkat ... Januari - April 2023")
    ta, tb = sa.word_terms, sb.word_terms
    keys, words = _contrast_vocabulary()
    wa, wb = set(sa.words), set(sb.words)
    if not ((ta & keys and tb & keys) or (wa & words and wb & words)):
        return []  # no opposite's word on both sides: nothing to compare (most sentence pairs)
    neg_a, neg_b = sa.negated, sb.negated
    for kx, ky, x, y in _contrast_pairs():
        for k1, k2, w1, w2 in ((kx, ky, x, y), (ky, kx, y, x)):
            if k1 in ta and k2 not in ta and k2 in tb and k1 not in tb and (k1 in neg_a) == (k2 in neg_b) \
                    and dice(ta - {k1}, tb - {k2}) >= _SAME_STATEMENT:
                return [Finding("event", "distortion", "", w1, w2)]
    after_a, after_b = _marked_words(sa, "negation"), _marked_words(sb, "negation")
    for x, y in _contrast_words():
        for w1, w2 in ((x, y), (y, x)):
            if w1 in wa and w2 not in wa and w2 in wb and w1 not in wb and (w1 in after_a) == (w2 in after_b) \
                    and dice(ta - terms(w1), tb - terms(w2)) >= _SAME_STATEMENT:
                return [Finding("event", "distortion", "", w1, w2)]
    if dice(ta, tb) < _SAME_STATEMENT:
        return []
    for block_a, block_b in _replaced(sa, sb):
        ka = {t for w in block_a for t in terms(w)}
        kb = {t for w in block_b for t in terms(w)}
        for kx, ky, x, y in _contrast_pairs():
            for k1, k2, w1, w2 in ((kx, ky, x, y), (ky, kx, y, x)):
                if k1 in ka and k2 in kb and k2 not in ka and k1 not in kb and (k1 in neg_a) == (k2 in neg_b):
                    return [Finding("event", "distortion", "", w1, w2)]
        for x, y in _contrast_words():
            for w1, w2 in ((x, y), (y, x)):
                if w1 in block_a and w2 in block_b and (w1 in after_a) == (w2 in after_b):
                    return [Finding("event", "distortion", "", w1, w2)]
    return []


@cache
def _contrast_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """Every key of ``_contrast_pairs`` and every word of ``_contrast_words``."""
    return (frozenset(k for kx, ky, _, _ in _contrast_pairs() for k in (kx, ky)),
            frozenset(w for pair in _contrast_words() for w in pair))


def _replaced(sa: _Side, sb: _Side) -> list[tuple[list[str], list[str]]]:
    """Word by word (plain forms), the short stretches one sentence has where the other has others."""
    wa, wb = list(sa.core_words), list(sb.core_words)
    return [(wa[i1:i2], wb[j1:j2]) for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
            if tag == "replace" and i2 - i1 <= 5 and j2 - j1 <= 5]


@cache
def _contrast_words() -> tuple[tuple[str, str], ...]:
    """The ``[contrasts] word_pairs``: opposites compared as words, not stems."""
    return tuple((x, y) for x, y in load("diffs")["contrasts"]["word_pairs"])



# the Dice of two aligned sentences' terms, the changed word aside, above which they make one
# statement: an aligned pair below it may share a topic ("ekspor nonmigas" / "impor nonmigas")
# without one being a version of the other
_SAME_STATEMENT = 0.5


def _places(sa: _Side, sb: _Side, ka: dict[str, str], kb: dict[str, str]) -> list[Finding]:
    """A place one sentence names where its sibling names another, and neither names the other's."""
    pa, pb = _place_names(sa, ka), _place_names(sb, kb)
    only_a = [k for k in pa if not any(_close(k, o) for o in pb)]
    only_b = [k for k in pb if not any(_close(k, o) for o in pa)]
    if len(only_a) == 1 and len(only_b) == 1 and only_a[0] not in _mentioned_keys(sb, kb) \
            and only_b[0] not in _mentioned_keys(sa, ka) \
            and dice(sa.text_terms - terms(pa[only_a[0]]), sb.text_terms - terms(pb[only_b[0]])) >= _SAME_STATEMENT:
        return [Finding("place", "distortion", "", pa[only_a[0]], pb[only_b[0]])]
    return []


def _place_names(side: _Side, keys: dict[str, str]) -> dict[str, str]:
    """Keys of the places the sentence names (a capital standing for its state counts as the state) -> a name."""
    out: dict[str, str] = {}
    for e in side.entities:
        if e.type in ("LOC", "GPE"):
            name = e.stands_for or e.name
            out.setdefault(keys.get(name, name_key(name)), name)
    return out


def _mentioned_keys(side: _Side, keys: dict[str, str]) -> set[str]:
    """Keys of every entity the sentence names, whatever its type (a place the model typed otherwise)."""
    return {keys.get(e.stands_for or e.name, name_key(e.stands_for or e.name)) for e in side.entities}


def _dates(sa: _Side, sb: _Side) -> list[Finding]:
    """A time one sentence gives where its sibling gives another.

    Two expressions are one time when they read the same ("hari ini" in both, whatever day
    each article's own date makes of it) or their resolved values overlap and neither names
    another weekday or part of the day ("Senin (1/12)" is not "Jumat (1/12)", "Senin pagi"
    not "Senin malam"). One time named two ways is a changed date; so is a time left over
    on each side, one each, of one kind, standing in the same place (the word before or
    after it is the same, or it is as many words into its sentence): not a comparison one
    version adds ("dibanding Februari 2016") where the other gives the month it reports.
    """
    ta, tb = sa.times, sb.times
    if not ta or not tb or dice(sa.text_terms - terms(" ".join(x.text for x in ta)),
                                sb.text_terms - terms(" ".join(x.text for x in tb))) < _SAME_STATEMENT:
        return []
    left_a, left_b, renamed = _match_times(ta, tb)
    if renamed:
        x, near = renamed[0]
        return [Finding("date", "distortion", "", x.text, near.text)]
    if len(left_a) == 1 and len(left_b) == 1:
        (x,), (y,) = left_a, left_b
        # one time for another of its kind: a day for a day, or "kemarin" for "pekan lalu"; an
        # absolute span and a relative year in a merged sentence are two different times
        kind = x.granularity == y.granularity or (
            x.anchor == y.anchor == "publication" and not any(ch.isdigit() for ch in x.text + y.text))
        if kind and _same_place(sa, x.start, x.end, sb, y.start, y.end):
            return [Finding("date", "distortion", "", f"{x.text} ({x.value})", f"{y.text} ({y.value})")]
    return []


def _match_times(ta: list[_Time], tb: list[_Time]) -> tuple[list[_Time], list[_Time], list[tuple[_Time, _Time]]]:
    """Pair the times of two sentences: by wording, then by overlapping value. Returns the
    times left on each side and the pairs that name one date with another weekday or part of the day."""
    left_a, left_b = list(ta), list(tb)
    for x in ta:
        same = next((y for y in left_b if y.words == x.words), None)
        if same is not None:
            left_a.remove(x)
            left_b.remove(same)
    renamed = []
    for x in list(left_a):
        near = next((y for y in left_b if _overlap(x.value, y.value)), None)
        if near is None:
            continue
        left_a.remove(x)
        left_b.remove(near)
        if (x.weekday and near.weekday and x.weekday != near.weekday) or (x.part and near.part and x.part != near.part):
            renamed.append((x, near))
    return left_a, left_b, renamed


def _same_place(sa: _Side, s1: int, e1: int, sb: _Side, s2: int, e2: int) -> bool:
    """True when two spans stand in the same place of their sentences: the word before or after
    them is the same, or they are as many words into their sentences, give or take one."""
    if _beside(sa.article.body, s1, e1) & _beside(sb.article.body, s2, e2):
        return True
    return abs(len(_WORD.findall(sa.article.body[sa.sentence_start(s1) : s1]))
               - len(_WORD.findall(sb.article.body[sb.sentence_start(s2) : s2]))) <= 1


@dataclass(frozen=True, slots=True)
class _Time:
    words: str  # as written, lower-cased words
    value: str
    weekday: str
    part: str  # part of the day ("pagi")
    text: str
    granularity: str
    anchor: str
    start: int
    end: int


def _times(side: _Side) -> list[_Time]:
    """The resolved times of a sentence."""
    weekdays, parts = _calendar_words()
    out = []
    for t in side.article.times:
        if side.holds(t.start) and t.value:
            words = _WORD.findall(t.text.lower())
            out.append(_Time(" ".join(words), t.value, next((weekdays[w] for w in words if w in weekdays), ""),
                             next((w for w in words if w in parts), ""), t.text, t.granularity, t.anchor, t.start, t.end))
    return out


def _overlap(a: str, b: str) -> bool:
    """True when two ISO days or intervals (``first/last``) share a day."""
    a1, _, a2 = a.partition("/")
    b1, _, b2 = b.partition("/")
    return a1[:10] <= (b2 or b1)[:10] and b1[:10] <= (a2 or a1)[:10]


@cache
def _calendar_words() -> tuple[dict[str, str], frozenset[str]]:
    """Weekday names (-> the weekday's number) and the words for parts of the day."""
    weekdays = {w: n for n, names in load("calendar")["weekdays"].items() for w in names}
    return weekdays, frozenset(load("diffs")["times"]["day_parts"])


def _cut(side: _Side, words: frozenset[str]) -> int | None:
    for m in _WORD.finditer(side.text.lower()):
        if m.group() in words:
            return m.start()
    return None


def _terms_near(text: str, n: int) -> set[str]:
    found = [t for w in _WORD.findall(text.lower()) for t in terms(w)]
    return set(found[n:] if n < 0 else found[:n])


def _around(side: _Side, keys: dict[str, str], cut: int) -> tuple[str, str] | None:
    """Keys of the last name before offset ``cut`` of the sentence and the first one after it."""
    spots = sorted((side.offset(m.start), keys.get(e.name, name_key(e.name))) for e in side.entities
                   for m in e.mentions if side.holds(m.start))
    before = [k for at, k in spots if at < cut]
    after = [k for at, k in spots if at > cut]
    return (before[-1], after[0]) if before and after else None


def _spelling(sa: _Side, sb: _Side, ka: dict[str, str], kb: dict[str, str]) -> list[Finding]:
    out: list[Finding] = []
    names_b = {}
    for e in sb.entities:
        for mention in e.mentions:
            if sb.holds(mention.start) and e.type == "PER":
                names_b.setdefault(kb.get(e.name, name_key(e.name)), mention.text)
    for e in sa.entities:
        if e.type != "PER":
            continue
        for mention in e.mentions:
            if sa.holds(mention.start):
                other = names_b.get(ka.get(e.name, name_key(e.name)))
                if other and other != mention.text and name_key(other) == name_key(mention.text):
                    out.append(Finding("spelling", "variant", "", mention.text, other))
                break
    return out

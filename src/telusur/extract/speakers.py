"""Who a pronoun speaker ("katanya", "ia menambahkan", "he said") refers to.

Every decided attribution (a quote or a statement with its speaker) is recorded with its
position. A pronoun at a later position refers to the latest attribution before it,
unless another person is named in between (then the pronoun could mean either, and it is
left undecided; but when that is one person, named only where a speaker stands, the
pronoun has moved on to them) or the attribution lies more than ``REACH`` characters back. A
capitalised word in between that is no known entity, does not start a sentence and is
capitalised in real text (the NER case profile: a name the model missed, "Rosmaniar")
counts as another person when it stands in a speaker's slot (after a speech cue or a
title, or before a speech verb). With no attribution before it, a pronoun refers to the one
person named in the ``REACH`` characters before it, if exactly one is.
"""

from __future__ import annotations

import re
from bisect import insort
from functools import cache

from telusur.extract.mentions import MentionIndex
from telusur.extract.ner import case_profile
from telusur.lexicon import load

REACH = 1500
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]+(?![\w-])")


class Attributions:
    """Decided speakers by position, and the pronoun rule over them."""

    def __init__(self, body: str, index: MentionIndex) -> None:
        """Take the body and an index of its entity mentions (persons are what can intervene)."""
        self._body = body
        self._index = index
        self._items: list[tuple[int, int, str]] = []  # (start, end of the attribution, speaker)

    def add(self, start: int, end: int, speaker: str | None) -> None:
        """Record that ``speaker`` was attributed at ``[start, end)``; None is ignored."""
        if speaker:
            insort(self._items, (start, end, speaker))

    def referent(self, pos: int) -> str | None:
        """Return the speaker a pronoun at ``pos`` refers to, or None when it is not decided."""
        earlier = [item for item in self._items if item[0] < pos]
        if not earlier:
            named = [m for m in self._index.within(max(0, pos - REACH), pos) if m.entity.type == "PER"]
            people = {m.entity.name for m in named}
            return people.pop() if len(people) == 1 and not self._unknown_name(named[-1].end, pos) else None
        start, end, speaker = earlier[-1]
        if pos - start > REACH:
            return None
        rivals = [m for m in self._index.within(end, pos)
                  if m.entity.type == "PER" and m.entity.name != speaker and speaker not in m.entity.name]
        between = {m.entity.name for m in rivals}
        if len(between) == 1 and all(self._speaker_slot(m.start, m.end) for m in rivals) \
                and not self._unknown_name(rivals[-1].end, pos):
            # one new person, named where a speaker stands ("kata Dian Asmahani, ...", "Dian
            # mengatakan ..."): the pronoun has moved on to them
            return between.pop()
        return None if between or self._unknown_name(end, pos) else speaker

    def _unknown_name(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` holds a capitalised word that looks like a name no rule found."""
        for m in _CAPITALISED.finditer(self._body, start, end):
            before = self._body[max(0, m.start() - 3) : m.start()]
            if not before.strip() or before.rstrip()[-1:] in ".!?\"“”(":
                continue
            known = self._index.overlapping(m.start(), m.end())
            # a one-word place or body the model found may be a name it mistyped ("Rosmaniar" as LOC),
            # unless the gazetteer knows the entity it joined ("Cirebon", of Kota Cirebon)
            if known and not (known.source == "ner" and known.text == m.group() and known.entity.type != "PER"
                              and not any(x.source == "gazetteer" for x in known.entity.mentions)):
                continue
            if case_profile(m.group().lower())[0] in ("A", "a", "?") and self._speaker_slot(m.start(), m.end()):
                return True
        return False

    def _speaker_slot(self, start: int, end: int) -> bool:
        """Return True when a word stands where a speaker is named: after a speech cue or a
        person's title ("kata Rosmaniar", "Bupati Rosmaniar"), before a speech verb
        ("Rosmaniar mengatakan") or an appositive role ("Rosmaniar, warga ..."). A
        capitalised word elsewhere (a club, a brand, a street) is no rival speaker."""
        left = self._body[max(0, start - 40) : start].lower().split()
        if left and left[-1].strip(",") in _slot_words()[0]:
            return True
        right = re.match(r"(?:\s+[A-Z][\w'’-]*){0,3}(,?)\s+(\w+)", self._body[end : end + 60])
        if not right:
            return False
        after, verbs, roles = right.group(2).lower(), _slot_words()[1], _slot_words()[2]
        return after in verbs or (right.group(1) == "," and after in roles)


@cache
def _slot_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words a speaker's name follows, speech verbs a speaker's name precedes, appositive roles), lower-case."""
    quotes, titles = load("quotes"), load("entities")["compose"]["person_titles"]
    before_name = {w for cue in quotes["cues"]["after"] for w in cue.split()[-1:]} | {"menurut", "kepada"}
    # a title's last word, but not the place word that ends some ("Wali Kota", "Kepala Desa"):
    # "di kota Cirebon" names no speaker
    places = {w.lower() for w in load("entities")["compose"]["place_words"]}
    before_name |= {t.lower().split()[-1] for t in titles} - places
    verbs = set(quotes["cues"]["before"]) | set(quotes["reported"]["verbs"])
    return frozenset(before_name), frozenset(verbs), frozenset(quotes["speakers"]["appositive_roles"])

"""Events of an article: actor - action - target, with date and place, per sentence.

Triggers and codes are data (``lexicon/events.toml``). For each trigger in a sentence:

- *action*: the trigger's action; a trigger shared by two actions ("mengirim") or one
  that needs an object ("memanggil" a diplomat, "meluncurkan" a missile) takes the first
  action whose object word follows in the clause; none, no event.
- *actor*: the subject, the last entity mention before the trigger in the sentence that
  no preposition governs ("ke Rusia" is not a subject) and no comma separates from the
  verb; an organisation qualified by a state ("NIS Korea Selatan") is the organisation.
  A verb coordinated with the one before it ("... memanggil X dan menuntut ...") shares
  its actor. A passive trigger ("dipanggil", "dikerahkan") takes its actor from "oleh X",
  or for troops from the state that qualifies them ("tentara Korut dikerahkan").
- *target*: for deploy, supply and visit the recipient or destination after "ke" /
  "kepada" / "to"; otherwise the first entity after the verb in its clause, a person
  with a title preferred ("memanggil Duta Besar Rusia ... Georgy Zinoviev").
- *date*: the first resolved time expression of the sentence; *place*: a place after
  "di" / "in" that is neither actor nor target.
- *negated* / *future*: a negation or a future marker among the three words before
  the trigger ("belum mengonfirmasi", "akan mengirim").

Reported speech with a resolved speaker adds a ``say`` event. An act said twice in one
article is kept once (the corpus stage merges acts across articles). An event needs an
actor: a trigger with no subject the rules can find gives no event, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from telusur.extract.mentions import Located, MentionIndex, qualified, word_before as _word_before
from telusur.lexicon import load
from telusur.model import Article, Event, Quote, TimeExpr
from telusur.text.lowered import fold
from telusur.text.tokens import sentences
from telusur.text.trie import trie_regex

_GOVERNING = frozenset({"ke", "di", "dari", "kepada", "dengan", "untuk", "bagi", "terhadap", "oleh", "antara", "atas",
                        "to", "in", "from", "with", "at", "by", "on", "against", "for", "into"})
_COORDINATING = frozenset({"dan", "serta", "lalu", "kemudian", "and", "juga", "pun", "sekaligus", "also", "then"})
_COMPLEMENTISERS = frozenset({"agar", "supaya", "bahwa", "bahawa", "that", "untuk"})
_DYADIC = frozenset({"meet", "sign"})
_JOINT = re.compile(r"\s(?:dan|serta|and)\s")
_REACH = 90
_SUBJECT_REACH = 80
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class _Action:
    name: str
    code: str
    needs: re.Pattern[str] | None


@dataclass(frozen=True)
class _Lexicon:
    trigger: re.Pattern[str]
    actions: dict[str, list[_Action]]  # trigger phrase -> candidate actions, in file order
    negation: frozenset[str]
    future: frozenset[str]
    place_before: frozenset[str]
    to: frozenset[str]
    passive: frozenset[str]
    idioms: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = load("events")
    actions: dict[str, list[_Action]] = {}
    for name, spec in data["action"].items():
        needs = spec.get("needs")
        pattern = re.compile(r"(?<![\w-])(?:" + trie_regex(needs) + r")", re.I) if needs else None
        action = _Action(name, spec["code"], pattern)
        for trigger in spec["triggers"]:
            actions.setdefault(trigger, []).append(action)
    mod = data["modality"]
    return _Lexicon(
        re.compile(r"(?<![\w-])(?:" + trie_regex(actions) + r")(?![\w-])", re.I),
        actions,
        frozenset(mod["negation"]),
        frozenset(mod["future"]),
        frozenset(data["places"]["before"]),
        frozenset(data["places"]["to"]),
        frozenset(data["voice"]["passive"]),
        frozenset(mod["idioms"]),
    )


def find_events(body: str, index: MentionIndex, times: list[TimeExpr], quotes: list[Quote]) -> list[Event]:
    """Return the events of ``body`` in order, one per distinct act.

    Takes the body, an index of its entity mentions, its resolved time expressions and
    its quotes (for ``say`` events). Never raises.
    """
    lex = _lexicon()
    events: list[Event] = []
    for s_start, s_end in sentences(body):
        date = next((t.value for t in times if s_start <= t.start < s_end and t.value), None)
        triggers = list(lex.trigger.finditer(body, s_start, s_end))
        previous_actor: Located | None = None
        for i, m in enumerate(triggers):
            clause_end = triggers[i + 1].start() if i + 1 < len(triggers) else s_end
            action = _action(lex, m.group(), body[m.end() : min(clause_end, m.end() + _REACH)])
            if action is None:
                continue
            passive = " ".join(m.group().lower().split()) in lex.passive
            before = _words(body[max(s_start, m.start() - 40) : m.start()])
            if passive:
                actor = _passive_actor(body, index, s_start, m.start(), m.end(), clause_end)
                target = None if action.name in ("deploy", "supply") else _subject(body, index, s_start, m.start())
            elif before and before[-1] in _COORDINATING and previous_actor is not None:
                actor = previous_actor
                target = _target(body, index, lex, action.name, m.end(), clause_end)
            else:
                actor = _subject(body, index, s_start, m.start())
                if before and before[-1] == "yang" and actor and body[actor.end : m.start()].split() != ["yang"]:
                    # "tindakan yang mengancam ...": the verb's subject is the noun before "yang"
                    actor = None
                target = _target(body, index, lex, action.name, m.end(), clause_end)
            if actor is None:
                continue
            previous_actor = actor
            if action.name in ("deploy", "supply") or passive and target is None:
                target = target or _recipient(body, index, lex, m.end(), clause_end)
            actors = [actor]
            partner = None if passive else _conjunct(body, index, s_start, actor)
            if partner is not None:
                if action.name in _DYADIC and target is None:
                    # "Putin dan Kim Jong Un menandatangani": one signs with (meets) the other
                    actors, target = [partner], actor
                else:
                    actors = [partner, actor]  # "Korea Selatan dan Uni Eropa mendesak": each demands
            place = _place(body, index, lex, s_start, s_end, {actor.entity.name, target.entity.name if target else ""})
            for who in actors:
                events.append(Event(
                    action.name, action.code, m.group(), m.start(), m.end(), who.entity.name,
                    target.entity.name if target and target.entity is not who.entity else None, date, place,
                    _marked(before, lex.negation, lex.idioms), _marked(before, lex.future, lex.idioms), s_start, s_end,
                ))
    events += _say_events(body, quotes, times)
    return _distinct(sorted(events, key=lambda e: e.start))


def _action(lex: _Lexicon, trigger: str, after: str) -> _Action | None:
    """Return the action a trigger stands for here, given the clause text after it."""
    for action in lex.actions[" ".join(fold(trigger).split())]:
        if action.needs is None or action.needs.search(after):
            return action
    return None


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _marked(before: list[str], markers: frozenset[str], idioms: frozenset[str] = frozenset()) -> bool:
    """Return True when one of ``markers`` (one or two words) is among the last three words,
    not as the first word of one of ``idioms`` ("akan tetapi")."""
    window = before[-3:]
    if not window:
        return False
    last = [w for w, nxt in zip(window, [*window[1:], ""], strict=True) if f"{w} {nxt}" not in idioms]
    return any(w in markers for w in last) or any(f"{a} {b}" in markers for a, b in zip(last, last[1:], strict=False))


def _speaking(m: Located) -> bool:
    return m.entity.type in ("PER", "ORG", "GPE")


def _governed(body: str, m: Located) -> bool:
    """Return True when a preposition stands right before the mention ("ke Rusia")."""
    return _word_before(body, m.start) in _GOVERNING


def _subject(body: str, index: MentionIndex, s_start: int, verb: int) -> Located | None:
    """Return the subject of the verb at ``verb``: see the module docstring."""
    found = [
        m for m in index.within(max(s_start, verb - _SUBJECT_REACH), verb)
        if _speaking(m) and not _governed(body, m) and "," not in body[m.end : verb]
    ]
    return qualified(found) if found else None


def _conjunct(body: str, index: MentionIndex, s_start: int, subject: Located) -> Located | None:
    """Return X in "X dan <subject> <verb>" (a joint subject, titles allowed before the second), or None."""
    window = body[max(s_start, subject.start - 50) : subject.start]
    joint = list(_JOINT.finditer(window))
    if not joint:
        return None
    cut = max(s_start, subject.start - 50) + joint[-1].start()
    if len(_words(body[cut : subject.start])) > 5:
        return None
    earlier = [m for m in index.within(max(s_start, cut - 60), cut) if _speaking(m) and m.entity is not subject.entity]
    if not earlier or body[earlier[-1].end : cut].strip(" ,") or _governed(body, earlier[-1]):
        return None
    return earlier[-1]


def _target(body: str, index: MentionIndex, lex: _Lexicon, action: str, start: int, end: int) -> Located | None:
    """Return the first entity after the verb in its clause (a titled person first), not a place after "di"."""
    following = _words(body[start : start + 12])
    if following and following[0] in _COMPLEMENTISERS:
        # "menuntut agar tentara Korea Utara ditarik": what is demanded is a clause, not a target
        return None
    found = [m for m in index.within(start, min(end, start + _REACH)) if _word_before(body, m.start) not in lex.place_before]
    if not found:
        return None
    if action not in ("deploy", "supply", "visit"):
        people = [m for m in found if m.entity.type == "PER" and m.start - start <= 60]
        if people:
            return people[0]
    return found[0] if action != "visit" else (_recipient(body, index, lex, start, end) or found[0])


def _recipient(body: str, index: MentionIndex, lex: _Lexicon, start: int, end: int) -> Located | None:
    """Return the entity after "ke" / "kepada" / "to" in the clause (where troops or goods go)."""
    for m in index.within(start, min(end, start + _REACH)):
        if _word_before(body, m.start, start) in lex.to:
            return m
    return None


def _passive_actor(body: str, index: MentionIndex, s_start: int, v_start: int, v_end: int, end: int) -> Located | None:
    """Return the actor of a passive verb: "oleh X", else the state that qualifies the troops."""
    for m in index.within(v_end, min(end, v_end + _REACH)):
        if _word_before(body, m.start, v_end) in ("oleh", "by"):
            return m
    before = [m for m in index.within(max(s_start, v_start - 40), v_start) if m.entity.type == "GPE" and not _governed(body, m)]
    return before[-1] if before else None


def _place(body: str, index: MentionIndex, lex: _Lexicon, s_start: int, s_end: int, exclude: set[str]) -> str | None:
    for m in index.within(s_start, s_end):
        if m.entity.type in ("LOC", "GPE") and m.entity.name not in exclude and _word_before(body, m.start, s_start) in lex.place_before:
            return m.entity.name
    return None


def _say_events(body: str, quotes: list[Quote], times: list[TimeExpr]) -> list[Event]:
    """One ``say`` event for each piece of reported speech whose speaker is decided.

    Speech whose verb is itself a trigger ("mendesak", "membantah") is that event, not a ``say``.
    """
    out = []
    bounds = sentences(body)
    actions = _lexicon().actions
    for q in quotes:
        if q.kind != "reported" or not q.speaker or q.said_by_start is None:
            continue
        if q.cue and " ".join(q.cue.lower().split()) in actions:
            continue  # "menuntut agar ...": the demand is the event already
        s_start, s_end = next(((s, e) for s, e in bounds if s <= q.said_by_start < e), (q.start, q.end))
        date = next((t.value for t in times if s_start <= t.start < s_end and t.value), None)
        out.append(Event("say", "010", q.cue or "", q.said_by_start, q.said_by_end or q.said_by_start, q.speaker, None,
                         date, None, False, False, s_start, s_end))
    return out


def _distinct(events: list[Event]) -> list[Event]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.action, e.actor, e.target, e.negated, e.future)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def extract_events(article: Article) -> Article:
    """Return ``article`` with ``events`` (needs ``entities``, ``times`` and ``quotes``). Pure; never raises."""
    return replace(article, events=find_events(article.body, MentionIndex(article.entities), article.times, article.quotes))


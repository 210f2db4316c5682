"""Records shared by every stage. Plain dataclasses; no behaviour beyond (de)serialisation.

Offsets: every ``start``/``end`` pair is a half-open character range. Ranges on
``Removed`` and ``Field`` point into ``Article.raw`` (the decoded text the cleaner
saw); ``Article.segments`` maps the clean ``body`` back to ``raw``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args


@dataclass(frozen=True)
class Document:
    """One input document as read from its source, before cleaning.

    ``text`` holds plain text (text files, JSONL ``text``); ``html`` holds markup
    (HTML files, WARC responses, JSONL ``html``). ``hints`` are metadata the source
    itself states (JSONL fields, WARC headers): title, published, outlet, url.
    """

    id: str
    source: str
    format: str
    content_hash: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    # the id comes from the file's name (a text or HTML file), not from the record itself
    id_from_name: bool = False


INTERNAL = "internal"  # Failure.code of an unexpected exception


@dataclass(frozen=True)
class Failure:
    """Work that could not be done: a document (or a corpus group), the stage, the reason.

    ``code`` is stable for scripts: an error class's ``code`` (``errors.py``) for a
    document's own problem, ``"internal"`` for an unexpected exception (a Telusur bug,
    which the run survives and the exit code reports apart). A corpus stage's failure
    names its group in ``doc_id`` ("story:<id>", or "corpus" for a whole stage) and
    leaves ``source`` empty.
    """

    doc_id: str
    source: str
    stage: str
    reason: str
    code: str = "input"

    @property
    def internal(self) -> bool:
        """True when the failure is a Telusur bug rather than a problem of the input."""
        return self.code == INTERNAL


@dataclass(frozen=True)
class Removed:
    """A piece of raw text removed from the body, with the rule that removed it."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True)
class Field:
    """A metadata value with the evidence it came from and how sure we are.

    ``source`` names the kind of evidence (``byline``, ``dateline``, ``html-meta``,
    ``json-ld``, ``source-hint``, ``url``, ``credit``, ``body-citation-date``...).
    ``start``/``end`` locate ``evidence`` in ``Article.raw`` when it comes from there.
    """

    value: Any
    evidence: str
    source: str
    confidence: float
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Segment:
    """A kept piece of raw text: ``raw[raw_start:raw_start+length]`` is ``body[body_start:...]``."""

    body_start: int
    raw_start: int
    length: int


@dataclass(frozen=True)
class TimeExpr:
    """A time expression in the body (``start``/``end`` are body offsets), resolved.

    ``value`` is an ISO day or an ISO interval ``first/last``; ``granularity`` is day,
    week, month, year or interval; ``anchor`` says whether it was stated outright
    (``absolute``) or resolved from the publication date (``publication``).
    """

    text: str
    start: int
    end: int
    value: str | None
    granularity: str
    anchor: str


@dataclass(frozen=True)
class EntityMention:
    """One mention of an entity: body offsets, where it came from, and a role said with it."""

    text: str
    start: int
    end: int
    source: str  # "gazetteer", "ner" or "name-part"
    role: str | None = None


@dataclass
class Entity:
    """An entity named in an article, with all its mentions.

    ``type`` is PER, ORG, GPE (a state or region with a government) or LOC;
    ``stands_for`` names the state a capital or building stands for ("Pyongyang").
    """

    name: str
    type: str
    stands_for: str | None
    mentions: list[EntityMention]


@dataclass(frozen=True)
class Quote:
    """Something said: a direct quote or reported speech, with body offsets.

    ``speaker`` is the entity the speaker resolves to (None when undecided), ``said_by``
    the speaker as written ("juru bicara Pentagon"), ``cue`` the speech verb.
    """

    kind: str  # "direct" or "reported"
    text: str
    start: int
    end: int
    speaker: str | None
    said_by: str | None
    said_by_start: int | None
    said_by_end: int | None
    cue: str | None


@dataclass(frozen=True)
class Quantity:
    """A number claimed in the body (body offsets), with what it counts and who claims it.

    ``value`` is the number (the lower bound of a range, whose upper bound is ``high``);
    ``approx`` says how it is meant (exact, about, at_least, more_than, less_than, up_to,
    range); ``unit`` is a currency code or "%"; ``counts`` the noun phrase it counts
    ("tentara Korea Utara"); ``claimant`` the entity the sentence attributes it to (None
    when the sentence names nobody), ``claimed_by`` that attribution as written.
    """

    text: str
    start: int
    end: int
    value: float
    high: float | None
    approx: str
    unit: str | None
    counts: str | None
    claimant: str | None
    claimed_by: str | None


@dataclass(frozen=True)
class Event:
    """An act the body reports: actor, action, target, date and place, with its sentence.

    ``action`` is one of the verbs in ``lexicon/events.toml`` (say, demand, condemn, deny,
    confirm, warn, meet, visit, summon, sign, deploy, attack, sanction, test-fire,
    supply) and ``code`` its CAMEO-style code. ``actor``/``target``/``place`` are names of
    the article's entities (an entity's ``stands_for`` tells that "Pyongyang" acts for
    Korea Utara). ``date`` is the ISO value of a time expression in the
    sentence, else None. ``negated``: the act is said not to have happened; ``future``:
    it is announced or expected, not done. ``start``/``end`` span the trigger verb,
    ``sentence_start``/``sentence_end`` the sentence (body offsets).
    """

    action: str
    code: str
    trigger: str
    start: int
    end: int
    actor: str | None
    target: str | None
    date: str | None
    place: str | None
    negated: bool
    future: bool
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class ArticleEntity:
    """One entity of one article, as the corpus stage needs it."""

    article_id: str
    name: str
    type: str
    stands_for: str | None
    surfaces: tuple[str, ...]  # the distinct mention texts
    mentions: int


@dataclass(frozen=True)
class CorpusEntity:
    """An entity across the corpus: display name, type, aliases with counts, and its members."""

    id: str
    name: str
    type: str
    stands_for: str | None
    aliases: tuple[tuple[str, int], ...]  # (surface, number of articles using it), most used first
    members: tuple[tuple[str, str], ...]  # (article id, the article's entity name), sorted; () when not loaded
    mentions: int
    articles: int = 0  # number of articles naming it


@dataclass(frozen=True)
class Cluster:
    """Articles that are near-duplicates of one another (transitively), with the pairs that joined them."""

    id: str
    members: tuple[str, ...]
    pairs: tuple[tuple[str, str, float], ...]  # (article, article, estimated Jaccard)


@dataclass
class Article:
    """A cleaned article: body, removed debris and metadata with evidence."""

    id: str
    source: str
    format: str
    content_hash: str
    raw: str
    body: str
    segments: list[Segment]
    removed: list[Removed]
    url: str | None = None
    title: Field | None = None
    outlet: Field | None = None
    published: Field | None = None
    authors: list[Field] = field(default_factory=list)
    editors: list[Field] = field(default_factory=list)
    wire_agencies: list[Field] = field(default_factory=list)
    cited_outlets: list[Field] = field(default_factory=list)
    dateline: Field | None = None
    language: Field | None = None
    signoff: Field | None = None
    warnings: list[str] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def raw_offset(self, body_offset: int) -> int:
        """Map an offset in ``body`` to the matching offset in ``raw``.

        Takes a body offset in ``[0, len(body)]``; returns the raw offset.
        Raises ``ValueError`` when the offset is outside the body.
        """
        if not 0 <= body_offset <= len(self.body):
            raise ValueError(f"offset {body_offset} outside body of length {len(self.body)}")
        for seg in reversed(self.segments):
            if seg.body_start <= body_offset:
                return seg.raw_start + min(body_offset - seg.body_start, seg.length)
        return 0

    def to_dict(self) -> dict[str, Any]:
        """Return the article as plain JSON-able data (the export contract).

        Written out by hand: ``dataclasses.asdict`` deep-copies every value and cost
        more than cleaning the article did.
        """

        def fld(f: Field | None) -> dict[str, Any] | None:
            return None if f is None else {
                "value": f.value, "evidence": f.evidence, "source": f.source,
                "confidence": f.confidence, "start": f.start, "end": f.end,
            }

        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "content_hash": self.content_hash,
            "raw": self.raw,
            "body": self.body,
            "segments": [{"body_start": s.body_start, "raw_start": s.raw_start, "length": s.length} for s in self.segments],
            "removed": [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in self.removed],
            "url": self.url,
            "title": fld(self.title),
            "outlet": fld(self.outlet),
            "published": fld(self.published),
            "authors": [fld(f) for f in self.authors],
            "editors": [fld(f) for f in self.editors],
            "wire_agencies": [fld(f) for f in self.wire_agencies],
            "cited_outlets": [fld(f) for f in self.cited_outlets],
            "dateline": fld(self.dateline),
            "language": fld(self.language),
            "signoff": fld(self.signoff),
            "warnings": list(self.warnings),
            "times": [
                {"text": t.text, "start": t.start, "end": t.end, "value": t.value,
                 "granularity": t.granularity, "anchor": t.anchor}
                for t in self.times
            ],
            "entities": [
                {"name": e.name, "type": e.type, "stands_for": e.stands_for,
                 "mentions": [{"text": m.text, "start": m.start, "end": m.end, "source": m.source, "role": m.role}
                              for m in e.mentions]}
                for e in self.entities
            ],
            "quotes": [
                {"kind": q.kind, "text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker,
                 "said_by": q.said_by, "said_by_start": q.said_by_start, "said_by_end": q.said_by_end, "cue": q.cue}
                for q in self.quotes
            ],
            "quantities": [
                {"text": q.text, "start": q.start, "end": q.end, "value": q.value, "high": q.high, "approx": q.approx,
                 "unit": q.unit, "counts": q.counts, "claimant": q.claimant, "claimed_by": q.claimed_by}
                for q in self.quantities
            ],
            "events": [
                {"action": e.action, "code": e.code, "trigger": e.trigger, "start": e.start, "end": e.end,
                 "actor": e.actor, "target": e.target, "date": e.date, "place": e.place, "negated": e.negated,
                 "future": e.future, "sentence_start": e.sentence_start, "sentence_end": e.sentence_end}
                for e in self.events
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        """Rebuild an article from ``to_dict`` output; raises ``KeyError`` on missing keys."""

        def fld(v: Any) -> Field | None:
            return Field(**v) if v else None

        return cls(
            id=data["id"],
            source=data["source"],
            format=data["format"],
            content_hash=data["content_hash"],
            raw=data["raw"],
            body=data["body"],
            segments=[Segment(**s) for s in data["segments"]],
            removed=[Removed(**r) for r in data["removed"]],
            url=data.get("url"),
            title=fld(data.get("title")),
            outlet=fld(data.get("outlet")),
            published=fld(data.get("published")),
            authors=[Field(**f) for f in data.get("authors", [])],
            editors=[Field(**f) for f in data.get("editors", [])],
            wire_agencies=[Field(**f) for f in data.get("wire_agencies", [])],
            cited_outlets=[Field(**f) for f in data.get("cited_outlets", [])],
            dateline=fld(data.get("dateline")),
            language=fld(data.get("language")),
            signoff=fld(data.get("signoff")),
            warnings=list(data.get("warnings", [])),
            times=[TimeExpr(**t) for t in data.get("times", [])],
            entities=[
                Entity(e["name"], e["type"], e["stands_for"], [EntityMention(**m) for m in e["mentions"]])
                for e in data.get("entities", [])
            ],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            quantities=[Quantity(**q) for q in data.get("quantities", [])],
            events=[Event(**e) for e in data.get("events", [])],
        )


# -- records of the corpus stages (made in ``corpus/``, stored by ``store/``) --------------------

# what a fact diff is about; ``corpus.factdiff`` says how each is found
DiffKind = Literal["actor_target", "number", "negation", "tense", "date", "event", "place", "quote_speaker",
                   "reversed_relation", "scope", "spelling", "rounding", "quote_to_reported"]
# a distortion changes a fact; a variant says the same thing otherwise; an update is newer news
Verdict = Literal["distortion", "variant", "update"]
# a copy (also a near-duplicate) or a rewrite of one source report
Relation = Literal["copy", "rewrite"]
DIFF_KINDS: tuple[str, ...] = get_args(DiffKind)
VERDICTS: tuple[str, ...] = get_args(Verdict)
RELATIONS: tuple[str, ...] = get_args(Relation)

@dataclass(frozen=True, slots=True)
class SiblingPair:
    """Two articles that are versions of one source report."""

    group: str  # "rw:" + the smallest article id of the group
    a: str  # a < b
    b: str
    relation: Relation
    coverage: float
    source: str | None  # the wire agency both name, else the one their group names first, else None


@dataclass(frozen=True, slots=True)
class FactDiff:
    """One fact on which two aligned sentences differ, with both versions and their offsets."""

    kind: DiffKind
    verdict: Verdict
    a_id: str
    a_start: int
    a_end: int
    a_says: str
    b_id: str
    b_start: int
    b_end: int
    b_says: str
    # what differs: the act or party the two versions belong to ("kirim"; "" when the versions
    # speak for themselves, as figures do) and each side's version ("15.000" / "1.500", "future" /
    # "done", "Rusia -> Ukraina" / "Ukraina -> Rusia"); a side that lacks the fact has ""
    what: str
    a_value: str
    b_value: str
    # of a distortion, the chance that it is one (``confidence``); None for variants and updates
    confidence: float | None = None

    @property
    def detail(self) -> str:
        """The difference as one line of text, for terminals and logs ("kirim: future vs done")."""
        return diff_text(self.what, self.a_value, self.b_value)

    def flipped(self) -> FactDiff:
        """Return the same difference seen from B's side: ids, offsets, texts and versions swapped."""
        return FactDiff(self.kind, self.verdict, self.b_id, self.b_start, self.b_end, self.b_says, self.a_id, self.a_start,
                        self.a_end, self.a_says, self.what, self.b_value, self.a_value, self.confidence)


def diff_text(what: str, a_value: str, b_value: str) -> str:
    """Return a difference as one line: "[what: ]<a's version> vs <b's version>", or ``what`` alone without versions.

    For display only: nothing parses it back (the parts are fields of ``FactDiff``).
    """
    if not a_value and not b_value:
        return what
    return f"{what + ': ' if what else ''}{a_value or '-'} vs {b_value or '-'}"


@dataclass(frozen=True)
class Resolution:
    """Corpus entities (without members), where each (name, type) belongs, and per-article exceptions."""

    entities: list[CorpusEntity]
    name_map: dict[tuple[str, str], str]  # (article entity name, type) -> corpus entity id
    exceptions: list[tuple[str, str, str]]  # (article id, name, corpus entity id): rule 4's undecided names


@dataclass(frozen=True)
class LineCount:
    """One outlet's line: its key, in how many distinct articles it occurs, and whether it is long."""

    outlet: str
    line_key: str
    articles: int
    long: bool


@dataclass(frozen=True)
class TemplateSet:
    """The template line keys of each outlet."""

    keys: Mapping[str, frozenset[str]]

    def outlets(self) -> list[str]:
        """Return the outlets with templates, sorted."""
        return sorted(self.keys)

"""The REST API's response shapes (pydantic models), which its OpenAPI description is built from."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, Generic, TypeVar, get_type_hints

from pydantic import BaseModel, Field, create_model

from telusur.corpus.factdiff import FactDiff
from telusur.corpus.reuse import Reuse
from telusur.corpus.rewrites import SiblingPair
from telusur.model import Event, Quantity, Removed
from telusur.store.search import ArticleHeader

T = TypeVar("T")


def _mirror(name: str, source: type, doc: str, **extra: Any) -> type[BaseModel]:
    """A response model with ``extra`` fields (name: (type, default)) then every field of the dataclass ``source``.

    Keeps the API's shapes in step with the records they come from, instead of a second
    hand-written list of the same fields.
    """
    hints = get_type_hints(source)
    own = {f.name: (hints[f.name], ... if f.default is MISSING else f.default) for f in fields(source)}
    return create_model(name, __doc__=doc, **extra, **own)  # type: ignore[call-overload]


ArticleHeaderOut = _mirror("ArticleHeaderOut", ArticleHeader,
                           "An article in a listing or search result (no body). Search only: ``snippet`` is the body "
                           "text around the hits, each hit between [[ and ]]; ``score`` the BM25 rank, lower is better.")
QuantityOut = _mirror("QuantityOut", Quantity, "A claimed number, what it counts and who claims it, with its article "
                      "and body offsets.", article_id=(str, ...))
EventOut = _mirror("EventOut", Event, "An act an article reports (actor, action, target, date, place), with its body "
                   "offsets.", article_id=(str, ...))
RemovedOut = _mirror("RemovedOut", Removed, "A piece of debris removed from the raw text (raw offsets) and the rule "
                     "that removed it.")
SiblingOut = _mirror("SiblingOut", SiblingPair, "Two versions of one source report: a copy or a rewrite, and how "
                     "much of them aligns.")
FactDiffOut = _mirror("FactDiffOut", FactDiff, "A fact on which ``a_id`` departs from its sibling ``b_id``, with both "
                      "versions (``a_value``, ``b_value``: \"\" where a side lacks the fact), what they belong to "
                      "(``what``) and their offsets; ``detail`` is the same as one line of text, for display.",
                      detail=(str, ...))
ReuseOut = _mirror("ReuseOut", Reuse, "An earlier article (``source``) this article takes passages from: each passage's "
                   "offsets in both bodies, and the share of this article's content they hold.")


class ErrorDetail(BaseModel):
    """What went wrong: the HTTP status and a message naming the parameter, document or id at fault."""

    status: int
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorOut(BaseModel):
    """Every error response of the API."""

    error: ErrorDetail


class PageOut(BaseModel, Generic[T]):
    """One page of a listing: ``total`` items match; this page holds ``items[offset:offset+limit]``."""

    total: int
    limit: int
    offset: int
    items: list[T]


class RunOut(BaseModel):
    """One analysis run."""

    id: int
    started_at: str
    finished_at: str | None
    status: str
    read: int
    new: int
    updated: int
    unchanged: int
    failed: int


class CorpusOut(BaseModel):
    """The corpus a database holds: figures by outlet, language and debris reason, its stories and runs."""

    db: str = Field(description="the database file's name (not its path)")
    schema_version: int
    articles: int
    outlets: dict[str, int]
    languages: dict[str, int]
    debris: dict[str, int]
    stories: int
    entities: int
    duplicate_clusters: int
    sibling_pairs: int
    distortions: int
    runs: list[RunOut]


class AliasOut(BaseModel):
    text: str
    articles: int


class EntityOut(BaseModel):
    """A corpus entity: its display name and every alias outlets use for it."""

    id: str
    name: str
    type: str
    stands_for: str | None
    aliases: list[AliasOut]
    articles: int
    mentions: int


class MemberOut(BaseModel):
    article_id: str
    name: str


class QuoteDepartureOut(BaseModel):
    """A change a rewrite made to the clause a quote is in: kind, what differs (this version, the siblings'), the siblings."""

    kind: str
    what: str = Field(description='The act or party the versions belong to ("" when the versions speak for themselves)')
    this_version: str = Field(description="This article's version of the fact")
    siblings_version: str = Field(description="The faithful siblings' version")
    detail: str = Field(description='The difference as one line of text ("kirim: future vs done"), for display')
    siblings: list[str]


class QuoteOut(BaseModel):
    """A direct quote or reported speech, with its article and body offsets."""

    article_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    said_by: str | None
    cue: str | None
    # when a rewrite changed the clause this quote is in: the change, and the faithful siblings
    departs: list[QuoteDepartureOut] = []


class MentionOut(BaseModel):
    """One mention of an entity: its article, body offsets, text and any role said with it."""

    article_id: str
    text: str
    start: int
    end: int
    role: str | None


class EntityDetailOut(EntityOut):
    """A corpus entity with the articles naming it, every mention, the roles said with it and its quotes."""

    members: list[MemberOut]
    read: int = Field(description="member articles whose mentions, roles and quotes are listed: the latest 500 at most")
    mention_list: list[MentionOut] = Field(description="the mentions in those articles, by article then offset")
    roles: dict[str, int]
    quotes: list[QuoteOut]
    appearances: dict[str, int] = Field(description="articles per publication day")


class ClusterOut(BaseModel):
    """Near-duplicates of one another, with the pairs (and estimated Jaccard) that joined them."""

    id: str
    members: list[str]
    pairs: list[tuple[str, str, float]]


class OutletOut(BaseModel):
    """An outlet's profile: output, first reports, copies, rewrites and the distortions its rewrites carry."""

    outlet: str
    articles: int
    first_reports: int
    copies: int
    rewrites: int
    follow_share: float
    distortions: int
    distorting_articles: int


class StoryHeaderOut(BaseModel):
    """A story: articles of several outlets about one developing story."""

    id: str
    title: str | None
    articles: list[str]
    outlets: list[str]
    first: str | None
    last: str | None


class StoryOut(StoryHeaderOut):
    """A story with its merged events, timeline (event ids in order), claim tracks and cited summary."""

    events: list[dict[str, Any]]
    timeline: list[str]
    claims: list[dict[str, Any]]
    summary: list[dict[str, Any]]


class UploadFailureOut(BaseModel):
    doc_id: str
    stage: str
    reason: str


class UploadOut(BaseModel):
    """What analysing an upload did: counts, the ids stored and the documents that failed, with reasons."""

    run_id: int
    read: int
    new: int
    updated: int
    unchanged: int
    failed: int
    articles: list[str]
    failures: list[UploadFailureOut]

"""The REST API's response shapes (pydantic models), which its OpenAPI description is built from."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


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


class ArticleHeaderOut(BaseModel):
    """An article in a listing or search result (no body)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    words: int
    snippet: str | None = Field(None, description="search only: body text around the hits, each hit between [[ and ]]")
    score: float | None = Field(None, description="search only: BM25 rank, lower is better")


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
    mention_list: list[MentionOut] = Field(description="every mention, by article then offset")
    roles: dict[str, int]
    quotes: list[QuoteOut]
    appearances: dict[str, int] = Field(description="articles per publication day")


class QuantityOut(BaseModel):
    """A claimed number, what it counts and who claims it, with its article and body offsets."""

    article_id: str
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


class EventOut(BaseModel):
    """An act an article reports (actor, action, target, date, place), with its body offsets."""

    article_id: str
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


class RemovedOut(BaseModel):
    """A piece of debris removed from the raw text (raw offsets) and the rule that removed it."""

    start: int
    end: int
    reason: str
    text: str


class ClusterOut(BaseModel):
    """Near-duplicates of one another, with the pairs (and estimated Jaccard) that joined them."""

    id: str
    members: list[str]
    pairs: list[tuple[str, str, float]]


class SiblingOut(BaseModel):
    """Two versions of one source report: a copy or a rewrite, and how much of them aligns."""

    group: str
    a: str
    b: str
    relation: str
    coverage: float
    source: str | None


class FactDiffOut(BaseModel):
    """A fact on which ``a_id`` departs from its sibling ``b_id``, with both versions and their offsets."""

    kind: str
    verdict: str
    a_id: str
    a_start: int
    a_end: int
    a_says: str
    b_id: str
    b_start: int
    b_end: int
    b_says: str
    detail: str


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

"""The REST API (``/api/v1``): read every stored fact with its evidence, search, and upload articles.

One database is one corpus. Listings are paged (``limit`` 1-500, ``offset``); errors are
JSON ``{"error": {"status", "message", "details"}}`` (see ``app.py``). Quotes, numbers and
events are read from the stored article records, so their listings scan the articles
the filters leave (an entity narrows them to its own articles).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile

from telusur.corpus.reuse import find_reuse
from telusur.corpus.support import Support, departures
from telusur.extract.entities import name_key
from telusur.model import Article
from telusur.store import Store
from telusur.store.search import HIT_CLOSE, HIT_OPEN, ArticleFilter, Page
from telusur.web.schemas import (
    ArticleHeaderOut, ClusterOut, CorpusOut, EntityDetailOut, EntityOut, ErrorOut, EventOut, FactDiffOut, OutletOut,
    PageOut, QuantityOut, QuoteOut, RemovedOut, ReuseOut, SiblingOut, StoryHeaderOut, StoryOut, UploadOut,
)
from telusur.web.store_access import open_store
from telusur.web.uploads import MAX_FILES, analyse_uploads
from telusur.web.views import entity_facts, resolve_claimants

ISO_DATE = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$"
MAX_LIMIT = 500

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text} for status, text in (
        (400, "bad request (an unusable search query)"), (404, "no such item"),
        (413, "upload too large"), (415, "unsupported upload"), (422, "invalid parameter"))}

router = APIRouter(prefix="/api/v1", responses=ERRORS)

StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Outlet = Annotated[str | None, Query(max_length=200, description="outlet name or domain")]
Language = Annotated[str | None, Query(max_length=12, description="language code: id, ms, en, other")]
Since = Annotated[str | None, Query(pattern=ISO_DATE, description="published on or after (ISO date or date-time)")]
Until = Annotated[str | None, Query(pattern=ISO_DATE, description="published on or before (a date includes its day)")]
EntityId = Annotated[str | None, Query(max_length=300, description="only articles naming this corpus entity (its id)")]


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} {key!r} in this corpus")


def _page(page: Page, items: list[Any]) -> dict[str, Any]:
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "items": items}


def _header(h: Any) -> dict[str, Any]:
    out = asdict(h)
    if h.snippet is not None:
        out["snippet"] = h.snippet.replace(HIT_OPEN, "[[").replace(HIT_CLOSE, "]]")
    return out


@router.get("/corpus", response_model=CorpusOut, summary="The corpus: figures, stories, runs")
def corpus(store: StoreDep) -> dict[str, Any]:
    """Return the corpus figures: articles by outlet and language, debris by reason, and what the corpus stages found."""
    stats = store.stats()
    return {"db": store.path.name, "schema_version": store.schema_version, "articles": store.count(),
            "outlets": stats["outlets"], "languages": stats["languages"], "debris": stats["reasons"],
            **store.corpus_counts(), "runs": store.runs()}


@router.get("/articles", response_model=PageOut[ArticleHeaderOut], summary="List articles")
def articles(store: StoreDep, outlet: Outlet = None, language: Language = None, since: Since = None, until: Until = None,
             entity: EntityId = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of stored articles, by publication time, filtered by outlet, language, date range and entity."""
    page = store.list_articles(ArticleFilter(outlet, language, since, until, entity), limit, offset)
    return _page(page, [_header(h) for h in page.items])


@router.get("/search", response_model=PageOut[ArticleHeaderOut], summary="Full-text search")
def search_articles(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500, description="words and \"phrases\"; all must match")],
                    outlet: Outlet = None, language: Language = None, since: Since = None, until: Until = None,
                    entity: EntityId = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of the articles matching every word and phrase of ``q`` (titles weigh more), best first."""
    try:
        page = store.search_articles(q, ArticleFilter(outlet, language, since, until, entity), limit, offset)
    except ValueError as exc:
        raise HTTPException(400, f"query {q!r}: {exc}") from None
    return _page(page, [_header(h) for h in page.items])


def _article(store: Store, article_id: str) -> Article:
    article = store.article(article_id)
    if article is None:
        raise _not_found("article", article_id)
    return article


@router.get("/articles/{article_id:path}/debris", response_model=list[RemovedOut], summary="An article's removed debris")
def article_debris(store: StoreDep, article_id: str) -> list[dict[str, Any]]:
    """Return every piece removed from the article's raw text, with raw offsets and the reason."""
    return [asdict(r) for r in _article(store, article_id).removed]


@router.get("/articles/{article_id:path}/reuse", response_model=list[ReuseOut],
            summary="Passages the article takes from earlier articles")
def article_reuse(store: StoreDep, article_id: str) -> list[dict[str, Any]]:
    """Return the earlier articles this one takes passages from (partial reuse), most reused first,
    each passage with its offsets in both bodies."""
    _article(store, article_id)
    return [asdict(r) for r in find_reuse(article_id, store.term_signatures(), store.body, with_words=store.ids_with_words)]


@router.get("/articles/{article_id:path}", response_model=dict[str, Any], summary="One article, every field with its evidence")
def article(store: StoreDep, article_id: str,
            raw: Annotated[bool, Query(description="include the raw text as read")] = False) -> dict[str, Any]:
    """Return the article's record: clean body, metadata with evidence, removed debris, entities, quotes, numbers, dates, events."""
    record = _article(store, article_id).to_dict()
    if not raw:
        record.pop("raw", None)
    return record


@router.get("/entities", response_model=PageOut[EntityOut], summary="Corpus entities with their aliases")
def entities(store: StoreDep, min_articles: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
             type: Annotated[str | None, Query(pattern=r"^(PER|ORG|GPE|LOC)$")] = None,
             name: Annotated[str | None, Query(max_length=200, description="name or alias contains this (case-insensitive)")] = None,
             limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of corpus entities, most widespread first."""
    total, found = store.list_entities(min_articles, type, name, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": [_entity(e) for e in found]}


def _entity(e: Any) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "stands_for": e.stands_for,
            "aliases": [{"text": a, "articles": n} for a, n in e.aliases], "articles": e.articles, "mentions": e.mentions}


def _quote(article_id: str, q: Any, support: Support | None = None) -> dict[str, Any]:
    changed = support.departing(article_id, q.start, q.end) if support is not None else []
    return {"article_id": article_id, "kind": q.kind, "text": q.text, "start": q.start, "end": q.end,
            "speaker": q.speaker, "said_by": q.said_by, "cue": q.cue,
            "departs": [{"kind": d.kind, "what": d.what, "this_version": d.a_value, "siblings_version": d.b_value,
                         "detail": d.detail, "siblings": [v.article_id for v in d.siblings]} for d in changed]}


def speaker_names(store: Store, speaker: str) -> dict[str, set[str]]:
    """Return article id -> the names under which the person ``speaker`` names is written there.

    Takes a name as a user types it ("Zelensky"); the corpus entities whose name or an
    alias has the same spelling key (``name_key``: Zelenskyy, Zelenskiy, Zelensky), or ends
    with it as whole words ("Volodymyr Zelensky"), give their members. Never raises.
    """
    key = name_key(speaker)
    out: dict[str, set[str]] = {}
    if not key:
        return out
    # spelling variants share their first letters: only entities holding the longest word's read in full
    probe = max(speaker.split(), key=len)[:4].casefold()
    for row in store.entities_written_like(probe):
        written = [row[1], *(a for a, _ in json.loads(row[2]))]
        keys = {name_key(w) for w in written}
        if any(k == key or k.endswith(" " + key) or k.startswith(key + " ") for k in keys):
            entity = store.corpus_entity(row[0])
            for article_id, name in entity.members if entity else ():
                out.setdefault(article_id, set()).add(name)
    return out


@router.get("/entities/{entity_id:path}", response_model=EntityDetailOut, summary="One entity: aliases, roles, quotes, appearances")
def entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    """Return the entity with its member articles, mentions, the roles said with it, its quotes and its articles per day.

    Mentions, roles and quotes come from the entity's latest 500 articles (``read``).
    """
    facts = entity_facts(store, entity_id)
    if facts is None:
        raise _not_found("entity", entity_id)
    e = facts.entity
    support = Support(departures(store.fact_diffs("distortion", of=sorted({a for a, _ in facts.quotes}))))
    days = Counter(h.published[:10] for h in facts.articles if h.published)
    return {**_entity(e), "members": [{"article_id": a, "name": n} for a, n in e.members],
            "roles": dict(facts.roles.most_common()), "read": facts.read,
            "mention_list": [{"article_id": a, "text": m.text, "start": m.start, "end": m.end, "role": m.role}
                             for a, m in facts.mentions],
            "quotes": [_quote(a, q, support) for a, q in facts.quotes], "appearances": dict(sorted(days.items()))}


def _scan(store: Store, flt: ArticleFilter, article_id: str | None) -> Iterator[tuple[Article, set[str] | None]]:
    """Articles under the filters (the SQL of the listings), each with the entity's names in it (None without one)."""
    if article_id is not None:
        yield _article(store, article_id), None
        return
    names: dict[str, set[str]] | None = None
    if flt.entity is not None:
        e = store.corpus_entity(flt.entity)
        if e is None:
            raise _not_found("entity", flt.entity)
        names = {}
        for a, n in e.members:
            names.setdefault(a, set()).add(n)
    for art in store.articles_by_id(store.filtered_ids(flt)):
        yield art, None if names is None else names.get(art.id, set())


def _paged(items: Iterator[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    total, page = 0, []
    for item in items:
        if offset <= total < offset + limit:
            page.append(item)
        total += 1
    return {"total": total, "limit": limit, "offset": offset, "items": page}


ArticleId = Annotated[str | None, Query(max_length=2000, description="only this article")]


@router.get("/quotes", response_model=PageOut[QuoteOut], summary="Quotes and reported speech, by speaker")
def quotes(store: StoreDep, speaker: Annotated[str | None, Query(max_length=200, description="speaker's name as the article resolves it")] = None,
           entity: EntityId = None, article: ArticleId = None, outlet: Outlet = None, since: Since = None, until: Until = None,
           kind: Annotated[str | None, Query(pattern=r"^(direct|reported)$")] = None,
           limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of quotes, filtered by speaker (name or corpus entity), article, outlet, dates and kind.

    ``speaker`` matches the person under any spelling or alias the corpus knows
    ("Zelensky" finds Zelenskiy and Zelenskyy). A quote inside a clause that a rewrite
    changed lists the change under ``departs``: it is that rewrite's version, not support.
    """
    spoken = speaker_names(store, speaker) if speaker else {}
    support = Support(departures(store.fact_diffs("distortion")))

    def items() -> Iterator[dict[str, Any]]:
        for a, names in _scan(store, ArticleFilter(outlet, None, since, until, entity), article):
            for q in a.quotes:
                if (names is None or q.speaker in names) \
                        and (speaker is None or q.speaker == speaker or q.speaker in spoken.get(a.id, ())) \
                        and (kind is None or q.kind == kind):
                    yield _quote(a.id, q, support)
    return _paged(items(), limit, offset)


@router.get("/quantities", response_model=PageOut[QuantityOut], summary="Claimed numbers: what they count, who claims them")
def quantities(store: StoreDep, counts: Annotated[str | None, Query(max_length=200, description="what is counted contains this")] = None,
               claimant: Annotated[str | None, Query(max_length=200)] = None, article: ArticleId = None,
               outlet: Outlet = None, since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of numbers claimed in the articles, filtered by what they count, claimant, article, outlet and dates."""
    def items() -> Iterator[dict[str, Any]]:
        for a, _ in _scan(store, ArticleFilter(outlet, None, since, until), article):
            for n in a.quantities:
                if (counts is None or (n.counts and counts.casefold() in n.counts.casefold())) \
                        and (claimant is None or n.claimant == claimant):
                    yield {"article_id": a.id, **asdict(n)}
    return _paged(items(), limit, offset)


@router.get("/events", response_model=PageOut[EventOut], summary="Events: actor, action, target, date, place")
def events(store: StoreDep, action: Annotated[str | None, Query(max_length=40)] = None,
           actor: Annotated[str | None, Query(max_length=200)] = None, article: ArticleId = None,
           outlet: Outlet = None, since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of the events the articles report (per mention; a story's merged events are under /stories)."""
    def items() -> Iterator[dict[str, Any]]:
        for a, _ in _scan(store, ArticleFilter(outlet, None, since, until), article):
            for e in a.events:
                if (action is None or e.action == action) and (actor is None or e.actor == actor):
                    yield {"article_id": a.id, **asdict(e)}
    return _paged(items(), limit, offset)


@router.get("/duplicates", response_model=list[ClusterOut], summary="Near-duplicate clusters")
def duplicates(store: StoreDep) -> list[dict[str, Any]]:
    """Return the near-duplicate clusters (MinHash LSH over bodies) with the pairs that joined them."""
    return [{"id": c.id, "members": list(c.members), "pairs": [list(p) for p in c.pairs]} for c in store.near_duplicates()]


@router.get("/siblings", response_model=list[SiblingOut], summary="Rewrite clusters: versions of one source report")
def siblings(store: StoreDep, group: Annotated[str | None, Query(max_length=2000)] = None) -> list[dict[str, Any]]:
    """Return the sibling pairs (copies and rewrites of one source report), optionally of one group."""
    return [asdict(p) for p in store.sibling_pairs() if group is None or p.group == group]


@router.get("/distortions", response_model=PageOut[FactDiffOut], summary="Facts on which a rewrite departs from its siblings")
def distortions(store: StoreDep, verdict: Annotated[str, Query(pattern=r"^(distortion|variant|update|all)$")] = "distortion",
                article: ArticleId = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Return a page of fact diffs (distortions by default; ``verdict=all`` for variants and updates too)."""
    found = store.fact_diffs(None if verdict == "all" else verdict, of=None if article is None else [article])
    return {"total": len(found), "limit": limit, "offset": offset, "items": [{"detail": d.detail, **asdict(d)} for d in found[offset:offset + limit]]}


@router.get("/outlets", response_model=list[OutletOut], summary="Outlet profiles")
def outlets(request: Request, store: StoreDep) -> list[dict[str, Any]]:
    """Return each outlet's profile: articles, first reports, copies, rewrites and the distortions its rewrites carry."""
    return [{**asdict(p), "follow_share": p.follow_share} for p in request.app.state.cache.outlet_profiles(store).values()]


@router.get("/stories", response_model=list[StoryHeaderOut], summary="Stories across outlets")
def stories(store: StoreDep) -> list[Any]:
    """Return every story's header (articles, outlets, first and last day), largest first."""
    return [store.story_view(sid, "story") for sid in store.story_ids()]


def _story(store: Store, story_id: str) -> dict[str, Any]:
    header = store.story_view(story_id, "story")
    if not isinstance(header, dict):
        raise _not_found("story", story_id)
    return header


@router.get("/stories/{story_id:path}/timeline", response_model=list[dict[str, Any]], summary="A story's timeline")
def story_timeline(store: StoreDep, story_id: str) -> list[Any]:
    """Return the story's merged events in timeline order, each with the mentions (article, offsets) it rests on."""
    _story(store, story_id)
    by_id = {e["id"]: e for e in store.story_view(story_id, "events") or []}  # type: ignore[union-attr]
    return [by_id[e] for e in store.story_view(story_id, "timeline") or [] if e in by_id]  # type: ignore[union-attr]


@router.get("/stories/{story_id:path}/claims", response_model=list[dict[str, Any]], summary="A story's claim tracks")
def story_claims(store: StoreDep, story_id: str) -> list[Any]:
    """Return the story's claim tracks: points (figure or stance, claimant, day, evidence) and labelled pairs.

    ``claimant`` names the claimant's corpus entity; ``claimed_as`` is the name as the article wrote it.
    """
    _story(store, story_id)
    return resolve_claimants(store, store.story_view(story_id, "claims") or [])  # type: ignore[arg-type]


@router.get("/stories/{story_id:path}/summary", response_model=list[dict[str, Any]], summary="A story's cited summary")
def story_summary(store: StoreDep, story_id: str) -> list[Any]:
    """Return the story's summary sentences, each with its article, offsets and the articles it cites."""
    _story(store, story_id)
    return store.story_view(story_id, "summary") or []  # type: ignore[return-value]


@router.get("/stories/{story_id:path}", response_model=StoryOut, summary="One story with all its views")
def story(store: StoreDep, story_id: str) -> dict[str, Any]:
    """Return the story with its merged events, timeline, claim tracks and summary."""
    header = _story(store, story_id)
    views = {k: store.story_view(story_id, k) or [] for k in ("events", "timeline", "claims", "summary")}
    return {**header, **views, "claims": resolve_claimants(store, views["claims"])}  # type: ignore[arg-type]


@router.post("/articles", response_model=UploadOut, status_code=201, summary="Upload articles to analyse")
def upload(request: Request, files: Annotated[list[UploadFile], File(min_length=1, max_length=MAX_FILES, description="text, HTML, JSON, JSONL, CSV/TSV or WARC files")]) -> dict[str, Any]:
    """Analyse the uploaded files into the corpus and return what was stored and what failed (with reasons).

    Each file should have a supported extension (``web.uploads.SUFFIXES``: text, HTML,
    JSON, JSONL, CSV/TSV, WARC); one that has not, or is over the size limit, is listed
    among the failures and the others are analysed (415 or 413 only when every file is
    refused). The whole request is limited in size (413 beyond it).
    """
    return analyse_uploads(request.app.state.settings, files)

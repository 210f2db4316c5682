"""What the pages and the report show, assembled from the store as plain data.

Each function takes an open Store (or an Article) and a ``Links`` that says how to
address an article and a piece of evidence, so the same views serve the web app (links
to pages) and the single-file report (links to anchors in the file). Nothing here
escapes or builds markup: the templates do, with autoescaping on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from telusur.corpus.factdiff import FactDiff
from telusur.model import Article, CorpusEntity, EntityMention, Quote
from telusur.store import Store
from telusur.store.search import ArticleHeader, headers
from telusur.web.figures import appearances_figure, claim_figure, rewrite_figure, timeline_figure
from telusur.web.highlight import Span, runs

MATRIX_EVENTS = 14
CLAIM_CHARTS = 8
ENTITY_QUOTES = 200
ENTITY_ARTICLES = 500  # latest member articles whose records an entity page reads
GRAPH_PAIRS = 300  # sibling pairs drawn and listed on a story page
SHOWN_DISTORTIONS = 200
SPEAKER_ARTICLES = 200  # articles of a story whose quotes its page groups by speaker


@dataclass(frozen=True)
class Links:
    """How views address things: ``article(id)``, ``evidence(id, start, end)`` and ``entity(id)`` return hrefs.

    ``entity`` may return None where there is no entity page (the report).
    """

    article: Callable[[str], str]
    evidence: Callable[[str, int, int], str]
    entity: Callable[[str], str | None]


def _header_dict(h: ArticleHeader | None, article_id: str) -> dict[str, Any]:
    if h is None:
        return {"id": article_id, "title": None, "outlet": None, "published": None}
    return {"id": h.id, "title": h.title, "outlet": h.outlet, "published": h.published}


def article_view(article: Article, evidence: tuple[int, int] | None, entity_ids: dict[str, str]) -> dict[str, Any]:
    """Return the article page's data: body runs with entities, quotes, numbers and dates marked, and debris runs.

    Takes the article, an optional evidence range in the body (marked and anchored
    ``evidence``) and the article's entity name -> corpus entity id. Raises nothing:
    an evidence range outside the body is clipped.
    """
    spans: list[Span] = []
    for e in article.entities:
        for m in e.mentions:
            spans.append(Span(m.start, m.end, "entity", f"{e.type}: {e.name}" + (f" ({m.role})" if m.role else "")))
    for q in article.quotes:
        spans.append(Span(q.start, q.end, "quote", f"{q.kind} quote, {q.speaker or q.said_by or 'speaker undecided'}"))
    for n in article.quantities:
        what = " ".join(x for x in (n.counts or "", f"claimed by {n.claimant}" if n.claimant else "") if x)
        spans.append(Span(n.start, n.end, "number", f"{n.value:,.10g} {n.unit or ''} [{n.approx}] {what}".strip()))
    for t in article.times:
        spans.append(Span(t.start, t.end, "date", f"{t.text} → {t.value or 'unresolved'} ({t.anchor})"))
    if evidence is not None:
        spans.append(Span(evidence[0], evidence[1], "evidence", "the evidence you followed", anchor="evidence"))
    debris = [Span(r.start, r.end, "debris", r.reason) for r in article.removed]
    return {
        "article": article,
        "body_runs": runs(article.body, spans),
        "raw_runs": runs(article.raw, debris),
        "entity_ids": entity_ids,
        "evidence": evidence,
        "counts": {"entities": len(article.entities), "quotes": len(article.quotes), "numbers": len(article.quantities),
                   "dates": len(article.times), "events": len(article.events), "debris": len(article.removed)},
    }


def _distortion_kinds(diffs: list[FactDiff]) -> dict[tuple[str, str], list[str]]:
    kinds: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d in diffs:
        kinds[(min(d.a_id, d.b_id), max(d.a_id, d.b_id))].append(d.kind)
    return dict(kinds)


def story_view(store: Store, story_id: str, links: Links) -> dict[str, Any] | None:
    """Return the story page's data, or None when the story is unknown.

    Holds the header, summary (each sentence with links to the articles it cites), merged
    events and timeline, the outlets x events matrix, claim tracks with charts, the
    rewrite graph and its pairs, distortions, and quotes grouped by speaker.
    """
    story = store.story_view(story_id, "story")
    if not isinstance(story, dict):
        return None
    events: list[dict[str, Any]] = store.story_view(story_id, "events") or []  # type: ignore[assignment]
    timeline: list[str] = store.story_view(story_id, "timeline") or []  # type: ignore[assignment]
    claims: list[dict[str, Any]] = store.story_view(story_id, "claims") or []  # type: ignore[assignment]
    summary: list[dict[str, Any]] = store.story_view(story_id, "summary") or []  # type: ignore[assignment]
    members = set(story["articles"])
    pairs = store.sibling_pairs(of=sorted(members))
    ids = sorted(members | {x for p in pairs for x in (p.a, p.b)})
    heads = headers(store.conn, ids)
    nodes = {a: _header_dict(heads.get(a), a) for a in ids}
    by_id = {e["id"]: e for e in events}
    distortions = store.fact_diffs("distortion", of=sorted(members))
    pair_dicts = [{"group": p.group, "a": p.a, "b": p.b, "relation": p.relation, "coverage": p.coverage,
                   "source": p.source} for p in pairs]
    claims = resolve_claimants(store, claims)
    ordered = sorted(members, key=lambda a: (nodes[a]["published"] or "", a))
    # a large story's page shows a bounded share: the graph's strongest pairs, the first
    # distortions, the quotes of articles spread evenly over its course (counts say the rest)
    shown_pairs = sorted(pair_dicts, key=lambda p: (p["group"], -p["coverage"], p["a"], p["b"]))[:GRAPH_PAIRS]
    step = max(1, -(-len(ordered) // SPEAKER_ARTICLES))
    return {
        "story": story,
        "articles": [nodes[a] for a in ordered],
        "summary": [{**s, "href": links.evidence(s["article_id"], s["start"], s["end"]),
                     "cited": [{**nodes.get(c, {"id": c}), "href": links.article(c)} for c in s["cites"]]} for s in summary],
        "timeline": [{**by_id[eid], "href": links.evidence(by_id[eid]["mentions"][0]["article_id"],
                                                          by_id[eid]["mentions"][0]["sentence_start"],
                                                          by_id[eid]["mentions"][0]["sentence_end"])}
                     for eid in timeline if eid in by_id],
        "timeline_figure": timeline_figure(events, timeline, links.evidence),
        "matrix": _matrix(events, timeline, nodes, links),
        "claims": [{**t, "points": [{**p, "href": links.evidence(p["article_id"], p["start"], p["end"])} for p in t["points"]],
                    "figure": claim_figure(t, links.evidence) if i < CLAIM_CHARTS else None,
                    "labels": dict(Counter(p["label"] for p in t["pairs"]))} for i, t in enumerate(claims)],
        "siblings": shown_pairs,
        "sibling_count": len(pair_dicts),
        "rewrite_figure": rewrite_figure(shown_pairs, _distortion_kinds(distortions), nodes, links.article),
        "distortions": [{**asdict(d), "a_href": links.evidence(d.a_id, d.a_start, d.a_end),
                         "b_href": links.evidence(d.b_id, d.b_start, d.b_end),
                         "a_outlet": nodes.get(d.a_id, {}).get("outlet"), "b_outlet": nodes.get(d.b_id, {}).get("outlet")}
                        for d in distortions[:SHOWN_DISTORTIONS]],
        "distortion_count": len(distortions),
        "speakers": _speakers(store, sorted(ordered[::step]), nodes, links),
        "speaker_articles": len(ordered[::step]),
    }


def resolve_claimants(store: Store, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim tracks with each claimant named as its corpus entity (Zelensky, Zelenskyy and Zelenskiy are one line)."""
    keys = {(p["article_id"], p["claimant"]) for t in claims for p in t["points"] if p["claimant"]}
    entity_of = store.entity_ids(sorted({a for a, _ in keys}))
    names = store.entity_names(entity_of[k] for k in keys if k in entity_of)

    def named(p: dict[str, Any]) -> dict[str, Any]:
        eid = entity_of.get((p["article_id"], p["claimant"]))
        return {**p, "claimant": names.get(eid, p["claimant"]) if eid else p["claimant"], "claimed_as": p["claimant"]}

    return [{**t, "points": [named(p) for p in t["points"]]} for t in claims]


def _matrix(events: list[dict[str, Any]], timeline: list[str], nodes: dict[str, dict[str, Any]], links: Links) -> dict[str, Any]:
    """Outlets x events: when each outlet first reported each of the most widely reported events."""
    by_id = {e["id"]: e for e in events}
    ranked = sorted((by_id[e] for e in timeline if e in by_id), key=lambda e: -len(e["articles"]))[:MATRIX_EVENTS]
    chosen = [e for e in (by_id[t] for t in timeline if t in by_id) if e in ranked]
    outlets = sorted({n["outlet"] or "?" for n in nodes.values()})
    cells: dict[str, dict[str, dict[str, str]]] = {o: {} for o in outlets}
    for e in chosen:
        for m in e["mentions"]:
            node = nodes.get(m["article_id"], {})
            outlet, day = node.get("outlet") or "?", (node.get("published") or "")[:10]
            held = cells.setdefault(outlet, {}).get(e["id"])
            if held is None or day < held["day"]:
                cells[outlet][e["id"]] = {"day": day, "href": links.evidence(m["article_id"], m["sentence_start"],
                                                                              m["sentence_end"])}
    return {"events": chosen, "outlets": [o for o in outlets if cells.get(o)], "cells": cells}


def _speakers(store: Store, article_ids: list[str], nodes: dict[str, dict[str, Any]], links: Links) -> list[dict[str, Any]]:
    """Quotes of the story's articles grouped by the corpus entity of their speaker, most quoted first."""
    entity_of = store.entity_ids(article_ids)
    names = store.entity_names(entity_of.values())
    groups: dict[str, dict[str, Any]] = {}
    for article in store.articles_by_id(article_ids):
        for q in article.quotes:
            if not q.speaker:
                continue
            eid = entity_of.get((article.id, q.speaker))
            g = groups.setdefault(eid or q.speaker, {"speaker": names.get(eid, q.speaker) if eid else q.speaker, "entity_id": eid,
                                                     "href": links.entity(eid) if eid else None, "quotes": []})
            g["quotes"].append({"kind": q.kind, "text": q.text, "said_by": q.said_by, "article_id": article.id,
                                "outlet": nodes.get(article.id, {}).get("outlet"),
                                "published": nodes.get(article.id, {}).get("published"),
                                "href": links.evidence(article.id, q.start, q.end)})
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))


@dataclass
class EntityFacts:
    """What the corpus says of one entity: its record, and from its latest articles its mentions, roles and quotes.

    ``articles`` are the headers of every member article (by publication time);
    ``mentions`` and ``quotes`` are ``(article id, mention or quote)`` read from at most
    ENTITY_ARTICLES of the latest members (``read`` says how many), so a page about an
    entity named in 50,000 articles decodes a bounded number of records.
    """

    entity: CorpusEntity
    articles: list[ArticleHeader]
    roles: Counter[str]
    mentions: list[tuple[str, EntityMention]]
    quotes: list[tuple[str, Quote]]
    read: int


def entity_facts(store: Store, entity_id: str) -> EntityFacts | None:
    """Return what the corpus says of the entity ``entity_id``, or None when it is unknown."""
    entity = store.corpus_entity(entity_id)
    if entity is None:
        return None
    names: dict[str, set[str]] = defaultdict(set)
    for article_id, name in entity.members:
        names[article_id].add(name)
    heads = sorted(headers(store.conn, sorted(names)).values(), key=lambda h: (h.published or "", h.id))
    latest = [h.id for h in heads[-ENTITY_ARTICLES:]]
    facts = EntityFacts(entity, heads, Counter(), [], [], len(latest))
    for article in store.articles_by_id(latest):
        own = names[article.id]
        for e in article.entities:
            if e.name in own:
                facts.roles.update(m.role for m in e.mentions if m.role)
                facts.mentions += [(article.id, m) for m in sorted(e.mentions, key=lambda m: m.start)]
        facts.quotes += [(article.id, q) for q in article.quotes if q.speaker in own]
    return facts


def entity_view(store: Store, entity_id: str, links: Links) -> dict[str, Any] | None:
    """Return the entity page's data (aliases, roles, quotes, appearances over time), or None when unknown."""
    facts = entity_facts(store, entity_id)
    if facts is None:
        return None
    heads = {h.id: h for h in facts.articles}
    quotes = [{"kind": q.kind, "text": q.text, "said_by": q.said_by, "article_id": a, "outlet": heads[a].outlet,
               "published": heads[a].published, "href": links.evidence(a, q.start, q.end)} for a, q in facts.quotes]
    days = Counter((h.published or "")[:10] for h in facts.articles if h.published)
    return {"entity": facts.entity, "roles": facts.roles.most_common(), "read": facts.read,
            "quotes": sorted(quotes, key=lambda q: (q["published"] or "", q["article_id"]))[:ENTITY_QUOTES],
            "articles": [{**_header_dict(h, h.id), "href": links.article(h.id)} for h in facts.articles],
            "appearances_figure": appearances_figure(days)}

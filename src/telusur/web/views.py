"""What the pages and the report show, assembled from the store as plain data.

Each function takes an open Store (or an Article) and a ``Links`` that says how to
address an article and a piece of evidence, so the same views serve the web app (links
to pages) and the single-file report (links to anchors in the file). Nothing here
escapes or builds markup: the templates do, with autoescaping on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from telusur.corpus.outlets import OutletProfile, outlet_profiles
from telusur.corpus.support import MISATTRIBUTION, Support, departures
from telusur.model import Article, CorpusEntity, EntityMention, FactDiff, Quote, diff_text
from telusur.store import Store
from telusur.store.search import ArticleHeader
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


def article_view(article: Article, evidence: tuple[int, int] | None, entity_ids: dict[str, str],
                 marks: Sequence[Span] = ()) -> dict[str, Any]:
    """Return the article page's data: body runs with entities, quotes, numbers and dates marked, and debris runs.

    Takes the article, an optional evidence range in the body (marked and anchored
    ``evidence``), the article's entity name -> corpus entity id and further body marks
    (``departure_spans``). Raises nothing: an evidence range outside the body is clipped.
    """
    spans: list[Span] = list(marks)
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


def departure_spans(article_id: str, relations: dict[str, Any]) -> list[Span]:
    """Return body marks for an article's departures (``article_relations``): what it changed, and what siblings changed.

    A clause the article changed is marked ``departs``, noting the siblings' version; a
    clause of its own that a sibling changed is marked ``departed``, noting the change.
    """
    out = []
    for d in relations["changes"]:
        theirs = "; ".join(f"{v['outlet'] or v['article_id']}: {v['says']}" for v in d["siblings"][:3])
        out.append(Span(d["departing"]["start"], d["departing"]["end"], "departs", f"{d['kind']} changed ({diff_text(d['what'], d['a_value'], d['b_value'])}); {theirs}"))
    for d in relations["changed_by_others"]:
        for v in d["siblings"]:
            if v["article_id"] == article_id:
                who = d["departing"]["outlet"] or d["departing"]["article_id"]
                out.append(Span(v["start"], v["end"], "departed", f"{who} changes this ({d['kind']}): {d['departing']['says']}"))
    return out


def article_relations(store: Store, article: Article, links: Links,
                      profiles: Mapping[str, OutletProfile] | None = None) -> dict[str, Any]:
    """Return what an article page says first: what the article is to other articles, where it departs, its outlet.

    Takes the store, the article and the links. Returns ``families`` (each sibling group
    it belongs to: the earliest report, and this article's place, "original" or the
    relation to it), ``siblings`` (its sibling pairs with the other side's header),
    ``changes`` (the facts it changes against its siblings, one per fact, with their
    versions), ``changed_by_others`` (facts siblings change against it) and ``outlet``
    (its outlet's profile: articles, first reports, copies, rewrites, distortions), all
    with evidence links. ``profiles`` (every outlet's, by name) saves computing the
    corpus's profiles here (the web app keeps them per database state).
    """
    pairs = store.sibling_pairs(of=[article.id])
    others = sorted({x for p in pairs for x in (p.a, p.b)} - {article.id})
    groups: dict[str, set[str]] = {}
    for p in store.sibling_pairs(of=others) if others else []:
        groups.setdefault(p.group, set()).update((p.a, p.b))
    ids = sorted({article.id, *others, *(x for members in groups.values() for x in members)})
    heads = store.headers(ids)
    nodes = {a: _header_dict(heads.get(a), a) for a in ids}
    relation = {frozenset((p.a, p.b)): p.relation for p in pairs}
    families = []
    for group, group_ids in sorted(groups.items()):
        if article.id not in group_ids:
            continue
        members = sorted(group_ids, key=lambda a: (nodes[a]["published"] or "9999", a))
        origin = members[0]
        families.append({"group": group, "origin": {**nodes[origin], "href": links.article(origin)},
                         "role": "original" if origin == article.id else relation.get(frozenset((origin, article.id)), "rewrite"),
                         "size": len(members)})
    support = Support(departures(store.fact_diffs("distortion", of=[article.id])))
    outlet = article.outlet.value["name"] if article.outlet else None
    if profiles is None:
        profiles = {p.outlet: p for p in outlet_profiles(store.article_outlets(), store.sibling_pairs(),
                                                         store.fact_diffs("distortion", texts=False))}
    profile = profiles.get(outlet) if outlet else None
    return {
        "families": families,
        "siblings": [{"relation": p.relation, "coverage": p.coverage, "source": p.source,
                      **nodes[p.b if p.a == article.id else p.a], "href": links.article(p.b if p.a == article.id else p.a)}
                     for p in pairs],
        "changes": [departure_view(asdict(d), nodes, links) for d in support.of_article(article.id)],
        "changed_by_others": [departure_view(asdict(d), nodes, links) for d in support.against_article(article.id)],
        "outlet": profile,
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
    heads = store.headers(ids)
    nodes = {a: _header_dict(heads.get(a), a) for a in ids}
    by_id = {e["id"]: e for e in events}
    distortions = store.fact_diffs("distortion", of=sorted(members))
    support = Support(departures(distortions))
    changed = [asdict(d) for d in support.all]
    pair_dicts = [{"group": p.group, "a": p.a, "b": p.b, "relation": p.relation, "coverage": p.coverage,
                   "source": p.source} for p in pairs]
    claims = resolve_claimants(store, claims)
    ordered = sorted(members, key=lambda a: (nodes[a]["published"] or "", a))
    # a large story's page shows a bounded share: the graph's strongest pairs, the first
    # distortions, the quotes of articles spread evenly over its course (counts say the rest)
    shown_pairs = sorted(pair_dicts, key=lambda p: (p["group"], -p["coverage"], p["a"], p["b"]))[:GRAPH_PAIRS]
    step = max(1, -(-len(ordered) // SPEAKER_ARTICLES))
    shown_claims = [{**t, "points": [{**p, "href": links.evidence(p["article_id"], p["start"], p["end"])} for p in t["points"]],
                     "figure": claim_figure(t, links.evidence) if i < CLAIM_CHARTS else None,
                     "labels": dict(Counter(p["label"] for p in t["pairs"]))} for i, t in enumerate(claims)]
    shown_changes = [departure_view(d, nodes, links) for d in changed[:SHOWN_DISTORTIONS]]
    return {
        "story": story,
        "articles": [nodes[a] for a in ordered],
        "lead": story_lead(ordered, nodes, pair_dicts, shown_changes, shown_claims, links),
        "summary": [{**s, "href": links.evidence(s["article_id"], s["start"], s["end"]),
                     "cited": [{**nodes.get(c, {"id": c}), "href": links.article(c)} for c in s["cites"]],
                     "departures": [departure_view(d, nodes, links) for d in s.get("departures", [])]} for s in summary],
        "timeline": [{**by_id[eid], "href": links.evidence(by_id[eid]["mentions"][0]["article_id"],
                                                          by_id[eid]["mentions"][0]["sentence_start"],
                                                          by_id[eid]["mentions"][0]["sentence_end"]),
                      "departures": [departure_view(d, nodes, links) for d in by_id[eid].get("departures", [])]}
                     for eid in timeline if eid in by_id],
        "timeline_figure": timeline_figure(events, timeline, links.evidence),
        "matrix": _matrix(events, timeline, nodes, links),
        "claims": shown_claims,
        "siblings": shown_pairs,
        "sibling_count": len(pair_dicts),
        "rewrite_figure": rewrite_figure(shown_pairs, _distortion_kinds(distortions), nodes, links.article),
        # one row per changed fact, with every sibling's version beside it
        "distortions": shown_changes,
        "distortion_count": len(changed),
        "speakers": _speakers(store, sorted(ordered[::step]), nodes, links, support),
        "speaker_articles": len(ordered[::step]),
    }


LEAD_CHANGES = 5  # distortions the story's lead block names (the surest first)
LEAD_TRACKS = 4  # claim tracks it sums up (the most reported first)
LEAD_CONFLICTS = 4
LEAD_FIGURES = 6  # figures of one track the lead names, each at its first report


def departure_view(d: dict[str, Any], nodes: dict[str, dict[str, Any]], links: Links) -> dict[str, Any]:
    """Return one departure (``asdict`` of ``corpus.support.Departure``) with outlets, dates and evidence links."""
    def version(v: dict[str, Any]) -> dict[str, Any]:
        node = nodes.get(v["article_id"], {})
        return {**v, "href": links.evidence(v["article_id"], v["start"], v["end"]), "outlet": node.get("outlet"),
                "published": node.get("published"), "title": node.get("title")}
    return {**d, "departing": version(d["departing"]), "siblings": [version(v) for v in d["siblings"]]}


def story_lead(ordered: list[str], nodes: dict[str, dict[str, Any]], pairs: list[dict[str, Any]],
               changes: list[dict[str, Any]], claims: list[dict[str, Any]], links: Links) -> dict[str, Any]:
    """Return what an analyst asks first of a story, for the top of its page.

    Takes the member ids in publication order, their headers, the sibling pairs, the
    departures (``departure_view``), the claim tracks (with ``points`` and ``pairs``) and
    the links. Returns ``first`` (the earliest report), ``families`` (each sibling group:
    its earliest article and who copied or rewrote it, flagged when the follower
    distorts), ``changes`` (the surest distortions), ``tracks`` (each figure once, in the order first
    reported, with its claimants and how many articles give it, copies of one report
    counted once; distorted points apart) and
    ``conflicts`` (labelled conflicts between faithful points only).
    """
    first = {**nodes[ordered[0]], "href": links.article(ordered[0])} if ordered else None
    distorting = {c["departing"]["article_id"] for c in changes}
    groups: dict[str, set[str]] = {}
    relation: dict[frozenset[str], str] = {}
    root: dict[str, str] = {}  # copies of one report count once: each article -> the first of its copies

    def first_copy(a: str) -> str:
        while root.get(a, a) != a:
            a = root[a]
        return a

    for p in sorted(pairs, key=lambda p: (p["a"], p["b"])):
        groups.setdefault(p["group"], set()).update((p["a"], p["b"]))
        relation[frozenset((p["a"], p["b"]))] = p["relation"]
        if p["relation"] == "copy":
            x, y = sorted((first_copy(p["a"]), first_copy(p["b"])))
            if x != y:
                root[y] = x
    families = []
    for group in sorted(groups):
        members = sorted(groups[group], key=lambda a: (nodes.get(a, {}).get("published") or "9999", a))
        origin = members[0]
        followers = [{**nodes.get(a, {"id": a}), "href": links.article(a), "distorts": a in distorting,
                      "relation": relation.get(frozenset((origin, a)), "rewrite")} for a in members[1:]]
        families.append({"origin": {**nodes.get(origin, {"id": origin}), "href": links.article(origin)},
                         "followers": followers})
    families.sort(key=lambda f: (-len(f["followers"]), f["origin"]["published"] or "", f["origin"]["id"]))
    tracks, conflicts = [], []
    for t in sorted(claims, key=lambda t: (-len({p["article_id"] for p in t["points"]}), t["id"])):
        faithful = [p for p in t["points"] if not p.get("siblings_say")]
        # each figure once, at its first report (points are in time order), with who gave it
        firsts: dict[float | str, dict[str, Any]] = {}
        for p in faithful:
            # a stance ("affirmed", "denied") is its own value
            seen = firsts.setdefault(p["approx"] if p["value"] is None else p["value"], {"value": p["value"], "approx": p["approx"], "as_of": p["as_of"],
                                                  "href": p["href"], "articles": set(), "claimants": set()})
            seen["articles"].add(first_copy(p["article_id"]))
            if p["claimant"]:
                seen["claimants"].add(p["claimant"])
        course = [{**c, "articles": len(c["articles"]), "claimants": sorted(c["claimants"])} for c in firsts.values()]
        if len(tracks) < LEAD_TRACKS and (course or t["unit"] is None):
            tracks.append({"topic": t["topic"], "unit": t["unit"], "course": course[:LEAD_FIGURES],
                           "more": max(0, len(course) - LEAD_FIGURES),
                           "claimants": sorted({p["claimant"] for p in faithful if p["claimant"]}),
                           "distorted": [p for p in t["points"] if p.get("siblings_say")]})
        bad = {i for i, p in enumerate(t["points"]) if p.get("siblings_say")}
        for pair in t["pairs"]:
            if pair["label"] == "conflict" and pair["a"] not in bad and pair["b"] not in bad and len(conflicts) < LEAD_CONFLICTS:
                a, b = t["points"][pair["a"]], t["points"][pair["b"]]
                conflicts.append({"topic": t["topic"], "reason": pair["reason"], "a": a, "b": b, "a_href": a["href"], "b_href": b["href"],
                                  "a_outlet": nodes.get(a["article_id"], {}).get("outlet"),
                                  "b_outlet": nodes.get(b["article_id"], {}).get("outlet")})
    surest = sorted(changes, key=lambda c: (-(c["confidence"] or 0), c["departing"]["article_id"], c["departing"]["start"]))
    return {"first": first, "families": families, "changes": surest[:LEAD_CHANGES], "change_count": len(changes),
            "tracks": tracks, "conflicts": conflicts}


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


def _speakers(store: Store, article_ids: list[str], nodes: dict[str, dict[str, Any]], links: Links,
              support: Support) -> list[dict[str, Any]]:
    """Quotes of the story's articles grouped by the corpus entity of their speaker, most quoted first.

    A quote inside a clause a rewrite changed is not its speaker's quote: it is listed
    apart (``departing``) with the departure, so a quote a rewrite gave to another person
    reads as a misattribution, never as that person's words.
    """
    entity_of = store.entity_ids(article_ids)
    names = store.entity_names(entity_of.values())
    groups: dict[str, dict[str, Any]] = {}
    for article in store.articles_by_id(article_ids):
        for q in article.quotes:
            if not q.speaker:
                continue
            eid = entity_of.get((article.id, q.speaker))
            g = groups.setdefault(eid or q.speaker, {"speaker": names.get(eid, q.speaker) if eid else q.speaker, "entity_id": eid,
                                                     "href": links.entity(eid) if eid else None, "quotes": [],
                                                     "departing": []})
            quote = {"kind": q.kind, "text": q.text, "said_by": q.said_by, "article_id": article.id,
                     "outlet": nodes.get(article.id, {}).get("outlet"),
                     "published": nodes.get(article.id, {}).get("published"),
                     "href": links.evidence(article.id, q.start, q.end)}
            changed = support.departing(article.id, q.start, q.end)
            if changed:
                g["departing"].append({**quote, "departures": [departure_view(asdict(d), nodes, links) for d in changed]})
            else:
                g["quotes"].append(quote)
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
    heads = sorted(store.headers(sorted(names)).values(), key=lambda h: (h.published or "", h.id))
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
    support = Support(departures(store.fact_diffs("distortion", of=sorted({a for a, _ in facts.quotes}))))
    nodes = {h.id: _header_dict(h, h.id) for h in facts.articles}
    quotes, misattributed, given_away = [], [], []
    for a, q in facts.quotes:
        quote = {"kind": q.kind, "text": q.text, "said_by": q.said_by, "article_id": a, "outlet": heads[a].outlet,
                 "published": heads[a].published, "href": links.evidence(a, q.start, q.end)}
        changed = support.departing(a, q.start, q.end)
        if changed:  # a rewrite changed this sentence: not the entity's words as far as the corpus can tell
            misattributed.append({**quote, "departures": [departure_view(asdict(d), nodes, links) for d in changed]})
            continue
        quotes.append(quote)
        moved = [d for d in support.departed_from(a, q.start, q.end) if d.kind == MISATTRIBUTION]
        if moved:  # the entity's own words, which a rewrite gives to someone else
            given_away.append({**quote, "departures": [departure_view(asdict(d), nodes, links) for d in moved]})
    days = Counter((h.published or "")[:10] for h in facts.articles if h.published)
    by_time = lambda q: (q["published"] or "", q["article_id"])  # noqa: E731
    return {"entity": facts.entity, "roles": facts.roles.most_common(), "read": facts.read,
            "quotes": sorted(quotes, key=by_time)[:ENTITY_QUOTES],
            "misattributed": sorted(misattributed, key=by_time), "given_away": sorted(given_away, key=by_time),
            "articles": [{**_header_dict(h, h.id), "href": links.article(h.id)} for h in facts.articles],
            "appearances_figure": appearances_figure(days)}

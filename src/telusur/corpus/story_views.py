"""The corpus stage that groups stored articles into stories and builds each story's views.

For every story: its members and outlets, merged events, the timeline (events reported
by at least one article, dated), claim tracks, and a cited extractive summary
(``corpus.summary``) in which copies' sentences count once and every sentence names the
articles carrying it. Every view rests on the truth model of ``corpus.support``: a
sentence holding a fact a rewrite changed supports no event, date, summary sentence or
figure; the faithful versions carry the departures from them (both texts), and a
distorted figure carries what its siblings say. Views
are stored as JSON documents per story (``story_views``); membership is kept across
runs so story ids stay put.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING

from telusur.corpus.claims import claim_tracks
from telusur.corpus.factdiff import detail_parts
from telusur.corpus.rewrites import group_members
from telusur.corpus.stories import (
    MergedEvent, Story, StoryParams, group_stories, merge_events, profile, profile_from_row, profile_row, timeline,
)
from telusur.corpus.summary import SummaryArticle, summarise
from telusur.corpus.support import Departure, Support, departures
from telusur.model import Article

if TYPE_CHECKING:
    from telusur.store import Store

SUMMARY_SENTENCES = 5
# the views of a larger story are built from this many of its articles, spread evenly over
# its publication order (membership and counts still cover every article)
VIEW_ARTICLES = 400
# told of a group ("story:<id>") whose work failed, and the exception; the stage goes on
OnError = Callable[[str, Exception], None]


def refresh_stories(
    store: "Store", params: StoryParams = StoryParams(), full: bool = False, on_error: OnError | None = None
) -> int:
    """Regroup the store's articles into stories (earlier assignments kept) and rebuild the views that changed.

    Profiles are made only for articles new or rewritten since the last run (the others
    are read from ``story_profiles``), and a story's views are rebuilt only when its
    members changed, one of them was rewritten, or a sibling group it shares gained or
    changed a member (its distortions may have moved); ``full`` rebuilds every view.
    Returns the number of stories. Articles no longer stored lose their membership.
    An exception while building one story's views is given to ``on_error`` (with
    "story:<id>"), and that story keeps its header alone; without ``on_error`` it is raised.
    """
    earlier = store.story_members()
    with store.transaction():
        stale = store.stale_profiles()
        store.put_story_profiles(profile_row(profile(a)) for a in store.articles_by_id(stale))
    stories = group_stories((profile_from_row(*row) for row in store.story_profiles()), earlier, params)
    dirty = set(stale)
    for ids in group_members(store.sibling_pairs()).values():  # disjoint groups: one pass
        if not ids.isdisjoint(stale):
            dirty |= ids
    before: dict[str, set[str]] = {}
    for article_id, story_id in earlier.items():
        before.setdefault(story_id, set()).add(article_id)
    members: dict[str, str] = {}
    views: dict[str, dict[str, object]] = {}
    kept: list[str] = []
    for story in stories:
        for member in story.members:
            members[member] = story.id
        if not full and before.get(story.id) == set(story.members) and not dirty & set(story.members):
            kept.append(story.id)
            continue
        try:
            views[story.id] = _views(store, story)
        except Exception as exc:  # noqa: BLE001 - one story's bad views must not cost the others theirs
            if on_error is None:
                raise
            on_error(f"story:{story.id}", exc)
            views[story.id] = _header(story, min(story.members), [])
    with store.transaction():
        store.replace_stories(members, views, keep_views_of=kept)
    return len(stories)


def _views(store: "Store", story: Story) -> dict[str, object]:
    """Build one story's views from (a spread of at most VIEW_ARTICLES of) its articles."""
    step = max(1, -(-len(story.members) // VIEW_ARTICLES))
    articles = [a for a in (store.article(i) for i in story.members[::step]) if a is not None]
    by_id = {a.id: a for a in articles}
    support = Support(departures(store.fact_diffs("distortion", of=sorted(by_id))))
    events = merge_events(articles, support.departs)
    tracks = claim_tracks(articles, distorted_figures(support, by_id))
    summary = summarise([SummaryArticle(a.id, a.body, a.title.value if a.title else None,
                                        a.published.value if a.published else None,
                                        a.outlet.value["name"] if a.outlet else None,
                                        tuple((d.departing.start, d.departing.end) for d in support.of_article(a.id)),
                                        tuple((v.start, v.end, d.article_id) for d in support.against_article(a.id)
                                              for v in d.siblings if v.article_id == a.id))
                         for a in articles], n=SUMMARY_SENTENCES)
    first = min(articles, key=lambda a: (a.published.value if a.published else "9999", a.id))
    header = _header(story, first.title.value if first.title else first.id,
                     sorted({a.outlet.value["name"] for a in articles if a.outlet}))
    return {**header, "events": [_event(e, support) for e in events], "timeline": [e.id for e in timeline(events)],
            "claims": [asdict(t) for t in tracks],
            "summary": [{**asdict(s), "departures": [asdict(d) for aid, start, end in s.departing
                                                     for d in support.departing(aid, start, end)]} for s in summary]}


def distorted_figures(support: Support, articles: Mapping[str, Article]) -> dict[tuple[str, int], str]:
    """Return (article id, offset) -> the siblings' figure, for each figure a rewrite changed.

    Takes the story's departures and its articles by id. A number departure's detail is
    "<the rewrite's figure> vs <its siblings'>"; the figure is the quantity inside the
    departing clause that reads as the rewrite's version.
    """
    out: dict[tuple[str, int], str] = {}
    for d in support.all:
        article, parts = articles.get(d.article_id), detail_parts(d.detail)
        if d.kind != "number" or article is None or parts is None:
            continue
        for q in article.quantities:
            if d.departing.start <= q.start < d.departing.end and q.text == parts[1]:
                out[(article.id, q.start)] = parts[2]
    return out


def _header(story: Story, title: str, outlets: list[str]) -> dict[str, object]:
    """The story's header view alone, with empty events, timeline, claims and summary.

    What a story keeps when building its views failed: it reads nothing from the store,
    so it cannot fail the same way.
    """
    return {"story": {"id": story.id, "articles": sorted(story.members), "first": str(story.first) if story.first else None,
                      "last": str(story.last) if story.last else None, "title": title, "outlets": outlets},
            "events": [], "timeline": [], "claims": [], "summary": []}


def _event(e: MergedEvent, support: Support) -> dict[str, object]:
    """An event as stored, with the departures of rewrites from the sentences reporting it."""
    data = asdict(e)
    data["articles"] = list(e.articles)
    found: list[Departure] = []
    for m in e.mentions:
        found += [d for d in support.departed_from(m.article_id, m.sentence_start, m.sentence_end) if d not in found]
    data["departures"] = [asdict(d) for d in found]
    return data

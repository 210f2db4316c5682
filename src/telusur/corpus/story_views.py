"""The corpus stage that groups stored articles into stories and builds each story's views.

For every story: its members and outlets, merged events, the timeline (events reported
by at least one article, dated), claim tracks (figures a rewrite distorted marked from
the stored fact diffs), and a cited extractive summary (``corpus.summary``) in which
copies' sentences count once and every sentence names the articles carrying it. Views
are stored as JSON documents per story (``story_views``); membership is kept across
runs so story ids stay put.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from telusur.corpus.claims import claim_tracks
from telusur.corpus.stories import StoryParams, group_stories, merge_events, profile, timeline
from telusur.corpus.summary import SummaryArticle, summarise

if TYPE_CHECKING:
    from telusur.store import Store

SUMMARY_SENTENCES = 5
# the views of a larger story are built from this many of its articles, spread evenly over
# its publication order (membership and counts still cover every article)
VIEW_ARTICLES = 400


def refresh_stories(store: "Store", params: StoryParams = StoryParams()) -> int:
    """Regroup the store's articles into stories (earlier assignments kept) and rebuild every view.

    Returns the number of stories. Articles no longer stored lose their membership.
    """
    earlier = store.story_members()
    profiles = [profile(a) for a in store.articles()]
    present = {p.id for p in profiles}
    stories = group_stories(profiles, {k: v for k, v in earlier.items() if k in present}, params)
    # a number diff's detail is "<the rewrite's figure> vs <its sibling's>"
    distorted = [(d.a_id, d.a_start, d.a_end, d.detail.partition(" vs ")[0])
                 for d in store.fact_diffs("distortion") if d.kind == "number"]
    members: dict[str, str] = {}
    views: dict[str, dict[str, object]] = {}
    for story in stories:
        for member in story.members:
            members[member] = story.id
        step = max(1, -(-len(story.members) // VIEW_ARTICLES))
        articles = [a for a in (store.article(i) for i in story.members[::step]) if a is not None]
        events = merge_events(articles)
        by_id = {a.id: a for a in articles}
        bad = {(aid, q.start) for aid, s, e, text in distorted if aid in by_id
               for q in by_id[aid].quantities if s <= q.start < e and q.text == text}
        tracks = claim_tracks(articles, bad)
        summary = summarise([SummaryArticle(a.id, a.body, a.title.value if a.title else None,
                                            a.published.value if a.published else None,
                                            a.outlet.value["name"] if a.outlet else None) for a in articles],
                            n=SUMMARY_SENTENCES)
        title = min(articles, key=lambda a: (a.published.value if a.published else "9999", a.id))
        views[story.id] = {
            "story": {"id": story.id, "articles": sorted(story.members), "first": str(story.first) if story.first else None,
                      "last": str(story.last) if story.last else None,
                      "title": title.title.value if title.title else title.id,
                      "outlets": sorted({a.outlet.value["name"] for a in articles if a.outlet})},
            "events": [_event(e) for e in events],
            "timeline": [e.id for e in timeline(events)],
            "claims": [asdict(t) for t in tracks],
            "summary": [asdict(s) for s in summary],
        }
    with store.transaction():
        store.replace_stories(members, views)
    return len(stories)


def _event(e: object) -> dict[str, object]:
    data = asdict(e)  # type: ignore[call-overload]
    data["articles"] = list(e.articles)  # type: ignore[attr-defined]
    return data

"""Each story's views, built from its articles and the distortions touching them (records in, records out).

For every story: its members and outlets, merged events, the timeline (events reported
by at least one article, dated), claim tracks, and a cited extractive summary
(``corpus.summary``) in which copies' sentences count once and every sentence names the
articles carrying it. Every view rests on the truth model of ``corpus.support``: a
sentence holding a fact a rewrite changed supports no event, date, summary sentence or
figure; the faithful versions carry the departures from them (both texts), and a
distorted figure carries what its siblings say. The executor's stories stage
(``engine.corpus_stages``) groups the articles (``corpus.stories``), reads each story's
articles and distortions, and stores the views as JSON documents per story; membership is
kept across runs so story ids stay put.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict

from telusur.corpus.claims import claim_tracks
from telusur.corpus.stories import MergedEvent, Story, merge_events, timeline
from telusur.corpus.summary import SummaryArticle, summarise
from telusur.corpus.support import Departure, Support, departures
from telusur.model import Article, FactDiff

SUMMARY_SENTENCES = 5
# the views of a larger story are built from this many of its articles, spread evenly over
# its publication order (membership and counts still cover every article)
VIEW_ARTICLES = 400
# told of a group ("story:<id>") whose work failed, and the exception; the stage goes on
OnError = Callable[[str, Exception], None]


def view_members(story: Story) -> list[str]:
    """Return the ids of the story's articles its views are built from: all, or an even spread of VIEW_ARTICLES."""
    step = max(1, -(-len(story.members) // VIEW_ARTICLES))
    return list(story.members[::step])


def story_views(story: Story, articles: list[Article], distortions: list[FactDiff]) -> dict[str, object]:
    """Build one story's views: header, merged events, timeline, claim tracks and cited summary.

    Takes the story, the articles of ``view_members(story)`` that are stored and the
    distortions touching them. Returns the views as stored (JSON-able dicts by kind).
    """
    by_id = {a.id: a for a in articles}
    support = Support(departures(distortions))
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
    header = header_view(story, first.title.value if first.title else first.id,
                     sorted({a.outlet.value["name"] for a in articles if a.outlet}))
    return {**header, "events": [_event(e, support) for e in events], "timeline": [e.id for e in timeline(events)],
            "claims": [asdict(t) for t in tracks],
            "summary": [{**asdict(s), "departures": [asdict(d) for aid, start, end in s.departing
                                                     for d in support.departing(aid, start, end)]} for s in summary]}


def distorted_figures(support: Support, articles: Mapping[str, Article]) -> dict[tuple[str, int], str]:
    """Return (article id, offset) -> the siblings' figure, for each figure a rewrite changed.

    Takes the story's departures and its articles by id. A number departure's ``a_value``
    is the rewrite's figure and its ``b_value`` the siblings'; the figure is the quantity
    inside the departing clause that reads as the rewrite's version.
    """
    out: dict[tuple[str, int], str] = {}
    for d in support.all:
        article = articles.get(d.article_id)
        if d.kind != "number" or article is None:
            continue
        for q in article.quantities:
            if d.departing.start <= q.start < d.departing.end and q.text == d.a_value:
                out[(article.id, q.start)] = d.b_value
    return out


def header_view(story: Story, title: str, outlets: list[str]) -> dict[str, object]:
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

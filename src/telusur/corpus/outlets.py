"""Outlet profiles: how much of each outlet's output copies or rewrites another's report, and its distortions.

An article *follows* a source report when it is in a sibling group (``corpus.rewrites``)
and is not that group's earliest article (publication time, then id): the earliest is
taken as the report the others copy. A follower is a ``copy`` when it is a
near-duplicate of a sibling, else a ``rewrite``. Distortions are counted on the article
that departs (``FactDiff.a_id``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from telusur.corpus.support import departures
from telusur.model import FactDiff, SiblingPair


@dataclass(frozen=True)
class OutletProfile:
    """One outlet's figures."""

    outlet: str
    articles: int
    first_reports: int  # articles that open a sibling group (its earliest)
    copies: int  # followers that copy a sibling nearly word for word
    rewrites: int  # followers that rewrite one
    distortions: int  # facts its articles change against their siblings (each fact once)
    distorting_articles: int

    @property
    def follow_share(self) -> float:
        """Share of the outlet's articles that copy or rewrite another outlet's report."""
        return (self.copies + self.rewrites) / self.articles if self.articles else 0.0


def outlet_profiles(outlets: Mapping[str, tuple[str, str | None]], pairs: Iterable[SiblingPair],
                    diffs: Iterable[FactDiff]) -> list[OutletProfile]:
    """Return a profile per outlet, most articles first.

    Takes article id -> (outlet name, publication time or None), the sibling pairs and the
    fact diffs; articles with no outlet are counted under "(unknown)".
    """
    groups: dict[str, set[str]] = {}
    copied: set[str] = set()
    for p in pairs:
        groups.setdefault(p.group, set()).update((p.a, p.b))
        if p.relation == "copy":
            copied.update((p.a, p.b))
    earliest = {min(ids, key=lambda i: (outlets.get(i, ("", None))[1] or "9999", i)) for ids in groups.values()}
    followers = {i for ids in groups.values() for i in ids} - earliest
    # one changed fact counts once, however many faithful siblings show it (``support.departures``)
    distortions: dict[str, int] = {}
    for d in departures(diffs):
        distortions[d.article_id] = distortions.get(d.article_id, 0) + 1
    table: dict[str, list[int]] = {}
    for article_id, (outlet, _) in outlets.items():
        row = table.setdefault(outlet or "(unknown)", [0, 0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += article_id in earliest
        row[2] += article_id in followers and article_id in copied
        row[3] += article_id in followers and article_id not in copied
        row[4] += distortions.get(article_id, 0)
        row[5] += article_id in distortions
    return sorted((OutletProfile(name, *row) for name, row in table.items()), key=lambda p: (-p.articles, p.outlet))

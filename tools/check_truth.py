"""Check that no view of a database rests on a version a rewrite changed.

Usage: python tools/check_truth.py DB

For every story of the database, the story page's data (``web.views.story_view``) is
checked against the stored distortions, read independently of the views:

- no summary sentence is cut from a clause a rewrite changed, and no sentence that gives
  the faithful version of a changed fact cites the article that changed it;
- no timeline entry has a mention in a changed clause;
- no quote listed under its speaker lies in a changed clause;
- a claim-track point is marked changed exactly when it is a figure a rewrite changed;
- the distortions are listed once per changed fact.

Prints the stories, departures and checks made, and each violation; exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from telusur.corpus.support import Support, departures
from telusur.store import Store
from telusur.web.pages import LINKS
from telusur.web.views import story_view


def violations(store: Store) -> tuple[Counter[str], list[str]]:
    """Return (how many checks of each kind were made, one line per violation) for every story of ``store``."""
    checked: Counter[str] = Counter()
    found: list[str] = []
    for sid in store.story_ids():
        members = store.story_view(sid, "story")["articles"]  # type: ignore[index]
        support = Support(departures(store.fact_diffs("distortion", of=members)))
        checked["departures"] += len(support.all)
        view = story_view(store, sid, LINKS)
        if view is None:
            found.append(f"{sid}: no story view")
            continue
        checked["stories"] += 1
        for s in view["summary"]:
            checked["summary sentences"] += 1
            if support.departs(s["article_id"], s["start"], s["end"]):
                found.append(f"{sid}: summary sentence from a changed clause: {s['text'][:80]}")
            for d in support.departed_from(s["article_id"], s["start"], s["end"]):
                if d.article_id in s["cites"]:
                    found.append(f"{sid}: summary sentence cites {d.article_id}, which changes it ({d.detail})")
        for e in view["timeline"]:
            checked["timeline entries"] += 1
            for m in e["mentions"]:
                if support.departs(m["article_id"], m["sentence_start"], m["sentence_end"]):
                    found.append(f"{sid}: timeline entry {e['id']} rests on a changed clause of {m['article_id']}")
        for g in view["speakers"]:
            for q in g["quotes"]:
                checked["quotes"] += 1
                article = store.article(q["article_id"])
                spans = [(x.start, x.end) for x in article.quotes if x.text == q["text"]] if article else []
                if any(support.departs(q["article_id"], a, b) for a, b in spans):
                    found.append(f"{sid}: quote of {g['speaker']} from a changed clause: {q['text'][:80]}")
        for t in view["claims"]:
            for p in t["points"]:
                checked["claim points"] += 1
                changed = [d for d in support.departing(p["article_id"], p["start"], p["end"])
                           if d.kind == "number" and d.a_value.endswith(p["says"])]
                if bool(p["siblings_say"]) != bool(changed):
                    found.append(f"{sid}: claim point {p['says']!r} in {p['article_id']} marked wrongly")
        if view["distortion_count"] != len(support.all):
            found.append(f"{sid}: {view['distortion_count']} distortion rows for {len(support.all)} changed facts")
    return checked, found


def main() -> None:
    """Check the database given and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db", type=Path)
    args = ap.parse_args()
    with Store(args.db) as store:
        checked, found = violations(store)
    print(", ".join(f"{k}: {v}" for k, v in sorted(checked.items())))
    for line in found:
        print("violation:", line)
    print(f"violations: {len(found)}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

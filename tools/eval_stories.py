"""Score the story grouping on real articles against blind same-story labels.

Usage: python tools/eval_stories.py [--pages /tmp/real] [--db DB] [--gold FILE] [--errors]

Analyses every IndoSum page (``../shared/tools/indosum_pages.py --seed 1``; written to a
temporary folder unless ``--pages`` names one) into a real SQLite file (``--db`` keeps it,
and reuses it when it exists), then prints:

- same-story pairs: of the labelled pairs (``eval/real/stories/pairs.json``: 139 pairs of
  articles, labelled blind by a reader who saw only the two articles; ``--gold
  eval/real/stories/heldout_pairs.json``: 100 more, drawn and labelled after the grouping
  was tuned), the share of pairs put in one story that are one story (precision) and of
  one-story pairs put in one story (recall); the pairs were drawn across bands of profile
  similarity, so they are harder than random pairs;
- the stories: how many, how many hold two articles or more, the largest;
- stories of three articles or more that span more than three weeks with a gap of more
  than a week in their coverage (the goal: none);
- purity and completeness on neighbourhoods (``eval/real/stories/sets.json``: 80 sets of
  ten articles, each a random article and its nine nearest by plain tf-idf within 21 days,
  drawn by ``tools/story_sets.py`` and partitioned into stories by blind readers; sets 1-20
  tune, 21-40 are held out, 41-80 were drawn and keyed after all tuning). Purity: of the articles a set shares with another article of
  the same Telusur story, the share in that story's largest true story. Completeness: of the
  articles in a true story of two or more, the share in its largest Telusur story. Pair
  precision and recall over all 45 pairs of each set are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import telusur

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "real" / "stories" / "pairs.json"
SETS = ROOT / "eval" / "real" / "stories" / "sets.json"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_real import make_pages  # noqa: E402


def gappy(days: list[date]) -> bool:
    """True for a story of three dated articles or more spanning over 21 days with a gap over 7."""
    days = sorted(days)
    if len(days) < 3 or (days[-1] - days[0]).days <= 21:
        return False
    return max((b - a).days for a, b in zip(days, days[1:])) > 7


def set_scores(sets: list[dict], story_of: dict[str, str]) -> dict[str, float]:
    """Score a grouping on blind-partitioned neighbourhoods.

    Takes the sets of ``sets.json`` and each article's story id (an article missing from
    it stands alone); returns purity, completeness, pair precision and pair recall (see the
    module docstring) and the number of articles purity was taken over.
    """
    story_of = {a: story_of.get(a, "alone:" + a) for s in sets for story in s["stories"] for a in story}
    tp = fp = fn = pure = shared = whole = grouped = 0
    for s in sets:
        truth = {a: i for i, story in enumerate(s["stories"]) for a in story}
        for a, b in combinations(sorted(truth), 2):
            same, true = story_of[a] == story_of[b], truth[a] == truth[b]
            tp += same and true
            fp += same and not true
            fn += true and not same
        for sid, n in Counter(story_of[a] for a in truth).items():
            if n >= 2:
                shared += n
                pure += max(Counter(truth[a] for a in truth if story_of[a] == sid).values())
        for story in s["stories"]:
            if len(story) >= 2:
                grouped += len(story)
                whole += max(Counter(story_of[a] for a in story).values())
    return {"purity": pure / max(shared, 1), "articles": shared, "completeness": whole / max(grouped, 1),
            "precision": tp / max(tp + fp, 1), "recall": tp / max(tp + fn, 1)}


def main() -> None:
    """Analyse, score and print one figure a line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, help="pages already written by indosum_pages.py --seed 1")
    ap.add_argument("--db", type=Path, help="the database to analyse into (kept; reused when it exists)")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the labelled pairs (default: the tuning set)")
    ap.add_argument("--errors", action="store_true", help="print every pair the grouping gets wrong")
    args = ap.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))["pairs"]
    with tempfile.TemporaryDirectory(prefix="telusur-stories-") as tmp:
        pages = args.pages
        if pages is None:
            pages = Path(tmp) / "pages"
            make_pages(pages)
        db = args.db or Path(tmp) / "stories.db"
        with telusur.analyze(pages, db=db, workers=1) as run:
            stories = run.stories()
            published = {a.id: a.published.value for a in run.articles() if a.published}
    story_of = {a: s["id"] for s in stories for a in s["articles"]}
    tp = fp = fn = 0
    for g in gold:
        same = story_of.get(g["a"]) is not None and story_of.get(g["a"]) == story_of.get(g["b"])
        tp += same and g["same_story"]
        fp += same and not g["same_story"]
        fn += not same and g["same_story"]
        if args.errors and same != g["same_story"]:
            print(f"  {'joined' if same else 'apart'}: {g['a']} / {g['b']} ({g['why']})")
    sizes = sorted((len(s["articles"]) for s in stories), reverse=True)
    long_gappy = 0
    for s in stories:
        days = [date.fromisoformat(a[:10]) for a in (published.get(i) for i in s["articles"]) if a]
        long_gappy += gappy(days)
    print(f"same-story pairs: precision {tp / max(tp + fp, 1):.3f} ({tp}/{tp + fp}), recall {tp / max(tp + fn, 1):.3f} ({tp}/{tp + fn})")
    print(f"stories: {len(sizes)}, with two articles or more: {sum(x >= 2 for x in sizes)}, largest: {sizes[:5]}")
    print(f"stories of 3+ articles over 21 days with a gap over 7 days: {long_gappy}")
    sets = json.loads(SETS.read_text(encoding="utf-8"))["sets"]
    for part in ("tuning", "heldout", "fresh"):
        r = set_scores([s for s in sets if s["part"] == part], story_of)
        print(f"neighbourhoods ({part}): purity {r['purity']:.3f} over {r['articles']} articles, completeness {r['completeness']:.3f};"
              f" pairs precision {r['precision']:.3f}, recall {r['recall']:.3f}")


if __name__ == "__main__":
    main()

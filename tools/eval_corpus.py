"""Score the across-outlets stage against a hand-written corpus gold.

Usage:
    python tools/eval_corpus.py [--gold demo/gold/corpus.json] [--corpus demo/corpus] [--errors]
    python tools/eval_corpus.py --fixtures tests/fixtures/rewrites

Analyses the corpus with the real pipeline into a temporary SQLite file, then prints:

- copies: precision / recall of near-duplicate pairs (pairs inside the gold's copy groups);
- siblings: precision / recall of sibling pairs (versions of one source report), and how
  many found pairs name the gold's wire agency;
- distortions: a found distortion matches a gold one when it gives the same departing
  article and faithful sibling and its sentence holds the gold's ``rewrite_says``;
  precision / recall, then the share of matches with the gold's kind;
- variants kept harmless: gold variants (spelling, rounding, paraphrase) that no
  distortion was reported on.

``--fixtures`` scores the rewrite fixtures instead (``expected.json``: each case's spun
article against its wire report).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

from telusur.engine.local import run
from telusur.store import Store

ROOT = Path(__file__).resolve().parent.parent


def analyse(corpus: Path, db: Path) -> Store:
    """Run the whole pipeline on ``corpus`` into ``db``; return the open store."""
    store = Store(db)
    run([corpus], store, workers=1)
    return store


def ratio(hit: int, total: int) -> str:
    """Return ``hit/total`` as a three-decimal share with the counts."""
    return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a (0/0)"


def holds(store: Store, article_id: str, start: int, end: int, says: str) -> bool:
    """True when the gold text ``says`` overlaps body offsets ``start``-``end`` of the article."""
    article = store.article(article_id)
    if article is None:
        return False
    at = article.body.find(says)
    return at >= 0 and at < end and start < at + len(says)


def score_gold(gold_path: Path, corpus: Path, errors: bool) -> None:
    """Print the figures for one corpus gold file."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = analyse(corpus, Path(tmp) / "eval.db")
        with store:
            found_copies = {tuple(sorted((a, b))) for c in store.near_duplicates() for a, b, _ in c.pairs}
            gold_copies = {tuple(sorted(p)) for group in gold["copies"] for p in combinations(group, 2)}
            print(f"copies: precision  {ratio(len(found_copies & gold_copies), len(found_copies))}")
            print(f"copies: recall     {ratio(len(found_copies & gold_copies), len(gold_copies))}")

            pairs = store.sibling_pairs()
            found = {(p.a, p.b): p for p in pairs}
            wanted = {tuple(sorted((s["a"], s["b"]))): s for s in gold["siblings"]}
            hit = set(found) & set(wanted)
            print(f"siblings: precision {ratio(len(hit), len(found))}")
            print(f"siblings: recall    {ratio(len(hit), len(wanted))}")
            print(f"siblings: source named right {ratio(sum(found[k].source == wanted[k]['source'] for k in hit), len(hit))}")
            if errors:
                for k in sorted(set(found) - set(wanted)):
                    print(f"  extra sibling pair: {k} coverage {found[k].coverage}")
                for k in sorted(set(wanted) - set(found)):
                    print(f"  missed sibling pair: {k}")

            distortions = store.fact_diffs("distortion")
            matched_gold: set[int] = set()
            right_kind = 0
            false = []
            for d in distortions:
                match = next((i for i, g in enumerate(gold["distortions"]) if i not in matched_gold
                              and g["rewrite"] == d.a_id and g["sibling"] == d.b_id
                              and holds(store, d.a_id, d.a_start, d.a_end, g["rewrite_says"])), None)
                if match is None:
                    false.append(d)
                    continue
                matched_gold.add(match)
                right_kind += gold["distortions"][match]["kind"] == d.kind
            print(f"distortions: precision {ratio(len(matched_gold), len(distortions))}")
            print(f"distortions: recall    {ratio(len(matched_gold), len(gold['distortions']))}")
            print(f"distortions: kind right {ratio(right_kind, len(matched_gold))}")
            harmless = sum(
                not any(d.verdict == "distortion" and {d.a_id, d.b_id} == {v["a"], v["b"]}
                        and (holds(store, d.a_id, d.a_start, d.a_end, v["a_says"] if d.a_id == v["a"] else v["b_says"]))
                        for d in distortions)
                for v in gold["variants"])
            print(f"variants kept harmless: {ratio(harmless, len(gold['variants']))}")
            score_stories(store, gold, errors)
            if errors:
                for d in false:
                    print(f"  extra distortion: {d.kind} {d.a_id} <- {d.b_id}: {d.detail} | {d.a_says[:100]}")
                for i, g in enumerate(gold["distortions"]):
                    if i not in matched_gold:
                        print(f"  missed distortion: {g['kind']} {g['rewrite']} <- {g['sibling']}: {g['rewrite_says'][:100]}")


def score_stories(store: Store, gold: dict, errors: bool) -> None:
    """Print story grouping, merged-event and claim-track figures."""
    found_story = store.story_members()
    same = lambda m, a, b: m.get(a) is not None and m.get(a) == m.get(b)  # noqa: E731
    gold_story = {a: str(i) for i, group in enumerate(gold["stories"]) for a in group}
    ids = sorted(gold_story)
    pairs = list(combinations(ids, 2))
    together = [p for p in pairs if same(gold_story, *p)]
    found_together = [p for p in pairs if same(found_story, *p)]
    hit = sum(same(found_story, *p) for p in together)
    print(f"stories: same-story pairs precision {ratio(hit, len(found_together))}")
    print(f"stories: same-story pairs recall    {ratio(hit, len(together))}")

    events = [e for sid in store.story_ids() for e in (store.story_view(sid, "events") or [])]
    multi = [e for e in events if len(e["articles"]) >= 2]
    found_events = 0
    for g in gold["events"]:
        wanted = set(g["articles"])
        if any(e["action"] == g["action"] and len(wanted & set(e["articles"])) >= 2 for e in multi):
            found_events += 1
        elif errors:
            print(f"  event not merged across articles: {g['action']} {g['actor']} -> {g['target']} ({g['label'][:60]})")
    print(f"events: gold events merged across two or more of their articles {ratio(found_events, len(gold['events']))}")
    print(f"events: merged events reported by two or more articles: {len(multi)}")

    tracks = [t for sid in store.story_ids() for t in (store.story_view(sid, "claims") or [])]
    where: dict[tuple[str, float], set[str]] = {}
    for t in tracks:
        for p in t["points"]:
            if p["value"] is not None:
                where.setdefault((p["article_id"], float(p["value"])), set()).add(t["id"])
    gold_points = [(p["article"], float(p["value"])) for t in gold["claim_tracks"] for p in t["points"] if p["value"] is not None]
    print(f"claims: gold figures in a claim track {ratio(sum(k in where for k in gold_points), len(gold_points))}")
    labelled = right = 0
    for t in gold["claim_tracks"]:
        for pair in t["pairs"]:
            if pair.get("a_value") is None or pair.get("b_value") is None:
                continue
            ka, kb = (pair["a"], float(pair["a_value"])), (pair["b"], float(pair["b_value"]))
            shared = where.get(ka, set()) & where.get(kb, set())
            if not shared:
                continue
            track = next(x for x in tracks if x["id"] == min(shared))
            label = _found_label(track, ka, kb)
            if label is None:
                continue
            labelled += 1
            right += label == pair["label"]
    print(f"claims: gold figure pairs found in one track {labelled}; label right {ratio(right, labelled)}")


def _found_label(track: dict, ka: tuple[str, float], kb: tuple[str, float]) -> str | None:
    points = track["points"]
    for pair in track["pairs"]:
        x, y = points[pair["a"]], points[pair["b"]]
        keys = {(x["article_id"], float(x["value"])), (y["article_id"], float(y["value"]))}
        if keys == {ka, kb}:
            return pair["label"]
    return None


def score_fixtures(folder: Path, errors: bool) -> None:
    """Print the figures for the rewrite fixtures (each case's spun article against its wire report)."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = analyse(folder, Path(tmp) / "fixtures.db")
        with store:
            distortions = store.fact_diffs("distortion")
            found_siblings = {(p.a, p.b) for p in store.sibling_pairs()}
            wanted_total = hit = right_kind = extra = 0
            for case, spec in sorted(expected.items()):
                spun, wire = f"{case}-spun", f"{case}-wire"
                mine = [d for d in distortions if d.a_id == spun and d.b_id == wire]
                used: set[int] = set()
                for g in spec["distortions"]:
                    wanted_total += 1
                    match = next((i for i, d in enumerate(mine) if i not in used
                                  and holds(store, spun, d.a_start, d.a_end, g["spun_says"])), None)
                    if match is None:
                        if errors:
                            print(f"  missed: {case} {g['kind']}: {g['spun_says'][:90]}")
                        continue
                    used.add(match)
                    hit += 1
                    right_kind += mine[match].kind == g["kind"]
                    if errors and mine[match].kind != g["kind"]:
                        print(f"  kind: {case} found {mine[match].kind}, gold {g['kind']}")
                for i, d in enumerate(mine):
                    if i not in used:
                        extra += 1
                        if errors:
                            print(f"  extra: {case} {d.kind}: {d.detail} | {d.a_says[:90]}")
            cases = sorted(expected)
            siblings = sum(tuple(sorted((f"{c}-spun", f"{c}-wire"))) in found_siblings for c in cases)
            print(f"fixtures: spun rewrite found as sibling of its wire report {ratio(siblings, len(cases))}")
            print(f"fixtures: distortions found   {ratio(hit, wanted_total)}")
            print(f"fixtures: kind right          {ratio(right_kind, hit)}")
            print(f"fixtures: extra distortions (spun vs wire) {extra}")


def main() -> None:
    """Parse arguments and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "demo" / "gold" / "corpus.json")
    parser.add_argument("--corpus", type=Path, default=ROOT / "demo" / "corpus")
    parser.add_argument("--fixtures", type=Path, help="score the rewrite fixtures in this folder instead")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    if args.fixtures:
        score_fixtures(args.fixtures, args.errors)
    else:
        score_gold(args.gold, args.corpus, args.errors)


if __name__ == "__main__":
    sys.exit(main())

"""Score siblings and distortions on spun rewrites of real articles (``tools/spin_rewrites.py``).

Usage: python tools/eval_rewrites.py [--spin DIR] [--n 150] [--seed 1] [--db DB] [--errors]

Writes the rewrites (unless ``--spin`` names a folder ``spin_rewrites.py`` already wrote),
analyses them with the whole pipeline into a real SQLite file, then prints:

- siblings: each rewrite (and each republished copy) found as a sibling of its source;
  sibling pairs that are no gold pair (a false pair: a source with an unrelated article);
- distortions, per planted kind and over all: a planted distortion is found when a
  distortion on its rewrite against its source covers the planted words (kind right
  counted apart); a found distortion is right when it covers a planted one;
- how well each distortion's confidence matches how often distortions are right (the share
  right per confidence band; the Brier score against one constant for all);
- false alarms: distortions reported on the republished copies, per 1,000 articles.

The spinner and its gold were written blind to Telusur's code and word lists; the gold
never reads Telusur's output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import telusur

ROOT = Path(__file__).resolve().parent.parent
# the spinner's kinds and the diff kinds that report them
KINDS = {"negation": {"negation"}, "number": {"number"}, "tense": {"tense"}, "speaker": {"quote_speaker"},
         "actor": {"actor_target", "reversed_relation"}, "event": {"event"}, "date": {"date"}, "place": {"place"}}


def ratio(hit: int, total: int) -> str:
    """Return ``hit/total`` as a three-decimal share with the counts."""
    return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a (0/0)"


def main() -> None:
    """Spin, analyse, score, print one figure a line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spin", type=Path, help="a folder spin_rewrites.py wrote (default: write one)")
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", type=Path, help="the database to analyse into (kept)")
    ap.add_argument("--errors", action="store_true", help="print every miss and every false distortion")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="telusur-spin-") as tmp:
        spin = args.spin
        if spin is None:
            spin = Path(tmp) / "spin"
            subprocess.run([sys.executable, str(ROOT / "tools" / "spin_rewrites.py"), str(spin), "--n", str(args.n),
                            "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        gold = json.loads((spin / "gold.json").read_text(encoding="utf-8"))
        db = args.db or Path(tmp) / "spin.db"
        with telusur.analyze(spin / "pages", db=db, workers=1) as run:
            pairs = {(p.a, p.b) for p in run.siblings()}
            diffs = run.distortions()
            bodies = {}

            def body(doc: str) -> str:
                if doc not in bodies:
                    article = run.article(doc)
                    bodies[doc] = article.body if article else ""
                return bodies[doc]

            score(gold, pairs, diffs, body, args.errors)


def calibration(diffs: list, reported: list[int], right: set[int]) -> None:  # type: ignore[type-arg]
    """Print how well the distortions' confidence matches how often they are right.

    Takes every diff, the indices of those reported on the rewrites and the indices found
    right; prints the share right per confidence band, and the Brier score of the
    confidences against that of one constant (the overall share right).
    """
    if not reported:
        return
    bands: dict[str, list[int]] = {}
    for k in reported:
        c = diffs[k].confidence or 0.0
        band = "< 0.80" if c < 0.8 else "0.80-0.94" if c < 0.95 else ">= 0.95"
        bands.setdefault(band, []).append(k)
    shares = ", ".join(f"{b}: {ratio(len(right & set(ks)), len(ks))}" for b, ks in sorted(bands.items()))
    rate = len(right & set(reported)) / len(reported)
    brier = sum(((diffs[k].confidence or 0.0) - (k in right)) ** 2 for k in reported) / len(reported)
    flat = sum((rate - (k in right)) ** 2 for k in reported) / len(reported)
    print(f"distortions: right by confidence {shares}; Brier {brier:.4f} (one constant: {flat:.4f})")


def _id(name: str) -> str:
    return name.removesuffix(".txt")


def score(gold: dict, pairs: set[tuple[str, str]], diffs: list, body, errors: bool) -> None:  # type: ignore[no-untyped-def]
    """Print the figures (see the module docstring)."""
    wanted = {tuple(sorted((_id(p["source"]), _id(p["rewrite"])))): p["relation"] for p in gold["pairs"]}
    for relation in ("rewrite", "copy"):
        keys = [k for k, r in wanted.items() if r == relation]
        print(f"siblings: {relation}s found {ratio(sum(k in pairs for k in keys), len(keys))}")
        if errors:
            for k in keys:
                if k not in pairs:
                    print(f"  missed {relation}: {k[0]} / {k[1]}")
    false_pairs = sorted(pairs - set(wanted))
    print(f"siblings: false pairs {len(false_pairs)} (of {len(pairs)} found)")
    if errors:
        for k in false_pairs:
            print(f"  false pair: {k[0]} / {k[1]}")
    planted = gold["distortions"]
    spans: dict[int, tuple[str, str, int, int]] = {}
    for i, g in enumerate(planted):
        text = body(_id(g["rewrite"]))
        at = text.find(g["rewrite_sentence"])
        at = text.find(g["rewrite_says"], at) if at >= 0 else text.find(g["rewrite_says"])
        if at >= 0:
            spans[i] = (_id(g["rewrite"]), _id(g["source"]), at, at + len(g["rewrite_says"]))
    found_kind: Counter = Counter()
    found_any: Counter = Counter()
    sided: Counter = Counter()
    total: Counter = Counter()
    right = set()
    for i, g in enumerate(planted):
        total[g["kind"]] += 1
        if i not in spans:
            continue
        doc, src, s, e = spans[i]
        # either orientation: which side departs is scored apart ("side right")
        hits = [k for k, d in enumerate(diffs) if (d.a_id == doc and d.b_id == src and d.a_start < e and s < d.a_end)
                or (d.b_id == doc and d.a_id == src and d.b_start < e and s < d.b_end)]
        sided[g["kind"]] += any(diffs[k].a_id == doc for k in hits)
        right.update(hits)
        found_any[g["kind"]] += bool(hits)
        found_kind[g["kind"]] += any(diffs[k].kind in KINDS[g["kind"]] for k in hits)
        if errors and not hits:
            print(f"  missed {g['kind']}: {doc}: {g['rewrite_says']!r} in {g['rewrite_sentence'][:90]!r}")
    for kind in sorted(total):
        print(f"distortions: {kind:9} found {ratio(found_any[kind], total[kind])}, kind right {ratio(found_kind[kind], total[kind])}")
    print(f"distortions: all       found {ratio(sum(found_any.values()), sum(total.values()))}, "
          f"kind right {ratio(sum(found_kind.values()), sum(total.values()))}, "
          f"given to the rewrite {ratio(sum(sided.values()), sum(found_any.values()))}")
    spun = {_id(p["rewrite"]) for p in gold["pairs"] if p["relation"] == "rewrite"}
    on_spun = [k for k, d in enumerate(diffs) if d.a_id in spun or d.b_id in spun]
    print(f"distortions: precision on the rewrites {ratio(len(right & set(on_spun)), len(on_spun))}")
    calibration(diffs, on_spun, right)
    if errors:
        for k in on_spun:
            if k not in right:
                d = diffs[k]
                print(f"  false distortion: {d.kind} {d.a_id} <- {d.b_id}: {d.detail} | {d.a_says[:90]!r}")
    copies = {_id(p["rewrite"]) for p in gold["pairs"] if p["relation"] == "copy"}
    unrelated = {_id(u) for u in gold.get("unrelated", [])}
    on_copies = [d for d in diffs if (d.a_id in copies or d.b_id in copies)]
    others = [d for d in diffs if d.a_id not in spun and d.b_id not in spun and d not in on_copies]
    n_articles = len(copies) * 2 + len(unrelated)
    print(f"false alarms: distortions on republished copies {len(on_copies)}, elsewhere {len(others)}; "
          f"{1000 * (len(on_copies) + len(others)) / max(n_articles, 1):.1f} per 1,000 articles outside the rewrites")


if __name__ == "__main__":
    main()

"""Draw neighbourhoods of real articles for a blind story gold.

Usage: python tools/story_sets.py PAGES OUT [--sets 40] [--size 10] [--seed 7]

A neighbourhood is one article drawn at random from ``PAGES`` (the text pages of
``../shared/tools/indosum_pages.py``) and the ``size - 1`` articles nearest to it by plain
tf-idf cosine over their words, among those published within 21 days of it. The retrieval
is deliberately not Telusur's story grouping, so a key written over a neighbourhood does
not inherit that grouping's choices. Each set is written to ``OUT/set_NN/`` as numbered
text files (date, title, body) in a shuffled order, with ``OUT/sets.json`` mapping the
numbers back to article ids; a blind reader partitions each set into stories.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

WORD = re.compile(r"[a-z][a-z\-]{3,}")
WIB = timezone(timedelta(hours=7))
WINDOW_S = 21 * 86400


def read_pages(pages: Path) -> dict[str, tuple[int, str]]:
    """Map each page's id (file stem) to its crawl time and text.

    Takes the folder of ``.txt`` pages; returns ``{id: (unix_time, text)}``.
    Raises ``ValueError`` when a file name does not start with a Unix time.
    """
    out: dict[str, tuple[int, str]] = {}
    for path in sorted(pages.glob("*.txt")):
        stamp = path.stem.split("-", 1)[0]
        if not stamp.isdigit():
            raise ValueError(f"{path.name}: the name does not start with a Unix time")
        out[path.stem] = (int(stamp), path.read_text(encoding="utf-8"))
    return out


def vectors(texts: dict[str, str]) -> dict[str, dict[str, float]]:
    """Unit tf-idf vectors of the texts' words (words in over 5% of texts dropped)."""
    counts = {k: Counter(WORD.findall(t.lower())) for k, t in texts.items()}
    df = Counter(w for c in counts.values() for w in c)
    n = len(texts)
    out: dict[str, dict[str, float]] = {}
    for k, c in counts.items():
        v = {w: (1 + math.log(f)) * math.log(n / df[w]) for w, f in c.items() if df[w] <= 0.05 * n}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[k] = {w: x / norm for w, x in v.items()}
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def main() -> None:
    """Draw the sets and write them out."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--sets", type=int, default=40)
    ap.add_argument("--size", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--exclude", type=Path, help="a sets.json whose articles are not drawn again")
    args = ap.parse_args()
    pages = read_pages(args.pages)
    vecs = vectors({k: t for k, (_, t) in pages.items()})
    rng = random.Random(args.seed)
    used: set[str] = set()
    if args.exclude:
        used = {a for s in json.loads(args.exclude.read_text())["sets"] for a in s["articles"].values()}
    ids = sorted(pages)
    sets = []
    while len(sets) < args.sets:
        seed_id = rng.choice(ids)
        if seed_id in used:
            continue
        t0 = pages[seed_id][0]
        near = sorted(
            ((cosine(vecs[seed_id], vecs[k]), k) for k in ids
             if k != seed_id and k not in used and abs(pages[k][0] - t0) <= WINDOW_S),
            reverse=True,
        )[: args.size - 1]
        members = [seed_id] + [k for _, k in near]
        rng.shuffle(members)
        used.update(members)
        folder = args.out / f"set_{len(sets) + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        numbered = {}
        for i, k in enumerate(members, 1):
            day = datetime.fromtimestamp(pages[k][0], WIB).date().isoformat()
            (folder / f"{i:02d}.txt").write_text(f"Date: {day}\n\n{pages[k][1]}", encoding="utf-8")
            numbered[f"{i:02d}"] = k
        sets.append({"set": folder.name, "seed": seed_id, "articles": numbered})
    (args.out / "sets.json").write_text(json.dumps({"sets": sets}, indent=1), encoding="utf-8")
    print(f"{len(sets)} sets of {args.size} written to {args.out}")


if __name__ == "__main__":
    main()

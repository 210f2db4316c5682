"""Score partial reuse (``telusur reuse``) on real articles that lift paragraphs of earlier ones.

Usage: python tools/eval_reuse.py [--pages /tmp/real] [--n 100] [--seed 4]

Builds its cases from real IndoSum pages (``../shared/tools/indosum_pages.py --seed 1``,
written to a temporary folder unless ``--pages`` names one): for each case two real
articles, the earlier the source and the later the host; the host gets two consecutive
paragraphs of the source (after one of its own), lifted as they are, or with the first
sentence of the first one dropped (every other case). A case is found when the longer
lifted paragraph lies in a passage ``reuse`` gives from its source. Beside them, as many real articles
untouched. Then prints:

- passages found: the lifted paragraphs lie in a passage ``reuse`` gives from their source;
- other sources: sources ``reuse`` names for a host beyond the one it lifted from;
- false passages: sources named for the untouched articles (none lifted anything, though
  real outlets do repeat each other).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

import telusur

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_real import make_pages  # noqa: E402


def paragraphs(page: Path) -> tuple[str, list[str]]:
    """Return a page's title line and its paragraphs."""
    title, _, body = page.read_text(encoding="utf-8").partition("\n\n")
    return title, [p for p in body.split("\n\n") if p.strip()]


def build(pages: list[Path], n: int, seed: int, out: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Write the cases and the untouched articles into ``out``; return (host, source, lifted text) and the untouched ids."""
    rng = random.Random(seed)
    usable = [p for p in pages if len(paragraphs(p)[1]) >= 4 and re.match(r"\d{10}-", p.name)]
    pool = rng.sample(usable, min(len(usable), 3 * n))
    cases = []
    for k in range(n):
        if 2 * k + 1 >= len(pool):
            break
        source, host = sorted(pool[2 * k : 2 * k + 2], key=lambda p: int(p.name.split("-")[0]))
        _, lifted_from = paragraphs(source)
        title, own = paragraphs(host)
        i = rng.randrange(1, len(lifted_from) - 1)
        lifted = lifted_from[i : i + 2]
        if k % 2 and ". " in lifted[0]:
            lifted = [lifted[0].split(". ", 1)[1], lifted[1]]  # the first sentence dropped
        at = rng.randrange(1, len(own))
        name = f"{int(host.name.split('-')[0]) + 3600}-lifts-{k}"
        (out / f"{name}.txt").write_text(title + "\n\n" + "\n\n".join(own[:at] + lifted + own[at:]), encoding="utf-8")
        shutil.copy(source, out / source.name)
        cases.append((name, source.stem, max(lifted, key=len)))
    untouched = [p.stem for p in pool[2 * n : 3 * n]]
    for stem in untouched:
        shutil.copy(next(p for p in pool if p.stem == stem), out / f"{stem}.txt")
    return cases, untouched


def _find(body: str, paragraph: str) -> int:
    """Where a lifted paragraph's first words stand in a clean body (hard-wrapped pages are
    reflowed by the cleaner, so any run of spaces matches); -1 when cleaning dropped them."""
    words = paragraph.split()[:6]
    m = re.search(r"\s+".join(map(re.escape, words)), body) if words else None
    return m.start() if m else -1


def main() -> None:
    """Build the cases, analyse them, print one figure a line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, help="pages already written by indosum_pages.py --seed 1")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="telusur-reuse-") as tmp:
        pages = args.pages
        if pages is None:
            pages = Path(tmp) / "pages"
            make_pages(pages)
        folder = Path(tmp) / "cases"
        folder.mkdir()
        cases, untouched = build(sorted(pages.glob("*.txt")), args.n, args.seed, folder)
        found = other = false = 0
        with telusur.analyze(folder, db=Path(tmp) / "reuse.db", workers=1) as run:
            for host, source, lifted in cases:
                at = _find(run.article(host).body, lifted)
                reused = run.reuse(host)
                found += any(r.source == source and any(p.start <= at < p.end for p in r.passages) for r in reused)
                other += sum(r.source != source for r in reused)
            false = sum(len(run.reuse(stem)) for stem in untouched)
    print(f"passages found: {found / max(len(cases), 1):.3f} ({found}/{len(cases)})")
    print(f"other sources named for the hosts: {other}")
    print(f"sources named for {len(untouched)} untouched articles: {false}")


if __name__ == "__main__":
    main()

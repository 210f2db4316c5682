"""HTML input: Telusur's overhead over trafilatura on full news pages.

Usage: python bench/bench_html.py [--n 300] [--rounds 3] [--seed S]

Pages are synthetic articles (see synth.py) rendered in three page shapes modelled on
demo/corpus/*.html and demo/warc-src/*.html: header, nav, ads, sidebar, comments,
footer, meta tags, OpenGraph, JSON-LD, inline CSS and scripts. For every page, in the
same loop (so both sides share the machine's noise), the script times
(a) ``trafilatura.bare_extraction`` with metadata (body, title, date, author, site: the
peer a user would otherwise run), (b) the same without its metadata pass (body only),
and (c) Telusur's full ``clean(doc)``, which calls trafilatura once itself and skips
trafilatura's metadata pass when the page's JSON-LD and meta tags already state title,
date, site and authors. The three run in rotating order so none always finds the
others' caches warm. Over ``--rounds`` rounds, the median total per side is kept;
overhead = (telusur - trafilatura) / trafilatura, goal under 20%; the overhead over the
body-only run is printed too.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import trafilatura  # noqa: E402

import synth  # noqa: E402
from telusur.clean import clean  # noqa: E402
from telusur.errors import TelusurError  # noqa: E402
from telusur.ingest.decode import content_hash  # noqa: E402
from telusur.model import Document  # noqa: E402

GOAL_PERCENT = 20.0


def build(n: int, seed: int) -> list[Document]:
    """Return ``n`` HTML Documents (with their URL as Telusur's HTML reader would set it)."""
    rng = random.Random(seed + 1)
    docs = []
    for art in synth.iter_articles(n, seed):
        page = synth.render_html(art, rng)
        hints = {"url": art.url}
        docs.append(Document(id=art.id, source=f"synth:{art.id}.html", format="html",
                             content_hash=content_hash("html", page, hints), html=page, url=art.url, hints=hints))
    return docs


def extract(doc: Document) -> object:
    """Run trafilatura alone, exactly as ``telusur.clean.html.extract_html`` calls it."""
    return trafilatura.bare_extraction(
        doc.html, url=doc.url, with_metadata=True, include_comments=False,
        include_tables=False, include_images=False, deduplicate=False,
    )


def extract_body(doc: Document) -> object:
    """Run trafilatura for the body alone (no metadata pass): a lower bound for any tool built on it."""
    return trafilatura.bare_extraction(
        doc.html, url=doc.url, with_metadata=False, include_comments=False,
        include_tables=False, include_images=False, deduplicate=False,
    )


def telusur(doc: Document) -> object:
    """Run Telusur's full cleaning; a page it rejects still counts its time."""
    try:
        return clean(doc)
    except TelusurError:
        return None


def one_round(docs: list[Document]) -> tuple[float, float, float, int]:
    """Time all three on every page, rotating their order; return their seconds and Telusur's failures."""
    spent = {extract: 0.0, extract_body: 0.0, telusur: 0.0}
    order = [extract, telusur, extract_body]
    failed = 0
    clock = time.perf_counter
    for i, doc in enumerate(docs):
        for fn in order[i % 3 :] + order[: i % 3]:
            start = clock()
            result = fn(doc)
            spent[fn] += clock() - start
            if fn is telusur:
                failed += result is None
    return spent[extract], spent[extract_body], spent[telusur], failed


def main() -> None:
    """Parse arguments, run the rounds and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="number of pages (default 300)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    args = parser.parse_args()

    docs = build(args.n, args.seed)
    sizes = [len((d.html or "").encode()) for d in docs]
    print(f"telusur_commit: {synth.code_version()}")
    print(f"pages: {len(docs)} pages")
    print(f"mean_page_size: {statistics.mean(sizes) / 1024:.1f} KiB")
    one_round(docs[:20])  # warm-up: imports, lexicons, lazy initialisation

    traf_times, body_times, tel_times = [], [], []
    failed = 0
    for r in range(args.rounds):
        gc.collect()
        t_traf, t_body, t_tel, failed = one_round(docs)
        traf_times.append(t_traf)
        body_times.append(t_body)
        tel_times.append(t_tel)
        print(f"round_{r + 1}_trafilatura: {t_traf:.2f} s")
        print(f"round_{r + 1}_trafilatura_body_only: {t_body:.2f} s")
        print(f"round_{r + 1}_telusur: {t_tel:.2f} s")
    traf, body, tel = (statistics.median(t) for t in (traf_times, body_times, tel_times))
    overhead = (tel - traf) / traf * 100
    print(f"trafilatura: {len(docs) / traf:.1f} pages/s")
    print(f"trafilatura_body_only: {len(docs) / body:.1f} pages/s")
    print(f"telusur_clean: {len(docs) / tel:.1f} pages/s")
    print(f"trafilatura_per_page: {traf / len(docs) * 1000:.2f} ms")
    print(f"trafilatura_body_only_per_page: {body / len(docs) * 1000:.2f} ms")
    print(f"telusur_clean_per_page: {tel / len(docs) * 1000:.2f} ms")
    print(f"telusur_failed: {failed} pages")
    print(f"overhead_vs_body_only: {(tel - body) / body * 100:.1f} %")
    print(f"overhead: {overhead:.1f} %")
    print(f"goal: {GOAL_PERCENT:.0f} %")
    print(f"goal_met: {'yes' if overhead < GOAL_PERCENT else 'no'}")


if __name__ == "__main__":
    main()

"""ROUGE of Telusur's single-document summary against Lead-3 on an IndoSum dev fold.

Usage: python tools/eval_summary.py [--limit N] [--fold dev.05] [--no-title]

Reads ../shared/data/summarization/indosum/<fold>.jsonl beside the project (in place;
nothing is copied), rebuilds each article's body from its tokens, and scores
``summarise([article], n=3)`` and Lead-3 (the body's first three sentences, as
``telusur.text.tokens.sentences`` splits them) against the human summary: mean ROUGE-1,
ROUGE-2 and ROUGE-L F1 (``telusur.text.rouge``), side by side, in one run. IndoSum has
no title field; the title is rebuilt from the id's slug (``--no-title`` withholds it).

IndoSum ships only its dev folds here. The shipped scorer is trained on dev.02-dev.04
(``tools/train_summary.py``) with every article of dev.05 left out, so dev.05 is the
held-out fold; scoring any other fold scores articles the scorer was trained on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "summarization" / "indosum"
FOLDS = ("dev.02", "dev.03", "dev.04", "dev.05")
HELD_OUT = "dev.05"

sys.path.insert(0, str(ROOT / "src"))

from telusur.corpus.summary import SummaryArticle, candidates, summarise  # noqa: E402
from telusur.text.rouge import rouge  # noqa: E402
from telusur.text.tokens import sentences  # noqa: E402

_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "..."})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})
_QUOTES = frozenset({'"', "“", "”"})
_SLUG_TIME = re.compile(r"^(\d{9,10})-")


def read(folds: Iterable[str]) -> list[dict]:
    """Return the IndoSum records of ``folds``, first occurrence of each id only, in file order.

    Raises ``FileNotFoundError`` when a fold's file is missing.
    """
    seen: set[str] = set()
    out = []
    for fold in folds:
        with (DATA / f"{fold}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if record["id"] not in seen:
                    seen.add(record["id"])
                    out.append(record)
    return out


def detokenise(tokens: Sequence[str]) -> str:
    """Return running text from word tokens: no space before closing punctuation, quotes paired."""
    out: list[str] = []
    glue, quote_open = True, False
    for token in tokens:
        if token in _QUOTES:
            if quote_open:
                out.append('"')
                glue = False
            else:
                out.append('"' if glue else ' "')
                glue = True
            quote_open = not quote_open
            continue
        if not (glue or token in _NO_SPACE_BEFORE or (token == "-" and out and out[-1] == "-")):
            out.append(" ")
        out.append(token)
        glue = token in _NO_SPACE_AFTER
    return "".join(out)


def body_of(record: dict) -> str:
    """Return the article body: one line per paragraph, a blank line between paragraphs."""
    return "\n\n".join(detokenise([t for sentence in para for t in sentence]) for para in record["paragraphs"])


def reference_of(record: dict) -> str:
    """Return the human summary as text (its sentences joined by spaces)."""
    return " ".join(detokenise(sentence) for sentence in record["summary"])


def article_of(record: dict) -> SummaryArticle:
    """Return the record as a ``SummaryArticle``.

    IndoSum has no title or date fields; its ids are "<unix time>-<title slug>", so the
    slug (cut at 50 characters) stands in for the title and the time for ``published``.
    """
    slug = record["id"]
    published = None
    m = _SLUG_TIME.match(slug)
    if m:
        published = datetime.fromtimestamp(int(m.group(1)), UTC).isoformat()
        slug = slug[m.end() :]
    title = slug.replace("-", " ").strip() or None
    return SummaryArticle(record["id"], body_of(record), title=title, published=published, outlet=record.get("source"))


def lead(body: str, n: int = 3) -> str:
    """Return the first ``n`` sentences of ``body``."""
    return " ".join(body[s:e].strip() for s, e in sentences(body)[:n])


def evaluate(records: list[dict], n: int = 3, titles: bool = True) -> dict[str, tuple[float, float, float]]:
    """Return mean ROUGE-1/2/L F1 over ``records`` of Telusur, Lead-3, and Lead-3 without the dateline.

    The third row takes the first ``n`` sentences as Telusur cuts them (a leading
    dateline left out), to show how much of the difference is the dateline alone.
    ``titles=False`` withholds the slug titles from Telusur.
    """
    totals = {name: [0.0, 0.0, 0.0] for name in ("Telusur", "Lead-3", "Lead-3, dateline cut")}
    for record in records:
        article = article_of(record)
        if not titles:
            article = replace(article, title=None)
        reference = reference_of(record)
        ours = " ".join(s.text for s in summarise([article], n=n))
        trimmed = " ".join(c.text for c in candidates(article)[:n])
        for name, candidate in (("Telusur", ours), ("Lead-3", lead(article.body, n)), ("Lead-3, dateline cut", trimmed)):
            r = rouge(candidate, reference)
            for i, score in enumerate((r.rouge1, r.rouge2, r.rougeL)):
                totals[name][i] += score.f1
    count = max(len(records), 1)
    return {name: (t[0] / count, t[1] / count, t[2] / count) for name, t in totals.items()}


def main() -> None:
    """Parse the arguments, score the fold and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", default=HELD_OUT, choices=FOLDS)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--no-title", action="store_true", help="withhold the titles recovered from the id slugs")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if not DATA.is_dir():
        sys.exit(f"IndoSum not found at {DATA}")

    records = read([args.fold])[: args.limit]
    figures = evaluate(records, titles=not args.no_title)
    status = "held out: not used in training" if args.fold == HELD_OUT else "WARNING: a training fold"
    titles = "no titles" if args.no_title else "titles from id slugs"
    print(f"IndoSum {args.fold} ({status}), {len(records)} articles, n=3 sentences, {titles}, mean F1")
    print(f"  {'':22} {'R1':>6} {'R2':>6} {'RL':>6}")
    for name, (r1, r2, rl) in figures.items():
        print(f"  {name:22} {r1:6.4f} {r2:6.4f} {rl:6.4f}")


if __name__ == "__main__":
    main()

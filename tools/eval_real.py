"""Score Telusur's per-article stages on real articles against blind golds: the real-text yardstick.

Usage: python tools/eval_real.py [--variant text|jsonl|html] [--errors] [--gold eval/real/gold]

The articles are real IndoSum news (``../shared/data/summarization/indosum``, ten outlets),
written as scraped-looking pages by ``../shared/tools/indosum_pages.py`` (seed 1, every
7th page hard-wrapped) into a temporary folder: nothing of them is kept in this project.
The golds (``eval/real/gold/<id>.json``) were written blind, by readers who saw only the
page (``eval/real/README.md`` says how). Variants: ``text`` (the pages as they are),
``jsonl`` (the body with the article's URL and title, as a scraper's JSONL holds them)
and ``html`` (the page as a minimal HTML document with its URL in ``og:url``).

Each figure is hits over a denominator, printed per field:

- title: exact (whitespace folded); body: the gold's first and last words are at the
  body's start and end (within ``EDGE`` characters), and no gold debris line is in it;
- outlet / dateline / authors / wire: the gold value (or set) equals Telusur's (case,
  punctuation and ".com"-style suffixes folded); "no label word as a name": authors that
  are not a gold name of any role;
- published day: the gold day where the gold reader took it from the body's dates; where
  the reader fell back on the crawl stamp (the day of IndoSum's id, which is the
  publication day or up to a day after), that day or the day before;
- quotes: direct-quote recall (a gold quote's first words inside a Telusur quote) and
  precision (a Telusur direct quote holds a gold quote's first words), speaker
  precision (a Telusur quote with a speaker, matched to a gold quote whose speaker is
  known: the names share a word);
- entities: precision and recall of (mention, type) with LOC covering GPE; a mention the
  gold types PRODUCT or EVT (types Telusur does not have) counts in neither, and recall
  counts the gold entities the body names (one named only in the dateline or byline is
  metadata, scored there); alias groups within an article (a gold entity's
  spellings, where two or more were found, land in one entity; an entity with two or more
  spellings holds one gold entity's);
- quantities: precision (a Telusur quantity names a gold one's figure: one text holds the
  other, or they share a number: "real") and recall;
- dates: recall of gold expressions, and the share of found ones with the gold value.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from telusur.engine.pipeline import process
from telusur.ingest import iter_documents
from telusur.model import Article, Failure

from eval_extraction import Tally  # tools/ is on the path when this runs as a script

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGES_TOOL = SHARED / "tools" / "indosum_pages.py"
INDOSUM = SHARED / "data" / "summarization" / "indosum"
SEED = 1
EDGE = 200
_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
_NUMBER = re.compile(r"\d+(?:,\d+)?")
_SUFFIX = re.compile(r"\.(?:com|net|id|co\.id|or\.id)\b|\bnews\b|\bindonesia\b")


@dataclass
class Report:
    """Tallies by name and the misses behind them."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, doc: str = "", why: str = "") -> None:
        self.tallies.setdefault(name, Tally()).add(ok)
        if not ok and why:
            self.errors.append(f"{name}: {doc}: {why}")


def fold(text: str | None) -> str:
    """Lower-case, punctuation-free, whitespace-folded text for matching."""
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").lower()).split())


def outlet_key(name: str | None) -> str:
    """Fold an outlet name so that "JUARA.NET", "Juara.net" and "juara" compare equal."""
    return fold(_SUFFIX.sub(" ", (name or "").lower())).replace(" ", "")


def make_pages(out: Path) -> None:
    """Write every IndoSum article as a page into ``out`` with the shared tool (seed ``SEED``)."""
    subprocess.run([sys.executable, str(PAGES_TOOL), str(out), "--n", "0", "--seed", str(SEED)],
                   check=True, capture_output=True)


def indosum_records() -> dict[str, dict]:
    """Return IndoSum's records by id (first occurrence), read in place."""
    out: dict[str, dict] = {}
    for path in sorted(INDOSUM.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            rec = json.loads(line)
            out.setdefault(rec["id"], rec)
    return out


def write_variant(pages: Path, ids: list[str], variant: str, out: Path) -> Path:
    """Write the gold articles' pages in ``variant`` form under ``out``; return the path to analyse."""
    records = indosum_records() if variant != "text" else {}
    out.mkdir(parents=True, exist_ok=True)
    if variant == "text":
        for i in ids:
            (out / f"{i}.txt").write_text((pages / f"{i}.txt").read_text(encoding="utf-8"), encoding="utf-8")
        return out
    if variant == "jsonl":
        with (out / "articles.jsonl").open("w", encoding="utf-8") as f:
            for i in ids:
                title, _, body = (pages / f"{i}.txt").read_text(encoding="utf-8").partition("\n\n")
                f.write(json.dumps({"id": i, "url": records[i]["source_url"], "title": title.strip(), "text": body}) + "\n")
        return out
    for i in ids:
        title, _, body = (pages / f"{i}.txt").read_text(encoding="utf-8").partition("\n\n")
        paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n") if p.strip())
        (out / f"{i}.html").write_text(
            f'<!doctype html><html><head><title>{html.escape(title.strip())}</title>'
            f'<meta property="og:url" content="{html.escape(records[i]["source_url"])}"></head>'
            f"<body><article><h1>{html.escape(title.strip())}</h1>\n{paras}</article></body></html>", encoding="utf-8")
    return out


def analyse(folder: Path) -> tuple[dict[str, Article], list[Failure]]:
    """Run the per-article pipeline (no database) over a folder; return articles by id and failures."""
    articles, failures = {}, []
    for doc in iter_documents([folder]):
        result = doc if isinstance(doc, Failure) else process(doc)
        if isinstance(result, Failure):
            failures.append(result)
        else:
            articles[result.id] = result
    return articles, failures


def _names(fields: Iterable) -> set[str]:
    return {fold(f.value) for f in fields}


def _word_overlap(a: str | None, b: str | None) -> bool:
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return bool(wa & wb)


def score(article: Article, gold: dict, rep: Report) -> None:
    """Add one article's figures to ``rep``."""
    doc, body = gold["id"], article.body
    fbody = fold(body)
    rep.add("title", fold(article.title.value if article.title else None) == fold(gold["title"]), doc,
            f"{article.title.value if article.title else None!r}")
    first, last = fold(gold["body_first"]), fold(gold["body_last"])
    rep.add("body start", first in fold(body[: len(gold["body_first"]) + EDGE]), doc, f"starts {body[:80]!r}")
    rep.add("body end", last in fold(body[-(len(gold["body_last"]) + EDGE):]), doc, f"ends {body[-80:]!r}")
    rep.add("body whole (start and end)", first in fbody and last in fbody and
            fbody.find(first) < len(gold["body_first"]) + EDGE and
            len(fbody) - fbody.rfind(last) < len(gold["body_last"]) + EDGE)
    for piece in gold["debris"]:
        # a debris line may repeat report words (a caption); count it only when absent from the gold body edges
        if fold(piece) and fold(piece) not in (first, last):
            # a short piece ("[dan]") folds to a common word: look for it as written
            kept = " ".join(piece.split()) in " ".join(body.split()) if len(fold(piece).split()) < 3 else fold(piece) in fbody
            rep.add("debris removed", not kept, doc, f"kept {piece!r}")
    if gold.get("outlet"):
        got = article.outlet.value.get("name") if article.outlet else None
        rep.add("outlet (where the text names it)", outlet_key(got) == outlet_key(gold["outlet"]), doc,
                f"{got!r} vs {gold['outlet']!r}")
    if gold.get("dateline"):
        got = article.dateline.value if article.dateline else None
        rep.add("dateline", fold(got) == fold(gold["dateline"]), doc, f"{got!r} vs {gold['dateline']!r}")
    gold_people = {fold(n) for n in gold["authors"] + gold["editors"]}
    rep.add("authors (set equal)", _names(article.authors) == {fold(n) for n in gold["authors"]}, doc,
            f"{sorted(_names(article.authors))} vs {gold['authors']}")
    for a in article.authors:
        rep.add("authors: returned names that are people of the byline", fold(a.value) in gold_people, doc, repr(a.value))
    rep.add("wire agencies (set equal)", {outlet_key(f.value) for f in article.wire_agencies}
            == {outlet_key(w) for w in gold["wire_agencies"]}, doc,
            f"{[f.value for f in article.wire_agencies]} vs {gold['wire_agencies']}")
    day = article.published.value[:10] if article.published else None
    if gold["published_evidence"] == "body":
        rep.add("published day (gold from the body's dates)", day == gold["published"], doc, f"{day} vs {gold['published']}")
    else:
        # the crawler's stamp is the publication day or up to a day after it (IndoSum's ids)
        stamp = dt.date.fromisoformat(gold["published"])
        near = {stamp.isoformat(), (stamp - dt.timedelta(days=1)).isoformat()}
        rep.add("published day (gold: the crawl stamp; its day or the day before)", day in near, doc, f"{day} vs {gold['published']}")
    _score_quotes(article, gold, rep)
    _score_entities(article, gold, rep)
    _score_spans(article, gold, rep)


def _score_quotes(article: Article, gold: dict, rep: Report) -> None:
    doc = gold["id"]
    quotes = [(fold(q.text), q) for q in article.quotes]
    for g in gold["quotes"]:
        start = fold(g["start"])
        match = next((q for text, q in quotes if start and start in text), None)
        if g["kind"] == "direct":
            rep.add("direct quotes found", match is not None and match.kind == "direct", doc, f"missed {g['start']!r}")
            if g["speaker"]:
                rep.add("direct quotes with the right speaker (recall)", match is not None and
                        _word_overlap(match.speaker, g["speaker"]), doc,
                        f"{g['start']!r}: {match.speaker if match else None!r} vs {g['speaker']!r}")
    starts = [fold(g["start"]) for g in gold["quotes"] if fold(g["start"])]
    for text, q in quotes:
        if q.kind == "direct":
            rep.add("direct quotes real (precision)", any(st in text for st in starts), doc, f"not a quote: {q.text[:50]!r}")
    for text, q in quotes:
        if not q.speaker:
            continue
        g = next((g for g in gold["quotes"] if fold(g["start"]) and fold(g["start"]) in text), None)
        if g is None or not g["speaker"]:
            continue
        rep.add("quote speaker precision", _word_overlap(q.speaker, g["speaker"]), doc,
                f"{q.text[:50]!r}: {q.speaker!r} vs {g['speaker']!r}")


def _score_entities(article: Article, gold: dict, rep: Report) -> None:
    doc = gold["id"]
    gold_types: dict[str, str] = {}
    for e in gold["entities"]:
        for m in [e["name"], *e["mentions"]]:
            gold_types.setdefault(fold(m), e["type"])
    for e in article.entities:
        for m in {fold(x.text) for x in e.mentions}:
            want = gold_types.get(m)
            if want in ("PRODUCT", "EVT"):
                continue  # types Telusur does not have: neither right nor wrong
            rep.add("entity mentions: span and type right (precision)", want is not None and _TYPES.get(e.type) == want, doc,
                    f"{m!r} {e.type} vs {want}")
    # alias groups: a gold entity's spellings that Telusur found all sit in one of its entities,
    # and no entity of Telusur's holds spellings of two gold entities
    owner = {fold(x.text): e.name for e in article.entities for x in e.mentions}
    gold_of = {}
    for e in gold["entities"]:
        for m in {fold(m) for m in [e["name"], *e["mentions"]]}:
            gold_of.setdefault(m, set()).add(e["name"])
    for e in gold["entities"]:
        seen = {owner[m] for m in {fold(m) for m in e["mentions"]} if m in owner}
        if len({fold(m) for m in e["mentions"]} & set(owner)) >= 2:
            rep.add("alias groups: a gold entity's spellings in one entity", len(seen) == 1, doc, f"{e['name']!r} split over {sorted(seen)}")
    for e in article.entities:
        golds = set().union(*(gold_of.get(fold(x.text), set()) for x in e.mentions))
        if len({fold(x.text) for x in e.mentions}) >= 2 and golds:
            rep.add("alias groups: an entity holds one gold entity", len(golds) == 1, doc, f"{e.name!r} joins {sorted(golds)}")
    found = {fold(x.text): _TYPES.get(e.type) for e in article.entities for x in e.mentions}
    body = fold(article.body)
    for e in gold["entities"]:
        # an entity named only in the dateline or byline (the outlet, the reporter) is
        # metadata, scored above; entities are what the report's body names
        if e["type"] not in ("PER", "ORG", "LOC") or not any(fold(m) in body for m in [e["name"], *e["mentions"]]):
            continue
        hit = any(found.get(fold(m)) == e["type"] for m in [e["name"], *e["mentions"]])
        rep.add("entities found with their type (recall)", hit, doc, f"missed {e['name']!r} {e['type']}")


def _overlaps(a: str, b: str) -> bool:
    return bool(a and b) and (a in b or b in a)


def _same_figure(a: str, b: str) -> bool:
    """Two quantity texts name one figure: one holds the other, or they share a number ("sekitar 800" / "800 orang")."""
    fa, fb = fold(a), fold(b)
    if _overlaps(fa, fb):
        return True
    na, nb = set(_NUMBER.findall(a.replace(".", ""))), set(_NUMBER.findall(b.replace(".", "")))
    return bool(na & nb)


def _score_spans(article: Article, gold: dict, rep: Report) -> None:
    doc = gold["id"]
    gq = [q["text"] for q in gold["quantities"]]
    for q in article.quantities:
        rep.add("quantities real (precision)", any(_same_figure(q.text, g) for g in gq), doc, f"not a quantity: {q.text!r}")
    for q in gold["quantities"]:
        rep.add("quantities found (recall)", any(_same_figure(q["text"], s.text) for s in article.quantities),
                doc, f"missed {q['text']!r}")
    for d in gold["dates"]:
        match = next((t for t in article.times if _overlaps(fold(d["text"]), fold(t.text))), None)
        rep.add("dates found (recall)", match is not None, doc, f"missed {d['text']!r}")
        if match is not None and d["value"]:
            rep.add("dates found: value right", (match.value or "").startswith(d["value"]), doc,
                    f"{d['text']!r} -> {match.value} vs {d['value']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "eval" / "real" / "gold")
    ap.add_argument("--variant", choices=("text", "jsonl", "html"), default="text")
    ap.add_argument("--pages", type=Path, help="pages already written by indosum_pages.py --seed 1 (default: write them)")
    ap.add_argument("--errors", action="store_true", help="print every miss")
    args = ap.parse_args()
    if not PAGES_TOOL.exists():
        sys.exit(f"needs {PAGES_TOOL} (the shared data beside the project)")
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.gold.glob("*.json"))}
    with tempfile.TemporaryDirectory(prefix="telusur-real-") as tmp:
        pages = args.pages
        if pages is None:
            pages = Path(tmp) / "pages"
            make_pages(pages)
        folder = write_variant(pages, sorted(golds), args.variant, Path(tmp) / args.variant)
        articles, failures = analyse(folder)
    rep = Report()
    for doc_id, gold in golds.items():
        article = articles.get(doc_id)
        rep.add("articles analysed (not failed)", article is not None, doc_id, "failed")
        if article is not None:
            score(article, gold, rep)
    print(f"{len(golds)} real articles with blind golds, variant {args.variant}; {len(failures)} failed")
    for f in failures:
        print(f"  failed: {f.doc_id} [{f.stage}] {f.reason}")
    width = max(map(len, rep.tallies))
    for name, tally in rep.tallies.items():
        print(f"  {name:<{width}}  {tally}")
    if args.errors:
        print("\n".join(rep.errors))


if __name__ == "__main__":
    main()

"""Score per-article extraction against the hand-written gold for the demo corpus.

Usage: python tools/eval_extraction.py [--gold demo/gold/extraction.json] [--corpus demo/corpus] [--errors]

Runs ``clean`` and ``extract`` on every demo article (no database) and prints, per kind:

- entities: precision / recall / F1 of (name, type) per article, and alias grouping
  (a gold entity's surface forms all land in one system entity);
- quotes: detection precision and recall, and speaker precision / recall for direct and reported
  quotes (a quote "with a speaker" that names the wrong one, or one the gold leaves
  undecided, is a precision error);
- times: how many gold expressions were found, and how many of those were normalised
  to the gold value (the issue's "dates normalised right");
- quantities: detection precision / recall, then value, qualifier, counted head word
  and claimant accuracy on the matched ones;
- corpus entities: each gold entity's names (those no other gold entity shares) land
  in one corpus entity, and no corpus entity holds names of two gold entities;
- events: precision / recall of (action, actor) and of (action, actor, target); for
  deploy and supply, Telusur's target (where troops or goods go) is compared with the
  gold's place when the gold leaves the target empty.

Names match when any spelling key of one entity (its name, its mentions, spelling
variants folded by ``name_key``) is a key of the other; for event actors and targets a
capital or building also matches the state it stands for.
"""

from __future__ import annotations

import argparse
import json
import sys
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from telusur.clean import clean
from telusur.corpus.aliases import resolve_entities
from telusur.extract import extract
from telusur.extract.entities import name_key
from telusur.ingest import iter_documents
from telusur.model import Article, ArticleEntity, Document, Quantity, TimeExpr

ROOT = Path(__file__).resolve().parents[1]
_DESTINATION_ACTIONS = ("deploy", "supply")
_Span = TypeVar("_Span", TimeExpr, Quantity)


@dataclass
class Tally:
    """Counts for one figure: hits over a denominator."""

    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += bool(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.rate:.3f} ({self.hit}/{self.total})"


@dataclass
class Report:
    """All figures, by name, plus the errors behind them."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def t(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())


def _keys_of_gold(entity: dict, with_stands_for: bool) -> set[str]:
    keys = {name_key(entity["name"]), *(name_key(m) for m in entity.get("mentions", []))}
    if with_stands_for and entity.get("stands_for"):
        keys.add(name_key(entity["stands_for"]))
    return keys - {""}


def _keys_of_system(article: Article, name: str, with_stands_for: bool) -> set[str]:
    keys = {name_key(name)}
    for e in article.entities:
        if e.name == name:
            keys |= {name_key(m.text) for m in e.mentions}
            if with_stands_for and e.stands_for:
                keys.add(name_key(e.stands_for))
    return keys - {""}


class Names:
    """Decides whether a system name and a gold name denote the same entity in one article."""

    def __init__(self, article: Article, gold_entities: list[dict]) -> None:
        self.article = article
        self.gold = {e["name"]: e for e in gold_entities}

    def same(self, system: str | None, gold: str | None, with_stands_for: bool = False) -> bool:
        if system is None or gold is None:
            return system is None and gold is None
        g = self.gold.get(gold, {"name": gold})
        return bool(_keys_of_system(self.article, system, with_stands_for) & _keys_of_gold(g, with_stands_for))


def _interval(value: str | None) -> str | None:
    """Normalise an ISO day, month, year or interval to ``first/last`` days."""
    if not value:
        return None
    if "/" in value:
        return value
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-01-01/{value}-12-31"
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{value}-01/{value}-{monthrange(y, m)[1]:02d}"
    return f"{value}/{value}"


def _locate(body: str, text: str, used: set[int]) -> tuple[int, int] | None:
    """Find ``text`` in ``body``, skipping occurrences already matched."""
    start = body.find(text)
    while start != -1 and start in used:
        start = body.find(text, start + 1)
    if start == -1:
        return None
    used.add(start)
    return start, start + len(text)


def _found_at(body: str, text: str, items: list[_Span], used: set[int]) -> _Span | None:
    """Return the first system item (time, quantity) overlapping the gold ``text`` in ``body``, or None."""
    span = _locate(body, text, used)
    return next((x for x in items if x.start < span[1] and span[0] < x.end), None) if span else None


def _norm(text: str) -> str:
    return " ".join(text.replace("“", '"').replace("”", '"').split())


def score_article(article: Article, gold: dict, report: Report) -> None:
    """Add one article's figures to ``report``."""
    names = Names(article, gold.get("entities", []))
    _score_entities(article, gold.get("entities", []), names, report)
    _score_quotes(article, gold.get("quotes", []), names, report)
    _score_times(article, gold.get("times", []), report)
    _score_quantities(article, gold.get("quantities", []), names, report)
    _score_events(article, gold.get("events", []), names, report)


def _score_entities(article: Article, gold: list[dict], names: Names, report: Report) -> None:
    matched_system: set[str] = set()
    for g in gold:
        hit = next((e for e in article.entities if names.same(e.name, g["name"]) and e.name not in matched_system), None)
        report.t("entities: recall").add(hit is not None)
        report.t(f"entities: recall {g['type']}").add(hit is not None)
        if hit is None:
            report.errors.append(f"{article.id}: entity missed: {g['name']} ({g['type']})")
            continue
        matched_system.add(hit.name)
        report.t("entities: type right").add(hit.type == g["type"])
        forms = {m for m in g.get("mentions", []) if m in article.body}
        if len(forms) > 1:
            texts = {m.text for m in hit.mentions}
            ok = forms <= texts
            report.t("entities: aliases grouped").add(ok)
            if not ok:
                report.errors.append(f"{article.id}: aliases of {g['name']} not grouped: missing {sorted(forms - texts)}")
    for e in article.entities:
        ok = e.name in matched_system or any(names.same(e.name, g["name"]) for g in gold)
        report.t("entities: precision").add(ok)
        report.t(f"entities: precision {e.type}").add(ok)
        if not ok:
            report.errors.append(f"{article.id}: spurious entity: {e.name} ({e.type})")


def _score_quotes(article: Article, gold: list[dict], names: Names, report: Report) -> None:
    used: set[int] = set()
    for g in gold:
        kind = g["kind"]
        start = _norm(g["starts"])[:40]
        hit = next((q for k, q in enumerate(article.quotes) if k not in used and start in _norm(q.text)), None)
        report.t(f"quotes {kind}: found").add(hit is not None)
        if hit is None:
            report.errors.append(f"{article.id}: {kind} quote missed: {g['starts'][:50]!r} ({g['speaker']})")
            if g["speaker"]:
                report.t(f"quotes {kind}: speaker recall").add(False)
            continue
        used.add(article.quotes.index(hit))
        if hit.speaker is not None:
            ok = names.same(hit.speaker, g["speaker"])
            report.t(f"quotes {kind}: speaker precision").add(ok)
            if not ok:
                report.errors.append(f"{article.id}: {kind} quote {g['starts'][:40]!r}: speaker {hit.speaker!r}, gold {g['speaker']!r}")
        if g["speaker"]:
            ok = hit.speaker is not None and names.same(hit.speaker, g["speaker"])
            report.t(f"quotes {kind}: speaker recall").add(ok)
            if not ok and hit.speaker is None:
                report.errors.append(f"{article.id}: {kind} quote {g['starts'][:40]!r}: no speaker, gold {g['speaker']!r}")
    for k, q in enumerate(article.quotes):
        report.t(f"quotes {q.kind}: detection precision").add(k in used)
        if k not in used:
            report.errors.append(f"{article.id}: {q.kind} quote not in gold: {q.text[:50]!r} ({q.speaker})")


def _score_times(article: Article, gold: list[dict], report: Report) -> None:
    used: set[int] = set()
    for g in gold:
        hit = _found_at(article.body, g["text"], article.times, used)
        report.t("times: found").add(hit is not None)
        if hit is None:
            report.errors.append(f"{article.id}: time missed: {g['text']!r} = {g['value']}")
            continue
        ok = _interval(hit.value) == _interval(g["value"])
        report.t("times: normalised right").add(ok)
        if not ok:
            report.errors.append(f"{article.id}: time {g['text']!r}: {hit.value} ({hit.text!r}), gold {g['value']}")


def _score_quantities(article: Article, gold: list[dict], names: Names, report: Report) -> None:
    used: set[int] = set()
    matched: set[int] = set()
    for g in gold:
        hit = _found_at(article.body, g["text"], article.quantities, used)
        report.t("quantities: recall").add(hit is not None)
        if hit is None:
            report.errors.append(f"{article.id}: quantity missed: {g['text']!r}")
            continue
        matched.add(hit.start)
        report.t("quantities: value right").add(abs(hit.value - float(g["value"])) < 1e-6)
        report.t("quantities: qualifier right").add(hit.approx == g["approx"])
        want = (g.get("counts") or "").split()[:1]
        got = (hit.counts or "").split()[:1]
        report.t("quantities: counted head right").add([w.lower() for w in want] == [w.lower() for w in got])
        ok = names.same(hit.claimant, g.get("claimant"), with_stands_for=True)
        report.t("quantities: claimant right").add(ok)
        if not ok:
            report.errors.append(f"{article.id}: quantity {g['text']!r}: claimant {hit.claimant!r}, gold {g.get('claimant')!r}")
    for q in article.quantities:
        report.t("quantities: precision").add(q.start in matched)
        if q.start not in matched:
            report.errors.append(f"{article.id}: quantity not in gold: {q.text!r} ({q.counts})")


def _score_events(article: Article, gold: list[dict], names: Names, report: Report) -> None:
    def pair(e, g) -> bool:
        return e.action == g["action"] and names.same(e.actor, g["actor"], with_stands_for=True)

    def triple(e, g) -> bool:
        if not pair(e, g):
            return False
        if e.action in _DESTINATION_ACTIONS and not g.get("target") and e.target:
            # the gold writes where troops or goods go as the place; Telusur as the target
            return names.same(e.target, g.get("place"), with_stands_for=True)
        return names.same(e.target, g.get("target"), with_stands_for=True)

    for g in gold:
        p = any(pair(e, g) for e in article.events)
        t = any(triple(e, g) for e in article.events)
        report.t("events: (action, actor) recall").add(p)
        report.t("events: (action, actor, target) recall").add(t)
        if not t:
            report.errors.append(f"{article.id}: event missed: {g['actor']} {g['action']} {g.get('target')}")
    for e in article.events:
        p = any(pair(e, g) for g in gold)
        t = any(triple(e, g) for g in gold)
        report.t("events: (action, actor) precision").add(p)
        report.t("events: (action, actor, target) precision").add(t)
        if not t:
            report.errors.append(f"{article.id}: event not in gold: {e.actor} {e.action} {e.target} ({e.trigger!r})")


def score_corpus_entities(articles: dict[str, Article], gold: list[dict], report: Report) -> None:
    """Score corpus-level alias resolution: each gold entity's names in one corpus entity, and no two merged.

    A name that two gold entities share ("Kim") is left out: it cannot tell them apart.
    """
    items = [
        ArticleEntity(a.id, e.name, e.type, e.stands_for, tuple(sorted({m.text for m in e.mentions})), len(e.mentions))
        for a in articles.values() for e in a.entities
    ]
    clusters = resolve_entities(items)
    owners: dict[str, set[str]] = {}
    for c in clusters:
        for alias, _ in c.aliases:
            owners.setdefault(alias, set()).add(c.id)
    counts = Counter(a for g in gold for a in set(g["aliases"]))
    homes: dict[str, set[str]] = {}
    for g in gold:
        names = [a for a in g["aliases"] if counts[a] == 1 and a in owners]
        found = set().union(*(owners[a] for a in names)) if names else set()
        homes[g["name"]] = found
        ok = len(found) == 1
        report.t("corpus entities: names joined").add(ok)
        if not ok:
            report.errors.append(f"corpus: corpus entity {g['name']}: names spread over {sorted(found) or 'nothing'}")
    for g in gold:
        others = {c for name, found in homes.items() if name != g["name"] for c in found}
        ok = not (homes[g["name"]] & others)
        report.t("corpus entities: kept apart").add(ok)
        if not ok:
            report.errors.append(f"corpus: corpus entity {g['name']} shares {sorted(homes[g['name']] & others)} with another")


def analyse(corpus: Path) -> dict[str, Article]:
    """Clean and extract every document of ``corpus``; returns articles by id."""
    out = {}
    for doc in iter_documents([corpus]):
        if isinstance(doc, Document):
            article = extract(clean(doc))
            out[article.id] = article
    return out


def evaluate(gold_path: Path, corpus: Path) -> Report:
    """Score the corpus against the gold; returns the report. Raises ``KeyError`` for a gold id not in the corpus."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = analyse(corpus)
    report = Report()
    for aid, g in sorted(gold["articles"].items()):
        score_article(articles[aid], g, report)
    score_corpus_entities(articles, gold.get("corpus_entities", []), report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "demo" / "gold" / "extraction.json")
    parser.add_argument("--corpus", type=Path, default=ROOT / "demo" / "corpus")
    parser.add_argument("--errors", action="store_true", help="also list every error behind the figures")
    args = parser.parse_args(argv)
    report = evaluate(args.gold, args.corpus)
    width = max(map(len, report.tallies))
    for name in sorted(report.tallies):
        print(f"{name:<{width}}  {report.tallies[name]}")
    if args.errors:
        kinds = Counter(e.split(": ", 2)[1].split(" ")[0] for e in report.errors)
        print(f"\n{len(report.errors)} errors ({', '.join(f'{k} {n}' for k, n in kinds.most_common())}):")
        for e in report.errors:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())

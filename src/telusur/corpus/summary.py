"""Extractive summaries of one article or of the many articles of one story.

Every sentence (bounds from ``telusur.text.tokens.sentences``) is scored by a small
logistic model on features of the sentence in its own article: where it stands (article
and paragraph), its length, its overlap with the title and with the rest of the article,
its names and numbers, whether it is a quote or a question. The weights ship in
``models/summary_weights.json``; ``tools/train_summary.py`` fits them on IndoSum dev
folds with labels from each sentence's overlap with the human summary.

Across articles, sentences that say the same thing (copies of one wire report, rewrites:
content terms from ``telusur.text.terms`` with Dice >= ``SAME_DICE`` or the shorter one
mostly contained in the longer) form one content unit. A unit is scored by its
best-scored sentence plus ``SUPPORT_WEIGHT`` times the log of the number of distinct
outlets carrying it (a fact several outlets report matters more, but copies never repeat
it), is shown once, as its earliest report, and cites every article that carries it.
A sentence holding a fact that a rewrite changed (``SummaryArticle.departs``, from
``corpus.support``) still joins its unit, so the unit knows who departs from it, but it
is never shown, never cited and never counted as support: a unit of departing sentences
alone is never taken. Nor is the rewrite cited through another of its sentences when a
faithful sentence of the unit gives a fact the rewrite changed (``changed_by``): a
rewrite that splits a sentence may change the half that did not join the unit. Units are taken best first, skipping any that says the same as one
already taken (this
also drops near-repeats inside one article), and returned in reading order: publication
time of the shown article, then position. Sentences too short to stand alone, questions
and pieces of a quote that runs over several sentences are never shown.

A leading dateline ("Jakarta, CNN Indonesia -- ") is left out of the first sentence's
span: the text shown is still cut verbatim from the body.

Tuning: ``SAME_DICE`` 0.6 scored a little better than 0.5 as the redundancy cut on IndoSum
dev.04 (scorer trained on dev.02-dev.03). ``SUPPORT_WEIGHT`` is set by hand, as no
multi-document reference summaries were at hand to tune it: two outlets add 0.49 to the
log-odds and five add 1.13, where on IndoSum the median sentence scores 1.35 first, 0.10
third and -1.98 sixth in its article.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from telusur.clean.dateline import find_dateline
from telusur.text.terms import containment, dice, term_of, terms
from telusur.text.tokens import sentences

SAME_DICE = 0.6  # two sentences of different articles with this Dice say the same thing
SAME_CONTAINED = 0.8  # ... or when this share of the shorter one's terms is in the longer
SUPPORT_WEIGHT = 0.7  # log-odds added per e-fold of outlets carrying a unit
MIN_WORDS = 5  # shorter sentences do not stand alone in a summary

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_QUOTE_CHARS = "\"“”"
_QUOTE_MARK = re.compile("[" + _QUOTE_CHARS + "]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
WEIGHTS_FILE = "summary_weights.json"  # the shipped scorer, in ``models/`` beside this module

FEATURES: tuple[str, ...] = (
    "first_sentence",
    "second_sentence",
    "third_sentence",
    "fourth_sentence",
    "fifth_sentence",
    "inverse_position",
    "inverse_position_by_log_sentences",
    "log_sentences",
    "near_end",
    "relative_position",
    "first_paragraph",
    "inverse_paragraph",
    "first_in_paragraph",
    "inverse_position_in_paragraph",
    "log_words",
    "short",
    "long",
    "title_dice",
    "title_contained",
    "centroid",
    "lead_dice",
    "capitalised_share",
    "has_number",
    "opens_quote",
    "quoted_share",
    "question",
    "opens_function_word",
)
_QUESTION = FEATURES.index("question")


@dataclass(frozen=True)
class SummaryArticle:
    """One article to summarise: its id, body and what is known about it."""

    id: str
    body: str
    title: str | None = None
    published: str | None = None  # ISO 8601
    outlet: str | None = None
    # body ranges holding a fact a rewrite changed (``corpus.support``): never shown or cited
    departs: tuple[tuple[int, int], ...] = ()
    # body ranges whose fact another article changed, with that article's id: (start, end, id)
    changed_by: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a summary, cut from one article and citing every article that carries it."""

    text: str  # the sentence as written in the shown article
    article_id: str  # the article the shown sentence is cut from
    start: int  # offsets into that article's body
    end: int
    cites: tuple[str, ...]  # every article that carries this sentence's content, shown article first, then by id
    score: float  # best log-odds among the unit's copies plus its support term: higher is better
    # the unit's sentences that depart from it (a rewrite changed a fact there): (article id, start, end)
    departing: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A sentence of one article with its content terms and model features."""

    article_id: str
    index: int  # position among the article's sentences
    start: int
    end: int
    text: str
    terms: frozenset[str]
    words: int
    features: tuple[float, ...]
    departs: bool = False  # the sentence holds a fact a rewrite changed
    changed_by: frozenset[str] = frozenset()  # articles that change a fact this sentence gives


def candidates(article: SummaryArticle) -> list[Candidate]:
    """Return the sentences of ``article`` as candidates, in body order.

    Takes one article; returns one ``Candidate`` per sentence of its body, the first one's
    span starting after a leading dateline (an empty body gives []). Never raises.
    """
    body = article.body
    spans: list[tuple[int, int, int]] = []  # (start, end, paragraph)
    paragraph, last_end = 0, None
    for start, end in sentences(body):
        text = body[start:end]
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        if last_end is not None and "\n" in body[last_end:start]:
            paragraph += 1
        last_end = end
        if not spans:
            line_end = body.find("\n", start)
            dateline = find_dateline(body[start : line_end if line_end >= 0 else len(body)])
            if dateline and start + dateline.end < end:
                start += dateline.end
        spans.append((start, end, paragraph))
    if not spans:
        return []
    texts = [body[s:e] for s, e, _ in spans]
    keys = [terms(t) for t in texts]
    title_terms = terms(article.title) if article.title else frozenset()
    frequency: dict[str, int] = {}
    for key in keys:
        for term in key:
            frequency[term] = frequency.get(term, 0) + 1
    total = len(spans)
    log_total = math.log(total)
    out = []
    in_para = 0
    for i, ((start, end, para), text, key) in enumerate(zip(spans, texts, keys)):
        words = _WORD.findall(text)
        in_para = 0 if i == 0 or spans[i - 1][2] != para else in_para + 1
        # share of the article's other sentences that hold each of this one's terms
        centroid = sum(frequency[t] - 1 for t in key) / (len(key) * (total - 1)) if key and total > 1 else 0.0
        feats = (
            float(i == 0),
            float(i == 1),
            float(i == 2),
            float(i == 3),
            float(i == 4),
            1.0 / (i + 1),
            log_total / (i + 1),
            log_total,
            float(i >= total - 2),
            i / total,
            float(para == 0),
            1.0 / (para + 1),
            float(in_para == 0),
            1.0 / (in_para + 1),
            math.log1p(len(words)),
            float(len(words) < 8),
            float(len(words) > 40),
            dice(key, title_terms),
            containment(title_terms, key),
            centroid,
            dice(key, keys[0]) if i else 1.0,
            _capitalised_share(words),
            float(any(map(str.isdigit, text))),
            float(text[:1] in _QUOTE_CHARS),
            _quoted_share(text),
            float(text.rstrip(_QUOTE_CHARS + "'’ ").endswith("?")),
            float(bool(words) and term_of(words[0].lower()) is None),
        )
        departs = any(s < end and e > start for s, e in article.departs)
        changed_by = frozenset(x for s, e, x in article.changed_by if s < end and e > start)
        out.append(Candidate(article.id, i, start, end, text, key, len(words), feats, departs, changed_by))
    return out


def _capitalised_share(words: list[str]) -> float:
    rest = words[1:]
    return len([w for w in rest if w[0].isupper()]) / len(rest) if rest else 0.0


def _quoted_share(text: str) -> float:
    """Share of ``text``'s characters inside quotation marks (each mark opens or closes; marks not counted)."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    quoted = sum(marks[k + 1] - marks[k] - 1 for k in range(0, len(marks) - 1, 2))
    if len(marks) % 2:  # a quote left open runs to the end
        quoted += len(text) - marks[-1] - 1
    return quoted / len(text) if text else 0.0


def weights_path() -> Path:
    """Return the path of the shipped sentence-scorer weights."""
    return Path(__file__).resolve().parent / "models" / WEIGHTS_FILE


@dataclass(frozen=True)
class Scorer:
    """A logistic sentence scorer: standardised features times weights, plus a bias."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def log_odds(self, rows: Sequence[tuple[float, ...]]) -> np.ndarray:
        """Return the log-odds that each feature row is a summary sentence (an empty input gives an empty array)."""
        if not rows:
            return np.zeros(0)
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        return x @ self.weights + self.bias


def load_scorer(path: Path | None = None) -> Scorer:
    """Load a scorer from a weights file (default: the shipped one).

    Takes the path of a JSON file written by ``tools/train_summary.py``. Returns the
    ``Scorer``. Raises ``FileNotFoundError`` when the file is missing and ``ValueError``
    when it was trained on other features than ``FEATURES`` or is malformed.
    """
    # the shipped file is read as a resource: the package may be imported from a zip (spark-submit --py-files)
    shipped = resources.files(__package__).joinpath("models", WEIGHTS_FILE)
    data = json.loads((path or shipped).read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:
        raise ValueError("summary weights were trained on other features; rerun tools/train_summary.py")
    mean, scale, weights = (np.asarray(data[k], dtype=float) for k in ("mean", "scale", "weights"))
    if not (mean.shape == scale.shape == weights.shape == (len(FEATURES),)) or not np.all(scale > 0):
        raise ValueError("summary weights file is malformed")
    return Scorer(mean, scale, weights, float(data["bias"]))


@cache
def _scorer() -> Scorer:
    return load_scorer()


def _timestamp(article: SummaryArticle) -> float | None:
    if article.published is None:
        return None
    try:
        when = datetime.fromisoformat(article.published)
    except ValueError:
        raise ValueError(f"article {article.id!r}: published {article.published!r} is not ISO 8601") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - _EPOCH).total_seconds()


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two term sets say the same thing (Dice, or the shorter one held by the longer)."""
    if dice(a, b) >= SAME_DICE:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and containment(short, long_) >= SAME_CONTAINED


def _standalone(c: Candidate) -> bool:
    """Whether a sentence can stand in a summary: long enough, not a question, not part of a longer quote.

    An odd number of quote marks means the quote opens or closes in another sentence:
    the fragment reads badly alone (and IndoSum's summaries seldom keep one).
    """
    if c.words < MIN_WORDS or not c.terms or c.features[_QUESTION]:
        return False
    return sum(c.text.count(q) for q in _QUOTE_CHARS) % 2 == 0


def summarise(articles: Sequence[SummaryArticle], n: int = 5) -> list[SummarySentence]:
    """Summarise one article, or the articles of one story, in at most ``n`` sentences.

    Takes the articles (ids unique) and the number of sentences wanted. Returns up to
    ``n`` ``SummarySentence`` in reading order: publication time of the shown article
    (undated articles last), then article id, then offset. Deterministic for the same
    input in any order. An empty input, or one with no usable sentence, gives [].
    Raises ``ValueError`` when ``n`` is not an integer >= 1, when two articles share an
    id, or when a ``published`` value is not ISO 8601.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be an integer of at least 1, got {n!r}")
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("article ids must be unique")
    if not articles:
        return []
    when = {a.id: _timestamp(a) for a in articles}
    outlet = {a.id: a.outlet or f"id:{a.id}" for a in articles}
    order = sorted(articles, key=lambda a: (when[a.id] is None, when[a.id] or 0.0, a.id))
    # the pool is in reading order, so a sentence's place in it is its reading position
    pool = [c for article in order for c in candidates(article)]
    if not pool:
        return []
    odds = _scorer().log_odds([c.features for c in pool])
    place = {(c.article_id, c.index): i for i, c in enumerate(pool)}

    ranked: list[tuple[float, int, Candidate, list[Candidate], list[Candidate]]] = []
    for members in _units(pool):
        # a sentence holding a fact a rewrite changed neither shows, supports nor is cited; nor
        # does the rewrite's sentence in a unit whose faithful version it changes elsewhere (a
        # rewrite that splits a sentence may change the half that did not join the unit)
        changers = {x for c in members if not c.departs for x in c.changed_by}
        faithful = [c for c in members if not c.departs and c.article_id not in changers]
        usable = [c for c in faithful if _standalone(c)]
        if not usable:
            continue
        # the earliest report of the content is shown; the best-scored copy scores the unit
        shown = usable[0]
        support = len({outlet[c.article_id] for c in faithful})
        best = max(float(odds[place[(c.article_id, c.index)]]) for c in faithful)
        total = best + SUPPORT_WEIGHT * math.log(support)
        ranked.append((total, place[(shown.article_id, shown.index)], shown, members, faithful))
    ranked.sort(key=lambda r: (-r[0], r[1]))

    chosen: list[tuple[float, int, Candidate, list[Candidate], list[Candidate]]] = []
    for unit in ranked:
        if len(chosen) == n:
            break
        if not any(_same(unit[2].terms, c.terms) for _, _, c, _, _ in chosen):
            chosen.append(unit)
    chosen.sort(key=lambda r: r[1])
    out = []
    for total, _, shown, members, faithful in chosen:
        kept = {(c.article_id, c.index) for c in faithful}
        others = sorted({c.article_id for c in faithful} - {shown.article_id})
        departing = tuple(sorted((c.article_id, c.start, c.end) for c in members if (c.article_id, c.index) not in kept))
        out.append(SummarySentence(shown.text, shown.article_id, shown.start, shown.end, (shown.article_id, *others), total,
                                   departing))
    return out


def _units(pool: list[Candidate]) -> list[list[Candidate]]:
    """Group the sentences of different articles that say the same thing, in pool order.

    Each sentence joins the unit whose first sentence it matches best (and that holds no
    sentence of its own article yet), or starts a new one. An inverted index on the first
    sentences' terms finds the units to compare. Two term sets of sizes ``a`` and ``b``
    match (``_same``) only when they share at least ``min(0.3 (a + b), 0.8 min(a, b))``
    terms, and the second bound counts only when ``min(a, b) >= 4``; so a sentence of
    ``a`` terms needs ``m = ceil(min(0.3 (a + 1), 3.2))`` shared terms with any first
    sentence, and any ``a - m + 1`` of its terms hold at least one of them. It looks up
    only its ``a - m + 1`` terms with the shortest index entries (prefix filtering): the
    few very common terms of a large story, whose entries grow with it, are skipped.
    """
    units: list[list[Candidate]] = []
    authors: list[set[str]] = []  # the articles each unit already holds a sentence of
    index: dict[str, list[int]] = {}
    for c in pool:
        size = len(c.terms)
        probe = sorted(c.terms, key=lambda t: (len(index.get(t, ())), t))[: size - _least_shared(size) + 1]
        found = sorted({u for term in probe for u in index.get(term, ())})
        best, best_dice = -1, 0.0
        for u in found:
            seed_terms = units[u][0].terms
            common = len(c.terms & seed_terms)
            seed = len(seed_terms)
            d = 2 * common / (size + seed)
            smaller = min(size, seed)
            # _same, from the shared-term count
            if d < SAME_DICE and (smaller < 4 or common / smaller < SAME_CONTAINED):
                continue
            if d > best_dice and c.article_id not in authors[u]:
                best, best_dice = u, d
        if best >= 0:
            units[best].append(c)
            authors[best].add(c.article_id)
            continue
        units.append([c])
        authors.append({c.article_id})
        for term in c.terms:
            index.setdefault(term, []).append(len(units) - 1)
    return units


def _least_shared(size: int) -> int:
    """The fewest terms a set of ``size`` terms shares with any set it matches (see ``_units``); at least 1."""
    bound = SAME_DICE / 2 * (size + 1)
    if size >= 4:
        bound = min(bound, SAME_CONTAINED * 4)
    return max(1, math.ceil(bound - 1e-9))

"""Statistical NER: a CRF (python-crfsuite) over case-aware and case-free token features.

The training data mixes a lower-cased corpus (NERP) with a cased one (NERGrit). Case
features are emitted only for sentences that have case at all, so their weights are
learned from cased text alone, while the case-free features (word, affixes, context,
gazetteers) are learned from both. Real articles are cased and get both kinds.

Labels: ``B-``/``I-`` with ``PER``, ``ORG`` and ``LOC``. The model file ships inside
the package (``models/ner.crfsuite``); ``tools/train_ner.py`` rebuilds it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from telusur.lexicon import load

MODEL_FILE = "ner.crfsuite"
TYPES = ("PER", "ORG", "LOC")


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (place words, organisation-head words, person-cue words), lower-case."""
    from babel import Locale

    places: set[str] = set()
    for lang in ("id", "en"):
        for name in Locale(lang).territories.values():
            places.update(w.lower() for w in name.replace("-", " ").split() if len(w) > 2)
    data = load("ner")
    return frozenset(places), frozenset(data["org_heads"]["words"]), frozenset(data["person_cues"]["words"])


@lru_cache(maxsize=200_000)
def _shape(token: str) -> str:
    out = []
    for ch in token[:6]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _title_runs(tokens: list[str]) -> list[str]:
    """Label each token's place in a run of capitalised words: ``B3`` = first of a run of 3+."""
    out = [""] * len(tokens)
    i = 0
    while i < len(tokens):
        if not tokens[i][:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (tokens[j + 1][:1].isupper() or (tokens[j + 1] in _JOINERS and j + 2 < len(tokens) and tokens[j + 2][:1].isupper())):
            j += 1
        size = "1" if j == i else "2" if j == i + 1 else "3"
        for k in range(i, j + 1):
            out[k] = ("B" if k == i else "E" if k == j else "I") + size
        i = j + 1
    return out


_JOINERS = frozenset({"dan", "of", "de", "van", "bin", "binti", "untuk", "&"})


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """Return the CRF features of every token of one sentence.

    Takes the tokens as written; returns one list of feature strings per token. The
    case-free part comes from per-word caches (``_word_features``, ``_context``), so a
    word seen before costs a dictionary look-up rather than a rebuild.
    """
    lower = [t.lower() for t in tokens]
    cased = any(ch.isupper() for t in tokens for ch in t)
    runs = _title_runs(tokens) if cased else []
    ctx = [_PAD, _PAD, *map(_context, lower), _PAD, _PAD]
    feats: list[list[str]] = []
    n = len(tokens)
    for i, w in enumerate(lower):
        f = [*_word_features(w), *ctx[i][0], *ctx[i + 1][1], *ctx[i + 3][2], *ctx[i + 4][3]]
        if i > 0:
            f.append(f"bi-1={lower[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"bi+1={w}|{lower[i + 1]}")
        if cased:
            tok = tokens[i]
            f.append("shape=" + _shape(tok))
            if tok[:1].isupper():
                f.append("title")
                if i == 0:
                    f.append("title_first")
            if tok.isupper() and len(tok) > 1:
                f.append("upper")
            if i > 0 and tokens[i - 1][:1].isupper():
                f.append("title-1")
            if i + 1 < n and tokens[i + 1][:1].isupper():
                f.append("title1")
            if runs[i]:
                f.append("run=" + runs[i])
        feats.append(f)
    return feats


_OFFSETS = (-2, -1, 1, 2)
_PAD = tuple((f"w{d}=<pad>",) for d in _OFFSETS)


@lru_cache(maxsize=200_000)
def _context(w: str) -> tuple[tuple[str, ...], ...]:
    """Features a lower-cased word lends its neighbours, as seen from offsets -2, -1, +1, +2."""
    places, org_heads, person_cues = _gazetteers()
    out = []
    for d in _OFFSETS:
        f = [f"w{d}={w}"]
        if w in org_heads:
            f.append(f"orghead{d}")
        if w in person_cues:
            f.append(f"personcue{d}")
        if w in places:
            f.append(f"place{d}")
        out.append(tuple(f))
    return tuple(out)


@lru_cache(maxsize=200_000)
def _word_features(w: str) -> tuple[str, ...]:
    """Features of a lower-cased word on its own (cached: news vocabulary repeats)."""
    places, org_heads, person_cues = _gazetteers()
    f = ["b", "w=" + w, "s3=" + w[-3:], "s2=" + w[-2:], "p3=" + w[:3], "p2=" + w[:2], "s4=" + w[-4:], "p4=" + w[:4]]
    if w.isdigit():
        f.append("digit")
    if "-" in w:
        f.append("hyphen")
    if not w.isalnum():
        f.append("punct")
    if w in places:
        f.append("gaz=place")
    if w in org_heads:
        f.append("gaz=orghead")
    if w in person_cues:
        f.append("gaz=personcue")
    return tuple(f)


def model_path() -> Path:
    """Return the path of the shipped model file."""
    return Path(str(resources.files(__package__).joinpath("models", MODEL_FILE)))


@cache
def _tagger():  # type: ignore[no-untyped-def]
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path()))
    return tagger


def tag(tokens: list[str]) -> list[str]:
    """Return a BIO label for every token of one sentence (``O``, ``B-PER``, ``I-ORG``...)."""
    if not tokens:
        return []
    return list(_tagger().tag(sentence_features(tokens)))


def spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """Return ``(type, first, last+1)`` token spans from BIO labels; a stray ``I-`` opens a span."""
    out: list[tuple[str, int, int]] = []
    start, kind = None, None
    for i, label in enumerate([*labels, "O"]):
        tag_, _, typ = label.partition("-")
        if start is not None and (tag_ != "I" or typ != kind):
            out.append((kind or "", start, i))
            start, kind = None, None
        if tag_ == "B" or (tag_ == "I" and start is None):
            start, kind = i, typ
    return out

"""Statistical NER: a CRF (python-crfsuite) over case-aware and case-free token features.

The training data mixes a lower-cased corpus (NERP) with a cased one (NERGrit). Case
features are emitted only for sentences that have case at all, so their weights are
learned from cased text alone, while the case-free features (word, affixes, context,
gazetteers, case profile) are learned from both. Real articles are cased and get both kinds.

The *case profile* (``models/case_profile.tsv.gz``, built by ``tools/build_case_profile.py``
from unlabeled cased news) tells, for a lower-cased word, how often real text capitalises it
away from a sentence start (``cp=A`` always ... ``cp=N`` never, ``?`` unknown) and whether
its capitalised runs stand where organisations, people or places do (``cc=o``/``p``/``l``).
The word's and its neighbours' profile let even lower-cased text tell names from words.

The two corpora label organisations differently (NERP tags brands and media but not
government bodies, NERGrit tags both). A few cased-only copies of the word features
(``Cb``, ``Cw``, ``Cw-1``, ``Cw+1``: "frustratingly easy" domain adaptation) and the head
of the capitalised run a word is in (``runh``) let cased text follow NERGrit's convention.

At tagging time features the model has no weight for are dropped before they reach
crfsuite (exactly the same labels, less work); ``sentence_features`` returns them all.

Labels: ``B-``/``I-`` with ``PER``, ``ORG`` and ``LOC``. The model file ships inside
the package (``models/ner.crfsuite``); ``tools/train_ner.py`` rebuilds it.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from telusur.ingest.decode import has_surrogates, replace_surrogates
from telusur.lexicon import load

MODEL_FILE = "ner.crfsuite"
PROFILE_FILE = "case_profile.tsv.gz"
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


@cache
def _profile() -> dict[str, tuple[str, str]]:
    """Return the case profile: lower-cased word -> (capitalisation bucket, context classes)."""
    data = gzip.decompress(resources.files(__package__).joinpath("models", PROFILE_FILE).read_bytes())
    out: dict[str, tuple[str, str]] = {}
    for line in data.decode("utf-8").splitlines():
        word, bucket, classes = line.split("\t")
        out[word] = (bucket, classes)
    return out


_NO_LETTERS = ("-", "")
_UNKNOWN = ("?", "")


def case_profile(w: str) -> tuple[str, str]:
    """Return ``(bucket, classes)`` of a lower-cased word (see the module docstring).

    ``("-", "")`` for a token without letters, ``("?", "")`` for a word the profile lacks.
    """
    if not any(ch.isalpha() for ch in w):
        return _NO_LETTERS
    return _profile().get(w, _UNKNOWN)


@lru_cache(maxsize=200_000)
def _token_case(tok: str) -> tuple[str, ...]:
    """Case features of one token as written: shape, ``title``, ``upper``."""
    f = ["shape=" + _shape(tok)]
    if tok[:1].isupper():
        f.append("title")
    if tok.isupper() and len(tok) > 1:
        f.append("upper")
    return tuple(f)


@lru_cache(maxsize=200_000)
def _shape(token: str) -> str:
    out = []
    for ch in token[:6]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _title_runs(tokens: list[str]) -> tuple[list[str], list[int]]:
    """Label each token's place in a run of capitalised words, and give the run's first index.

    ``B3`` = first of a run of 3+, ``E2`` = last of a run of two...; ``""`` and -1 outside runs.
    """
    out = [""] * len(tokens)
    first = [-1] * len(tokens)
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
            first[k] = i
        i = j + 1
    return out, first


_JOINERS = frozenset({"dan", "of", "de", "van", "bin", "binti", "untuk", "&"})


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """Return the CRF features of every token of one sentence.

    Takes the tokens as written; returns one list of feature strings per token. The
    case-free part comes from per-word caches (``_word_features``, ``_context``), so a
    word seen before costs a dictionary look-up rather than a rebuild.
    """
    return _features(tokens, _word_features, _cased_word_features, _context, None)


def _features(tokens: list[str], word_features: Callable[[str], tuple[str, ...]],
              cased_word_features: Callable[[str], tuple[str, ...]],
              context: Callable[[str], tuple[tuple[str, ...], ...]], known: frozenset[str] | None) -> list[list[str]]:
    """Build the features with the given per-word caches; drop bigrams not in ``known`` (if given)."""
    lower = [t.lower() for t in tokens]
    cased = any(ch.isupper() for t in tokens for ch in t)
    ctx = [_PAD, _PAD, *map(context, lower), _PAD, _PAD]
    feats: list[list[str]] = []
    n = len(tokens)
    if cased:
        runs, first = _title_runs(tokens)
        title = [t[:1].isupper() for t in tokens]
        places, org_heads, person_cues = _gazetteers()
    for i, w in enumerate(lower):
        f = [*word_features(w), *ctx[i][0], *ctx[i + 1][1], *ctx[i + 3][2], *ctx[i + 4][3]]
        if i > 0:
            b = f"bi-1={lower[i - 1]}|{w}"
            if known is None or b in known:
                f.append(b)
        if i + 1 < n:
            b = f"bi+1={w}|{lower[i + 1]}"
            if known is None or b in known:
                f.append(b)
        if cased:
            tok = tokens[i]
            # cased-only copies: the word and its neighbours, under NERGrit's conventions
            f.extend(cased_word_features(w))
            f.extend(ctx[i + 1][4])
            f.extend(ctx[i + 3][5])
            f.extend(_token_case(tok))
            if i == 0 and title[0]:
                f.append("title_first")
            if i > 0 and title[i - 1]:
                f.append("title-1")
            if i + 1 < n and title[i + 1]:
                f.append("title1")
            if runs[i]:
                f.append("run=" + runs[i])
                a = first[i]
                if i > a:
                    h = lower[a]
                    f.append("runh=org" if h in org_heads else "runh=per" if h in person_cues
                             else "runh=place" if h in places else "runh=x")
        feats.append(f)
    return feats


_OFFSETS = (-2, -1, 1, 2)
_PAD = (*((f"w{d}=<pad>",) for d in _OFFSETS), ("Cw-1=<pad>",), ("Cw+1=<pad>",))


@lru_cache(maxsize=200_000)
def _context(w: str) -> tuple[tuple[str, ...], ...]:
    """Features a lower-cased word lends its neighbours.

    Entries 0-3 as seen from offsets -2, -1, +1, +2; entries 4 and 5 are the cased-only
    copies of the word seen from offsets -1 (``Cw-1``) and +1 (``Cw+1``).
    """
    places, org_heads, person_cues = _gazetteers()
    bucket, classes = case_profile(w)
    out = []
    for d in _OFFSETS:
        f = [f"w{d}={w}"]
        if w in org_heads:
            f.append(f"orghead{d}")
        if w in person_cues:
            f.append(f"personcue{d}")
        if w in places:
            f.append(f"place{d}")
        if d in (-1, 1):
            f.append(f"cp{d}={bucket}")
            f.extend(f"cc{d}={c}" for c in classes)
        out.append(tuple(f))
    out.append(("Cw-1=" + w,))
    out.append(("Cw+1=" + w,))
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
    bucket, classes = case_profile(w)
    f.append("cp=" + bucket)
    f.extend("cc=" + c for c in classes)
    return tuple(f)


@lru_cache(maxsize=200_000)
def _cased_word_features(w: str) -> tuple[str, ...]:
    """Cased-only copies of a lower-cased word's bias and identity."""
    return ("Cb", "Cw=" + w)


@lru_cache(maxsize=200_000)
def _known_cased_word_features(w: str) -> tuple[str, ...]:
    """``_cased_word_features`` without the features the shipped model has no weight for."""
    known = _known()
    return tuple(x for x in _cased_word_features(w) if x in known)


@lru_cache(maxsize=200_000)
def _known_word_features(w: str) -> tuple[str, ...]:
    """``_word_features`` without the features the shipped model has no weight for."""
    known = _known()
    return tuple(x for x in _word_features(w) if x in known)


@lru_cache(maxsize=200_000)
def _known_context(w: str) -> tuple[tuple[str, ...], ...]:
    """``_context`` without the features the shipped model has no weight for."""
    known = _known()
    return tuple(tuple(x for x in group if x in known) for group in _context(w))


def model_path() -> Path:
    """Return the path of the shipped model file."""
    return Path(str(resources.files(__package__).joinpath("models", MODEL_FILE)))


@cache
def _tagger():  # type: ignore[no-untyped-def]
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path()))
    return tagger


@cache
def _known() -> frozenset[str]:
    """Return the attributes (feature strings) the shipped model holds a weight for."""
    return frozenset(attr for attr, _ in _tagger().info().state_features)


def tag(tokens: list[str]) -> list[str]:
    """Return a BIO label for every token of one sentence (``O``, ``B-PER``, ``I-ORG``...)."""
    if not tokens:
        return []
    if has_surrogates("".join(tokens)):
        # crfsuite takes UTF-8 only; clean and ingest replace lone surrogates, a caller may not
        tokens = [replace_surrogates(t) for t in tokens]
    labels = list(_tagger().tag(_features(tokens, _known_word_features, _known_cased_word_features, _known_context, _known())))
    return _head_rules(tokens, labels)


def _head_rules(tokens: list[str], labels: list[str]) -> list[str]:
    """Two rules on cased text after the model, for names the model leaves half-tagged.

    - A run of capitalised words opened by a capitalised organisation head ("Partai",
      "Kementerian", ``[org_heads]``) that the model left untagged is an organisation.
    - A lower-case place head right before a place ("kota Pati", "sungai Musi",
      ``[place_heads]``) belongs to the place's span, as cased annotation writes it.
    """
    if not any(ch.isupper() for t in tokens for ch in t):
        return labels
    _, org_heads, _ = _gazetteers()
    place_heads = _place_heads()
    n = len(tokens)
    i = 0
    while i < n:
        if tokens[i][:1].isupper() and tokens[i].lower() in org_heads and labels[i] == "O":
            j = i + 1
            while j < n and tokens[j][:1].isupper():
                j += 1
            if j - i >= 2 and all(label == "O" for label in labels[i:j]):
                labels[i : j] = ["B-ORG", *["I-ORG"] * (j - i - 1)]
            i = j
        else:
            i += 1
    for i in range(1, n):
        if labels[i] == "B-LOC" and labels[i - 1] == "O" and tokens[i - 1] in place_heads:
            labels[i - 1], labels[i] = "B-LOC", "I-LOC"
    return labels


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(load("ner")["place_heads"]["words"])


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

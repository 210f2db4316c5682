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

python-crfsuite trains the model; Telusur tags with its weights read into arrays
(``extract.crf``): per-word score rows computed once, a sentence's scores summed from its
words' and neighbours' rows, and a Viterbi pass over all of an article's sentences at once.
The labels are CRFsuite's own for ``sentence_features`` (a test compares them on real
text), at a fraction of the cost of a string look-up per feature.

Labels: ``B-``/``I-`` with ``PER``, ``ORG`` and ``LOC``. The model file ships inside
the package (``models/ner.crfsuite``); ``tools/train_ner.py`` rebuilds it.
"""

from __future__ import annotations

import gzip
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np

from telusur.extract.crf import CrfModel, parse_model, viterbi
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


def _run_head(head: str) -> str:
    """The ``runh`` feature of a word inside a capitalised run, from the run's lower-cased first word."""
    places, org_heads, person_cues = _gazetteers()
    return ("runh=org" if head in org_heads else "runh=per" if head in person_cues
            else "runh=place" if head in places else "runh=x")


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """Return the CRF features of every token of one sentence.

    Takes the tokens as written; returns one list of feature strings per token. The
    case-free part comes from per-word caches (``_word_features``, ``_context``), so a
    word seen before costs a dictionary look-up rather than a rebuild.
    """
    lower = [t.lower() for t in tokens]
    cased = _has_upper(tokens)
    ctx = [_PAD, _PAD, *map(_context, lower), _PAD, _PAD]
    feats: list[list[str]] = []
    n = len(tokens)
    if cased:
        runs, first = _title_runs(tokens)
        title = [t[:1].isupper() for t in tokens]
    for i, w in enumerate(lower):
        f = [*_word_features(w), *ctx[i][0], *ctx[i + 1][1], *ctx[i + 3][2], *ctx[i + 4][3]]
        if i > 0:
            f.append(f"bi-1={lower[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"bi+1={w}|{lower[i + 1]}")
        if cased:
            tok = tokens[i]
            # cased-only copies: the word and its neighbours, under NERGrit's conventions
            f.extend(_cased_word_features(w))
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
                if i > first[i]:
                    f.append(_run_head(lower[first[i]]))
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


def model_path() -> Path:
    """Return the path of the shipped model file."""
    return Path(str(_model_resource()))


def _model_resource() -> Traversable:
    return resources.files(__package__).joinpath("models", MODEL_FILE)


@cache
def _scorer() -> _Scorer:
    # read as a resource, not a file: the package may be imported from a zip (spark-submit --py-files)
    return _Scorer(parse_model(_model_resource().read_bytes(), MODEL_FILE))


# words whose score rows a process keeps (about 450 bytes each) before it starts afresh
_MAX_WORDS = 100_000
# the per-word rows: the word itself, as seen from offsets -2, -1, +1, +2, and its cased-only copies
_WORD, _FROM_M2, _FROM_M1, _FROM_P1, _FROM_P2, _CASED, _CASED_M1, _CASED_P1 = range(8)


class _Scorer:
    """State scores of tokens under the shipped model, built from per-word rows.

    Every feature ``sentence_features`` gives a token is either a property of one lower-cased word
    (its own features, the context it lends a neighbour, its cased-only copies) or one of a
    few single attributes (bigrams, the token's case, title runs). The first kind is
    summed once per word into eight rows of label scores; a token's scores are then a sum
    of its word's and its neighbours' rows plus its single attributes: the scores CRFsuite
    computes from the same feature strings, without a string look-up per feature.
    """

    def __init__(self, model: CrfModel) -> None:
        """Take the model's weights; row 0 stands for the padding beyond a sentence's ends."""
        self.model = model
        self.labels = model.labels
        self._attrs = model.attributes
        self._vocab: dict[str, int] = {}
        self._rows = np.zeros((1024, 8, len(model.labels)))
        for group, feats in zip((_FROM_M2, _FROM_M1, _FROM_P1, _FROM_P2, _CASED_M1, _CASED_P1), _PAD, strict=True):
            self._rows[0, group] = self._sum(feats)
        self._case: dict[str, int] = {}  # token as written -> its row in _case_sums
        self._case_keys: dict[tuple[str, ...], int] = {}
        self._case_sums = np.zeros((64, len(model.labels)))
        runs = [f"run={p}{size}" for p in "BIE" for size in "123"]
        self._flags = {f: model.attributes.get(f) for f in ("title_first", "title-1", "title1", "runh=org", "runh=per",
                                                             "runh=place", "runh=x", *runs)}
        self._state = np.vstack([model.state, np.zeros((1, len(model.labels)))])
        # bigram attributes by word pair: "bi-1=a|b" under every split at a "|", so a word
        # holding a "|" still finds its pair (a pair's joined string names one attribute)
        self._pairs: dict[tuple[str, str], list[int | None]] = {}
        for attr, k in model.attributes.items():
            side = 0 if attr.startswith("bi-1=") else 1 if attr.startswith("bi+1=") else None
            if side is None:
                continue
            rest = attr[5:]
            for at in (i for i, ch in enumerate(rest) if ch == "|"):
                self._pairs.setdefault((rest[:at], rest[at + 1 :]), [None, None])[side] = k

    def _sum(self, feats: tuple[str, ...]) -> np.ndarray:
        ids = [k for k in map(self._attrs.get, feats) if k is not None]
        return self.model.state[ids].sum(axis=0)

    def _case_row(self, tok: str) -> int:
        """Return the row of ``_case_sums`` holding the sum of ``tok``'s case features (made on first use)."""
        key = _token_case(tok)
        k = self._case_keys.get(key)
        if k is None:
            k = self._case_keys[key] = len(self._case_keys)
            if k >= len(self._case_sums):
                self._case_sums = np.concatenate([self._case_sums, np.zeros_like(self._case_sums)])
            self._case_sums[k] = self._sum(key)
        self._case[tok] = k
        return k

    def _add(self, words: list[str]) -> None:
        """Compute the rows of words not seen yet, all in one sum."""
        first = len(self._vocab) + 1
        while first + len(words) > len(self._rows):
            self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])
        zero = len(self._attrs)  # a zero row in ``_state``: no group is an empty sum
        flat: list[int] = []
        starts: list[int] = []
        get = self._attrs.get
        for w in words:
            ctx = _context.__wrapped__(w)
            for feats in (_word_features.__wrapped__(w), ctx[0], ctx[1], ctx[2], ctx[3], _cased_word_features.__wrapped__(w), ctx[4], ctx[5]):
                starts.append(len(flat))
                flat.append(zero)
                flat.extend(k for k in map(get, feats) if k is not None)
        sums = np.add.reduceat(self._state[np.asarray(flat, dtype=np.intp)], np.asarray(starts, dtype=np.intp), axis=0)
        self._rows[first : first + len(words)] = sums.reshape(len(words), 8, -1)
        self._vocab.update(zip(words, range(first, first + len(words))))

    def scores(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """Return the ``(tokens, labels)`` state scores of each sentence (tokens as written)."""
        vocab, pairs, case = self._vocab, self._pairs, self._case
        ids = [0, 0]
        where: list[int] = []  # position of each token in ``ids``
        cased_at: list[int] = []  # index (in ``where``) of each token of a cased sentence
        extra_at: list[int] = []  # single attributes: the token's index, and the attribute
        extra: list[int] = []
        title: list[bool] = []  # each token of a cased sentence: capitalised?
        case_rows: list[int] = []  # and its case features' row
        flag = self._flags
        new = list(dict.fromkeys(w for tokens in sentences for t in tokens if (w := t.lower()) not in vocab))
        if len(vocab) + len(new) > _MAX_WORDS:  # start afresh: memory stays bounded on any corpus
            vocab.clear()
            case.clear()
            self._case_keys.clear()
            new = list(dict.fromkeys(t.lower() for tokens in sentences for t in tokens))
        if new:
            self._add(new)
        for tokens in sentences:
            base = len(where)
            n = len(tokens)
            lower = [t.lower() for t in tokens]
            where.extend(range(len(ids), len(ids) + n))
            ids.extend([vocab[w] for w in lower])
            ids += [0, 0]
            for i in range(1, n):
                found = pairs.get((lower[i - 1], lower[i]))
                if found is not None:
                    if found[0] is not None:  # "bi-1=": the pair seen from its second word
                        extra_at.append(base + i)
                        extra.append(found[0])
                    if found[1] is not None:
                        extra_at.append(base + i - 1)
                        extra.append(found[1])
            if not _has_upper(tokens):
                continue
            cased_at.extend(range(base, base + n))
            title.extend([t[:1].isupper() for t in tokens])
            for tok in tokens:
                k = case.get(tok)
                case_rows.append(k if k is not None else self._case_row(tok))
            runs, first = _title_runs(tokens)
            for i in range(n):
                if runs[i]:
                    if (k := flag["run=" + runs[i]]) is not None:
                        extra_at.append(base + i)
                        extra.append(k)
                    if i > first[i]:
                        k = flag[_run_head(lower[first[i]])]
                        if k is not None:
                            extra_at.append(base + i)
                            extra.append(k)
        rows, index, pos = self._rows, np.asarray(ids), np.asarray(where, dtype=np.intp)
        own_row, before, after = index[pos], index[pos - 1], index[pos + 1]
        total = rows[own_row, _WORD] + rows[index[pos - 2], _FROM_M2] + rows[before, _FROM_M1] + rows[after, _FROM_P1] + rows[index[pos + 2], _FROM_P2]
        if cased_at:
            c = np.asarray(cased_at, dtype=np.intp)
            total[c] += rows[own_row[c], _CASED] + rows[before[c], _CASED_M1] + rows[after[c], _CASED_P1]
            total[c] += self._case_sums[np.asarray(case_rows, dtype=np.intp)]
            # the capitalisation of the word itself and of its neighbours, in the sentence only
            capital = np.zeros(len(ids), dtype=bool)
            capital[pos[c]] = title
            state = self.model.state
            for name, hit in (("title_first", capital[pos[c]] & (before[c] == 0)), ("title-1", capital[pos[c] - 1]),
                              ("title1", capital[pos[c] + 1])):
                if (k := flag[name]) is not None and hit.any():
                    total[c[hit]] += state[k]
        if extra:
            np.add.at(total, np.asarray(extra_at, dtype=np.intp), self.model.state[np.asarray(extra, dtype=np.intp)])
        bounds = np.cumsum([0, *map(len, sentences)])
        return [total[bounds[k] : bounds[k + 1]] for k in range(len(sentences))]


def _has_upper(tokens: list[str]) -> bool:
    """Whether any character of ``tokens`` is upper case (``str.isupper``), the test for a cased sentence."""
    text = "".join(tokens)
    if text.isascii():
        return text != text.lower()
    return any(ch.isupper() for ch in text)


def tag(tokens: list[str]) -> list[str]:
    """Return a BIO label for every token of one sentence (``O``, ``B-PER``, ``I-ORG``...)."""
    return tag_sentences([tokens])[0]


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """Return the BIO labels of every token of each sentence, decoding the sentences together.

    Takes the sentences' tokens as written; returns one label list per sentence, equal to
    what CRFsuite gives for ``sentence_features`` (see ``extract.crf``). Never raises.
    """
    # CRFsuite took UTF-8 only, so lone surrogates were replaced; the features stay the same
    sentences = [[replace_surrogates(t) for t in s] if has_surrogates("".join(s)) else s for s in sentences]
    scorer = _scorer()
    paths = viterbi(scorer.scores(sentences), scorer.model.transitions)
    return [_head_rules(s, [scorer.labels[k] for k in path]) for s, path in zip(sentences, paths, strict=True)]


def _head_rules(tokens: list[str], labels: list[str]) -> list[str]:
    """Two rules on cased text after the model, for names the model leaves half-tagged.

    - A run of capitalised words opened by a capitalised organisation head ("Partai",
      "Kementerian", ``[org_heads]``) that the model left untagged is an organisation.
    - A lower-case place head right before a place ("kota Pati", "sungai Musi",
      ``[place_heads]``) belongs to the place's span, as cased annotation writes it.
    """
    if not _has_upper(tokens):
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

"""Content terms of a sentence: the keys that decide whether two sentences say the same.

A term is a lower-cased word, stemmed with PySastrawi's Indonesian stemmer (MIT, from
PyPI; "mengirimkan", "dikirim" and "pengiriman" all become "kirim"), then mapped to the
key of its synonym group when it has one ("serdadu", "prajurit" -> "tentara"), so that
a machine-spun rewrite keeps most of its source's terms. Function words are dropped;
numbers are kept without their grouping marks ("15.000" -> "15000"). The word lists
are data (``lexicon/terms.toml``). Stems over-reach ("pasukan" -> "pasu"): they are
matching keys, never shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from types import MappingProxyType

from telusur.lexicon import load
from telusur.text.sastrawi_patterns import use_compiled_patterns

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _tables() -> tuple[frozenset[str], dict[str, str]]:
    data = load("terms")
    synonyms: dict[str, str] = {}
    for group in data["synonyms"]["groups"]:
        for word in group:
            synonyms.setdefault(word, group[0])
    return frozenset(data["stopwords"]["words"]), synonyms


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    use_compiled_patterns()
    return stemmer


# Sastrawi's stem of every word stemmed in this process or handed in by ``remember_stems``
# (a run starts with the stems its database kept: Sastrawi takes about a tenth of a millisecond a
# new word, and every run meets the corpus's vocabulary again); ``known_stems`` gives them
# all back, for the database to keep
_KNOWN: dict[str, str] = {}


def _stem(word: str) -> str:
    found = _KNOWN.get(word)
    if found is None:
        found = _KNOWN[word] = _stemmer().stem(word)
    return found


def remember_stems(pairs: Iterable[tuple[str, str]]) -> None:
    """Take ``(word, stem)`` pairs Sastrawi made earlier (in another process), so they are not made again."""
    _KNOWN.update(pairs)


def known_stems() -> Mapping[str, str]:
    """Return every ``{word: stem}`` this process knows, made here or remembered (a read-only view)."""
    return MappingProxyType(_KNOWN)


def stemmer_version() -> str:
    """Return the version of the stemmer (PySastrawi) whose stems ``known_stems`` gives: kept stems hold for it only."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("PySastrawi")
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=200_000)
def term_of(word: str) -> str | None:
    """Return the matching key of one lower-cased word, or None for a function word or ""."""
    stop, synonyms = _tables()
    if not word or word in stop:
        return None
    if word[0].isdigit():
        return re.sub(r"[.,](?=\d{3}\b)", "", word)
    if word in synonyms:
        return synonyms[word]
    stem = _stem(word) if len(word) > 3 and "-" not in word else word
    if not stem or stem in stop:
        return None
    return synonyms.get(stem, stem)


def terms(text: str) -> frozenset[str]:
    """Return the set of content terms of ``text`` (any length; never raises)."""
    keys = set(map(term_of, _WORD.findall(text.lower())))
    keys.discard(None)
    keys.discard("")
    return frozenset(keys)  # type: ignore[arg-type]


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Dice coefficient of two term sets (0 when both are empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the share of ``a``'s terms that ``b`` holds (0 when ``a`` is empty)."""
    return len(a & b) / len(a) if a else 0.0


@lru_cache(maxsize=200_000)
def stem_of(word: str) -> str:
    """Return the Indonesian stem of one lower-cased word ("mengirimkan" -> "kirim"); the word itself when none.

    Unlike ``term_of`` no function word is dropped and no synonym is applied: this is the
    key full-text search matches on, where "kirim" must find "dikirim" and nothing else.
    Numbers and hyphenated words are kept as they are.
    """
    if len(word) <= 3 or "-" in word or word[0].isdigit():
        return word
    return _stem(word) or word


def stemmed(text: str) -> str:
    """Return ``text`` as the stems of its words, space-separated, in order (what search indexes)."""
    return " ".join(stem_of(w) for w in _WORD.findall(text.lower()))

"""Language of an article body: Indonesian, Malay, English or other.

Counts marker words from ``lexicon/language.toml``. No tool tells Indonesian from Malay
on one sentence, so the decision is per article, on words that only one of the two uses
("kerajaan", "kerana", "polis", "bahawa" against "pemerintah", "karena", "polisi", "bahwa").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from telusur.lexicon import load

_TOKEN = re.compile(r"[a-zA-Z]+")
_SAMPLE_CHARS = 4000  # a few paragraphs decide the language; long bodies need not be read whole


@cache
def _markers() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    data = load("language")
    markers = {k: frozenset(v) for k, v in data["markers"].items()}
    exclusive = {k: frozenset(v) for k, v in data["exclusive"].items()}
    return markers, exclusive


def detect_language(text: str) -> tuple[str, float, str]:
    """Return ``(code, confidence, evidence)`` for ``text``: code is id, ms, en or other.

    Reads the first 4,000 characters. Evidence names the counts the decision rests on.
    Never raises.
    """
    markers, exclusive = _markers()
    tokens = Counter(t.lower() for t in _TOKEN.findall(text[:_SAMPLE_CHARS]))
    total = sum(tokens.values())
    if total == 0:
        return "other", 0.0, "no words"
    score = {lang: sum(tokens[w] for w in words) for lang, words in markers.items()}
    malay_family = score["id"] + score["ms"]
    evidence = f"marker words per 100: id/ms {100 * malay_family / total:.0f}, en {100 * score['en'] / total:.0f}"
    if max(malay_family, score["en"]) / total < 0.08:
        return "other", 0.5, evidence
    if score["en"] > malay_family:
        return "en", min(1.0, score["en"] / total * 4), evidence
    ms_only = sum(tokens[w] for w in exclusive["ms"])
    id_only = sum(tokens[w] for w in exclusive["id"])
    evidence += f"; Malay-only words {ms_only}, Indonesian-only words {id_only}"
    if ms_only > id_only:
        return "ms", ms_only / (ms_only + id_only), evidence
    return "id", (id_only + 1) / (ms_only + id_only + 1), evidence

"""Language of an article body: Indonesian, Malay, English or other.

Counts marker words from ``lexicon/language.toml``. No tool tells Indonesian from Malay
on one sentence, so the decision is per article, on words that only one of the two uses
("kerajaan", "kerana", "polis", "bahawa" against "pemerintah", "karena", "polisi", "bahwa").
"""

from __future__ import annotations

import re
from functools import cache

from telusur.lexicon import load

_TOKEN = re.compile(r"[a-zA-Z]+")
_SAMPLE_CHARS = 4000  # a few paragraphs decide the language; long bodies need not be read whole


@cache
def _table() -> dict[str, tuple[str, ...]]:
    """Map each marker word to the categories it counts for (``id``, ``ms``, ``en``, ``only-id``, ``only-ms``)."""
    data = load("language")
    table: dict[str, list[str]] = {}
    for lang, words in data["markers"].items():
        for w in words:
            table.setdefault(w, []).append(lang)
    for lang, words in data["exclusive"].items():
        for w in words:
            table.setdefault(w, []).append(f"only-{lang}")
    return {w: tuple(cats) for w, cats in table.items()}


def detect_language(text: str) -> tuple[str, float, str]:
    """Return ``(code, confidence, evidence)`` for ``text``: code is id, ms, en or other.

    Reads the first 4,000 characters. Evidence names the counts the decision rests on.
    Never raises.
    """
    table = _table()
    score = dict.fromkeys(("id", "ms", "en", "only-id", "only-ms"), 0)
    tokens = _TOKEN.findall(text[:_SAMPLE_CHARS].lower())
    for token in tokens:
        for category in table.get(token, ()):
            score[category] += 1
    total = len(tokens)
    if total == 0:
        return "other", 0.0, "no words"
    malay_family = score["id"] + score["ms"]
    evidence = f"marker words per 100: id/ms {100 * malay_family / total:.0f}, en {100 * score['en'] / total:.0f}"
    if max(malay_family, score["en"]) / total < 0.08:
        return "other", 0.5, evidence
    if score["en"] > malay_family:
        return "en", min(1.0, score["en"] / total * 4), evidence
    ms_only, id_only = score["only-ms"], score["only-id"]
    evidence += f"; Malay-only words {ms_only}, Indonesian-only words {id_only}"
    if ms_only > id_only:
        return "ms", ms_only / (ms_only + id_only), evidence
    return "id", (id_only + 1) / (ms_only + id_only + 1), evidence

"""Wire agencies and other outlets that an article cites as its source.

"Dilansir dari AFP", "Mengutip Reuters pada Selasa", "seperti dikutip AFP", "Sumber : Reuters",
"kata X kepada AFP", "Yonhap melaporkan", "Mengutip dari Irish Examiner". A name after a cue
counts as an agency when it is one of ``lexicon/agencies.toml``; as a cited outlet only when
it holds an outlet word ("Times", "News", "Examiner"...) or is a domain, so that "mengutip
Presiden Joko Widodo" cites no outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from telusur.lexicon import load
from telusur.text.trie import phrase_key, trie_regex


@dataclass(frozen=True)
class Citation:
    """A cited source: ``kind`` is ``agency`` or ``outlet``; offsets into the scanned text."""

    kind: str
    name: str
    start: int
    end: int
    evidence: str


@cache
def agency_names() -> frozenset[str]:
    """Return the canonical names of the news agencies in ``lexicon/agencies.toml`` (AFP, Reuters, Antara...)."""
    return frozenset(load("agencies")["agencies"])


@cache
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str]]:
    data = load("agencies")
    spelling = {s: canon for canon, spellings in data["agencies"].items() for s in spellings}
    # case-sensitive trie of lower-case and sentence-initial spellings: much faster than (?i:);
    # real text has typos ("Dilasnir dari AFP"): each cue word's one-slip variants cite too
    cue_list = sorted({v for cue in data["cues"]["before"] for v in typo_variants(cue)})
    cues = trie_regex([*cue_list, *(c[0].upper() + c[1:] for c in cue_list), *(c.upper() for c in cue_list)])
    token = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
    name = rf"(?:The\s+)?{token}(?:\s+(?:{token}|of|de|du))*"
    before = re.compile(
        rf"\b{cues}\s*:?\s*(?:(?i:dari)\s*)?(?:(?i:kantor\s+berita|media|situs|laman|harian|surat\s+kabar|stasiun\s+televisi)\s+)?(?P<name>{name})"
    )
    agencies = trie_regex(spelling)
    after_words = "|".join(map(re.escape, data["after_cues"]["words"]))
    after = re.compile(rf"\b(?P<name>{agencies}),?\s+(?i:{after_words})\b")
    outlet_words = "|".join(sorted(map(re.escape, data["outlet_words"]["words"]), key=len, reverse=True))
    return before, after, spelling, re.compile(rf"\b(?:{outlet_words})\b|\.(?:com|id|co\.id|net)\b")


TYPO_MIN_LETTERS = 6  # shorter cue words ("oleh") have too many real words one slip away


def typo_variants(phrase: str) -> set[str]:
    """Return ``phrase`` and its spellings with one slip in one word of 6+ letters: two
    neighbouring letters swapped ("dilasnir") or one letter dropped ("dilansr"), the first
    letter kept."""
    words = phrase.split()
    out = {phrase}
    for i, word in enumerate(words):
        if len(word) < TYPO_MIN_LETTERS:
            continue
        slips = {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(1, len(word) - 1)}
        slips |= {word[:k] + word[k + 1 :] for k in range(1, len(word))}
        out |= {" ".join([*words[:i], slip, *words[i + 1 :]]) for slip in slips if slip != word}
    return out


_STOP = re.compile(r"\s+(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|Pada)\b.*$")


def find_citations(text: str, offset: int = 0) -> list[Citation]:
    """Return the agencies and outlets ``text`` cites, in order, with raw offsets.

    Takes text and the offset of its first character in the raw article; never raises.
    """
    before, after, spelling, outlet_word = _compiled()
    found: list[Citation] = []
    for m in before.finditer(text):
        name = _STOP.sub("", m.group("name")).rstrip(".,'’")
        canon = _agency_prefix(name, spelling)
        start = m.start("name")
        if canon:
            found.append(Citation("agency", canon, offset + start, offset + start + len(canon), m.group(0)))
        elif outlet_word.search(name) and len(name.split()) <= 5:
            found.append(Citation("outlet", name, offset + start, offset + start + len(name), m.group(0)))
    for m in after.finditer(text):
        found.append(Citation("agency", spelling[phrase_key(m.group("name"))], offset + m.start(), offset + m.end("name"), m.group(0)))
    return sorted(found, key=lambda c: c.start)


def agency_name(text: str) -> str | None:
    """Return the canonical agency name when ``text`` is (or starts with) an agency spelling."""
    _, _, spelling, _ = _compiled()
    return _agency_prefix(text.strip(), spelling)


def _agency_prefix(name: str, spelling: dict[str, str]) -> str | None:
    words = [w.strip(".,;:()") for w in name.split()]
    for n in range(len(words), 0, -1):
        candidate = " ".join(words[:n])
        if candidate in spelling:
            return spelling[candidate]
    return None

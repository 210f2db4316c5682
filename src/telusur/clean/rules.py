"""Line rules for web debris, compiled from ``lexicon/debris.toml``.

Also the shape tests the layout step needs: captions (a line that ends with a photo
credit), paragraph-like lines, title-like lines and inline "Baca juga:" fragments.
"""

from __future__ import annotations

import re
from functools import cache

from telusur.lexicon import load

_CAPTION_TAIL = 100
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$|[\"”’»]\s*$")
# a caption ends with a photo credit: a photo marker, or an agency or photographer named
# with a slash; a plain "(BPS)." or "(PDB)." ends many a report sentence and is no credit
_CAPTION_END = re.compile(
    r"""(
        \((?i:dok\.?|foto|istimewa|ist\.?|getty|via|sumber|shutterstock)\b[^()]{0,60}\)           # (Dok. Humas), (Istimewa)
      | \((?i:antara|afp|reuters|ap|epa|kcna|yonhap|xinhua|bernama|anadolu|kyodo)\)                # (EPA), (XINHUA)
      | \([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2}\s?/\s?[A-Z][^()]{0,60}\)                    # (AFP/Jung Yeon-je)
      | \b[A-Z]{2,}(?:\s+FOTO)?/\s?[A-Z][\w.'/ -]{1,60}                         # ANTARA FOTO/Name, REUTERS/Name
      | \b[A-Z]{2,}\s+(?:melalui|via|lewat)\s+[A-Z]{2,}                        # KCNA melalui REUTERS
      | \b(?i:foto|photo|sumber\s+foto)\s*:\s*[^.]{2,60}
      | \s[-–—]\s*(?i:foto|gambar|photo)\s+[A-Z][\w/ .]{1,40}
    )\s*\.?\s*$""",
    re.X,
)
# a reporter's or desk's sign-off after the last sentence of a paragraph: "... hadir. (rsa)"
_TRAILING_SIGNOFF = re.compile(r"""(?<=[.!?"”'’])\s*[(\[](?:[a-z]{1,12}(?:[ /][a-z]{1,12}){0,3}|Uu?\.\s?[^()]{1,40})[)\]]\s*$""")
# a caption is a sentence or two; a paragraph of three sentences that ends with "(Antara)" is
# report text signed with its wire credit
_CAPTION_MAX_SENTENCES = 2
_AGENCY_CREDITS = frozenset("antara afp reuters ap epa kcna yonhap xinhua bernama anadolu kyodo".split())
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s+|[\"”’]\s+)(?=[A-Z\"“])")


@cache
def _line_rules() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for all line rules: group ``rN`` is rule N, so one match call per line."""
    groups, reasons = [], {}
    for n, rule in enumerate(load("debris")["rule"]):
        flags = "" if rule.get("case") else "i"
        body = "|".join(f"(?:{p})" for p in rule["patterns"])
        groups.append(f"(?P<r{n}>(?{flags}:{body}))" if flags else f"(?P<r{n}>{body})")
        reasons[f"r{n}"] = rule["reason"]
    return re.compile("|".join(groups)), reasons


@cache
def _inline_rules() -> list[tuple[str, re.Pattern[str]]]:
    return [(r["reason"], re.compile(r["pattern"], re.I)) for r in load("debris").get("inline", [])]


def line_reason(line: str) -> str | None:
    """Return the debris reason for one stripped line, or None when no rule matches."""
    pattern, reasons = _line_rules()
    m = pattern.match(line)
    return reasons[m.lastgroup] if m and m.lastgroup else None


def is_caption(line: str) -> bool:
    """Return True when a line ends with a photo credit such as "(EPA)" or "KCNA melalui REUTERS"."""
    return caption_credit(line) is not None


def caption_credit(line: str) -> tuple[int, bool] | None:
    """Return ``(where the credit starts, whether it is an agency's name alone)`` for a caption, else None.

    A caption is a sentence or two (at most 80 words) ending with a photo credit. A
    credit that is an agency's name alone ("(Antara)") may instead sign a paragraph of
    the report: the caller decides by position.
    """
    # a credit is short: searching the line's tail is enough and keeps this fast
    tail_at = max(0, len(line) - _CAPTION_TAIL)
    m = _CAPTION_END.search(line, tail_at)
    if not m or word_count(line) > 80:
        return None
    if len(_SENTENCE_BREAK.findall(line[: m.start()])) >= _CAPTION_MAX_SENTENCES:
        return None
    return m.start(), m.group(1).strip(" .").lower().strip("()") in _AGENCY_CREDITS


def trailing_signoff(line: str) -> int | None:
    """Return where a sign-off after a paragraph's last sentence starts ("... hadir. (rsa)"), or None."""
    m = _TRAILING_SIGNOFF.search(line[-60:])
    return None if m is None else len(line) - len(line[-60:]) + m.start()


def is_sentence(line: str) -> bool:
    """Return True for a line of running text however short: 2+ words, lower-case words in it, a sentence end."""
    words = line.split()
    return len(words) >= 2 and any(w[:1].islower() for w in words) and bool(_SENTENCE_END.search(line))


def word_count(line: str) -> int:
    """Return the number of whitespace-separated words in ``line``."""
    return len(line.split())


def is_paragraph(line: str) -> bool:
    """Return True for a line that reads like running text: a sentence of 8+ words, or 25+ words."""
    n = word_count(line)
    return n >= 25 or (n >= 8 and bool(_SENTENCE_END.search(line)))


def is_title_like(line: str) -> bool:
    """Return True for a headline-shaped line: 3 to 30 words, no closing full stop, opening
    with a capital, a digit ("5 Tips Agar ...") or a quotation mark."""
    n = word_count(line)
    return 3 <= n <= 30 and not line.rstrip().endswith((".", ":", ",")) and (line[:1].isupper() or line[:1].isdigit()
                                                                            or line[:1] in "\"“'‘")


_SMALL = frozenset(
    "dan di ke dari untuk yang dengan pada atau oleh dalam soal jadi jika usai saat agar bagi "
    "vs the of and in on to for a an at as by".split()
)


def inline_cuts(line: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, reason)`` for debris fragments inside a paragraph.

    An inline "Baca juga: <headline>" runs from the cue to the start of the next
    sentence. Headlines are Title Case, so the headline ends at the last capitalised
    word before the first run of plain lower-case words: that capitalised word opens
    the next sentence.
    """
    cuts: list[tuple[int, int, str]] = []
    if ":" not in line:
        return cuts  # every inline cue ends with a colon
    for reason, pattern in _inline_rules():
        for m in pattern.finditer(line):
            if m.start() == 0:
                continue  # a whole line starting with the cue is a line rule's business
            end = _headline_end(line, m.end())
            cuts.append((m.start(), end, reason))
    return cuts


def _headline_end(line: str, pos: int) -> int:
    tokens = list(re.finditer(r"\S+", line[pos:]))
    openers = _sentence_openers()
    last_cap = None
    last_opener = None
    for i, tok in enumerate(tokens):
        word = tok.group().strip("\"'“”‘’()[],:;!?")
        if not word:
            continue
        if word[0].isupper() or word[0].isdigit():
            last_cap = i
            if i > 0 and word.lower() in openers:
                last_opener = i
            continue
        if word.lower() in _SMALL:
            continue
        # first plain lower-case word: the sentence began at the last word that opens
        # sentences ("... Banjir Bandang Menurut Yusrizal, nagari ..."), else at the last
        # capitalised token
        start = last_opener if last_opener is not None else last_cap
        if start is not None and start > 0:
            return pos + tokens[start].start()
        break
    return len(line)


@cache
def _sentence_openers() -> frozenset[str]:
    return frozenset(load("debris")["inline_openers"]["words"])

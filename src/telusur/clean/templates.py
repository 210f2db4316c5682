"""Template lines: a line that recurs across several distinct articles of one outlet.

Fixed rules cannot know every outlet's own promos and footers. The store counts, per
outlet, in how many *distinct* articles each body line occurs; a line seen in at least
``min_articles`` of them is a template, and a line that reads as report text (long, a
sentence, a list or its announcement) must also be in ``long_share`` of the outlet's
articles: a background paragraph or a quote reused in three follow-up stories is still
report text, while a promo sits under most of the outlet's articles. Copies of one story (the same report republished
on several channels of one outlet) would otherwise make real paragraphs look like a
template, so articles count once per ``lead_key``: the key of their longest paragraph.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from telusur.clean.assemble import assemble, split_lines
from telusur.clean.rules import is_sentence
from telusur.model import Article, Removed

_NORM = re.compile(r"\W+")
_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]|[-•*–])\s")
MAX_TEMPLATE_CHARS = 400
LONG_LINE_WORDS = 20


def line_key(text: str) -> str:
    """Return a short stable key for a line: case, spacing and punctuation ignored."""
    norm = _NORM.sub(" ", text.lower()).strip()
    return hashlib.blake2b(norm.encode(), digest_size=8).hexdigest()


def body_line_keys(article: Article) -> tuple[list[tuple[str, bool]], str]:
    """Return ``(key, long)`` for an article's body lines that can be templates, and its lead key.

    ``long`` (the store's column name) marks a line that reads as report text
    (``_reads_as_report``), which needs more evidence to count as a template. Lines over
    ``MAX_TEMPLATE_CHARS`` are never counted.
    """
    paragraphs = article.body.split("\n\n")
    lead = max(paragraphs, key=len) if paragraphs else ""
    keys = {line_key(p): _reads_as_report(p) for p in paragraphs if p and len(p) <= MAX_TEMPLATE_CHARS and p != lead}
    return sorted(keys.items()), line_key(lead)


def _reads_as_report(line: str) -> bool:
    """A line that reads as report text needs the outlet-wide share to count as a template.

    Long lines (a background paragraph reused in follow-ups), sentences (a quote several
    stories repeat), lines that announce a list ("Berikut susunan pemain kedua tim:") and
    list items are report text an outlet's articles may share; promos that are sentences
    too ("Ikuti kami di Google News.") sit under most of its articles and still pass.
    """
    return len(line.split()) > LONG_LINE_WORDS or is_sentence(line) or line.endswith(":") or bool(_LIST_ITEM.match(line))


def apply_templates(article: Article, templates: frozenset[str]) -> Article:
    """Return ``article`` with its body lines whose key is in ``templates`` moved to debris.

    Takes an article and template keys for its outlet; returns the same article when
    nothing matches, else a new one with ``repeated-template`` removals and its body
    and segments rebuilt. Raises nothing.
    """
    removed = list(article.removed)
    taken = {(r.start, r.end) for r in removed}
    hit = False
    for seg_line in split_lines(article.raw):
        if line_key(seg_line.text) in templates and (seg_line.start, seg_line.end) not in taken:
            if not _in_body(article, seg_line.start, seg_line.end):
                continue
            removed.append(Removed(seg_line.start, seg_line.end, "repeated-template", seg_line.text))
            hit = True
    if not hit:
        return article
    removed.sort(key=lambda r: r.start)
    body, segments = assemble(article.raw, removed)
    return replace(article, body=body, segments=segments, removed=removed)


def _in_body(article: Article, start: int, end: int) -> bool:
    return any(s.raw_start < end and start < s.raw_start + s.length for s in article.segments)


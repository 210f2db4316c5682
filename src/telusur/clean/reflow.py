"""Hard-wrapped text: which line breaks are a wrap inside a paragraph, not a new paragraph.

Many archives store plain text wrapped at a fixed width (72, 80, 100 columns). A greedy
wrapper at width W breaks a line only when the next word does not fit, so a line ``l``
followed by ``n`` on the next row was wrapped exactly when::

    len(l) <= W  and  len(l) + 1 + len(first word of n) > W

A page whose lines are paragraphs (the usual scrape) meets that test only by chance: its
longest line is a long paragraph and almost no other line comes within a word of it. So a
page is taken as wrapped when W, the longest line that has a non-blank row after it, is
at most ``MAX_WIDTH`` and at least ``MIN_WRAPPED_SHARE`` of those lines meet the test;
then each line that meets it is joined to the next. Blank rows always end a paragraph,
and a line that does not meet the test (a short last line, a list item) keeps its break.
"""

from __future__ import annotations

MAX_WIDTH = 160  # wider "lines" are paragraphs, not rows of a wrapped text
MIN_WIDTH = 40
MIN_WRAPPED = 2  # at least this many wrapped rows before a page counts as wrapped
MIN_WRAPPED_SHARE = 0.6


def wrapped_breaks(rows: list[str]) -> list[bool]:
    """Return, for each row, whether the break after it is a wrap inside a paragraph.

    Takes the page's rows (the text split at newlines, unstripped); returns one flag per
    row, True when the row and the next belong to one paragraph. All False when the page
    does not read as hard-wrapped (see the module's docstring).
    """
    stripped = [r.strip() for r in rows]
    followed = [i for i in range(len(rows) - 1) if stripped[i] and stripped[i + 1]]
    flags = [False] * len(rows)
    if len(followed) < MIN_WRAPPED:
        return flags
    width = max(len(rows[i].rstrip()) for i in followed)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return flags
    wrapped = [i for i in followed if _wraps(rows[i].rstrip(), stripped[i + 1], width)]
    if len(wrapped) < MIN_WRAPPED or len(wrapped) < MIN_WRAPPED_SHARE * len(followed):
        return flags
    for i in wrapped:
        flags[i] = True
    return flags


def _wraps(row: str, next_row: str, width: int) -> bool:
    """True when a greedy wrapper at ``width`` would have broken ``row`` before ``next_row``'s first word."""
    first = next_row.split(maxsplit=1)[0]
    return len(row) + 1 + len(first) > width and len(row.strip()) >= width // 2

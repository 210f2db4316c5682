"""Learn each outlet's template lines (promos, share bars, standing notes) from how often its lines recur.

Records in, a template set out. The store counts, per outlet and line, in how many
distinct articles the line occurs (``LineCount``; copies of one story count once: articles
are told apart by their lead, so a report republished four times is one article here) and
how many distinct articles the outlet has. A line is a template of its outlet when it
occurs in at least ``min_articles`` distinct articles; a long line (a paragraph) must also
occur in at least ``long_share`` of them, so background paragraphs that a few stories
share are not taken for an outlet's furniture. The executor (``engine.corpus_stages``)
strips the template set from the articles holding its lines, through the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from telusur.model import LineCount, TemplateSet

DEFAULT_MIN_ARTICLES = 3
DEFAULT_LONG_SHARE = 0.2


def learn_templates(counts: Iterable[LineCount], outlet_sizes: Mapping[str, int],
                    min_articles: int = DEFAULT_MIN_ARTICLES, long_share: float = DEFAULT_LONG_SHARE) -> TemplateSet:
    """Return the template set the line counts show (rules in the module docstring).

    Takes every outlet's line counts, each outlet's number of distinct articles, and the
    thresholds. Raises ``ValueError`` when ``min_articles`` is below 2 (one article's own
    lines would be templates) or ``long_share`` is outside (0, 1].
    """
    if min_articles < 2:
        raise ValueError(f"min_articles must be at least 2, got {min_articles}")
    if not 0 < long_share <= 1:
        raise ValueError(f"long_share must be in (0, 1], got {long_share}")
    found: dict[str, set[str]] = {}
    for c in counts:
        if c.articles >= min_articles and (not c.long or c.articles >= long_share * outlet_sizes.get(c.outlet, 0)):
            found.setdefault(c.outlet, set()).add(c.line_key)
    return TemplateSet({outlet: frozenset(keys) for outlet, keys in found.items()})

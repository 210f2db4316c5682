"""Time expressions of an article's body, resolved against its publication date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from telusur.model import Article, TimeExpr
from telusur.text.timex import find_times


def extract_times(article: Article) -> Article:
    """Return ``article`` with ``times`` filled from its body.

    Relative expressions are resolved against the publication date; when the article
    has none, they are kept with no value. Pure; never raises.
    """
    published = date.fromisoformat(article.published.value[:10]) if article.published else None
    times = [
        TimeExpr(t.text, t.start, t.end, t.value, t.granularity, t.anchor) for t in find_times(article.body, published)
    ]
    return replace(article, times=times)

"""Per-article extraction: pure functions from an Article to an Article with more facts.

So far: time expressions, entities and quotes. Quantities and events build on the
same shape.
"""

from telusur.extract.entities import extract_entities
from telusur.extract.quotes import extract_quotes
from telusur.extract.times import extract_times
from telusur.model import Article

__all__ = ["extract", "extract_entities", "extract_quotes", "extract_times"]


def extract(article: Article) -> Article:
    """Run every per-article extractor on a cleaned article; returns the enriched article."""
    return extract_quotes(extract_entities(extract_times(article)))

"""Per-article extraction: pure functions from an Article to an Article with more facts.

So far: time expressions and entities. Quotes, quantities and events build on the
same shape.
"""

from telusur.extract.entities import extract_entities
from telusur.extract.times import extract_times
from telusur.model import Article

__all__ = ["extract", "extract_entities", "extract_times"]


def extract(article: Article) -> Article:
    """Run every per-article extractor on a cleaned article; returns the enriched article."""
    return extract_entities(extract_times(article))

"""Per-article extraction: pure functions from an Article to an Article with more facts.

So far: time expressions. Entities (the NER model in ``ner.py`` is the first part),
quotes, quantities and events build on the same shape.
"""

from telusur.extract.times import extract_times
from telusur.model import Article

__all__ = ["extract", "extract_times"]


def extract(article: Article) -> Article:
    """Run every per-article extractor on a cleaned article; returns the enriched article."""
    return extract_times(article)

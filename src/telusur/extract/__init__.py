"""Per-article extraction: pure functions from an Article to an Article with more facts.

Order matters: quotes need entities, quantities need entities, quotes and times, events
need all of them.
"""

from telusur.extract.entities import extract_entities
from telusur.extract.events import extract_events
from telusur.extract.quantities import extract_quantities
from telusur.extract.quotes import extract_quotes
from telusur.extract.times import extract_times
from telusur.model import Article

__all__ = ["extract", "extract_entities", "extract_events", "extract_quantities", "extract_quotes", "extract_times"]


def extract(article: Article) -> Article:
    """Run every per-article extractor on a cleaned article; returns the enriched article."""
    return extract_events(extract_quantities(extract_quotes(extract_entities(extract_times(article)))))

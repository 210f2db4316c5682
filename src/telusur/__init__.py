"""Telusur: trace multi-outlet news. Clean scraped articles, recover metadata, store and report them.

>>> import telusur
>>> with telusur.analyze("demo/corpus", db="demo.db") as analysis:  # doctest: +SKIP
...     for article in analysis:
...         print(article.id, article.outlet.value["name"], article.published.value)
"""

from telusur.api import Analysis, analyze, open_store
from telusur.clean import clean
from telusur.engine.pipeline import process
from telusur.errors import TelusurError
from telusur.ingest import iter_documents, read_path
from telusur.model import Article, Document, Failure
from telusur.version import __version__

__all__ = ["Analysis", "Article", "Document", "Failure", "TelusurError", "analyze", "clean", "iter_documents", "open_store",
           "process", "read_path", "__version__"]

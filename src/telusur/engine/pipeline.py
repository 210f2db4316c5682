"""The per-article pipeline: a list of pure steps, run the same way by every executor.

A step takes the previous step's record and returns the next one; any ``TelusurError``
(or an unexpected exception, which must not stop a batch) becomes a ``Failure`` naming the
document and the step. Bump ``PIPELINE_VERSION`` when a step's output changes, so stored
articles are re-analysed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telusur.clean import clean
from telusur.extract import extract
from telusur.errors import DocumentError, TelusurError
from telusur.model import Article, Document, Failure
from telusur.store.rows import ArticleRow, to_row

PIPELINE_VERSION = "6"

Step = tuple[str, Callable[[Any], Any]]
STEPS: list[Step] = [("clean", clean), ("extract", extract)]


def process(doc: Document, steps: list[Step] = STEPS) -> Article | Failure:
    """Run ``steps`` on one document.

    Takes a Document; returns the last step's record (an Article) or a Failure naming
    the step that failed and why. Never raises for a bad document.
    """
    record: Any = doc
    for name, step in steps:
        try:
            record = step(record)
        except DocumentError as exc:
            return Failure(doc.id, doc.source, name, exc.reason)
        except TelusurError as exc:
            return Failure(doc.id, doc.source, name, str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken document must not stop the batch
            return Failure(doc.id, doc.source, name, f"internal error: {type(exc).__name__}: {exc}")
    return record


def process_to_row(doc: Document) -> ArticleRow | Failure:
    """Run the pipeline and serialise the result for the store (what executors' workers run)."""
    result = process(doc)
    return result if isinstance(result, Failure) else to_row(result)

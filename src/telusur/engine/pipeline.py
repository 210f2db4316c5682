"""The per-article pipeline: a list of pure steps, run the same way by every executor.

A step takes the previous step's record and returns the next one; any ``TelusurError``
(or an unexpected exception, which must not stop a batch) becomes a ``Failure`` naming the
document and the step. Bump ``PIPELINE_VERSION`` when a step's output changes, so stored
articles are re-analysed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from telusur.clean import clean
from telusur.extract import extract
from telusur.errors import DocumentError, TelusurError
from telusur.model import INTERNAL, Article, Document, Failure
from telusur.store.rows import ArticleRow, to_row

PIPELINE_VERSION = "12"

Step = tuple[str, Callable[[Any], Any]]
STEPS: list[Step] = [("clean", clean), ("extract", extract)]


def steps_after(name: str) -> list[Step]:
    """Return the steps that follow step ``name`` (what re-runs when a stored article's body changes).

    Raises ``ValueError`` when no step has that name.
    """
    names = [n for n, _ in STEPS]
    if name not in names:
        raise ValueError(f"no pipeline step named {name!r}; steps: {', '.join(names)}")
    return STEPS[names.index(name) + 1 :]


def process(doc: Document | Article, steps: list[Step] = STEPS) -> Article | Failure:
    """Run ``steps`` on one document (or on an article, for the steps after cleaning).

    Takes a Document or Article; returns the last step's record (an Article) or a Failure
    naming the step that failed and why. Never raises for a bad document.
    """
    record: Any = doc
    for name, step in steps:
        try:
            record = step(record)
        except DocumentError as exc:
            return Failure(doc.id, doc.source, name, exc.reason, exc.code)
        except TelusurError as exc:
            return Failure(doc.id, doc.source, name, str(exc), exc.code)
        except Exception as exc:  # noqa: BLE001 - one broken document must not stop the batch
            return internal_failure(doc.id, doc.source, name, exc)
    return record


def internal_failure(doc_id: str, source: str, stage: str, exc: BaseException) -> Failure:
    """Return the Failure recording an unexpected exception (code ``internal``) with its type and place.

    The innermost frame of Telusur's own code is named, so a report says where the bug is.
    """
    where = ""
    tb = exc.__traceback__
    while tb is not None:
        if "telusur" in tb.tb_frame.f_code.co_filename:
            where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return Failure(doc_id, source, stage, f"internal error: {type(exc).__name__}: {str(exc)[:200]}{where}", INTERNAL)


def process_to_row(doc: Document) -> ArticleRow | Failure:
    """Run the pipeline and serialise the result for the store (what executors' workers run)."""
    result = process(doc)
    return result if isinstance(result, Failure) else to_row(result)

"""Learn each outlet's template lines from the store and strip them from its articles.

Incremental: a run strips (a) templates learned for the first time, from every stored
article of the outlet that holds them, and (b) all known templates from the articles
written since the last pass that finished (by this run, or by one killed before its pass
ended: their articles are "unchanged" to this run but were never stripped). Articles are read and rewritten in chunks, so memory does not grow
with the size of an outlet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from telusur.clean.templates import apply_templates
from telusur.engine.pipeline import process, steps_after
from telusur.model import Failure
from telusur.store import ArticleRow, Store, to_row
from telusur.store.rows import from_stored

Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]

DEFAULT_MIN_ARTICLES = 3
DEFAULT_LONG_SHARE = 0.2
CHUNK = 200


def strip_learned_templates(
    store: Store,
    run_id: int,
    pipeline_version: str,
    min_articles: int = DEFAULT_MIN_ARTICLES,
    long_share: float = DEFAULT_LONG_SHARE,
    mapper: Mapper = map,
) -> tuple[int, list[Failure]]:
    """Find template lines per outlet and remove them from the stored articles that hold one.

    Takes the store, the current run id, the pipeline version, the number of distinct
    articles a line must occur in and the share of an outlet's articles a long line must
    occur in, and a ``map``-like function to rewrite articles with (an executor's pool
    map, so the rewriting runs in its workers). Returns the number of articles changed
    and the failures of articles whose re-analysis failed (they keep their stored version).
    Raises ``ValueError`` for thresholds out of range (see ``Store.template_keys``).
    """
    changed, failures = 0, []
    applied = store.applied_templates()
    since = store.templates_through()
    for outlet, keys in sorted(store.template_keys(min_articles, long_share).items()):
        fresh = keys - applied.get(outlet, frozenset())
        ids = set(store.articles_with_lines(outlet, keys, after_run=since))
        if fresh:
            ids.update(store.articles_with_lines(outlet, fresh))
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            stored = store.stored_records(ordered[start : start + CHUNK])
            results = [r for r in mapper(rewrite, [(*triple, keys) for triple in stored]) if r is not None]
            failures += [r for r in results if isinstance(r, Failure)]
            rows = [r for r in results if not isinstance(r, Failure)]
            with store.transaction():
                store.write_articles(rows, run_id, pipeline_version, learn_templates=False)
            changed += len(rows)
        with store.transaction():
            store.record_templates(outlet, keys)
    with store.transaction():
        store.set_templates_through(run_id)
    return changed, failures


def rewrite(task: tuple[str, str, str, frozenset[str]]) -> ArticleRow | Failure | None:
    """Apply template keys to one stored article; return its new row, None when unchanged, or a Failure.

    Takes ``(record, raw, body, keys)`` so that it can run in a worker process. The body
    changed, so every extracted offset did too: the pipeline's steps after cleaning run
    again on the new body, guarded as in a document's first analysis.
    """
    record, raw, body, keys = task
    article = from_stored(record, raw, body)
    updated = apply_templates(article, keys)
    if updated is article:
        return None
    result = process(updated, steps_after("clean"))
    return result if isinstance(result, Failure) else to_row(result)

"""Learn each outlet's template lines from the store and strip them from its articles."""

from __future__ import annotations

from telusur.clean.templates import apply_templates
from telusur.store import Store, to_row

DEFAULT_MIN_ARTICLES = 3


def strip_learned_templates(store: Store, run_id: int, pipeline_version: str, min_articles: int = DEFAULT_MIN_ARTICLES) -> int:
    """Find template lines per outlet and remove them from every stored article that holds one.

    Takes the store, the current run id, the pipeline version and the number of distinct
    articles a line must occur in. Returns the number of articles changed. Raises
    ``ValueError`` when ``min_articles`` is below 2.
    """
    changed = 0
    for outlet, keys in sorted(store.template_keys(min_articles).items()):
        rows = []
        for article_id in store.articles_with_lines(outlet, keys):
            article = store.article(article_id)
            if article is not None and (updated := apply_templates(article, keys)) is not article:
                rows.append(to_row(updated))
        with store.transaction():
            store.write_articles(rows, run_id, pipeline_version, learn_templates=False)
        changed += len(rows)
    return changed

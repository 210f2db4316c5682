"""The flat row an article is stored as: built in the worker, written by the store.

Serialising in the worker (a pure function) keeps the writing process to SQL alone,
which matters when two workers already use both cores; the same rows suit Spark.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from telusur.clean.templates import body_line_keys
from telusur.model import Article


@dataclass(frozen=True)
class ArticleRow:
    """Everything the ``articles``, ``removed_lines``, ``template_lines`` and ``article_entities`` tables need."""

    id: str
    source: str
    format: str
    url: str | None
    content_hash: str
    title: str | None
    outlet_name: str | None
    outlet_domain: str | None
    published: str | None
    language: str | None
    raw: str
    body: str
    record: str
    removed: tuple[tuple[int, int, str, str], ...]
    outlet_key: str | None
    line_keys: tuple[tuple[str, bool], ...]
    lead_key: str
    entities: tuple[tuple[str, str, str | None, str, int], ...] = ()  # name, type, stands_for, surfaces JSON, mentions


def outlet_key(article: Article) -> str | None:
    """Return the key under which an article's outlet templates are learned (domain, else name)."""
    if not article.outlet:
        return None
    value = article.outlet.value
    return value.get("domain") or value.get("name")


def to_row(article: Article) -> ArticleRow:
    """Return the stored form of an article.

    The JSON record is the export contract without ``raw`` and ``body``, which have
    columns of their own; ``from_stored`` puts them back.
    """
    outlet = article.outlet.value if article.outlet else {}
    keys, lead = body_line_keys(article)
    record = article.to_dict()
    del record["raw"], record["body"]  # stored once, in their own columns
    return ArticleRow(
        id=article.id,
        source=article.source,
        format=article.format,
        url=article.url,
        content_hash=article.content_hash,
        title=article.title.value if article.title else None,
        outlet_name=outlet.get("name"),
        outlet_domain=outlet.get("domain"),
        published=article.published.value if article.published else None,
        language=article.language.value if article.language else None,
        raw=article.raw,
        body=article.body,
        record=json.dumps(record, ensure_ascii=False),
        removed=tuple((r.start, r.end, r.reason, r.text) for r in article.removed),
        outlet_key=outlet_key(article),
        line_keys=tuple(keys),
        lead_key=lead,
        entities=tuple(
            (e.name, e.type, e.stands_for, json.dumps(sorted({m.text for m in e.mentions}), ensure_ascii=False), len(e.mentions))
            for e in article.entities
        ),
    )


def from_stored(record: str, raw: str, body: str) -> Article:
    """Rebuild an Article from its stored JSON record and its raw and body columns."""
    data = json.loads(record)
    data["raw"], data["body"] = raw, body
    return Article.from_dict(data)

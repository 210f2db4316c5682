"""One id, one document, as in a local run: ``engine.identity.settle`` over the documents' ids, on the driver.

The executors read the files; the driver gets only each document's id, source and
content hash (in reading order), settles them exactly as the local feeder does, and sends
back the few decisions that are not "analyse as read": skip (a copy, or unchanged since
an earlier run), rename (``<id>~<hash>`` with its warning), or refuse (a Failure).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from telusur.engine.identity import Claims, Held, settle
from telusur.model import Document, Failure

Key = tuple[int, int]


@dataclass(frozen=True)
class Meta:
    """What settling needs of one document: its place in reading order, id, source, content hash and id origin."""

    key: Key
    id: str
    source: str
    content_hash: str
    id_from_name: bool


@dataclass(frozen=True)
class Rename:
    """Analyse the document under ``id``, with ``warning`` added."""

    id: str
    warning: str


SKIP = "skip"
Decision = str | Rename | Failure


def meta_of(key: Key, doc: Document) -> Meta:
    """Return the Meta of a document read at ``key``."""
    return Meta(key, doc.id, doc.source, doc.content_hash, doc.id_from_name)


def decide(metas: Iterable[Meta], stored: Mapping[str, Held], pipeline_known: Mapping[str, str]) -> tuple[dict[Key, Decision], int]:
    """Settle documents in reading order; return the decisions that are not "analyse as read", and how many are unchanged.

    Takes the documents' Metas (any order: sorted here by key), what earlier runs stored
    under each id, and the content hash each stored id has (an unchanged document is
    skipped, as the local feeder skips one whose hash and pipeline version are stored).
    Never raises.
    """
    claims = Claims()
    out: dict[Key, Decision] = {}
    unchanged = 0
    for m in sorted(metas, key=lambda m: m.key):
        stub = Document(m.id, m.source, "", m.content_hash, id_from_name=m.id_from_name)
        settled = settle(stub, stored.get(m.id), claims)
        if isinstance(settled, Failure):
            out[m.key] = settled
        elif settled is None or pipeline_known.get(settled.id) == m.content_hash:
            out[m.key] = SKIP
            unchanged += 1
        elif settled.id != m.id:
            out[m.key] = Rename(settled.id, settled.warnings[-1])
    return out, unchanged


def apply(doc: Document, decision: Decision | None) -> Document | Failure | None:
    """Return the document to analyse after ``decision`` (None: analyse it as read), a Failure, or None to skip it."""
    if decision is None:
        return doc
    if isinstance(decision, Rename):
        return replace(doc, id=decision.id, warnings=(*doc.warnings, decision.warning))
    if isinstance(decision, Failure):
        return decision
    return None

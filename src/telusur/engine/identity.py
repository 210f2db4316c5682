"""One id, one document: what a run does when two documents claim the same article id.

A single-document file's id comes from its name (``ingest.folder_id``): its path below
the folder it was found in, so ``a/article.txt`` and ``b/article.txt`` are two articles.
Names can still collide: ``a.txt`` beside ``a.html``, or ``index.html`` of one archive
analysed today and of another tomorrow. The rule, per document, before it is analysed:

- an id stored by an earlier run **from the same source** is the same document: it
  updates (or, unchanged, is skipped); read earlier in this run from the same source (a
  file named twice), it is skipped;
- the same content under the same id from another source is a copy already held: skipped;
- other content under a name-derived id from another source is a *different* document:
  it is stored as ``<id>~<8 hex of its source path>`` (stable, so a later run finds it
  again) with a warning, never over the first;
- other content under an id a record states (a JSONL ``id``, a WARC URL) twice in one run
  is refused (the first is kept) with a clear failure: which one is right is not for
  Telusur to guess. Across runs, a record's id is its identity and a new version updates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from telusur.model import Document, Failure

DUPLICATE = "duplicate-id"  # Failure.code of a record whose id another record of the run already holds


@dataclass(frozen=True)
class Held:
    """What already holds an id: its source and content hash."""

    source: str
    content_hash: str


@dataclass
class Claims:
    """The ids read so far in one run, each with what holds it."""

    seen: dict[str, Held] = field(default_factory=dict)


def renamed_id(doc_id: str, source: str) -> str:
    """Return the id a different document with a taken name-derived id is stored under (stable for one source)."""
    return f"{doc_id}~{hashlib.sha1(source.encode('utf-8', 'replace')).hexdigest()[:8]}"


def settle(doc: Document, stored: Held | None, claims: Claims) -> Document | Failure | None:
    """Decide what becomes of ``doc`` given what holds its id (module docstring).

    Takes the document, what the store holds under its id (None when nothing) and the
    run's claims (updated). Returns the document to analyse (its id possibly renamed), a
    Failure for a record whose id the run already gave another record, or None for a
    copy of a document already held. Never raises.
    """
    earlier = claims.seen.get(doc.id)
    if earlier is not None and (earlier.source == doc.source or earlier.content_hash == doc.content_hash):
        return None  # read already in this run (the same file named twice, or a copy of it)
    if earlier is not None:
        if not doc.id_from_name:
            return Failure(doc.id, doc.source, "ingest", f"id {doc.id!r} is also the id of {earlier.source} in this run,"
                           " with other content; the first is kept", DUPLICATE)
        return _rename(doc, earlier.source, claims)
    if stored is not None and stored.source != doc.source and doc.id_from_name:
        if stored.content_hash == doc.content_hash:
            return None
        return _rename(doc, stored.source, claims)
    claims.seen.setdefault(doc.id, Held(doc.source, doc.content_hash))
    return doc


def _rename(doc: Document, holder: str, claims: Claims) -> Document | None:
    new_id = renamed_id(doc.id, doc.source)
    if new_id in claims.seen:
        return None  # this file, renamed once already in this run
    claims.seen[new_id] = Held(doc.source, doc.content_hash)
    warning = f"id {doc.id!r} is held by {holder}; stored as {new_id!r}"
    return replace(doc, id=new_id, warnings=(*doc.warnings, warning))

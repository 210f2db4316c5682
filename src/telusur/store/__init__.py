"""SQLite store: one file, versioned schema, idempotent writes keyed by content hash."""

from telusur.store.rows import ArticleRow, to_row
from telusur.store.sqlite import Store

__all__ = ["ArticleRow", "Store", "to_row"]

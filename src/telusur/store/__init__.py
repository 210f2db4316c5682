"""SQLite store: one file, versioned schema, idempotent writes keyed by content hash."""

from telusur.store.sqlite import Store, WriteOutcome

__all__ = ["Store", "WriteOutcome"]

"""Telusur's error tree: one root type and a few specific subclasses.

Lower-level errors (``UnicodeDecodeError``, ``gzip.BadGzipFile``, ``sqlite3.Error``...)
are mapped to these at the module boundary where they occur, so callers catch
``TelusurError`` or one of its branches and never a library's own type.
"""

from __future__ import annotations


class TelusurError(Exception):
    """Root of every error Telusur raises on purpose; ``code`` is the stable name a Failure records."""

    code = "error"


class DocumentError(TelusurError):
    """One document could not be analysed: ``doc`` names it, ``reason`` says why."""

    def __init__(self, doc: str, reason: str) -> None:
        super().__init__(f"{doc}: {reason}")
        self.doc = doc
        self.reason = reason

    code = "document"


class InputError(DocumentError):
    """A document could not be read or decoded."""

    code = "input"


class UnsupportedFormatError(InputError):
    """The bytes are not a format Telusur reads (binary, unknown container)."""

    code = "unsupported-format"


class DocumentTooLargeError(InputError):
    """The document is over the configured size limit."""

    code = "too-large"


class TruncatedInputError(InputError):
    """A compressed or container file ends before its last record does."""

    code = "truncated"


class NoArticleError(DocumentError):
    """Cleaning found no article body in a document that was read fine."""

    code = "no-article"


class StoreError(TelusurError):
    """The database cannot be opened, migrated or written."""

    code = "store"


class SchemaVersionError(StoreError):
    """The database was written by a newer Telusur than this one."""


class SparkUnavailable(TelusurError):
    """The Spark path cannot start: pyspark is not installed (``pip install 'telusur[spark]'``) or no Java runtime is found."""

    code = "spark-unavailable"

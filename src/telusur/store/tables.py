"""Whole tables of what the corpus stages keep, read and written column for column (how a Spark output is loaded).

Another executor (``telusur.spark``) runs the corpus stages over a store of its own and
ships their tables; ``table_rows`` reads one out and ``replace_table`` writes it into
another store. Only the tables named in ``CORPUS_TABLES`` can be copied, so no name
from outside reaches the SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from telusur.store.base import StoreBase

# the tables the template pass and the corpus stages write, and what they keep between runs
CORPUS_TABLES: tuple[str, ...] = (
    "templates", "corpus_entities", "corpus_entity_members", "duplicate_members", "duplicate_pairs", "sibling_pairs",
    "fact_diffs", "story_members", "story_views", "body_signatures", "term_signatures", "sibling_checks", "story_profiles",
    "corpus_state",
)


def _checked(table: str) -> str:
    """Return ``table`` when it is one of ``CORPUS_TABLES``; raises ``ValueError`` otherwise."""
    if table not in CORPUS_TABLES:
        raise ValueError(f"not a corpus table: {table!r}; one of {', '.join(CORPUS_TABLES)}")
    return table


class TableStore(StoreBase):
    """Column-for-column access to the corpus tables (``CORPUS_TABLES``)."""

    def table_columns(self, table: str) -> list[tuple[str, str]]:
        """Return ``(name, declared type)`` of each column of a corpus table, in table order.

        Raises ``ValueError`` for a table not in ``CORPUS_TABLES``.
        """
        return [(str(c[1]), str(c[2]).upper()) for c in self.conn.execute(f"PRAGMA table_info({_checked(table)})")]

    def table_rows(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Yield every row of a corpus table, columns in table order. Raises ``ValueError`` for another table."""
        yield from self.conn.execute(f"SELECT * FROM {_checked(table)}")

    def replace_table(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Replace a corpus table's rows with ``rows`` (values in the order of ``columns``); return how many.

        Call inside ``transaction``. Raises ``ValueError`` for a table not in
        ``CORPUS_TABLES`` or a column the table lacks.
        """
        known = {name for name, _ in self.table_columns(table)}
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"{table} has no column {', '.join(map(repr, unknown))}")
        self.conn.execute(f"DELETE FROM {table}")
        if not columns:
            return 0
        names = ", ".join(f'"{c}"' for c in columns)
        values = list(rows)
        self.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", values)
        return len(values)

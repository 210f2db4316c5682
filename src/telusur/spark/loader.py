"""Parquet to SQLite: ``load(out, db)`` makes of a Spark output folder the database ``telusur analyze`` would write.

Needs pyarrow only (no Spark, no Java). The articles dataset is written through
``Store.write_articles`` (so debris, article entities, template lines and both search
indexes are made as in a local run), the failures through ``Store.put_failure``, and
the store tables the driver's corpus stages wrote (``tables/``) are copied column for
column; kept signatures and profiles are stamped with this load's run, so a later
``telusur analyze`` on the database takes them as current. The database must hold no
articles yet: the corpus tables describe the output's articles alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telusur.engine.pipeline import PIPELINE_VERSION
from telusur.errors import StoreError
from telusur.model import Failure
from telusur.spark.datasets import from_record
from telusur.store import ArticleRow, Store
from telusur.store.tables import CORPUS_TABLES
from telusur.store.writer import writer_lock

BATCH = 256


@dataclass(frozen=True)
class LoadSummary:
    """What a load wrote: articles, failures, and rows per copied table."""

    run_id: int
    articles: int
    failures: int
    tables: dict[str, int]


def _records(folder: Path, batch: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    """Yield the rows of a Parquet dataset folder as dicts, ``batch`` at a time (none when it is missing)."""
    import pyarrow.parquet as pq

    if not folder.exists():
        return
    for part in pq.read_table(str(folder)).to_batches(max_chunksize=batch):
        yield part.to_pylist()


def load(out: str | Path, db: str | Path, wait: float | None = None) -> LoadSummary:
    """Load the Spark output folder ``out`` into the SQLite database ``db`` (created when missing).

    Takes the folder ``telusur spark analyze`` wrote, the database path and how long to
    wait for another writer (None: until it ends). Returns the LoadSummary. Raises
    ``FileNotFoundError`` when ``out`` has no articles dataset, ``StoreError`` when the
    database already holds articles or cannot be written (``WriterBusyError`` when
    another run holds it after ``wait`` seconds).
    """
    out = Path(out)
    if not (out / "articles").is_dir():
        raise FileNotFoundError(f"{out}: no articles dataset (write one with telusur spark analyze)")
    with Store(db) as store, writer_lock(store.path, wait):
        if store.count():
            raise StoreError(f"{store.path}: holds {store.count()} article(s) already; load into a new database")
        run_id = store.begin_run([str(out)])
        articles = failures = 0
        for records in _records(out / "articles"):
            with store.transaction():
                store.write_articles([from_record(ArticleRow, r) for r in records], run_id, PIPELINE_VERSION)
            articles += len(records)
        with store.transaction():
            for records in _records(out / "failures"):
                for r in records:
                    store.put_failure(from_record(Failure, r), run_id)
                    failures += 1
        tables = {table: _copy(store, out / "tables" / table, table, run_id) for table in CORPUS_TABLES}
        store.finish_run(run_id, "done", {"read": articles + failures, "new": articles, "failed": failures})
    return LoadSummary(run_id, articles, failures, tables)


def _copy(store: Store, folder: Path, table: str, run_id: int) -> int:
    """Copy one exported table into the store; returns its rows.

    ``updated_run`` columns take this run; of ``corpus_state`` only the corpus version
    is copied (the templates are applied through this run; a stage that failed in Spark
    leaves the stages pending, so the next local run retries them).
    """
    columns = [name for name, _ in store.table_columns(table)]
    with store.transaction():
        rows = (tuple(run_id if c == "updated_run" else r[c] for c in columns)
                for records in _records(folder) for r in records
                if table != "corpus_state" or r["name"] == "corpus_version")
        n = store.replace_table(table, columns, rows)
        if table == "corpus_state":
            store.set_templates_through(run_id)
            if not n:
                store.mark_corpus_pending()
    return n

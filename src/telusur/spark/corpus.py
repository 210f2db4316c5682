"""The corpus stages on the driver: a temporary SQLite store holding the Spark-made rows, run through ``CORPUS_STAGES``.

NOT YET DISTRIBUTED: corpus entities, siblings and diffs, and stories run here, in the
driver process, by the very functions the local executor runs (``engine.corpus_stages``),
over a store loaded with the final article rows; near-duplicates come from Spark
(``spark.duplicates``) and are written into the same store in their stage's place, so the
stages after them read them as in a local run. The stores' tables are then exported
column for column (``export_table``) for ``load``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from telusur.engine.corpus_stages import CORPUS_STAGES, StageContext
from telusur.engine.local import CORPUS_VERSION
from telusur.engine.pipeline import internal_failure
from telusur.model import Cluster, Failure
from telusur.store import Store

_SQL_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64", "BLOB": "binary"}


def run_stages(store: Store, clusters: list[Cluster], signatures: Iterable[tuple[str, bytes]],
               failed: Callable[[Failure], None]) -> dict[str, int]:
    """Run the corpus stages over ``store`` as a first local run does; return the figures they set.

    Takes the store (holding the final article rows), the near-duplicate clusters and body
    signatures Spark made (written in the near-duplicates stage's place), and a function
    told of each failure (a stage's exception, or one story's). A stage that raises is a
    failure and the next still runs, as in ``engine.local``; the corpus version is recorded
    only when none did. Returns ``{"entities": n, "duplicates": n, ...}``.
    """
    figures: dict[str, int] = {}
    stage_failed = False
    context = StageContext(full=True, on_error=lambda group, exc: failed(internal_failure(group, "", "stories", exc)))
    for stage in CORPUS_STAGES:
        try:
            if stage.name == "near_duplicates":
                with store.transaction():
                    store.put_body_signatures(signatures)
                    store.replace_near_duplicates(clusters)
                figures["duplicates"] = len(clusters)
            else:
                figures.update(stage.run(store, context))
        except Exception as exc:  # noqa: BLE001 - a bug in one stage must not cost the others, as in a local run
            stage_failed = True
            failed(internal_failure("corpus", "", stage.name, exc))
    if not stage_failed:
        store.set_corpus_version(CORPUS_VERSION)
    return figures


def export_table(store: Store, table: str, folder: Path) -> int:
    """Write a corpus table of ``store`` (``store.tables.CORPUS_TABLES``), column for column, as one Parquet file in ``folder`` (replaced).

    Returns its rows. Written by pyarrow from the driver, which holds the table already: a
    Spark job per small table would cost more than the table. Raises ``ValueError`` for
    a table that is not a corpus table.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = store.table_columns(table)
    schema = pa.schema([(name, pa.type_for_alias(_SQL_TYPES.get(kind, "string"))) for name, kind in columns])
    rows = list(store.table_rows(table))
    data = pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema=schema)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pq.write_table(data, folder / "part-00000.parquet")
    return len(rows)

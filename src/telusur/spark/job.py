"""The Spark driver: ``analyze(inputs, out)`` reads, analyses and writes the Parquet datasets of a corpus.

Per article, the executors run ``engine.pipeline.process_to_row`` (the local workers'
function); ids are settled on the driver (``spark.identity``); the template pass is
aggregated in Spark (``spark.templates``); near-duplicates are MinHash LSH in Spark
(``spark.duplicates``). Corpus entities, siblings and diffs, and stories are NOT YET
DISTRIBUTED: they run on the driver over a temporary SQLite store (``spark.corpus``), into
which the final rows are streamed a partition at a time (``toLocalIterator``).

The output folder holds the datasets of ``spark.datasets`` (each a Parquet folder), the
store tables for ``load`` (``tables/``), and what reruns need: ``_rows/run=N`` and
``_failures/run=N`` (the rows and failures of the files each run read) and
``_manifest.json`` (``spark.manifest``). A rerun reads only input files that are new or
changed, and rebuilds every dataset from the rows of all finished files.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from telusur.corpus.minhash import LSHParams
from telusur.corpus.templates import DEFAULT_LONG_SHARE, DEFAULT_MIN_ARTICLES
from telusur.engine.identity import Held
from telusur.engine.pipeline import PIPELINE_VERSION, process_to_row
from telusur.ingest import DEFAULT_MAX_BYTES
from telusur.model import Document, Failure, INTERNAL
from telusur.spark import corpus, datasets, duplicates, identity, inputs, templates
from telusur.spark.manifest import load_manifest, save_manifest
from telusur.spark.session import get_session
from telusur.store import ArticleRow, Store
from telusur.store.tables import CORPUS_TABLES

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

BATCH = 256
ROWS, FAILURES = "_rows", "_failures"


@dataclass
class SparkSummary:
    """What one Spark run did: files read and skipped, documents, the corpus figures, failures by stable code."""

    run: int
    out: str
    files: int = 0
    skipped_files: int = 0
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    internal: int = 0
    templated: int = 0
    articles: int = 0
    entities: int = 0
    duplicates: int = 0
    siblings: int = 0
    distortions: int = 0
    stories: int = 0
    seconds: float = 0.0
    failures_by_code: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)


def analyze(
    paths: Iterable[str | Path],
    out: str | Path,
    master: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_template_articles: int = DEFAULT_MIN_ARTICLES,
    long_share: float = DEFAULT_LONG_SHARE,
    csv_text_column: str | None = None,
    params: LSHParams = LSHParams(),
    spark: "SparkSession | None" = None,
) -> SparkSummary:
    """Analyse the files under ``paths`` with Spark and write the Parquet datasets into the folder ``out``.

    Takes local paths or Hadoop URIs of files and folders (WARC, JSONL, JSON, CSV/TSV,
    text, HTML, Parquet), the output folder (local), the Spark master (default
    ``local[2]``; ignored when a session is running or given as ``spark``), the
    per-document size limit, the template thresholds, the CSV body column and the
    near-duplicate parameters. Returns the SparkSummary. Raises ``SparkUnavailable``
    without pyspark or Java, ``ValueError`` for a bad threshold, size limit or manifest.
    A missing or unreadable input is a failure row; the run goes on.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    started = time.perf_counter()
    spark = spark or get_session(master)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(out, PIPELINE_VERSION)
    run = manifest.runs + 1
    summary = SparkSummary(run=run, out=str(out))
    laps = _Laps(summary.stage_seconds)
    files, missing = inputs.list_inputs(spark, [str(p) for p in paths])
    todo = [(i, f) for i, f in enumerate(files) if not manifest.done(f)]
    summary.files, summary.skipped_files = len(todo), len(files) - len(todo)
    redone = {f.path for _, f in todo}
    current = {path: entry.run for path, entry in manifest.files.items() if path not in redone}
    earlier = _earlier_rows(spark, out, current)
    earlier_failures = _earlier_failures(spark, out, current)

    items = inputs.read_all(spark, todo, max_bytes, csv_text_column).persist()
    metas = items.filter(lambda kv: isinstance(kv[1], Document)).map(lambda kv: identity.meta_of(kv[0], kv[1])).collect()
    known = earlier.map(lambda t: (t[1].id, t[1].source, t[1].content_hash)).collect()
    decisions, unchanged = identity.decide(metas, {i: Held(s, h) for i, s, h in known}, {i: h for i, _, h in known})
    chosen = spark.sparkContext.broadcast(decisions)
    results = (items.map(lambda kv: (kv[0], _analysed(kv[1], chosen.value.get(kv[0]))))
               .filter(lambda kv: kv[1] is not None).persist())
    paths_of = spark.sparkContext.broadcast({i: f.path for i, f in todo})
    new_rows = results.filter(lambda kv: isinstance(kv[1], ArticleRow))
    new_failures = results.filter(lambda kv: isinstance(kv[1], Failure))
    _stage(spark, out / ROWS / f"run={run}", new_rows.map(lambda kv: datasets.to_row(kv[1], input=paths_of.value[kv[0][0]])),
           datasets.spark_schema(ArticleRow, {"input": str}))
    _stage(spark, out / FAILURES / f"run={run}",
           new_failures.map(lambda kv: datasets.to_row(kv[1], input=paths_of.value.get(kv[0][0], ""))),
           datasets.spark_schema(Failure, {"input": str}))
    summary.read = items.count() + len(missing)
    summary.unchanged = unchanged
    laps.lap("articles")

    earlier_ids = {i for i, _, _ in known}
    # an id read again replaces its earlier row: the row of the latest run wins
    rows = (earlier.union(new_rows.map(lambda kv: (run, kv[1]))).map(lambda t: (t[1].id, t))
            .reduceByKey(lambda a, b: a if a[0] > b[0] else b).map(lambda kv: kv[1][1]).persist())
    fresh = new_rows.map(lambda kv: kv[1].id).collect()
    summary.updated = sum(i in earlier_ids for i in fresh)
    summary.new = len(fresh) - summary.updated

    learned = templates.learn(spark, rows, min_template_articles, long_share)
    stripped = templates.strip(rows, learned).persist()
    template_failures = stripped.filter(lambda r: isinstance(r, Failure)).collect()
    restripped = stripped.filter(lambda r: isinstance(r, ArticleRow)).map(lambda r: (r.id, r))
    summary.templated = restripped.count()
    final = (rows.map(lambda r: (r.id, r)).leftOuterJoin(restripped)
             .map(lambda kv: _as_first_cleaned(kv[1][0], kv[1][1])).persist())
    laps.lap("templates")

    signatures = final.map(lambda r: (r.id, r.body)).mapPartitions(lambda part: duplicates.sign(part, params)).persist()
    clusters = duplicates.near_duplicates(signatures, params)
    laps.lap("near_duplicates")

    failures: list[Failure] = [*missing, *template_failures]
    failures += [kv[1] for kv in new_failures.collect()]
    failures += earlier_failures
    with tempfile.TemporaryDirectory(prefix="telusur-spark-store-") as tmp, Store(Path(tmp) / "stage.db") as store:
        run_id = store.begin_run([str(p) for p in paths])
        # partition by partition: the driver holds one partition's rows at a time, not the corpus
        for batch in _batches(final.toLocalIterator(), BATCH):
            with store.transaction():
                store.write_articles(batch, run_id, PIPELINE_VERSION)
        with store.transaction():
            for outlet in learned.outlets():
                store.record_templates(outlet, learned.keys[outlet])
            store.set_templates_through(run_id)
        figures = corpus.run_stages(store, clusters, signatures.toLocalIterator(), failures.append)
        for name, value in figures.items():
            setattr(summary, name, value)
        laps.lap("corpus")
        summary.articles = store.count()
        _write_corpus(spark, out, store, clusters)
    _write_articles(spark, out, final)
    _write(spark, out / "failures", [datasets.to_row(f) for f in failures], datasets.spark_schema(Failure))
    laps.lap("write")

    for _, f in todo:
        manifest.mark(f, run)
    manifest.runs = run
    save_manifest(out, manifest)
    for cached in (items, results, rows, stripped, final, signatures):
        cached.unpersist()
    summary.failed = len(failures)
    summary.internal = sum(f.code == INTERNAL for f in failures)
    summary.failures_by_code = dict(sorted(Counter(f.code for f in failures).items()))
    summary.seconds = time.perf_counter() - started
    return summary


def _analysed(item: Document | Failure, decision: identity.Decision | None) -> ArticleRow | Failure | None:
    """What becomes of one item read (runs on an executor): its row, its Failure, or None when skipped."""
    if isinstance(item, Failure):
        return item
    settled = identity.apply(item, decision)
    if settled is None or isinstance(settled, Failure):
        return settled
    return process_to_row(settled)


def _as_first_cleaned(row: ArticleRow, stripped: ArticleRow | None) -> ArticleRow:
    """The final row of an article: the template pass's, with the line keys of its first cleaning (what the store counts)."""
    if stripped is None:
        return row
    return replace(stripped, line_keys=row.line_keys, lead_key=row.lead_key, outlet_key=row.outlet_key)


def _earlier_rows(spark: "SparkSession", out: Path, current: dict[str, int]) -> "RDD[tuple[int, ArticleRow]]":
    """The ``(run, row)`` of earlier runs still current: of files not read again, from the run that last read each."""
    folder = out / ROWS
    if not current or not folder.is_dir():
        return spark.sparkContext.emptyRDD()
    keep = spark.sparkContext.broadcast(current)
    return (spark.read.parquet(str(folder)).rdd
            .filter(lambda r: keep.value.get(r["input"]) == r["run"])
            .map(lambda r: (int(r["run"]), datasets.from_record(ArticleRow, r))))


def _earlier_failures(spark: "SparkSession", out: Path, current: dict[str, int]) -> list[Failure]:
    folder = out / FAILURES
    if not current or not folder.is_dir():
        return []
    rows = spark.read.parquet(str(folder)).collect()
    return [datasets.from_record(Failure, r) for r in rows if current.get(r["input"]) == r["run"]]


def _stage(spark: "SparkSession", path: Path, rdd: "RDD[Any]", schema: Any) -> None:
    spark.createDataFrame(rdd, schema).write.mode("overwrite").parquet(str(path))


def _write(spark: "SparkSession", path: Path, rows: list[Any], schema: Any) -> None:
    spark.createDataFrame(rows, schema).coalesce(1).write.mode("overwrite").parquet(str(path))


def _write_articles(spark: "SparkSession", out: Path, final: "RDD[ArticleRow]") -> None:
    """Write the articles dataset and the per-article ones (entities, quotes, quantities, events, times)."""
    spark.createDataFrame(final.map(datasets.to_row), datasets.spark_schema(ArticleRow)).write.mode("overwrite").parquet(
        str(out / "articles"))
    items = final.flatMap(datasets.article_items).persist()
    for name in datasets.PER_ARTICLE:
        part = items.filter(lambda kv, name=name: kv[0] == name).map(lambda kv: kv[1])
        spark.createDataFrame(part, datasets.per_article_schema(name)).write.mode("overwrite").parquet(str(out / name))
    items.unpersist()


def _write_corpus(spark: "SparkSession", out: Path, store: Store, clusters: list[Any]) -> None:
    """Write the corpus datasets and the store tables ``load`` copies, from the driver's store."""
    from telusur.model import CorpusEntity, Cluster, FactDiff, SiblingPair

    _write(spark, out / "corpus_entities", [datasets.to_row(e) for e in store.corpus_entities(1)],
           datasets.spark_schema(CorpusEntity))
    _write(spark, out / "duplicates", [datasets.to_row(c) for c in clusters], datasets.spark_schema(Cluster))
    _write(spark, out / "siblings", [datasets.to_row(p) for p in store.sibling_pairs()], datasets.spark_schema(SiblingPair))
    _write(spark, out / "diffs", [datasets.to_row(d) for d in store.fact_diffs()], datasets.spark_schema(FactDiff))
    _write(spark, out / "stories", [datasets.to_row(s) for s in _stories(store)], datasets.spark_schema(datasets.StoryRow))
    for table in CORPUS_TABLES:
        corpus.export_table(store, table, out / "tables" / table)


def _stories(store: Store) -> list[datasets.StoryRow]:
    members: dict[str, list[str]] = {}
    for article_id, story_id in sorted(store.story_members().items()):
        members.setdefault(story_id, []).append(article_id)
    views: dict[str, dict[str, str]] = {}
    for story_id, kind, data in sorted(store.table_rows("story_views")):
        views.setdefault(story_id, {})[kind] = data
    return [datasets.StoryRow(s, tuple(m), views.get(s, {})) for s, m in sorted(members.items())]


def _batches(items: Iterable[ArticleRow], size: int) -> Iterable[list[ArticleRow]]:
    batch: list[ArticleRow] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Laps:
    """Writes the seconds since the previous lap into ``laps`` under each lap's name."""

    def __init__(self, laps: dict[str, float]) -> None:
        self.laps, self.last = laps, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self.last
        self.last = now


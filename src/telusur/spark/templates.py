"""The template pass in Spark: line counts aggregated as ``Store.template_line_counts`` counts them, then ``restrip``.

The store keeps one ``template_lines`` row per (outlet, line key, lead key, article) of
every article with an outlet key (the first of an article's repeated keys wins, as
``INSERT OR IGNORE`` keeps it); a line's count is the number of distinct lead keys of its
outlet holding it, ``long`` the maximum over its rows, and an outlet's size the number
of its distinct lead keys. The same is done here over the article rows, the template set
is learned on the driver by ``corpus.templates.learn_templates``, broadcast, and the
articles holding one of their outlet's template lines go through
``engine.corpus_stages.restrip`` on the executors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from telusur.corpus.templates import learn_templates
from telusur.engine.corpus_stages import restrip
from telusur.model import Failure, LineCount, TemplateSet
from telusur.store.rows import ArticleRow

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession


def line_rows(row: ArticleRow) -> Iterator[tuple[str, str, str, bool]]:
    """Yield ``(outlet, line key, lead key, long)``: the ``template_lines`` rows the store writes for ``row``."""
    if not row.outlet_key:
        return
    seen: set[str] = set()
    for key, long in row.line_keys:
        if key not in seen:
            seen.add(key)
            yield row.outlet_key, key, row.lead_key, bool(long)


def learn(spark: "SparkSession", rows: "RDD[ArticleRow]", min_articles: int, long_share: float) -> TemplateSet:
    """Return the template set of the article rows (``learn_templates`` over counts made in Spark).

    Raises ``ValueError`` for thresholds out of range (from ``learn_templates``).
    """
    from pyspark.sql import functions as F

    lines = spark.createDataFrame(rows.flatMap(line_rows), "outlet string, line_key string, lead_key string, long boolean")
    sizes = {r["outlet"]: int(r["n"]) for r in
             lines.groupBy("outlet").agg(F.countDistinct("lead_key").alias("n")).collect()}
    counted = (lines.groupBy("outlet", "line_key")
               .agg(F.countDistinct("lead_key").alias("n"), F.max(F.col("long").cast("int")).alias("long"))
               .where(F.col("n") >= min_articles).collect())
    counts = [LineCount(r["outlet"], r["line_key"], int(r["n"]), bool(r["long"])) for r in counted]
    return learn_templates(counts, sizes, min_articles, long_share)


def strip(rows: "RDD[ArticleRow]", learned: TemplateSet) -> "RDD[ArticleRow | Failure]":
    """Return the new rows (or Failures) of the articles holding a template line of their outlet; unchanged ones left out."""
    keys = rows.context.broadcast(dict(learned.keys))

    def holds(row: ArticleRow) -> bool:
        outlet_keys: frozenset[str] = keys.value.get(row.outlet_key, frozenset()) if row.outlet_key else frozenset()
        return any(k in outlet_keys for k, _ in row.line_keys)

    def restripped(row: ArticleRow) -> ArticleRow | Failure | None:
        return restrip((row.record, row.raw, row.body, keys.value[row.outlet_key or ""]))

    return rows.filter(holds).map(restripped).filter(lambda r: r is not None)  # type: ignore[return-value]

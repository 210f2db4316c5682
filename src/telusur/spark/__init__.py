"""Telusur on Apache Spark: ``telusur spark analyze`` and ``telusur.spark.analyze``.

The per-article pipeline runs as a Spark map, the template pass and near-duplicates as
Spark aggregations; the corpus entities, siblings and diffs, and stories run on the
driver (see ``job``). Nothing here imports pyspark at import time: ``session`` does when
a session is asked for, and says clearly (``SparkUnavailable``) when it cannot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telusur.spark.job import SparkSummary, analyze
    from telusur.spark.loader import load

__all__ = ["SparkSummary", "analyze", "load"]


def __getattr__(name: str) -> Any:
    """Import ``analyze``, ``SparkSummary`` and ``load`` when first used (pyspark stays unimported until then)."""
    if name in ("analyze", "SparkSummary"):
        from telusur.spark import job

        return getattr(job, name)
    if name == "load":
        from telusur.spark.loader import load

        return load
    raise AttributeError(name)

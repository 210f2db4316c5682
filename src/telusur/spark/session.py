"""The Spark session Telusur runs in: local mode by default, small shuffles, quiet logs, UTC.

pyspark is imported here, when a session is first asked for, so that the rest of Telusur
(and ``telusur.cli``) works without the ``spark`` extra.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from typing import TYPE_CHECKING

from telusur.errors import SparkUnavailable

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"
SHUFFLE_PARTITIONS = 4


def require_spark() -> None:
    """Check that pyspark imports and a Java runtime is found; returns None.

    Raises ``SparkUnavailable`` saying what is missing and how to get it.
    """
    try:
        found = importlib.util.find_spec("pyspark") is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules raises ValueError
        found = False
    if not found:
        raise SparkUnavailable("pyspark is not installed: pip install 'telusur[spark]' (pyspark>=3.5,<4)")
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        raise SparkUnavailable("no Java runtime found (Spark needs Java 17): install one, e.g. Debian's"
                               " openjdk-17-jre-headless, or set JAVA_HOME")


def get_session(master: str | None = None, app_name: str = "telusur") -> "SparkSession":
    """Return the active SparkSession, or build one on ``master`` (default ``local[2]``).

    A session already running (under spark-submit, or a test's) is returned as it is.
    A new one gets few shuffle partitions, no web UI, WARN logs, the UTC time zone, and
    this Python for its workers. Raises ``SparkUnavailable`` when pyspark or Java is
    missing or the JVM does not start.
    """
    require_spark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.appName(app_name)
               .config("spark.sql.shuffle.partitions", str(SHUFFLE_PARTITIONS))
               .config("spark.default.parallelism", str(SHUFFLE_PARTITIONS))
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
               .config("spark.executor.extraJavaOptions", "-Duser.timezone=UTC"))
    if master or not os.environ.get("PYSPARK_GATEWAY_PORT"):  # under spark-submit, its --master stands
        builder = builder.master(master or DEFAULT_MASTER)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - the JVM's failure to start arrives as a py4j or runtime error
        raise SparkUnavailable(f"cannot start Spark on {master or DEFAULT_MASTER}: {exc}") from exc
    session.sparkContext.setLogLevel("WARN")
    return session

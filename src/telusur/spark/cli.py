"""``telusur spark analyze`` and ``telusur spark load``: the Spark path on the command line.

pyspark is imported only inside ``analyze`` (through ``spark.session``), so ``telusur``
works without the ``spark`` extra; without pyspark or Java the command says what is
missing and exits 6 (cannot run: the engine it needs is not there).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from telusur.errors import SparkUnavailable
from telusur.ingest import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_INTERNAL, EXIT_NOT_FOUND, EXIT_UNAVAILABLE = 0, 1, 2, 4, 5, 6


@click.group("spark")
def spark_group() -> None:
    """Analyse a corpus on Apache Spark into Parquet datasets, and load them into a database (needs telusur[spark] and Java 17)."""


@spark_group.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Output folder for the Parquet datasets (a rerun into it skips finished input files).")
@click.option("--master", default=None, help="Spark master URL [default: local[2]; spark-submit's own when run under it].")
@click.option("--max-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 1024 / 1024, show_default=True,
              help="Size limit per document, in MiB.")
@click.option("--csv-text-column", metavar="NAME", help="The article text's column in CSV/TSV files (default: told from the header).")
def analyze_cmd(inputs: tuple[str, ...], out: Path, master: str | None, max_mb: float, csv_text_column: str | None) -> None:
    """Analyse INPUTS (files, folders or Hadoop URIs: WARC, JSONL, JSON, CSV/TSV, text, HTML, Parquet) into --out."""
    from telusur.spark.job import analyze

    try:
        s = analyze(inputs, out, master, max_bytes=int(max_mb * 1024 * 1024), csv_text_column=csv_text_column)
    except SparkUnavailable as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNAVAILABLE)
    except ValueError as exc:  # --out holds a file that is not a Telusur manifest, or a setting out of range
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"run {s.run}: {s.files} file(s) read, {s.skipped_files} skipped as finished; read {s.read}, "
               f"{s.new} new, {s.updated} updated, unchanged {s.unchanged}, failed {s.failed}, template lines stripped "
               f"from {s.templated}; {s.articles} articles, {s.duplicates} near-duplicate cluster(s), {s.siblings} sibling "
               f"pair(s), {s.distortions} distortion(s), {s.stories} stories in {s.seconds:.1f}s -> {out}", err=True)
    for code, n in s.failures_by_code.items():
        click.echo(f"  failed [{code}]: {n}", err=True)
    click.echo(f"load it: telusur spark load {out} --db telusur.db", err=True)
    sys.exit(EXIT_INTERNAL if s.internal else EXIT_PARTIAL if s.failed else EXIT_OK)


@spark_group.command("load")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option("--db", default="telusur.db", envvar="TELUSUR_DB", type=click.Path(path_type=Path, dir_okay=False),
              help="SQLite database to create [env TELUSUR_DB; default telusur.db].")
@click.option("--wait", type=click.FloatRange(min=0), default=None,
              help="Seconds to wait while another run writes the database (default: until it ends).")
def load_cmd(out: Path, db: Path, wait: float | None) -> None:
    """Load the Parquet datasets in OUT (written by 'telusur spark analyze') into a new database."""
    from telusur.spark.loader import load

    try:
        s = load(out, db, wait)
    except FileNotFoundError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_NOT_FOUND)
    click.echo(f"loaded {s.articles} article(s) and {s.failures} failure(s) into {db} (run {s.run_id}): "
               + ", ".join(f"{t} {n}" for t, n in s.tables.items() if n), err=True)

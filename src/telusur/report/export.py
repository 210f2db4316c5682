"""Export stored articles as JSON, JSON Lines, CSV or Parquet, streaming.

JSON and JSONL carry the full article record (the contract documented in the README);
CSV and Parquet carry one flat row per article, for spreadsheets and dataframes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from telusur.version import __version__
from telusur.model import Article

SCHEMA = "telusur.article/1"
FORMATS = ("json", "jsonl", "csv", "parquet")
FLAT_COLUMNS = [
    "id", "source", "format", "url", "title", "outlet_name", "outlet_domain", "published",
    "published_source", "published_confidence", "language", "authors", "editors", "wire_agencies",
    "cited_outlets", "dateline", "signoff", "body_chars", "removed_count", "warnings", "body",
]


def flat_row(article: Article) -> dict[str, Any]:
    """Return one flat row for an article (lists joined with "; ")."""
    outlet = article.outlet.value if article.outlet else {}

    def names(fields: list) -> str:
        return "; ".join(str(f.value) for f in fields)

    return {
        "id": article.id,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "title": article.title.value if article.title else None,
        "outlet_name": outlet.get("name"),
        "outlet_domain": outlet.get("domain"),
        "published": article.published.value if article.published else None,
        "published_source": article.published.source if article.published else None,
        "published_confidence": article.published.confidence if article.published else None,
        "language": article.language.value if article.language else None,
        "authors": names(article.authors),
        "editors": names(article.editors),
        "wire_agencies": names(article.wire_agencies),
        "cited_outlets": names(article.cited_outlets),
        "dateline": article.dateline.value if article.dateline else None,
        "signoff": article.signoff.value if article.signoff else None,
        "body_chars": len(article.body),
        "removed_count": len(article.removed),
        "warnings": "; ".join(article.warnings),
        "body": article.body,
    }


def export(articles: Iterable[Article], fmt: str, out: str | Path) -> int:
    """Write ``articles`` to ``out`` in format ``fmt``; returns how many were written.

    Raises ``ValueError`` for an unknown format; ``OSError`` when ``out`` cannot be written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = {"json": _json, "jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[fmt]
    return writer(iter(articles), out)


def _json(articles: Iterator[Article], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        fh.write(f'{{"schema": "{SCHEMA}", "telusur_version": "{__version__}", "articles": [\n')
        for n, article in enumerate(articles, start=1):
            if n > 1:
                fh.write(",\n")
            fh.write(json.dumps(article.to_dict(), ensure_ascii=False))
        fh.write("\n]}\n")
    return n


def _jsonl(articles: Iterator[Article], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for n, article in enumerate(articles, start=1):
            fh.write(json.dumps({"schema": SCHEMA, **article.to_dict()}, ensure_ascii=False) + "\n")
    return n


def _csv(articles: Iterator[Article], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for n, article in enumerate(articles, start=1):
            writer.writerow(flat_row(article))
    return n


def _parquet(articles: Iterator[Article], out: Path, rows_per_group: int = 2000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(c, pa.int64() if c in ("body_chars", "removed_count") else pa.float64() if c == "published_confidence" else pa.string()) for c in FLAT_COLUMNS]
    )
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        buffer: list[dict[str, Any]] = []
        for article in articles:
            buffer.append(flat_row(article))
            n += 1
            if len(buffer) >= rows_per_group:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                buffer.clear()
        if buffer or n == 0:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
    return n


def export_debris(pieces: Iterable[tuple[str, int, int, str, str]], out: str | Path) -> int:
    """Write the debris audit (one CSV row per removed piece) to ``out``; returns the count.

    Takes ``(article_id, start, end, reason, text)`` tuples, as ``Store.removed_pieces``
    yields them. Raises ``OSError`` when ``out`` cannot be written.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["article_id", "start", "end", "reason", "text"])
        for n, piece in enumerate(pieces, start=1):
            writer.writerow(piece)
    return n

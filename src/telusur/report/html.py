"""The single-file HTML report: summary, debris audit and every article with its evidence.

Rendered with Jinja2 autoescaping on: article text is untrusted and is never marked safe.
Articles are streamed into the page, so memory stays flat; past ``limit`` articles the
report lists only a count (the JSON export holds them all).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from telusur.version import __version__
from telusur.model import Article, Failure

DEFAULT_LIMIT = 500


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("telusur.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = lambda body: body.split("\n\n")
    return env


def write_report(
    articles: Iterable[Article],
    total: int,
    stats: dict[str, Any],
    failures: list[Failure],
    out: str | Path,
    limit: int = DEFAULT_LIMIT,
) -> Path:
    """Render the report to ``out`` and return its path.

    Takes the articles to show (iterated once), the total stored, summary figures
    (``outlets``, ``languages``, ``reasons``: name -> count), the last run's failures,
    the output path and the most articles to render in full. Raises ``OSError`` when
    the file cannot be written.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shown: Iterator[Article] = islice(iter(articles), limit)
    template = _env().get_template("report.html.j2")
    with out.open("w", encoding="utf-8") as fh:
        template.stream(
            articles=shown, total=total, limit=limit, stats=stats, failures=failures, version=__version__
        ).dump(fh)
    return out

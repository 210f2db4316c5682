"""The single-file HTML report, and the Jinja environment the web pages share with it.

Rendered with Jinja2 autoescaping on: article text is untrusted and is never marked safe
(only Telusur's own CSS and scripts are). The report inlines its stylesheet, its script
and Plotly's bundled JS (from the installed ``plotly`` package), so it opens offline and
can be mailed as one file. Articles are streamed into the page, so memory stays flat;
past ``limit`` articles the report lists only a count (the JSON export holds them all).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files
from itertools import islice
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from telusur.report.i18n import DEFAULT_LOCALE, LOCALES, translations
from telusur.version import __version__
from telusur.model import Article, Failure
from telusur.store.search import HIT_CLOSE, HIT_OPEN

DEFAULT_LIMIT = 500


def dom_id(key: str) -> str:
    """Return a stable HTML id for an article, story or other id (which may hold any character)."""
    return "x" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def plotly_js_path() -> Path:
    """Return the path of the Plotly bundle that the ``plotly`` package ships (no network, no CDN)."""
    return Path(str(files("plotly") / "package_data" / "plotly.min.js"))


def asset_path(name: str) -> Path:
    """Return the path of one of Telusur's own assets (``telusur.css``, ``telusur.js``)."""
    return Path(str(files("telusur.report") / "assets" / name))


@lru_cache(maxsize=1)
def inline_assets() -> dict[str, str]:
    """Return the stylesheet and scripts a single-file page inlines (``</script`` defused in scripts)."""
    def script(path: Path) -> str:
        return re.sub(r"</(script)", r"<\\/\1", path.read_text(encoding="utf-8"), flags=re.I)
    return {"css": asset_path("telusur.css").read_text(encoding="utf-8"),
            "js": script(asset_path("telusur.js")), "plotly": script(plotly_js_path())}


def marked(snippet: str) -> Markup:
    """Return a search snippet escaped, with its hits (between HIT_OPEN and HIT_CLOSE) in ``<mark>``."""
    return Markup(str(escape(snippet)).replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>"))


@pass_context
def number(context: Context, value: float) -> str:
    """Format a figure in the page's ``locale`` (Indonesian: "1.500", "31,54"; English: "1,500", "31.54")."""
    return format_decimal(value, locale=context.get("locale") or DEFAULT_LOCALE)


@lru_cache(maxsize=len(LOCALES))
def environment(locale: str = DEFAULT_LOCALE) -> Environment:
    """Return the Jinja environment of the report and the web pages in ``locale`` (autoescaping on).

    UI text goes through ``report.i18n``'s catalogue; figures are formatted for the same
    locale. Raises ``ValueError`` for a locale Telusur does not ship.
    """
    env = Environment(
        loader=PackageLoader("telusur.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.globals["locale"] = locale
    env.globals["locales"] = LOCALES
    env.filters["paragraphs"] = lambda body: body.split("\n\n")
    env.globals["dom_id"] = dom_id
    env.filters["marked"] = marked
    env.filters["num"] = number
    return env


def write_report(
    articles: Iterable[Article],
    total: int,
    stats: dict[str, Any],
    failures: list[Failure],
    out: str | Path,
    limit: int = DEFAULT_LIMIT,
    stories: list[dict[str, Any]] | None = None,
    locale: str = DEFAULT_LOCALE,
) -> Path:
    """Render the report to ``out`` and return its path.

    Takes the articles to show (iterated once), the total stored, summary figures
    (``outlets``, ``languages``, ``reasons``: name -> count), the last run's failures,
    the output path, the most articles to render in full and the story views
    (``telusur.web.views.story_view``) to show with their charts, and the UI language
    (``report.i18n.LOCALES``). Raises ``OSError`` when the file cannot be written and
    ``ValueError`` for an unknown locale.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shown: Iterator[Article] = islice(iter(articles), limit)
    template = environment(locale).get_template("report.html.j2")
    with out.open("w", encoding="utf-8") as fh:
        template.stream(
            articles=shown, total=total, limit=limit, stats=stats, failures=failures, version=__version__,
            stories=stories or [], inline=True, assets=inline_assets(), figures_used=bool(stories),
        ).dump(fh)
    return out

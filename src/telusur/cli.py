"""Command line: a thin layer over the Python API.

Data goes to stdout, everything else (progress, status lines, warnings) to stderr; ``-``
is stdin for ``analyze`` and stdout for every ``--out``. ``--db`` defaults to
``$TELUSUR_DB``, then ``telusur.db``. Exit codes (``EXIT_*`` below; the README lists them):
0 done; 1 finished, but some documents failed; 2 usage error; 3 database error; 4
internal error (a Telusur bug: a crash, or work recorded as failed with code "internal");
5 not found (an input path, article or story named on the command line); 6 cannot serve
(the address is taken or not ours); 130 interrupted (finished batches are kept); 141 the
reader of stdout went away (``| head``).
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import shutil
import socket
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from telusur.api import DEFAULT_DB, Analysis, analyze, open_store, upgrade_store
from telusur.errors import StoreError
from telusur.ingest import DEFAULT_MAX_BYTES
from telusur.model import Article
from telusur.report.export import FORMATS
from telusur.report.i18n import DEFAULT_LOCALE, LOCALES
from telusur.spark.cli import spark_group
from telusur.terminal import Column, setup_logging, table
from telusur.version import __version__

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_NOT_FOUND, EXIT_CANNOT_SERVE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 5, 6, 130, 141
DB_ENV = "TELUSUR_DB"
DEFAULT_LIMIT = 50  # rows of a table; --json prints every row unless --limit is given
SUMMARY_ROWS = 40
MAX_SERVE_WORKERS = 4  # server processes by default; each holds its own caches and connections
STDIO = "-"
log = logging.getLogger("telusur.cli")
F = TypeVar("F", bound=Callable[..., Any])


class _Main(click.Group):
    """The command group, turning errors that escape a command into a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; map StoreError, Ctrl-C, a closed pipe and any crash to their exit codes."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except StoreError as exc:
            _fail(f"error: {exc}", EXIT_STORE)
        except KeyboardInterrupt:
            _fail("interrupted: finished batches are stored; run the same command again to resume", EXIT_INTERRUPTED)
        except BrokenPipeError:
            # the reader left (`| head`): say nothing more, and keep Python from failing to flush at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # noqa: BLE001 - a crash is reported as one, not as "some documents failed"
            if logging.getLogger("telusur").isEnabledFor(logging.INFO):
                traceback.print_exc()
            _fail(f"internal error (a Telusur bug, please report it): {type(exc).__name__}: {exc}"
                  + ("" if logging.getLogger("telusur").isEnabledFor(logging.INFO) else "; run with -v for the traceback"),
                  EXIT_INTERNAL)


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _verbosity(f: F) -> F:
    """Add -v/--verbose (repeatable) and -q/--quiet; both steer the ``telusur`` logger (stderr)."""
    def count(key: str) -> Callable[[click.Context, click.Parameter, Any], None]:
        def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
            ctx.meta[key] = ctx.meta.get(key, 0) + int(value or 0)
            setup_logging(ctx.meta.get("telusur.verbose", 0) - ctx.meta.get("telusur.quiet", 0))
        return callback

    f = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=count("telusur.quiet"),
                     help="Errors only (analyze: failures and totals only).")(f)
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=count("telusur.verbose"),
                        help="Say more: -v stages and timings, -vv debugging.")(f)


def _quiet() -> bool:
    return click.get_current_context().meta.get("telusur.quiet", 0) > 0


def _db() -> Callable[[F], F]:
    """The --db option, defaulting to $TELUSUR_DB, then telusur.db."""
    return click.option("--db", default=DEFAULT_DB, envvar=DB_ENV, type=click.Path(path_type=Path, dir_okay=False),
                        help=f"SQLite database file [env {DB_ENV}; default {DEFAULT_DB}].")


def _listing(article: bool = True, outlet: bool = True) -> Callable[[F], F]:
    """Add --json, --limit and (optionally) the --article and --outlet filters to a listing command."""
    def decorate(f: F) -> F:
        if outlet:
            f = click.option("--outlet", help="Only rows with an article of this outlet (domain or name).")(f)
        if article:
            f = click.option("--article", "article_id", help="Only rows with this article.")(f)
        f = click.option("--limit", type=click.IntRange(min=0), default=None,
                         help=f"At most this many rows (0: all) [default: {DEFAULT_LIMIT} in a table, all with --json].")(f)
        return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)
    return decorate


def _limited(rows: Sequence[Any], limit: int | None, as_json: bool) -> tuple[Sequence[Any], int]:
    """Return the rows to show and how many are left out."""
    n = (0 if as_json else DEFAULT_LIMIT) if limit is None else limit
    return (rows, 0) if n == 0 or len(rows) <= n else (rows[:n], len(rows) - n)


def _show(columns: Sequence[Column], rows: Sequence[Sequence[str]], limit: int | None) -> None:
    shown, more = _limited(rows, limit, False)
    table(columns, shown, more=more, more_hint="--limit 0 shows all, --json prints data")


def _print_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


def _wanted(analysis: Analysis, article_id: str | None, outlet: str | None) -> Callable[[Iterable[str]], bool]:
    """Return a test of a row's article ids: True when the row passes the --article and --outlet filters."""
    ids = set(analysis.store.article_ids(outlet)) if outlet else None
    if article_id is not None and analysis.article(article_id) is None:
        _fail(f"error: no article {article_id!r} in {analysis.store.path}", EXIT_NOT_FOUND)

    def test(members: Iterable[str]) -> bool:
        members = set(members)
        return (article_id is None or article_id in members) and (ids is None or bool(ids & members))
    return test


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="telusur")
@_verbosity
def main() -> None:
    """Telusur: trace multi-outlet news (Indonesian first)."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db()
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for articles.json and report.html; '-' prints the articles' JSON on stdout.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option("--max-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 1024 / 1024, show_default=True, help="Size limit per document, in MiB.")
@click.option("--wait", type=click.FloatRange(min=0), default=None,
              help="Seconds to wait while another run writes the database (default: until it ends; 0: refuse at once).")
@click.option("--csv-text-column", metavar="NAME", help="The article text's column in CSV/TSV files (default: told from the header).")
@_verbosity
def analyze_cmd(paths: tuple[Path, ...], db: Path, out: Path | None, workers: int | None, max_mb: float,
                wait: float | None, csv_text_column: str | None) -> None:
    """Analyse PATHS (text, HTML, JSON, JSONL, CSV/TSV, WARC files, or folders; '-' reads stdin) into the database."""
    quiet = _quiet()
    missing = [str(p) for p in paths if str(p) != STDIO and not p.exists()]
    if missing:  # before the database is opened: a typo creates nothing
        _fail(f"error: no such file or folder: {', '.join(missing)}", EXIT_NOT_FOUND)

    def waiting(holder: str) -> None:
        click.echo(f"waiting: another Telusur run is writing {db} ({holder}); this one starts when it ends", err=True)

    with _stdin_as_file(paths) as inputs:
        analysis = analyze(inputs, db, workers=workers, progress=not quiet and sys.stderr.isatty(),
                           max_bytes=int(max_mb * 1024 * 1024), wait=wait, on_wait=waiting, csv_text_column=csv_text_column)
    with analysis:
        _print_summary(analysis, db, quiet, to_stderr=out is not None and str(out) == STDIO)
        if out is not None and str(out) == STDIO:
            _write_out(out, lambda path: analysis.export("json", path))
        elif out is not None:
            n = analysis.export("json", out / "articles.json")
            report = analysis.report(out / "report.html")
            click.echo(f"wrote {out / 'articles.json'} ({n} articles) and {report}", err=True)
        s = analysis.summary
    sys.exit(EXIT_INTERNAL if s and s.internal else EXIT_PARTIAL if s and s.failed else EXIT_OK)


@contextmanager
def _stdin_as_file(paths: tuple[Path, ...]) -> Iterator[list[Path]]:
    """Yield the paths with '-' replaced by a file holding stdin (its format is sniffed like any file's).

    The file sits in a folder named after the content's hash, so a document read from
    stdin gets the id "stdin" and the same source path each time it is given again.
    """
    if not any(str(p) == STDIO for p in paths):
        yield list(paths)
        return
    import hashlib

    if sys.stdin.isatty():
        _fail("error: '-' reads a document from stdin, but stdin is a terminal: pipe or redirect one in", EXIT_USAGE)
    data = sys.stdin.buffer.read()
    folder = Path(tempfile.gettempdir()) / f"telusur-stdin-{hashlib.sha1(data).hexdigest()[:12]}"
    folder.mkdir(exist_ok=True)
    (folder / "stdin").write_bytes(data)
    try:
        yield [folder / "stdin" if str(p) == STDIO else p for p in paths]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write_out(out: Path, write: Callable[[Path], Any]) -> Any:
    """Call ``write`` with ``out``; for '-', with a temporary file whose bytes then go to stdout."""
    if str(out) != STDIO:
        return write(out)
    with tempfile.TemporaryDirectory(prefix="telusur-out-") as tmp:
        path = Path(tmp) / "out"
        result = write(path)
        with path.open("rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return result


def _print_summary(analysis: Analysis, db: Path, quiet: bool, to_stderr: bool) -> None:
    s = analysis.summary
    assert s is not None
    echo = functools.partial(click.echo, err=to_stderr)
    if not quiet and not to_stderr:
        rows = [_row(a) for a in itertools.islice(analysis, SUMMARY_ROWS)]
        if rows:
            table([Column("id", "id"), Column("outlet"), Column("published"), Column("lang"), Column("authors"),
                   Column("wire"), Column("words", "number"), Column("debris", "number")], rows,
                  more=len(analysis) - len(rows), more_hint=f"telusur export --db {db}")
    rate = s.read / s.seconds if s.seconds else 0.0
    echo(
        f"\nread {s.read}, cleaned {s.cleaned} ({s.new} new, {s.updated} updated), unchanged {s.unchanged}, "
        f"failed {s.failed}, template lines stripped from {s.templated} article(s) "
        f"in {s.seconds:.2f}s ({rate:,.0f} docs/s); {len(analysis)} articles in {db}"
    )
    echo(f"browse it: telusur serve --db {db}  ->  http://127.0.0.1:8000/")
    if s.siblings:
        echo(f"{s.siblings} sibling pair(s) of one source report, {s.distortions} fact(s) changed by rewrites: "
             f"telusur rewrites --db {db}")
    for f in s.failures:
        click.echo(f"  failed: {f.doc_id} [{f.stage}] {f.reason}  ({'; '.join(filter(None, (f.code, f.source)))})", err=True)
    if s.internal:
        click.echo(f"  {s.internal} of these failure(s) are internal errors (a Telusur bug); the rest of the run is done", err=True)
    if s.failed > len(s.failures):
        click.echo(f"  ... and {s.failed - len(s.failures)} more failures, all in the 'failures' table of {db}", err=True)


def _row(a: Article) -> list[str]:
    outlet = a.outlet.value.get("name") if a.outlet else "?"
    published = a.published.value[:16] if a.published else "?"
    return [
        a.id, str(outlet), published, a.language.value if a.language else "?",
        ", ".join(f.value for f in a.authors) or "-", ", ".join(f.value for f in a.wire_agencies) or "-",
        str(len(a.body.split())), str(len(a.removed)),
    ]


@main.command("export")
@_db()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Output file, '-' for stdout (default: telusur-export.FORMAT).")
@click.option("--outlet", help="Only this outlet (domain or name).")
@click.option("--language", help="Only this language code (id, ms, en, other).")
@_verbosity
def export_cmd(db: Path, fmt: str, out: Path | None, outlet: str | None, language: str | None) -> None:
    """Export stored articles as json, jsonl, csv or parquet."""
    from telusur.report.export import export

    out = out or Path(f"telusur-export.{fmt}")
    if str(out) == STDIO and fmt == "parquet" and sys.stdout.isatty():
        _fail("error: parquet is binary: redirect stdout to a file, or give --out FILE", EXIT_USAGE)
    with open_store(db) as analysis:
        n = _write_out(out, lambda path: export(analysis.articles(outlet=outlet, language=language), fmt, path))
    click.echo(f"wrote {n} article(s) to {'stdout' if str(out) == STDIO else out}", err=True)


@main.command("audit")
@_db()
@click.option("--out", type=click.Path(path_type=Path), default=Path("debris.csv"), show_default=True, help="CSV file, '-' for stdout.")
@_verbosity
def audit_cmd(db: Path, out: Path) -> None:
    """Write every removed piece of debris, with its article, offsets and reason, as CSV."""
    from telusur.report.export import export_debris

    with open_store(db) as analysis:
        n = _write_out(out, lambda path: export_debris(analysis.store.removed_pieces(), path))
        reasons = analysis.store.removed_reasons()
    click.echo(f"wrote {n} removed piece(s) to {'stdout' if str(out) == STDIO else out}: "
               + ", ".join(f"{r} {c}" for r, c in reasons.items()), err=True)


@main.command("entities")
@_db()
@click.option("--min-articles", type=click.IntRange(min=1), default=2, show_default=True, help="Only entities named in this many articles.")
@_listing()
@_verbosity
def entities_cmd(db: Path, min_articles: int, as_json: bool, limit: int | None, article_id: str | None,
                 outlet: str | None) -> None:
    """List the entities of the corpus with their aliases across articles."""
    with open_store(db) as analysis:
        wanted = _wanted(analysis, article_id, outlet)
        found = [e for e in analysis.entities(min_articles) if wanted(a for a, _ in e.members)]
    if as_json:
        _print_json([
            {"id": e.id, "name": e.name, "type": e.type, "stands_for": e.stands_for,
             "aliases": [{"text": a, "articles": n} for a, n in e.aliases],
             "articles": sorted({a for a, _ in e.members}), "mentions": e.mentions}
            for e in _limited(found, limit, True)[0]
        ])
        return
    _show([Column("id", "id"), Column("entity"), Column("type"), Column("articles", "number"), Column("aliases")], [
        [e.id, e.name, e.type + (f" → {e.stands_for}" if e.stands_for else ""), str(e.articles),
         ", ".join(f"{a} ({n})" for a, n in e.aliases)]
        for e in found
    ], limit)


@main.command("duplicates")
@_db()
@_listing()
@_verbosity
def duplicates_cmd(db: Path, as_json: bool, limit: int | None, article_id: str | None, outlet: str | None) -> None:
    """List the near-duplicate clusters: articles that copy one report, with their similarity."""
    with open_store(db) as analysis:
        wanted = _wanted(analysis, article_id, outlet)
        found = [c for c in analysis.duplicates() if wanted(c.members)]
        names = analysis.store.article_outlets()
    if as_json:
        _print_json([
            {"id": c.id, "members": list(c.members), "pairs": [{"a": a, "b": b, "similarity": s} for a, b, s in c.pairs]}
            for c in _limited(found, limit, True)[0]
        ])
        return
    _show([Column("cluster", "id"), Column("articles", "id"), Column("outlets"), Column("similarity")], [
        [c.id, " ".join(c.members), ", ".join(names.get(a, ("", None))[0] for a in c.members),
         ", ".join(f"{s:.2f}" for _, _, s in c.pairs)]
        for c in found
    ], limit)


@main.command("rewrites")
@_db()
@click.option("--all", "show_all", is_flag=True, help="Also list harmless variants and updates, not only distortions.")
@_listing()
@_verbosity
def rewrites_cmd(db: Path, show_all: bool, as_json: bool, limit: int | None, article_id: str | None,
                 outlet: str | None) -> None:
    """List sibling articles (versions of one source report) and the facts a rewrite distorts.

    Distortions are listed once per changed fact, with every faithful sibling; ``--all``
    lists every stored diff, one row per sibling pair, variants and updates included.
    ``--limit`` applies to each of the two tables.
    """
    from dataclasses import asdict

    from telusur.corpus.support import departures

    with open_store(db) as analysis:
        wanted = _wanted(analysis, article_id, outlet)
        pairs = [p for p in analysis.siblings() if wanted((p.a, p.b))]
        diffs = [d for d in (analysis.fact_diffs() if show_all else analysis.distortions()) if wanted((d.a_id, d.b_id))]
    changed = departures(diffs)
    if as_json:
        _print_json({"siblings": [asdict(p) for p in _limited(pairs, limit, True)[0]],
                     "diffs": [asdict(d) for d in _limited(diffs, limit, True)[0]],
                     "changed_facts": [asdict(d) for d in _limited(changed, limit, True)[0]]})
        return
    _show([Column("group", "id"), Column("article", "id"), Column("sibling", "id"), Column("relation"),
           Column("coverage", "number"), Column("source")],
          [[p.group, p.a, p.b, p.relation, f"{p.coverage:.2f}", p.source or ""] for p in pairs], limit)
    click.echo()
    if not show_all:
        _show([Column("kind"), Column("sure", "number"), Column("article", "id"), Column("says"), Column("siblings", "id"),
               Column("siblings say"), Column("what differs")],
              [[d.kind, "" if d.confidence is None else f"{d.confidence:.2f}", d.article_id, d.departing.says,
                " ".join(v.article_id for v in d.siblings), d.siblings[0].says, d.detail] for d in changed], limit)
        return
    _show([Column("kind"), Column("verdict"), Column("sure", "number"), Column("article", "id"), Column("says"),
           Column("sibling", "id"), Column("sibling says"), Column("what differs")],
          [[d.kind, d.verdict, "" if d.confidence is None else f"{d.confidence:.2f}", d.a_id, d.a_says, d.b_id, d.b_says,
            d.detail] for d in diffs], limit)


@main.command("reuse")
@click.argument("article_id")
@_db()
@_listing(article=False, outlet=False)
@_verbosity
def reuse_cmd(article_id: str, db: Path, as_json: bool, limit: int | None) -> None:
    """List the earlier articles ARTICLE_ID takes passages from, with the passages (partial reuse)."""
    from telusur.corpus.reuse import reuse_json

    with open_store(db) as analysis:
        if analysis.article(article_id) is None:
            _fail(f"error: no article {article_id!r} in {db}", EXIT_NOT_FOUND)
        found = analysis.reuse(article_id)
        if as_json:
            click.echo(reuse_json(list(_limited(found, limit, True)[0])))
            return
        texts = {(r.source, p.source_start): (analysis.store.body(r.source) or "")[p.source_start : p.source_end]
                 for r in found for p in r.passages}
    _show([Column("source", "id"), Column("published"), Column("share", "number"), Column("sentences", "number"),
           Column("source says")],
          [[r.source, r.source_published or "", f"{r.share:.0%}", str(p.sentences), texts[(r.source, p.source_start)]]
           for r in found for p in r.passages], limit)


@main.command("outlets")
@_db()
@_listing(article=False)
@_verbosity
def outlets_cmd(db: Path, as_json: bool, limit: int | None, outlet: str | None) -> None:
    """Profile each outlet: how much of its output copies or rewrites others, and its distortions."""
    from dataclasses import asdict

    with open_store(db) as analysis:
        found = analysis.outlets()
        if outlet is not None:
            outlet_of = analysis.store.article_outlets()
            names = {outlet_of[i][0] for i in analysis.store.article_ids(outlet)}
            found = [p for p in found if p.outlet in names or p.outlet.casefold() == outlet.casefold()]
    if as_json:
        _print_json([{**asdict(p), "follow_share": p.follow_share} for p in _limited(found, limit, True)[0]])
        return
    _show([Column("outlet"), Column("articles", "number"), Column("first reports", "number"), Column("copies", "number"),
           Column("rewrites", "number"), Column("follows others", "number"), Column("distortions", "number"),
           Column("articles distorting", "number")],
          [[p.outlet, str(p.articles), str(p.first_reports), str(p.copies), str(p.rewrites), f"{p.follow_share:.0%}",
            str(p.distortions), str(p.distorting_articles)] for p in found], limit)


@main.command("story")
@click.argument("story_id", required=False)
@_db()
@_listing()
@_verbosity
def story_cmd(story_id: str | None, db: Path, as_json: bool, limit: int | None, article_id: str | None,
              outlet: str | None) -> None:
    """List the stories, or show one: cited summary, timeline and claim tracks."""
    with open_store(db) as analysis:
        if story_id is None:
            wanted = _wanted(analysis, article_id, outlet)
            found = [s for s in analysis.stories() if wanted(s["articles"])]  # type: ignore[arg-type]
            if as_json:
                _print_json(list(_limited(found, limit, True)[0]))
                return
            _show([Column("story", "id"), Column("articles", "number"), Column("first"), Column("last"), Column("title")],
                  [[str(s["id"]), str(len(s["articles"])), str(s["first"] or ""), str(s["last"] or ""), str(s["title"])]  # type: ignore[arg-type]
                   for s in found], limit)
            return
        story = analysis.story(story_id)
    if story is None:
        _fail(f"error: no story {story_id!r} in {db}", EXIT_NOT_FOUND)
        return
    if as_json:
        _print_json(story)
        return
    _print_story(story)


def _print_story(story: dict[str, Any]) -> None:
    click.echo(f"{story['title']}  ({len(story['articles'])} articles, {story['first']} to {story['last']})\n")
    click.echo("Summary")
    for n, s in enumerate(story["summary"], 1):
        click.echo(f"  {n}. {s['text']}  [{', '.join(s['cites'])}]")
    events = {e["id"]: e for e in story["events"]}
    click.echo("\nTimeline")
    for eid in story["timeline"]:
        e = events[eid]
        click.echo(f"  {e['date']}  {e['action']}: {e['actor']} -> {e['target'] or '-'}  [{', '.join(e['articles'])}]")
    click.echo("\nClaim tracks")
    for t in story["claims"]:
        points = t["points"]
        click.echo(f"  {t['topic']}{' ' + t['unit'] if t['unit'] else ''}: " + " -> ".join(
            f"{p['value'] if p['value'] is not None else p['approx']} ({p['claimant'] or '?'}, {p['as_of']})" for p in points))
        labels: dict[str, int] = {}
        for pair in t["pairs"]:
            labels[pair["label"]] = labels.get(pair["label"], 0) + 1
        click.echo("     " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))


@main.command("report")
@_db()
@click.option("--out", type=click.Path(path_type=Path), default=Path("report.html"), show_default=True, help="HTML file, '-' for stdout.")
@click.option("--lang", type=click.Choice(sorted(LOCALES)), default=DEFAULT_LOCALE, show_default=True,
              help="Language of the report's labels.")
@_verbosity
def report_cmd(db: Path, out: Path, lang: str) -> None:
    """Write the single-file HTML report for a database."""
    with open_store(db) as analysis:
        written = _write_out(out, lambda path: analysis.report(path, lang))
    click.echo(f"wrote {'stdout' if str(out) == STDIO else written}", err=True)


@main.command("upgrade")
@_db()
@_verbosity
def upgrade_cmd(db: Path) -> None:
    """Migrate a database written by an older Telusur to this version (read-only commands never do)."""
    version = upgrade_store(db)
    click.echo(f"{db}: schema version {version}")


main.add_command(spark_group)


@main.command("serve")
@_db()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-upload-mb", type=click.FloatRange(min=0.001), default=10.0, show_default=True, help="Size limit of one upload request, in MiB.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Server processes (default: the CPU count, at most 4); each answers requests on its own core.")
@_verbosity
def serve_cmd(db: Path, host: str, port: int, max_upload_mb: float, workers: int | None) -> None:
    """Serve the database: pages (stories, articles, entities, search) and the REST API with its OpenAPI description."""
    import uvicorn

    from telusur.web.app import create_app

    problem = _cannot_listen(host, port)
    if problem:
        _fail(f"error: cannot serve on {host}:{port}: {problem}", EXIT_CANNOT_SERVE)
    limit = int(max_upload_mb * 1024 * 1024)
    app = create_app(db, max_upload_bytes=limit)  # opened here, so a bad database fails before any worker starts
    workers = workers or min(os.cpu_count() or 1, MAX_SERVE_WORKERS)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Telusur is serving {db} at http://{shown}:{port}/ (API: http://{shown}:{port}/docs) with {workers} "
               f"process(es); Ctrl-C stops it", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    from telusur.web.app import ENV_DB, ENV_MAX_UPLOAD

    os.environ[ENV_DB], os.environ[ENV_MAX_UPLOAD] = str(db.resolve()), str(limit)
    uvicorn.run("telusur.web.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level="warning")


def _cannot_listen(host: str, port: int) -> str | None:
    """Return why ``host:port`` cannot be listened on (taken, not this machine's), or None when it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"unknown address ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a socket in TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


if __name__ == "__main__":  # pragma: no cover
    main()

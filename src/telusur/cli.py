"""Command line: a thin layer over the Python API.

Exit codes: 0 every document analysed; 1 finished, but some documents failed (each
listed with its reason); 2 usage error (bad option or argument); 3 database error;
4 finished, but some work failed internally (a Telusur bug: recorded with code
"internal", the rest of the run done); 130 interrupted (finished batches are kept; run
again to resume).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from telusur.api import DEFAULT_DB, Analysis, analyze, open_store, upgrade_store
from telusur.errors import StoreError
from telusur.ingest import DEFAULT_MAX_BYTES
from telusur.model import Article
from telusur.report.export import FORMATS
from telusur.report.i18n import DEFAULT_LOCALE, LOCALES
from telusur.version import __version__

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
TABLE_ROWS = 40


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="telusur")
def main() -> None:
    """Telusur: trace multi-outlet news (Indonesian first)."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path), help="SQLite database file.")
@click.option("--out", type=click.Path(path_type=Path), help="Folder for articles.json and report.html.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option("--max-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 1024 / 1024, show_default=True, help="Size limit per document, in MiB.")
@click.option("--quiet", is_flag=True, help="Print only failures and the totals.")
@click.option("--wait", type=click.FloatRange(min=0), default=None,
              help="Seconds to wait while another run writes the database (default: until it ends; 0: refuse at once).")
def analyze_cmd(paths: tuple[Path, ...], db: Path, out: Path | None, workers: int | None, max_mb: float, quiet: bool,
                wait: float | None) -> None:
    """Analyse PATHS (text, HTML, JSONL, WARC files, or folders) into the database."""
    def waiting(holder: str) -> None:
        click.echo(f"waiting: another Telusur run is writing {db} ({holder}); this one starts when it ends", err=True)

    try:
        analysis = analyze(list(paths), db, workers=workers, progress=not quiet and sys.stderr.isatty(),
                           max_bytes=int(max_mb * 1024 * 1024), wait=wait, on_wait=waiting)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    except KeyboardInterrupt:
        click.echo("interrupted: finished batches are stored; run the same command again to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    with analysis:
        _print_summary(analysis, db, quiet)
        if out is not None:
            n = analysis.export("json", out / "articles.json")
            report = analysis.report(out / "report.html")
            click.echo(f"wrote {out / 'articles.json'} ({n} articles) and {report}")
        s = analysis.summary
    sys.exit(EXIT_INTERNAL if s and s.internal else EXIT_PARTIAL if s and s.failed else EXIT_OK)


def _print_summary(analysis: Analysis, db: Path, quiet: bool) -> None:
    s = analysis.summary
    assert s is not None
    if not quiet:
        rows = [_row(a) for a in itertools.islice(analysis, TABLE_ROWS)]
        if rows:
            _table(["id", "outlet", "published", "lang", "authors", "wire", "words", "debris"], rows)
            if len(analysis) > TABLE_ROWS:
                click.echo(f"... and {len(analysis) - TABLE_ROWS} more in {db}")
    rate = s.read / s.seconds if s.seconds else 0.0
    click.echo(
        f"\nread {s.read}, cleaned {s.cleaned} ({s.new} new, {s.updated} updated), unchanged {s.unchanged}, "
        f"failed {s.failed}, template lines stripped from {s.templated} article(s) "
        f"in {s.seconds:.2f}s ({rate:,.0f} docs/s); {len(analysis)} articles in {db}"
    )
    click.echo(f"browse it: telusur serve --db {db}  ->  http://127.0.0.1:8000/")
    if s.siblings:
        click.echo(f"{s.siblings} sibling pair(s) of one source report, {s.distortions} fact(s) changed by rewrites: "
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
        a.id[:44], str(outlet)[:22], published, a.language.value if a.language else "?",
        ", ".join(f.value for f in a.authors)[:24] or "-", ", ".join(f.value for f in a.wire_agencies)[:16] or "-",
        str(len(a.body.split())), str(len(a.removed)),
    ]


def _table(header: list[str], rows: list[list[str]]) -> None:
    if not rows:
        click.echo("(none)")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=False))
    click.echo(line)
    click.echo("-" * len(line))
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)))


@main.command("export")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False), help="SQLite database file.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="Output file (default: telusur-export.FORMAT).")
@click.option("--outlet", help="Only this outlet (domain or name).")
@click.option("--language", help="Only this language code (id, ms, en, other).")
def export_cmd(db: Path, fmt: str, out: Path | None, outlet: str | None, language: str | None) -> None:
    """Export stored articles as json, jsonl, csv or parquet."""
    from telusur.report.export import export

    out = out or Path(f"telusur-export.{fmt}")
    with _stored(db) as analysis:
        n = export(analysis.articles(outlet=outlet, language=language), fmt, out)
    click.echo(f"wrote {n} article(s) to {out}")


@main.command("audit")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", type=click.Path(path_type=Path), default=Path("debris.csv"), show_default=True)
def audit_cmd(db: Path, out: Path) -> None:
    """Write every removed piece of debris, with its article, offsets and reason, as CSV."""
    from telusur.report.export import export_debris

    with _stored(db) as analysis:
        n = export_debris(analysis.store.removed_pieces(), out)
        reasons = analysis.store.removed_reasons()
    click.echo(f"wrote {n} removed piece(s) to {out}: " + ", ".join(f"{r} {c}" for r, c in reasons.items()))


@main.command("entities")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--min-articles", type=click.IntRange(min=1), default=2, show_default=True, help="Only entities named in this many articles.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def entities_cmd(db: Path, min_articles: int, as_json: bool) -> None:
    """List the entities of the corpus with their aliases across articles."""
    import json

    with _stored(db) as analysis:
        found = analysis.entities(min_articles)
    if as_json:
        click.echo(json.dumps([
            {"id": e.id, "name": e.name, "type": e.type, "stands_for": e.stands_for,
             "aliases": [{"text": a, "articles": n} for a, n in e.aliases],
             "articles": sorted({a for a, _ in e.members}), "mentions": e.mentions}
            for e in found
        ], ensure_ascii=False, indent=1))
        return
    _table(["entity", "type", "articles", "aliases"], [
        [e.name, e.type + (f" → {e.stands_for}" if e.stands_for else ""), str(e.articles),
         ", ".join(f"{a} ({n})" for a, n in e.aliases)]
        for e in found
    ])


@main.command("duplicates")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def duplicates_cmd(db: Path, as_json: bool) -> None:
    """List the near-duplicate clusters: articles that copy one report, with their similarity."""
    import json

    with _stored(db) as analysis:
        found = analysis.duplicates()
        outlets = {a: analysis.article(a).outlet for c in found for a in c.members}
        titles = {a: outlet.value["name"] if outlet else "" for a, outlet in outlets.items()}
    if as_json:
        click.echo(json.dumps([
            {"id": c.id, "members": list(c.members), "pairs": [{"a": a, "b": b, "similarity": s} for a, b, s in c.pairs]}
            for c in found
        ], ensure_ascii=False, indent=1))
        return
    _table(["cluster", "articles", "outlets", "similarity"], [
        [c.id, ", ".join(c.members), ", ".join(titles[a] for a in c.members),
         ", ".join(f"{s:.2f}" for _, _, s in c.pairs)]
        for c in found
    ])


@main.command("rewrites")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Also list harmless variants and updates, not only distortions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def rewrites_cmd(db: Path, show_all: bool, as_json: bool) -> None:
    """List sibling articles (versions of one source report) and the facts a rewrite distorts.

    Distortions are listed once per changed fact, with every faithful sibling; ``--all``
    lists every stored diff, one row per sibling pair, variants and updates included.
    """
    import json
    from dataclasses import asdict

    from telusur.corpus.support import departures

    with _stored(db) as analysis:
        pairs = analysis.siblings()
        diffs = analysis.fact_diffs() if show_all else analysis.distortions()
    changed = departures(diffs)
    if as_json:
        click.echo(json.dumps({"siblings": [asdict(p) for p in pairs], "diffs": [asdict(d) for d in diffs],
                               "changed_facts": [asdict(d) for d in changed]}, ensure_ascii=False, indent=1))
        return
    _table(["group", "article", "sibling", "relation", "coverage", "source"],
           [[p.group, p.a, p.b, p.relation, f"{p.coverage:.2f}", p.source or ""] for p in pairs])
    click.echo()
    if not show_all:
        _table(["kind", "sure", "article", "says", "siblings", "siblings say", "what differs"],
               [[d.kind, "" if d.confidence is None else f"{d.confidence:.2f}", d.article_id, d.departing.says,
                 ", ".join(v.article_id for v in d.siblings), d.siblings[0].says, d.detail] for d in changed])
        return
    _table(["kind", "verdict", "sure", "article", "says", "sibling", "sibling says", "what differs"],
           [[d.kind, d.verdict, "" if d.confidence is None else f"{d.confidence:.2f}", d.a_id, d.a_says, d.b_id, d.b_says,
             d.detail] for d in diffs])


@main.command("reuse")
@click.argument("article_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def reuse_cmd(article_id: str, db: Path, as_json: bool) -> None:
    """List the earlier articles ARTICLE_ID takes passages from, with the passages (partial reuse)."""
    from telusur.corpus.reuse import reuse_json

    with _stored(db) as analysis:
        if analysis.article(article_id) is None:
            click.echo(f"telusur: no article {article_id!r} in {db}", err=True)
            sys.exit(EXIT_USAGE)
        found = analysis.reuse(article_id)
        texts = {(r.source, p.source_start): (analysis.store.body(r.source) or "")[p.source_start : p.source_end]
                 for r in found for p in r.passages}
    if as_json:
        click.echo(reuse_json(found))
        return
    _table(["source", "published", "share", "sentences", "source says"],
           [[r.source, r.source_published or "", f"{r.share:.0%}", str(p.sentences), texts[(r.source, p.source_start)][:160]]
            for r in found for p in r.passages])


@main.command("outlets")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
def outlets_cmd(db: Path) -> None:
    """Profile each outlet: how much of its output copies or rewrites others, and its distortions."""
    with _stored(db) as analysis:
        found = analysis.outlets()
    _table(["outlet", "articles", "first reports", "copies", "rewrites", "follows others", "distortions", "articles distorting"],
           [[p.outlet, str(p.articles), str(p.first_reports), str(p.copies), str(p.rewrites), f"{p.follow_share:.0%}",
             str(p.distortions), str(p.distorting_articles)] for p in found])


@main.command("story")
@click.argument("story_id", required=False)
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def story_cmd(story_id: str | None, db: Path, as_json: bool) -> None:
    """List the stories, or show one: cited summary, timeline and claim tracks."""
    import json

    with _stored(db) as analysis:
        if story_id is None:
            found = analysis.stories()
            if as_json:
                click.echo(json.dumps(found, ensure_ascii=False, indent=1))
                return
            _table(["story", "articles", "first", "last", "title"],
                   [[s["id"], str(len(s["articles"])), s["first"] or "", s["last"] or "", s["title"]] for s in found])
            return
        story = analysis.story(story_id)
    if story is None:
        click.echo(f"error: no story {story_id!r} in {db}", err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        click.echo(json.dumps(story, ensure_ascii=False, indent=1))
        return
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
        labels = {}
        for pair in t["pairs"]:
            labels[pair["label"]] = labels.get(pair["label"], 0) + 1
        click.echo("     " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))


@main.command("report")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", type=click.Path(path_type=Path), default=Path("report.html"), show_default=True)
@click.option("--lang", type=click.Choice(sorted(LOCALES)), default=DEFAULT_LOCALE, show_default=True,
              help="Language of the report's labels.")
def report_cmd(db: Path, out: Path, lang: str) -> None:
    """Write the single-file HTML report for a database."""
    with _stored(db) as analysis:
        click.echo(f"wrote {analysis.report(out, lang)}")


@main.command("upgrade")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False), help="SQLite database file.")
def upgrade_cmd(db: Path) -> None:
    """Migrate a database written by an older Telusur to this version (read-only commands never do)."""
    try:
        version = upgrade_store(db)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    click.echo(f"{db}: schema version {version}")


@main.command("serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-upload-mb", type=click.FloatRange(min=0.001), default=10.0, show_default=True, help="Size limit of one upload request, in MiB.")
def serve_cmd(db: Path, host: str, port: int, max_upload_mb: float) -> None:
    """Serve the database: pages (stories, articles, entities, search) and the REST API with its OpenAPI description."""
    import uvicorn

    from telusur.web.app import create_app

    try:
        app = create_app(db, max_upload_bytes=int(max_upload_mb * 1024 * 1024))
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Telusur is serving {db} at http://{shown}:{port}/ (API: http://{shown}:{port}/docs); Ctrl-C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@contextmanager
def _stored(db: Path) -> Iterator[Analysis]:
    """Open an existing database, or exit with EXIT_STORE and the reason."""
    try:
        analysis = open_store(db)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    with analysis:
        yield analysis


if __name__ == "__main__":  # pragma: no cover
    main()

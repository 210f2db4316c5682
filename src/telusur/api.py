"""The Python API: ``telusur.analyze(paths, db=...)`` and the ``Analysis`` it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from telusur.corpus.factdiff import FactDiff
from telusur.corpus.outlets import OutletProfile, outlet_profiles
from telusur.corpus.reuse import Reuse, ReuseParams, find_reuse
from telusur.corpus.rewrites import SiblingPair
from telusur.engine.local import RunSummary, run
from telusur.engine.progress import Progress
from telusur.errors import StoreError
from telusur.ingest import DEFAULT_MAX_BYTES
from telusur.model import Article, Cluster, CorpusEntity, Failure
from telusur.report.export import export
from telusur.report.html import dom_id, write_report
from telusur.report.i18n import DEFAULT_LOCALE
from telusur.store import Store

DEFAULT_DB = "telusur.db"


class Analysis:
    """A store of analysed articles, with the summary of the run that produced it.

    Iterate it for every stored article (ordered by publication time); ``len()`` is the
    number stored; filter with ``articles(outlet=..., language=...)``.
    """

    def __init__(self, store: Store, summary: RunSummary | None = None) -> None:
        self.store = store
        self.summary = summary

    def __iter__(self) -> Iterator[Article]:
        return self.store.articles()

    def __len__(self) -> int:
        return self.store.count()

    def __enter__(self) -> "Analysis":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def articles(self, outlet: str | None = None, language: str | None = None) -> Iterator[Article]:
        """Yield stored articles, optionally only one outlet's (domain or name) or language's."""
        return self.store.articles(outlet=outlet, language=language)

    def article(self, article_id: str) -> Article | None:
        """Return one stored article by id, or None."""
        return self.store.article(article_id)

    def entities(self, min_articles: int = 1) -> list[CorpusEntity]:
        """Return the corpus entities (aliases resolved across articles) named in at least ``min_articles`` articles."""
        return self.store.corpus_entities(min_articles)

    def duplicates(self) -> list[Cluster]:
        """Return the near-duplicate clusters (copies of one report, MinHash LSH over bodies)."""
        return self.store.near_duplicates()

    def siblings(self) -> list[SiblingPair]:
        """Return the sibling pairs: articles that are versions (copies or rewrites) of one source report."""
        return self.store.sibling_pairs()

    def reuse(self, article_id: str, params: ReuseParams = ReuseParams()) -> list[Reuse]:
        """Return the earlier articles ``article_id`` takes passages from, most reused first
        (``corpus.reuse``: partial reuse, with the offsets of both sides; nothing stored)."""
        return find_reuse(article_id, self.store.term_signatures(), self.store.body, params,
                          with_words=self.store.ids_with_words)

    def distortions(self) -> list[FactDiff]:
        """Return the facts on which a rewrite departs from a sibling (``a_id`` departs, ``b_id`` is faithful)."""
        return self.store.fact_diffs("distortion")

    def fact_diffs(self) -> list[FactDiff]:
        """Return every fact difference between siblings: distortions, harmless variants and updates."""
        return self.store.fact_diffs()

    def outlets(self) -> list[OutletProfile]:
        """Return each outlet's profile: articles, first reports, copies, rewrites and distortions."""
        return outlet_profiles(self.store.article_outlets(), self.store.sibling_pairs(), self.store.fact_diffs("distortion"))

    def stories(self) -> list[dict[str, object]]:
        """Return every story's header (id, title, articles, outlets, first and last day), largest first."""
        return [self.store.story_view(sid, "story") for sid in self.store.story_ids()]  # type: ignore[misc]

    def story(self, story_id: str) -> dict[str, object] | None:
        """Return one story with all its views (events, timeline, claims, summary), or None when unknown."""
        header = self.store.story_view(story_id, "story")
        if header is None:
            return None
        views = {kind: self.store.story_view(story_id, kind) for kind in ("events", "timeline", "claims", "summary")}
        return {**header, **views}  # type: ignore[dict-item]

    @property
    def failures(self) -> list[Failure]:
        """The failures of the run that produced this analysis (or of the latest run)."""
        return self.summary.failures if self.summary else self.store.failures()

    def export(self, fmt: str, out: str | Path) -> int:
        """Write every stored article to ``out`` as ``fmt`` (json, jsonl, csv, parquet); returns the count."""
        return export(self.store.articles(), fmt, out)

    def report(self, out: str | Path, locale: str = DEFAULT_LOCALE) -> Path:
        """Write the single-file HTML report to ``out`` in ``locale`` ("id" or "en"); returns its path.

        Raises ``ValueError`` for a language Telusur does not ship.
        """
        from telusur.web.views import Links, story_view

        anchor = lambda article_id, *_: "#" + dom_id(article_id)  # noqa: E731 - the report links to its own articles
        links = Links(article=anchor, evidence=anchor, entity=lambda _: None)
        stats = {**self.store.stats(), "duplicates": self.store.near_duplicates(), "siblings": self.store.sibling_pairs(),
                 "distortions": self.store.fact_diffs("distortion"), "outlet_profiles": self.outlets()}
        stories = [story_view(self.store, sid, links) for sid in self.store.story_ids()]
        return write_report(self.store.articles(), self.store.count(), stats, self.failures, out,
                            stories=[v for v in stories if v is not None], locale=locale)

    def close(self) -> None:
        """Close the underlying database."""
        self.store.close()


def analyze(
    paths: str | Path | Iterable[str | Path],
    db: str | Path = DEFAULT_DB,
    *,
    workers: int | None = None,
    progress: bool | Progress = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    wait: float | None = None,
    on_wait: Callable[[str], None] | None = None,
    csv_text_column: str | None = None,
) -> Analysis:
    """Analyse files and folders into the SQLite database ``db``.

    Takes one path or many (text, HTML, JSON, JSONL, CSV/TSV, WARC, or folders of them), the database
    file, the worker count, whether to show progress on stderr (or a ``Progress`` of
    your own, ``engine.progress``), the per-document size limit, and how long to wait
    while another run writes the database (None: until it ends; ``on_wait`` is told who
    holds it), and the body column of CSV/TSV files (None: told from each header,
    ``ingest.fields``). Returns an ``Analysis`` (close it, or use it as a context manager). Bad
    documents do not raise: they are in ``Analysis.failures``. Raises ``StoreError`` when the database cannot be opened, and
    its subclass ``WriterBusyError`` when another run still writes after ``wait`` seconds.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    shown: Progress | None = None
    if progress is True:
        from telusur.terminal import TerminalProgress

        shown = TerminalProgress()
    elif progress is not False:
        shown = progress
    store = Store(db)
    try:
        summary = run(paths, store, workers=workers, progress=shown, max_bytes=max_bytes, wait=wait, on_wait=on_wait,
                      csv_text_column=csv_text_column)
    except BaseException:
        store.close()
        raise
    return Analysis(store, summary)


def open_store(db: str | Path = DEFAULT_DB) -> Analysis:
    """Open an existing database read-only, without analysing anything.

    Nothing is created or migrated. Raises ``StoreError`` when the file is missing, is not
    a Telusur database, or was written by an older Telusur (``upgrade_store`` first).
    """
    return Analysis(Store(db, read_only=True))


def upgrade_store(db: str | Path) -> int:
    """Migrate an existing Telusur database to this version's schema; return the schema version.

    Raises ``StoreError`` when the file is missing or is not a Telusur database.
    """
    if not Path(db).is_file():
        raise StoreError(f"{db}: no such database")
    with Store(db) as store:
        return store.schema_version

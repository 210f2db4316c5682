"""The corpus stages as the local executor runs them: read records from the store, call the pure stage, write its records back.

The logic of every stage lives in ``corpus/`` as plain functions over records (article
entities in, corpus entities out; bodies in, clusters out; signatures and articles in,
sibling pairs and fact diffs out; profiles in, stories out; a story's articles and
distortions in, its views out). This module is the SQLite side of them, and the only
one that hands the store to corpus code: no module under ``corpus/`` imports the store,
and the store imports nothing from ``corpus/``. ``CORPUS_STAGES`` lists them in order,
each with one interface (``CorpusStage``), so an executor runs the list: the local one
(``engine.local``) in this process; another could read and write elsewhere.

The template pass (``strip_learned_templates``) runs before them, on the worker pool:
it learns each outlet's template lines from the store and sends the articles holding one
back through the pipeline's steps after cleaning, so a failure there stays a Failure record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from telusur.clean.templates import apply_templates
from telusur.corpus.aliases import resolve
from telusur.corpus.minhash import LSHParams, MinHasher, near_duplicates_signed
from telusur.corpus.rewrites import Alignment, Tally, group_members, raw_diffs, siblings_of, signature_rows, to_diff
from telusur.corpus.stories import StoryParams, group_stories, profile, profile_from_row, profile_row
from telusur.corpus.support import count_changed_facts
from telusur.corpus.story_views import OnError, header_view, story_views, view_members
from telusur.corpus.templates import DEFAULT_LONG_SHARE, DEFAULT_MIN_ARTICLES, learn_templates
from telusur.engine.pipeline import process, steps_after
from telusur.model import FactDiff, Failure
from telusur.store import ArticleRow, Store, to_row
from telusur.store.rows import from_stored


@dataclass(frozen=True)
class StageContext:
    """What every corpus stage may need besides the store: whether to rebuild everything, and where a group's failure goes."""

    full: bool = False  # the stages' code changed since they last ran: rebuild every view
    on_error: OnError | None = None  # told of a group ("story:<id>") that failed; None raises


@dataclass(frozen=True)
class CorpusStage:
    """One corpus stage: its name (in timings and failure records), what a progress display shows, and how it runs.

    ``run`` takes the store and the context and returns the figures it sets on the run's
    summary (``{"siblings": 3, "distortions": 4}``).
    """

    name: str
    shown: str
    run: Callable[[Store, StageContext], dict[str, int]]


def refresh_corpus_entities(store: Store) -> int:
    """Rebuild the store's corpus entities from its article entities; returns how many there are."""
    res = resolve(store.article_entities())
    with store.transaction():
        store.replace_corpus_entities(res)
    return len(res.entities)

def refresh_near_duplicates(store: Store, params: LSHParams = LSHParams(), chunk: int = 2000) -> int:
    """Bring the store's near-duplicate clusters up to date; returns how many there are.

    Incremental: only the bodies of articles new or rewritten since their signature was
    made are signed (``chunk`` at a time); the clusters are then found over every kept
    signature (``corpus.minhash.near_duplicates_signed``), the same as signing every body again.
    """
    hasher = MinHasher(params)
    with store.transaction():
        stale = store.stale_body_signatures()
    for start in range(0, len(stale), chunk):
        bodies = store.bodies_of(stale[start : start + chunk])
        signatures = hasher.signatures([body for _, body in bodies])
        with store.transaction():
            store.put_body_signatures((article_id, row.tobytes()) for (article_id, _), row in zip(bodies, signatures))
    found = near_duplicates_signed(store.body_signatures(), params)
    with store.transaction():
        store.replace_near_duplicates(found)
    return len(found)


def refresh_rewrites(store: Store, window_days: float = 7.0) -> tuple[int, int]:
    """Bring the store's sibling pairs and fact diffs up to date; return (sibling pairs, changed facts).

    Incremental: term signatures are made only for articles new or rewritten since the
    last run, only candidate pairs with such an article are aligned (the verdicts of the
    others are kept in ``sibling_checks``), groups whose members did not change keep their
    diffs, and in a group that changed only the pairs with a changed article (or a new
    reference) are diffed again; the rest of its diffs are read back and given a side
    again. The result is the same as a run over everything; when a corpus stage changes,
    ``Store.forget_corpus_work`` makes the next run one. The diffs are streamed into the
    store as they are made and given their sides there (``Tally``), so a first run over a
    large corpus holds its sibling pairs but not its diffs.
    """
    with store.transaction():
        stale = store.stale_signatures()
        store.put_term_signatures(signature_rows(store.articles_by_id(stale)))
    changed = set(stale)
    old_pairs = store.sibling_pairs()
    old_groups = group_members(old_pairs)
    alignments: dict[tuple[str, str], Alignment] = {}
    checks = _Checks(store)
    dates: dict[str, str] = {}
    pairs = siblings_of(_dated(store.term_signatures(), dates), store.body, store.near_duplicate_pair, window_days,
                        alignments=alignments, known=store.sibling_checks(), checked=checks.add)
    checks.flush()
    groups = group_members(pairs)
    standing = {g for g, ids in groups.items() if old_groups.get(g) == ids and not ids & changed}
    todo = [p for p in pairs if p.group not in standing]
    # the pairs diffed last time, whose articles are unchanged: their stored diffs still hold
    diffed_before = {(p.a, p.b) for p in to_diff(old_pairs, None, dates)[0] if p.a not in changed and p.b not in changed}
    reuse: dict[tuple[str, str], list[FactDiff]] = {key: [] for key in diffed_before}
    touched = sorted({a for p in todo for a in (p.a, p.b)} - changed)
    for d in store.fact_diffs(of=touched, texts=False):  # the store cuts the texts again
        key = (min(d.a_id, d.b_id), max(d.a_id, d.b_id))
        if key in reuse:
            reuse[key].append(d)
    tally = Tally()
    diffs = tally.count(raw_diffs(todo, store.article, alignments=alignments, keep_text=False, dates=dates, reuse=reuse))
    with store.transaction():
        # the diffs are written as they are made, then given their sides: none is held
        last = store.replace_rewrites(pairs, diffs, keep_diffs_of=[a for g in standing for a in groups[g]])
        del reuse, alignments  # not needed for the sides, and large on a first run
        store.flip_fact_diffs(seq for seq, a, b, kind in store.distortion_sides(after=last) if tally.b_departs(a, b, kind, dates))
    return len(pairs), count_changed_facts(store.distortion_spans())



def _dated(rows: Iterable[tuple[str, str | None, str, bytes]], dates: dict[str, str]
           ) -> Iterator[tuple[str, str | None, str, bytes]]:
    """Pass signature rows through, noting each article's publication time in ``dates``."""
    for row in rows:
        dates[row[0]] = row[1] or ""
        yield row



class _Checks:
    """Alignment verdicts written to the store a few thousand at a time, not held for the whole corpus."""

    def __init__(self, store: Store, size: int = 5000) -> None:
        self.store = store
        self.size = size
        self.pending: dict[tuple[str, str], float | None] = {}

    def add(self, a: str, b: str, coverage: float | None) -> None:
        self.pending[(a, b)] = coverage
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        with self.store.transaction():
            self.store.put_sibling_checks(self.pending)
        self.pending = {}

def refresh_stories(
    store: Store, params: StoryParams = StoryParams(), full: bool = False, on_error: OnError | None = None
) -> int:
    """Regroup the store's articles into stories (earlier assignments kept) and rebuild the views that changed.

    Profiles are made only for articles new or rewritten since the last run (the others
    are read from ``story_profiles``), and a story's views are rebuilt only when its
    members changed, one of them was rewritten, or a sibling group it shares gained or
    changed a member (its distortions may have moved); ``full`` rebuilds every view.
    Returns the number of stories. Articles no longer stored lose their membership.
    An exception while building one story's views is given to ``on_error`` (with
    "story:<id>"), and that story keeps its header alone; without ``on_error`` it is raised.
    """
    earlier = store.story_members()
    with store.transaction():
        stale = store.stale_profiles()
        store.put_story_profiles(profile_row(profile(a)) for a in store.articles_by_id(stale))
    stories = group_stories((profile_from_row(*row) for row in store.story_profiles()), earlier, params)
    dirty = set(stale)
    for ids in group_members(store.sibling_pairs()).values():  # disjoint groups: one pass
        if not ids.isdisjoint(stale):
            dirty |= ids
    before: dict[str, set[str]] = {}
    for article_id, story_id in earlier.items():
        before.setdefault(story_id, set()).add(article_id)
    members: dict[str, str] = {}
    views: dict[str, dict[str, object]] = {}
    kept: list[str] = []
    for story in stories:
        for member in story.members:
            members[member] = story.id
        if not full and before.get(story.id) == set(story.members) and not dirty & set(story.members):
            kept.append(story.id)
            continue
        try:
            articles = [a for a in (store.article(i) for i in view_members(story)) if a is not None]
            views[story.id] = story_views(story, articles, store.fact_diffs("distortion", of=sorted(a.id for a in articles)))
        except Exception as exc:  # noqa: BLE001 - one story's bad views must not cost the others theirs
            if on_error is None:
                raise
            on_error(f"story:{story.id}", exc)
            views[story.id] = header_view(story, min(story.members), [])
    with store.transaction():
        store.replace_stories(members, views, keep_views_of=kept)
    return len(stories)


Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]

CHUNK = 200


def strip_learned_templates(
    store: Store,
    run_id: int,
    pipeline_version: str,
    min_articles: int = DEFAULT_MIN_ARTICLES,
    long_share: float = DEFAULT_LONG_SHARE,
    mapper: Mapper = map,
) -> tuple[int, list[Failure]]:
    """Find template lines per outlet and remove them from the stored articles that hold one.

    Takes the store, the current run id, the pipeline version, the number of distinct
    articles a line must occur in and the share of an outlet's articles a long line must
    occur in, and a ``map``-like function to rewrite articles with (an executor's pool
    map, so the rewriting runs in its workers). The template set is learned by
    ``corpus.templates.learn_templates`` from the store's line counts. Returns the number
    of articles changed and the failures of articles whose re-analysis failed (they keep
    their stored version). Raises ``ValueError`` for thresholds out of range.
    """
    changed, failures = 0, []
    applied = store.applied_templates()
    since = store.templates_through()
    counts, sizes = store.template_line_counts(min_articles)
    learned = learn_templates(counts, sizes, min_articles, long_share)
    for outlet in learned.outlets():
        keys = learned.keys[outlet]
        fresh = keys - applied.get(outlet, frozenset())
        ids = set(store.articles_with_lines(outlet, keys, after_run=since))
        if fresh:
            ids.update(store.articles_with_lines(outlet, fresh))
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            stored = store.stored_records(ordered[start : start + CHUNK])
            results = [r for r in mapper(restrip, [(*triple, keys) for triple in stored]) if r is not None]
            failures += [r for r in results if isinstance(r, Failure)]
            rows = [r for r in results if not isinstance(r, Failure)]
            with store.transaction():
                store.write_articles(rows, run_id, pipeline_version, learn_templates=False)
            changed += len(rows)
        with store.transaction():
            store.record_templates(outlet, keys)
    with store.transaction():
        store.set_templates_through(run_id)
    return changed, failures


def restrip(task: tuple[str, str, str, frozenset[str]]) -> ArticleRow | Failure | None:
    """Apply template keys to one stored article; return its new row, None when unchanged, or a Failure.

    Takes ``(record, raw, body, keys)`` so that it can run in a worker process. The body
    changed, so every extracted offset did too: the pipeline's steps after cleaning run
    again on the new body, guarded as in a document's first analysis.
    """
    record, raw, body, keys = task
    article = from_stored(record, raw, body)
    updated = apply_templates(article, keys)
    if updated is article:
        return None
    result = process(updated, steps_after("clean"))
    return result if isinstance(result, Failure) else to_row(result)


def _siblings(store: Store, ctx: StageContext) -> dict[str, int]:
    pairs, distortions = refresh_rewrites(store)
    return {"siblings": pairs, "distortions": distortions}


# looked up by name when run, so a test can stand a stage in for another
CORPUS_STAGES: tuple[CorpusStage, ...] = (
    CorpusStage("entities", "entities", lambda store, ctx: {"entities": refresh_corpus_entities(store)}),
    CorpusStage("near_duplicates", "near-duplicates", lambda store, ctx: {"duplicates": refresh_near_duplicates(store)}),
    CorpusStage("siblings_and_diffs", "siblings and diffs", lambda store, ctx: _siblings(store, ctx)),
    CorpusStage("stories", "stories",
                lambda store, ctx: {"stories": refresh_stories(store, full=ctx.full, on_error=ctx.on_error)}),
)

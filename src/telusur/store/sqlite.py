"""Reads and writes of the SQLite store.

Writes are idempotent: an article is keyed by its id, and re-analysing the same content
(same hash, same pipeline version) changes nothing. Each batch is committed as a whole,
so a run killed mid-way keeps every batch it finished and the next run skips them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path

from telusur.errors import SchemaVersionError, StoreError
from telusur.model import Article, ArticleEntity, Cluster, CorpusEntity, FactDiff, Failure, LineCount, Resolution, SiblingPair
from telusur.store.rows import ArticleRow, from_stored
from telusur.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from telusur.text.terms import stemmed


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A Telusur database file. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        """Open the Telusur database at ``path``: for writing (created and migrated as needed) or read-only.

        Writable, a missing file (and folder) is created and an older Telusur database is
        migrated. Read-only, the file must exist and already be at this Telusur's schema:
        nothing is created or migrated. Either way a file that is not Telusur's (another
        application's SQLite database, or not SQLite at all) is refused untouched.
        Raises ``StoreError`` for a missing file (read-only), a foreign or unreadable file,
        or an older schema (read-only), and ``SchemaVersionError`` when a newer Telusur
        wrote it.
        """
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                if not self.path.is_file():
                    raise StoreError(f"{self.path}: no such database (run telusur analyze to make one)")
                self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                            check_same_thread=False)
                self._check_owner()
                self._check_current()
                return
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._check_owner()
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a Telusur database: {exc}") from None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if getattr(self, "conn", None) is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    # -- schema ------------------------------------------------------------------------
    def _check_owner(self) -> None:
        """Refuse a database that is not Telusur's, before anything is written to it.

        Telusur's own files carry ``APPLICATION_ID``; files written before it was set are
        known by a schema version and an ``articles`` table; a new file has no table yet.
        """
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        if app_id == 0 and (not tables or (version > 0 and "articles" in tables)):
            return
        what = f"application id {app_id:#x}" if app_id else f"{len(tables)} table(s) of its own ({', '.join(tables[:5])})"
        raise StoreError(f"{self.path}: not a Telusur database ({what}); Telusur leaves it untouched")

    def _check_current(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path}: schema version {version} is newer than this Telusur's {SCHEMA_VERSION}; upgrade Telusur")
        if version < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is older than this Telusur's {SCHEMA_VERSION};"
                             f" upgrade it first: telusur upgrade --db {self.path}")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path}: schema version {version} is newer than this Telusur's {SCHEMA_VERSION}; upgrade Telusur"
            )
        for number in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                if number in BACKFILLS:
                    BACKFILLS[number](self.conn)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                self.conn.execute("ROLLBACK")
                raise
        if self.conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:  # written before the id was set
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- runs and transactions -----------------------------------------------------------
    def begin_run(self, paths: Iterable[str]) -> int:
        """Record the start of an analysis run; returns its id."""
        cur = self.conn.execute(
            "INSERT INTO runs (started_at, paths, status) VALUES (?, ?, 'running')",
            (_now(), json.dumps([str(p) for p in paths])),
        )
        return int(cur.lastrowid or 0)

    def close_stale_runs(self) -> int:
        """Mark every run still "running" as "interrupted" (call holding the writer lock); return how many."""
        cur = self.conn.execute("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'", (_now(),))
        return cur.rowcount

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record a run's end, its status (done, interrupted, failed) and its counts."""
        self.conn.execute(
            "UPDATE runs SET finished_at=?, status=?, read=?, new=?, updated=?, unchanged=?, failed=? WHERE id=?",
            (_now(), status, counts.get("read", 0), counts.get("new", 0), counts.get("updated", 0),
             counts.get("unchanged", 0), counts.get("failed", 0), run_id),
        )

    def transaction(self) -> "_Transaction":
        """Return a context manager that commits a batch of writes as one, or rolls it back."""
        return _Transaction(self.conn)

    # -- writes --------------------------------------------------------------------------
    def known_hashes(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """Return ``{id: (content_hash, pipeline_version)}`` for the ids already stored."""
        return known_hashes(self.conn, ids)

    def write_articles(self, rows: list[ArticleRow], run_id: int, pipeline_version: str, learn_templates: bool = True) -> tuple[int, int]:
        """Insert or update articles, their removed debris and (optionally) template-line keys.

        Call inside ``transaction``. Takes stored rows (``to_row``), the run id, the
        pipeline version, and whether to record the rows' body lines for template
        learning (not when the rows come from the template pass itself). Marks the
        corpus stages pending. Returns ``(new, updated)``.
        """
        if not rows:
            return 0, 0
        self.mark_corpus_pending()  # the corpus stages must run before the store is consistent again
        existing = set(self.known_hashes([r.id for r in rows]))
        now = _now()
        self.conn.executemany(
            "INSERT INTO articles (id, source, format, url, content_hash, pipeline_version, title, outlet_name,"
            " outlet_domain, published, language, raw, body, record, first_run, updated_run, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET source=excluded.source, format=excluded.format, url=excluded.url,"
            " content_hash=excluded.content_hash, pipeline_version=excluded.pipeline_version, title=excluded.title,"
            " outlet_name=excluded.outlet_name, outlet_domain=excluded.outlet_domain, published=excluded.published,"
            " language=excluded.language, raw=excluded.raw, body=excluded.body, record=excluded.record,"
            " updated_run=excluded.updated_run, updated_at=excluded.updated_at",
            [
                (r.id, r.source, r.format, r.url, r.content_hash, pipeline_version, r.title, r.outlet_name,
                 r.outlet_domain, r.published, r.language, r.raw, r.body, r.record, run_id, run_id, now)
                for r in rows
            ],
        )
        ids = [(r.id,) for r in rows]
        _index_stems(self.conn, [(r.id, r.title, r.body) for r in rows])
        self.conn.executemany("DELETE FROM removed_lines WHERE article_id=?", ids)
        self.conn.executemany(
            'INSERT INTO removed_lines (article_id, seq, start, "end", reason, text) VALUES (?,?,?,?,?,?)',
            [(r.id, i, *piece) for r in rows for i, piece in enumerate(r.removed)],
        )
        self.conn.executemany("DELETE FROM article_entities WHERE article_id=?", ids)
        self.conn.executemany(
            "INSERT INTO article_entities (article_id, seq, name, type, stands_for, surfaces, mentions) VALUES (?,?,?,?,?,?,?)",
            [(r.id, i, *entity) for r in rows for i, entity in enumerate(r.entities)],
        )
        if learn_templates:
            self.conn.executemany("DELETE FROM template_lines WHERE article_id=?", ids)
            self.conn.executemany(
                "INSERT OR IGNORE INTO template_lines (outlet, line_key, lead_key, article_id, long) VALUES (?,?,?,?,?)",
                [(r.outlet_key, k, r.lead_key, r.id, int(long)) for r in rows if r.outlet_key for k, long in r.line_keys],
            )
        new = len({r.id for r in rows} - existing)
        return new, len({r.id for r in rows}) - new

    # -- corpus entities ---------------------------------------------------------------------
    def article_entities(self) -> Iterator[ArticleEntity]:
        """Yield every stored article's entities, by article and position."""
        for article_id, name, kind, stands_for, surfaces, mentions in self.conn.execute(
            "SELECT article_id, name, type, stands_for, surfaces, mentions FROM article_entities ORDER BY article_id, seq"
        ):
            yield ArticleEntity(article_id, name, kind, stands_for, tuple(json.loads(surfaces)), mentions)

    def replace_corpus_entities(self, resolution: Resolution) -> None:
        """Replace the stored corpus entities and their members (call inside ``transaction``).

        Members are joined in SQL from the (name, type) map, then the per-article
        exceptions are applied, so no list of every member is built in Python.
        """
        self.conn.execute("DELETE FROM corpus_entities")
        self.conn.execute("DELETE FROM corpus_entity_members")
        self.conn.executemany(
            "INSERT INTO corpus_entities (id, name, type, stands_for, aliases, articles, mentions) VALUES (?,?,?,?,?,?,?)",
            [(e.id, e.name, e.type, e.stands_for, json.dumps(e.aliases, ensure_ascii=False), e.articles, e.mentions)
             for e in resolution.entities],
        )
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS name_map (name TEXT, type TEXT, entity_id TEXT, PRIMARY KEY (name, type))")
        self.conn.execute("DELETE FROM name_map")
        self.conn.executemany("INSERT INTO name_map (name, type, entity_id) VALUES (?,?,?)",
                              [(name, kind, eid) for (name, kind), eid in resolution.name_map.items()])
        self.conn.execute(
            "INSERT OR IGNORE INTO corpus_entity_members (entity_id, article_id, name)"
            " SELECT m.entity_id, a.article_id, a.name FROM article_entities a JOIN name_map m ON m.name = a.name AND m.type = a.type"
        )
        self.conn.executemany("INSERT OR REPLACE INTO corpus_entity_members (entity_id, article_id, name) VALUES (?,?,?)",
                              [(eid, article_id, name) for article_id, name, eid in resolution.exceptions])
        self.conn.execute("DELETE FROM name_map")

    def corpus_version(self) -> str | None:
        """Return the version of the corpus stages that last ran over the store, or None."""
        row = self.conn.execute("SELECT value FROM corpus_state WHERE name='corpus_version'").fetchone()
        return row[0] if row else None

    def set_corpus_version(self, version: str) -> None:
        """Record that the corpus stages of ``version`` ran over the stored articles (clears ``corpus_pending``)."""
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('corpus_version', ?)", (version,))
            self.conn.execute("DELETE FROM corpus_state WHERE name = 'pending'")

    def mark_corpus_pending(self) -> None:
        """Record that articles changed since the corpus stages last finished (call inside ``transaction``)."""
        self.conn.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('pending', '1')")

    def corpus_pending(self) -> bool:
        """Return True when articles changed since the corpus stages last finished (a run stopped before them)."""
        return self.conn.execute("SELECT 1 FROM corpus_state WHERE name = 'pending'").fetchone() is not None

    def corpus_entities(self, min_articles: int = 1) -> list[CorpusEntity]:
        """Return the corpus entities found in at least ``min_articles`` articles, most widespread first."""
        out = []
        for eid, name, kind, stands_for, aliases, mentions in self.conn.execute(
            "SELECT id, name, type, stands_for, aliases, mentions FROM corpus_entities WHERE articles >= ?"
            " ORDER BY articles DESC, mentions DESC, id", (min_articles,)
        ).fetchall():
            members = tuple(self.conn.execute(
                "SELECT article_id, name FROM corpus_entity_members WHERE entity_id=? ORDER BY article_id, name", (eid,)
            ).fetchall())
            out.append(CorpusEntity(eid, name, kind, stands_for, tuple(tuple(a) for a in json.loads(aliases)), members, mentions,
                                    len({a for a, _ in members})))
        return out

    def corpus_entity(self, entity_id: str) -> CorpusEntity | None:
        """Return one corpus entity with its members, or None when the id is unknown."""
        row = self.conn.execute("SELECT id, name, type, stands_for, aliases, mentions FROM corpus_entities WHERE id=?",
                                (entity_id,)).fetchone()
        if row is None:
            return None
        members = tuple(self.conn.execute(
            "SELECT article_id, name FROM corpus_entity_members WHERE entity_id=? ORDER BY article_id, name", (entity_id,)
        ).fetchall())
        return CorpusEntity(row[0], row[1], row[2], row[3], tuple(tuple(a) for a in json.loads(row[4])), members, row[5],
                            len({a for a, _ in members}))

    def entity_ids(self, article_ids: list[str]) -> dict[tuple[str, str], str]:
        """Return ``(article id, the article's entity name) -> corpus entity id`` for the given articles."""
        out: dict[tuple[str, str], str] = {}
        for chunk, marks in _in_chunks(article_ids):
            for article_id, name, entity_id in self.conn.execute(
                f"SELECT article_id, name, entity_id FROM corpus_entity_members WHERE article_id IN ({marks})", chunk
            ):
                out[(article_id, name)] = entity_id
        return out

    def entity_names(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Return corpus entity id -> display name for the given ids (unknown ids left out)."""
        out: dict[str, str] = {}
        for chunk, marks in _in_chunks(sorted(set(entity_ids))):
            out.update(self.conn.execute(f"SELECT id, name FROM corpus_entities WHERE id IN ({marks})", chunk))
        return out

    # -- near-duplicates -----------------------------------------------------------------------
    def bodies(self) -> Iterator[tuple[str, str]]:
        """Yield ``(id, body)`` of every stored article, by id (read in one pass, not held)."""
        yield from self.conn.execute("SELECT id, body FROM articles ORDER BY id")

    def replace_near_duplicates(self, clusters: list[Cluster]) -> None:
        """Replace the stored near-duplicate clusters (call inside ``transaction``)."""
        self.conn.execute("DELETE FROM duplicate_members")
        self.conn.execute("DELETE FROM duplicate_pairs")
        self.conn.executemany("INSERT INTO duplicate_members (article_id, cluster_id) VALUES (?,?)",
                              [(m, c.id) for c in clusters for m in c.members])
        self.conn.executemany("INSERT OR IGNORE INTO duplicate_pairs (cluster_id, a, b, similarity) VALUES (?,?,?,?)",
                              [(c.id, a, b, sim) for c in clusters for a, b, sim in c.pairs])

    def near_duplicates(self) -> list[Cluster]:
        """Return the stored near-duplicate clusters, by id."""
        members: dict[str, list[str]] = {}
        for article_id, cluster_id in self.conn.execute(
            "SELECT article_id, cluster_id FROM duplicate_members ORDER BY cluster_id, article_id"
        ):
            members.setdefault(cluster_id, []).append(article_id)
        pairs: dict[str, list[tuple[str, str, float]]] = {}
        for cluster_id, a, b, sim in self.conn.execute(
            "SELECT cluster_id, a, b, similarity FROM duplicate_pairs ORDER BY cluster_id, a, b"
        ):
            pairs.setdefault(cluster_id, []).append((a, b, sim))
        return [Cluster(cid, tuple(m), tuple(pairs.get(cid, []))) for cid, m in members.items()]

    # -- siblings and fact diffs -------------------------------------------------------------
    def replace_rewrites(self, pairs: Sequence[SiblingPair], diffs: Iterable[FactDiff],
                         keep_diffs_of: Iterable[str] = ()) -> int:
        """Replace the stored sibling pairs, and the fact diffs but those of ``keep_diffs_of`` (call inside ``transaction``).

        Diffs are kept by departing article: pass every member of each sibling group whose
        diffs stand (its members and their bodies unchanged). ``diffs`` is read as a stream
        (it may load articles from this store as it goes). Returns the largest ``seq`` of the
        diffs kept (0 when none): the diffs given are stored after it, in the order given.
        """
        self.conn.execute("DELETE FROM sibling_pairs")
        kept = sorted(set(keep_diffs_of))
        if kept:
            self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS kept_diffs (article_id TEXT PRIMARY KEY)")
            self.conn.execute("DELETE FROM kept_diffs")
            self.conn.executemany("INSERT INTO kept_diffs VALUES (?)", ((k,) for k in kept))
            self.conn.execute("DELETE FROM fact_diffs WHERE article_id NOT IN (SELECT article_id FROM kept_diffs)")
        else:
            self.conn.execute("DELETE FROM fact_diffs")
        self.conn.executemany(
            "INSERT INTO sibling_pairs (group_id, a, b, relation, coverage, source) VALUES (?,?,?,?,?,?)",
            ((p.group, p.a, p.b, p.relation, p.coverage, p.source) for p in pairs))
        last = int(self.conn.execute("SELECT coalesce(MAX(seq), 0) FROM fact_diffs").fetchone()[0])
        # a diff given without its texts gets them cut from the stored bodies by offset
        self.conn.executemany(
            "INSERT INTO fact_diffs (kind, verdict, article_id, start, end, says, sibling_id, sibling_start, sibling_end,"
            " sibling_says, detail, confidence) VALUES (?,?,?,?,?,"
            " coalesce(nullif(?, ''), (SELECT substr(body, ? + 1, ? - ?) FROM articles WHERE id = ?), ''),"
            " ?,?,?,"
            " coalesce(nullif(?, ''), (SELECT substr(body, ? + 1, ? - ?) FROM articles WHERE id = ?), ''),"
            " ?,?)",
            ((d.kind, d.verdict, d.a_id, d.a_start, d.a_end, d.a_says, d.a_start, d.a_end, d.a_start, d.a_id,
              d.b_id, d.b_start, d.b_end, d.b_says, d.b_start, d.b_end, d.b_start, d.b_id, d.detail, d.confidence)
             for d in diffs))
        return last

    def distortion_sides(self, after: int = 0, page: int = 10_000) -> Iterator[tuple[int, str, str, str, str]]:
        """Yield ``(seq, article id, sibling id, kind, detail)`` of every distortion stored after ``seq`` ``after``.

        Read ``page`` rows at a time, each page by a query of its own: the rows may be
        updated (``flip_fact_diffs``) while this is being read.
        """
        while True:
            rows = self.conn.execute(
                "SELECT seq, article_id, sibling_id, kind, detail FROM fact_diffs"
                " WHERE seq > ? AND verdict = 'distortion' ORDER BY seq LIMIT ?", (after, page)).fetchall()
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1][0]

    def flip_fact_diffs(self, flips: Iterable[tuple[int, str]]) -> None:
        """Swap the two sides of each diff given as ``(seq, its detail seen from the other side)``.

        Article and sibling trade their ids, offsets and texts; the detail is the one given.
        """
        self.conn.executemany(
            "UPDATE fact_diffs SET article_id = sibling_id, start = sibling_start, end = sibling_end, says = sibling_says,"
            " sibling_id = article_id, sibling_start = start, sibling_end = end, sibling_says = says, detail = ?"
            " WHERE seq = ?", ((detail, seq) for seq, detail in flips))

    def near_duplicate_pair(self, a: str, b: str) -> bool:
        """Return True when articles ``a`` and ``b`` are a stored near-duplicate pair (either order)."""
        found = self.conn.execute("SELECT 1 FROM duplicate_pairs WHERE a = ? AND b = ?", (min(a, b), max(a, b)))
        return found.fetchone() is not None

    def _stale(self, table: str) -> list[str]:
        """Ids of articles with no row in ``table`` (term_signatures, story_profiles), or one made before the
        article was last written; rows of articles no longer stored are dropped."""
        assert table in ("term_signatures", "story_profiles")
        self.conn.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        return [r[0] for r in self.conn.execute(
            f"SELECT a.id FROM articles a LEFT JOIN {table} s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL OR s.updated_run != a.updated_run ORDER BY a.id")]

    def stale_profiles(self) -> list[str]:
        """Return the ids of articles whose story profile is missing or older than the article (call inside ``transaction``)."""
        return self._stale("story_profiles")

    def put_story_profiles(self, rows: Iterable[tuple[str, str | None, str]]) -> None:
        """Store ``(article id, day, features JSON)`` stamped with the article's updated_run."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_profiles (article_id, updated_run, day, features)"
            " SELECT ?, updated_run, ?, ? FROM articles WHERE id = ?", ((i, day, f, i) for i, day, f in rows))

    def story_profiles(self) -> Iterator[tuple[str, str | None, str]]:
        """Yield ``(article id, day, features JSON)`` of every stored article's story profile."""
        yield from self.conn.execute("SELECT article_id, day, features FROM story_profiles ORDER BY article_id")

    def stale_signatures(self) -> list[str]:
        """Return the ids of articles with no term signature, or one made before the article was last written.

        Also forgets the signatures and alignment verdicts of articles no longer stored,
        and the verdicts of every stale article (call inside ``transaction``).
        """
        stale = self._stale("term_signatures")
        self.conn.execute("DELETE FROM sibling_checks WHERE a NOT IN (SELECT id FROM articles)"
                          " OR b NOT IN (SELECT id FROM articles)")
        for chunk, marks in _in_chunks(stale):
            self.conn.execute(f"DELETE FROM sibling_checks WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
        return stale

    def put_term_signatures(self, rows: Iterable[tuple[str, str | None, str, bytes]]) -> None:
        """Store ``(article id, published, agencies JSON, signature bytes)`` stamped with the article's updated_run."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO term_signatures (article_id, updated_run, published, agencies, signature)"
            " SELECT ?, updated_run, ?, ?, ? FROM articles WHERE id = ?",
            ((i, published, agencies, sig, i) for i, published, agencies, sig in rows))

    def term_signatures(self) -> Iterator[tuple[str, str | None, str, bytes]]:
        """Yield ``(id, published, agencies JSON, signature)`` of every article, in ``articles()`` order."""
        yield from self.conn.execute(
            "SELECT s.article_id, s.published, s.agencies, s.signature FROM term_signatures s"
            " JOIN articles a ON a.id = s.article_id ORDER BY a.published IS NULL, a.published, a.id")

    def sibling_checks(self) -> dict[tuple[str, str], float | None]:
        """Return every aligned candidate pair with its coverage when it was found siblings, else None."""
        return {(a, b): cov for a, b, cov in self.conn.execute("SELECT a, b, coverage FROM sibling_checks")}

    def put_sibling_checks(self, checks: Mapping[tuple[str, str], float | None]) -> None:
        """Remember aligned candidate pairs and their verdicts (call inside ``transaction``)."""
        self.conn.executemany("INSERT OR REPLACE INTO sibling_checks (a, b, coverage) VALUES (?,?,?)",
                              ((a, b, cov) for (a, b), cov in checks.items()))

    def forget_corpus_work(self) -> None:
        """Drop every kept signature, alignment verdict and story profile, so the corpus stages start afresh."""
        with self.transaction():
            for table in ("term_signatures", "sibling_checks", "story_profiles"):
                self.conn.execute(f"DELETE FROM {table}")

    def sibling_pairs(self, of: list[str] | None = None) -> list[SiblingPair]:
        """Return the stored sibling pairs (only those with an article among ``of``, when given), by group then ids."""
        sql = "SELECT group_id, a, b, relation, coverage, source FROM sibling_pairs"
        if of is None:
            return [SiblingPair(*row) for row in self.conn.execute(sql + " ORDER BY group_id, a, b")]
        found: set[tuple[object, ...]] = set()
        for chunk, marks in _in_chunks(of):
            found.update(self.conn.execute(sql + f" WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk))
        return [SiblingPair(*row) for row in sorted(found, key=lambda r: (r[0], r[1], r[2]))]  # type: ignore[arg-type]

    def changed_fact_count(self) -> int:
        """Return the number of facts rewrites changed: each once, however many faithful siblings show it."""
        return int(self.conn.execute("SELECT COUNT(*) FROM (SELECT DISTINCT article_id, start, kind FROM fact_diffs"
                                     " WHERE verdict = 'distortion')").fetchone()[0])

    def fact_diffs(self, verdict: str | None = None, of: list[str] | None = None, texts: bool = True) -> list[FactDiff]:
        """Return the stored fact diffs (all, or one verdict; only those touching ``of``, when given).

        Ordered by departing article, offset, sibling and kind: the same order however
        many runs the diffs were made in. With ``texts`` False the ``*_says`` fields are
        empty (the offsets say where the sentences are).
        """
        says = ("says", "sibling_says") if texts else ("''", "''")
        sql = (f"SELECT seq, kind, verdict, article_id, start, end, {says[0]}, sibling_id, sibling_start, sibling_end,"
               f" {says[1]}, detail, confidence FROM fact_diffs WHERE (? IS NULL OR verdict = ?)")
        order = " ORDER BY article_id, start, sibling_id, kind, seq"
        if of is None:
            rows = list(self.conn.execute(sql + order, (verdict, verdict)))
        else:
            found: set[tuple[object, ...]] = set()
            for chunk, marks in _in_chunks(of):
                found.update(self.conn.execute(sql + f" AND (article_id IN ({marks}) OR sibling_id IN ({marks}))",
                                               [verdict, verdict, *chunk, *chunk]))
            rows = sorted(found, key=lambda r: (r[3], r[4], r[7], r[1], r[0]))  # type: ignore[arg-type,return-value]
        return [FactDiff(*row[1:]) for row in rows]

    def article_outlets(self, outlet: str | None = None) -> dict[str, tuple[str, str | None]]:
        """Return article id -> (outlet name or domain, publication time) for every stored article (or one outlet's)."""
        sql = "SELECT id, outlet_name, outlet_domain, published FROM articles"
        rows = self.conn.execute(sql) if outlet is None else self.conn.execute(
            sql + " WHERE COALESCE(NULLIF(outlet_name, ''), outlet_domain, '') = ?", (outlet,))
        return {i: (name or domain or "", published) for i, name, domain, published in rows}

    # -- stories ------------------------------------------------------------------------------
    def story_members(self) -> dict[str, str]:
        """Return article id -> story id for every article given a story."""
        return dict(self.conn.execute("SELECT article_id, story_id FROM story_members"))

    def replace_stories(self, members: dict[str, str], views: dict[str, dict[str, object]],
                        keep_views_of: Iterable[str] = ()) -> None:
        """Replace story membership, and the views but those of the stories in ``keep_views_of``.

        ``views[story][kind]`` is JSON-able; call inside ``transaction``.
        """
        self.conn.execute("DELETE FROM story_members")
        kept = sorted(set(keep_views_of))
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS kept_stories (story_id TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM kept_stories")
        self.conn.executemany("INSERT INTO kept_stories VALUES (?)", ((k,) for k in kept))
        self.conn.execute("DELETE FROM story_views WHERE story_id NOT IN (SELECT story_id FROM kept_stories)")
        self.conn.executemany("INSERT INTO story_members (article_id, story_id) VALUES (?,?)", sorted(members.items()))
        self.conn.executemany("INSERT INTO story_views (story_id, kind, data) VALUES (?,?,?)", [
            (sid, kind, json.dumps(data, ensure_ascii=False)) for sid, kinds in sorted(views.items())
            for kind, data in sorted(kinds.items())])

    def story_ids(self) -> list[str]:
        """Return the ids of the stored stories, largest first, then by id."""
        return [r[0] for r in self.conn.execute(
            "SELECT story_id FROM story_members GROUP BY story_id ORDER BY COUNT(*) DESC, story_id")]

    def story_view(self, story_id: str, kind: str) -> object | None:
        """Return one stored view of a story ("story", "events", "timeline", "claims", "summary"), or None."""
        row = self.conn.execute("SELECT data FROM story_views WHERE story_id=? AND kind=?", (story_id, kind)).fetchone()
        return json.loads(row[0]) if row else None

    def put_failure(self, failure: Failure, run_id: int) -> None:
        """Record a document that could not be analysed in this run."""
        self.conn.execute(
            "INSERT INTO failures (run_id, doc_id, source, stage, reason, code) VALUES (?,?,?,?,?,?)",
            (run_id, failure.doc_id, failure.source, failure.stage, failure.reason, failure.code),
        )

    # -- templates -------------------------------------------------------------------------
    def template_line_counts(self, min_articles: int = 2) -> tuple[list[LineCount], dict[str, int]]:
        """Return the line counts template learning reads (``corpus.templates``) and each outlet's distinct articles.

        A line's count is the number of distinct articles (distinct lead keys) of its outlet
        holding it; lines in fewer than ``min_articles`` are left out (they cannot be templates).
        """
        sizes = dict(self.conn.execute("SELECT outlet, COUNT(DISTINCT lead_key) FROM template_lines GROUP BY outlet"))
        counts = [LineCount(outlet, key, int(n), bool(long)) for outlet, key, n, long in self.conn.execute(
            "SELECT outlet, line_key, COUNT(DISTINCT lead_key), MAX(long) FROM template_lines GROUP BY outlet, line_key"
            " HAVING COUNT(DISTINCT lead_key) >= ?", (min_articles,))]
        return counts, {k: int(v) for k, v in sizes.items()}

    def applied_templates(self) -> dict[str, frozenset[str]]:
        """Return ``{outlet: keys}`` of the templates already stripped from the store."""
        out: dict[str, set[str]] = {}
        for outlet, key in self.conn.execute("SELECT outlet, line_key FROM templates"):
            out.setdefault(outlet, set()).add(key)
        return {k: frozenset(v) for k, v in out.items()}

    def record_templates(self, outlet: str, keys: frozenset[str]) -> None:
        """Remember that these template keys have been stripped from the outlet's articles."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO templates (outlet, line_key) VALUES (?, ?)", [(outlet, k) for k in sorted(keys)]
        )

    def articles_with_lines(self, outlet: str, keys: frozenset[str], after_run: int | None = None) -> list[str]:
        """Return ids of the outlet's articles whose body held one of ``keys`` when stored.

        With ``after_run``, only articles written or rewritten by a later run.
        """
        found: set[str] = set()
        key_list = sorted(keys)
        run_filter = " AND article_id IN (SELECT id FROM articles WHERE updated_run > ?)" if after_run is not None else ""
        for chunk, marks in _in_chunks(key_list):
            args = [outlet, *chunk] + ([after_run] if after_run is not None else [])
            found.update(
                r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT article_id FROM template_lines WHERE outlet=? AND line_key IN ({marks}){run_filter}",
                    args,
                )
            )
        return sorted(found)

    def templates_through(self) -> int:
        """Return the last run whose template pass finished (0 when none did).

        Articles written by later runs (this one, or one killed before its pass ended)
        have not had the known templates applied yet.
        """
        row = self.conn.execute("SELECT value FROM corpus_state WHERE name = 'templates_through'").fetchone()
        return int(row[0]) if row else 0

    def set_templates_through(self, run_id: int) -> None:
        """Record that run ``run_id``'s template pass finished (call inside ``transaction``)."""
        self.conn.execute("INSERT OR REPLACE INTO corpus_state (name, value) VALUES ('templates_through', ?)", (str(run_id),))

    # -- reads -----------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        """Return the stored article with this id, or None."""
        row = self.conn.execute("SELECT record, raw, body FROM articles WHERE id=?", (article_id,)).fetchone()
        return from_stored(*row) if row else None

    def ids_with_words(self, words: list[str], limit: int = 20) -> list[str]:
        """Return the ids of up to ``limit`` articles whose title or body holds every one of
        ``words`` (full-text index; each word matched as a quoted term)."""
        expression = " ".join('"' + w.replace('"', '""') + '"' for w in words if w.strip())
        if not expression:
            return []
        rows = self.conn.execute("SELECT a.id FROM article_search s JOIN articles a ON a.rowid = s.rowid"
                                 " WHERE article_search MATCH ? LIMIT ?", (expression, limit))
        return [row[0] for row in rows]

    def body(self, article_id: str) -> str | None:
        """Return the clean body of one stored article (no record decoded), or None."""
        row = self.conn.execute("SELECT body FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def stored_records(self, ids: list[str]) -> list[tuple[str, str, str]]:
        """Return ``(record, raw, body)`` for the given ids that are stored, in the ids' order."""
        found: dict[str, tuple[str, str, str]] = {}
        for chunk, marks in _in_chunks(ids):
            for row in self.conn.execute(f"SELECT id, record, raw, body FROM articles WHERE id IN ({marks})", chunk):
                found[row[0]] = (row[1], row[2], row[3])
        return [found[i] for i in ids if i in found]

    def articles_by_id(self, ids: list[str], chunk: int = 256) -> Iterator[Article]:
        """Yield the stored articles among ``ids``, in their order, ``chunk`` records read at a time."""
        for start in range(0, len(ids), chunk):
            for record, raw, body in self.stored_records(ids[start:start + chunk]):
                yield from_stored(record, raw, body)

    def articles(self, outlet: str | None = None, language: str | None = None) -> Iterator[Article]:
        """Yield stored articles ordered by publication time then id, optionally filtered.

        ``outlet`` matches the outlet's domain or name; ``language`` its code.
        """
        sql, args = "SELECT record, raw, body FROM articles WHERE 1=1", []
        if outlet:
            sql += " AND (outlet_domain=? OR outlet_name=?)"
            args += [outlet, outlet]
        if language:
            sql += " AND language=?"
            args.append(language)
        sql += " ORDER BY published IS NULL, published, id"
        for record, raw, body in self.conn.execute(sql, args):
            yield from_stored(record, raw, body)

    def article_ids(self, outlet: str | None = None) -> list[str]:
        """Return the ids of the stored articles (only one outlet's, by domain or name, any case), sorted."""
        if outlet is None:
            return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE outlet_domain = ? COLLATE NOCASE OR outlet_name = ? COLLATE NOCASE ORDER BY id",
            (outlet, outlet))]

    def count(self) -> int:
        """Return the number of stored articles."""
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def failures(self, run_id: int | None = None) -> list[Failure]:
        """Return the failures of one run (the latest when ``run_id`` is None)."""
        if run_id is None:
            row = self.conn.execute("SELECT MAX(id) FROM runs").fetchone()
            run_id = row[0] if row else None
        rows = self.conn.execute(
            "SELECT doc_id, source, stage, reason, code FROM failures WHERE run_id=? ORDER BY id", (run_id,)
        )
        return [Failure(*r) for r in rows]

    def stats(self) -> dict[str, object]:
        """Return summary figures: articles per outlet and language, debris pieces per reason."""
        outlets = dict(self.conn.execute(
            "SELECT COALESCE(outlet_name, outlet_domain, '(unknown)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ))
        languages = dict(self.conn.execute(
            "SELECT COALESCE(language, '(unknown)'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ))
        reasons = self.removed_reasons()
        return {"outlets": outlets, "languages": languages, "reasons": reasons, "removed_total": sum(reasons.values())}

    def corpus_counts(self) -> dict[str, int]:
        """Return what the corpus stages found: stories, corpus entities, near-duplicate clusters, sibling pairs, distortions."""
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        return {"stories": one("SELECT COUNT(DISTINCT story_id) FROM story_members"),
                "entities": one("SELECT COUNT(*) FROM corpus_entities"),
                "duplicate_clusters": one("SELECT COUNT(DISTINCT cluster_id) FROM duplicate_members"),
                "sibling_pairs": one("SELECT COUNT(*) FROM sibling_pairs"),
                "distortions": one("SELECT COUNT(*) FROM fact_diffs WHERE verdict = 'distortion'")}

    def runs(self, limit: int = 20) -> list[dict[str, object]]:
        """Return the latest ``limit`` runs, newest first, with their counts."""
        keys = ("id", "started_at", "finished_at", "status", "read", "new", "updated", "unchanged", "failed")
        return [dict(zip(keys, r, strict=True)) for r in self.conn.execute(
            f"SELECT {', '.join(keys)} FROM runs ORDER BY id DESC LIMIT ?", (limit,))]

    def written_in(self, run_id: int) -> list[str]:
        """Return the ids of the articles written or rewritten by run ``run_id``, sorted."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE updated_run = ? ORDER BY id", (run_id,))]

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story an article belongs to, or None."""
        row = self.conn.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def removed_pieces(self) -> Iterator[tuple[str, int, int, str, str]]:
        """Yield every removed piece as ``(article_id, start, end, reason, text)``, by article and position."""
        yield from self.conn.execute(
            'SELECT article_id, start, "end", reason, text FROM removed_lines ORDER BY article_id, seq'
        )

    def removed_reasons(self) -> dict[str, int]:
        """Return how many removed pieces each debris reason accounts for, over the store."""
        return dict(self.conn.execute("SELECT reason, COUNT(*) FROM removed_lines GROUP BY reason ORDER BY 2 DESC, 1"))


def _in_chunks(values: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """Yield ``(chunk, "?,?,...")`` pairs so an ``IN (...)`` query stays under SQLite's variable limit."""
    for i in range(0, len(values), size):
        chunk = values[i : i + size]
        yield chunk, ",".join("?" * len(chunk))


def known_articles(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """Return ``{id: (content_hash, pipeline_version, source)}`` for the stored ids, on any connection."""
    out: dict[str, tuple[str, str, str]] = {}
    for chunk, marks in _in_chunks(ids):
        for row in conn.execute(f"SELECT id, content_hash, pipeline_version, source FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = (row[1], row[2], row[3])
    return out


def known_hashes(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Return ``{id: (content_hash, pipeline_version)}`` for the stored ids, on any connection."""
    out: dict[str, tuple[str, str]] = {}
    for chunk, marks in _in_chunks(ids):
        for row in conn.execute(f"SELECT id, content_hash, pipeline_version FROM articles WHERE id IN ({marks})", chunk):
            out[row[0]] = (row[1], row[2])
    return out


def _statements(script: str) -> list[str]:
    """Split a migration into statements; a trigger's body keeps its inner semicolons."""
    out, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        raise StoreError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")
    return out


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _index_stems(conn: sqlite3.Connection, rows: Iterable[tuple[str, str | None, str]]) -> None:
    """Put stored articles' ``(id, title, body)`` into the stemmed search index, replacing what it held."""
    for article_id, title, body in rows:
        found = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if found is None:
            continue
        conn.execute("DELETE FROM article_stems WHERE rowid = ?", found)
        conn.execute("INSERT INTO article_stems (rowid, title, body) VALUES (?, ?, ?)",
                     (found[0], stemmed(title or ""), stemmed(body)))


def _fill_stems(conn: sqlite3.Connection) -> None:
    """Migration 12's backfill: the stems of every article already stored."""
    _index_stems(conn, conn.execute("SELECT id, title, body FROM articles").fetchall())


# Python run inside a migration's transaction, after its SQL: migration index -> function
BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {11: _fill_stems}

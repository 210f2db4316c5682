"""The store's articles: writes of analysed articles, reads by id, outlet and run, failures and figures."""

from __future__ import annotations

from collections.abc import Iterator

from telusur.model import Article, Failure
from telusur.store.base import StoreBase
from telusur.store.rows import ArticleRow, from_stored
from telusur.store.sql import in_chunks, index_stems, known_hashes, now


class ArticleStore(StoreBase):
    """Articles, their debris, runs' failures and figures: what the per-article stage writes and every page reads."""

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
        stamp = now()
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
                 r.outlet_domain, r.published, r.language, r.raw, r.body, r.record, run_id, run_id, stamp)
                for r in rows
            ],
        )
        ids = [(r.id,) for r in rows]
        index_stems(self.conn, [(r.id, r.title, r.body) for r in rows])
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
        for chunk, marks in in_chunks(ids):
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

    def put_failure(self, failure: Failure, run_id: int) -> None:
        """Record a document that could not be analysed in this run."""
        self.conn.execute(
            "INSERT INTO failures (run_id, doc_id, source, stage, reason, code) VALUES (?,?,?,?,?,?)",
            (run_id, failure.doc_id, failure.source, failure.stage, failure.reason, failure.code),
        )

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

    def removed_pieces(self) -> Iterator[tuple[str, int, int, str, str]]:
        """Yield every removed piece as ``(article_id, start, end, reason, text)``, by article and position."""
        yield from self.conn.execute(
            'SELECT article_id, start, "end", reason, text FROM removed_lines ORDER BY article_id, seq'
        )

    def removed_reasons(self) -> dict[str, int]:
        """Return how many removed pieces each debris reason accounts for, over the store."""
        return dict(self.conn.execute("SELECT reason, COUNT(*) FROM removed_lines GROUP BY reason ORDER BY 2 DESC, 1"))

    def article_outlets(self, outlet: str | None = None) -> dict[str, tuple[str, str | None]]:
        """Return article id -> (outlet name or domain, publication time) for every stored article (or one outlet's)."""
        sql = "SELECT id, outlet_name, outlet_domain, published FROM articles"
        rows = self.conn.execute(sql) if outlet is None else self.conn.execute(
            sql + " WHERE COALESCE(NULLIF(outlet_name, ''), outlet_domain, '') = ?", (outlet,))
        return {i: (name or domain or "", published) for i, name, domain, published in rows}

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story an article belongs to, or None."""
        row = self.conn.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

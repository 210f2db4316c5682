"""The store's relations between articles: corpus entities, near-duplicates, sibling pairs and fact diffs,
the signatures and verdicts kept between runs, and template lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence

from telusur.model import ArticleEntity, Cluster, CorpusEntity, FactDiff, LineCount, Resolution, SiblingPair
from telusur.store.base import StoreBase
from telusur.store.sql import in_chunks


class RelationStore(StoreBase):
    """What the corpus stages keep between articles: corpus entities, near-duplicates, siblings and fact diffs, templates."""

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
        for chunk, marks in in_chunks(article_ids):
            for article_id, name, entity_id in self.conn.execute(
                f"SELECT article_id, name, entity_id FROM corpus_entity_members WHERE article_id IN ({marks})", chunk
            ):
                out[(article_id, name)] = entity_id
        return out

    def entity_names(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Return corpus entity id -> display name for the given ids (unknown ids left out)."""
        out: dict[str, str] = {}
        for chunk, marks in in_chunks(sorted(set(entity_ids))):
            out.update(self.conn.execute(f"SELECT id, name FROM corpus_entities WHERE id IN ({marks})", chunk))
        return out

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
            " sibling_says, what, a_value, b_value, confidence) VALUES (?,?,?,?,?,"
            " coalesce(nullif(?, ''), (SELECT substr(body, ? + 1, ? - ?) FROM articles WHERE id = ?), ''),"
            " ?,?,?,"
            " coalesce(nullif(?, ''), (SELECT substr(body, ? + 1, ? - ?) FROM articles WHERE id = ?), ''),"
            " ?,?,?,?)",
            ((d.kind, d.verdict, d.a_id, d.a_start, d.a_end, d.a_says, d.a_start, d.a_end, d.a_start, d.a_id,
              d.b_id, d.b_start, d.b_end, d.b_says, d.b_start, d.b_end, d.b_start, d.b_id, d.what, d.a_value, d.b_value, d.confidence)
             for d in diffs))
        return last

    def distortion_sides(self, after: int = 0, page: int = 10_000) -> Iterator[tuple[int, str, str, str]]:
        """Yield ``(seq, article id, sibling id, kind)`` of every distortion stored after ``seq`` ``after``.

        Read ``page`` rows at a time, each page by a query of its own: the rows may be
        updated (``flip_fact_diffs``) while this is being read.
        """
        while True:
            rows = self.conn.execute(
                "SELECT seq, article_id, sibling_id, kind FROM fact_diffs"
                " WHERE seq > ? AND verdict = 'distortion' ORDER BY seq LIMIT ?", (after, page)).fetchall()
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1][0]

    def flip_fact_diffs(self, seqs: Iterable[int]) -> None:
        """Swap the two sides of each diff whose ``seq`` is given (``FactDiff.flipped``, in SQL).

        Article and sibling trade their ids, offsets, texts and versions.
        """
        self.conn.executemany(
            "UPDATE fact_diffs SET article_id = sibling_id, start = sibling_start, end = sibling_end, says = sibling_says,"
            " sibling_id = article_id, sibling_start = start, sibling_end = end, sibling_says = says,"
            " a_value = b_value, b_value = a_value WHERE seq = ?", ((seq,) for seq in seqs))

    def near_duplicate_pair(self, a: str, b: str) -> bool:
        """Return True when articles ``a`` and ``b`` are a stored near-duplicate pair (either order)."""
        found = self.conn.execute("SELECT 1 FROM duplicate_pairs WHERE a = ? AND b = ?", (min(a, b), max(a, b)))
        return found.fetchone() is not None

    def stale_signatures(self) -> list[str]:
        """Return the ids of articles with no term signature, or one made before the article was last written.

        Also forgets the signatures and alignment verdicts of articles no longer stored,
        and the verdicts of every stale article (call inside ``transaction``).
        """
        stale = self._stale("term_signatures")
        self.conn.execute("DELETE FROM sibling_checks WHERE a NOT IN (SELECT id FROM articles)"
                          " OR b NOT IN (SELECT id FROM articles)")
        for chunk, marks in in_chunks(stale):
            self.conn.execute(f"DELETE FROM sibling_checks WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk)
        return stale

    def stale_body_signatures(self) -> list[str]:
        """Return the ids of articles whose body signature is missing or older than the article."""
        return self._stale("body_signatures")

    def bodies_of(self, ids: list[str]) -> list[tuple[str, str]]:
        """Return ``(id, body)`` of the stored articles among ``ids``, in the order given."""
        found: dict[str, str] = {}
        for chunk, marks in in_chunks(ids):
            found.update(self.conn.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk))
        return [(i, found[i]) for i in ids if i in found]

    def put_body_signatures(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Store ``(article id, signature bytes)`` stamped with the article's updated_run (call inside ``transaction``)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO body_signatures (article_id, updated_run, signature)"
            " SELECT ?, updated_run, ? FROM articles WHERE id = ?", ((i, sig, i) for i, sig in rows))

    def body_signatures(self) -> Iterator[tuple[str, bytes]]:
        """Yield ``(id, body signature)`` of every stored article that has one, by id."""
        yield from self.conn.execute(
            "SELECT s.article_id, s.signature FROM body_signatures s JOIN articles a ON a.id = s.article_id"
            " ORDER BY s.article_id")

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
            for table in ("term_signatures", "body_signatures", "sibling_checks", "story_profiles"):
                self.conn.execute(f"DELETE FROM {table}")

    def sibling_pairs(self, of: list[str] | None = None) -> list[SiblingPair]:
        """Return the stored sibling pairs (only those with an article among ``of``, when given), by group then ids."""
        sql = "SELECT group_id, a, b, relation, coverage, source FROM sibling_pairs"
        if of is None:
            return [SiblingPair(*row) for row in self.conn.execute(sql + " ORDER BY group_id, a, b")]
        found: set[tuple[object, ...]] = set()
        for chunk, marks in in_chunks(of):
            found.update(self.conn.execute(sql + f" WHERE a IN ({marks}) OR b IN ({marks})", chunk + chunk))
        return [SiblingPair(*row) for row in sorted(found, key=lambda r: (r[0], r[1], r[2]))]  # type: ignore[arg-type]

    def distortion_spans(self) -> Iterator[tuple[str, str, int, int]]:
        """Yield ``(departing article, kind, start, end)`` of every distortion, ordered so (what counting changed facts reads)."""
        yield from self.conn.execute("SELECT article_id, kind, start, end FROM fact_diffs WHERE verdict = 'distortion'"
                                     " ORDER BY article_id, kind, start, end")

    def fact_diffs(self, verdict: str | None = None, of: list[str] | None = None, texts: bool = True) -> list[FactDiff]:
        """Return the stored fact diffs (all, or one verdict; only those touching ``of``, when given).

        Ordered by departing article, offset, sibling and kind: the same order however
        many runs the diffs were made in. With ``texts`` False the ``*_says`` fields are
        empty (the offsets say where the sentences are).
        """
        says = ("says", "sibling_says") if texts else ("''", "''")
        sql = (f"SELECT seq, kind, verdict, article_id, start, end, {says[0]}, sibling_id, sibling_start, sibling_end,"
               f" {says[1]}, what, a_value, b_value, confidence FROM fact_diffs WHERE (? IS NULL OR verdict = ?)")
        order = " ORDER BY article_id, start, sibling_id, kind, seq"
        if of is None:
            rows = list(self.conn.execute(sql + order, (verdict, verdict)))
        else:
            found: set[tuple[object, ...]] = set()
            for chunk, marks in in_chunks(of):
                found.update(self.conn.execute(sql + f" AND (article_id IN ({marks}) OR sibling_id IN ({marks}))",
                                               [verdict, verdict, *chunk, *chunk]))
            rows = sorted(found, key=lambda r: (r[3], r[4], r[7], r[1], r[0]))  # type: ignore[arg-type,return-value]
        return [FactDiff(*row[1:]) for row in rows]

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
        for chunk, marks in in_chunks(key_list):
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

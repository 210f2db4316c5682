"""Full-text search and paged listings over the stored articles.

Search runs on the ``article_search`` FTS5 index (migration 6), which triggers keep in
step with ``articles``. A user's query is never passed to FTS5 as syntax: every word and
every "quoted phrase" becomes a quoted FTS5 string, so no input can raise a syntax
error or reach an FTS5 operator; all terms must match (AND). Titles weigh five times
the body in the BM25 rank.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from telusur.store.base import StoreBase
from telusur.text.terms import stem_of, stemmed

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
TITLE_WEIGHT = 5.0
SNIPPET_TOKENS = 24
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # snippet markers: control characters never found in a stored body

_TERM = re.compile(r'"([^"]+)"|([\w\'’-]+)', re.UNICODE)


@dataclass(frozen=True)
class ArticleFilter:
    """Filters shared by search and listings: outlet (name or domain), language, date range, corpus entity."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None  # ISO date or date-time, inclusive
    until: str | None = None  # ISO date or date-time, inclusive (a date covers its whole day)
    entity: str | None = None  # corpus entity id


@dataclass(frozen=True)
class ArticleHeader:
    """One article in a listing: what a results page shows, no body."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    words: int
    snippet: str | None = None  # search only: body text around the hits, hits between HIT_OPEN and HIT_CLOSE
    score: float | None = None  # search only: BM25 rank (lower is better)


@dataclass(frozen=True)
class Page:
    """One page of a listing: the total matching, the page's bounds and its items."""

    total: int
    limit: int
    offset: int
    items: list[ArticleHeader]


def fts_query(text: str) -> str:
    """Return the FTS5 MATCH expression for a user's query.

    Takes free text: words and "quoted phrases". Returns every term as a quoted FTS5
    string joined by spaces (all must match). Raises ``ValueError`` when the query is
    longer than MAX_QUERY_CHARS, has more than MAX_TERMS terms, or has no word at all.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise ValueError(f"query is {len(text)} characters; at most {MAX_QUERY_CHARS}")
    terms = [(phrase or word).strip() for phrase, word in _TERM.findall(text)]
    terms = [t for t in terms if re.search(r"\w", t)]
    if not terms:
        raise ValueError("query has no word to search for")
    if len(terms) > MAX_TERMS:
        raise ValueError(f"query has {len(terms)} terms; at most {MAX_TERMS}")
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _where(flt: ArticleFilter) -> tuple[str, list[object]]:
    sql, args = "", []
    if flt.outlet:
        sql += " AND (a.outlet_domain = ? OR a.outlet_name = ?)"
        args += [flt.outlet, flt.outlet]
    if flt.language:
        sql += " AND a.language = ?"
        args.append(flt.language)
    if flt.since:
        sql += " AND a.published >= ?"
        args.append(flt.since)
    if flt.until:
        # a bare date includes its whole day: compare against the next possible character
        sql += " AND a.published <= ?"
        args.append(flt.until + ("\uffff" if len(flt.until) == 10 else ""))
    if flt.entity:
        sql += " AND a.id IN (SELECT article_id FROM corpus_entity_members WHERE entity_id = ?)"
        args.append(flt.entity)
    return sql, args


_HEADER = ("a.id, a.title, coalesce(a.outlet_name, a.outlet_domain), a.published, a.language,"
           " length(a.body) - length(replace(a.body, ' ', '')) + 1")


def search(conn: sqlite3.Connection, text: str, flt: ArticleFilter, limit: int, offset: int) -> Page:
    """Return one page of the articles matching ``text`` under ``flt``, best first.

    Words match by their Indonesian stem ("kirim" finds "mengirim", "dikirimkan" and
    "pengirimannya"; ``text.terms.stem_of``), phrases by the stems of their words in
    order, on the stemmed index (``article_stems``) with BM25, titles weighted
    ``TITLE_WEIGHT``. The snippet is the body around the first hit with every hit marked.
    Raises ``ValueError`` for an unusable query (see ``fts_query``).
    """
    fts_query(text)  # validates
    terms = [(phrase or word).strip() for phrase, word in _TERM.findall(text)]
    stems = [stemmed(t) for t in terms]
    match = " ".join('"' + t.replace('"', '""') + '"' for t in stems if t)
    if not match:
        raise ValueError("query has no word to search for")
    where, args = _where(flt)
    base = "FROM article_stems s JOIN articles a ON a.rowid = s.rowid WHERE article_stems MATCH ?" + where
    total = conn.execute("SELECT COUNT(*) " + base, [match, *args]).fetchone()[0]
    rows = conn.execute(
        f"SELECT {_HEADER}, a.body, bm25(article_stems, {TITLE_WEIGHT}, 1.0) AS rank " + base
        + " ORDER BY rank, a.id LIMIT ? OFFSET ?", [match, *args, limit, offset],
    ).fetchall()
    wanted = {w for t in stems for w in t.split()}
    return Page(int(total), limit, offset, [ArticleHeader(*r[:6], snippet(r[6], wanted), r[7]) for r in rows])


_BODY_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*")


def snippet(body: str, stems: set[str], words: int = SNIPPET_TOKENS) -> str:
    """Return about ``words`` words of ``body`` around its first word whose stem is in ``stems``, hits marked.

    Hits are wrapped in HIT_OPEN / HIT_CLOSE; "…" marks a cut. A body with no hit gives its opening words.
    """
    found = list(_BODY_WORD.finditer(body))
    first = next((i for i, m in enumerate(found) if stem_of(m.group().lower()) in stems), 0)
    lo = max(0, first - words // 3)
    hi = min(len(found), lo + words)
    if not found:
        return body[:200]
    out, at = [], found[lo].start()
    for m in found[lo:hi]:
        out.append(body[at:m.start()])
        hit = stem_of(m.group().lower()) in stems
        out.append(HIT_OPEN + m.group() + HIT_CLOSE if hit else m.group())
        at = m.end()
    return ("…" if lo else "") + "".join(out).replace("\n", " ") + ("…" if hi < len(found) else "")


def list_articles(conn: sqlite3.Connection, flt: ArticleFilter, limit: int, offset: int) -> Page:
    """Return one page of the stored articles under ``flt``, by publication time then id."""
    where, args = _where(flt)
    base = "FROM articles a WHERE 1=1" + where
    total = conn.execute("SELECT COUNT(*) " + base, args).fetchone()[0]
    rows = conn.execute(
        f"SELECT {_HEADER} " + base + " ORDER BY a.published IS NULL, a.published, a.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return Page(int(total), limit, offset, [ArticleHeader(*r) for r in rows])


def headers(conn: sqlite3.Connection, ids: list[str]) -> dict[str, ArticleHeader]:
    """Return the listing header of each stored article among ``ids`` (unknown ids are left out)."""
    out: dict[str, ArticleHeader] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT {_HEADER} FROM articles a WHERE a.id IN ({marks})", chunk):
            out[row[0]] = ArticleHeader(*row)
    return out


@dataclass(frozen=True)
class EntityHeader:
    """A corpus entity in a listing: no members."""

    id: str
    name: str
    type: str
    stands_for: str | None
    aliases: list[tuple[str, int]]
    articles: int
    mentions: int


def list_entities(conn: sqlite3.Connection, min_articles: int, kind: str | None, name: str | None,
                  limit: int, offset: int) -> tuple[int, list[EntityHeader]]:
    """Return (total, one page) of corpus entities, most widespread first.

    Filters: named in at least ``min_articles`` articles, of type ``kind``, and with
    ``name`` in the display name or an alias (case-insensitive). Members are not read.
    """
    import json

    sql, args = " FROM corpus_entities WHERE articles >= ?", [min_articles]
    if kind:
        sql += " AND type = ?"
        args.append(kind)
    if name:
        sql += " AND (instr(lower(name), lower(?)) > 0 OR instr(lower(aliases), lower(?)) > 0)"
        args += [name, name]
    total = conn.execute("SELECT COUNT(*)" + sql, args).fetchone()[0]
    rows = conn.execute("SELECT id, name, type, stands_for, aliases, articles, mentions" + sql
                        + " ORDER BY articles DESC, mentions DESC, id LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    return int(total), [EntityHeader(r[0], r[1], r[2], r[3], [tuple(a) for a in json.loads(r[4])], r[5], r[6]) for r in rows]


def article_ids(conn: sqlite3.Connection, flt: ArticleFilter) -> list[str]:
    """Return the ids of every stored article under ``flt``, by publication time then id."""
    where, args = _where(flt)
    return [r[0] for r in conn.execute(
        "SELECT a.id FROM articles a WHERE 1=1" + where + " ORDER BY a.published IS NULL, a.published, a.id", args)]


class SearchStore(StoreBase):
    """Listings and full-text search as store methods (the functions above on the store's connection), guarded like the rest."""

    def search_articles(self, text: str, flt: ArticleFilter, limit: int, offset: int) -> Page:
        """Return one page of the articles matching ``text`` under ``flt``, best first (``search``)."""
        return search(self.conn, text, flt, limit, offset)

    def list_articles(self, flt: ArticleFilter, limit: int, offset: int) -> Page:
        """Return one page of the stored articles under ``flt``, by publication time then id (``list_articles``)."""
        return list_articles(self.conn, flt, limit, offset)

    def headers(self, ids: list[str]) -> dict[str, ArticleHeader]:
        """Return the listing header of each stored article among ``ids`` (``headers``)."""
        return headers(self.conn, ids)

    def list_entities(self, min_articles: int, kind: str | None, name: str | None, limit: int,
                      offset: int) -> tuple[int, list[EntityHeader]]:
        """Return (total, one page) of corpus entities, most widespread first (``list_entities``)."""
        return list_entities(self.conn, min_articles, kind, name, limit, offset)

    def filtered_ids(self, flt: ArticleFilter) -> list[str]:
        """Return the ids of every stored article under ``flt`` (``article_ids``)."""
        return article_ids(self.conn, flt)

    def entities_written_like(self, probe: str) -> list[tuple[str, str, str]]:
        """Return ``(id, name, aliases JSON)`` of the corpus entities whose name or an alias holds ``probe`` (lower case)."""
        return [tuple(r) for r in self.conn.execute(  # type: ignore[misc]
            "SELECT id, name, aliases FROM corpus_entities WHERE instr(lower(name), ?) > 0 OR instr(lower(aliases), ?) > 0",
            (probe, probe))]

"""Search that knows Indonesian morphology: a word finds its affixed forms, on a real SQLite file."""

from __future__ import annotations

import sqlite3

from telusur.store import Store
from telusur.store.schema import SCHEMA_VERSION
from telusur.store.search import ArticleFilter, HIT_CLOSE, HIT_OPEN, search
from telusur.text.terms import stem_of, stemmed


def test_stems_fold_indonesian_affixes_and_keep_numbers() -> None:
    assert {stem_of(w) for w in ("mengirim", "dikirim", "pengiriman", "kirim")} == {"kirim"}
    assert stemmed("Pyongyang mengirimkan 1.500 pasukannya") == "pyongyang kirim 1.500 pasu"


def test_a_root_and_its_affixed_forms_find_the_same_articles(demo_analysis) -> None:
    conn = demo_analysis.store.conn
    found = {q: {h.id for h in search(conn, q, ArticleFilter(), 50, 0).items} for q in ("kirim", "mengirim", "dikirim")}
    assert found["kirim"] == found["mengirim"] == found["dikirim"] and len(found["kirim"]) >= 8
    raw = {r[0] for r in conn.execute("SELECT a.id FROM article_search s JOIN articles a ON a.rowid = s.rowid"
                                      " WHERE article_search MATCH 'kirim'")}
    assert raw < found["kirim"]  # the bare root alone is rare in news prose
    hit = search(conn, "mengirim", ArticleFilter(), 1, 0).items[0]
    marked = hit.snippet.split(HIT_OPEN)[1].split(HIT_CLOSE)[0]
    assert stem_of(marked.lower()) == "kirim"
    assert search(conn, '"Korea Utara"', ArticleFilter(), 50, 0).total >= 10


def test_an_older_database_gets_its_stems_when_it_is_migrated(demo_analysis, tmp_path, schema_11) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        demo_analysis.store.conn.backup(conn)  # the file alone may lack what its write-ahead log holds
        schema_11(conn)  # as it was before migration 12
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("SELECT COUNT(*) FROM article_stems").fetchone()[0] == store.count()
        assert search(store.conn, "dikirim", ArticleFilter(), 50, 0).total >= 8

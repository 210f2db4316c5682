"""The SQLite store: idempotent re-analysis, updates, failures, schema versions, resume after a kill."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import telusur
from telusur.errors import SchemaVersionError, StoreError
from telusur.store import Store
from telusur.store.schema import SCHEMA_VERSION

from conftest import DEMO

ARTICLE = """Judul Berita Contoh Tentang Banjir Besar di Kota

Penulis: Siti Rahmawati
Senin, 4 Nov 2024 10:00 WIB

Jakarta - Banjir merendam ratusan rumah warga di kota itu sejak Minggu malam setelah hujan deras mengguyur selama berjam-jam tanpa henti. Petugas masih mendata jumlah warga yang mengungsi.

Kepala badan penanggulangan bencana setempat mengatakan air mulai surut pada Senin pagi, namun warga diminta tetap waspada terhadap hujan susulan.

Baca juga: Hujan Deras Diprediksi Berlanjut
"""


def write_articles(folder: Path, n: int, variant: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"art-{i:05d}.txt").write_text(ARTICLE.replace("ratusan", f"{i} {variant}"), encoding="utf-8")


def rows(db: Path, sql: str) -> list:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def wait_until_stored(proc: subprocess.Popen, db: Path, at_least: int, seconds: float, why: str) -> None:
    """Return once ``db`` holds ``at_least`` articles while ``proc`` still runs; fail the test if ``proc`` ends first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                if rows(db, "SELECT COUNT(*) FROM articles")[0][0] >= at_least:
                    break
            except sqlite3.OperationalError:
                continue
    if proc.poll() is not None:
        pytest.fail(f"the run finished before it could be {why}; raise the number of articles")


def test_reanalysing_the_same_input_changes_nothing(tmp_path):
    db = tmp_path / "t.db"
    with telusur.analyze(DEMO, db=db, workers=1) as first:
        assert first.summary.new == 14 and first.summary.unchanged == 0
        snapshot = rows(db, "SELECT id, record FROM articles ORDER BY id")
        removed = rows(db, "SELECT COUNT(*) FROM removed_lines")
    with telusur.analyze(DEMO, db=db, workers=1) as second:
        assert (second.summary.new, second.summary.updated, second.summary.unchanged) == (0, 0, 14)
    assert rows(db, "SELECT id, record FROM articles ORDER BY id") == snapshot
    assert rows(db, "SELECT COUNT(*) FROM removed_lines") == removed


def test_changed_content_updates_the_article_in_place(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    write_articles(folder, 3)
    telusur.analyze(folder, db=db, workers=1).close()
    (folder / "art-00001.txt").write_text(ARTICLE.replace("ratusan", "ribuan"), encoding="utf-8")
    with telusur.analyze(folder, db=db, workers=1) as again:
        assert (again.summary.new, again.summary.updated, again.summary.unchanged) == (0, 1, 2)
        assert "ribuan rumah" in again.article("art-00001").body
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(3,)]


def test_failures_are_stored_with_their_run_and_reason(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    write_articles(folder, 2)
    (folder / "broken.txt").write_bytes(b"\x00\x01" * 50)
    (folder / "menu-only.txt").write_text("Beranda\nTERKAIT\nBagikan\n", encoding="utf-8")
    with telusur.analyze(folder, db=db, workers=1) as a:
        assert len(a) == 2
        reasons = {f.doc_id: (f.stage, f.reason) for f in a.failures}
    assert reasons["broken"][0] == "ingest" and "binary" in reasons["broken"][1]
    assert reasons["menu-only"][0] == "clean" and "no paragraph" in reasons["menu-only"][1]
    assert rows(db, "SELECT doc_id FROM failures ORDER BY doc_id") == [("broken",), ("menu-only",)]
    assert rows(db, "SELECT status, failed FROM runs") == [("done", 2)]


def test_a_database_from_a_newer_telusur_is_refused(tmp_path):
    db = tmp_path / "new.db"
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        Store(db)


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path):
    db = tmp_path / "not.db"
    db.write_bytes(b"this is plainly not a database file " * 200)
    with pytest.raises(StoreError):
        Store(db)


def test_a_new_database_is_migrated_to_the_current_schema(tmp_path):
    with Store(tmp_path / "x.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.count() == 0


def test_killing_a_run_keeps_committed_batches_and_the_next_run_resumes(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    n = 6000
    write_articles(folder, n)
    cmd = [sys.executable, "-m", "telusur.cli", "analyze", str(folder), "--db", str(db), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_until_stored(proc, db, 512, 60, "killed")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = rows(db, "SELECT COUNT(*) FROM articles")[0][0]
    assert 512 <= kept < n
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    with telusur.analyze(folder, db=db, workers=2) as resumed:
        assert resumed.summary.unchanged == kept
        assert resumed.summary.new == n - kept
    assert rows(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM articles") == [(n, n)]


def test_corpus_stages_stopped_midway_run_again_on_the_next_run(tmp_path, monkeypatch):
    import telusur.engine.corpus_stages as corpus_stages
    from conftest import DEMO

    db = tmp_path / "stopped.db"

    def stop(store):
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus_stages, "refresh_rewrites", stop)
    with pytest.raises(KeyboardInterrupt):
        telusur.analyze(DEMO, db=db, workers=1)
    monkeypatch.undo()
    with telusur.open_store(db) as a:
        assert len(a) == 14 and a.siblings() == [] and a.store.corpus_pending()
    with telusur.analyze(DEMO, db=db, workers=1) as again:
        assert again.summary.unchanged == 14 and again.summary.new == 0
        assert len(again.siblings()) == 3 and again.stories()  # the stages ran although no article changed
        assert not again.store.corpus_pending()
    with telusur.analyze(DEMO, db=db, workers=1) as third:
        assert "siblings_and_diffs" not in third.summary.stage_seconds  # nothing to do now


def test_flipping_a_diff_swaps_its_sides_and_its_versions(tmp_path):
    from telusur.model import FactDiff

    diffs = [FactDiff("number", "distortion", "spun", 10, 20, "15.000 orang", "wire", 30, 40, "1.500 orang", "", "15.000", "1.500"),
             FactDiff("tense", "distortion", "spun", 50, 60, "akan mengirim", "wire", 70, 80, "telah mengirim", "kirim", "future", "done")]
    with Store(tmp_path / "flip.db") as store:
        with store.transaction():
            last = store.replace_rewrites([], diffs)
            sides = list(store.distortion_sides(after=last, page=1))
            assert [s[1:4] for s in sides] == [("spun", "wire", "number"), ("spun", "wire", "tense")]
            store.flip_fact_diffs(seq for seq, *_ in store.distortion_sides(last, page=1))
        flipped = store.fact_diffs()
        assert flipped == sorted(
            [d.flipped() for d in diffs],
            key=lambda d: (d.a_id, d.a_start, d.b_id, d.kind))
        with store.transaction():
            store.flip_fact_diffs(seq for seq, *_ in sides)
        assert store.fact_diffs() == diffs  # flipped back: as written
        with store.transaction():
            assert store.replace_rewrites([], []) == 0  # nothing kept: the next diffs are stored after seq 0
        assert store.fact_diffs() == []


def test_a_driver_error_in_any_store_method_reaches_the_caller_as_a_store_error(tmp_path):
    from telusur.model import Failure

    db = tmp_path / "g.db"
    Store(db).close()
    with Store(db, read_only=True) as store:
        with pytest.raises(StoreError, match="database error in put_failure: attempt to write a readonly database"):
            store.put_failure(Failure("x", "x.txt", "ingest", "empty file"), 1)
    with Store(db) as store:
        store.conn.execute("DROP TABLE story_members")
        with pytest.raises(StoreError, match="database error in story_ids"):
            store.story_ids()
        store.conn.execute("DROP TRIGGER article_search_delete")
        store.conn.execute("ALTER TABLE articles RENAME TO gone")
        with pytest.raises(StoreError, match="database error in articles"):
            list(store.articles())  # a generator: the error comes while iterating


def test_corpus_tables_copy_column_for_column_and_no_other_table_is_reachable(demo_analysis, tmp_path):
    from telusur.store.tables import CORPUS_TABLES

    store = demo_analysis.store
    columns = [name for name, _ in store.table_columns("sibling_pairs")]
    rows = list(store.table_rows("sibling_pairs"))
    assert rows and "sibling_pairs" in CORPUS_TABLES
    with Store(tmp_path / "copy.db") as copy:
        with copy.transaction():
            assert copy.replace_table("sibling_pairs", columns, rows) == len(rows)
        assert copy.sibling_pairs() == store.sibling_pairs()
        for bad in ("articles", "runs; DROP TABLE articles"):
            with pytest.raises(ValueError, match="not a corpus table"):
                list(copy.table_rows(bad))
        with pytest.raises(ValueError, match="no column"):
            with copy.transaction():
                copy.replace_table("sibling_pairs", ["group_id", "nope"], [])


def test_a_run_keeps_the_stems_it_made_and_the_next_takes_them_instead_of_stemming_again(demo_analysis, monkeypatch):
    import telusur.text.terms as terms_module
    from telusur.text.terms import known_stems, remember_stems, stem_of, stemmer_version

    store = demo_analysis.store
    kept = dict(store.known_stems(stemmer_version()))
    assert kept.get("memanggil") == "panggil" and len(kept) > 500  # every word the demo's stages and search met
    assert store.known_stems("another stemmer") == []  # a stem holds for the stemmer that made it
    # a word another process stemmed is taken as it was, and the stemmer is not asked
    remember_stems([("menyeberangiku", "seberang")])
    monkeypatch.setattr(terms_module, "_stemmer", lambda: pytest.fail("stemmed again"))
    assert stem_of("menyeberangiku") == "seberang" and known_stems()["menyeberangiku"] == "seberang"


def test_stems_of_another_stemmer_version_are_dropped_when_new_ones_are_kept(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            store.keep_stems({"dikirim": "kirim"}, "1.0")
        with store.transaction():
            store.keep_stems({"berlari": "lari"}, "2.0")
        assert store.known_stems("2.0") == [("berlari", "lari")] and store.known_stems("1.0") == []


def test_a_word_the_database_cannot_hold_is_not_kept_and_spoils_nothing(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            store.keep_stems({"bad\ud876word": "bad\ud876word", "dikirim": "kirim"}, "1.0")
        assert store.known_stems("1.0") == [("dikirim", "kirim")]

"""One id, one document: same names in two folders, collisions across runs, duplicate records, odd names."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

import telusur
from telusur.engine.identity import DUPLICATE, Claims, Held, renamed_id, settle
from telusur.ingest import folder_id, iter_documents
from telusur.model import Document, Failure

FLOOD = ("Judul Banjir\n\nJakarta - Banjir besar merendam ratusan rumah warga di bantaran sungai dan memaksa puluhan "
         "keluarga mengungsi ke masjid terdekat pada Senin malam, kata petugas kelurahan setempat.\n")
QUAKE = ("Judul Gempa\n\nBandung - Gempa kuat merusak puluhan rumah warga di desa lereng gunung dan membuat ratusan "
         "orang bermalam di tenda darurat pada Selasa dini hari, menurut badan penanggulangan bencana.\n")
FIRE = ("<html><body><h1>Pasar Terbakar</h1><p>Surabaya - Kebakaran menghanguskan ratusan kios pedagang di pasar induk "
        "kota dan membuat kerugian miliaran rupiah pada Rabu siang, kata kepala dinas pemadam kebakaran.</p></body></html>")


def stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, source FROM articles"))


def test_files_named_alike_in_two_folders_are_two_articles(tmp_path) -> None:
    for folder, text in (("a", FLOOD), ("b", QUAKE)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "article.txt").write_text(text, encoding="utf-8")
    with telusur.analyze(tmp_path / "in", db=tmp_path / "t.db", workers=1) as run:
        assert run.summary.failed == 0 and run.summary.new == 2
    assert sorted(stored(tmp_path / "t.db")) == ["a/article", "b/article"]
    assert folder_id(tmp_path, tmp_path / "x.txt") == "x" and folder_id(tmp_path, tmp_path / "d" / "e" / "x.html") == "d/e/x"


def test_a_different_document_under_a_taken_name_never_replaces_the_first(tmp_path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "index.txt").write_text(FLOOD, encoding="utf-8")
    (tmp_path / "two" / "index.txt").write_text(QUAKE, encoding="utf-8")
    (tmp_path / "two" / "index.html").write_text(FIRE, encoding="utf-8")
    db = tmp_path / "t.db"
    telusur.analyze(tmp_path / "one", db=db, workers=1).close()
    with telusur.analyze(tmp_path / "two", db=db, workers=1) as run:
        assert run.summary.new == 2 and run.summary.failed == 0
        moved = {a.id: a for a in run.articles() if a.id.startswith("index~")}
    ids = stored(db)
    assert ids["index"] == str(tmp_path / "one" / "index.txt")  # the first keeps its id and text
    assert sorted(ids) == sorted(["index", renamed_id("index", str(tmp_path / "two" / "index.txt")),
                                  renamed_id("index", str(tmp_path / "two" / "index.html"))])
    assert all(any("is held by" in w for w in a.warnings) for a in moved.values())
    with telusur.analyze(tmp_path / "two", db=db, workers=1) as again:  # stable: found again, nothing new
        assert (again.summary.new, again.summary.unchanged) == (0, 2)
    with telusur.analyze([tmp_path / "two", tmp_path / "two" / "index.txt"], db=db, workers=1) as twice:
        assert (twice.summary.new, twice.summary.failed, len(stored(db))) == (0, 0, 3)
    (tmp_path / "one" / "index.txt").write_text(FLOOD.replace("Senin", "Minggu"), encoding="utf-8")
    with telusur.analyze(tmp_path / "one", db=db, workers=1) as update:  # the same path still updates
        assert (update.summary.updated, update.summary.new) == (1, 0)


def test_the_same_document_read_twice_or_from_a_moved_copy_is_skipped(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "flood.txt").write_text(FLOOD, encoding="utf-8")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "flood.txt").write_text(FLOOD, encoding="utf-8")
    db = tmp_path / "t.db"
    with telusur.analyze([tmp_path / "in", tmp_path / "in" / "flood.txt", tmp_path / "copy"], db=db, workers=1) as run:
        assert (run.summary.read, run.summary.new, run.summary.failed) == (3, 1, 0)
    assert list(stored(db)) == ["flood"]


def test_two_records_claiming_one_id_in_a_run_keep_the_first_and_say_so(tmp_path) -> None:
    rows = [{"id": "berita-1", "title": "Banjir", "text": FLOOD}, {"id": "berita-1", "title": "Gempa", "text": QUAKE},
            {"id": "berita-1", "title": "Banjir", "text": FLOOD}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with telusur.analyze(tmp_path / "feed.jsonl", db=tmp_path / "t.db", workers=1) as run:
        failures = run.summary.failures
        assert run.summary.new == 1 and [f.code for f in failures] == [DUPLICATE]
        assert "feed.jsonl:1" in failures[0].reason and failures[0].source.endswith("feed.jsonl:2")
        assert run.article("berita-1").title.value == "Banjir"


def test_settle_rules_on_records() -> None:
    doc = Document("x", "s2", "text", "h2", text="t")
    named = Document("x", "s2", "text", "h2", text="t", id_from_name=True)
    assert settle(doc, Held("s1", "h1"), Claims()) is doc  # a record's id across runs: an update
    assert settle(named, Held("s1", "h2"), Claims()) is None  # the same content moved: a copy
    assert settle(named, Held("s2", "h1"), Claims()) is named  # the same path: an update
    claims = Claims()
    assert settle(Document("x", "s1", "text", "h1", text="t"), None, claims) is not None
    refused = settle(doc, None, claims)
    assert isinstance(refused, Failure) and refused.code == DUPLICATE


@pytest.mark.skipif(os.name != "posix", reason="file names of raw bytes are a POSIX matter")
def test_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"berita-\xff.txt"), "wb") as fh:
        fh.write(FLOOD.encode("utf-8"))
    (folder / "utf16.txt").write_bytes(QUAKE.encode("utf-16"))
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=2) as run:
        assert run.summary.failed == 0 and run.summary.new == 2
        ids = sorted(a.id for a in run.articles())
        assert ids == ["berita-\ufffd", "utf16"]
        assert any("UTF-16" in w for w in run.article("utf16").warnings)
    docs = list(iter_documents([folder]))
    assert all(isinstance(d, Document) for d in docs)

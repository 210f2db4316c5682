"""Foreign files are never taken over: another application's database, a non-database, a missing path, an old schema."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from telusur.api import open_store, upgrade_store
from telusur.errors import StoreError
from telusur.store import Store
from telusur.store.schema import APPLICATION_ID, SCHEMA_VERSION

READ_COMMANDS = [["entities"], ["duplicates"], ["rewrites"], ["outlets"], ["story"], ["reuse", "x"],
                 ["report", "--out", "{tmp}/r.html"], ["export", "--out", "{tmp}/e.json"], ["audit", "--out", "{tmp}/d.csv"]]


def telusur(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "telusur.cli", *map(str, args)], capture_output=True, text=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def foreign(tmp_path) -> Path:
    """Another application's SQLite file: one table of notes."""
    db = tmp_path / "notes.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('milik aplikasi lain')")
    return db


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_every_read_command_refuses_a_foreign_database_untouched(foreign, tmp_path, command) -> None:
    before = digest(foreign)
    done = telusur(*[a.format(tmp=tmp_path) for a in command], "--db", foreign)
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert "not a Telusur database" in done.stderr and "Traceback" not in done.stderr
    assert digest(foreign) == before


def test_analyze_and_serve_refuse_a_foreign_database_untouched(foreign, tmp_path) -> None:
    before = digest(foreign)
    demo = Path(__file__).resolve().parents[1] / "demo" / "corpus"
    done = telusur("analyze", demo, "--db", foreign, "--workers", "1")
    assert done.returncode == 3 and "not a Telusur database" in done.stderr
    with pytest.raises(StoreError, match="not a Telusur database"):
        Store(foreign)
    assert digest(foreign) == before
    with sqlite3.connect(foreign) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_a_file_that_is_not_sqlite_and_a_missing_path_are_exit_3(tmp_path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("bukan basis data", encoding="utf-8")
    done = telusur("entities", "--db", junk)
    assert done.returncode == 3 and "cannot open as a Telusur database" in done.stderr
    missing = tmp_path / "nowhere" / "x.db"
    done = telusur("rewrites", "--db", missing)
    assert done.returncode == 3 and "no such database" in done.stderr
    with pytest.raises(StoreError, match="no such database"):
        open_store(missing)
    assert not (tmp_path / "nowhere").exists()  # reading never creates folders or files


def test_read_only_opening_never_migrates_and_upgrade_does(demo_analysis, tmp_path, schema_11) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        demo_analysis.store.conn.backup(conn)
        schema_11(conn)
        conn.execute("PRAGMA application_id = 0")  # written before Telusur set its id
    with pytest.raises(StoreError, match="older than this Telusur"):
        open_store(old)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 11
    done = telusur("upgrade", "--db", old)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        kept = conn.execute("SELECT what, a_value, b_value FROM fact_diffs").fetchall()
        assert kept and all(what.startswith("was: ") and a == b == "" for what, a, b in kept)  # shown as it was
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    with open_store(old) as analysis:
        assert len(analysis) == 14
        assert analysis.store.read_only
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            analysis.store.conn.execute("DELETE FROM articles")
    assert upgrade_store(old) == SCHEMA_VERSION


def test_new_databases_carry_telusur_s_application_id(tmp_path) -> None:
    with Store(tmp_path / "new.db") as store:
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    with sqlite3.connect(tmp_path / "empty.db"):
        pass  # an empty SQLite file (no table) is Telusur's to fill
    Store(tmp_path / "empty.db").close()

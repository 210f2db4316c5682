"""One writer, many readers: a second run waits or refuses, an upload is refused cleanly, stale runs are closed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import telusur
from telusur.store import Store
from telusur.store.writer import WriterBusyError, lock_path, writer_lock

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
HOLD = """
import sys, time
from telusur.store.writer import writer_lock
with writer_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Start another process that holds the writer lock of ``db`` for ``seconds``; return once it holds it."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def telusur_cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "telusur.cli", *map(str, args)], capture_output=True, text=True)


def runs(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")]


def test_a_second_writer_refuses_at_once_when_asked_and_names_the_holder(tmp_path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    holder = hold(db, 30)
    try:
        done = telusur_cli("analyze", DEMO, "--db", db, "--wait", "0", "--workers", "1")
        assert done.returncode == 3 and "another Telusur run is writing it (pid" in done.stderr
        assert "Traceback" not in done.stderr
        assert runs(db) == []  # nothing begun, nothing left "running"
        with pytest.raises(WriterBusyError):
            telusur.analyze(DEMO, db=db, workers=1, wait=0.3)
    finally:
        holder.kill()
        holder.wait()
    with telusur.analyze(DEMO, db=db, workers=1, wait=0) as run:  # the kernel freed the lock of the killed holder
        assert run.summary.new == 14


def test_a_second_writer_waits_for_the_first_and_then_runs(tmp_path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    holder = hold(db, 120)
    try:
        # the holder lets go only once the second run says it waits (however slowly that one starts)
        proc = subprocess.Popen([sys.executable, "-m", "telusur.cli", "analyze", str(DEMO), "--db", str(db), "--workers", "1",
                                 "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        said = proc.stderr.readline()
        assert "waiting: another Telusur run is writing" in said
        assert proc.poll() is None and runs(db) == []  # nothing begun while it waits
    finally:
        holder.kill()
        holder.wait()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "unchanged 0" in out and runs(db) == ["done"]


def test_a_run_left_running_by_a_dead_process_is_closed_as_interrupted(tmp_path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as store:
        store.begin_run(["/gone"])  # as a killed analyze leaves it
    assert runs(db) == ["running"]
    telusur.analyze(DEMO, db=db, workers=1).close()
    assert runs(db) == ["interrupted", "done"]


def test_an_upload_while_another_run_writes_is_refused_cleanly(writable_app, monkeypatch) -> None:
    from telusur.web import uploads

    client, db = writable_app
    monkeypatch.setattr(uploads, "UPLOAD_WAIT_SECONDS", 0.3)
    before = runs(db)
    holder = hold(db, 30)
    try:
        answer = client.post("/api/v1/articles", files={"files": ("banjir.txt", b"Judul\n\nIsi berita banjir.", "text/plain")})
        assert answer.status_code == 503
        assert "another Telusur run is writing" in answer.json()["error"]["message"]
        assert client.get("/api/v1/corpus").status_code == 200  # readers never wait
    finally:
        holder.kill()
        holder.wait()
    assert runs(db) == before
    assert lock_path(db).exists()


def test_the_lock_rejects_a_negative_wait(tmp_path) -> None:
    with pytest.raises(ValueError, match="at least 0"):
        with writer_lock(tmp_path / "t.db", wait=-1):
            pass

"""The command line keeps the conventions of the tools users know (issue 15, items 5 and 7).

Each test runs the real CLI as a subprocess on the demo corpus or on articles written here.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO

LONG_ID = "harianselat-2024-11-05-zelenskiy-11000-tentara-korut-kursk"  # 58 characters: once cut at 44


def telusur(*args, env=None, stdin=None, module="telusur.cli"):
    return subprocess.run([sys.executable, "-m", module, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, input=stdin, timeout=300)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("conv") / "d.db"
    assert telusur("analyze", DEMO, "--db", db, "--quiet", "--workers", "1").returncode == 0
    return db


def test_python_dash_m_telusur_is_the_cli():
    done = telusur("--version", module="telusur")
    assert done.returncode == 0 and done.stdout.startswith("telusur, version")


def test_a_missing_input_is_exit_5_and_creates_no_database(tmp_path):
    db = tmp_path / "sub" / "x.db"
    done = telusur("analyze", tmp_path / "tidak-ada", "--db", db)
    assert done.returncode == 5 and "no such file or folder" in done.stderr and "tidak-ada" in done.stderr
    assert not db.exists() and not db.parent.exists()


def test_an_unknown_article_or_story_is_exit_5(demo_db):
    assert telusur("reuse", "tidak-ada", "--db", demo_db).returncode == 5
    assert telusur("story", "tidak-ada", "--db", demo_db).returncode == 5
    assert telusur("rewrites", "--article", "tidak-ada", "--db", demo_db).returncode == 5


def test_a_crash_is_exit_4_named_as_a_bug_not_as_failed_documents(demo_db):
    code = ("import sys, telusur.api as api\n"
            "def broken(self): raise RuntimeError('boom')\n"
            "api.Analysis.outlets = broken\n"
            "from telusur.cli import main\n"
            f"main(['outlets', '--db', {str(demo_db)!r}])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 4
    assert "internal error (a Telusur bug" in done.stderr and "RuntimeError: boom" in done.stderr
    assert "Traceback" not in done.stderr
    verbose = subprocess.run([sys.executable, "-c", code.replace("'outlets',", "'outlets', '-v',")],
                             capture_output=True, text=True)
    assert verbose.returncode == 4 and "Traceback" in verbose.stderr


def test_stdin_is_read_with_dash_and_stdout_written_with_dash(tmp_path):
    text = (DEMO / "wartapagi-2024-10-21-korsel-panggil-dubes.txt").read_text(encoding="utf-8")
    db = tmp_path / "s.db"
    done = telusur("analyze", "-", "--db", db, "--out", "-", "--workers", "1", stdin=text)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)  # stdout holds the JSON only; the summary went to stderr
    assert [a["id"] for a in data["articles"]] == ["stdin"]
    assert "Korea Selatan" in data["articles"][0]["body"] and "read 1, cleaned 1" in done.stderr
    exported = telusur("export", "--db", db, "--format", "jsonl", "--out", "-")
    assert exported.returncode == 0 and json.loads(exported.stdout.splitlines()[0])["id"] == "stdin"
    assert "wrote 1 article(s) to stdout" in exported.stderr
    assert not Path("-").exists()


def test_telusur_db_names_the_database(demo_db, tmp_path):
    done = telusur("outlets", "--json", env={"TELUSUR_DB": str(demo_db)})
    assert done.returncode == 0, done.stderr
    outlets = {o["outlet"]: o for o in json.loads(done.stdout)}
    assert outlets["Warta Pagi"]["articles"] == 3
    assert telusur("outlets", "--db", tmp_path / "none.db", env={"TELUSUR_DB": str(demo_db)}).returncode == 3  # --db wins


def test_tables_never_cut_an_id_and_say_what_a_limit_left_out(demo_db):
    done = telusur("story", "--db", demo_db)
    assert done.returncode == 0
    listed = telusur("duplicates", "--db", demo_db)
    assert listed.returncode == 0
    rows = telusur("entities", "--db", demo_db, "--limit", "3")
    body = [line for line in rows.stdout.splitlines() if line.strip()]
    assert len(body) == 1 + 3 + 1 and body[-1].startswith("... and ") and "--limit 0" in body[-1]
    analyzed = telusur("export", "--db", demo_db, "--format", "json", "--out", "-")
    assert LONG_ID in analyzed.stdout
    entities = telusur("entities", "--db", demo_db, "--article", LONG_ID, "--limit", "0", "--json")
    members = [a for e in json.loads(entities.stdout) for a in e["articles"]]
    assert LONG_ID in members


def test_article_and_outlet_filters_keep_only_their_rows(demo_db):
    pairs = json.loads(telusur("rewrites", "--db", demo_db, "--json").stdout)["siblings"]
    one = pairs[0]["a"]
    only = json.loads(telusur("rewrites", "--db", demo_db, "--json", "--article", one).stdout)["siblings"]
    assert only and all(one in (p["a"], p["b"]) for p in only) and len(only) <= len(pairs)
    stories = json.loads(telusur("story", "--db", demo_db, "--json").stdout)
    kept = json.loads(telusur("story", "--db", demo_db, "--json", "--outlet", "wartapagi.id").stdout)
    assert kept and len(kept) <= len(stories)
    assert all(any(a.startswith("wartapagi") for a in s["articles"]) for s in kept)
    outlets = json.loads(telusur("outlets", "--db", demo_db, "--json", "--outlet", "Warta Pagi").stdout)
    assert [o["outlet"] for o in outlets] == ["Warta Pagi"]
    text = telusur("rewrites", "--db", demo_db, "--article", one)
    assert one in text.stdout


def test_verbose_logs_the_stages_to_stderr_and_quiet_keeps_to_totals(tmp_path):
    done = telusur("analyze", DEMO, "--db", tmp_path / "v.db", "--workers", "1", "-v")
    assert done.returncode == 0
    assert "stage siblings_and_diffs" in done.stderr and "stage siblings_and_diffs" not in done.stdout
    quiet = telusur("analyze", DEMO, "--db", tmp_path / "v.db", "--workers", "1", "--quiet")
    assert "unchanged 14" in quiet.stdout and "stage" not in quiet.stderr and "wartapagi" not in quiet.stdout


def test_a_taken_port_is_exit_6(demo_db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = telusur("serve", "--db", demo_db, "--port", taken.getsockname()[1])
    assert done.returncode == 6 and "cannot serve" in done.stderr


def test_a_closed_pipe_ends_quietly(demo_db):
    proc = subprocess.Popen([sys.executable, "-m", "telusur.cli", "export", "--db", str(demo_db), "--format", "jsonl",
                             "--out", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.read(100)
    proc.stdout.close()  # as `| head -c 100` does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 141) and b"Traceback" not in err


def test_ctrl_c_stops_a_run_cleanly_and_it_resumes(tmp_path):
    from test_store import wait_until_stored, write_articles

    folder, db = tmp_path / "in", tmp_path / "c.db"
    write_articles(folder, 4000)
    # as from a terminal: Ctrl-C's signal handled. A test run started in the background (`make test &`)
    # has SIGINT ignored, and a child would inherit that and never see the signal
    proc = subprocess.Popen([sys.executable, "-m", "telusur.cli", "analyze", str(folder), "--db", str(db), "--workers", "2",
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    wait_until_stored(proc, db, 256, 120, "interrupted")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "interrupted: finished batches are stored" in err and "Traceback" not in err and "KeyboardInterrupt" not in err
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    con.close()
    resumed = telusur("analyze", folder, "--db", db, "--quiet", "--workers", "2")
    assert resumed.returncode == 0 and "failed 0" in resumed.stdout


def test_a_csv_text_column_is_named_on_the_command_line(tmp_path):
    import csv

    body = (DEMO / "wartapagi-2024-10-21-korsel-panggil-dubes.txt").read_text(encoding="utf-8")
    with (tmp_path / "ekspor.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["kode", "naskah_lengkap", "catatan"])
        writer.writerow(["k1", body, "catatan redaksi yang pendek"])
    guessed = telusur("analyze", tmp_path / "ekspor.csv", "--db", tmp_path / "a.db", "--quiet", "--workers", "1")
    assert guessed.returncode == 1 and "naskah_lengkap" in guessed.stderr  # no known text column: one failure naming the header
    named = telusur("analyze", tmp_path / "ekspor.csv", "--db", tmp_path / "b.db", "--quiet", "--workers", "1",
                    "--csv-text-column", "naskah_lengkap")
    assert named.returncode == 0, named.stderr
    data = json.loads(telusur("export", "--db", tmp_path / "b.db", "--out", "-").stdout)
    assert len(data["articles"]) == 1 and "Korea Selatan" in data["articles"][0]["body"]

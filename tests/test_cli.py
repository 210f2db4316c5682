"""The command line: outputs and documented exit codes, run as a real subprocess."""

import json
import subprocess
import sys

from conftest import DEMO


def telusur(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "telusur.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_analyze_demo_prints_summary_and_writes_outputs(tmp_path):
    r = telusur("analyze", DEMO, "--db", tmp_path / "d.db", "--out", tmp_path / "out", "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert "read 14, cleaned 14 (14 new, 0 updated), unchanged 0, failed 0" in r.stdout
    assert "wartapagi-2024-10-21-korsel-panggil-dubes" in r.stdout
    data = json.loads((tmp_path / "out" / "articles.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 14
    assert (tmp_path / "out" / "report.html").stat().st_size > 10_000
    again = telusur("analyze", DEMO, "--db", tmp_path / "d.db", "--quiet")
    assert again.returncode == 0 and "unchanged 14" in again.stdout


def test_partial_failure_exits_1_and_names_the_document(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rusak.txt").write_bytes(b"\x00" * 64)
    r = telusur("analyze", DEMO, tmp_path / "in", "--db", tmp_path / "d.db", "--quiet")
    assert r.returncode == 1
    assert "failed: rusak [ingest] binary data" in r.stderr
    assert "cleaned 14" in r.stdout


def test_usage_errors_exit_2():
    assert telusur("analyze").returncode == 2
    assert telusur("export", "--format", "xml").returncode == 2


def test_store_errors_exit_3(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all " * 100)
    r = telusur("analyze", DEMO, "--db", bad)
    assert r.returncode == 3 and "cannot open" in r.stderr


def test_export_command_writes_each_format(tmp_path):
    db = tmp_path / "d.db"
    assert telusur("analyze", DEMO, "--db", db, "--quiet").returncode == 0
    for fmt in ("json", "jsonl", "csv", "parquet"):
        out = tmp_path / f"x.{fmt}"
        r = telusur("export", "--db", db, "--format", fmt, "--out", out)
        assert r.returncode == 0 and out.stat().st_size > 0 and "wrote 14 article(s)" in r.stderr and r.stdout == ""
    r = telusur("export", "--db", db, "--format", "jsonl", "--out", tmp_path / "en.jsonl", "--language", "en")
    assert "wrote 1 article(s)" in r.stderr


def test_audit_writes_every_removed_piece_with_its_reason(tmp_path):
    import csv

    db = tmp_path / "d.db"
    assert telusur("analyze", DEMO, "--db", db, "--quiet").returncode == 0
    r = telusur("audit", "--db", db, "--out", tmp_path / "debris.csv")
    assert r.returncode == 0 and "related-link" in r.stderr
    with (tmp_path / "debris.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {"caption", "promo", "byline", "repeated-template", "related-link"} <= {row["reason"] for row in rows}
    promo = [row for row in rows if row["text"].startswith("Ikuti saluran WhatsApp WartaPagi")]
    assert len(promo) == 3 and all(row["reason"] == "promo" for row in promo)


def test_html_page_without_an_article_fails_with_a_reason(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "menu.html").write_text(
        "<html><head><title>Beranda</title></head><body><nav><a href='/'>Beranda</a> <a href='/dunia'>Dunia</a></nav>"
        "<footer>Hak cipta</footer></body></html>", encoding="utf-8")
    r = telusur("analyze", tmp_path / "in", "--db", tmp_path / "d.db", "--quiet")
    assert r.returncode == 1
    assert "failed: menu [clean] HTML page holds no article text" in r.stderr


def test_serve_answers_on_its_port_and_refuses_a_foreign_database(web_db, tmp_path):
    import socket
    import time
    import urllib.request

    bad = tmp_path / "bukan.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    refused = telusur("serve", "--db", bad)
    assert refused.returncode == 3 and "bukan.db" in refused.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "telusur.cli", "serve", "--db", str(web_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f"http://127.0.0.1:{port}/" in proc.stderr.readline()
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/corpus", timeout=2) as r:
                    assert json.load(r)["articles"] == 16
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_report_is_written_in_indonesian_or_in_english_on_request(web_db, tmp_path) -> None:
    for lang, heading in (("id", "Di mana tulisan ulang menyimpang dari versi lainnya"),
                          ("en", "Where a rewrite departs from its siblings")):
        done = telusur("report", "--db", web_db, "--out", tmp_path / f"{lang}.html", "--lang", lang)
        assert done.returncode == 0, done.stderr
        assert heading in (tmp_path / f"{lang}.html").read_text(encoding="utf-8")
    assert telusur("report", "--db", web_db, "--out", tmp_path / "x.html", "--lang", "fr").returncode == 2


def test_rewrites_lists_each_changed_fact_once_with_every_sibling(web_db) -> None:
    done = telusur("rewrites", "--db", web_db)
    assert done.returncode == 0, done.stderr
    table = done.stdout[done.stdout.index("siblings say"):]
    rows = [line for line in table.splitlines() if line.startswith(("actor_target", "quote_speaker", "tense", "number"))]
    assert len(rows) == 4  # four facts changed, each shown against both faithful copies in one row
    assert all("wartapagi-2024-10-21-korsel-panggil-dubes" in r and "kabarnusantara-2024-10-21" in r for r in rows)
    data = json.loads(telusur("rewrites", "--db", web_db, "--json").stdout)
    assert len(data["changed_facts"]) == 4 and len(data["diffs"]) == 8

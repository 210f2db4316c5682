"""Answers and corpus figures kept per state of the database; listings in index order; several server processes."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import DEMO

ARTICLE = "wartapagi-2024-10-21-korsel-panggil-dubes"


def test_a_page_asked_again_is_served_kept_until_the_database_changes(writable_app) -> None:
    client, db = writable_app
    first = client.get(f"/articles/{ARTICLE}")
    again = client.get(f"/articles/{ARTICLE}")
    assert first.status_code == again.status_code == 200
    assert first.headers["x-telusur-cache"] == "miss" and again.headers["x-telusur-cache"] == "hit"
    assert again.text == first.text
    api = [client.get("/api/v1/articles?limit=5").headers["x-telusur-cache"] for _ in range(2)]
    assert api == ["miss", "hit"]
    with sqlite3.connect(db) as conn:  # any commit, here one made behind the app's back
        conn.execute("UPDATE articles SET body = body || ' Kalimat penanda dari basis data.' WHERE id = ?", (ARTICLE,))
    changed = client.get(f"/articles/{ARTICLE}")
    assert changed.headers["x-telusur-cache"] == "miss" and "Kalimat penanda dari basis data." in changed.text


def test_languages_are_kept_apart_and_a_cookie_setting_answer_is_not_kept(writable_app) -> None:
    client, _ = writable_app
    chosen = client.get("/?lang=en")  # sets the language cookie: not kept
    assert chosen.headers["x-telusur-cache"] == "miss" and "set-cookie" in chosen.headers
    assert client.get("/?lang=en").headers["x-telusur-cache"] == "miss"
    client.cookies.set("telusur_lang", "en")
    english = client.get("/")
    client.cookies.set("telusur_lang", "id")
    indonesian = client.get("/")
    assert english.headers["x-telusur-cache"] == indonesian.headers["x-telusur-cache"] == "miss"
    assert english.text != indonesian.text
    assert client.get("/").headers["x-telusur-cache"] == "hit"


def test_errors_and_uploads_are_never_kept(writable_app) -> None:
    client, _ = writable_app
    assert [client.get("/articles/tidak-ada").headers["x-telusur-cache"] for _ in range(2)] == ["miss", "miss"]
    assert "x-telusur-cache" not in client.get("/upload").headers


def test_outlet_profiles_on_article_pages_match_the_corpus_profiles(client) -> None:
    profiles = {p["outlet"]: p for p in client.get("/api/v1/outlets").json()}
    page = client.get(f"/articles/{ARTICLE}").text
    warta = profiles["Warta Pagi"]
    assert warta["articles"] == 3
    assert (f"Warta Pagi di korpus ini: artikel {warta['articles']}, laporan pertama {warta['first_reports']}," in page
            or f"Warta Pagi in this corpus: articles {warta['articles']}, first reports {warta['first_reports']}," in page)


def test_the_article_list_walks_the_listing_index(web_db) -> None:
    conn = sqlite3.connect(f"file:{web_db}?mode=ro", uri=True)
    plan = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM articles a ORDER BY a.published IS NULL, a.published, a.id "
                        "LIMIT 20 OFFSET 5").fetchall()
    conn.close()
    assert any("USING INDEX articles_listing" in row[-1] or "USING COVERING INDEX articles_listing" in row[-1] for row in plan)


def test_serve_with_two_processes_answers(tmp_path) -> None:
    db = tmp_path / "two.db"
    assert subprocess.run([sys.executable, "-m", "telusur", "analyze", str(DEMO), "--db", str(db), "--quiet",
                           "--workers", "1"], capture_output=True).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "telusur", "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None and "with 2 process(es)" in proc.stderr.readline()
        deadline = time.monotonic() + 30
        seen = []
        while len(seen) < 5:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/corpus", timeout=5) as r:
                    seen.append(r.status)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert seen == [200] * 5
    finally:
        proc.terminate()
        proc.wait(timeout=20)

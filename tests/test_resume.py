"""Resume after a kill equals an uninterrupted run, in every stage of an incremental run.

A database of a first batch of articles is extended by a second batch; the second run is
SIGKILLed right after one of its commits (kill points spread over every stage: article
batches, the template pass, each corpus stage), then run again to the end. What is stored
must equal what one uninterrupted second run stores.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import telusur

from conftest import DEMO

HERE = Path(__file__).resolve().parent
BODY = """Judul Berita {n} Yang Cukup Panjang Untuk Judul

Oleh: Dewi Lestari
Senin, 4 Nov 2024 10:00 WIB

Bandung, harianbaru.id - Peristiwa nomor {n} terjadi di kota itu pada Senin pagi dan menarik perhatian warga yang melintas.

Paragraf kedua berita nomor {n} berisi keterangan tambahan dari pejabat setempat mengenai kejadian itu.

{extra}
"""
PROMO = "Nikmati liputan pilihan Harian Baru setiap pagi bersama keluarga Anda di rumah."
PROMO2 = "Ikuti kanal Harian Baru di aplikasi pesan untuk kabar terkini sepanjang hari."
# bookkeeping that differs between runs by design: run numbers, clocks and the caches keyed by them
# stem_cache holds what the stemmer made, whichever run made it: a cache, not a result
SKIPPED_TABLES = {"runs", "term_signatures", "sibling_checks", "story_profiles", "stem_cache"}
SKIPPED_COLUMNS = {"first_run", "updated_run", "updated_at", "run_id"}


def harianbaru(folder: Path, name: str, n: int, extra: str) -> None:
    (folder / f"hb-{name}.txt").write_text(BODY.format(n=n, extra=extra), encoding="utf-8")


def first_batch(folder: Path) -> None:
    folder.mkdir()
    for path in sorted(DEMO.iterdir())[:6]:
        shutil.copy(path, folder / path.name)
    harianbaru(folder, "h0", 0, f"{PROMO}\n\n{PROMO2}")  # PROMO2 becomes a template only with the second batch
    for n in range(1, 6):
        harianbaru(folder, f"h{n}", n, PROMO)


def second_batch(folder: Path) -> None:
    for path in sorted(DEMO.iterdir())[6:]:
        shutil.copy(path, folder / path.name)
    for n in range(10, 20):
        harianbaru(folder, f"h{n}", n, f"{PROMO}\n\n{PROMO2}" if n < 12 else PROMO)


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every stored result, without run numbers and clocks, in a stable order."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE"
                                            " 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'article_s%'")]
        out = {}
        for table in sorted(set(tables) - SKIPPED_TABLES):
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in SKIPPED_COLUMNS]
            found = set(con.execute(f"SELECT {', '.join(columns)} FROM {table}"))
            if table == "corpus_state":
                found = {r for r in found if r[0] != "templates_through"}
            out[table] = sorted(found, key=repr)
        return out
    finally:
        con.close()


def cli(db: Path, folder: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(HERE / "kill_at_commit.py"), str(kill_at), "analyze", str(folder),
                           "--db", str(db), "--workers", "1", "--quiet"], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The base database, the input of the second run, the uninterrupted result, and the commits' stages."""
    root = tmp_path_factory.mktemp("resume")
    folder, base = root / "in", root / "base.db"
    first_batch(folder)
    telusur.analyze(folder, db=base, workers=1).close()
    second_batch(folder)
    clean = root / "clean.db"
    shutil.copy(base, clean)
    counted = cli(clean, folder, 0)
    assert counted.returncode == 0, counted.stderr
    stages = [line.split()[2] for line in counted.stderr.splitlines() if line.startswith("commit ")]
    return base, folder, dump(clean), stages


def kill_points(stages: list[str]) -> list[int]:
    """The first and last commit of every stage (1-based), in order."""
    points: set[int] = set()
    for stage in set(stages):
        at = [i + 1 for i, s in enumerate(stages) if s == stage]
        points.update((at[0], at[-1]))
    return sorted(points)


def test_the_second_run_commits_in_every_stage(runs):
    *_, stages = runs
    assert {"_write", "strip_learned_templates", "refresh_corpus_entities", "refresh_near_duplicates",
            "refresh_rewrites", "refresh_stories", "set_corpus_version"} <= set(stages)
    assert stages.count("_write") >= 3 and stages.count("strip_learned_templates") >= 3


def test_the_uninterrupted_run_strips_old_and_new_templates(runs):
    base, folder, _, _ = runs
    with telusur.open_store(base.parent / "clean.db") as analysis:
        bodies = {a.id: a.body for a in analysis.articles() if a.id.startswith("hb-")}
    assert len(bodies) == 16
    assert not [i for i, body in bodies.items() if PROMO in body or PROMO2 in body]


def test_a_run_killed_anywhere_resumes_to_the_uninterrupted_result(runs, tmp_path):
    base, folder, clean, stages = runs
    points = kill_points(stages)
    assert len(points) >= 10
    for point in points:
        db = tmp_path / f"killed-{point}.db"
        shutil.copy(base, db)
        killed = cli(db, folder, point)
        assert killed.returncode == -9, f"commit {point} ({stages[point - 1]}): not killed: {killed.stderr[-500:]}"
        resumed = cli(db, folder, -1)
        assert resumed.returncode == 0, resumed.stderr
        assert dump(db) == clean, f"killed after commit {point} ({stages[point - 1]}): resumed differs"

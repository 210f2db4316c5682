"""The Spark path against the local one, on a real local Spark session (no mocks): identical results.

Skipped when pyspark or Java is missing, unless ``TELUSUR_REQUIRE_BROWSER=1`` (set by
``.ci/run``), when that is a failure: CI must run these on a real Spark.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import telusur
from telusur.errors import SparkUnavailable

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
PAGES_TOOL = ROOT.parent / "shared" / "tools" / "indosum_pages.py"
# run numbers and clocks differ between two runs of the same analysis; nothing else may
IGNORED = {"first_run", "updated_run", "updated_at", "run_id"}


@pytest.fixture(scope="module")
def spark():
    from telusur.spark.session import get_session

    try:
        session = get_session("local[2]")
    except SparkUnavailable as exc:
        if os.environ.get("TELUSUR_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Spark is required here (TELUSUR_REQUIRE_BROWSER=1): {exc}")
        pytest.skip(str(exc))
    yield session
    session.stop()


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without run numbers and clocks (search indexes by article id)."""
    conn = sqlite3.connect(db)
    out: dict[str, list[tuple]] = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for name in names:
        # stem_cache is what the stemmer made in whichever process analysed: a cache, not a result
        if name in ("runs", "article_search", "article_stems", "stem_cache") or name.startswith(("article_search_", "article_stems_")):
            continue
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info({name})") if c[1] not in IGNORED]
        if name == "failures":
            columns.remove("id")
        rows = conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)} FROM {name}").fetchall()
        if name == "corpus_state":
            rows = [r for r in rows if r[0] not in ("templates_through", "stemmer")]
        out[name] = sorted(rows, key=repr)
    for fts in ("article_search", "article_stems"):
        out[fts] = sorted(conn.execute(f"SELECT a.id, s.title, s.body FROM {fts} s JOIN articles a ON a.rowid = s.rowid"))
    conn.close()
    return out


def _assert_same_store(local_db: Path, loaded_db: Path) -> None:
    local, loaded = _tables(local_db), _tables(loaded_db)
    assert sorted(local) == sorted(loaded)
    for name in local:
        assert local[name] == loaded[name], f"table {name} differs"


def _both(spark, inputs: list[Path], tmp: Path) -> tuple[object, object, Path, Path, Path]:
    """Run the local path and the Spark path (then load) on ``inputs``; return both summaries and paths."""
    from telusur.spark import analyze, load

    local_db, loaded_db, out = tmp / "local.db", tmp / "loaded.db", tmp / "out"
    with telusur.analyze(inputs, db=local_db, workers=1) as run:
        local = run.summary
    summary = analyze(inputs, out, spark=spark)
    load(out, loaded_db)
    return local, summary, local_db, loaded_db, out


@pytest.fixture(scope="module")
def demo(spark, tmp_path_factory):
    return _both(spark, [DEMO], tmp_path_factory.mktemp("demo"))


def test_demo_corpus_gives_the_database_the_local_path_gives(demo) -> None:
    local, summary, local_db, loaded_db, _ = demo
    assert summary.articles == local.new == 14
    assert summary.templated == local.templated > 0
    for figure in ("new", "failed", "duplicates", "siblings", "distortions", "stories", "entities"):
        assert getattr(summary, figure) == getattr(local, figure), figure
    _assert_same_store(local_db, loaded_db)


def test_demo_datasets_hold_the_local_records(demo) -> None:
    import pyarrow.parquet as pq

    from telusur.model import Cluster, FactDiff, SiblingPair
    from telusur.spark.datasets import DATASETS, from_record
    from telusur.store import Store

    _, _, local_db, _, out = demo
    with Store(local_db, read_only=True) as store:
        diffs = [from_record(FactDiff, r) for r in pq.read_table(out / "diffs").to_pylist()]
        assert sorted(diffs, key=repr) == sorted(store.fact_diffs(), key=repr) and diffs
        pairs = [from_record(SiblingPair, r) for r in pq.read_table(out / "siblings").to_pylist()]
        assert sorted(pairs, key=repr) == sorted(store.sibling_pairs(), key=repr)
        clusters = [from_record(Cluster, r) for r in pq.read_table(out / "duplicates").to_pylist()]
        assert sorted(clusters, key=repr) == store.near_duplicates()
        quotes = pq.read_table(out / "quotes").to_pylist()
        assert len(quotes) == sum(len(a.quotes) for a in store.articles()) > 0
        assert {q["article_id"] for q in quotes} <= set(store.article_ids())
    for name in DATASETS:
        assert (out / name).is_dir(), name


def test_rerun_skips_finished_files_and_reads_a_new_one(spark, demo, tmp_path) -> None:
    import pyarrow.parquet as pq

    from telusur.spark import analyze

    _, first, _, _, out = demo
    again = analyze([DEMO], out, spark=spark)
    assert (again.files, again.skipped_files, again.read) == (0, 12, 0)
    assert again.articles == first.articles
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "baru.txt").write_text("Warta Baru\n\nJAKARTA - Pemerintah mengumumkan kebijakan baru pada Senin.\n"
                                    "Kebijakan itu mulai berlaku pekan depan, kata juru bicara.\n", encoding="utf-8")
    more = analyze([DEMO, extra], out, spark=spark)
    assert (more.files, more.skipped_files, more.new) == (1, 12, 1)
    assert len(pq.read_table(out / "articles")) == first.articles + 1
    assert json.loads((out / "_manifest.json").read_text())["runs"] == 3


def test_real_pages_give_the_database_the_local_path_gives(spark, tmp_path) -> None:
    if not PAGES_TOOL.exists():
        if os.environ.get("TELUSUR_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{PAGES_TOOL} not found")
        pytest.skip("shared IndoSum pages tool not found")
    pages = tmp_path / "pages"
    subprocess.run([sys.executable, str(PAGES_TOOL), str(pages), "--n", "40", "--seed", "3"], check=True,
                   stdout=subprocess.DEVNULL)
    local, summary, local_db, loaded_db, _ = _both(spark, [pages], tmp_path)
    assert summary.articles == local.new == 40
    _assert_same_store(local_db, loaded_db)


def test_uris_and_parquet_are_read_and_a_broken_file_is_a_failure_row(spark, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from telusur.spark import analyze

    folder = tmp_path / "in"
    folder.mkdir()
    text = ("JAKARTA - Badan Meteorologi memperingatkan hujan lebat di Jawa Barat pada Selasa, kata kepala badan itu.\n\n"
            "Warga di daerah aliran sungai diminta waspada dan menyiapkan tempat mengungsi bila air naik malam ini.")
    (folder / "a.jsonl").write_text(json.dumps({"id": "j1", "title": "Hujan", "text": text}) + "\n", encoding="utf-8")
    (folder / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    pq.write_table(pa.table({"id": ["p1"], "title": ["Banjir"], "text": [text.replace("hujan", "banjir")]}),
                   tmp_path / "rows.parquet")
    summary = analyze([folder.as_uri(), str(tmp_path / "rows.parquet"), str(tmp_path / "missing")], tmp_path / "out",
                      spark=spark)
    articles = pq.read_table(tmp_path / "out" / "articles").to_pylist()
    assert sorted(a["id"] for a in articles) == ["j1", "p1"]
    assert next(a for a in articles if a["id"] == "j1")["source"].startswith("file:")
    failures = pq.read_table(tmp_path / "out" / "failures").to_pylist()
    assert {f["doc_id"] for f in failures} == {"broken.warc.gz", "missing"}
    assert summary.failures_by_code == {"input": 2}


def test_cli_analyze_and_load(spark, tmp_path) -> None:
    from click.testing import CliRunner

    from telusur.cli import main

    result = CliRunner().invoke(main, ["spark", "analyze", str(DEMO / "multi-outlet-scrape-2024-10.jsonl"),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["spark", "load", str(tmp_path / "out"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    with telusur.open_store(tmp_path / "x.db") as analysis:
        assert len(analysis) > 0


def test_the_cli_does_not_import_pyspark_and_says_when_it_is_missing(tmp_path) -> None:
    code = ("import sys, telusur.cli; assert 'pyspark' not in sys.modules; sys.modules['pyspark'] = None\n"
            "from click.testing import CliRunner\n"
            f"r = CliRunner().invoke(telusur.cli.main, ['spark', 'analyze', 'x', '--out', {str(tmp_path / 'o')!r}])\n"
            "print(r.exit_code, r.output)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("6 ") and "pyspark is not installed" in done.stdout


def test_an_output_folder_with_a_broken_manifest_is_a_usage_error_not_a_crash(spark, tmp_path) -> None:
    from click.testing import CliRunner

    from telusur.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / "_manifest.json").write_text("bukan manifest", encoding="utf-8")
    result = CliRunner().invoke(main, ["spark", "analyze", str(DEMO / "multi-outlet-scrape-2024-10.jsonl"), "--out", str(out)])
    assert result.exit_code == 2 and "not a Telusur Spark manifest" in result.output


def test_spark_submit_runs_the_readmes_job_from_a_built_wheel(spark, tmp_path) -> None:
    """The README's spark-submit recipe, as written: a wheel built with pip, ``job.py``, ``--py-files``.

    pip fetches the build backend from PyPI (build isolation), as on a user's machine; the
    job runs in its own JVM and Python (spark-submit's), and its output loads into the
    database the local path makes.
    """
    import shutil

    from telusur.spark import load

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    job_line = next(line for line in readme.splitlines() if line.startswith("# job.py: "))
    assert "pip wheel --no-deps -w dist ." in readme and "--py-files dist/telusur-0.1.0-py3-none-any.whl" in readme
    project = tmp_path / "project"
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE", "NOTICE"):
        shutil.copy(ROOT / name, project / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", "dist", "."], cwd=project, check=True,
                   timeout=600)
    wheel = project / "dist" / f"telusur-{telusur.__version__}-py3-none-any.whl"
    assert wheel.is_file()
    job = tmp_path / "job.py"
    job.write_text(job_line.removeprefix("# job.py: ") + "\n", encoding="utf-8")
    source = DEMO / "multi-outlet-scrape-2024-10.jsonl"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run([str(Path(sys.executable).parent / "spark-submit"), "--master", "local[2]", "--py-files", str(wheel),
                           str(job), str(source), "--out", str(tmp_path / "out")], env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    load(tmp_path / "out", tmp_path / "loaded.db")
    with telusur.analyze([source], db=tmp_path / "local.db", workers=1) as run:
        assert run.summary.new > 0
    _assert_same_store(tmp_path / "local.db", tmp_path / "loaded.db")

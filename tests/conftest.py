"""Shared fixtures: paths to the demo corpus, its gold file and the shared samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from telusur.ingest import read_path
from telusur.model import Document
from telusur.clean import clean
from telusur.model import Article

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
GOLD = ROOT / "demo" / "gold" / "metadata.json"
SAMPLES = ROOT.parent / "shared" / "samples"


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    return SAMPLES


@pytest.fixture(scope="session")
def demo_analysis(tmp_path_factory):
    """The demo corpus analysed once into a real SQLite file, shared by read-only tests."""
    import telusur

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with telusur.analyze(DEMO, db=db, workers=1) as analysis:
        yield analysis


def clean_file(path: Path) -> Article:
    """Read one single-document file and clean it."""
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document), doc
    return clean(doc)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    """The demo corpus plus hostile articles, analysed once into a real SQLite file (read-only for tests)."""
    from web_corpus import build

    return build(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def client(web_db):
    """An HTTP client over the app serving ``web_db`` (in-process, real SQLite)."""
    from fastapi.testclient import TestClient

    from telusur.web.app import create_app

    with TestClient(create_app(web_db, uploads=web_db.parent / "never-written")) as c:
        yield c


@pytest.fixture()
def writable_app(web_db, tmp_path):
    """A copy of ``web_db`` for a test that writes (uploads), with a small upload limit; yields (client, db path)."""
    import shutil

    from fastapi.testclient import TestClient

    from telusur.web.app import create_app

    db = tmp_path / "copy.db"
    shutil.copy(web_db, db)
    with TestClient(create_app(db, max_upload_bytes=200_000)) as c:
        yield c, db


@pytest.fixture
def schema_11():
    """A function that turns a copy of a current database back into schema 11 (for migration tests).

    It undoes what migrations 12 to 16 add: the stems index, the listing index, the body
    signatures, a fact diff's difference as fields (back to one "a vs b" string), and the
    stem cache.
    """
    def undo(conn) -> None:
        conn.execute("DROP TABLE stem_cache")
        conn.execute("DELETE FROM corpus_state WHERE name = 'stemmer'")
        conn.execute("DROP TABLE article_stems")
        conn.execute("DROP INDEX articles_listing")
        conn.execute("DROP TABLE body_signatures")
        conn.execute("ALTER TABLE fact_diffs ADD COLUMN detail TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE fact_diffs SET detail = 'was: ' || a_value || ' vs ' || b_value")
        for column in ("what", "a_value", "b_value"):
            conn.execute(f"ALTER TABLE fact_diffs DROP COLUMN {column}")
        conn.execute("PRAGMA user_version = 11")

    return undo

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

"""The whole-document fuzzer of ``bench/fuzz.py``, bounded: mutated demo files never crash ingest or the pipeline.

The bench runs it for minutes (``python bench/fuzz.py --minutes 10``); here a fixed seed
gives the same 1,500 inputs every run, about 15 seconds.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from fuzz import crashes, mutate, seeds  # noqa: E402

INPUTS = 1500


def test_mutated_documents_never_crash(tmp_path) -> None:
    rng = random.Random(20261203)
    pool = seeds()
    assert {suffix for suffix, _ in pool} == {".txt", ".html", ".jsonl", ".json", ".csv"}
    found = []
    for _ in range(INPUTS):
        suffix, text = rng.choice(pool)
        found += crashes(mutate(text, rng).encode("utf-8", "surrogatepass"), suffix, tmp_path)
    assert found == []


def test_the_harness_sees_a_crash(tmp_path, monkeypatch) -> None:
    import fuzz

    def broken(doc):
        raise RuntimeError("a planted bug")

    monkeypatch.setattr(fuzz, "process_to_row", broken)
    assert crashes("Judul\n\nIsi berita.".encode(), ".txt", tmp_path) == ["[escaped] RuntimeError: a planted bug"]

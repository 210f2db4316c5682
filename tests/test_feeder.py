"""The local executor's feeder: documents out at once are bounded, so memory does not grow with the corpus."""

from __future__ import annotations

import threading

import pytest

from telusur.engine.local import BATCH_SIZE, _Feeder
from telusur.ingest.files import text_document
from telusur.store import Store


def _docs(n: int):
    for i in range(n):
        yield text_document(f"doc-{i}", "test", f"Berita nomor {i} tentang banjir di kota itu.", {}, [])


def test_the_feeder_waits_for_written_results_and_stops_on_request(tmp_path):
    Store(tmp_path / "f.db").close()
    feeder = _Feeder(_docs(1000), tmp_path / "f.db", max_in_flight=BATCH_SIZE + 44)
    got: list[str] = []
    thread = threading.Thread(target=lambda: got.extend(d.id for d in feeder), daemon=True)
    thread.start()
    thread.join(timeout=2)
    assert thread.is_alive() and len(got) == BATCH_SIZE + 44  # blocked: nothing was written back
    feeder.written(100)
    thread.join(timeout=2)
    assert len(got) == BATCH_SIZE + 144
    feeder.stop()
    thread.join(timeout=2)
    assert not thread.is_alive()
    feeder.close()


def test_a_bound_not_above_one_batch_is_refused(tmp_path):
    with pytest.raises(ValueError, match="max_in_flight"):
        _Feeder(_docs(1), tmp_path / "f.db", max_in_flight=BATCH_SIZE)

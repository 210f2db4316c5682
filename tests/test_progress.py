"""What a run tells a progress display: its stages in order, each document once, and the total."""

from __future__ import annotations

import io
import threading

import telusur
from telusur.engine.corpus_stages import CORPUS_STAGES
from telusur.ingest import iter_documents
from telusur.terminal import TerminalProgress

from conftest import DEMO


class Recorder:
    def __init__(self) -> None:
        self.stages: list[str] = []
        self.totals: list[int] = []
        self.done = 0
        self.closed = False
        self.counted = threading.Event()

    def stage(self, name, total=None):
        self.stages.append(name)

    def total(self, total):
        self.totals.append(total)
        self.counted.set()

    def advance(self, n=1):
        if self.stages[-1] == "articles":
            self.done += n

    def close(self):
        self.closed = True


def test_a_run_reports_each_stage_in_order_and_every_document_once(tmp_path):
    shown = Recorder()
    with telusur.analyze(DEMO, db=tmp_path / "p.db", workers=1, progress=shown) as analysis:
        read = analysis.summary.read
    assert shown.stages == ["articles", "templates", *(s.shown for s in CORPUS_STAGES)] and shown.closed
    assert shown.done == read == 14
    assert shown.counted.wait(10) and shown.totals == [14] == [len(list(iter_documents([DEMO])))]


def test_the_terminal_display_names_the_stage_and_the_total():
    out = io.StringIO()
    shown = TerminalProgress(out)
    shown.stage("articles")
    shown.total(20)
    shown.advance(20)
    shown.stage("stories")
    shown.close()
    drawn = out.getvalue()
    assert "articles" in drawn and "20/20" in drawn and "stories" in drawn

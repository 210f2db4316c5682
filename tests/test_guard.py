"""No input ends a run: an exception in a corpus stage or one story becomes a stored failure.

The faults are injected by replacing one stage function for the length of a test (the
only way to make fixed code fail on purpose); the store, pipeline and CLI are the real ones.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import DEMO
from telusur import cli
from telusur.engine import corpus_stages, local
from telusur.corpus import story_views
from telusur.model import Document
from telusur.clean import clean
from telusur.extract import extract
from telusur.store import Store


def _boom(*args, **kwargs):
    raise RuntimeError("injected fault")


def test_a_failing_story_is_recorded_and_every_other_stage_is_done(tmp_path, monkeypatch):
    monkeypatch.setattr(story_views, "claim_tracks", _boom)
    with Store(tmp_path / "d.db") as store:
        summary = local.run([DEMO], store, workers=1)
        assert summary.status == "done" and summary.new == 14
        stories = store.story_ids()
        assert stories and summary.internal == len(stories)
        failures = store.failures(summary.run_id)
        assert {f.doc_id for f in failures} == {f"story:{s}" for s in stories}
        assert all(f.code == "internal" and f.stage == "stories" and "injected fault" in f.reason for f in failures)
        # the story keeps its header (members), the views that failed are empty
        view = store.story_view(stories[0], "story")
        assert view["articles"] and store.story_view(stories[0], "summary") == []
        assert summary.siblings > 0  # the stages before it ran


def test_a_failing_stage_is_recorded_the_next_stages_run_and_the_next_run_retries(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_stages, "refresh_near_duplicates", _boom)
    with Store(tmp_path / "d.db") as store:
        summary = local.run([DEMO], store, workers=1)
        (failure,) = store.failures(summary.run_id)
        assert (failure.doc_id, failure.stage, failure.code) == ("corpus", "near_duplicates", "internal")
        assert failure.reason.startswith("internal error: RuntimeError: injected fault at corpus_stages.py:")
        assert summary.stories > 0 and summary.siblings > 0
        assert store.corpus_pending()  # not marked done: the stage must run again
        monkeypatch.undo()
        again = local.run([DEMO], store, workers=1)
        assert again.unchanged == 14 and again.failed == 0 and again.duplicates > 0
        assert not store.corpus_pending()


def test_internal_failures_exit_4_apart_from_bad_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_stages, "refresh_corpus_entities", _boom)
    r = CliRunner().invoke(cli.main, ["analyze", str(DEMO), "--db", str(tmp_path / "d.db"), "--quiet", "--workers", "1"])
    assert r.exit_code == cli.EXIT_INTERNAL, r.output
    assert "failed: corpus [entities] internal error: RuntimeError: injected fault" in r.output
    assert "internal errors (a Telusur bug)" in r.output


def _article(doc_id: str, text: str):
    return extract(clean(Document(id=doc_id, source=f"{doc_id}.txt", format="text", content_hash=doc_id, text=text)))


@pytest.mark.parametrize("gap", ["  ", "\t", "\u00a0", " \u2009 "])
def test_a_gazetteer_name_split_by_odd_whitespace_is_found(gap):
    # written for this test; the name is a gazetteer entry whose words a scraper spaced oddly
    text = ("Kunjungan Kenegaraan ke Jakarta\n\nMenteri Luar Negeri Amerika" + gap + "Serikat tiba di Jakarta pada "
            "Senin untuk membahas kerja sama perdagangan dengan pemerintah Indonesia. Pertemuan itu "
            "berlangsung tertutup selama dua jam di Gedung Pancasila dan dilanjutkan makan siang bersama.")
    article = _article("spasi", text)
    names = {e.name for e in article.entities}
    assert "Amerika Serikat" in names, names


def test_numbers_in_parentheses_do_not_stop_the_stories_stage(tmp_path):
    # written for this test: ages, earlier figures and clause numbers in parentheses, two outlets
    folder = tmp_path / "in"
    folder.mkdir()
    lead = ("Pesawat latih jatuh di Bogor, Jawa Barat, pada Selasa pagi. Pilot pesawat itu, Andi Saputra (37), "
            "selamat dengan luka ringan, sedangkan penumpangnya, Rudi Hartono (52), dirawat di rumah sakit. ")
    more = ("Jumlah kecelakaan pesawat latih naik dari tahun lalu (12 kejadian) menjadi 15 kejadian. Polisi "
            "memeriksa izin terbang sesuai Pasal 48 ayat (1) dan ayat (4) undang-undang penerbangan.")
    (folder / "satu.txt").write_text("Pesawat Latih Jatuh di Bogor\n\n" + lead + more, encoding="utf-8")
    (folder / "dua.txt").write_text("Pesawat Latih Jatuh di Bogor, Pilot Selamat\n\n" + lead + "Sebanyak 3 orang "
                                    "saksi diperiksa (2 di antaranya warga). " + more, encoding="utf-8")
    with Store(tmp_path / "d.db") as store:
        summary = local.run([folder], store, workers=1)
        assert summary.status == "done" and summary.failed == 0, summary.failures
        assert summary.stories >= 1 and not store.corpus_pending()

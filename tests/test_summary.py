"""Extractive summaries: one article and one story told by several outlets (text written for these tests)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from telusur.corpus.summary import (
    FEATURES,
    Candidate,
    SummaryArticle,
    candidates,
    load_scorer,
    summarise,
    weights_path,
)
from telusur.text.terms import dice, terms

ROOT = Path(__file__).resolve().parents[1]
INDOSUM = ROOT.parent / "shared" / "data" / "summarization" / "indosum"

# one wire report, as the first outlet ran it ...
WIRE = (
    "Pemerintah Provinsi Jawa Barat menutup sementara kawasan wisata Gunung Tangkuban Parahu setelah "
    "aktivitas kawah meningkat sejak Minggu malam. Kepala Badan Penanggulangan Bencana Daerah Jawa Barat, "
    "Dani Ramdan, mengatakan penutupan berlaku sampai status gunung diturunkan.\n\n"
    "Petugas gabungan dari kepolisian dan dinas perhubungan memasang pagar pembatas di gerbang utama "
    "kawasan wisata itu. Sebanyak 1.200 pengunjung yang sudah berada di sekitar kawah diminta turun "
    "sebelum pukul 15.00 WIB.\n\n"
    "\"Keselamatan warga dan wisatawan menjadi prioritas kami,\" ujar Dani kepada wartawan di Lembang.\n\n"
    "Pedagang di sekitar kawah juga diminta mengosongkan kios mereka untuk sementara waktu."
)
A = SummaryArticle(
    "a-kabar", "JAKARTA, kabarsatu.id - " + WIRE, title="Tangkuban Parahu ditutup sementara",
    published="2024-03-04T08:00:00+07:00", outlet="kabarsatu.id",
)
# ... a copy of it on a second outlet, with its own dateline and one sentence more ...
B = SummaryArticle(
    "b-warta", "BANDUNG, wartadua.com - " + WIRE + " Jalur alternatif menuju Subang tetap dibuka untuk umum.",
    title="Aktivitas kawah meningkat, Tangkuban Parahu ditutup",
    published="2024-03-04T09:30:00+07:00", outlet="wartadua.com",
)
# ... and a third outlet's own report: a rewrite of one fact and one fact of its own.
C = SummaryArticle(
    "c-berita",
    "Pusat Vulkanologi dan Mitigasi Bencana Geologi mencatat 35 kali gempa vulkanik dangkal di Gunung "
    "Tangkuban Parahu dalam sehari terakhir. Lembaga itu menaikkan status gunung dari Normal menjadi "
    "Waspada pada Senin pagi.\n\n"
    "Sebanyak 1.200 wisatawan yang telah berada di sekitar kawah diminta turun sebelum pukul 15.00 WIB. "
    "Warga diimbau tidak mendekati bibir kawah dalam radius 1,5 kilometer.",
    published="2024-03-04T11:00:00+07:00",
    outlet="beritatiga.co.id",
)


def test_copies_are_shown_once_and_cite_every_copy() -> None:
    summary = summarise([A, B, C], n=5)
    assert 1 <= len(summary) <= 5
    keys = [terms(s.text) for s in summary]
    # no sentence is repeated because a copy repeats it
    assert all(dice(keys[i], keys[j]) < 0.6 for i in range(len(keys)) for j in range(i))
    lead = next(s for s in summary if s.text.startswith("Pemerintah Provinsi Jawa Barat menutup"))
    assert lead.article_id == "a-kabar" and lead.cites[:2] == ("a-kabar", "b-warta")
    # the rewritten fact is one unit carried by all three outlets
    visitors = [s for s in summary if "1.200" in s.text]
    assert len(visitors) == 1 and set(visitors[0].cites) == {"a-kabar", "b-warta", "c-berita"}
    assert visitors[0].cites[0] == visitors[0].article_id
    assert list(visitors[0].cites[1:]) == sorted(visitors[0].cites[1:])


def test_shown_text_is_cut_from_the_body_without_the_dateline() -> None:
    bodies = {a.id: a.body for a in (A, B, C)}
    summary = summarise([A, B, C], n=5)
    for s in summary:
        assert bodies[s.article_id][s.start : s.end] == s.text
        assert not s.text.startswith(("JAKARTA", "BANDUNG"))


def test_reading_order_is_publication_then_position() -> None:
    summary = summarise([C, B, A], n=5)
    when = {"a-kabar": 0, "b-warta": 1, "c-berita": 2}
    keys = [(when[s.article_id], s.start) for s in summary]
    assert keys == sorted(keys)


def test_output_does_not_depend_on_input_order() -> None:
    assert summarise([A, B, C], n=4) == summarise([C, A, B], n=4) == summarise([B, C, A], n=4)


def test_support_across_outlets_lifts_a_unit() -> None:
    alone = {s.text: s.score for s in summarise([A], n=5)}
    shared = {s.text: s.score for s in summarise([A, B], n=5)}
    lead = next(t for t in alone if t.startswith("Pemerintah Provinsi"))
    assert shared[lead] > alone[lead]


def test_single_article_keeps_the_lead_and_skips_the_quote() -> None:
    summary = summarise([A], n=3)
    assert len(summary) == 3
    assert summary[0].text.startswith("Pemerintah Provinsi Jawa Barat menutup sementara")
    assert all(s.cites == ("a-kabar",) for s in summary)
    assert summary == sorted(summary, key=lambda s: s.start)
    assert not any(s.text.startswith('"') for s in summary)


def test_questions_and_short_fragments_are_not_shown() -> None:
    article = SummaryArticle(
        "q", "Siapa yang akan menggantikan pelatih tim nasional? Belum jelas. Federasi sepak bola akan "
        "mengumumkan nama pelatih baru tim nasional pada akhir pekan ini setelah rapat komite eksekutif.",
    )
    statement = article.body[article.body.index("Federasi") :]
    assert [s.text for s in summarise([article], n=3)] == [statement]


def test_empty_input_and_empty_bodies_give_nothing() -> None:
    assert summarise([]) == []
    assert summarise([SummaryArticle("kosong", ""), SummaryArticle("spasi", " \n\n ")]) == []


def test_n_and_articles_are_validated() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        summarise([A], n=0)
    with pytest.raises(ValueError, match="n must be"):
        summarise([], n=-2)
    with pytest.raises(ValueError, match="n must be"):
        summarise([A], n=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unique"):
        summarise([A, A])
    with pytest.raises(ValueError, match="ISO 8601"):
        summarise([SummaryArticle("x", "Satu kalimat yang cukup panjang untuk berdiri sendiri.", published="Senin")])


def test_n_caps_the_summary() -> None:
    assert len(summarise([A, B, C], n=1)) == 1
    assert len(summarise([A, B, C], n=2)) == 2


def test_the_shipped_weights_load_and_name_their_source() -> None:
    data = json.loads(weights_path().read_text(encoding="utf-8"))
    assert "IndoSum" in data["derived_from"] and "CC BY-SA 4.0" in data["license"]
    assert data["held_out"] not in data["trained_on"]
    scorer = load_scorer()
    assert scorer.weights.shape == (len(FEATURES),)
    rows = [c.features for c in candidates(A)]
    assert all(len(r) == len(FEATURES) for r in rows)
    odds = scorer.log_odds(rows)
    assert odds.shape == (len(rows),) and odds[0] > odds[-1]


def test_a_weights_file_for_other_features_is_refused(tmp_path: Path) -> None:
    data = json.loads(weights_path().read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="other features"):
        load_scorer(path)


def test_beats_lead3_on_held_out_indosum_articles() -> None:
    if not INDOSUM.is_dir():
        pytest.skip("shared IndoSum data not found")
    sys.path.insert(0, str(ROOT / "tools"))
    from eval_summary import HELD_OUT, article_of, evaluate, read

    records = read([HELD_OUT])[:150]
    for record in records[:20]:
        article = article_of(record)
        for s in summarise([article], n=3):
            assert article.body[s.start : s.end] == s.text
    figures = evaluate(records)
    # regression guard well under the full-fold margin (tools/eval_summary.py)
    assert all(ours > lead for ours, lead in zip(figures["Telusur"], figures["Lead-3"]))


def _units_by_every_shared_term(pool):
    """``summary._units`` as it was first written: every term of a sentence looks up the index."""
    from telusur.corpus.summary import SAME_CONTAINED, SAME_DICE

    units, index = [], {}
    for c in pool:
        shared = {}
        for term in c.terms:
            for u in index.get(term, ()):
                shared[u] = shared.get(u, 0) + 1
        best, best_dice, size = -1, 0.0, len(c.terms)
        for u, common in sorted(shared.items()):
            seed = len(units[u][0].terms)
            d = 2 * common / (size + seed)
            smaller = min(size, seed)
            if d < SAME_DICE and (smaller < 4 or common / smaller < SAME_CONTAINED):
                continue
            if d > best_dice and all(m.article_id != c.article_id for m in units[u]):
                best, best_dice = u, d
        if best >= 0:
            units[best].append(c)
            continue
        units.append([c])
        for term in c.terms:
            index.setdefault(term, []).append(len(units) - 1)
    return units


@given(st.lists(st.tuples(st.integers(0, 6), st.sets(st.integers(0, 14), max_size=12)), max_size=60))
@settings(max_examples=300, derandomize=True, database=None, deadline=None)
def test_prefix_filtered_units_equal_the_units_of_every_shared_term(rows):
    """Skipping a sentence's most common terms in the look-up never changes a unit (``_units``' docstring)."""
    from telusur.corpus.summary import Candidate, _units

    vocabulary = [f"t{k}" for k in range(15)]
    pool = [Candidate(f"a{article}", i, 0, 1, "x", frozenset(vocabulary[t] for t in words), 5, ())
            for i, (article, words) in enumerate(rows)]
    assert _units(pool) == _units_by_every_shared_term(pool)


def test_units_of_real_story_sentences_equal_those_of_every_shared_term():
    if not INDOSUM.is_dir():
        pytest.skip("shared IndoSum data not found")
    sys.path.insert(0, str(ROOT / "tools"))
    from eval_summary import HELD_OUT, article_of, read

    from telusur.corpus.summary import _units

    pool = [c for r in read([HELD_OUT])[:200] for c in candidates(article_of(r))]
    # the same sentences again under other ids, as copies of one report are
    pool += [Candidate(c.article_id + "-copy", c.index, c.start, c.end, c.text, c.terms, c.words, c.features)
             for c in pool[: len(pool) // 3]]
    units = _units(pool)
    assert units == _units_by_every_shared_term(pool)
    assert sum(len(u) > 1 for u in units) > 100


@given(st.text(alphabet='ab "“”', max_size=40))
@settings(max_examples=300, derandomize=True, database=None)
def test_quoted_share_counts_the_characters_between_marks(text):
    from telusur.corpus.summary import _quoted_share

    inside, quoted = False, 0
    for c in text:
        if c in '"“”':
            inside = not inside
        elif inside:
            quoted += 1
    assert _quoted_share(text) == (quoted / len(text) if text else 0.0)

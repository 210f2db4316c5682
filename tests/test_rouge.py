"""ROUGE-1/2/L on tiny examples computed by hand."""

from __future__ import annotations

import pytest

from telusur.text.rouge import lcs_length, rouge, rouge_l, rouge_n, words

CANDIDATE = "Presiden meresmikan jembatan baru di Palu."
REFERENCE = "Presiden Jokowi meresmikan jembatan di Palu hari ini."


def test_words_are_lower_cased_letters_and_digits() -> None:
    assert words("Kota-kota, pukul 13.15 WIB!") == ["kota", "kota", "pukul", "13", "15", "wib"]
    assert words("  ... !! ") == []


def test_rouge_1() -> None:
    # 6 candidate and 8 reference words, 5 shared
    s = rouge_n(CANDIDATE, REFERENCE, 1)
    assert s.precision == pytest.approx(5 / 6)
    assert s.recall == pytest.approx(5 / 8)
    assert s.f1 == pytest.approx(5 / 7)


def test_rouge_2() -> None:
    # 5 and 7 bigrams; "meresmikan jembatan" and "di palu" shared
    s = rouge_n(CANDIDATE, REFERENCE, 2)
    assert (s.precision, s.recall) == pytest.approx((2 / 5, 2 / 7))
    assert s.f1 == pytest.approx(1 / 3)


def test_rouge_l() -> None:
    # longest common subsequence: presiden meresmikan jembatan di palu
    s = rouge_l(CANDIDATE, REFERENCE)
    assert (s.precision, s.recall, s.f1) == pytest.approx((5 / 6, 5 / 8, 5 / 7))
    # order matters for L, not for 1
    assert rouge_l("palu di jembatan", "jembatan di palu").recall == pytest.approx(1 / 3)
    assert rouge_n("palu di jembatan", "jembatan di palu", 1).recall == 1.0


def test_matches_are_clipped_to_the_reference_count() -> None:
    s = rouge_n("di di di", "di sana", 1)
    assert (s.precision, s.recall) == pytest.approx((1 / 3, 1 / 2))


def test_lcs_length() -> None:
    assert lcs_length(list("abcbdab"), list("bdcaba")) == 4
    assert lcs_length([], ["a"]) == 0


def test_rouge_bundles_the_three_measures() -> None:
    r = rouge(CANDIDATE, REFERENCE)
    assert r.rouge1 == rouge_n(CANDIDATE, REFERENCE, 1)
    assert r.rouge2 == rouge_n(CANDIDATE, REFERENCE, 2)
    assert r.rougeL == rouge_l(CANDIDATE, REFERENCE)
    assert rouge(CANDIDATE, CANDIDATE).rouge2.f1 == 1.0


def test_empty_texts_score_zero_and_n_is_validated() -> None:
    assert rouge("", REFERENCE).rouge1 == (0.0, 0.0, 0.0)
    assert rouge(CANDIDATE, "").rougeL == (0.0, 0.0, 0.0)
    assert rouge_n("satu", "satu", 2) == (0.0, 0.0, 0.0)  # no bigram at all
    with pytest.raises(ValueError, match="at least 1"):
        rouge_n(CANDIDATE, REFERENCE, 0)


def test_agrees_with_rouge_score_when_installed() -> None:
    rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    pairs = [
        (CANDIDATE, REFERENCE),
        ("Banjir merendam 300 rumah di Kabupaten Bekasi, Senin (4/3).", "Banjir merendam ratusan rumah di Bekasi pada Senin."),
        ("Harga cabai naik lagi. Pedagang mengeluh.", "Pedagang di pasar mengeluh harga cabai naik lagi menjelang Ramadan."),
    ]
    for candidate, reference in pairs:
        theirs = scorer.score(reference, candidate)
        ours = rouge(candidate, reference)
        for name, mine in (("rouge1", ours.rouge1), ("rouge2", ours.rouge2), ("rougeL", ours.rougeL)):
            assert tuple(mine) == pytest.approx((theirs[name].precision, theirs[name].recall, theirs[name].fmeasure))

"""Content terms: stemming, synonym keys and function words, on real sentences."""

from __future__ import annotations

from telusur.text.terms import containment, dice, terms


def test_inflections_and_spinner_synonyms_share_keys() -> None:
    wire = terms("Korea Selatan memanggil duta besar Rusia untuk memprotes pengiriman pasukan Korea Utara.")
    spun = terms("Rusia memanggil duta besar Korea Selatan guna memprotes pengiriman serdadu Korea Utara.")
    assert {"panggil", "kirim", "tentara", "protes"} <= wire & spun
    assert dice(wire, spun) > 0.8


def test_function_words_are_dropped_and_numbers_lose_grouping() -> None:
    found = terms("Sebanyak 15.000 personel telah dikirim ke Vladivostok pada awal bulan ini.")
    assert "15000" in found and "yang" not in found and "telah" not in found
    assert "bulan" not in found and "tentara" in found


def test_unrelated_sentences_share_little() -> None:
    a = terms("Banjir bandang menerjang Kabupaten Agam setelah hujan deras semalaman.")
    b = terms("Menteri luar negeri kedua negara bertemu di Moskow untuk membahas kerja sama.")
    assert dice(a, b) < 0.1 and containment(a, b) < 0.1

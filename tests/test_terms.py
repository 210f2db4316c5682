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


def test_sastrawi_with_compiled_patterns_gives_its_own_stems_on_real_words(tmp_path) -> None:
    """``text.sastrawi_patterns`` against Sastrawi as shipped (in a fresh process), on 4,000 real words."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    import pytest

    from telusur.text.terms import _stemmer

    source = Path(__file__).resolve().parents[2] / "shared" / "data" / "summarization" / "indosum" / "dev.02.jsonl"
    if not source.is_file():
        pytest.skip("shared IndoSum data not found")
    words: set[str] = set()
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            words.update(w.lower() for p in json.loads(line)["paragraphs"] for s in p for w in s if len(w) > 3 and w.isalpha())
            if len(words) > 4000:
                break
    ordered = sorted(words)
    (tmp_path / "words.json").write_text(json.dumps(ordered), encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-c", "import json, sys; from Sastrawi.Stemmer.StemmerFactory import StemmerFactory; "
         "s = StemmerFactory().create_stemmer(False); "
         "print(json.dumps([s.stem(w) for w in json.load(open(sys.argv[1]))]))", str(tmp_path / "words.json")],
        capture_output=True, text=True, check=True)
    stemmer = _stemmer()
    import Sastrawi.Stemmer.Context.Visitor.RemoveDerivationalSuffix as visitor

    assert type(visitor.re).__name__ == "_CompiledRe"  # the stand-in is in place
    assert [stemmer.stem(w) for w in ordered] == json.loads(plain.stdout)

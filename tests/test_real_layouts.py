"""Layouts of real Indonesian pages (written anew for these tests): captions need a credit,
short closing sentences and announced lists stay, sign-offs and self-promos go."""

from __future__ import annotations

from telusur.clean import clean
from telusur.clean.rules import is_caption
from telusur.model import Document


def _clean(text: str):
    return clean(Document(id="t", source="t.txt", format="text", content_hash="h", text=text))


LEAD = ("Pertumbuhan ekonomi Indonesia pada kuartal kedua tercatat 5,1 persen, sedikit di bawah perkiraan "
        "para ekonom, menurut data yang dirilis Badan Pusat Statistik (BPS).")


def test_an_abbreviation_in_parentheses_is_not_a_photo_credit():
    assert not is_caption(LEAD)
    assert not is_caption("Angka itu setara dengan produk domestik bruto (PDB).")
    assert is_caption("Warga mengungsi di Agam, Sumatera Barat, Selasa (12/11). (ANTARA FOTO/Iggoy el Fitra)")
    assert is_caption("Prajurit berbaris dalam parade militer di Pyongyang. (AFP/Kim Won Jin)")
    assert is_caption("Pasukan penjaga perbatasan berjaga di pos pemeriksaan. (Dok. Humas Polda)")
    body = _clean("Ekonomi Tumbuh 5,1 Persen\n\n" + LEAD + "\n\nKonsumsi rumah tangga masih menjadi penopang utama "
                  "pertumbuhan, sementara investasi melambat dibanding kuartal sebelumnya.\n").body
    assert body.startswith("Pertumbuhan ekonomi Indonesia")


def test_a_closing_paragraph_signed_with_its_agency_is_kept_and_the_agency_cited():
    text = ("Festival Silat Digelar di Padang\n\nPadang - Sepuluh negara ikut festival pencak silat internasional "
            "yang digelar di Padang, Sumatera Barat, pekan ini.\n\nPanitia berharap ajang itu melahirkan pesilat muda "
            "yang kelak mengharumkan nama daerah. (Antara)\n")
    article = _clean(text)
    assert article.body.endswith("kelak mengharumkan nama daerah.")
    assert [f.value for f in article.wire_agencies] == ["Antara"]


def test_short_closing_sentence_and_announced_list_stay_sign_off_and_self_promo_go():
    text = ("PBSI Kirim Sepuluh Wakil\n\nJakarta - PBSI mengirim sepuluh wakil ke turnamen bulu tangkis Korea Terbuka "
            "yang dimulai pekan depan di Seoul, kata pelatih kepala kepada wartawan.\n\nBerikut daftar wakil Indonesia:"
            "\n\nTunggal putra: Anthony Ginting, Jonatan Christie\n\nGanda putri: Greysia Polii/Apriyani Rahayu\n\n"
            "Tim berangkat Sabtu. (rah/sir)\n\nBeritaKita.id adalah portal berita olahraga dan gaya hidup untuk "
            "pembaca muda di seluruh Indonesia.\n")
    article = _clean(text)
    assert article.body.endswith("Ganda putri: Greysia Polii/Apriyani Rahayu\n\nTim berangkat Sabtu.")
    reasons = {r.text.strip(): r.reason for r in article.removed}
    assert reasons["(rah/sir)"] == "signoff"
    assert any(r.reason == "promo" and r.text.startswith("BeritaKita.id adalah") for r in article.removed)

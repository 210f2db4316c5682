"""Metadata as real Indonesian pages carry it (lines written anew for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from telusur.clean import clean
from telusur.clean.dateline import find_dateline
from telusur.clean.pubdate import from_body, name_date, url_date
from telusur.model import Document


@pytest.mark.parametrize("line, place, outlet", [
    ("TRIBUNNEWS.COM, JAKARTA - Presiden meresmikan jalan tol baru.", "Jakarta", "TRIBUNNEWS.COM"),
    ("Suara.com - Penjualan mobil murah naik tajam bulan lalu.", None, "Suara.com"),
    ("Rimanews - Polisi menangkap dua tersangka pencurian.", None, "Rimanews"),
    ("JUARA.NET, MISANO ADRIATICO - Pebalap itu tercepat di sesi latihan.", "Misano Adriatico", "JUARA.NET"),
    ("Jakarta, CNN Indonesia -- Harga cabai kembali naik.", "Jakarta", "CNN Indonesia"),
    ("DEPOK (Pos Kota) – Dua jasad ditemukan warga.", "Depok", "Pos Kota"),
    ("BANDUNG - Hujan deras mengguyur kota sejak pagi.", "Bandung", None),
])
def test_outlet_first_and_place_first_datelines(line, place, outlet):
    dl = find_dateline(line)
    assert dl is not None and (dl.place, dl.outlet) == (place, outlet)


def test_an_outlet_signed_dateline_names_the_outlet_not_a_place():
    text = ("Harga Cabai Naik Lagi\n\nRimanews - Harga cabai rawit di pasar induk naik hingga Rp 80 ribu per kilogram "
            "pada Rabu (20/9), kata pedagang kepada wartawan.\n\nKenaikan itu terjadi sejak awal pekan karena pasokan "
            "dari sentra produksi berkurang akibat hujan pada 2017 ini.\n")
    article = clean(Document(id="c", source="c.txt", format="text", content_hash="h", text=text))
    assert article.outlet.value["name"] == "Rimanews" and article.outlet.value["domain"] == "rimanews.com"
    assert article.dateline is None
    # "Rabu (20/9)" in a year the article names (2017), where 20 September is a Wednesday
    assert article.published.value == "2017-09-20" and article.published.source.startswith("body-weekday-date")


@pytest.mark.parametrize("url, day", [
    ("https://www.cnnindonesia.com/nasional/20170724135044-20-229930/polisi-periksa/", "2017-07-24"),
    ("https://www.suara.com/news/2018/01/31/072048/rusia-depak-pekerja", "2018-01-31"),
    ("http://rimanews.com/nasional/kriminal/read/20170311/319587/pedagang", "2017-03-11"),
    ("https://www.merdeka.com/peristiwa/google-maps-kembalikan-nama-jalan.html", None),
    ("https://example.id/2017/02/30/no-such-day/", None),
])
def test_dates_in_article_urls(url, day):
    got = url_date(url)
    assert (got.isoformat() if got else None) == day


def test_weekday_dates_need_a_year_the_article_states():
    assert from_body("Sidang digelar Senin (2/10) di Jakarta.") is None
    got = from_body("Sidang digelar Senin (2/10) di Jakarta. Kasus ini dilaporkan pada 2017.")
    assert got is not None and got.value == "2017-10-02"
    got = from_body("Rapat pada Selasa (3/10/2017) dan sidang Kamis (5/10).")
    assert got is not None and got.value == "2017-10-05"  # the latest news peg


@pytest.mark.parametrize("doc_id,day", [
    ("1492753249-layanan-internet-tumbang", "2017-04-21"),    # a crawl's Unix timestamp, on UTC+7
    ("wartapagi-2024-11-11-banjir-bandang", "2024-11-11"),
    ("20171219-harga-cabai", "2017-12-19"),
    ("https://example.id/news/20171219-harga-cabai", "2017-12-19"),  # a WARC record's URI: its last segment
    ("https://example.id/1492753249/harga", None),
    ("berita-tanpa-tanggal", None),
    ("9999999999-too-late", None),
])
def test_dates_in_document_names(doc_id, day):
    got = name_date(doc_id)
    assert (got.isoformat() if got else None) == day


def test_a_names_year_dates_a_weekday_peg_and_stands_in_when_the_body_has_none():
    body = "Telkom meminta maaf atas gangguan layanan internet, Kamis (20/4), kata juru bicaranya kepada wartawan."
    assert from_body(body) is None
    assert from_body(body, date(2017, 4, 21)).value == "2017-04-20"
    # a bare weekday in the lead: the last such day on or before the file's day; a plan is no peg
    lead = "Gangguan layanan terjadi di Jakarta, Kamis. Perbaikan dijadwalkan Senin depan."
    assert from_body(lead, date(2017, 4, 22)).value == "2017-04-20"
    assert from_body(lead, date(2017, 4, 25)) is None  # five days back it dates the event, not the report
    assert from_body("Perbaikan dijadwalkan Senin depan.", date(2017, 4, 22)) is None
    assert from_body(lead) is None
    text = "Layanan Internet Tumbang\n\n" + body + " Gangguan itu dirasakan pelanggan di banyak kota sejak pagi hari."
    doc = Document(id="1492753249-layanan", source="pages/1492753249-layanan.txt", format="text",
                   content_hash="x", text=text)
    assert clean(doc).published.value == "2017-04-20"
    bare = text.replace(", Kamis (20/4),", "")
    got = clean(Document(id="1492753249-layanan", source="pages/1492753249-layanan.txt", format="text",
                         content_hash="y", text=bare)).published
    assert got.value == "2017-04-21" and got.source.startswith("name-date")


BODY = ("\n\nJAKARTA - Presiden meresmikan jalan tol baru yang menghubungkan dua kota besar di Jawa Barat pada "
        "Senin pagi, kata pejabat setempat kepada wartawan.\n\nJalan itu diharapkan memangkas waktu tempuh hingga "
        "dua jam bagi para pengendara yang melintas setiap hari.\n")


@pytest.mark.parametrize("head", [
    "Jokowi Resmikan Tol\nRina Ayu Panca Rini\nPenulis\nSri Juliati\nEditor",   # the label after the name
    "Jokowi Resmikan Tol\nPenulis\nRina Ayu Panca Rini\nEditor\nSri Juliati",   # the label before it
    "Jokowi Resmikan Tol\nRina Ayu Panca Rini / Penulis / Sri Juliati / Editor",
])
def test_bylines_with_the_label_before_or_after_the_name(head):
    article = clean(Document(id="b", source="b.txt", format="text", content_hash="h", text=head + BODY))
    assert [f.value for f in article.authors] == ["Rina Ayu Panca Rini"]
    assert [f.value for f in article.editors] == ["Sri Juliati"]


def test_a_reporter_credit_names_the_author_and_cites_no_outlet():
    text = "Tol Baru Diresmikan Presiden Hari Ini\n\nLaporan Wartawan Tribunnews.com, Rina Ayu Panca Rini\n\nTRIBUNNEWS.COM," + BODY
    article = clean(Document(id="t", source="t.txt", format="text", content_hash="h", text=text))
    assert [f.value for f in article.authors] == ["Rina Ayu Panca Rini"] and article.cited_outlets == []
    assert article.outlet.value["domain"] == "tribunnews.com"


def test_site_byline_tags_outrank_json_ld_whose_author_is_the_editor():
    from telusur.clean.html import page_meta

    meta = page_meta('<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Sri Juliati"}}'
                     '</script><meta name="content_author" content="Rina Ayu Panca Rini">'
                     '<meta name="content_editor" content="Sri Juliati">')
    assert [a for a, _ in meta.authors] == ["Rina Ayu Panca Rini"] and [e for e, _ in meta.editors] == ["Sri Juliati"]


@pytest.mark.parametrize("text", ["Dilasnir dari AFP, pasukan itu bergerak.", "Mengtuip Reuters, harga minyak naik.",
                                  "Harga naik, seperti dikutpi Antara."])
def test_a_wire_cue_with_a_typo_still_cites(text):
    from telusur.clean.wire import find_citations

    assert [c.kind for c in find_citations(text)] == ["agency"]


@pytest.mark.parametrize("line, place", [
    ("OPINI - Dalam konstelasi pemilihan kepala daerah tahun ini, kita melihat banyak hal.", None),
    ("GO - JEK perlahan tapi pasti menambah fungsi pembayarannya.", None),
    ("TERMAS DE RIO HONDO, JUARA.net - Sirkuit itu akan menjadi tuan rumah.", "Termas de Rio Hondo"),
])
def test_section_labels_and_split_names_are_no_datelines(line, place):
    dl = find_dateline(line)
    assert (dl.place if dl else None) == place


def test_an_outlet_that_interviewed_the_speaker_names_the_article_when_nothing_else_does():
    from telusur.clean.outlet import self_references

    assert [d for d, _, _ in self_references("kata Made kepada kumparan (kumparan.com), Selasa (6/6).")] == ["kumparan.com"]
    assert [d for d, _, _ in self_references("ujarnya saat dihubungi Suara.com, Senin.")] == ["suara.com"]
    assert self_references("kata dia kepada wartawan di Jakarta.") == []
    text = ("PLN Sewa Kapal Pembangkit\n\nPLN menyewa sepuluh kapal pembangkit listrik untuk daerah yang kekurangan "
            "pasokan. \"Kapasitasnya sekitar 100 MW,\" kata Made kepada kumparan (kumparan.com), Selasa (6/6). "
            "Kapal pertama tiba bulan depan di pelabuhan yang sudah disiapkan pemerintah daerah setempat.")
    got = clean(Document(id="pln-kapal", source="pln-kapal.txt", format="text", content_hash="z", text=text)).outlet
    assert got is not None and got.value["domain"] == "kumparan.com" and got.source == "interviewed-by"

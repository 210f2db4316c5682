"""Metadata as real Indonesian pages carry it (lines written anew for these tests)."""

from __future__ import annotations

import pytest

from telusur.clean import clean
from telusur.clean.dateline import find_dateline
from telusur.clean.pubdate import from_body, url_date
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

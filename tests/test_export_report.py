"""Exports in every format, and the HTML report with hostile article text."""

import csv
import json

import pyarrow.parquet as pq
import pytest

import telusur
from telusur.model import Article
from telusur.report.export import FLAT_COLUMNS, SCHEMA, export


HOSTILE = """Judul <script>alert('judul')</script> Yang Berbahaya Sekali

Penulis: Budi Santoso
Senin, 4 Nov 2024 10:00 WIB

Jakarta - Isi berita <script>alert(1)</script> memuat tautan <a href="javascript:alert(2)">klik</a> dan atribut " onmouseover="alert(3) yang tidak boleh dijalankan oleh peramban.

Paragraf kedua memuat <img src=x onerror=alert(4)> serta teks biasa tentang kejadian di kota itu pada Senin pagi.

Baca juga: <b>Tautan</b> Lain
"""


@pytest.fixture(scope="module")
def demo(demo_analysis):
    return demo_analysis


def test_json_export_is_the_documented_contract(demo, tmp_path):
    out = tmp_path / "a.json"
    assert demo.export("json", out) == 14
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    first = data["articles"][0]
    for key in ("id", "source", "format", "content_hash", "url", "raw", "body", "segments", "removed", "title",
                "outlet", "published", "authors", "editors", "wire_agencies", "cited_outlets", "dateline",
                "language", "signoff", "warnings"):
        assert key in first
    assert set(first["published"]) == {"value", "evidence", "source", "confidence", "start", "end"}
    # the export round-trips into the same records
    assert Article.from_dict(first) == demo.article(first["id"])


def test_jsonl_csv_parquet(demo, tmp_path):
    assert export(demo, "jsonl", tmp_path / "a.jsonl") == 14
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 14 and all(json.loads(l)["schema"] == SCHEMA for l in lines)
    assert export(demo, "csv", tmp_path / "a.csv") == 14
    with (tmp_path / "a.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == FLAT_COLUMNS and len(rows) == 14
    row = next(r for r in rows if r["id"] == "kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia")
    assert row["authors"] == "Yohanes Sitompul" and row["editors"] == "Maria Ulfah" and row["wire_agencies"] == "AFP"
    assert export(demo, "parquet", tmp_path / "a.parquet") == 14
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == 14 and table.column_names == FLAT_COLUMNS


def test_unknown_export_format_is_a_value_error(demo, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(demo, "xml", tmp_path / "a.xml")


def test_report_escapes_hostile_article_text(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as a:
        assert a.failures == []
        html = a.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html and "<img src=x" not in html
    assert 'onmouseover="alert' not in html
    assert "&lt;b&gt;Tautan&lt;/b&gt;" in html  # removed debris is shown, escaped too


def test_report_shows_articles_metadata_and_debris(demo, tmp_path):
    html = demo.report(tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count("<article ") == 14
    assert "Korut Uji Hwasong-19, Rudal Antarbenua yang Terbang Paling Lama" in html
    assert "repeated-template" in html and "related-link" in html
    assert "Warta Pagi" in html


def test_to_dict_covers_every_field_of_the_record(demo):
    from dataclasses import asdict

    for article in demo:
        assert article.to_dict() == asdict(article)

"""Builds the web tests' corpus: the demo articles plus hostile ones, analysed into a real SQLite file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import telusur

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"

# Written for these tests: markup, attribute injection and javascript: URLs in every field a page shows.
HOSTILE_TEXT = """Judul <script>alert('judul')</script> Banjir "Jebol" di Kota Fiktif

Penulis: Budi <img src=x onerror=alert('penulis')> Santoso
Senin, 4 Nov 2024 10:00 WIB

Jakarta - Warga melaporkan <script>alert(1)</script> genangan setinggi dua meter, sementara tautan <a href="javascript:alert(2)">klik di sini</a> beredar di media sosial " onmouseover="alert(3) tanpa sumber jelas.

"Kami sudah mengevakuasi 120 warga <b onmouseover=alert(5)>sejak pagi</b>," kata Kepala BPBD Kota Fiktif, Rahmat Hidayat, kepada wartawan pada Senin.

Baca juga: <b>Tautan</b> Lain
"""

HOSTILE_JSONL = {
    "id": "hostile-url",
    "url": "javascript:alert('url')",
    "title": "Jembatan </title><script>alert('t')</script> Putus",
    "text": ("Bandung - Jembatan penghubung dua desa putus diterjang arus sungai pada Selasa malam, "
             "kata petugas. Sekitar 300 warga terisolasi dan bantuan logistik dikirim lewat jalur memutar "
             "<iframe src=\"javascript:alert('i')\"></iframe> menurut keterangan aparat desa setempat."),
    "published": "2024-11-05T08:00:00+07:00",
}


def build(folder: Path) -> Path:
    """Analyse the demo corpus and the hostile articles into ``folder/web.db``; return the database path."""
    corpus = folder / "corpus"
    shutil.copytree(DEMO, corpus)
    (corpus / "hostile-banjir.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (corpus / "hostile.jsonl").write_text(json.dumps(HOSTILE_JSONL, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "web.db"
    with telusur.analyze(corpus, db=db, workers=1) as analysis:
        assert analysis.failures == [], analysis.failures
    return db

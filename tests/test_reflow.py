"""Hard-wrapped plain text keeps its whole body; pages of one paragraph a line are left as they are."""

from __future__ import annotations

import textwrap

import pytest

from telusur.clean import clean
from telusur.clean.assemble import split_lines
from telusur.clean.reflow import wrapped_breaks
from telusur.extract import extract
from telusur.model import Document

# written for these tests, in the shape of a wire-based regional report
TITLE = "Banjir Rendam Ratusan Rumah di Kabupaten Bandung"
PARAGRAPHS = [
    "Bandung - Banjir setinggi hingga satu meter merendam sedikitnya 420 rumah warga di tiga kecamatan "
    "Kabupaten Bandung, Jawa Barat, setelah hujan deras mengguyur kawasan itu sejak Senin sore.",
    "Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Bandung, Hendra Gunawan, "
    "mengatakan air mulai naik sekitar pukul 19.00 WIB dan baru surut pada Selasa dini hari.",
    "\"Kami sudah mengerahkan dua perahu karet dan puluhan relawan untuk membantu warga yang terjebak di "
    "rumahnya,\" kata Hendra kepada wartawan di posko pengungsian.",
    "Menurut dia, sebanyak 1.250 jiwa sempat mengungsi ke masjid dan balai desa terdekat. Tidak ada korban jiwa "
    "dalam peristiwa tersebut, tetapi sejumlah sepeda motor warga terbawa arus.",
    "Warga berharap pemerintah segera mengeruk sungai.",
]


def _page(width: int | None) -> str:
    paras = PARAGRAPHS if width is None else [textwrap.fill(p, width) for p in PARAGRAPHS]
    return TITLE + "\n\n" + "\n\n".join(paras) + "\n"


def _body(text: str) -> str:
    return clean(Document(id="banjir", source="banjir.txt", format="text", content_hash="h", text=text)).body


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_a_hard_wrapped_page_keeps_every_paragraph_whole(width):
    wrapped, plain = _body(_page(width)), _body(_page(None))
    assert " ".join(wrapped.split()) == " ".join(plain.split())
    assert wrapped.count("\n\n") == plain.count("\n\n") == len(PARAGRAPHS) - 1
    assert wrapped.endswith("segera mengeruk sungai.")  # the short last sentence is kept


def test_wrapped_body_offsets_point_back_into_raw_text():
    raw = _page(72)
    article = extract(clean(Document(id="banjir", source="banjir.txt", format="text", content_hash="h", text=raw)))
    for seg in article.segments:
        assert " ".join(article.body[seg.body_start : seg.body_start + seg.length].split()) == \
            " ".join(raw[seg.raw_start : seg.raw_start + seg.length].split())
    hendra = [q for q in article.quotes if q.speaker and "Hendra" in q.speaker]
    assert hendra, article.quotes


def test_one_paragraph_a_line_is_not_taken_for_wrapping():
    rows = [TITLE, *PARAGRAPHS, "Baca juga: Hujan Deras Diprediksi Masih Turun Sepekan ke Depan"]
    assert not any(wrapped_breaks(rows))
    assert len(split_lines("\n".join(rows))) == len(rows)


def test_a_list_inside_a_wrapped_page_keeps_its_breaks():
    items = ["Daftar kecamatan terdampak:", "- Baleendah", "- Dayeuhkolot", "- Bojongsoang"]
    text = _page(72) + "\n" + "\n".join(items) + "\n"
    lines = [ln.text for ln in split_lines(text)]
    assert lines[-4:] == items

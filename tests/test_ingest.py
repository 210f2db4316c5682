import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from telusur.ingest import detect_format, iter_documents
from telusur.model import Document, Failure

from conftest import DEMO

PAGE = "<html><body><article><p>{}</p></article></body></html>"


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, Failure)]
    return docs, fails


def write_warc(path: Path, pages: dict[str, str], gz: bool = True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in pages.items():
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def test_demo_corpus_reads_every_format():
    docs, fails = split(list(iter_documents([DEMO])))
    assert fails == []
    formats = {d.format for d in docs}
    assert formats == {"text", "html"}
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)) == 14
    assert "pelitatimur-2024-10-28-nato-kursk" in ids  # from the JSONL file
    assert any(i.startswith("https://harianselat.id/") for i in ids)  # from the WARC file


def test_text_file_stem_is_the_id(tmp_path):
    f = tmp_path / "abc-123.txt"
    f.write_text("Judul\n\nIsi berita yang cukup panjang untuk dibaca.", encoding="utf-8")
    (doc,) = list(iter_documents([f]))
    assert doc.id == "abc-123" and doc.format == "text" and doc.source == str(f)


def test_same_content_same_hash_changed_content_new_hash(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("satu dua tiga", encoding="utf-8")
    (a,) = list(iter_documents([f]))
    (b,) = list(iter_documents([f]))
    f.write_text("satu dua empat", encoding="utf-8")
    (c,) = list(iter_documents([f]))
    assert a.content_hash == b.content_hash != c.content_hash


def test_jsonl_good_and_bad_lines(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "x1", "title": "T", "text": "teks berita", "outlet": "Kabar", "published": "2024-10-21T10:00:00+07:00"}),
        "{not json",
        json.dumps({"id": "x3", "title": "no body"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"html": "<p>halo</p>", "url": "https://contoh.id/a"}),
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    docs, fails = split(list(iter_documents([f])))
    assert [d.id for d in docs] == ["x1", "batch:6"]
    assert docs[0].hints == {"title": "T", "published": "2024-10-21T10:00:00+07:00", "outlet": "Kabar"}
    assert docs[1].format == "html" and docs[1].url == "https://contoh.id/a"
    reasons = {f.doc_id: f.reason for f in fails}
    assert "invalid JSON" in reasons["batch:2"]
    assert "neither 'text' nor 'html'" in reasons["x3"]
    assert "expected a JSON object" in reasons["batch:4"]


def test_warc_gz_and_plain(tmp_path):
    pages = {f"https://contoh.id/{i}": PAGE.format("kata " * 50) for i in range(3)}
    for gz in (True, False):
        f = tmp_path / ("a.warc.gz" if gz else "a.warc")
        write_warc(f, pages, gz)
        docs, fails = split(list(iter_documents([f])))
        assert fails == [] and [d.id for d in docs] == list(pages)
        assert all(d.format == "html" and d.url == d.id for d in docs)


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_earlier_records_and_reports_the_break(tmp_path, gz):
    pages = {f"https://contoh.id/{i}": PAGE.format("kata " * 200) for i in range(3)}
    data = write_warc(tmp_path / "full", pages, gz)
    f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    f.write_bytes(data[:-300])
    docs, fails = split(list(iter_documents([f])))
    assert [d.id for d in docs] == list(pages)[:2]
    assert len(fails) == 1 and "truncated" in fails[0].reason and "WARC" in fails[0].reason


def test_not_a_warc(tmp_path):
    f = tmp_path / "junk.warc.gz"
    f.write_bytes(gzip.compress(b"hello, not a warc"))
    docs, fails = split(list(iter_documents([f])))
    assert docs == [] and len(fails) == 1 and "WARC" in fails[0].reason


def test_bad_files_fail_with_reasons_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    big = tmp_path / "c-big.txt"
    with big.open("wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: 51 MiB without writing it
    (tmp_path / "d-good.txt").write_text("Berita baik.", encoding="utf-8")
    (tmp_path / "e-blob.bin").write_bytes(gzip.compress(b"\x00" * 100))
    docs, fails = split(list(iter_documents([tmp_path, tmp_path / "missing.txt"])))
    assert [d.id for d in docs] == ["d-good"]
    reasons = {f.doc_id: f.reason for f in fails}
    assert reasons["a-empty"] == "empty file"
    assert "binary" in reasons["b-binary"]
    assert "exceeds the 52 MB limit" in reasons["c-big"]
    assert "not a WARC" in reasons["e-blob"]
    assert reasons["missing"] == "no such file or folder"


def test_a_folder_of_ten_thousand_files_streams_in_sorted_order(tmp_path):
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"berita nomor {i}", encoding="utf-8")
    stream = iter_documents([tmp_path])
    first = next(stream)
    assert first.id == "00000"
    rest = sum(1 for _ in stream)
    assert rest == 9_999


def test_detect_format_by_name_and_sniffing():
    assert detect_format(Path("x.warc.gz"), b"") == "warc"
    assert detect_format(Path("x.dat"), b"WARC/1.0\r\n") == "warc"
    assert detect_format(Path("x.dat"), b"  <!DOCTYPE html><html>") == "html"
    assert detect_format(Path("x"), b'{"id": 1}') == "jsonl"
    assert detect_format(Path("x"), "Berita".encode()) == "text"
    assert detect_format(Path("x.bin"), gzip.compress(b"WARC/1.0\r\n")) == "warc"

"""The input formats users have: news-please and trafilatura JSON, JSON arrays, CSV/TSV exports, mixed uploads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

import telusur
from telusur.ingest import detect_format, iter_documents, read_path
from telusur.ingest.jsonarray import split_array
from telusur.model import Document, Failure

# Sample articles written for these tests (three or more paragraphs each, so the cleaner keeps them).
SAWAH = (
    "Petani di Kabupaten Lembah Hijau mulai menanam padi lebih awal tahun ini karena hujan turun sejak pekan "
    "kedua Oktober. Dinas pertanian setempat mencatat sekitar 1.200 hektare sawah sudah digarap dalam sepuluh hari terakhir.\n\n"
    "Kepala dinas, Rina Kusumawati, mengatakan pihaknya menyiapkan benih unggul dan pupuk bersubsidi agar musim "
    "tanam tidak terlambat. Menurut dia, stok pupuk di gudang desa cukup untuk dua bulan ke depan.\n\n"
    "Sejumlah kelompok tani meminta pemerintah daerah memperbaiki saluran irigasi yang rusak sejak banjir tahun lalu. "
    "Perbaikan saluran itu dijadwalkan selesai sebelum akhir November."
)
JEMBATAN = (
    "Jembatan gantung yang menghubungkan dua desa di tepi Sungai Deras akhirnya dibuka kembali setelah diperbaiki "
    "selama tiga bulan. Warga kini tidak perlu memutar sejauh dua belas kilometer untuk menuju pasar kecamatan.\n\n"
    "Kepala desa, Agus Permana, menyebut perbaikan dibiayai dana desa dan gotong royong warga. Ia berharap jembatan "
    "itu dirawat bersama agar tidak cepat rusak seperti sebelumnya.\n\n"
    "Petugas dari dinas pekerjaan umum memasang papan batas muatan di kedua ujung jembatan. Kendaraan roda empat "
    "tetap dilarang melintas demi keselamatan pejalan kaki."
)
PERPUSTAKAAN = (
    "Perpustakaan keliling milik pemerintah kota mulai menyambangi sekolah dasar di pinggiran kota setiap hari Kamis. "
    "Mobil perpustakaan itu membawa sekitar delapan ratus buku cerita dan buku pelajaran.\n\n"
    "Petugas perpustakaan, Dewi Lestari, mengatakan minat baca murid meningkat sejak program itu berjalan. Banyak "
    "murid meminjam dua sampai tiga buku sekaligus untuk dibaca di rumah bersama orang tua.\n\n"
    "Pemerintah kota berencana menambah satu mobil lagi pada tahun depan agar jadwal kunjungan bisa lebih sering. "
    "Sekolah yang ingin dikunjungi dapat mendaftar melalui kantor kelurahan."
)


def split(items: list) -> tuple[list[Document], list[Failure]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Failure)]


# -- JSON ----------------------------------------------------------------------------------------------


def test_a_news_please_file_is_one_article_with_its_title_url_and_date(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    record = {
        "authors": ["Rina Kusumawati"],
        "date_download": "2024-11-06 08:00:00",
        "date_modify": None,
        "date_publish": "2024-11-05 14:30:00",
        "description": "Petani mulai menanam padi lebih awal.",
        "filename": "https%3A%2F%2Fkabarlembah.id%2Fdaerah%2Fpetani-tanam-awal.json",
        "image_url": None,
        "language": "id",
        "localpath": None,
        "maintext": SAWAH,
        "source_domain": "kabarlembah.id",
        "title": "Hujan Datang Lebih Awal, Petani Lembah Hijau Mulai Menanam",
        "title_page": None,
        "title_rss": None,
        "url": "https://kabarlembah.id/daerah/petani-tanam-awal",
    }
    (folder / "petani-tanam-awal.json").write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as run:
        assert run.summary.failures == [] and run.summary.new == 1
        article = run.article("petani-tanam-awal")
        assert article is not None
        assert article.title.value == record["title"]
        assert article.url == record["url"]
        assert article.published.value.startswith("2024-11-05") and article.published.source == "source-hint"
        assert "1.200 hektare" in article.body


def test_a_json_array_is_one_article_an_element_and_a_bad_element_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [
        {"title": "Jembatan Gantung Sungai Deras Dibuka Lagi", "text": JEMBATAN, "url": "https://warta.id/jembatan"},
        {"title": "Tanpa isi", "url": "https://warta.id/kosong"},
        {"id": "perpus-keliling", "title": "Perpustakaan Keliling Sambangi Sekolah", "content": PERPUSTAKAAN},
    ]
    (folder / "larik.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as run:
        assert sorted(a.id for a in run.articles()) == ["larik:0", "perpus-keliling"]
        (failure,) = run.summary.failures
        assert failure.doc_id == "larik:1" and failure.source.endswith("larik.json:1")
        assert "neither 'text' nor 'html'" in failure.reason
        assert run.article("larik:0").url == "https://warta.id/jembatan"
        assert run.article("perpus-keliling").title.value == "Perpustakaan Keliling Sambangi Sekolah"


def test_a_trafilatura_json_keeps_its_source_url(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    record = {
        "title": "Perpustakaan Keliling Sambangi Sekolah Pinggiran",
        "author": "Dewi Lestari",
        "hostname": "suarakota.id",
        "date": "2024-11-07",
        "categories": "",
        "tags": "",
        "fingerprint": "abc123",
        "id": None,
        "license": None,
        "comments": "",
        "raw_text": PERPUSTAKAAN.replace("\n\n", " "),
        "text": PERPUSTAKAAN,
        "language": None,
        "image": None,
        "pagetype": "article",
        "source": "https://suarakota.id/pendidikan/perpustakaan-keliling",
        "source-hostname": "Suara Kota",
        "excerpt": "Perpustakaan keliling datang setiap Kamis.",
    }
    (folder / "perpustakaan.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as run:
        assert run.summary.failures == []
        article = run.article("perpustakaan")
        assert article.url == "https://suarakota.id/pendidikan/perpustakaan-keliling"
        assert article.published.value.startswith("2024-11-07")
        assert "Pemerintah kota berencana menambah satu mobil" in article.body
    (doc,) = list(read_path(folder / "perpustakaan.json"))
    assert doc.text == PERPUSTAKAAN  # "text" (with its paragraphs) is preferred to "raw_text"
    assert doc.hints["outlet"] == "Suara Kota" and doc.id_from_name


def test_json_pretty_printed_is_not_read_line_by_line(tmp_path: Path) -> None:
    f = tmp_path / "satu.json"
    f.write_text(json.dumps({"title": "Jembatan", "text": JEMBATAN}, indent=4), encoding="utf-8")
    (doc,) = list(iter_documents([f]))
    assert isinstance(doc, Document) and doc.id == "satu" and doc.id_from_name and doc.hints == {"title": "Jembatan"}


def test_a_json_file_of_one_object_a_line_stays_json_lines(tmp_path: Path) -> None:
    f = tmp_path / "baris.json"
    f.write_text("\n".join(json.dumps({"text": t}) for t in (SAWAH, JEMBATAN)) + "\n", encoding="utf-8")
    docs, fails = split(list(iter_documents([f])))
    assert fails == [] and [d.id for d in docs] == ["baris:1", "baris:2"] and docs[1].text == JEMBATAN


def test_a_jsonl_line_may_hold_an_array(tmp_path: Path) -> None:
    f = tmp_path / "campur.jsonl"
    lines = [{"id": "a", "text": SAWAH, "source": "https://warta.id/a"}, [{"text": JEMBATAN, "source": "Warta Desa"}, 7]]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    docs, fails = split(list(iter_documents([f])))
    assert [d.id for d in docs] == ["a", "campur:2:0"] and docs[1].text == JEMBATAN
    assert docs[0].url == "https://warta.id/a" and docs[1].url is None  # a "source" that is no URL is not one
    assert [(x.doc_id, x.source.endswith("campur.jsonl:2:1")) for x in fails] == [("campur:2:1", True)]
    assert "not a JSON object" in fails[0].reason


def test_an_oversized_array_element_fails_and_the_next_is_read(tmp_path: Path) -> None:
    f = tmp_path / "besar.json"
    f.write_text(json.dumps([{"text": "kata " * 400}, {"text": SAWAH[:300]}]), encoding="utf-8")
    docs, fails = split(list(iter_documents([f], max_bytes=1000)))
    assert [d.id for d in docs] == ["besar:1"] and docs[0].text == SAWAH[:300]
    assert [x.doc_id for x in fails] == ["besar:0"] and "exceeds the 1,000-byte limit" in fails[0].reason


def test_a_cut_json_array_keeps_what_came_before_the_cut(tmp_path: Path) -> None:
    data = json.dumps([{"text": SAWAH}, {"text": JEMBATAN}, {"text": PERPUSTAKAAN}])
    f = tmp_path / "potong.json"
    f.write_text(data[: data.index("Perpustakaan keliling milik")], encoding="utf-8")
    docs, fails = split(list(iter_documents([f])))
    assert [d.text for d in docs] == [SAWAH, JEMBATAN]
    assert [x.doc_id for x in fails] == ["potong:2"] and "truncated" in fails[0].reason


def test_split_array_streams_in_small_chunks() -> None:
    items = [{"t": 'koma, kurung ] kurawal } "kutip" \\ garis miring'}, [1, {"x": "]"}], "teks"]
    pieces = list(split_array(io.BytesIO(json.dumps(items, indent=1).encode()), 10_000, chunk=3))
    assert [json.loads(p.data) for p in pieces] == items


def test_detect_format_of_json_csv_and_arrays() -> None:
    assert detect_format(Path("x.json"), b"{") == "json"
    assert detect_format(Path("x.csv"), b"judul,isi") == "csv"
    assert detect_format(Path("x.tsv"), b"judul\tisi") == "csv"
    assert detect_format(Path("x"), b'  [\n  {"text": "a"}]') == "json"
    assert detect_format(Path("x"), "[Foto] Warga antre minyak".encode()) == "text"
    assert detect_format(Path("x"), b'{"id": 1}') == "jsonl"


# -- CSV -----------------------------------------------------------------------------------------------


def _csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)


def test_a_csv_with_an_indonesian_header_is_read_row_by_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _csv(folder / "ekspor.csv", ["judul", "isi", "tanggal", "tautan"], [
        ["Petani Lembah Hijau Tanam Lebih Awal", SAWAH, "2024-11-05", "https://kabarlembah.id/tanam"],
        ["Jembatan Sungai Deras Dibuka", JEMBATAN, "2024-11-04", "https://kabarlembah.id/jembatan"],
    ])
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as run:
        assert run.summary.failures == [] and run.summary.new == 2
        first, second = run.article("ekspor:2"), run.article("ekspor:3")
        assert first.title.value == "Petani Lembah Hijau Tanam Lebih Awal" and first.url == "https://kabarlembah.id/tanam"
        assert first.published.value.startswith("2024-11-05") and "irigasi" in first.body
        assert second.title.value == "Jembatan Sungai Deras Dibuka" and second.published.value.startswith("2024-11-04")


def test_the_text_column_can_be_named(tmp_path: Path) -> None:
    f = tmp_path / "naskah.csv"
    _csv(f, ["kode", "judul", "uraian_lengkap"], [["n-1", "Perpustakaan Keliling", PERPUSTAKAAN], ["n-2", "Kosong", ""]])
    (failure,) = list(iter_documents([f]))  # "uraian_lengkap" is no known body name
    assert isinstance(failure, Failure) and "uraian_lengkap" in failure.reason
    docs, fails = split(list(read_path(f, csv_text_column="uraian_lengkap")))
    assert [d.id for d in docs] == ["naskah:2"] and docs[0].text == PERPUSTAKAAN
    assert docs[0].hints == {"title": "Perpustakaan Keliling"}
    assert [x.doc_id for x in fails] == ["naskah:3"] and "'uraian_lengkap' is empty" in fails[0].reason
    (missing,) = list(iter_documents([f], csv_text_column="badan"))
    assert isinstance(missing, Failure) and "no column 'badan'" in missing.reason and "'kode'" in missing.reason


def test_a_csv_without_a_text_column_is_one_failure_naming_its_header(tmp_path: Path) -> None:
    f = tmp_path / "angka.csv"
    _csv(f, ["provinsi", "jumlah", "tahun"], [["Jawa Barat", "12", "2024"]] * 50)
    items = list(iter_documents([f]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].doc_id == "angka" and items[0].source == str(f)
    assert "'provinsi', 'jumlah', 'tahun'" in items[0].reason and "no text column" in items[0].reason


def test_a_tsv_and_a_semicolon_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "tab.tsv"
    _csv(tsv, ["Judul", "Isi Berita", "Media", "ID"], [["Jembatan Dibuka", JEMBATAN, "Warta Desa", "wd-77"]], delimiter="\t")
    semi = tmp_path / "titik-koma.csv"
    _csv(semi, ["title", "content", "published"], [["Sawah", SAWAH, "2024-11-05"]], delimiter=";")
    docs, fails = split(list(iter_documents([tsv, semi])))
    assert fails == []
    assert [d.id for d in docs] == ["wd-77", "titik-koma:2"]
    assert docs[0].text == JEMBATAN and docs[0].hints == {"title": "Jembatan Dibuka", "outlet": "Warta Desa"}
    assert docs[1].text == SAWAH and docs[1].hints == {"title": "Sawah", "published": "2024-11-05"}


def test_a_csv_row_over_the_limit_fails_alone_and_a_huge_field_ends_the_file(tmp_path: Path) -> None:
    f = tmp_path / "baris.csv"
    _csv(f, ["judul", "isi"], [["Panjang", "kata, " * 300], ["Sawah", SAWAH[:500]], ["Jembatan", JEMBATAN[:500]],
                               ["Raksasa", "x" * 20_000], ["Hilang", SAWAH[:500]]])
    docs, fails = split(list(iter_documents([f], max_bytes=1200)))
    assert [d.id for d in docs] == ["baris:3", "baris:4"] and docs[1].hints["title"] == "Jembatan"
    assert [x.doc_id for x in fails] == ["baris:2", "baris:5"]
    assert "row of 1,807 bytes exceeds the 1,200-byte limit" in fails[0].reason
    assert "the rest of the file is not read" in fails[1].reason


# -- uploads -------------------------------------------------------------------------------------------


def test_an_upload_batch_with_a_bad_file_stores_the_good_ones(writable_app) -> None:
    client, _ = writable_app
    rows = io.StringIO()
    csv.writer(rows).writerows([["judul", "isi"], ["Jembatan Sungai Deras Dibuka", JEMBATAN]])
    record = {"title": "Perpustakaan Keliling Sambangi Sekolah", "maintext": PERPUSTAKAAN,
              "url": "https://suarakota.id/perpustakaan-keliling", "date_publish": "2024-11-07 09:00:00"}
    response = client.post("/api/v1/articles", files=[
        ("files", ("catatan.exe", b"MZ\x90\x00", "application/octet-stream")),
        ("files", ("perpustakaan.json", json.dumps(record, indent=2).encode(), "application/json")),
        ("files", ("jembatan.csv", rows.getvalue().encode(), "text/csv")),
        ("files", ("kosong.json", b"", "application/json")),
    ])
    assert response.status_code == 201, response.text
    body = response.json()
    assert sorted(body["articles"]) == ["jembatan:2", "perpustakaan"] and body["new"] == 2
    reasons = {f["doc_id"]: (f["stage"], f["reason"]) for f in body["failures"]}
    assert body["failed"] == 2 and set(reasons) == {"catatan.exe", "kosong"}
    assert reasons["catatan.exe"][0] == "upload" and "unsupported file type" in reasons["catatan.exe"][1]
    assert reasons["kosong"] == ("ingest", "empty file")
    article = client.get("/api/v1/articles/perpustakaan").json()
    assert article["url"] == record["url"] and article["title"]["value"] == record["title"]


def test_an_upload_batch_of_only_bad_files_is_refused(writable_app) -> None:
    client, _ = writable_app
    response = client.post("/api/v1/articles", files=[("files", ("a.exe", b"x", "application/octet-stream")),
                                                      ("files", ("b.pdf", b"%PDF", "application/pdf"))])
    assert response.status_code == 415
    message = response.json()["error"]["message"]
    assert "a.exe" in message and "b.pdf" in message


# -- never raising ---------------------------------------------------------------------------------------

_JSONISH = st.lists(st.sampled_from([b"[", b"]", b"{", b"}", b",", b'"', b"\\", b":", b" ", b"\n", b'"text"', b'"isi"',
                                     b'"kata kata"', b"1", b"\xff", b"\xef\xbb\xbf", b"\x00", b";", b"\t"]), max_size=60).map(b"".join)


@settings(max_examples=150, deadline=None)
@given(_JSONISH, st.sampled_from(["x.json", "x.csv", "x.tsv", "x.jsonl", "x"]), st.sampled_from([8, 64, 10_000]))
def test_readers_never_raise_on_bad_bytes(tmp_path_factory, data: bytes, name: str, max_bytes: int) -> None:
    f = tmp_path_factory.mktemp("fuzz") / name
    f.write_bytes(data)
    for item in read_path(f, max_bytes):
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Document):
            assert (item.text or item.html or "").strip()

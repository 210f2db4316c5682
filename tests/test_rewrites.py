"""Siblings of one source report and the facts a rewrite changes, on real text in a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import telusur
from telusur.corpus.align import AlignParams, align, units
from telusur.corpus.factdiff import _same_party, confidence
from telusur.model import FactDiff

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rewrites"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rewrite_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("rewrites") / "rewrites.db"
    with telusur.analyze(FIXTURES, db=db, workers=1) as analysis:
        yield analysis


def test_a_split_sentence_aligns_with_both_halves() -> None:
    wire = units("Kementerian Sosial mengirimkan bantuan logistik senilai Rp 1,2 miliar kepada Pemerintah Kabupaten Agam "
                 "untuk ribuan warga yang mengungsi akibat banjir bandang.")
    spun = units("Pemerintah Kabupaten Agam menerima kiriman bantuan logistik dari Kementerian Sosial senilai Rp 1,2 miliar. "
                 "Bantuan itu untuk ribuan penduduk yang mengungsi karena banjir bandang.")
    result = align("wire", wire, "spun", spun)
    assert [(p.a, p.b) for p in result.pairs] == [((0,), (0, 1))]
    assert result.is_siblings()


@pytest.mark.parametrize("field,value", [("min_score", 0.0), ("coverage", 1.5), ("merge_containment", -0.1), ("min_terms", 0)])
def test_alignment_parameters_are_checked(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        AlignParams(**{field: value})


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_spun_rewrite_is_a_sibling_of_its_wire_report(rewrite_run, case: str) -> None:
    pairs = {(p.a, p.b): p for p in rewrite_run.siblings()}
    pair = pairs[tuple(sorted((f"{case}-spun", f"{case}-wire")))]
    assert pair.relation == "rewrite" and pair.group == f"rw:{case}-copy"


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_distortions_of_each_case_are_found_on_the_spun_article(rewrite_run, case: str) -> None:
    found = [d for d in rewrite_run.distortions() if d.a_id == f"{case}-spun" and d.b_id == f"{case}-wire"]
    wanted = EXPECTED[case]["distortions"]
    assert sorted(d.kind for d in found) == sorted(g["kind"] for g in wanted)
    spun = rewrite_run.article(f"{case}-spun")
    for g in wanted:
        at = spun.body.index(g["spun_says"])
        assert any(d.kind == g["kind"] and d.a_start <= at < d.a_end for d in found), g


def test_copies_and_harmless_rewrites_carry_no_distortion(rewrite_run) -> None:
    departing = {d.a_id for d in rewrite_run.distortions()}
    assert not {f"{case}-copy" for case in EXPECTED} & departing
    assert not {f"{case}-wire" for case in EXPECTED} & departing
    assert "harmless-spun" not in departing
    kinds = {d.kind for d in rewrite_run.fact_diffs() if "harmless-spun" in (d.a_id, d.b_id)}
    assert "spelling" in kinds  # Zelensky / Zelenskyy: reported, as harmless


def test_demo_spin_departs_from_both_afp_copies(demo_analysis) -> None:
    spin, wire, copy = ("beritakilat24-2024-10-22-rusia-panggil-dubes-korsel", "wartapagi-2024-10-21-korsel-panggil-dubes",
                        "kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia")
    pairs = {(p.a, p.b): p for p in demo_analysis.siblings()}
    assert pairs[(copy, wire)].relation == "copy" and pairs[(copy, wire)].source == "AFP"
    assert pairs[(spin, wire)].relation == "rewrite"
    for sibling in (wire, copy):
        kinds = sorted(d.kind for d in demo_analysis.distortions() if d.a_id == spin and d.b_id == sibling)
        assert kinds == ["actor_target", "number", "quote_speaker", "tense"]
    number = next(d for d in demo_analysis.distortions() if d.kind == "number" and d.b_id == wire)
    assert (number.what, number.a_value, number.b_value) == ("", "15.000", "1.500") and number.detail == "15.000 vs 1.500"
    assert demo_analysis.article(spin).body[number.a_start:number.a_end] == number.a_says
    # every distortion says how sure it is, stored and read back; variants and updates do not
    assert all(0 < d.confidence <= 1 for d in demo_analysis.distortions())
    assert all(d.confidence is None for d in demo_analysis.fact_diffs() if d.verdict != "distortion")
    assert number.confidence == confidence("number", "15.000", "1.500") >= 0.9


def test_a_party_named_two_ways_is_less_sure_than_one_replaced_and_an_acronym_inside_a_name_is_the_same_party() -> None:
    replaced = confidence("actor_target", "Korea Selatan -> Rusia", "Rusia -> Korea Selatan")
    renamed = confidence("actor_target", "Animasi Walt Disney", "Walt Disney John Lasseter")
    # only the slot that changed is compared: a shared actor does not make a new target doubtful
    target_changed = confidence("actor_target", "Rowling -> Severus Snape", "Rowling -> Harry Potter")
    assert renamed < replaced == target_changed
    assert _same_party("Taruni AAL", "Akademi Angkatan Laut") and _same_party("Rumah Sakit", "Shanker RS")
    assert not _same_party("Taruni AAL", "Akademi Kepolisian") and not _same_party("Persib", "Persija")
    with pytest.raises(KeyError):
        confidence("no such kind", "a", "b")


def test_reports_of_one_press_conference_from_two_wires_are_not_siblings(demo_analysis) -> None:
    pairs = {(p.a, p.b) for p in demo_analysis.siblings()}
    assert ("pelitatimur-2024-10-28-nato-kursk", "wartapagi-2024-10-29-pentagon-10000-tentara-korut") not in pairs


def test_the_report_shows_each_distortion_with_both_versions(demo_analysis, tmp_path) -> None:
    html = demo_analysis.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Di mana tulisan ulang menyimpang dari versi lainnya" in html
    assert "15.000 ≠ 1.500" in html
    assert "Rusia memanggil duta besar Korea Selatan" in html and "Korea Selatan memanggil Duta Besar Rusia" in html


def test_outlet_profile_counts_copies_rewrites_and_distortions(demo_analysis) -> None:
    profiles = {p.outlet: p for p in demo_analysis.outlets()}
    spin = profiles["Beritakilat24"]
    assert (spin.rewrites, spin.distortions, spin.distorting_articles) == (1, 4, 1)
    assert profiles["Kabar Nusantara"].copies == 1 and profiles["Warta Pagi"].first_reports == 1
    assert profiles["Warta Pagi"].distortions == 0
    assert sum(p.articles for p in profiles.values()) == len(demo_analysis)


def _counting_align(monkeypatch):
    import telusur.corpus.rewrites as rewrites

    calls = []

    def counted(*args, **kwargs):
        calls.append((args[0], args[2]))
        return align(*args, **kwargs)

    monkeypatch.setattr(rewrites, "align", counted)
    return calls


def _two_runs(corpus: Path, tmp_path: Path, monkeypatch, between=lambda: None):
    """Analyse half of ``corpus``'s files, then all of it; return (analysis of the second run, its align calls, unchanged ids)."""
    import shutil

    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix != ".json")
    first = tmp_path / "first"
    first.mkdir()
    for f in files[: len(files) // 2]:
        shutil.copy(f, first / f.name)
    calls = _counting_align(monkeypatch)
    db = tmp_path / "two-runs.db"
    telusur.analyze(first, db=db, workers=1).close()
    with telusur.open_store(db) as a:
        first_ids = {x.id for x in a}
    calls.clear()
    between()
    second = telusur.analyze(corpus, db=db, workers=1)
    rewritten = {r[0] for r in second.store.conn.execute(
        "SELECT id FROM articles WHERE updated_run = (SELECT MAX(id) FROM runs)")}
    return second, calls, first_ids - rewritten


def test_two_runs_find_the_siblings_diffs_and_stories_of_one_run(demo_analysis, tmp_path, monkeypatch):
    import telusur.corpus.rewrites as rewrites
    from conftest import DEMO

    diffed = []
    real = rewrites.diff_pair
    monkeypatch.setattr(rewrites, "diff_pair", lambda a, ua, b, ub, al: diffed.append((a.id, b.id)) or real(a, ua, b, ub, al))
    second, _, unchanged = _two_runs(DEMO, tmp_path, monkeypatch, between=diffed.clear)
    # the wire copy and the spun rewrite of 21 October were diffed in the first run; the
    # second run adds the third version to their group and diffs only its pairs
    assert {"beritakilat24-2024-10-22-rusia-panggil-dubes-korsel", "kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia"} <= unchanged
    assert ("beritakilat24-2024-10-22-rusia-panggil-dubes-korsel", "kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia") not in diffed
    assert any("wartapagi-2024-10-21-korsel-panggil-dubes" in pair for pair in diffed)
    with second:
        assert second.siblings() == demo_analysis.siblings()
        assert second.fact_diffs() == demo_analysis.fact_diffs()
        # one story either way (its id stays the one the first run gave it)
        assert [s["articles"] for s in second.stories()] == [s["articles"] for s in demo_analysis.stories()]


def test_a_second_run_aligns_only_pairs_with_a_new_article(rewrite_run, tmp_path, monkeypatch):
    second, calls, unchanged = _two_runs(FIXTURES, tmp_path, monkeypatch)
    with second:
        assert second.siblings() == rewrite_run.siblings()
        assert second.fact_diffs() == rewrite_run.fact_diffs()
        group_of = {x: p.group for p in second.siblings() for x in (p.a, p.b)}
    assert calls, "the second run had new candidates to align"
    assert len(unchanged) >= 6
    touched = {g for a, g in group_of.items() if a not in unchanged}  # groups diffed again, old pairs included
    again = [c for c in calls if c[0] in unchanged and c[1] in unchanged and group_of.get(c[0]) not in touched]
    assert not again, "a pair of unchanged articles was aligned again"


def test_a_changed_corpus_stage_recomputes_the_siblings_from_scratch(tmp_path, monkeypatch):
    import telusur.engine.local as local

    db = tmp_path / "v.db"
    telusur.analyze(FIXTURES, db=db, workers=1).close()
    with telusur.open_store(db) as a:
        before = (a.siblings(), a.fact_diffs())
    calls = _counting_align(monkeypatch)
    monkeypatch.setattr(local, "CORPUS_VERSION", local.CORPUS_VERSION + "-next")
    with telusur.analyze(FIXTURES, db=db, workers=1) as again:
        assert (again.summary.new, again.summary.updated) == (0, 0)
        assert (again.siblings(), again.fact_diffs()) == before
    assert calls  # nothing kept was trusted: every candidate was aligned again


def test_the_diffs_streamed_into_the_store_are_those_diff_siblings_gives(rewrite_run) -> None:
    from telusur.corpus.rewrites import diff_siblings

    store = rewrite_run.store
    held = diff_siblings(store.sibling_pairs(), store.article)
    assert held and any(d.verdict == "distortion" for d in held)
    # sides given in SQL after the stream (flip_fact_diffs) equal those given in memory (_flip)
    assert rewrite_run.fact_diffs() == held


def test_a_rewrite_whose_id_sorts_last_is_still_the_departing_side(rewrite_run, tmp_path) -> None:
    # pairs are diffed in id order, so "-spun" (before "-wire") comes out departing as
    # made; renamed "-zspun" it comes out as the faithful side and must be flipped
    from telusur.corpus.rewrites import diff_siblings

    corpus = tmp_path / "renamed"
    corpus.mkdir()
    for f in FIXTURES.glob("*.jsonl"):
        lines = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        for doc in lines:
            doc["id"] = doc["id"].replace("-spun", "-zspun")
        (corpus / f.name).write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines), encoding="utf-8")
    with telusur.analyze(corpus, db=tmp_path / "renamed.db", workers=1) as renamed:
        flipped = [(d.a_id.replace("-zspun", "-spun"), d.b_id, d.kind, d.what, d.a_value, d.b_value) for d in renamed.distortions()]
        assert flipped == [(d.a_id, d.b_id, d.kind, d.what, d.a_value, d.b_value) for d in rewrite_run.distortions()]
        assert any(a.endswith("-spun") and b.endswith("-wire") for a, b, *_ in flipped)
        store = renamed.store
        assert renamed.fact_diffs() == diff_siblings(store.sibling_pairs(), store.article)


@pytest.mark.parametrize("what,a,b,text", [
    ("", "15.000", "1.500", "15.000 vs 1.500"),
    ("kirim", "future", "done", "kirim: future vs done"),
    ("bertemu", "Retno -> pemberontak", "Retno -> Menlu Thailand", "bertemu: Retno -> pemberontak vs Retno -> Menlu Thailand"),
    ("kirim", "Rusia -> Ukraina", "", "kirim: Rusia -> Ukraina vs -"),
])
def test_a_diff_seen_from_the_other_side_swaps_its_sides_and_versions_only(what: str, a: str, b: str, text: str) -> None:
    d = FactDiff("actor_target", "distortion", "spun", 1, 5, "x", "wire", 7, 9, "y", what, a, b, 0.9)
    assert d.detail == text
    flipped = d.flipped()
    assert (flipped.a_id, flipped.a_start, flipped.a_end, flipped.a_says) == ("wire", 7, 9, "y")
    assert (flipped.b_id, flipped.what, flipped.a_value, flipped.b_value) == ("spun", what, b, a)
    assert flipped.kind == d.kind and flipped.confidence == d.confidence and flipped.flipped() == d


def test_colloquial_forms_hedges_and_rounding_are_no_distortion_but_a_changed_figure_is(tmp_path) -> None:
    source = ("Jakarta - Badan Pusat Statistik mencatat nilai impor beras pada Februari mencapai Rp 1,174 triliun, "
              "turun dibanding bulan sebelumnya.\n\nKepala BPS Amalia Adininggar mengatakan penurunan itu bukanlah "
              "tanda pasokan dalam negeri berlebih. \"Stok di gudang Bulog nggak banyak berubah,\" kata Amalia di "
              "Jakarta, Senin.\n\nSekitar 40 ribu ton beras impor masih tertahan di pelabuhan Tanjung Priok karena "
              "dokumen karantina belum lengkap, menurut data yang sama.\n\nPemerintah menargetkan seluruh beras itu "
              "keluar dari pelabuhan sebelum bulan puasa dimulai.")
    copy = (source.replace("Rp 1,174 triliun", "Rp 1,17 triliun").replace("bukanlah", "bukan")
            .replace("nggak", "tidak").replace("Sekitar 40 ribu", "40 ribu"))
    changed = source.replace("Sekitar 40 ribu ton", "Sekitar 400 ribu ton")
    versions = {"1700000000-impor-beras": source, "1700003600-impor-beras-turun": copy,
                "1700007200-impor-beras-tertahan": changed}
    with analysed(tmp_path, "Impor Beras Februari Turun", versions) as run:
        assert len(run.siblings()) == 3
        found = {(d.a_id, d.kind) for d in run.distortions()}
    assert found == {("1700007200-impor-beras-tertahan", "number")}


def analysed(tmp_path: Path, title: str, versions: dict[str, str]) -> telusur.Analysis:
    """Write each version as a text page under its name (title line, then the body) and analyse them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in versions.items():
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    return telusur.analyze(folder, db=tmp_path / "x.db", workers=1)


def test_an_act_turned_into_its_opposite_a_changed_place_and_a_changed_day_are_distortions(tmp_path) -> None:
    source = ("Padang - Dewan Perwakilan Rakyat Daerah Sumatera Barat mengesahkan peraturan daerah tentang "
              "penanggulangan bencana dalam rapat paripurna, Senin (4/3/2024).\n\n"
              "Ketua DPRD Sumatera Barat Supardi mengatakan aturan itu mewajibkan setiap kabupaten menyiapkan jalur "
              "evakuasi dan sirene peringatan dini di daerah rawan banjir.\n\n"
              "Menurut Supardi, anggaran pembangunan jalur evakuasi akan dibagi antara pemerintah provinsi dan "
              "pemerintah kabupaten selama tiga tahun ke depan.\n\n"
              "Gubernur Sumatera Barat Mahyeldi meminta dinas terkait segera menyusun petunjuk teknis pelaksanaan "
              "aturan itu, dimulai dari Kabupaten Agam yang paling sering dilanda banjir bandang.\n\n"
              "Rapat paripurna itu dihadiri oleh 52 anggota dewan dari seluruh fraksi yang ada di DPRD Sumatera Barat.")
    spun = (source.replace("mengesahkan peraturan", "membatalkan peraturan")
            .replace("daerah rawan banjir.", "daerah rawan banjir di Bukittinggi.")
            .replace("Kabupaten Agam", "Kabupaten Pesisir Selatan"))
    dated = source.replace("Senin (4/3/2024)", "Rabu (6/3/2024)")
    versions = {"1709532000-dprd-sumbar-perda-bencana": source, "1709542800-dprd-sumbar-batalkan-perda": spun,
                "1709546400-dprd-sumbar-perda-rabu": dated}
    with analysed(tmp_path, "DPRD Sumbar dan Perda Bencana", versions) as run:
        found = {(d.a_id.split("-")[0], d.kind): d for d in run.distortions()}
        spun_body = run.article("1709542800-dprd-sumbar-batalkan-perda").body
    assert set(found) == {("1709542800", "event"), ("1709542800", "place"), ("1709546400", "date")}
    event, place = found[("1709542800", "event")], found[("1709542800", "place")]
    assert (event.a_value, event.b_value) == ("membatalkan", "mengesahkan") and "membatalkan" in spun_body[event.a_start : event.a_end]
    # a place added beside the others ("di Bukittinggi") is no changed place; one swapped for another is
    assert place.detail == "Kabupaten Pesisir Selatan vs Kabupaten Agam"
    assert found[("1709546400", "date")].detail.startswith("Rabu (6/3/2024) (2024-03-06) vs Senin (4/3/2024)")


def test_a_party_the_tagger_misses_a_reversal_beside_its_own_word_and_an_unread_count_are_distortions(tmp_path) -> None:
    source = ("Jakarta - Perusahaan rintisan KILATPAY dikenal sebagai penyedia dompet digital yang lahir dari program "
              "inkubasi sebuah bank milik negara pada 2019.\n\n"
              "Direktur KILATPAY Rina Hapsari mengatakan aplikasinya akan membuka layanan tabungan secara otomatis "
              "bagi pengguna baru, sementara pengguna lama bisa membuka rekening lewat menu yang sama.\n\n"
              "Menurut Rina, kedua perusahaan sudah 14 kali bertemu sepanjang tahun ini untuk membahas kerja sama.\n\n"
              "Kerja sama itu juga mencakup pembayaran iuran BPJS Ketenagakerjaan para mitra pengemudi dan pedagang "
              "kecil yang selama ini belum terjangkau layanan perbankan.")
    # the spinner's rewrite: a firm the tagger reads on one side only, an act turned into its
    # opposite where the other sentence also has the act's own word, and a count of meetings
    spun = (source.replace("Perusahaan rintisan KILATPAY dikenal", "Perusahaan rintisan DANARIA dikenal")
            .replace("akan membuka layanan tabungan", "akan menutup layanan tabungan")
            .replace("sudah 14 kali bertemu", "sudah 41 kali bertemu"))
    versions = {"1709532000-kilatpay-dompet-digital": source, "1709542800-kilatpay-dompet-digital-baru": spun}
    with analysed(tmp_path, "KILATPAY Gandeng Bank Negara", versions) as run:
        found = {d.kind: d for d in run.distortions() if d.a_id == "1709542800-kilatpay-dompet-digital-baru"}
    assert set(found) == {"actor_target", "event", "number"}
    assert found["actor_target"].detail == "DANARIA vs KILATPAY"
    assert found["event"].detail == "menutup vs membuka"
    assert found["number"].detail == "41 vs 14"
    # each side is the clause the difference lies in, not the whole sentence
    event = found["event"]
    assert "akan menutup layanan tabungan" in event.a_says and "pengguna lama" not in event.a_says
    assert "akan membuka layanan tabungan" in event.b_says and "pengguna lama" not in event.b_says


def test_half_of_a_split_sentence_and_a_never_are_no_negation_or_tense_change() -> None:
    from telusur.corpus.factdiff import _markers_diff, _side
    from telusur.engine.pipeline import process
    from telusur.model import Document

    def side(text: str):  # type: ignore[no-untyped-def]
        """``text`` as the diff sees it, on a page long enough to be an article."""
        page = f"Judul\n\n{text}\n\nParagraf penutup ini ada agar halaman ini cukup panjang untuk dibaca sebagai berita."
        article = process(Document(id="x", source="x.txt", format="text", content_hash="x", text=page))
        assert isinstance(article, telusur.Article), article
        found = units(article.body)
        return _side(article, found, (next(i for i, u in enumerate(found) if text[:20] in article.body[u.start:u.end]),))

    half = side("Namun, justru baik untuk mereka yang sedang kehilangan nafsu makan.")
    whole = side("Cokelat mungkin tidak baik bagi yang sedang berdiet, tapi justru baik untuk mereka yang sedang "
                 "kehilangan nafsu makan.")
    assert _markers_diff(half, whole) == []
    never = side("Perjalanan sebuah usaha tak akan pernah mulus, dan hambatan bisa datang dari mana saja.")
    never_too = side("Perjalanan sebuah perusahaan tidak akan pernah mulus, dan hambatan bakal datang dari mana saja.")
    assert _markers_diff(never, never_too) == []
    # one monthly report's two templated sentences: another measure, another period, the
    # baseline of a comparison; no figure or trend of one is a changed one of the other
    from telusur.corpus.factdiff import _contrasts, _numbers

    surplus = side("BPS mencatat neraca dagang pada Maret 2023 surplus 2,9 miliar dolar AS, turun dibandingkan Februari "
                   "yang senilai 5,4 miliar dolar AS.")
    exports = side("BPS mencatat nilai ekspor pada Maret 2023 naik 9,9 persen menjadi 23,5 miliar dolar AS, dibandingkan "
                   "Februari yang mencapai 21,4 miliar dolar AS.")
    assert not [d for d in _numbers(surplus, exports) if d[1] == "distortion"]
    month = side("Nilai impor pada April 2023 mencapai 15,3 miliar dolar AS atau menurun 22 persen dibanding Maret 2023.")
    months = side("Nilai impor pada Januari - April 2023 mencapai 72,6 miliar dolar AS atau meningkat 7 persen dibanding "
                  "periode yang sama tahun 2022.")
    assert _contrasts(month, months) == []


INDOSUM = Path(__file__).resolve().parents[2] / "shared" / "data" / "summarization" / "indosum"


def test_spun_rewrites_of_real_articles_are_found_with_their_distortions_and_copies_stay_clean(tmp_path) -> None:
    """Real IndoSum articles, rewritten by the blind spinner (tools/spin_rewrites.py) with planted distortions."""
    if not INDOSUM.is_dir():
        pytest.skip("shared IndoSum data not found")
    import subprocess
    import sys

    tools = Path(__file__).resolve().parents[1] / "tools"
    subprocess.run([sys.executable, str(tools / "spin_rewrites.py"), str(tmp_path / "spin"), "--n", "12", "--seed", "5",
                    "--copies", "4", "--unrelated", "6", "--quiet"], check=True)
    gold = json.loads((tmp_path / "spin" / "gold.json").read_text(encoding="utf-8"))
    with telusur.analyze(tmp_path / "spin" / "pages", db=tmp_path / "spin.db", workers=1) as run:
        pairs = {(p.a, p.b) for p in run.siblings()}
        diffs = run.distortions()
        bodies = {p.stem: run.article(p.stem).body for p in (tmp_path / "spin" / "pages").glob("*-spun.txt")}
    wanted = {tuple(sorted((p["source"][:-4], p["rewrite"][:-4]))) for p in gold["pairs"]}
    assert len(wanted & pairs) >= len(wanted) - 2 and not pairs - wanted
    copies = {p["rewrite"][:-4] for p in gold["pairs"] if p["relation"] == "copy"}
    assert not any(d.a_id in copies or d.b_id in copies for d in diffs)
    found = 0
    for g in gold["distortions"]:
        rewrite = g["rewrite"][:-4]
        body = bodies[rewrite]
        at = body.find(g["rewrite_says"], max(0, body.find(g["rewrite_sentence"])))
        found += any(d.a_id == rewrite and d.a_start <= at < d.a_end for d in diffs)
    # 0.70 of 450 at the scale of tools/eval_rewrites.py; a small sample varies
    assert found >= 0.5 * len(gold["distortions"])


def test_paragraphs_lifted_from_an_earlier_real_article_are_found_with_both_offsets(tmp_path) -> None:
    """Real IndoSum pages; a later article takes two paragraphs of an earlier one (tools/eval_reuse.py)."""
    shared_tool = Path(__file__).resolve().parents[2] / "shared" / "tools" / "indosum_pages.py"
    if not INDOSUM.is_dir() or not shared_tool.exists():
        pytest.skip("shared IndoSum data not found")
    import subprocess
    import sys

    from click.testing import CliRunner

    from telusur.cli import main

    subprocess.run([sys.executable, str(shared_tool), str(tmp_path / "pages"), "--n", "60", "--seed", "1"], check=True,
                   stdout=subprocess.DEVNULL)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from eval_reuse import _find, build

    folder = tmp_path / "cases"
    folder.mkdir()
    cases, untouched = build(sorted((tmp_path / "pages").glob("*.txt")), 6, 4, folder)
    with telusur.analyze(folder, db=tmp_path / "r.db", workers=1) as run:
        found = 0
        for host, source, lifted in cases:
            at = _find(run.article(host).body, lifted)
            for r in run.reuse(host):
                for p in r.passages:
                    if r.source == source and p.start <= at < p.end:
                        found += 1
                        # the source side's offsets hold the lifted words too
                        assert _find(run.article(source).body[p.source_start : p.source_end], lifted) >= 0
        assert found >= len(cases) - 1
        assert sum(len(run.reuse(stem)) for stem in untouched) <= 1
    result = CliRunner().invoke(main, ["reuse", cases[0][0], "--db", str(tmp_path / "r.db"), "--json"])
    assert result.exit_code == 0 and cases[0][1] in result.output
    assert CliRunner().invoke(main, ["reuse", "no-such-article", "--db", str(tmp_path / "r.db")]).exit_code == 5


@pytest.mark.parametrize("field,value", [("floor", 1.5), ("candidates", 0), ("min_sentences", 0)])
def test_reuse_parameters_are_checked(field: str, value: float) -> None:
    from telusur.corpus.reuse import ReuseParams

    with pytest.raises(ValueError, match=field):
        ReuseParams(**{field: value})

"""Template lines learned per outlet, and copies of one story that must not teach a template."""

import telusur

BODY = """Judul Berita {n} Yang Cukup Panjang Untuk Judul

Oleh: Dewi Lestari
Senin, 4 Nov 2024 10:00 WIB

Bandung, harianbaru.id - {lead}

Paragraf kedua berita nomor {n} berisi keterangan tambahan dari pejabat setempat mengenai kejadian itu.

{extra}
"""
PROMO = "Nikmati liputan pilihan Harian Baru setiap pagi bersama keluarga Anda di rumah."


def lead(n: int) -> str:
    return f"Peristiwa nomor {n} terjadi di kota itu pada Senin pagi dan menarik perhatian banyak warga yang melintas di jalan utama."


def write(folder, name, n, extra, lead_text=None):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(BODY.format(n=n, lead=lead_text or lead(n), extra=extra), encoding="utf-8")


def test_a_line_in_three_distinct_articles_of_one_outlet_is_removed(tmp_path):
    folder = tmp_path / "in"
    for n in range(3):
        write(folder, f"a{n}", n, PROMO)
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as a:
        assert a.summary.templated == 3
        for art in a:
            assert PROMO not in art.body
            assert [r.reason for r in art.removed if r.text == PROMO] == ["repeated-template"]


def test_two_articles_are_not_enough(tmp_path):
    folder = tmp_path / "in"
    for n in range(2):
        write(folder, f"a{n}", n, PROMO)
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as a:
        assert all(PROMO in art.body for art in a)


def test_copies_of_one_story_do_not_count_as_distinct_articles(tmp_path):
    folder = tmp_path / "in"
    shared = "Paragraf yang sama persis ini muncul di semua salinan berita tentang banjir di kota itu kemarin."
    for n in range(4):
        write(folder, f"copy{n}", 7, shared, lead_text=lead(7))  # one story republished four times
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as a:
        assert a.summary.templated == 0
        assert all(shared in art.body for art in a)


def test_templates_learned_later_reach_articles_stored_earlier(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    write(folder, "a0", 0, PROMO)
    write(folder, "a1", 1, PROMO)
    telusur.analyze(folder, db=db, workers=1).close()
    write(folder, "a2", 2, PROMO)
    with telusur.analyze(folder, db=db, workers=1) as a:
        assert a.summary.new == 1
        assert all(PROMO not in art.body for art in a)


def test_a_long_background_paragraph_reused_in_three_stories_stays(tmp_path):
    folder = tmp_path / "in"
    background = ("Korea Utara dan Korea Selatan secara teknis masih berperang karena Perang Korea pada 1950 hingga 1953 "
                  "berakhir dengan gencatan senjata, bukan perjanjian damai, sehingga ketegangan terus berulang.")
    for n in range(3):
        write(folder, f"a{n}", n, background)
    for n in range(3, 20):  # the outlet publishes much else, without that paragraph
        write(folder, f"a{n}", n, f"Penutup berita nomor {n} berisi keterangan yang berbeda-beda.")
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as a:
        assert all(background in a.article(f"a{n}").body for n in range(3))


def test_a_rerun_with_nothing_new_rewrites_nothing(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "t.db"
    for n in range(3):
        write(folder, f"a{n}", n, PROMO)
    with telusur.analyze(folder, db=db, workers=1) as first:
        assert first.summary.templated == 3
    with telusur.analyze(folder, db=db, workers=1) as second:
        assert second.summary.templated == 0 and second.summary.unchanged == 3
        assert all(PROMO not in art.body for art in second)


def test_a_quote_or_list_that_some_articles_share_is_report_text_a_promo_under_all_is_not(tmp_path):
    folder = tmp_path / "in"
    quote = '"Kami akan terus memantau perkembangan di lapangan," kata Kepala Dinas Lingkungan Hidup.'
    announce = "Berikut susunan pemain kedua tim:"
    for n in range(20):  # the quote in 3 of 20 (under the outlet-wide share), the promo under all
        extra = "\n\n".join([quote, announce] if n < 3 else []) + f"\n\n{PROMO}"
        write(folder, f"a{n}", n, extra)
    with telusur.analyze(folder, db=tmp_path / "t.db", workers=1) as a:
        shared = [art for art in a if quote in art.raw]
        assert len(shared) == 3 and all(quote in art.body and announce in art.body for art in shared)
        assert all(PROMO not in art.body for art in a)


def test_learning_is_a_function_of_line_counts() -> None:
    import pytest

    from telusur.corpus.templates import learn_templates
    from telusur.model import LineCount

    counts = [LineCount("a.id", "promo", 3, False), LineCount("a.id", "two", 2, False),
              LineCount("a.id", "background", 3, True), LineCount("b.id", "footer", 40, True)]
    learned = learn_templates(counts, {"a.id": 20, "b.id": 100})
    # three articles make a short line a template; a long one needs a fifth of the outlet (4 of 20, 20 of 100)
    assert learned.keys == {"a.id": frozenset({"promo"}), "b.id": frozenset({"footer"})}
    assert learn_templates(counts, {"a.id": 10, "b.id": 100}).keys["a.id"] == frozenset({"promo", "background"})
    with pytest.raises(ValueError, match="min_articles"):
        learn_templates(counts, {}, min_articles=1)
    with pytest.raises(ValueError, match="long_share"):
        learn_templates(counts, {}, long_share=0)

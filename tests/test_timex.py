"""Time expressions resolved against the publication date, and their place in the pipeline."""

from datetime import date

import pytest
from hypothesis import example, given, settings, strategies as st

from telusur.text.timex import find_times

PUB = date(2024, 10, 21)  # a Monday


@pytest.mark.parametrize(
    "text, value, granularity",
    [
        ("mengatakan pada hari Jumat bahwa", "2024-10-18", "day"),
        ("Kemarin, Seoul memanggil duta besar", "2024-10-20", "day"),
        ("pekan lalu Cho mengatakan", "2024-10-14/2024-10-20", "week"),
        ("dikirim ke Rusia awal bulan ini", "2024-10-01/2024-10-10", "interval"),
        ("diangkut pada 8 hingga 13 Oktober", "2024-10-08/2024-10-13", "interval"),
        ("dalam pidato Senin (4/11) malam", "2024-11-04", "day"),  # 4 Nov 2024 is a Monday
        ("Jumat (18/10) lalu", "2024-10-18", "day"),
        ("berperang sejak Februari 2022", "2022-02-01/2024-10-21", "interval"),
        ("sejak Agustus", "2024-08-01/2024-10-21", "interval"),
        ("Juni lalu", "2024-06-01/2024-06-30", "month"),
        ("sejak pertengahan Oktober", "2024-10-11/2024-10-20", "interval"),
        ("hingga Desember mendatang", "2024-12-01/2024-12-31", "month"),
        ("tiga hari lalu", "2024-10-18", "day"),
        ("pemilu bulan November", "2024-11-01/2024-11-30", "month"),
        ("tahun lalu", "2023-01-01/2023-12-31", "year"),
        ("the council met on Wednesday", "2024-10-16", "day"),
        ("pada Kamis (31/10/2024) pagi", "2024-10-31", "day"),
        ("pada 12 Maret 2020", "2020-03-12", "day"),
        ("Februari 2022", "2022-02-01/2022-02-28", "month"),
    ],
)
def test_resolution(text, value, granularity):
    (t,) = find_times(text, PUB)
    assert (t.value, t.granularity) == (value, granularity)
    assert text[t.start : t.end] == t.text


def test_a_date_without_year_is_never_far_in_the_future():
    (t,) = find_times("Senin (4/11)", date(2024, 11, 5))
    assert t.value == "2024-11-04"


def test_bare_weekday_and_month_names_are_left_alone():
    assert find_times("Mei menyanyi di Jakarta, dan Kamis pergi ke Bandung.", PUB) == []
    (t,) = find_times("Minggu ini ia menyanyi.", PUB)  # "minggu ini" is this week
    assert t.value == "2024-10-21/2024-10-27"


def test_relative_expressions_without_a_publication_date_stay_unresolved():
    (t,) = find_times("kemarin", None)
    assert t.value is None and t.anchor == "publication"


def test_demo_articles_carry_resolved_times(demo_analysis):
    a = demo_analysis.article("wartapagi-2024-10-18-korut-kirim-1500-pasukan")
    by_text = {t.text: t for t in a.times}
    assert by_text["Jumat (18/10/2024)"].value == "2024-10-18"
    assert by_text["8 hingga 13 Oktober"].value == "2024-10-08/2024-10-13"
    for t in a.times:
        assert a.body[t.start : t.end] == t.text


def test_month_and_year_after_pada_english_month_day_and_parts_of_a_month():
    pub = date(2024, 10, 24)
    values = {t.text: t.value for t in find_times(
        "Pada September ia datang; perang itu berakhir pada 1953. On Oct 18 the agency spoke. "
        "Pasukan tiba antara awal hingga pertengahan Oktober, kata pejabat itu, Senin waktu setempat. "
        "Rapat digelar Jumat sore.", pub)}
    assert values["Pada September"] == "2024-09-01/2024-09-30"
    assert values["pada 1953"] == "1953-01-01/1953-12-31"
    assert values["On Oct 18"] == "2024-10-18"
    assert values["antara awal hingga pertengahan Oktober"] == "2024-10-01/2024-10-20"
    assert values["Senin"] == "2024-10-21"
    assert values["Jumat sore"] == "2024-10-18"


def test_weekday_of_last_week_since_a_weekday_and_weekends():
    pub = date(2024, 11, 16)  # a Saturday
    values = {t.text: t.value for t in find_times(
        "Banjir pada Minggu pekan lalu itu. Sejak Senin warga mengungsi. On Friday evening he came. "
        "Rain is expected this weekend, as it was akhir pekan lalu.", pub)}
    assert values["pada Minggu pekan lalu"] == "2024-11-10"
    assert values["Sejak Senin"] == "2024-11-11/2024-11-16"
    assert values["On Friday evening"] == "2024-11-15"
    assert values["this weekend"] == "2024-11-16/2024-11-17"
    assert values["akhir pekan lalu"] == "2024-11-09/2024-11-10"


def test_a_day_range_within_one_month_is_one_interval():
    got = [(t.text, t.value, t.granularity) for t in find_times("Festival digelar 20 hingga 23 Oktober 2016 dan "
                                                                 "turnamen 14 - 19 Juli 2017; skor 3 - 2 pada 5 Mei 2017.",
                                                                 date(2017, 5, 6))]
    assert got == [("20 hingga 23 Oktober 2016", "2016-10-20/2016-10-23", "interval"),
                   ("14 - 19 Juli 2017", "2017-07-14/2017-07-19", "interval"), ("5 Mei 2017", "2017-05-05", "day")]


_TIME_WORDS = ["5", "12", "2017", "(", ")", "/", " ", "  ", "\n", ",", ".", "-", "Maret", "maret", "MEI", "Agustus", "Des",
               "Senin", "kamis", "pada", "bulan", "sejak", "awal", "akhir", "hingga", "tahun", "lalu", "depan", "pekan",
               "ini", "kemarin", "dua", "hari", "yang", "on", "last", "week", "Jan", "in", "weekend", "x"]


def _same_without_lookaheads(texts, published):
    """Assert that ``find_times`` finds the same with the patterns' first-character lookaheads taken off."""
    from telusur.text import timex
    from telusur.text.lowered import caseless

    fast = [timex.find_times(t, published) for t in texts]
    bare = [(kind, caseless(p.flagged.pattern.split(")", 1)[1])) for kind, p in timex._patterns()]
    original = timex._patterns
    timex._patterns = lambda: bare  # type: ignore[assignment]
    try:
        assert [timex.find_times(t, published) for t in texts] == fast
    finally:
        timex._patterns = original


@given(st.lists(st.sampled_from(_TIME_WORDS), max_size=30).map("".join), st.sampled_from([None, date(2024, 10, 21)]))
@settings(max_examples=400, derandomize=True, database=None)
@example("pada 5 Maret, 12 mei hingga 14 Mei lalu", date(2024, 10, 21))
@example("(Senin, 5 Agustus) dua hari lalu", date(2024, 10, 21))
def test_lookahead_openings_change_no_time_expression(text, published):
    """The first-character lookaheads ``timex._patterns`` adds find what the bare patterns find."""
    _same_without_lookaheads([text], published)


def test_lookahead_openings_change_no_time_expression_in_real_news():
    import json
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "shared" / "data" / "summarization" / "indosum" / "dev.04.jsonl"
    if not source.is_file():
        pytest.skip("shared IndoSum data not found")
    with source.open(encoding="utf-8") as lines:
        bodies = ["\n".join(" ".join(" ".join(s) for s in p) for p in json.loads(line)["paragraphs"])
                  for _, line in zip(range(300), lines)]
    _same_without_lookaheads(bodies, date(2017, 6, 1))
    assert sum(len(find_times(b, date(2017, 6, 1))) for b in bodies) > 500

"""Indonesian and English number phrases: grouping, scale words, number words, qualifiers, units, ranges."""

import pytest

from telusur.text.numbers import find_numbers


def one(text):
    (n,) = find_numbers(text)
    return n


@pytest.mark.parametrize(
    "text, value, approx",
    [
        ("sekitar 10.000 tentara", 10_000, "about"),
        ("10 ribu tentara", 10_000, "exact"),
        ("1,5 juta warga", 1_500_000, "exact"),
        ("600.000 personel", 600_000, "exact"),
        ("lebih dari 3.000 orang", 3_000, "more_than"),
        ("hampir 12.000 orang", 12_000, "less_than"),
        ("setidaknya 40 orang tewas", 40, "at_least"),
        ("hingga 12.000 tentara", 12_000, "up_to"),
        ("dua setengah tahun", 2.5, "exact"),
        ("dua puluh lima orang", 25, "exact"),
        ("seratus orang", 100, "exact"),
        ("tiga rudal", 3, "exact"),
        ("ribuan tentara", 1_000, "at_least"),
        ("puluhan ribu pengungsi", 10_000, "at_least"),
        ("about 1,500 special forces", 1_500, "about"),
        ("2.5 kilometres", 2.5, "exact"),
    ],
)
def test_value_and_qualifier(text, value, approx):
    n = one(text)
    assert n.value == value and n.approx == approx and n.high is None


def test_currencies_and_percentages():
    assert (one("Rp 5 miliar").value, one("Rp 5 miliar").unit) == (5e9, "IDR")
    assert (one("bantuan US$ 1,5 miliar").value, one("bantuan US$ 1,5 miliar").unit) == (1.5e9, "USD")
    assert one("40 persen warga").unit == "%" and one("naik 40% tahun ini").unit == "%"


def test_ranges_keep_both_bounds_and_the_scale_applies_to_both():
    n = one("antara 10.000 dan 12.000 tentara")
    assert (n.value, n.high, n.approx) == (10_000, 12_000, "range")
    n = one("3 hingga 4 juta orang")
    assert (n.value, n.high) == (3e6, 4e6)
    assert one("10.000-12.000 tentara").high == 12_000


def test_a_list_is_not_a_range():
    assert [(n.value, n.high) for n in find_numbers("10 dan 12 orang")] == [(10, None), (12, None)]


@pytest.mark.parametrize(
    "text",
    ["rudal Hwasong-19 diluncurkan", "pada Senin (21/10/2024)", "sejak 2022", "perang 2022-2024", "Resolusi 2231",
     "salah satu pejabat", "pukul 05.30 WIB", "On Oct 18 the agency said"],
)
def test_names_dates_and_years_are_not_quantities(text):
    assert find_numbers(text) == []

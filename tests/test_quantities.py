"""Quantities in a body: what each number counts and who claims it, with offsets into the body."""

from datetime import date

from telusur.extract.entities import find_mentions, group_entities
from telusur.extract.mentions import MentionIndex
from telusur.extract.quantities import find_quantities
from telusur.extract.quotes import find_quotes
from telusur.text.timex import find_times


def quantities(body, published=date(2024, 10, 29)):
    entities = group_entities(find_mentions(body))
    times = [(t.start, t.end) for t in find_times(body, published)]
    return find_quantities(body, MentionIndex(entities), find_quotes(body, entities), times)


def test_counted_phrase_and_claimant_before_a_claim_verb():
    body = "Badan Intelijen Nasional (NIS) Korea Selatan memperkirakan sekitar 3.000 tentara Korut telah tiba di Rusia."
    (q,) = quantities(body)
    assert body[q.start : q.end] == q.text == "sekitar 3.000"
    assert (q.value, q.approx, q.counts) == (3000, "about", "tentara Korut")
    assert q.claimant == "Badan Intelijen Nasional Korea Selatan"


def test_claimant_after_menurut_with_title_words_between():
    body = "Menurut juru bicara Pentagon Sabrina Singh, lebih dari 10 ribu prajurit Korea Utara berada di Kursk."
    (q,) = quantities(body)
    assert (q.value, q.approx, q.counts, q.claimant) == (10_000, "more_than", "prajurit Korea Utara", "Sabrina Singh")


def test_a_number_in_a_quote_is_claimed_by_the_speaker():
    body = ('Presiden Ukraina Volodymyr Zelenskiy berbicara di Kyiv. "Kini ada 11.000 tentara Korea Utara di Kursk," '
            'kata Zelenskiy.')
    (q,) = quantities(body)
    assert q.claimant == "Volodymyr Zelenskiy" and q.claimed_by == "Zelenskiy"


def test_no_attribution_means_no_claimant():
    body = "Sedikitnya 40 orang tewas dalam banjir di Sumatra Barat."
    (q,) = quantities(body)
    assert (q.value, q.approx, q.counts, q.claimant) == (40, "at_least", "orang", None)


def test_a_state_after_a_preposition_inside_the_phrase_is_not_the_claimant():
    body = "Menurut dia, kehadiran ribuan tentara Korut di Eropa adalah ancaman."
    (q,) = quantities(body)
    assert q.counts == "tentara Korut" and q.claimant is None


def test_dates_and_durations_in_time_expressions_are_not_quantities():
    body = "Pada 18 Oktober 2024 NIS melaporkan 1.500 personel. Tiga hari lalu jumlahnya naik."
    assert [q.text for q in quantities(body)] == ["1.500"]


def test_spans_counted_from_another_event_and_frequencies_are_not_quantities():
    body = ("Tiga hari setelah pertemuan itu, NIS melaporkan 3.000 tentara. Ia sudah dua kali mengingatkan. "
            "Jumlahnya naik dua kali lipat.")
    assert [(q.text, q.counts) for q in quantities(body)] == [("3.000", "tentara"), ("dua", "kali lipat")]


def test_ordinals_names_line_ups_clock_times_formations_and_satu_as_an_article_count_nothing():
    body = ("Gol kedua lahir pada menit ke-72 dalam laga pekan ke - 17 Liga 2 di Stadion Manahan. "
            "Pelatih memakai formasi 3 - 4 - 3 sejak pukul 19.30 WIB, dan salah satu pemain cadangan masuk. "
            "Susunan pemain: 8 - Arturo Vidal; 24 Rizky Fajrin. Laptop ThinkPad 25 memiliki layar baru, "
            "satu hal yang disukai pembeli.")
    assert [q.text for q in quantities(body)] == []


def test_counts_after_a_name_or_a_capitalised_opener_stay():
    body = ("Dalam voting, opsi A 322 anggota dan opsi B 217 anggota. Ponsel itu memakai RAM 4 GB. "
            "Sebanyak 27 orang tewas, dan Polri mengerahkan 1.500 personel ke lokasi.")
    assert [q.text for q in quantities(body)] == ["322", "217", "4", "27", "1.500"]


def test_legal_references_and_hijri_dates_are_neither_quantities_nor_dates():
    body = ("Jaksa memakai Undang-Undang Nomor 20 Tahun 2001 dan Pasal 48 ayat (1) KUHP serta UU No. 11/2008 "
            "dalam sidang menjelang 1 Muharram 1439 H yang dihadiri 45 orang pengunjung.")
    assert [q.text for q in quantities(body)] == ["45"]
    assert find_times(body, date(2017, 9, 20)) == []


def test_age_groups_leagues_units_and_a_clock_after_pk_count_nothing():
    body = ("Timnas U - 22 dan skuad U-19 berlatih di Jakarta. Persija tampil di Liga 1 kontra Barito Putera, "
            "lalu pekan 28 melawan Persela. Anggota Kodim 0621 tiba Pk. 04:30 membawa 120 paket bantuan.")
    got = [q.text for q in quantities(body)]
    assert got == ["120"]

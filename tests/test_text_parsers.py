"""Dates, datelines, bylines, citations, language and outlet names."""

import pytest

from telusur.clean.byline import is_name, parse_byline, parse_signoff
from telusur.clean.dateline import find_dateline
from telusur.clean.language import detect_language
from telusur.clean.outlet import OutletClue, display_name, normalise_domain, resolve_outlet
from telusur.clean.wire import find_citations
from telusur.text.dates import find_dates


@pytest.mark.parametrize(
    "text, value",
    [
        ("Willy Haryono • 21 Oktober 2024 18:31", "2024-10-21T18:31:00+07:00"),
        ("Senin, 21 Okt 2024 19:05 WIB", "2024-10-21T19:05:00+07:00"),
        ("1 Nov 2024, 05:30", "2024-11-01T05:30:00+07:00"),
        ("Mengutip Reuters pada Selasa (5/11/2024), Uni Eropa", "2024-11-05"),
        ("5/11/2024 13:33 WIB", "2024-11-05T13:33:00+07:00"),
        ("Rabu, 23 Oktober 2024 | 17:48 WIB", "2024-10-23T17:48:00+07:00"),
        ("Selasa, 22 Oktober 2024 - 06:15 WIB", "2024-10-22T06:15:00+07:00"),
        ("Kamis, 31 Okt 2024 19:00 WITA", "2024-10-31T19:00:00+08:00"),
        ("2024-10-31T02:00:00Z", "2024-10-31T02:00:00+00:00"),
        ("October 21, 2024", "2024-10-21"),
        ("pada 12 Maret 2020, 10.000 tentara", "2020-03-12"),
    ],
)
def test_dates(text, value):
    assert find_dates(text)[0].value == value


def test_impossible_dates_are_skipped():
    assert find_dates("31/02/2024 dan 30 Februari 2024") == []


@pytest.mark.parametrize(
    "line, place, outlet",
    [
        ("Bisnis.com, JAKARTA - Korea Selatan dan Uni Eropa mengutuk", "Jakarta", "Bisnis.com"),
        ("Seoul, wartapagi.id – Badan Intelijen Nasional menyatakan", "Seoul", "wartapagi.id"),
        ("Washington, DC, contoh.co.id – Pentagon menyebut", "Washington, DC", "contoh.co.id"),
        ("Example.id, Washington DC - Pentagon menyebut", "Washington DC", "Example.id"),
        ("Example.com, JAKARTA - Pemerintah menyatakan", "Jakarta", "Example.com"),
        ("Jakarta (ANTARA) - Pemerintah menyatakan", "Jakarta", "ANTARA"),
        ("Brussel, Pelita Timur - Sekretaris Jenderal NATO", "Brussel", "Pelita Timur"),
        ("Seoul: Korea Selatan (Korsel) menyerukan", "Seoul", None),
        ("NEW YORK — Ukraine and its Western backers clashed", "New York", None),
        ("Jakarta -", "Jakarta", None),
    ],
)
def test_datelines(line, place, outlet):
    dl = find_dateline(line)
    assert (dl.place, dl.outlet) == (place, outlet)


def test_a_sentence_is_not_a_dateline():
    assert find_dateline("Korea Selatan memanggil duta besar Rusia pada Senin.") is None


def test_bylines_take_names_only_next_to_labels_or_dates():
    credits = parse_byline("Penulis: Lukas Wibisono, Nadia Paramitha | Editor: Putri Handayani")
    assert [(c.role, c.name) for c in credits] == [
        ("author", "Lukas Wibisono"), ("author", "Nadia Paramitha"), ("editor", "Putri Handayani")]
    assert [(c.role, c.name) for c in parse_byline("Oleh: Rizky Ramadhan")] == [("author", "Rizky Ramadhan")]
    assert [c.name for c in parse_byline("Willy Haryono • 21 Oktober 2024 18:31")] == ["Willy Haryono"]
    assert parse_byline("Bagikan") == []
    assert parse_byline("Editor: Bagikan") == []
    assert not is_name("Internasional") and not is_name("WIL") and not is_name("Tim Redaksi")
    assert parse_signoff("(vyp/kna)") == "vyp/kna"


@pytest.mark.parametrize(
    "text, kind, name",
    [
        ("Dilansir dari AFP, Senin, pasukan itu", "agency", "AFP"),
        ("Mengutip Reuters pada Selasa (5/11/2024), Uni Eropa", "agency", "Reuters"),
        ("kata Kim seperti dikutip AFP. Ia menambahkan", "agency", "AFP"),
        ("Sumber: Antara", "agency", "Antara"),
        ("Kantor berita resmi Korut, KCNA, melaporkan", "agency", "KCNA"),
        ("Mengutip dari Irish Examiner, Senin, 21 Oktober 2024", "outlet", "Irish Examiner"),
        ("kata dia kepada AFP", "agency", "AFP"),
        ("dilansir dariReuters, Senin", "agency", "Reuters"),
    ],
)
def test_citations(text, kind, name):
    c = find_citations(text)[0]
    assert (c.kind, c.name) == (kind, name)


def test_a_person_after_a_cue_is_not_a_cited_outlet():
    assert find_citations("Mengutip Presiden Joko Widodo, ia berkata") == []
    assert find_citations("menurut Zelensky, pasukan itu sudah tiba") == []


def test_language():
    assert detect_language("Pemerintah mengatakan bahwa polisi telah menahan tersangka karena kasus itu.")[0] == "id"
    assert detect_language("Kerajaan berkata bahawa polis telah menahan suspek kerana kes itu semalam.")[0] == "ms"
    assert detect_language("The government said that the police had arrested the suspect in the case.")[0] == "en"
    assert detect_language("Der Bundeskanzler sprach heute über die Lage.")[0] == "other"


def test_outlet_names():
    assert display_name("KabarNusantara.com") == "Kabar Nusantara"
    assert display_name("SUARA KHATULISTIWA") == "Suara Khatulistiwa"
    assert display_name("Bisnis.com") == "Bisnis.com"
    assert normalise_domain("https://www.kompas.com/global/read/x") == "kompas.com"
    assert normalise_domain("https://regional.kompas.com/x") == "kompas.com"
    field = resolve_outlet([
        OutletClue(None, "wartapagi.id", "Seoul, wartapagi.id –", "dateline", 0.85),
        OutletClue("Warta Pagi", None, "Ikuti WartaPagi", "credit", 0.55, needs_domain=True),
        OutletClue("Whats App", None, "Ikuti WhatsApp", "credit", 0.55, needs_domain=True),
    ])
    assert field.value == {"name": "Warta Pagi", "domain": "wartapagi.id"}
    # a brand guessed from a promo line never names an outlet on its own
    assert resolve_outlet([OutletClue("Bisnis Pro", None, "Langganan BisnisPro", "credit", 0.55, needs_domain=True)]) is None

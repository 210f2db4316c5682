"""The two scraped articles in ../shared/samples: body bounds, no debris, metadata."""

from conftest import clean_file


def sample(samples_dir, stem):
    return clean_file(samples_dir / f"{stem}.txt")


def test_medcom_sample_body_and_metadata(samples_dir):
    a = sample(samples_dir, "002_9373f92d5b944ac0")
    assert a.body.startswith("Korea Selatan (Korsel) menyerukan penarikan segera pasukan Korea Utara")
    assert a.body.endswith("sebagai imbalan atas pasukan tersebut.")
    for debris in ("(EPA)", "Baca juga", "Google News", "(WIL)", "TERKAIT", "BERITA LAINNYA", "FOLLOW US",
                   "Ikuti media sosial", "Willy Haryono", "Korsel Panggil Dubes Rusia, Kecam"):
        assert debris not in a.body, debris
    assert a.title.value == "Korsel Panggil Dubes Rusia, Kecam Pengiriman Pasukan Korut ke Perang Ukraina"
    assert a.outlet.value == {"name": "Medcom.id", "domain": "medcom.id"}
    assert a.published.value == "2024-10-21T18:31:00+07:00" and a.published.source == "byline"
    assert [f.value for f in a.authors] == ["Willy Haryono"]
    assert a.editors == []
    assert [f.value for f in a.cited_outlets] == ["Irish Examiner"]
    assert a.wire_agencies == []
    assert a.dateline.value == "Seoul"
    assert a.signoff.value == "WIL"
    assert a.language.value == "id"


def test_bisnis_sample_body_and_metadata(samples_dir):
    a = sample(samples_dir, "003_f6cf61e3a5bed1c9")
    assert a.body.startswith("Korea Selatan dan Uni Eropa mengutuk pasokan persenjataan Korea Utara")
    assert a.body.endswith("akan mendukung Rusia sampai mencapai kemenangan di Ukraina.")
    for debris in ("Nyaman tanpa iklan", "KCNA melalui REUTERS", "Google News", "Sumber : Reuters", "Konten Premium",
                   "Artikel Terkait", "Hot Topic", "Scan QR Code", "Bisnis.com, JAKARTA"):
        assert debris not in a.body, debris
    # the site's summary above the dateline is not the report's first sentence
    assert a.body.count("menuntut penarikan pasukan Korea Utara yang telah dikirim ke Rusia.") == 0
    assert a.outlet.value == {"name": "Bisnis.com", "domain": "bisnis.com"}
    assert a.outlet.source == "dateline"
    # no byline date: the date of the wire citation is used, and it says so
    assert a.published.value == "2024-11-05" and a.published.source == "body-citation-date"
    assert a.authors == [] and a.editors == []
    assert [f.value for f in a.wire_agencies] == ["Reuters"]
    assert a.dateline.value == "Jakarta"


def test_removed_pieces_map_back_to_raw_text(samples_dir):
    a = sample(samples_dir, "003_f6cf61e3a5bed1c9")
    for r in a.removed:
        assert a.raw[r.start : r.end] == r.text
    for seg in a.segments:
        assert a.body[seg.body_start : seg.body_start + seg.length] == a.raw[seg.raw_start : seg.raw_start + seg.length]
    k = a.body.index("Josep Borrell")
    assert a.raw[a.raw_offset(k) : a.raw_offset(k) + 13] == "Josep Borrell"

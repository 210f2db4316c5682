"""Debris rules on one line at a time, and the shape tests the layout relies on."""

import pytest

from telusur.clean.rules import inline_cuts, is_caption, is_paragraph, is_title_like, line_reason


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Baca juga: Rusia Bantah Pengiriman Tentara", "related-link"),
        ("Baca Juga : Korut Uji Rudal Baru", "related-link"),
        ("Baca selengkapnya: Kronologi Lengkap", "related-link"),
        ("BACA JUGA: Harga Emas Naik", "related-link"),
        ("Read also: Seoul summons envoy", "related-link"),
        ("[Gambas:Video 20detik]", "related-link"),
        ("Ikuti saluran WhatsApp WartaPagi untuk update berita terkini", "promo"),
        ("Simak berita lainnya di Google News", "promo"),
        ("Cek Berita dan Artikel yang lain di Google News dan WA Channel", "promo"),
        ("SCROLL TO CONTINUE WITH CONTENT", "promo"),
        ("Periksa kembali dan lengkapi data dirimu.", "promo"),
        ("Dapatkan informasi, inspirasi dan insight di email kamu.", "promo"),
        ("Masuk untuk menyimpan artikel ini.", "promo"),
        ("KabarKita.id adalah portal berita daerah dan nasional untuk pembaca muda.", "promo"),
        ("Sumber berita LG.", "wire-credit"),
        ("Demikian laporan Reuters.", "wire-credit"),
        ("(Baca: Polisi Buru Pelaku Pembunuhan)", "related-link"),
        ("[feb]", "signoff"),
        ("(rachmi/sir)", "signoff"),
        ("(Uu. H - RF/D011)", "signoff"),
        ("ADVERTISEMENT", "promo"),
        ("Simak Video \"Korut Luncurkan Rudal\"", "promo"),
        ("Nyaman tanpa iklan. Langganan BisnisPro", "promo"),
        ("Konten Premium", "paywall"),
        ("Silakan login untuk menikmati artikel Konten Premium.", "paywall"),
        ("Tulis komentar Anda", "comment-form"),
        ("0 Komentar", "comment-form"),
        ("Login untuk berkomentar", "comment-form"),
        ("Log masuk untuk memberi komen", "comment-form"),
        ("Bagikan", "share-widget"),
        ("Share this article", "promo"),
        ("Facebook | Twitter | WhatsApp", "share-widget"),
        ("TERKAIT", "navigation"),
        ("BERITA LAINNYA", "navigation"),
        ("FOLLOW US", "navigation"),
        ("# Hot Topic", "navigation"),
        ("Home » Dunia » Asia", "navigation"),
        ("World | Asia-Pacific", "navigation"),
        ("Loading...", "navigation"),
        ("Internasional", "navigation"),
        ("Sumber : Reuters", "wire-credit"),
        ("- AFP", "wire-credit"),
        ("(WIL)", "signoff"),
        ("(nvl/dna)", "signoff"),
        ("Foto: Dok. Humas Kemlu", "credit"),
    ],
)
def test_debris_lines_get_their_reason(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Korea Selatan memanggil duta besar Rusia pada Senin untuk memprotes pengiriman pasukan.",
        "“Kami bersatu dalam mendukung Ukraina,” kata Borrell.",
        "Baca buku itu, kata dia, adalah kebiasaan lama para diplomat.",
        "AS dan NATO belum mengonfirmasi bahwa pasukan Korea Utara telah dikirim ke Rusia.",
        "Sumber di kementerian mengatakan pertemuan itu berlangsung tegang dan panjang.",
    ],
)
def test_report_sentences_are_not_debris(line):
    assert line_reason(line) is None
    assert not is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ukraina dan Rusia berperang sejak Februari 2022. (EPA)",
        "Kompetisi tembakan artileri di Korea Utara dalam gambar yang disediakan KCNA. KCNA melalui REUTERS",
        "Menteri Pertahanan AS Lloyd Austin berbicara kepada wartawan di Roma. ANTARA FOTO/REUTERS/aa.",
        "Duta Besar Rusia Georgy Zinoviev. (Dok. Kemlu Korsel)",
        "Choe Son Hui bersalaman dengan Sergei Lavrov di Moscow. - Foto AFP",
    ],
)
def test_captions_end_with_a_credit(line):
    assert is_caption(line)


def test_paragraph_and_title_shapes():
    assert is_paragraph("Badan mata-mata Korea Selatan mengatakan pada hari Jumat bahwa mereka mengonfirmasi.")
    assert not is_paragraph("Korsel Panggil Dubes Rusia")
    assert is_title_like("Korsel Panggil Dubes Rusia, Kecam Pengiriman Pasukan Korut ke Perang Ukraina")
    assert not is_title_like("Korea Selatan memanggil duta besar Rusia.")


def test_inline_related_link_ends_where_the_next_sentence_starts():
    line = ("Kim mengecam keras pengiriman itu. Baca juga: Rusia Bantah Pengiriman Ribuan Tentara Korut "
            "untuk Bantu Perang Menurut dia, langkah itu mengancam kawasan.")
    ((start, end, reason),) = inline_cuts(line)
    assert reason == "related-link"
    assert line[:start] == "Kim mengecam keras pengiriman itu. "
    assert line[end:].startswith("Menurut dia,")


def test_inline_cut_runs_to_the_end_when_nothing_follows():
    line = "Kim mengecam keras pengiriman itu. Baca juga: Rusia Bantah Pengiriman Tentara"
    ((start, end, _),) = inline_cuts(line)
    assert end == len(line)


def test_inline_related_link_before_a_sentence_opening_with_two_capitalised_words():
    line = ("Simulasi sudah digelar. Baca juga: Presiden Tinjau Agam, Janjikan Rumah Baru bagi Korban Banjir "
            "Menurut Yusrizal, latihan tersebut membuat warga tanggap.")
    ((start, end, _),) = inline_cuts(line)
    assert line[end:].startswith("Menurut Yusrizal, latihan")

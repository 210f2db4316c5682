"""Who said what: speakers after, before and through pronouns; split and continued quotes; no guesses."""

from telusur.extract.entities import find_mentions, group_entities
from telusur.extract.quotes import find_quotes


def quotes(text):
    return find_quotes(text, group_entities(find_mentions(text)))


def test_speaker_after_the_quote_with_title():
    (q,) = quotes('"Pengiriman serdadu Korut adalah ancaman keamanan yang serius," ucap Presiden Ukraina Volodymyr Zelenskiy.')
    assert q.kind == "direct" and q.speaker == "Volodymyr Zelenskiy" and q.cue == "ucap"
    assert q.said_by == "Presiden Ukraina Volodymyr Zelenskiy"


def test_a_quote_split_by_its_cue_is_one_quote():
    text = ('Dubes Rusia Georgy Zinoviev menanggapi protes itu. “Kerja sama ini,” ujar Zinoviev seperti dikutip kedutaan, '
            '“tidak diarahkan terhadap kepentingan keamanan Republik Korea.”')
    (q,) = [q for q in quotes(text) if q.kind == "direct"]
    assert q.speaker == "Georgy Zinoviev"
    assert q.text.startswith("“Kerja sama ini,”") and q.text.endswith("Republik Korea.”")


def test_speaker_before_the_quote_and_a_pronoun_after_the_next():
    text = ('Kepala Kebijakan Luar Negeri Uni Eropa Josep Borrell tiba di Seoul. Borrell mengatakan, "Kami bersatu dalam mendukung Ukraina."\n'
            '"Republik Korea memahami ancaman ini dengan baik," katanya.')
    direct = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Josep Borrell", "Josep Borrell"]
    assert direct[1].cue == "katanya"


def test_a_quote_continuing_in_the_same_paragraph_keeps_the_speaker():
    text = ('Menteri Pertahanan AS Lloyd Austin berbicara di Roma. "Ada bukti bahwa tentara DPRK berada di Rusia," kata Austin, '
            'dilansir dari AP. "Apa persisnya yang mereka lakukan, itu masih harus kita lihat."')
    direct = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Lloyd Austin", "Lloyd Austin"]


def test_no_cue_means_no_speaker():
    (q,) = quotes('Warga menyebut langkah itu "ancaman keamanan yang serius" bagi kawasan.')
    assert q.speaker is None and q.said_by is None


def test_a_lone_surname_shared_by_two_people_is_not_decided():
    text = ('Wakil Menteri Luar Negeri Kim Hong Kyun bertemu Menteri Pertahanan Kim Yong Hyun di Seoul.\n'
            '"Kami akan menanggapi setiap ancaman," kata Kim.')
    (q,) = [q for q in quotes(text) if q.kind == "direct"]
    assert q.said_by == "Kim" and q.speaker is None


def test_reported_speech_with_its_content():
    text = ("Presiden Ukraina Volodymyr Zelenskiy mengatakan jumlah tentara Korea Utara di Kursk kini mencapai 11.000 orang. "
            "Ia menambahkan bahwa para sekutu belum bereaksi secara memadai.")
    reported = [q for q in quotes(text) if q.kind == "reported"]
    assert reported[0].speaker == "Volodymyr Zelenskiy"
    assert reported[0].text.endswith("11.000 orang.")
    assert reported[1].said_by == "Ia" and reported[1].speaker == "Volodymyr Zelenskiy"


def test_demo_quotes_carry_offsets(demo_analysis):
    a = demo_analysis.article("wartapagi-2024-10-29-pentagon-10000-tentara-korut")
    assert any(q.kind == "direct" and q.speaker == "Sabrina Singh" for q in a.quotes)
    for q in a.quotes:
        assert a.body[q.start : q.end] == q.text


def test_reported_speech_after_adverbs_with_an_organisation_qualified_by_its_state():
    text = ("Pemanggilan ini dilakukan setelah Badan Intelijen Nasional (NIS) Korea Selatan mengungkapkan bahwa "
            "Pyongyang telah mengirim 1.500 personel ke Vladivostok. Presiden Ukraina Volodymyr Zelensky sebelumnya "
            "mengatakan pihaknya memiliki informasi intelijen soal pasukan itu.")
    reported = [q for q in quotes(text) if q.kind == "reported"]
    assert [(q.speaker, q.text[:18]) for q in reported] == [
        ("Badan Intelijen Nasional Korea Selatan", "Pyongyang telah me"), ("Volodymyr Zelensky", "pihaknya memiliki ")]


def test_joint_and_governed_subjects_give_no_speaker():
    text = ("Amerika Serikat, Korea Selatan dan NATO menuduh Pyongyang mengirim ribuan tentara ke Rusia. "
            "Kedutaan Besar Rusia di Seoul menyebut kerja sama itu sesuai hukum internasional.")
    reported = [q for q in quotes(text) if q.kind == "reported"]
    assert all(q.speaker is None for q in reported)


def test_reported_speech_with_an_aside_an_inline_cue_and_a_generic_subject():
    text = ("Duta Besar Rusia untuk Seoul Georgy Zinoviev dipanggil ke Kementerian Luar Negeri Korsel. "
            "Zinoviev, menurut pernyataan yang sama, menjawab bahwa ia akan meneruskan sikap Seoul ke Moskow. "
            "Kementerian itu menambahkan bahwa tuntutan resmi sudah disampaikan kepada Rusia. "
            "Dampaknya, kata Zinoviev, tidak akan terasa di Semenanjung Korea.")
    reported = {q.text[:22]: q.speaker for q in quotes(text) if q.kind == "reported"}
    assert reported["ia akan meneruskan sik"] == "Georgy Zinoviev"
    assert reported["tuntutan resmi sudah d"] == "Kementerian Luar Negeri Korea Selatan"
    assert reported["Dampaknya, kata Zinovi"] == "Georgy Zinoviev"


def test_a_coordinated_speech_verb_takes_the_sentence_subject():
    text = "Korea Selatan memanggil Duta Besar Rusia pada Senin dan menuntut agar tentara Korea Utara segera ditarik."
    (q,) = [q for q in quotes(text) if q.kind == "reported"]
    assert q.speaker == "Korea Selatan" and q.text.startswith("tentara Korea Utara segera ditarik")


def test_a_name_after_a_title_phrase_and_a_comma_is_the_speaker():
    text = ('"Kami kalah karena lengah di babak kedua," tutur asisten pelatih Persiba, Joko Susilo, seusai laga. '
            '"Lini belakang harus dibenahi sebelum pekan depan," kata Menteri Pemuda dan Olahraga, Dito Ariotedjo.')
    got = [(q.kind, q.speaker) for q in quotes(text) if q.kind == "direct"]
    assert got == [("direct", "Joko Susilo"), ("direct", "Dito Ariotedjo")]


def test_a_pronoun_cue_reaches_past_a_club_name_but_not_past_a_rival_speaker():
    club = ('Pelatih Persiba Joko Susilo mengatakan timnya siap tampil di Balikpapan. Manajemen Persiba '
            'sudah menyiapkan bus untuk suporter dari Samarinda.\n\n"Kami ingin menang di kandang," ujarnya.')
    assert [q.speaker for q in quotes(club) if q.kind == "direct"] == ["Joko Susilo"]
    rival = ('Pelatih Persiba Joko Susilo mengatakan timnya siap tampil. Pengakuan lain datang dari Marlina, '
             'warga Balikpapan yang menonton latihan.\n\n"Kami ingin menang di kandang," ujarnya.')
    assert [q.speaker for q in quotes(rival) if q.kind == "direct"] == [None]


def test_a_quote_paragraph_after_an_attributed_one_continues_it_and_a_pointing_description_refers_back():
    text = ('Pelatih Persiba Joko Susilo puas dengan hasil laga itu.\n\n"Anak-anak bermain disiplin sejak menit awal," '
            'kata Joko.\n\n"Kami akan menjaga kebugaran mereka sampai akhir musim."\n\n'
            '"Target kami tetap masuk empat besar," tandas pelatih asal Balikpapan tersebut.')
    assert [q.speaker for q in quotes(text) if q.kind == "direct"] == ["Joko Susilo"] * 3
    other = ('"Anak-anak bermain disiplin," kata Joko Susilo.\n\nSementara itu, suporter memadati stadion sejak siang.'
             '\n\n"Kami akan menjaga kebugaran mereka."')
    assert [q.speaker for q in quotes(other) if q.kind == "direct"] == ["Joko Susilo", None]


def test_quote_marks_as_real_pages_print_them():
    text = ('” Kami kalah karena lengah di babak kedua, ” kata Joko Susilo.\n\n'
            '"Target kami tetap masuk empat besar. Pemain harus bangkit pekan depan.\n\n'
            'Kawasan itu dikenal sebagai "Tanah Sejuta Gajah" sejak lama, dan pekan lalu datang tim "screen shot" lain.')
    got = [(q.text[:12], q.speaker) for q in quotes(text) if q.kind == "direct"]
    assert got[0] == ("” Kami kalah", "Joko Susilo")  # a closing mark opening the paragraph
    assert got[1][0] == '"Target kami'  # left open: the quote runs on into the next paragraph
    assert len(got) == 2  # the names in quotation marks are no quotes


def test_a_partial_quote_in_reported_speech_has_the_statements_speaker():
    text = ('Menteri Keuangan Sri Mulyani Indrawati mengatakan bahwa kebijakan baru itu "akan menekan harga pangan" '
            'dalam beberapa bulan.')
    direct = [q for q in quotes(text) if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in direct] == [('"akan menekan harga pangan"', "Sri Mulyani Indrawati")]


def test_a_speaker_after_a_role_in_lower_case_words():
    body = ('"Tim tidak menemukan aliran dana kepada pejabat tertentu," kata anggota tim pencari fakta '
            'Effendi Gazali di Jakarta, Kamis.')
    (q,) = [q for q in quotes(body) if q.kind == "direct"]
    assert q.speaker == "Effendi Gazali"


def test_a_nickname_the_article_explains_speaks_for_the_person():
    body = ('Pelatih Persija Stefano Cugurra memimpin latihan pagi itu. "Saya masih punya pemain muda yang bisa '
            'dimainkan," tutur Teco, sapaan Stefano Cugurra, Selasa.')
    (q,) = [q for q in quotes(body) if q.kind == "direct"]
    assert q.speaker == "Stefano Cugurra"


def test_a_pronoun_and_a_speech_verb_before_the_quote():
    body = ('Aktris Emma Watson mendirikan klub buku daring. "Saya membaca banyak buku tentang kesetaraan," kata '
            'Watson.\n\nSuatu kali, mengenai klub itu, ia mengatakan, "Sebagai bagian dari peran saya, saya mulai '
            'membaca esai."')
    got = [q for q in quotes(body) if q.kind == "direct"]
    assert [q.speaker for q in got] == ["Emma Watson", "Emma Watson"]


def test_an_event_named_in_between_is_no_rival_speaker():
    body = ('"Sasaran pengamanan mulai dari kedatangan para atlet," kata Wakapolda Jawa Barat Brigjen Pol Nana '
            'Sudjana di Bandung.\n\nPengamanan juga berlaku selama upacara pembukaan Peparnas XV di Stadion '
            'Siliwangi.\n\n"Intinya kami akan all out untuk melakukan pengamanan," katanya.')
    got = [q for q in quotes(body) if q.kind == "direct"]
    assert [q.speaker for q in got] == ["Nana Sudjana", "Nana Sudjana"]


def test_a_place_after_kota_is_no_rival_speaker():
    body = ('Menurut Asisten Pembangunan Yoyon Indrayana, wilayah selatan kota itu cukup potensial untuk '
            'dikembangkan. Luasnya melebihi empat kecamatan lain di kota Cirebon. "Sehingga sangat mungkin '
            'dilakukan penataan sesuai rencana," tegasnya.')
    got = [q for q in quotes(body) if q.kind == "direct"]
    assert [q.speaker for q in got] == ["Yoyon Indrayana"]


def test_a_pronoun_moves_on_to_the_one_new_person_named_where_a_speaker_stands():
    body = ('"Kami menargetkan penjualan naik tahun ini," kata Direktur Pemasaran Bebin Djuana.\n\n'
            'Brand Manager SGMW Motor Indonesia Dian Asmahani, menuturkan bahwa mereka sudah mempelajari pasar. '
            '"Soal teknologi dan harga, semuanya sudah kami pikirkan," katanya.')
    got = [q for q in quotes(body) if q.kind == "direct"]
    assert [q.speaker for q in got] == ["Bebin Djuana", "Dian Asmahani"]


def test_the_one_person_named_in_the_clause_after_the_cue_speaks():
    body = ('"Sepuluh negara sudah memastikan ikut serta," kata Ketua Panitia penyelenggara yang juga Kepala '
            'Dinas Pemuda dan Olahraga Padang Suardi, di Padang, Kamis.')
    (q,) = [q for q in quotes(body) if q.kind == "direct"]
    assert q.speaker == "Suardi"


def test_a_quote_goes_on_with_the_statement_just_attributed():
    body = ('Aktris Nadine Chandrawinata ikut kampanye itu. Dijelaskan Nadine, hutan yang berada di tanah '
            'vulkanik tersebut unik dan cantik. “ Hutan ini sangat cantik dan unik spesies floranya. ” '
            'Ia berharap kampanye itu diikuti banyak orang.')
    got = [q for q in quotes(body) if q.kind == "direct"]
    assert [q.speaker for q in got] == ["Nadine Chandrawinata"]

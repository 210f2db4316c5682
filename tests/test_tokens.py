from telusur.text.tokens import sentences, tokens


def test_sentences_keep_abbreviations_times_and_quotes_together():
    text = 'Presiden AS Joe Biden tiba. "Kami siap," kata Dr. Kim. Ia tiba pukul 10.00 WIB.\nParagraf baru di sini'
    assert [text[s:e] for s, e in sentences(text)] == [
        "Presiden AS Joe Biden tiba.", '"Kami siap," kata Dr. Kim.', "Ia tiba pukul 10.00 WIB.", "Paragraf baru di sini"]


def test_tokens_carry_offsets():
    toks = tokens("Kim Yong-hyun (Korsel) berkata.", 10)
    assert [t.text for t in toks] == ["Kim", "Yong-hyun", "(", "Korsel", ")", "berkata", "."]
    assert toks[1].start == 14 and toks[1].end == 23

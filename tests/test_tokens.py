from hypothesis import given, settings, strategies as st

from telusur.text.tokens import sentences, tokens


def test_sentences_keep_abbreviations_times_and_quotes_together():
    text = 'Presiden AS Joe Biden tiba. "Kami siap," kata Dr. Kim. Ia tiba pukul 10.00 WIB.\nParagraf baru di sini'
    assert [text[s:e] for s, e in sentences(text)] == [
        "Presiden AS Joe Biden tiba.", '"Kami siap," kata Dr. Kim.', "Ia tiba pukul 10.00 WIB.", "Paragraf baru di sini"]


def test_tokens_carry_offsets():
    toks = tokens("Kim Yong-hyun (Korsel) berkata.", 10)
    assert [t.text for t in toks] == ["Kim", "Yong-hyun", "(", "Korsel", ")", "berkata", "."]
    assert toks[1].start == 14 and toks[1].end == 23


def _sentences_by_lookbehind(text):
    """``tokens._sentences`` as first written, the end mark looked behind at."""
    import re

    from telusur.text.tokens import _NO_END

    boundary = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'‘(]?[ ]?[A-Z0-9])")
    out = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in boundary.finditer(para.group()):
            cut = para.start() + m.start()
            if _NO_END.search(text[max(start, cut - 8) : cut]):
                continue
            out.append((start, cut))
            start = para.start() + m.end()
        if start < para.end():
            out.append((start, para.end()))
    return [(s, e) for s, e in out if text[s:e].strip()]


@given(st.lists(st.sampled_from(["Ia", " ", "  ", ".", "!", "?", "\"", "”", "’", ")", "(", "“", "\n", "Dr", "J", "a", "7",
                                 "Kata", "kata", "\t"]), max_size=40).map("".join))
@settings(max_examples=500, derandomize=True, database=None)
def test_sentence_ends_are_those_the_lookbehind_pattern_finds(text):
    from telusur.text.tokens import sentences

    assert sentences(text) == _sentences_by_lookbehind(text)

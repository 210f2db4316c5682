
import pytest

from telusur.errors import UnsupportedFormatError
from telusur.ingest.decode import decode_bytes, looks_binary, normalise_text

TEXT = "Menteri Luar Negeri Korea Selatan mengatakan “kerja sama” itu ilegal — kata pejabat."


def test_utf8_with_bom_and_crlf_is_normalised():
    text, warnings = decode_bytes(b"\xef\xbb\xbf" + TEXT.replace(" ", "\r\n", 1).encode(), "doc")
    assert text.startswith("Menteri\nLuar") and "\r" not in text
    assert warnings == []


def test_cp1252_is_decoded_with_a_warning():
    text, warnings = decode_bytes(TEXT.encode("cp1252"), "doc")
    assert text == TEXT
    assert warnings and "cp1252" in warnings[0]


def test_latin1_only_bytes_fall_back_to_latin1():
    data = "Café résumé naïve".encode("latin-1") + b"\x81"  # 0x81 is undefined in cp1252
    text, warnings = decode_bytes(data, "doc")
    assert text.startswith("Café résumé naïve")
    assert "latin-1" in warnings[0]


def test_mostly_utf8_with_a_broken_byte_keeps_the_text_and_says_where():
    data = ("é" * 10 + " Jakarta ").encode() + b"\xff" + " selesai".encode()
    text, warnings = decode_bytes(data, "doc")
    assert "Jakarta" in text and "\ufffd" in text
    assert "invalid UTF-8 at byte" in warnings[0]


def test_binary_data_is_refused_with_the_document_named():
    with pytest.raises(UnsupportedFormatError) as exc:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "photo.txt")
    assert "photo.txt" in str(exc.value) and "binary" in exc.value.reason


def test_looks_binary_accepts_text_and_tabs():
    assert not looks_binary("a\tb\nc".encode())
    assert looks_binary(bytes(range(0, 32)) * 10)


def test_normalise_text_composes_and_replaces_nbsp():
    assert normalise_text("Cafe\u0301\u00a0baru") == "Café baru"

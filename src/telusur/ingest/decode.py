"""Bytes to text: detect binary data, decode UTF-8, fall back to legacy encodings.

Also normalises what every later offset depends on: Unicode NFC and ``\\n`` line ends.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from telusur.errors import UnsupportedFormatError

_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """Return True when ``data`` (its first 8 KiB) looks like a binary file.

    A NUL byte, or more than 10% control characters, means binary.
    """
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls / len(head) > 0.10


def decode_bytes(data: bytes, doc: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode ``data`` to normalised text.

    Takes the bytes, the document's name (for errors) and an optional declared
    charset (HTTP header, ``<meta charset>``). Returns ``(text, warnings)``.
    UTF-16 with a byte-order mark is decoded as such. UTF-8 (with or without BOM) is tried
    next; text that is mostly UTF-8 with a
    few broken bytes is decoded with replacement characters and a warning; other
    text is decoded as the declared charset, else cp1252, else latin-1, with a
    warning. Raises ``UnsupportedFormatError`` for binary data.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark (Windows "Unicode" text)
        try:
            return normalise_text(data.decode("utf-16")), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError:
            raise UnsupportedFormatError(doc, "a UTF-16 byte-order mark followed by bytes that are not UTF-16") from None
    if looks_binary(data):
        raise UnsupportedFormatError(doc, "binary data, not text (NUL or control bytes)")
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_fallback(data, exc, declared, warnings)
    return normalise_text(text), warnings


def _decode_fallback(
    data: bytes, exc: UnicodeDecodeError, declared: str | None, warnings: list[str]
) -> str:
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            text = data.decode(declared)
            warnings.append(f"decoded as declared charset {declared}")
            return text
        except (LookupError, UnicodeError):  # an unknown charset, or one that cannot decode ("undefined")
            pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte >= 2 * bad:
        # Mostly valid UTF-8: a few corrupted bytes, not a legacy encoding.
        warnings.append(
            f"invalid UTF-8 at byte {exc.start}: {bad} undecodable sequence(s) replaced with U+FFFD"
        )
        return lenient
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        warnings.append(f"not UTF-8 (byte {exc.start}); decoded as {enc}")
        return text
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Return True when ``text`` holds a lone surrogate (no UTF-8 encoder takes one)."""
    return _SURROGATE.search(text) is not None


def replace_surrogates(text: str) -> str:
    """Return ``text`` with each lone surrogate made U+FFFD (same length: offsets hold)."""
    return _SURROGATE.sub("\ufffd", text)


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with ``\\r\\n``/``\\r`` turned into ``\\n``, NBSP into space and lone
    surrogates (which JSON escapes can carry, and no encoder takes) into U+FFFD."""
    text = replace_surrogates(text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " "))
    return unicodedata.normalize("NFC", text)


def content_hash(fmt: str, body: str, hints: dict[str, str]) -> str:
    """Return the SHA-256 hex digest identifying one document's content.

    Takes the format, the text or markup, and the source's metadata hints.
    """
    h = hashlib.sha256()
    h.update(fmt.encode())
    h.update(b"\x00")
    h.update(body.encode("utf-8", errors="surrogatepass"))
    h.update(b"\x00")
    h.update(json.dumps(hints, sort_keys=True, ensure_ascii=False).encode("utf-8", errors="surrogatepass"))
    return h.hexdigest()

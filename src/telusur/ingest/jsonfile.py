"""JSON files (``.json``): one article an object, or an array of them, or JSON Lines misnamed.

What the first non-space byte says:

- ``[``: an array, one document per element. The array is streamed (``ingest.jsonarray``):
  the file may be of any size, each element is bounded by the per-document limit, and an
  element over it, not an object, without a body or not valid JSON is a Failure naming
  ``<file stem>:<index>`` (index from 0, as ``jq '.[i]'`` counts) while the others go on.
  An element without an id gets ``<file stem>:<index>``.
- ``{``: when the first line is a whole object and more follows, the file is JSON Lines
  (``ingest.jsonl``); otherwise it is one object, possibly pretty-printed over many lines
  (news-please writes one such file per article): one document, read whole, so the file
  is bounded by the per-document limit (a larger one is one Failure). Its id is the
  object's own, else the file's (its stem, or its path below the folder it was found in).
- anything else: one Failure.

Field names are those of ``ingest.fields``. A UTF-16 file (with its byte-order mark) is
read whole and so is bounded by the limit; other encodings are decoded per element.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from telusur.errors import DocumentTooLargeError, InputError
from telusur.ingest.decode import decode_bytes
from telusur.ingest.fields import record_document
from telusur.ingest.jsonarray import split_array
from telusur.ingest.jsonl import parse_json, read_jsonl
from telusur.model import Document, Failure

_SPACE = b" \t\r\n"
_HEAD = 64 * 1024


def read_json(path: Path, stream: BinaryIO, max_bytes: int, doc_id: str | None = None) -> Iterator[Document | Failure]:
    """Yield the Documents (or Failures) of one JSON file (module docstring for the shapes read).

    Takes the path (for ids, sources and messages), an open binary stream at its start,
    the per-document size limit in bytes and the id a single-object file gets when the
    object names none (default: the file's stem). Never raises for bad content.
    """
    doc_id = doc_id or path.stem
    try:
        stream = _as_utf8(path, stream, max_bytes, doc_id)
        start, first = _first_byte(stream)
        if first == b"[":
            stream.seek(start)
            yield from _array(path, stream, max_bytes)
        elif first == b"{":
            yield from _object_or_lines(path, stream, start, max_bytes, doc_id)
        elif first:
            raise InputError(doc_id, f"not a JSON object or array: the file begins with {first.decode('latin-1')!r}")
        else:
            raise InputError(doc_id, "empty file (only white space)")
    except InputError as exc:
        yield Failure(exc.doc, str(path), "ingest", exc.reason)


def _as_utf8(path: Path, stream: BinaryIO, max_bytes: int, doc_id: str) -> BinaryIO:
    """The stream itself, or for UTF-16 text (byte-order mark) its UTF-8 re-encoding (read whole, so bounded)."""
    mark = stream.read(2)
    stream.seek(0)
    if mark not in (b"\xff\xfe", b"\xfe\xff"):
        return stream
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentTooLargeError(doc_id, f"UTF-16 JSON file over the {max_bytes:,}-byte limit (UTF-8 files are streamed)")
    text, _ = decode_bytes(data, str(path))
    return io.BytesIO(text.encode("utf-8", errors="surrogatepass"))


def _first_byte(stream: BinaryIO) -> tuple[int, bytes]:
    """Return the offset and value of the first byte that is not white space (or a UTF-8 mark); b"" when none."""
    offset = 0
    while data := stream.read(_HEAD):
        if offset == 0 and data.startswith(b"\xef\xbb\xbf"):
            data, offset = data[3:], 3
        stripped = data.lstrip(_SPACE)
        if stripped:
            return offset + len(data) - len(stripped), stripped[:1]
        offset += len(data)
    return offset, b""


def _array(path: Path, stream: BinaryIO, max_bytes: int) -> Iterator[Document | Failure]:
    for piece in split_array(stream, max_bytes):
        name = f"{path.stem}:{piece.index}" if piece.index >= 0 else path.stem
        source = f"{path}:{piece.index}" if piece.index >= 0 else str(path)
        if piece.data is None:
            yield Failure(name, source, "ingest", piece.problem or "unreadable array element")
            continue
        try:
            raw, warnings = decode_bytes(piece.data, source)
            obj = parse_json(raw, name)
            if not isinstance(obj, dict):
                raise InputError(name, f"array element {piece.index} is not a JSON object but {type(obj).__name__}")
            yield record_document(obj, name, source, warnings)
        except InputError as exc:
            yield Failure(exc.doc, source, "ingest", exc.reason)


def _object_or_lines(path: Path, stream: BinaryIO, start: int, max_bytes: int, doc_id: str) -> Iterator[Document | Failure]:
    stream.seek(start)
    first = stream.readline(max_bytes + 1)
    if _whole_object(first) and stream.read(_HEAD).strip(_SPACE):
        stream.seek(0)
        yield from read_jsonl(path, stream, max_bytes)
        return
    stream.seek(start)
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentTooLargeError(doc_id, f"JSON object over the {max_bytes:,}-byte limit (an array of objects is streamed instead)")
    raw, warnings = decode_bytes(data, str(path))
    obj = parse_json(raw, doc_id)
    if not isinstance(obj, dict):  # pragma: no cover - the text begins with "{"
        raise InputError(doc_id, f"expected a JSON object, got {type(obj).__name__}")
    yield record_document(obj, doc_id, str(path), warnings)


def _whole_object(line: bytes) -> bool:
    """True when ``line`` alone is one JSON object (so the file is JSON Lines, if more follows)."""
    try:
        raw, _ = decode_bytes(line, "line")
        return isinstance(parse_json(raw, "line"), dict)
    except InputError:
        return False

"""CSV and TSV files: a header row, then one article a row.

The body column is the one named by ``text_column`` (matched as written, else as a
normalised field name), or else the first header found among the body names of
``lexicon/input_fields.toml`` (``text``, ``maintext``, ``content``, ``body``, ``isi``,
``artikel``...; markup columns such as ``html`` after them). Other known columns become
hints (title, url, published, outlet) and an ``id`` column the row's id; a row without
one is ``<file stem>:<row>``, its row number as a spreadsheet shows it (the header is
row 1). A file with no body column is one Failure naming the file and listing its header,
never one giant article.

Limits: a row over the per-document limit in bytes is a Failure and the next row is read.
To bound memory, a field or a physical line may hold at most ``SLACK`` times the limit in
characters; one longer leaves the parser unsure where the next row starts, so it is
reported and the rest of the file is not read. Memory holds one row at a time.

Delimiter: a tab for ``.tsv``; for ``.csv`` an Excel ``sep=`` first line, else whichever of
``,`` ``;`` tab ``|`` the header holds most (``,`` on a tie). Encoding: UTF-8 (with or
without byte-order mark), UTF-16 with its mark, else cp1252 (latin-1 if that fails), told
from the first 64 KiB, with a warning on every document.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from telusur.errors import DocumentTooLargeError, InputError, UnsupportedFormatError
from telusur.ingest.decode import looks_binary
from telusur.ingest.fields import body_key, field_key, record_document, role_keys
from telusur.model import Document, Failure

_HEAD = 64 * 1024
SLACK = 4  # a field or line may be this many times the per-document limit before the file is given up
_DELIMITERS = (",", ";", "\t", "|")
_SEP_LINE = re.compile(r"sep=(.)\r?\n?$")


class _LineTooLong(Exception):
    """A physical line longer than the limit (the reader cannot tell where its row ends)."""


def read_csv(
    path: Path, stream: BinaryIO, max_bytes: int, text_column: str | None = None
) -> Iterator[Document | Failure]:
    """Yield one Document (or Failure) per row of a CSV or TSV file (module docstring for the rules).

    Takes the path (for ids, sources, messages and the delimiter of ``.tsv``), an open
    binary stream at its start, the per-document size limit in bytes and the body column
    (None: detected from the header). Never raises for bad content: a file without a
    header or body column is one Failure naming it, a bad row a Failure naming
    ``<file stem>:<row>``.
    """
    stem, name = path.stem, str(path)
    try:
        head = stream.read(_HEAD)
        stream.seek(0)
        encoding, warnings = _encoding(head, stem)
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        try:
            yield from _read(text, path, max_bytes, text_column, warnings)
        finally:
            text.detach()  # the caller owns the stream
    except InputError as exc:
        yield Failure(exc.doc, name, "ingest", exc.reason)
    except (csv.Error, _LineTooLong) as exc:
        yield Failure(stem, name, "ingest", f"malformed header: {exc}")


def _read(
    text: io.TextIOWrapper, path: Path, max_bytes: int, text_column: str | None, warnings: list[str]
) -> Iterator[Document | Failure]:
    """The rows of decoded CSV text; raises ``InputError`` (or a parse error) for a bad header."""
    lines = _bounded_lines(text, SLACK * max_bytes)
    first, row = next(lines, ""), 0
    delimiter = "\t" if path.suffix.lower() == ".tsv" else None
    if (sep := _SEP_LINE.match(first)) and delimiter is None:  # Excel's "sep=;" line (not a row it shows)
        delimiter, first = sep.group(1), next(lines, "")
    while first and not first.strip():  # blank lines before the header
        first, row = next(lines, ""), row + 1
    reader = csv.reader(_chain(first, lines), delimiter=delimiter or _delimiter(first))
    while True:
        row += 1
        header = _next_row(reader, SLACK * max_bytes)
        if header is None:
            raise InputError(path.stem, "no header row (the file holds only blank lines)")
        if any(h.strip() for h in header):
            break
    keys = [field_key(h) for h in header]
    body = _body_column(header, keys, text_column, path.stem)
    yield from _rows(reader, keys, body, path, max_bytes, warnings, row)


def _rows(
    reader: Iterator[list[str]], keys: list[str], body: tuple[str, str], path: Path, max_bytes: int,
    warnings: list[str], row: int,
) -> Iterator[Document | Failure]:
    while True:
        row += 1
        fallback_id, source = f"{path.stem}:{row}", f"{path}:{row}"
        try:
            fields = _next_row(reader, SLACK * max_bytes)
        except (csv.Error, _LineTooLong) as exc:
            yield Failure(fallback_id, source, "ingest", f"malformed CSV: {exc}; the rest of the file is not read")
            return
        if fields is None:
            return
        if not any(f.strip() for f in fields):
            continue
        try:
            yield _row_document(fields, keys, body, fallback_id, source, max_bytes, warnings)
        except InputError as exc:
            yield Failure(exc.doc, source, "ingest", exc.reason)


def _row_document(
    fields: list[str], keys: list[str], body: tuple[str, str], fallback_id: str, source: str,
    max_bytes: int, warnings: list[str],
) -> Document:
    chars = sum(map(len, fields))
    if chars > max_bytes // 4 and (size := sum(len(f.encode("utf-8", "surrogatepass")) for f in fields)) > max_bytes:
        raise DocumentTooLargeError(fallback_id, f"row of {size:,} bytes exceeds the {max_bytes:,}-byte limit")
    record: dict[str, str] = {}
    for key, value in zip(keys, fields):
        if key:
            record.setdefault(key, value)
    notes = list(warnings)
    if len(fields) != len(keys):
        notes.append(f"row has {len(fields)} fields, the header {len(keys)}")
    if any("\ufffd" in f for f in fields) and not warnings:
        notes.append("undecodable bytes replaced with U+FFFD")
    return record_document(record, fallback_id, source, notes, body=body)


def _body_column(header: list[str], keys: list[str], text_column: str | None, stem: str) -> tuple[str, str]:
    listed = ", ".join(repr(h.strip()) for h in header)
    if text_column is not None:
        wanted = [i for i, h in enumerate(header) if h.replace("\ufeff", "").strip() == text_column.strip()]
        wanted = wanted or [i for i, k in enumerate(keys) if k and k == field_key(text_column)]
        if not wanted:
            raise InputError(stem, f"no column {text_column!r} in the header: {listed}")
        key = keys[wanted[0]]
        return ("html" if key in role_keys("html") else "text"), key
    found = body_key(k for k in keys if k)
    if found is None:
        raise InputError(stem, f"no text column in the header ({listed}); name the body column one of "
                               f"{', '.join(role_keys('text'))}, or choose it with csv_text_column")
    return found


def _encoding(head: bytes, stem: str) -> tuple[str, list[str]]:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", ["decoded as UTF-16 (byte-order mark)"]
    if looks_binary(head):
        raise UnsupportedFormatError(stem, "binary data, not CSV text (NUL or control bytes)")
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
        return "utf-8-sig", []
    except UnicodeDecodeError as exc:
        try:
            head.decode("cp1252")
            return "cp1252", [f"not UTF-8 (byte {exc.start}); decoded as cp1252"]
        except UnicodeDecodeError:
            return "latin-1", [f"not UTF-8 (byte {exc.start}); decoded as latin-1"]


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals: "," on a tie
    return best if counts[best] else ","


def _bounded_lines(text: io.TextIOWrapper, limit: int) -> Iterator[str]:
    while line := text.readline(limit + 1):
        if len(line) > limit:
            raise _LineTooLong(f"a line longer than the {limit:,}-character limit")
        yield line


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _next_row(reader: Iterator[list[str]], limit: int) -> list[str] | None:
    """The next row, parsed under a field size limit of ``limit`` characters (the module-wide
    setting is restored after, so interleaved readers each keep their own)."""
    old = csv.field_size_limit(limit)
    try:
        return next(reader, None)
    finally:
        csv.field_size_limit(old)

"""WARC and WARC.gz (CC-NEWS style ``response`` records) through fastwarc.

HTTP headers are parsed here rather than by fastwarc so that the whole record
block can be read and its length checked against the WARC ``Content-Length``:
that is how a file cut off mid-record is told apart from a short page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from telusur.errors import InputError
from telusur.ingest.decode import decode_bytes
from telusur.ingest.files import html_document
from telusur.model import Document, Failure

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_STATUS = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.I)


def read_warc(path: Path, stream: BinaryIO, max_bytes: int) -> Iterator[Document | Failure]:
    """Yield a Document for each HTML ``response`` record of a WARC stream.

    Takes the path, an open binary stream (gzip is detected by fastwarc) and the
    per-record size limit. Non-HTML and non-200 responses are skipped; oversized or
    undecodable records yield a ``Failure`` naming the record's target URI. A
    stream that is not WARC, or that breaks off mid-record, yields one ``Failure``
    for the file and stops: records before the break are kept.
    """
    seen = records = 0
    try:
        for rec in ArchiveIterator(stream, parse_http=False):
            records += 1
            if rec.record_type in (WarcRecordType.no_type, WarcRecordType.unknown):
                yield Failure(f"{path.name}#{records}", str(path), "ingest", f"truncated or malformed WARC: record {records} has no valid header")
                return
            if rec.record_type != WarcRecordType.response:
                continue
            seen += 1
            uri = rec.headers.get("WARC-Target-URI") or f"{path.name}#{seen}"
            declared = rec.headers.get("Content-Length")
            if declared is None:
                yield Failure(uri, str(path), "ingest", f"truncated WARC: record {seen} breaks off in its headers")
                return
            if int(declared) > max_bytes:
                yield Failure(uri, str(path), "ingest", f"record of {int(declared):,} bytes exceeds the {max_bytes:,}-byte limit")
                continue
            block = rec.reader.read()
            if len(block) < int(declared):
                yield Failure(uri, str(path), "ingest", f"truncated WARC: record {seen} has {len(block):,} of {int(declared):,} bytes")
                return
            parsed = _split_http(block)
            if parsed is None:
                continue
            status, content_type, charset, payload = parsed
            if status != 200 or content_type not in _HTML_TYPES:
                continue
            try:
                html, warnings = decode_bytes(payload, uri, charset)
            except InputError as exc:
                yield Failure(uri, str(path), "ingest", exc.reason)
                continue
            hints = {"warc_date": rec.headers.get("WARC-Date") or ""}
            yield html_document(uri, f"{path}#{rec.record_id}", html, uri, {k: v for k, v in hints.items() if v}, warnings)
    except (OSError, ValueError, EOFError) as exc:
        # a stream that gave records before it failed was cut off (where the cut falls in the
        # last gzip member decides which error the parser raises), not an unreadable file
        reason = f"truncated or malformed WARC after record {records}: {exc}" if records else f"not a readable WARC stream: {exc}"
        yield Failure(path.name, str(path), "ingest", reason)
        return
    if records == 0:
        yield Failure(path.name, str(path), "ingest", "no WARC records found (not a WARC file)")


def _split_http(block: bytes) -> tuple[int, str, str | None, bytes] | None:
    """Split an HTTP response block into (status, content type, charset, payload)."""
    head, sep, payload = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, payload = block.partition(b"\n\n")
    match = _STATUS.match(head)
    if not sep or not match:
        return None
    content_type, charset = "", None
    for line in head.decode("latin-1").splitlines()[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-type":
            content_type = value.split(";")[0].strip().lower()
            found = _CHARSET.search(value)
            charset = found.group(1) if found else None
    return int(match.group(1)), content_type, charset, payload

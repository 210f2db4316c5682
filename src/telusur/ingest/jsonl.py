"""JSON Lines: one article an object per line (or, on one line, an array of such objects).

Field names are those of ``ingest.fields`` (``lexicon/input_fields.toml``): the generic
``id``, ``url``, ``title``, ``text`` or ``html``, ``published``, ``outlet``, and the
names news-please and trafilatura write (``maintext``, ``date_publish``, ``source``...).
All are optional but a body. A line without an id gets ``<file stem>:<line>``; an element
of an array line without one gets ``<file stem>:<line>:<index>`` (index from 0).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from telusur.errors import DocumentTooLargeError, InputError
from telusur.ingest.decode import decode_bytes
from telusur.ingest.fields import HINT_ROLES, record_document
from telusur.model import Document, Failure

HINT_KEYS = HINT_ROLES  # the hints a record may give (kept for callers of the former name)


def read_jsonl(path: Path, stream: BinaryIO, max_bytes: int) -> Iterator[Document | Failure]:
    """Yield one Document (or Failure) per non-blank line of a JSONL stream.

    Takes the path (for ids and messages), an open binary stream and the per-line
    size limit. A line holding an array of objects yields one item per element. Never
    raises for a bad line: it yields a ``Failure`` naming ``<file>:<line>`` and goes on.
    """
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        fallback_id = f"{path.stem}:{lineno}"
        source = f"{path}:{lineno}"
        try:
            obj, warnings = _parse_line(line, fallback_id, source, max_bytes)
            if isinstance(obj, list):
                yield from _elements(obj, fallback_id, source, warnings)
                continue
            yield record_document(obj, fallback_id, source, warnings)
        except InputError as exc:
            yield Failure(exc.doc, source, "ingest", exc.reason)


def parse_json(raw: str, doc: str) -> object:
    """Parse one JSON text.

    Takes the text and the document's name (for errors); returns the value. Raises
    ``InputError`` naming ``doc`` for invalid JSON, nesting too deep or a number too long.
    """
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(doc, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
                         if exc.lineno > 1 else f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError(doc, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise InputError(doc, f"invalid JSON: {exc}") from None


def _parse_line(line: bytes, fallback_id: str, source: str, max_bytes: int) -> tuple[dict | list, list[str]]:
    if len(line) > max_bytes:
        raise DocumentTooLargeError(fallback_id, f"line of {len(line):,} bytes exceeds the {max_bytes:,}-byte limit")
    raw, warnings = decode_bytes(line, source)
    obj = parse_json(raw, fallback_id)
    if isinstance(obj, list) and any(isinstance(x, dict) for x in obj):
        return obj, warnings
    if not isinstance(obj, dict):
        got = "an array without objects" if isinstance(obj, list) else type(obj).__name__
        raise InputError(fallback_id, f"expected a JSON object (or an array of objects), got {got}")
    return obj, warnings


def _elements(items: list, fallback_id: str, source: str, warnings: list[str]) -> Iterator[Document | Failure]:
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise InputError(f"{fallback_id}:{index}", f"array element {index} is not a JSON object but {type(item).__name__}")
            yield record_document(item, f"{fallback_id}:{index}", f"{source}:{index}", warnings)
        except InputError as exc:
            yield Failure(exc.doc, f"{source}:{index}", "ingest", exc.reason)

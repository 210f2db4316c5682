"""JSON Lines: one article an object per line.

Keys: ``id``, ``url``, ``title``, ``text`` or ``html``, ``published``, ``outlet``; all
optional but one of ``text``/``html``. A line without ``id`` gets ``<file stem>:<line>``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from telusur.errors import DocumentTooLargeError, InputError
from telusur.ingest.decode import decode_bytes, normalise_text
from telusur.ingest.files import html_document, text_document
from telusur.model import Document, Failure

HINT_KEYS = ("title", "published", "outlet", "url")


def read_jsonl(path: Path, stream: BinaryIO, max_bytes: int) -> Iterator[Document | Failure]:
    """Yield one Document (or Failure) per non-blank line of a JSONL stream.

    Takes the path (for ids and messages), an open binary stream and the per-line
    size limit. Never raises for a bad line: it yields a ``Failure`` naming
    ``<file>:<line>`` and goes on.
    """
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        fallback_id = f"{path.stem}:{lineno}"
        source = f"{path}:{lineno}"
        try:
            yield _parse_line(line, fallback_id, source, max_bytes)
        except InputError as exc:
            yield Failure(exc.doc, source, "ingest", exc.reason)


def _parse_line(line: bytes, fallback_id: str, source: str, max_bytes: int) -> Document:
    if len(line) > max_bytes:
        raise DocumentTooLargeError(fallback_id, f"line of {len(line):,} bytes exceeds the {max_bytes:,}-byte limit")
    raw, warnings = decode_bytes(line, source)
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(fallback_id, f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError(fallback_id, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise InputError(fallback_id, f"invalid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise InputError(fallback_id, f"expected a JSON object, got {type(obj).__name__}")
    doc_id = str(obj.get("id") or fallback_id)
    hints = {k: normalise_text(str(obj[k])) for k in HINT_KEYS
             if isinstance(obj.get(k), (str, int, float)) and str(obj[k]).strip()}
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return text_document(doc_id, source, normalise_text(text), hints, warnings)
    if isinstance(html, str) and html.strip():
        url = hints.pop("url", None)
        return html_document(doc_id, source, normalise_text(html), url, hints, warnings)
    raise InputError(doc_id, "neither 'text' nor 'html' holds a non-empty string")

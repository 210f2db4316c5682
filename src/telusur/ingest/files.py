"""Single-document files: plain text and HTML. The id is the file's stem, or its path below the folder it was found in."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from telusur.errors import InputError
from telusur.ingest.decode import content_hash, decode_bytes
from telusur.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def read_text_file(path: Path, data: bytes, doc_id: str | None = None) -> Document:
    """Build a text Document from a file's bytes.

    Takes the path (the source, and the id unless ``doc_id`` is given) and its bytes;
    returns the Document.
    Raises ``InputError`` subclasses for binary or empty content.
    """
    text, warnings = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(str(path), "empty document (no text)")
    return replace(text_document(doc_id or path.stem, str(path), text, {}, warnings), id_from_name=True)


def text_document(doc_id: str, source: str, text: str, hints: dict[str, str], warnings: list[str]) -> Document:
    """Return a text Document for already decoded text (shared by text files and JSONL)."""
    return Document(
        id=doc_id,
        source=source,
        format="text",
        content_hash=content_hash("text", text, hints),
        text=text,
        url=hints.get("url"),
        hints=dict(hints),
        warnings=tuple(warnings),
    )


def read_html_file(path: Path, data: bytes, url: str | None = None, doc_id: str | None = None) -> Document:
    """Build an HTML Document from a file's bytes, honouring a ``<meta charset>``.

    Takes the path (the source, and the id unless ``doc_id`` is given), its bytes and an
    optional URL; returns the Document.
    Raises ``InputError`` subclasses for binary or empty content.
    """
    declared = _META_CHARSET.search(data[:4096])
    html, warnings = decode_bytes(data, str(path), declared.group(1).decode() if declared else None)
    if not html.strip():
        raise InputError(str(path), "empty document (no markup)")
    return replace(html_document(doc_id or path.stem, str(path), html, url, {}, warnings), id_from_name=True)


def html_document(
    doc_id: str, source: str, html: str, url: str | None, hints: dict[str, str], warnings: list[str]
) -> Document:
    """Return an HTML Document for already decoded markup (shared by HTML, JSONL and WARC)."""
    hints = dict(hints)
    if url:
        hints["url"] = url
    return Document(
        id=doc_id,
        source=source,
        format="html",
        content_hash=content_hash("html", html, hints),
        html=html,
        url=url,
        hints=hints,
        warnings=tuple(warnings),
    )

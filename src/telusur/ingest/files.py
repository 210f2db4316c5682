"""Single-document files: plain text and HTML. The file stem is the article id."""

from __future__ import annotations

import re
from pathlib import Path

from telusur.errors import InputError
from telusur.ingest.decode import content_hash, decode_bytes
from telusur.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def read_text_file(path: Path, data: bytes) -> Document:
    """Build a text Document from a file's bytes.

    Takes the path (for id and source) and its bytes; returns the Document.
    Raises ``InputError`` subclasses for binary or empty content.
    """
    text, warnings = decode_bytes(data, str(path))
    if not text.strip():
        raise InputError(str(path), "empty document (no text)")
    return text_document(path.stem, str(path), text, {}, warnings)


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


def read_html_file(path: Path, data: bytes, url: str | None = None) -> Document:
    """Build an HTML Document from a file's bytes, honouring a ``<meta charset>``.

    Takes the path, its bytes and an optional URL; returns the Document.
    Raises ``InputError`` subclasses for binary or empty content.
    """
    declared = _META_CHARSET.search(data[:4096])
    html, warnings = decode_bytes(data, str(path), declared.group(1).decode() if declared else None)
    if not html.strip():
        raise InputError(str(path), "empty document (no markup)")
    return html_document(path.stem, str(path), html, url, {}, warnings)


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

"""One record (a JSON object, a CSV row) to one Document, by the field names exporters use.

The names per role (body text, markup, title, publication time, URL, outlet, id) are data:
``lexicon/input_fields.toml``, loaded once. Keys are compared normalised (``field_key``), so
``"Isi Berita"``, ``"isi-berita"`` and ``"isi_berita"`` are one key.

Only hints the cleaner reads are kept: ``title``, ``published``, ``outlet`` and ``url``.
Author lists (news-please ``authors``, trafilatura ``author``), descriptions and language
codes are not carried: the cleaner has no hint for them and finds bylines in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from telusur.errors import InputError
from telusur.ingest.decode import normalise_text
from telusur.ingest.files import html_document, text_document
from telusur.lexicon import load
from telusur.model import Document

HINT_ROLES = ("title", "published", "outlet", "url")
_SEPARATORS = re.compile(r"[\s\-.]+")
_HTTP = re.compile(r"https?://[^\s/]+\S*", re.I)


@dataclass(frozen=True)
class FieldNames:
    """The normalised keys of each role, in order of preference, and the keys read only when they hold a URL."""

    roles: dict[str, tuple[str, ...]]
    url_only: frozenset[str]


@cache
def field_names() -> FieldNames:
    """Return the field names of ``lexicon/input_fields.toml`` (loaded once).

    Raises ``FileNotFoundError`` or ``tomllib.TOMLDecodeError`` when the shipped file is missing or broken.
    """
    data = load("input_fields")
    roles = {role: tuple(field_key(k) for k in keys) for role, keys in data["roles"].items()}
    return FieldNames(roles, frozenset(field_key(k) for k in data.get("rules", {}).get("url_only", ())))


def field_key(name: str) -> str:
    """Return a field name normalised for matching: lower case, trimmed, separators made one ``_``.

    Takes any key or column header (a UTF-8 byte-order mark in it is dropped); returns the key.
    """
    return _SEPARATORS.sub("_", name.replace("\ufeff", "").strip().lower()).strip("_")


def role_keys(role: str) -> tuple[str, ...]:
    """Return the normalised keys of ``role`` (``text``, ``html``, ``title``...), in order of preference."""
    return field_names().roles.get(role, ())


def body_key(keys: Iterable[str]) -> tuple[str, str] | None:
    """Return ``(role, key)`` of the body column among ``keys`` (normalised), or None.

    Takes the normalised keys present (a CSV header); the first text key wins, then the
    first markup key. Returns None when none is a body field.
    """
    present = set(keys)
    for role in ("text", "html"):
        for key in role_keys(role):
            if key in present:
                return role, key
    return None


def record_document(
    record: Mapping[str, object],
    fallback_id: str,
    source: str,
    warnings: list[str],
    body: tuple[str, str] | None = None,
) -> Document:
    """Build the Document one record holds.

    Takes the record (keys as found; they are normalised here), the id used when it names
    none (such an id is marked as coming from the file's name), the source to record, the
    decoding warnings so far, and optionally the body field to use as ``(role, key)``
    (a CSV's chosen column; default: the first non-empty text field, then markup field).
    Returns a text or HTML Document with its hints. Raises ``InputError`` naming the
    record when no body field holds a non-empty string.
    """
    fields: dict[str, object] = {}
    for key, value in record.items():
        fields.setdefault(field_key(str(key)), value)
    own_id = _first(fields, "id")
    doc_id = own_id or fallback_id
    hints = {role: value for role in HINT_ROLES if (value := _first(fields, role))}
    found = _body(fields, body)
    if found is None:
        raise InputError(doc_id, _no_body_reason(body))
    role, text = found
    if role == "text":
        doc = text_document(doc_id, source, text, hints, warnings)
    else:
        doc = html_document(doc_id, source, text, hints.pop("url", None), hints, warnings)
    return doc if own_id else _named(doc)


def _named(doc: Document) -> Document:
    return replace(doc, id_from_name=True)


def _first(fields: Mapping[str, object], role: str) -> str | None:
    url_only = field_names().url_only
    for key in role_keys(role):
        value = fields.get(key)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            continue
        text = str(value)
        if not text.strip() or (key in url_only and not _HTTP.fullmatch(text.strip())):
            continue
        return text if role == "id" else normalise_text(text)  # kept as stated (hashes of earlier runs hold)
    return None


def _body(fields: Mapping[str, object], chosen: tuple[str, str] | None) -> tuple[str, str] | None:
    candidates = [chosen] if chosen else [(role, key) for role in ("text", "html") for key in role_keys(role)]
    for role, key in candidates:
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            return role, normalise_text(value)
    return None


def _no_body_reason(chosen: tuple[str, str] | None) -> str:
    if chosen:
        return f"the text field {chosen[1]!r} is empty"
    return ("neither 'text' nor 'html' holds a non-empty string (nor 'maintext', 'content', 'body' or "
            "another body field of lexicon/input_fields.toml)")

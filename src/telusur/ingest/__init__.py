"""Read sources of every supported format and yield Documents, streaming.

Formats are told by extension and, for unknown extensions, by sniffing the first
bytes. Folders are walked in sorted order so that runs are deterministic.

Single documents: text (``.txt``, ``.text``, ``.md``) and HTML (``.html``, ``.htm``,
``.xhtml``). Containers, streamed record by record: JSON Lines (``.jsonl``, ``.ndjson``),
JSON (``.json``: one object, or an array of them; ``ingest.jsonfile``), CSV and TSV
(``.csv``, ``.tsv``: a row per article; ``ingest.csvfile``) and WARC. Records of JSON,
JSON Lines and CSV share one field mapping (``ingest.fields``, ``lexicon/input_fields.toml``).
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from telusur.errors import DocumentTooLargeError, InputError
from telusur.ingest.decode import replace_surrogates
from telusur.ingest.files import read_html_file, read_text_file
from telusur.ingest.csvfile import read_csv
from telusur.ingest.jsonfile import read_json
from telusur.ingest.jsonl import read_jsonl
from telusur.ingest.warc import read_warc
from telusur.model import Document, Failure

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_TEXT_EXT = {".txt", ".text", ".md"}
_HTML_EXT = {".html", ".htm", ".xhtml"}
_JSONL_EXT = {".jsonl", ".ndjson"}
_JSON_EXT = {".json"}
_CSV_EXT = {".csv", ".tsv"}
_CONTAINERS = ("jsonl", "json", "csv", "warc")
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def iter_documents(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES, *, csv_text_column: str | None = None
) -> Iterator[Document | Failure]:
    """Yield a Document for every article found under ``paths``, or a Failure.

    Takes files and folders (walked recursively, hidden entries skipped), the
    size limit per document and the body column of CSV/TSV files (None: told from
    each header). Never raises for bad input: a missing path, an unreadable or
    oversized file, or a bad record becomes a ``Failure`` naming it. Raises
    ``ValueError`` for a ``max_bytes`` that is not positive.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for file in walk_files(path):
                yield from map(printable_names, read_path(file, max_bytes, doc_id=folder_id(path, file),
                                                     csv_text_column=csv_text_column))
        elif path.exists():
            yield from map(printable_names, read_path(path, max_bytes, csv_text_column=csv_text_column))
        else:
            yield printable_names(Failure(path.stem, str(path), "ingest", "no such file or folder"))


def folder_id(folder: Path, file: Path) -> str:
    """Return the id of a single-document file found under ``folder``: its path below the folder, without suffix.

    ``a/article.txt`` and ``b/article.txt`` are "a/article" and "b/article"; a file directly
    in the folder keeps its stem as its id, as a file named on the command line does.
    """
    rel = file.relative_to(folder)
    return (rel.parent / rel.stem).as_posix() if rel.parent != Path(".") else rel.stem


def printable_names(item: Document | Failure) -> Document | Failure:
    """Return the item with a file name's undecodable bytes (kept by the OS as lone surrogates) shown as U+FFFD.

    Takes a Document or a Failure; never raises. Such a name would otherwise fail every
    later encoding of the id or source (hashing, the store); every executor passes what it
    reads through this.
    """
    fixed = {k: replace_surrogates(getattr(item, k)) for k in (("id" if isinstance(item, Document) else "doc_id"), "source")}
    if all(fixed[k] == getattr(item, k) for k in fixed):
        return item
    return replace(item, **fixed)


def walk_files(folder: Path) -> Iterator[Path]:
    """Yield the files under ``folder`` in the order every executor reads them (sorted, hidden entries skipped).

    Only names are held, not directory entries; an unreadable folder yields nothing.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        if name.startswith(".") or name in _SKIP_NAMES:
            continue
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            yield from walk_files(path)
        elif path.is_file():
            yield path


def detect_format(path: Path, head: bytes) -> str:
    """Return the format of a file from its name and first bytes.

    Takes the path (its extension decides when known) and the file's first bytes (512
    suffice). Returns ``text``, ``html``, ``jsonl``, ``json``, ``csv``, ``warc`` or
    ``binary`` (gzip data that is not a WARC). Without a known extension, a ``{`` start
    is ``jsonl`` (``read_path`` then tells one whole object from JSON Lines) and a ``[``
    followed by ``{`` or ``]`` is ``json``; CSV is never sniffed.
    """
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in _JSONL_EXT:
        return "jsonl"
    if suffix in _JSON_EXT:
        return "json"
    if suffix in _CSV_EXT:
        return "csv"
    if suffix in _HTML_EXT:
        return "html"
    if suffix in _TEXT_EXT:
        return "text"
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError):
            return "binary"
        return "warc" if inner.startswith(b"WARC/") else "binary"
    if head.startswith(b"WARC/"):
        return "warc"
    lowered = head.lstrip()[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    if lowered.startswith(b"{"):
        return "jsonl"
    if lowered.startswith(b"[") and lowered[1:].lstrip()[:1] in (b"{", b"]"):
        return "json"
    return "text"


def read_path(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, doc_id: str | None = None, *, csv_text_column: str | None = None
) -> Iterator[Document | Failure]:
    """Yield the Documents (or Failures) held by one file.

    Takes a file path (str or Path), the per-document size limit, the id a
    single-document file gets (default: the file's stem) and the body column of a
    CSV/TSV file (None: told from its header). Container formats (JSON Lines, JSON,
    CSV, WARC) stream their records; single documents are read whole only when they are
    under the limit. Never raises for bad input: an empty, unreadable or oversized
    file is a ``Failure`` naming it.
    """
    path = Path(path)
    doc_id = doc_id or path.stem
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
            fmt = detect_format(path, head)
            if size == 0:
                raise InputError(str(path), "empty file")
            if fmt in _CONTAINERS:
                fh.seek(0)
                yield from _read_container(fmt, path, fh, max_bytes, doc_id, csv_text_column)
                return
            if size > max_bytes:
                raise DocumentTooLargeError(str(path), f"file of {size / 1e6:.1f} MB exceeds the {max_bytes / 1e6:.0f} MB limit")
            if fmt == "binary":
                raise InputError(str(path), "gzip data that is not a WARC file")
            fh.seek(0)
            data = fh.read()
        yield read_html_file(path, data, doc_id=doc_id) if fmt == "html" else read_text_file(path, data, doc_id=doc_id)
    except InputError as exc:
        yield Failure(doc_id, str(path), "ingest", exc.reason)
    except OSError as exc:
        yield Failure(doc_id, str(path), "ingest", f"cannot read file: {exc.strerror or exc}")


def _read_container(
    fmt: str, path: Path, fh: BinaryIO, max_bytes: int, doc_id: str, csv_text_column: str | None
) -> Iterator[Document | Failure]:
    """The records of a container file; a file sniffed as JSON Lines may be one JSON object."""
    if fmt == "jsonl" and path.suffix.lower() not in _JSONL_EXT:
        fmt = "json"  # no .jsonl name: one pretty-printed object is one document (ingest.jsonfile)
    if fmt == "json":
        yield from read_json(path, fh, max_bytes, doc_id)
    elif fmt == "csv":
        yield from read_csv(path, fh, max_bytes, csv_text_column)
    elif fmt == "jsonl":
        yield from read_jsonl(path, fh, max_bytes)
    else:
        yield from read_warc(path, fh, max_bytes)

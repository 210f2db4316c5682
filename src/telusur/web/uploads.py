"""Uploaded articles: validated, kept beside the database, and analysed into it.

An upload never names a path of the server: only the file's base name is kept, cleaned
to letters, digits, ``.``, ``-`` and ``_``, and it must end in a supported extension.
Each file is written to ``<uploads>/<first 12 hex of its SHA-256>/<name>`` (the original
stays as the article's source, so a fact-checker can reopen it) and the folder is
analysed like ``telusur analyze`` would, on one process, one upload at a time.

A batch is analysed as far as it can be: a file of an unsupported type or over the size
limit is refused alone, reported in the response's ``failures`` (its name as ``doc_id``,
stage ``upload``) and counted in ``failed``, while the other files are analysed; an empty
or undecodable file is read and fails like any bad document. Only a batch of which every
file is refused is refused as a whole (415, or 413 when every refusal is for size), since
nothing is left to analyse. The request's total size stays limited by the app (413).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from fastapi import HTTPException, UploadFile

from telusur.engine.local import run
from telusur.store import Store
from telusur.web.store_access import Settings

SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".warc", ".warc.gz")
MAX_FILES = 50
UPLOAD_WAIT_SECONDS = 10.0  # how long an upload waits for another run writing the database
MAX_NAME = 120


@dataclass(frozen=True)
class Refusal:
    """An uploaded file that was not kept: its name, the HTTP status it alone would get, and why."""

    name: str
    status: int
    reason: str


def safe_name(filename: str | None) -> str:
    """Return the base name an upload is stored under ("" when nothing is left of it).

    Takes the client's file name (any path in it is dropped). Returns it with every
    character outside letters, digits, ``.``, ``-`` and ``_`` replaced by ``_``, leading
    dots dropped, cut to its last MAX_NAME characters.
    """
    base = PureWindowsPath(PurePosixPath(filename or "").name).name
    return re.sub(r"[^\w.-]", "_", base, flags=re.ASCII).lstrip(".")[-MAX_NAME:]


def analyse_uploads(settings: Settings, files: list[UploadFile]) -> dict[str, Any]:
    """Validate, store and analyse uploaded files; return the run's counts, stored ids and failures.

    Takes the app's settings and the uploaded files. A file of an unsupported type or over
    the size limit is left out and reported among the failures (stage ``upload``, its name
    as ``doc_id``); the others are analysed. Raises ``HTTPException`` 422 for no file or too
    many, and, when every file is refused, 415 (413 if all were too large); nothing is
    analysed then.
    """
    if not files:
        raise HTTPException(422, "no file uploaded")
    if len(files) > MAX_FILES:
        raise HTTPException(422, f"{len(files)} files uploaded; at most {MAX_FILES} per request")
    accepted: list[tuple[str, bytes]] = []
    refused: list[Refusal] = []
    for f in files:
        kept = _accept(f, settings.max_upload_bytes)
        if isinstance(kept, Refusal):
            refused.append(kept)
        else:
            accepted.append(kept)
    if not accepted:
        status = 413 if all(r.status == 413 for r in refused) else 415
        raise HTTPException(status, "; ".join(f"upload {r.name!r}: {r.reason}" for r in refused))
    paths = []
    for name, data in accepted:
        folder = settings.uploads / hashlib.sha256(data).hexdigest()[:12]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    with settings.write_lock, Store(settings.db) as store:
        # an upload waits a little for a running analyze, then is refused (503) rather than hang
        summary = run(paths, store, workers=1, max_bytes=settings.max_upload_bytes, wait=UPLOAD_WAIT_SECONDS)
        ids = store.written_in(summary.run_id)
    failures = [{"doc_id": r.name, "stage": "upload", "reason": r.reason} for r in refused]
    failures += [{"doc_id": x.doc_id, "stage": x.stage, "reason": x.reason} for x in summary.failures]
    return {"run_id": summary.run_id, "read": summary.read, "new": summary.new, "updated": summary.updated,
            "unchanged": summary.unchanged, "failed": summary.failed + len(refused), "articles": ids,
            "failures": failures}


def _accept(upload: UploadFile, limit: int) -> tuple[str, bytes] | Refusal:
    """The file's stored name and bytes, or why it is refused (its type or its size)."""
    name = safe_name(upload.filename)
    if not name or not name.lower().endswith(SUFFIXES):
        return Refusal(name or repr(upload.filename or ""), 415, f"unsupported file type; send one of {', '.join(SUFFIXES)}")
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        return Refusal(name, 413, f"over the {limit:,}-byte limit; not kept")
    return name, data

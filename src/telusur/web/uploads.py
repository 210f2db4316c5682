"""Uploaded articles: validated, kept beside the database, and analysed into it.

An upload never names a path of the server: only the file's base name is kept, cleaned
to letters, digits, ``.``, ``-`` and ``_``, and it must end in a supported extension.
Each file is written to ``<uploads>/<first 12 hex of its SHA-256>/<name>`` (the original
stays as the article's source, so a fact-checker can reopen it) and the folder is
analysed like ``telusur analyze`` would, on one process, one upload at a time.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from fastapi import HTTPException, UploadFile

from telusur.engine.local import run
from telusur.store import Store
from telusur.web.store_access import Settings

SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".warc", ".warc.gz")
MAX_FILES = 50
UPLOAD_WAIT_SECONDS = 10.0  # how long an upload waits for another run writing the database
MAX_NAME = 120


def safe_name(filename: str | None) -> str:
    """Return the base name an upload is stored under.

    Takes the client's file name (any path in it is dropped). Returns it with every
    character outside letters, digits, ``.``, ``-`` and ``_`` replaced by ``_``. Raises
    ``HTTPException`` 415 when no name is left or its extension is not one Telusur reads.
    """
    base = PureWindowsPath(PurePosixPath(filename or "").name).name
    name = re.sub(r"[^\w.-]", "_", base, flags=re.ASCII).lstrip(".")[-MAX_NAME:]
    if not name or not name.lower().endswith(SUFFIXES):
        raise HTTPException(415, f"upload {filename!r}: unsupported file type; send one of {', '.join(SUFFIXES)}")
    return name


def analyse_uploads(settings: Settings, files: list[UploadFile]) -> dict[str, Any]:
    """Validate, store and analyse uploaded files; return the run's counts, stored ids and failures.

    Raises ``HTTPException`` 415 for a file of an unsupported type, 413 for one over the
    size limit and 422 for no file or too many; nothing is analysed then.
    """
    if not files:
        raise HTTPException(422, "no file uploaded")
    if len(files) > MAX_FILES:
        raise HTTPException(422, f"{len(files)} files uploaded; at most {MAX_FILES} per request")
    accepted: list[tuple[str, bytes]] = []
    for f in files:
        name = safe_name(f.filename)
        data = f.file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise HTTPException(413, f"upload {name!r}: over the {settings.max_upload_bytes:,}-byte limit")
        accepted.append((name, data))
    paths = []
    for name, data in accepted:
        folder = settings.uploads / hashlib.sha256(data).hexdigest()[:12]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    with settings.write_lock, Store(settings.db) as store:
        # an upload waits a little for a running analyze, then is refused (503) rather than hang
        summary = run(paths, store, workers=1, progress=False, max_bytes=settings.max_upload_bytes, wait=UPLOAD_WAIT_SECONDS)
        ids = store.written_in(summary.run_id)
    return {"run_id": summary.run_id, "read": summary.read, "new": summary.new, "updated": summary.updated,
            "unchanged": summary.unchanged, "failed": summary.failed, "articles": ids,
            "failures": [{"doc_id": x.doc_id, "stage": x.stage, "reason": x.reason} for x in summary.failures]}

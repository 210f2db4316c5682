"""What earlier runs into one output folder finished: ``_manifest.json``, so a rerun skips finished input files.

One entry per input file (its path or URI as listed): size, modification time, the run
whose rows hold its documents, and whether that run finished. A file is skipped when an
entry for it is done and its size and modification time are unchanged. The manifest
is written only when a run has finished (atomically: a temporary file renamed over it),
so a run that dies leaves the previous state, and the next run redoes its files. A
manifest of another pipeline version is ignored: every file is analysed again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from telusur.spark.inputs import InputFile

NAME = "_manifest.json"


@dataclass(frozen=True)
class FileEntry:
    """One input file as a finished run read it."""

    size: int
    mtime: float
    run: int
    done: bool = True


@dataclass
class Manifest:
    """The runs into one output folder: how many finished, with which pipeline, and each input file's entry."""

    pipeline_version: str
    runs: int = 0
    files: dict[str, FileEntry] = field(default_factory=dict)

    def done(self, file: InputFile) -> bool:
        """Return True when ``file`` was read by a finished run and has not changed since."""
        entry = self.files.get(file.path)
        return entry is not None and entry.done and entry.size == file.size and entry.mtime == file.mtime

    def mark(self, file: InputFile, run: int) -> None:
        """Record that run ``run`` read ``file`` to the end."""
        self.files[file.path] = FileEntry(file.size, file.mtime, run)


def load_manifest(out: Path, pipeline_version: str) -> Manifest:
    """Return the manifest of output folder ``out`` (a new one when there is none, or it is of another pipeline version).

    Raises ``ValueError`` when the file exists but is not a manifest.
    """
    path = out / NAME
    if not path.is_file():
        return Manifest(pipeline_version)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("pipeline_version") != pipeline_version:
            return Manifest(pipeline_version)
        files = {k: FileEntry(**v) for k, v in data["files"].items()}
        return Manifest(pipeline_version, int(data["runs"]), files)
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a Telusur Spark manifest ({exc})") from None


def save_manifest(out: Path, manifest: Manifest) -> None:
    """Write the manifest into ``out`` atomically."""
    path = out / NAME
    tmp = path.with_name(NAME + ".tmp")
    tmp.write_text(json.dumps({"pipeline_version": manifest.pipeline_version, "runs": manifest.runs,
                               "files": {k: asdict(v) for k, v in sorted(manifest.files.items())}}, indent=1),
                   encoding="utf-8")
    os.replace(tmp, path)

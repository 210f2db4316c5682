"""Input files for Spark: listed on the driver, read on the executors by Telusur's own readers.

A local path (no URI scheme) is listed exactly as ``telusur analyze`` lists it (a folder
walked in sorted order, hidden entries skipped, a file's id its path below the folder)
and read on an executor with ``ingest.read_path``, so ids and sources are the same as the
local path's. A URI (``file:``, ``hdfs:``, ``s3a:``...) is listed through Hadoop's
FileSystem and its bytes come through ``SparkContext.binaryFiles``; they are written to a
temporary file of the same name for ``read_path``, and the sources it records are given
the URI back. Parquet files (``.parquet``) are read with ``spark.read.parquet``; each row
is one record mapped to a Document by the field mapping of JSON and CSV records
(``ingest.fields``), its fallback id ``<file stem>:<row>`` and its source ``<path>:<row>``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from telusur.errors import InputError
from telusur.ingest import printable_names, walk_files, folder_id, read_path
from telusur.ingest.fields import record_document
from telusur.model import Document, Failure

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

Item = Document | Failure
Keyed = tuple[tuple[int, int], Item]  # (file index, record index) -> what the file gave


@dataclass(frozen=True)
class InputFile:
    """One file to read: its path or URI, the id a single-document file gets (None: its stem), size and mtime.

    ``kind`` is ``local`` (a path read on the executor), ``hadoop`` (a URI read through
    Hadoop) or ``parquet``.
    """

    path: str
    doc_id: str | None
    size: int
    mtime: float
    kind: str


def is_uri(name: str) -> bool:
    """Return True when ``name`` is a URI with a scheme (``hdfs://...``, ``file:/...``), not a local path."""
    scheme = urlparse(name).scheme
    return len(scheme) > 1 and "/" not in scheme


def list_inputs(spark: "SparkSession", inputs: Iterable[str]) -> tuple[list[InputFile], list[Failure]]:
    """Return the files under ``inputs`` in reading order, and a Failure for each input that does not exist.

    Takes the session (for Hadoop's FileSystem) and paths or URIs of files and folders.
    Never raises for a missing input.
    """
    files: list[InputFile] = []
    missing: list[Failure] = []
    for name in inputs:
        name = str(name)
        found = _list_uri(spark, name) if is_uri(name) else _list_local(Path(name))
        if found is None:
            missing.append(printable_names(Failure(PurePosixPath(urlparse(name).path if is_uri(name) else name).stem, name,
                                              "ingest", "no such file or folder")))  # type: ignore[arg-type]
        else:
            files.extend(found)
    return files, missing


def _kind(name: str, default: str) -> str:
    return "parquet" if name.lower().endswith(".parquet") else default


def _list_local(path: Path) -> list[InputFile] | None:
    if path.is_dir():
        out = []
        for file in walk_files(path):
            st = file.stat()
            out.append(InputFile(str(file), folder_id(path, file), st.st_size, st.st_mtime, _kind(file.name, "local")))
        return out
    if path.exists():
        st = path.stat()
        return [InputFile(str(path), None, st.st_size, st.st_mtime, _kind(path.name, "local"))]
    return None


def _list_uri(spark: "SparkSession", uri: str) -> list[InputFile] | None:
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    hpath = jvm.org.apache.hadoop.fs.Path(uri)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # type: ignore[attr-defined]
    if not fs.exists(hpath):
        return None
    top = fs.getFileStatus(hpath)
    if not top.isDirectory():
        return [InputFile(top.getPath().toString(), None, top.getLen(), top.getModificationTime() / 1000,
                          _kind(top.getPath().getName(), "hadoop"))]
    root = top.getPath().toString().rstrip("/")
    found = []
    listing = fs.listFiles(hpath, True)
    while listing.hasNext():
        st = listing.next()
        full = st.getPath().toString()
        rel = full[len(root) + 1:] if full.startswith(root + "/") else st.getPath().getName()
        if any(part.startswith((".", "_")) for part in rel.split("/")):
            continue
        stem = str(PurePosixPath(rel).with_suffix(""))
        found.append(InputFile(full, stem, st.getLen(), st.getModificationTime() / 1000, _kind(full, "hadoop")))
    return sorted(found, key=lambda f: f.path)


def read_local(index: int, file: InputFile, max_bytes: int, csv_text_column: str | None) -> Iterator[Keyed]:
    """Yield ``((index, n), item)`` for every Document or Failure of one local file (runs on an executor)."""
    items = read_path(Path(file.path), max_bytes, doc_id=file.doc_id, csv_text_column=csv_text_column)
    for n, item in enumerate(items):
        yield (index, n), printable_names(item)


def read_bytes(index: int, file: InputFile, data: bytes, max_bytes: int, csv_text_column: str | None) -> Iterator[Keyed]:
    """Yield ``((index, n), item)`` for the records of a file's bytes, sources naming the file's URI (runs on an executor)."""
    name = PurePosixPath(urlparse(file.path).path).name or "input"
    with tempfile.TemporaryDirectory(prefix="telusur-spark-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(data)
        doc_id = file.doc_id or PurePosixPath(name).stem
        for n, item in enumerate(read_path(local, max_bytes, doc_id=doc_id, csv_text_column=csv_text_column)):
            yield (index, n), printable_names(_renamed(item, str(local), file.path))


def _renamed(item: Item, local: str, uri: str) -> Item:
    """The item with its source's temporary path given back its URI."""
    if item.source.startswith(local):
        return replace(item, source=uri + item.source[len(local):])
    return item


def parquet_item(index: int, file: InputFile, n: int, row: dict[str, Any]) -> Keyed:
    """Return ``((index, n), Document or Failure)`` for row ``n`` (from 0) of a Parquet file."""
    stem = PurePosixPath(urlparse(file.path).path if is_uri(file.path) else file.path).stem
    fallback, source = f"{stem}:{n + 1}", f"{file.path}:{n + 1}"
    try:
        return (index, n), printable_names(record_document(row, fallback, source, []))
    except InputError as exc:
        return (index, n), Failure(exc.doc, source, "ingest", exc.reason)


def read_all(spark: "SparkSession", files: list[tuple[int, InputFile]], max_bytes: int,
             csv_text_column: str | None) -> "RDD[Keyed]":
    """Return the RDD of ``((file index, record index), Document or Failure)`` of the given indexed files.

    Local files are spread over the executors one file a task; Hadoop URIs come through
    ``binaryFiles``; Parquet files through ``spark.read.parquet``.
    """
    sc = spark.sparkContext
    parts: list[RDD[Keyed]] = []
    local = [(i, f) for i, f in files if f.kind == "local"]
    if local:
        parts.append(sc.parallelize(local, max(1, min(len(local), 2 * sc.defaultParallelism)))
                     .flatMap(lambda t: read_local(t[0], t[1], max_bytes, csv_text_column)))
    remote = {f.path: (i, f) for i, f in files if f.kind == "hadoop"}
    if remote:
        known = sc.broadcast(remote)
        parts.append(sc.binaryFiles(",".join(remote), minPartitions=min(len(remote), 2 * sc.defaultParallelism))
                     .flatMap(lambda kv: _read_remote(known.value, kv[0], kv[1], max_bytes, csv_text_column)))
    for i, f in files:
        if f.kind == "parquet":
            parts.append(spark.read.parquet(f.path).rdd.zipWithIndex()
                         .map(lambda rn, i=i, f=f: parquet_item(i, f, rn[1], rn[0].asDict(recursive=True))))
    if not parts:
        return sc.emptyRDD()
    return sc.union(parts) if len(parts) > 1 else parts[0]


def _read_remote(known: dict[str, tuple[int, InputFile]], uri: str, data: bytes, max_bytes: int,
                 csv_text_column: str | None) -> Iterator[Keyed]:
    hit = known.get(uri) or known.get(uri.replace("file:///", "file:/"))
    if hit is None:  # a path Hadoop spells otherwise: match it by its end
        hit = next((v for k, v in known.items() if k.endswith(urlparse(uri).path)), None)
    if hit is None:
        yield (-1, 0), Failure(PurePosixPath(uri).stem, uri, "ingest", "read a file not listed (internal)", "internal")
        return
    yield from read_bytes(hit[0], hit[1], bytes(data), max_bytes, csv_text_column)


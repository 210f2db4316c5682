"""A linear-chain CRF read from a CRFsuite model file and decoded in numpy.

CRFsuite (through python-crfsuite) trains Telusur's NER model; tagging with it costs a
string look-up for every feature of every token (about 40 a token). Read into arrays, the
same model lets the tagger add up per-word score rows it computed once and decode a whole
article's sentences in one batched Viterbi pass: the same labels, several times faster.

The file format is CRFsuite's ``crf1d`` model (``crf1dm_*`` in its sources): a 48-byte
header (magic ``lCRF``, file size, type ``FOMC``, version, counts, then the offsets of the
feature chunk and of the label and attribute string tables), a ``FEAT`` chunk of
``(type, source, destination, weight)`` records (type 0: attribute -> label, a state
feature; type 1: label -> label, a transition) and two ``CQDB`` string tables whose
backward arrays map ids to strings. All integers are little-endian.

Decoding follows CRFsuite's ``crf1dc_viterbi``: scores are sums of weights (no start or
end transitions), and of equal scores the lowest label index wins.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


@dataclass(frozen=True)
class CrfModel:
    """A linear-chain CRF's weights.

    ``labels`` in the model's order; ``attributes`` maps a feature string to its row of
    ``state`` (shape ``(len(attributes), len(labels))``); ``transitions[i, j]`` is the
    weight of label ``i`` followed by label ``j``.
    """

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transitions: np.ndarray


def read_model(path: Path) -> CrfModel:
    """Read a CRFsuite ``crf1d`` model file.

    Takes the file's path; returns its weights. Raises ``OSError`` when the file cannot be
    read and ``ValueError`` when it is not a CRFsuite linear-chain model or is cut short.
    """
    return parse_model(Path(path).read_bytes(), str(path))


def parse_model(data: bytes, path: str) -> CrfModel:
    """Return the weights of a CRFsuite ``crf1d`` model given as bytes (a packaged resource
    may sit in a zip); ``path`` names it in errors. Raises ``ValueError`` as ``read_model``."""
    if len(data) < _HEADER.size:
        raise ValueError(f"{path}: {len(data)} bytes, too short for a CRFsuite model")
    magic, size, kind, _, _, n_labels, n_attrs, off_features, off_labels, off_attrs, _, _ = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path}: not a CRFsuite linear-chain model (magic {magic!r}, type {kind!r})")
    if size != len(data):
        raise ValueError(f"{path}: header says {size} bytes, the file has {len(data)}")
    try:
        chunk, _, count = struct.unpack_from("<4sII", data, off_features)
        if chunk != b"FEAT":
            raise ValueError(f"{path}: no feature chunk at offset {off_features}")
        features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
        labels = _strings(data, off_labels, n_labels)
        attributes = _strings(data, off_attrs, n_attrs)
    except struct.error as exc:
        raise ValueError(f"{path}: cut short ({exc})") from exc
    state = np.zeros((n_attrs, n_labels))
    transitions = np.zeros((n_labels, n_labels))
    kinds, src, dst, weight = features["type"], features["src"].astype(np.int64), features["dst"].astype(np.int64), features["weight"]
    if ((kinds == 0) & ((src >= n_attrs) | (dst >= n_labels))).any() or ((kinds == 1) & ((src >= n_labels) | (dst >= n_labels))).any():
        raise ValueError(f"{path}: a feature refers to a label or attribute the model does not have")
    np.add.at(state, (src[kinds == 0], dst[kinds == 0]), weight[kinds == 0])
    np.add.at(transitions, (src[kinds == 1], dst[kinds == 1]), weight[kinds == 1])
    return CrfModel(tuple(labels), {a: k for k, a in enumerate(attributes)}, state, transitions)


def _strings(data: bytes, offset: int, count: int) -> list[str]:
    """Return the strings of the CQDB table at ``offset``, by id."""
    chunk, _, _, _, bwd_size, bwd_offset = _CQDB_HEADER.unpack_from(data, offset)
    if chunk != b"CQDB" or bwd_size != count:
        raise ValueError(f"no string table of {count} entries at offset {offset}")
    out: list[str | None] = [None] * count
    for at in np.frombuffer(data, dtype="<u4", count=bwd_size, offset=offset + bwd_offset):
        key, length = struct.unpack_from("<II", data, offset + int(at))
        start = offset + int(at) + 8
        if key >= count or length < 1:
            raise ValueError(f"bad string table entry at offset {offset + int(at)}")
        out[key] = data[start : start + length - 1].decode("utf-8")
    if any(s is None for s in out):
        raise ValueError(f"string table at offset {offset} misses ids")
    return out  # type: ignore[return-value]


# token positions times sentences decoded in one batch: the batch's arrays stay near 15 MB
# however long one sentence is (a document with one sentence of 100,000 tokens among many
# short ones is decoded in several batches, not in one array sized longest x count)
_CELLS = 1 << 18


def viterbi(scores: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """Return the best label sequence of each sentence.

    Takes one ``(tokens, labels)`` array of state scores per sentence (an empty sentence
    gives ``[]``) and the ``(labels, labels)`` transition weights; sentences of similar
    length are decoded together, one step per token position, in batches of at most
    ``_CELLS`` positions. Ties go to the lowest label index, as in CRFsuite.
    """
    # longest first: in a batch, the sentences still going at step t are a prefix of it
    order = sorted(range(len(scores)), key=lambda k: -len(scores[k]))
    out: list[list[int]] = [[] for _ in scores]
    start = 0
    while start < len(order):
        size = max(1, _CELLS // max(1, len(scores[order[start]])))
        batch = order[start : start + size]
        for k, labels in zip(batch, _viterbi_batch([scores[k] for k in batch], transitions), strict=True):
            out[k] = labels
        start += size
    return out


def _viterbi_batch(scores: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """``viterbi`` of sentences given longest first, in one batch."""
    lengths = [len(s) for s in scores]
    longest = lengths[0]
    if longest == 0:
        return [[] for _ in scores]
    batch = np.zeros((len(scores), longest, transitions.shape[0]))
    for row, s in enumerate(scores):
        batch[row, : lengths[row]] = s
    # going[t]: how many sentences are longer than t
    going = (len(lengths) - np.cumsum(np.bincount(lengths, minlength=longest + 1))).tolist()
    delta = batch[:, 0].copy()
    back = np.zeros((longest, len(scores), transitions.shape[0]), dtype=np.intp)
    for t in range(1, longest):
        m = going[t]
        total = delta[:m, :, None] + transitions
        back[t, :m] = total.argmax(axis=1)
        delta[:m] = total.max(axis=1) + batch[:m, t]
    # back through the batch: a sentence's last label is its best final score's
    cur = delta.argmax(axis=1)
    path = np.zeros((len(scores), longest), dtype=np.intp)
    rows = np.arange(len(scores))
    for t in range(longest - 1, 0, -1):
        m = going[t]
        path[:m, t] = cur[:m]
        cur[:m] = back[t, rows[:m], cur[:m]]
    path[:, 0] = cur
    return [labels[:n] for labels, n in zip(path.tolist(), lengths, strict=True)]

"""Read the shared NER corpora (NERP, NERGrit) into sentences with Telusur's labels.

The data stays in ``../shared/data/ner``: it is read in place, never copied into the
project. NERP's PPL/PLC/IND map to PER/LOC/ORG; its EVT and FNB are dropped (O).
NERGrit's PERSON/PLACE/ORGANISATION map to PER/LOC/ORG.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ner"
MAP = {"PPL": "PER", "PLC": "LOC", "IND": "ORG", "PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}


def read(corpus: str, split: str, data: Path = DATA) -> list[tuple[list[str], list[str]]]:
    """Return ``(tokens, labels)`` sentences of ``corpus`` (nerp, nergrit) and ``split`` (train, valid).

    Raises ``FileNotFoundError`` when the shared data is not beside the project.
    """
    path = data / corpus / f"{split}_preprocess.txt"
    sentences: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    labels: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append((tokens, labels))
            tokens, labels = [], []
            continue
        token, _, label = line.partition("\t")
        bio, _, typ = label.strip().partition("-")
        mapped = MAP.get(typ)
        tokens.append(token)
        labels.append(f"{bio}-{mapped}" if mapped else "O")
    if tokens:
        sentences.append((tokens, labels))
    return sentences

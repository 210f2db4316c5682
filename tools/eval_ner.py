"""Precision, recall and F1 per entity type of the shipped NER model on the shared valid sets.

Usage: python tools/eval_ner.py

Entity-level, exact span and type match (as seqeval/conlleval count). Valid sets only:
the test splits are held out and not here.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ner_data  # noqa: E402
from telusur.extract.ner import TYPES, spans, tag  # noqa: E402


def score(sentences: list[tuple[list[str], list[str]]]) -> dict[str, tuple[float, float, float, int]]:
    """Return ``{type: (precision, recall, f1, support)}`` plus ``ALL`` (micro) for tagged sentences."""
    tp: dict[str, int] = dict.fromkeys((*TYPES, "ALL"), 0)
    fp, fn = dict(tp), dict(tp)
    for tokens, gold in sentences:
        want = set(spans(gold))
        got = set(spans(tag(tokens)))
        for kind, *_ in want & got:
            tp[kind] += 1
            tp["ALL"] += 1
        for kind, *_ in got - want:
            fp[kind] += 1
            fp["ALL"] += 1
        for kind, *_ in want - got:
            fn[kind] += 1
            fn["ALL"] += 1
    out = {}
    for kind in tp:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[kind] = (p, r, f, tp[kind] + fn[kind])
    return out


def evaluate() -> dict[str, dict[str, tuple[float, float, float, int]]]:
    """Print and return the figures for both valid sets."""
    results = {}
    for corpus in ("nerp", "nergrit"):
        figures = score(ner_data.read(corpus, "valid"))
        results[corpus] = figures
        print(f"{corpus} valid")
        print(f"  {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
        for kind, (p, r, f, n) in figures.items():
            print(f"  {kind:5} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    return results


if __name__ == "__main__":
    evaluate()

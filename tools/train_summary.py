"""Train Telusur's summary sentence scorer on IndoSum dev.02-dev.04.

Usage: python tools/train_summary.py [--l2 1.0] [--folds dev.02 dev.03 dev.04] [--out PATH]

Labels: for each article, a greedy oracle picks up to three of its sentences (as
``telusur.corpus.summary.candidates`` cuts them) that most raise ROUGE-1 F1 + ROUGE-2 F1
against the human summary; those are positives, the rest negatives. The scorer is an
L2-regularised logistic regression on standardised ``FEATURES``, fitted by Newton's
method from zero weights (numpy only; deterministic).

Every article whose id occurs in the held-out fold (dev.05) is left out of training,
even when another fold also holds it, so ``tools/eval_summary.py`` on dev.05 scores
unseen articles. Writes ``src/telusur/corpus/models/summary_weights.json`` (feature
names, means, scales, weights, and a header naming the data's source and licence: the
weights are derived from IndoSum, CC BY-SA 4.0) and prints the held-out figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_summary import FOLDS, HELD_OUT, article_of, evaluate, read, reference_of  # noqa: E402

from telusur.corpus.summary import FEATURES, Candidate, candidates, weights_path  # noqa: E402
from telusur.text.rouge import rouge  # noqa: E402

ORACLE_SIZE = 3


def oracle(sentences: list[Candidate], reference: str, size: int = ORACLE_SIZE) -> list[int]:
    """Return the indices of up to ``size`` sentences chosen greedily to maximise R1 F1 + R2 F1."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < size:
        pick = None
        for i in range(len(sentences)):
            if i in chosen:
                continue
            text = " ".join(sentences[j].text for j in sorted([*chosen, i]))
            r = rouge(text, reference)
            value = r.rouge1.f1 + r.rouge2.f1
            if value > best:
                best, pick = value, i
        if pick is None:
            break
        chosen.append(pick)
    return chosen


def fit(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> tuple[np.ndarray, float]:
    """Return the weights and bias of an L2-regularised logistic regression (bias not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.eye(xb.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        gradient = xb.T @ (p - y) + penalty @ w
        hessian = (xb * (p * (1 - p))[:, None]).T @ xb + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[:-1], float(w[-1])


def main() -> None:
    """Build the training rows, fit, write the weights and print the held-out figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", nargs="+", default=[f for f in FOLDS if f != HELD_OUT], choices=FOLDS)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=weights_path(), help="weights file (default: the shipped one)")
    args = parser.parse_args()
    if HELD_OUT in args.folds:
        parser.error(f"{HELD_OUT} is the held-out fold; do not train on it")
    if args.l2 < 0:
        parser.error("--l2 must not be negative")

    started = time.time()
    held_out = {r["id"] for r in read([HELD_OUT])}
    records = [r for r in read(args.folds) if r["id"] not in held_out]
    rows: list[tuple[float, ...]] = []
    labels: list[float] = []
    for record in records:
        sentences = candidates(article_of(record))
        positive = set(oracle(sentences, reference_of(record)))
        rows.extend(c.features for c in sentences)
        labels.extend(float(i in positive) for i in range(len(sentences)))
    x, y = np.asarray(rows, dtype=float), np.asarray(labels)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit((x - mean) / scale, y, args.l2)

    data = {
        "about": "Sentence scorer for telusur.corpus.summary, trained by tools/train_summary.py.",
        "derived_from": "IndoSum (Kurniawan & Louvan, 2018, 'IndoSum: A New Benchmark Dataset for Indonesian "
        "Text Summarization', IALP 2018): model weights only, no text",
        "license": "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), as an adaptation of IndoSum",
        "trained_on": sorted(args.folds),
        "held_out": HELD_OUT,
        "articles": len(records),
        "sentences": len(y),
        "l2": args.l2,
        "features": list(FEATURES),
        "mean": [round(v, 6) for v in mean.tolist()],
        "scale": [round(v, 6) for v in scale.tolist()],
        "weights": [round(v, 6) for v in weights.tolist()],
        "bias": round(bias, 6),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"trained on {', '.join(sorted(args.folds))} minus {HELD_OUT} ids: {len(records)} articles, "
          f"{len(y)} sentences, {int(y.sum())} positive ({time.time() - started:.0f}s); wrote {args.out}")
    for name, w in sorted(zip(FEATURES, weights), key=lambda p: -abs(p[1])):
        print(f"  {name:36} {w:+.3f}")

    if args.out.resolve() == weights_path().resolve():
        figures = evaluate(read([HELD_OUT]))
        print(f"IndoSum {HELD_OUT} (held out), mean F1 R1 / R2 / RL:")
        for name, (r1, r2, rl) in figures.items():
            print(f"  {name:22} {r1:.4f} {r2:.4f} {rl:.4f}")


if __name__ == "__main__":
    main()

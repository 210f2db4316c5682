"""Train Telusur's NER model on the shared NERP and NERGrit training sets.

Usage: python tools/train_ner.py [--iterations 150] [--c1 0.2] [--c2 0.01] [--cased-repeat 4]

Writes ``src/telusur/extract/models/ner.crfsuite`` and prints the validation figures
(``tools/eval_ner.py`` prints them again from the shipped model). Deterministic:
L-BFGS from zero weights on a fixed sentence order.

The features read the shipped case profile (``models/case_profile.tsv.gz``); this script
does not rebuild it. After changing its rules run ``tools/build_case_profile.py`` first.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ner_data  # noqa: E402
from eval_ner import evaluate  # noqa: E402
from telusur.extract.ner import model_path, sentence_features  # noqa: E402


def main() -> None:
    """Train, save and evaluate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, default=0.2)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--cased-repeat", type=int, default=4)
    parser.add_argument("--out", type=Path, default=model_path(), help="model file (default: the shipped one)")
    args = parser.parse_args()

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for tokens, labels in ner_data.read("nerp", "train"):
        trainer.append(sentence_features(tokens), labels)
        n += 1
    # NERGrit is the only cased corpus and four times smaller: it is given more weight by
    # repetition, and a lower-cased copy teaches the case-free features its domain too.
    nergrit = ner_data.read("nergrit", "train")
    for _ in range(args.cased_repeat):
        for tokens, labels in nergrit:
            trainer.append(sentence_features(tokens), labels)
            n += 1
    for tokens, labels in nergrit:
        trainer.append(sentence_features([t.lower() for t in tokens]), labels)
        n += 1
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    out = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(out))
    print(f"trained on {n} sentences in {time.perf_counter() - started:.0f}s -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    if out == model_path():
        evaluate()


if __name__ == "__main__":
    main()

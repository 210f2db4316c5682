"""NER tagging: Telusur's decoder (``extract.crf``) against python-crfsuite, side by side, on real news.

Usage: python bench/bench_ner.py [--n 600] [--repeat 3]

Reads the first ``--n`` articles of IndoSum's held-out fold (``../shared/data``, read at
run time, never copied), splits them into sentences and tokens as ``find_mentions`` does,
and tags every sentence two ways in this process, one after the other, ``--repeat`` times:

- Telusur: ``ner.tag_sentences`` over each article's sentences (per-word score rows,
  one batched Viterbi an article);
- peer: python-crfsuite's ``Tagger.tag`` over ``ner.sentence_features`` (the features
  the model was trained on), sentence by sentence, with the same head rules after it.

Both start warm (one untimed pass each: the word rows and the feature caches filled).
Prints CPU milliseconds an article for each (best of the repeats), the ratio, and how
many sentences got different labels (must be 0).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT.parent / "shared" / "data" / "summarization" / "indosum" / "dev.05.jsonl"


def main() -> None:
    """Parse the arguments, tag both ways and print one figure a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not HELD_OUT.is_file():
        sys.exit(f"{HELD_OUT} not found: the shared IndoSum data is needed")
    import pycrfsuite

    from telusur.extract import ner
    from telusur.text.tokens import sentences, tokens

    articles: list[list[list[str]]] = []
    with HELD_OUT.open(encoding="utf-8") as lines:
        for _, line in zip(range(args.n), lines):
            body = "\n".join(" ".join(" ".join(s) for s in p) for p in json.loads(line)["paragraphs"])
            batch = [[t.text for t in tokens(body[s:e], s)] for s, e in sentences(body)]
            articles.append([b for b in batch if b])
    reference = pycrfsuite.Tagger()
    reference.open(str(ner.model_path()))

    def ours() -> list[list[list[str]]]:
        return [ner.tag_sentences(a) for a in articles]

    def peer() -> list[list[list[str]]]:
        return [[ner._head_rules(s, list(reference.tag(ner.sentence_features(s)))) for s in a] for a in articles]

    first_ours, first_peer = ours(), peer()
    differ = sum(x != y for a, b in zip(first_ours, first_peer) for x, y in zip(a, b))
    best = {"telusur": float("inf"), "crfsuite": float("inf")}
    for _ in range(args.repeat):
        for name, run in (("telusur", ours), ("crfsuite", peer)):
            start = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - start)
    n_sentences = sum(len(a) for a in articles)
    print(f"articles: {len(articles)}  sentences: {n_sentences}  tokens: {sum(len(s) for a in articles for s in a)}")
    for name, seconds in best.items():
        print(f"{name}: {seconds * 1e3 / len(articles):.2f} ms CPU an article (best of {args.repeat})")
    print(f"ratio: {best['crfsuite'] / best['telusur']:.2f}x")
    print(f"sentences labelled differently: {differ}")


if __name__ == "__main__":
    main()

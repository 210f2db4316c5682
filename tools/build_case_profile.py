"""Build the case profile the NER features use, from unlabeled cased news text (IndoSum).

Usage: python tools/build_case_profile.py

Reads the tokenised article paragraphs of IndoSum's ``dev.02``-``dev.05`` folds in place
from ``../shared/data/summarization/indosum/`` (only ``paragraphs``: the summaries and
extractive labels are never read) and writes ``src/telusur/extract/models/case_profile.tsv.gz``:
one line per lower-cased word, ``word<TAB>bucket<TAB>classes``, sorted by word. Only words
and labels are written, no sentences.

``bucket`` says how the word is written where its position does not force a capital (not
sentence-initial, not right after an opening quote, bracket, colon, dash or full stop):

- seen 3+ times: ``A`` always capitalised (>= 95 %), ``M`` mostly (>= 60 %), ``S`` sometimes
  (>= 15 %), ``R`` rarely (>= 2 %), ``N`` never;
- seen once or twice: ``a`` always, ``s`` sometimes, ``n`` never;
- a ``U``/``u`` suffix when at least half the occurrences are all-caps (KPK, DPR).

``classes`` (possibly empty) holds ``o``, ``p`` and/or ``l`` when at least two and at least
20 % of the word's capitalised-run occurrences stand where organisations (inside a run that
opens with an organisation head: *Partai*, *Kementerian*...), people (a short run right after
a speech verb, *kata*, *ujar*...; or the last two words of a 3+ word run opening with a title,
*Presiden*...) or places (right after *di*/*ke*, or inside a run opening with *Kota*,
*Provinsi*...) stand. The cue lists are in ``telusur/lexicon/ner.toml``.

Deterministic: the same input gives the same bytes (gzip without a timestamp).
``tools/train_ner.py`` needs the file (the features read it) and does not rebuild it: run
this first when the profile's rules change.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "summarization" / "indosum"
FILES = [f"dev.0{k}.jsonl" for k in range(2, 6)]
OUT = ROOT / "src" / "telusur" / "extract" / "models" / "case_profile.tsv.gz"
# a capital right after these says nothing about the word
_OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", ":", "-", "–", "—", "«", "."})
# lower-case words that may join a capitalised run (Bank of America, Muhammad bin Salman)
_JOINERS = frozenset({"dan", "of", "de", "van", "bin", "binti", "&"})


def bucket(n: int, cap: int, upper: int) -> str:
    """Return the bucket label of a word seen ``n`` times, ``cap`` capitalised, ``upper`` all-caps."""
    acronym = upper * 2 >= n
    if n < 3:
        return ("a" if cap == n else "n" if cap == 0 else "s") + ("u" if acronym else "")
    r = cap / n
    b = "A" if r >= 0.95 else "M" if r >= 0.6 else "S" if r >= 0.15 else "R" if r >= 0.02 else "N"
    return b + ("U" if acronym else "")


class Counts:
    """Per lower-cased word: non-initial occurrences, capitalised, all-caps, run contexts."""

    def __init__(self) -> None:
        from telusur.lexicon import load

        lex = load("ner")
        self.org_heads = frozenset(lex["org_heads"]["words"])
        self.titles = frozenset(lex["person_cues"]["words"])
        self.speech = frozenset(lex["case_profile"]["speech_cues"])
        self.place_preps = frozenset(lex["case_profile"]["place_prepositions"])
        self.place_heads = frozenset(lex["case_profile"]["place_heads"])
        self.seen: Counter[str] = Counter()
        self.cap: Counter[str] = Counter()
        self.upper: Counter[str] = Counter()
        self.in_run: Counter[str] = Counter()
        self.cls: dict[str, Counter[str]] = {k: Counter() for k in "opl"}

    def add(self, sentence: list[str]) -> None:
        """Count one tokenised sentence."""
        n = len(sentence)
        for i in range(1, n):
            tok = sentence[i]
            if not any(ch.isalpha() for ch in tok) or sentence[i - 1] in _OPENERS:
                continue
            w = tok.lower()
            self.seen[w] += 1
            if tok[:1].isupper():
                self.cap[w] += 1
                if tok.isupper() and len(tok) > 1:
                    self.upper[w] += 1
        i = 0
        while i < n:
            if not sentence[i][:1].isupper():
                i += 1
                continue
            j = i
            while j + 1 < n and (sentence[j + 1][:1].isupper()
                                 or (sentence[j + 1] in _JOINERS and j + 2 < n and sentence[j + 2][:1].isupper())):
                j += 1
            run = [t.lower() for t in sentence[i:j + 1]]
            before = sentence[i - 1] if i > 0 else ""
            lower_before = before.islower()
            head = run[0]
            for k, w in enumerate(run):
                if w in _JOINERS:
                    continue
                self.in_run[w] += 1
                if k > 0 and head in self.org_heads:
                    self.cls["o"][w] += 1
                if ((lower_before and before in self.speech and len(run) <= 3)
                        or (head in self.titles and k > 0 and k >= len(run) - 2 and len(run) >= 3
                            and run[-1] not in self.org_heads)):
                    self.cls["p"][w] += 1
                if (lower_before and before in self.place_preps) or (k > 0 and head in self.place_heads):
                    self.cls["l"][w] += 1
            i = j + 1

    def classes(self, w: str) -> str:
        """Return the context classes (``o``, ``p``, ``l``) the word's capitalised runs lean to."""
        runs = self.in_run[w]
        return "".join(k for k in "opl" if runs and self.cls[k][w] >= 2 and self.cls[k][w] / runs >= 0.2)


def count(data: Path = DATA) -> Counts:
    """Return the counts over the article paragraphs of the IndoSum files."""
    counts = Counts()
    for name in FILES:
        with (data / name).open(encoding="utf-8") as fh:
            for line in fh:
                for paragraph in json.loads(line)["paragraphs"]:
                    for sentence in paragraph:
                        counts.add(sentence)
    return counts


def main() -> None:
    """Count, bucket and write the profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    c = count(args.data)
    rows = sorted((w, bucket(n, c.cap[w], c.upper[w]), c.classes(w)) for w, n in c.seen.items()
                  if "\t" not in w and w.isprintable())
    text = "".join(f"{w}\t{b}\t{k}\n" for w, b, k in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(rows)} words -> {args.out} ({args.out.stat().st_size / 1e3:.0f} kB): "
          + " ".join(f"{k}={v}" for k, v in sorted(Counter(b for _, b, _ in rows).items())))


if __name__ == "__main__":
    main()

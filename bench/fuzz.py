"""Fuzz the whole per-document path: mutated files through ingest, cleaning and extraction.

Usage: python bench/fuzz.py [--minutes 10] [--seed 1] [--out DIR]

Each input is a file of the demo corpus (text, HTML, JSONL, and its JSONL records as a
JSON array, one JSON object and a CSV export) mutated a few times: a hostile
piece inserted (control and zero-width characters, lone surrogates, brackets, regex
metacharacters, markup, odd numbers and dates, quote runs, very long words), a stretch
deleted or repeated, or a random code point put in. The mutated bytes are read as a file
of that kind (``ingest.read_path``) and every document goes through the pipeline and its
serialisation for the store (``engine.pipeline.process_to_row``). A crash is an
exception out of either, or a failure with the ``internal`` code (a Telusur bug; a
document's own problem is an ordinary failure and fine). Prints the inputs tried, their
rate and each distinct crash with a count; ``--out`` keeps one input per crash. Exits 1
when anything crashed. ``tests/test_fuzz.py`` runs the same mutations for a bounded number
of inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from telusur.engine.pipeline import process_to_row  # noqa: E402
from telusur.ingest import read_path  # noqa: E402
from telusur.model import INTERNAL, Failure  # noqa: E402

DEMO = ROOT / "demo" / "corpus"
SUFFIXES = (".txt", ".html", ".jsonl")
PIECES = (
    "\x00", "\ud800", "\udcff", "\u200b", "\u00a0", "\u2028", "\r", "\t", "\x85", "\ufeff", "\x1b[31m",
    "[", "]", "(", ")", "{", "}", "\\", "*", "+", "?", "|", "^", "$", "%s", "{0}",
    "<script>", "</p>", "<p>", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "-->",
    '"', "'", "“", "”", '"' * 50, "(" * 200, "x" * 3000, ":", " - ", "  ", "\n\n\n", "  \n ",
    "Baca juga:", "Jakarta, CNN Indonesia --", "kata", "ujar", "menurut", "AFP", "Antara",
    "http://[::1", "http://[x]/", "1.500.000,5", "12/13/2024", "31 Februari 2024", "Rp 1,5 triliun",
    "٣", "𝟙", "ﬁ", "İ", "ı", "ſ", "K", "ß", "\u0301", "@", "#", "%",
)


def seeds() -> list[tuple[str, str]]:
    """Return ``(suffix, text)`` of every demo file of a kind the fuzzer mutates.

    The JSONL file's records also make a JSON array (``.json``), one pretty-printed
    object (``.json``) and a CSV export (``.csv``), so those readers are fuzzed too.
    """
    found = [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted(DEMO.rglob("*")) if p.suffix in SUFFIXES]
    records = [json.loads(line) for suffix, text in found if suffix == ".jsonl" for line in text.splitlines() if line.strip()]
    if records:
        found.append((".json", json.dumps(records, ensure_ascii=False, indent=1)))
        found.append((".json", json.dumps(records[0], ensure_ascii=False, indent=2)))
        found.append((".csv", _csv(records)))
    return found


def _csv(records: list[dict[str, object]]) -> str:
    """The records as a CSV export with a header of their keys."""
    import csv
    import io

    keys = sorted({k for r in records for k in r})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=keys)
    writer.writeheader()
    writer.writerows({k: r.get(k, "") for k in keys} for r in records)
    return out.getvalue()


def mutate(text: str, rng: random.Random) -> str:
    """Return ``text`` with one to twelve random mutations (see the module docstring)."""
    for _ in range(rng.randint(1, 12)):
        op, i = rng.random(), rng.randint(0, len(text))
        if op < 0.5:
            text = text[:i] + rng.choice(PIECES) + text[i:]
        elif op < 0.7:
            text = text[:i] + text[min(len(text), i + rng.randint(1, 200)):]
        elif op < 0.85:
            j = min(len(text), i + rng.randint(1, 300))
            text = text[:i] + text[i:j] * rng.randint(2, 5) + text[j:]
        else:
            text = text[:i] + chr(rng.randint(1, 0x2FFFF)) + text[i:]
    return text


def crashes(data: bytes, suffix: str, folder: Path) -> list[str]:
    """Run one input through ingest and the pipeline; return one line per crash (none: [])."""
    path = folder / ("input" + suffix)
    path.write_bytes(data)
    found: list[str] = []
    try:
        for item in read_path(path):
            result = item if isinstance(item, Failure) else process_to_row(item)
            if isinstance(result, Failure) and result.code == INTERNAL:
                found.append(f"[{result.stage}] {result.reason[:160]}")
    except Exception as exc:  # noqa: BLE001 - the harness reports whatever escapes
        found.append(f"[escaped] {type(exc).__name__}: {str(exc)[:120]}")
    return found


def main() -> None:
    """Fuzz for the time given and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="keep one crashing input per crash here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = seeds()
    seen: Counter[str] = Counter()
    kept: dict[str, str] = {}
    tried, start = 0, time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="telusur-fuzz-") as tmp:
        while time.perf_counter() - start < args.minutes * 60:
            suffix, text = rng.choice(pool)
            mutated = mutate(text, rng)
            for crash in crashes(mutated.encode("utf-8", "surrogatepass"), suffix, Path(tmp)):
                seen[crash] += 1
                kept.setdefault(crash, mutated)
            tried += 1
    seconds = time.perf_counter() - start
    print(f"inputs: {tried} in {seconds:.0f} s ({tried / seconds:.0f}/s), seed {args.seed}")
    print(f"crashes: {sum(seen.values())} ({len(seen)} distinct)")
    for crash, n in seen.most_common():
        print(f"{n:6d}  {crash}")
    if args.out and kept:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "crashes.json").write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.exit(1 if seen else 0)


if __name__ == "__main__":
    main()

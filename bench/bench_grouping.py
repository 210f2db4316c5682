"""Story grouping alone, with and without taking expired stories out of the candidates, side by side.

Usage: python bench/bench_grouping.py DB [--repeat 2]

Reads the story profiles an analysis kept in DB (for example the 10,000-article database
of ``bench_scale.py --keep DIR``) and runs ``corpus.stories.group_stories`` over them in
this process, alternately with ``PRUNE_EXPIRED`` on (stories whose last day lies more than
the window before the article at hand leave the candidate index) and off (every story
that shares a feature stays a candidate, the code before). Prints the CPU seconds of each
run, the ratio of the medians, and whether both give the same stories.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import telusur.corpus.stories as stories
from telusur.store import Store


def main() -> None:
    """Time both ways on the database's profiles and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        profiles = [stories.profile_from_row(*row) for row in store.story_profiles()]
    seconds: dict[bool, list[float]] = {True: [], False: []}
    found: dict[bool, list[tuple[str, tuple[str, ...]]]] = {}
    for _ in range(args.repeat):
        for prune in (False, True):
            stories.PRUNE_EXPIRED = prune
            start = time.process_time()
            grouped = stories.group_stories(profiles)
            seconds[prune].append(time.process_time() - start)
            found[prune] = [(s.id, tuple(s.members)) for s in grouped]
    stories.PRUNE_EXPIRED = True
    for prune in (False, True):
        print(f"{len(profiles)} profiles, expired stories {'pruned' if prune else 'kept'}: "
              + ", ".join(f"{s:.2f}" for s in seconds[prune]) + f" s CPU; {len(found[prune])} stories")
    print(f"kept / pruned (medians): {statistics.median(seconds[False]) / statistics.median(seconds[True]):.2f}x")
    print(f"same stories: {found[True] == found[False]}")


if __name__ == "__main__":
    main()

"""Run the telusur CLI and SIGKILL it right after its Nth committed write (a test helper).

Usage: ``python kill_at_commit.py N ARGS...``. With N = 0 nothing is killed and each
commit's stage is printed to stderr as ``commit K STAGE``, so a test can choose its kill
points. Batches and template chunks are made small, so every stage commits several times
even on a small corpus.
"""

from __future__ import annotations

import inspect
import os
import signal
import sys

import telusur.engine.corpus_stages as templates
import telusur.engine.local as local
from telusur.cli import main
from telusur.store import base

# innermost first: a commit is credited to the first of these found on the stack
STAGES = ("strip_learned_templates", "refresh_corpus_entities", "refresh_near_duplicates", "refresh_rewrites",
          "refresh_stories", "set_corpus_version", "_write", "record")


def _stage() -> str:
    names = [frame.function for frame in inspect.stack()]
    return next((s for s in STAGES if s in names), "other")


def install(kill_at: int) -> None:
    """Count commits of ``Store.transaction``; kill the process after commit ``kill_at`` (0: report only)."""
    exit_transaction = base._Transaction.__exit__
    count = 0

    def counted(self, exc_type, exc, tb):  # type: ignore[no-untyped-def]
        nonlocal count
        exit_transaction(self, exc_type, exc, tb)
        if exc_type is not None:
            return
        count += 1
        if kill_at == 0:
            print(f"commit {count} {_stage()}", file=sys.stderr, flush=True)
        elif count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    base._Transaction.__exit__ = counted  # type: ignore[method-assign]
    local.BATCH_SIZE = 4
    templates.CHUNK = 2


if __name__ == "__main__":
    install(int(sys.argv[1]))
    main(sys.argv[2:])

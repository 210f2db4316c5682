"""What a run tells a progress display: the stage it is in, its total when known, and each step done.

The engine knows nothing of terminals: ``run`` calls a ``Progress``; the CLI passes one
that draws (``telusur.terminal.TerminalProgress``), the Python API none. The number of
documents is counted beside the run (``count_beside``: a thread), so the display
gets its total, and an ETA, a moment after the run starts instead of delaying it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Protocol

from telusur.model import Document, Failure

Reader = Callable[[list[str]], Iterator[Document | Failure]]  # ``iter_documents`` with the run's options

class Progress(Protocol):
    """Receives a run's progress. Every method must be cheap and must not raise."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage begins, with its number of steps when known.

        Stages come in order: "articles", "templates", then each corpus stage's ``shown`` name.
        """

    def total(self, total: int) -> None:
        """The current stage's number of steps became known."""

    def advance(self, n: int = 1) -> None:
        """``n`` more steps of the current stage are done."""

    def close(self) -> None:
        """The run ended (finished, failed or interrupted)."""


class Silent:
    """A Progress that shows nothing."""

    def stage(self, name: str, total: int | None = None) -> None:
        """Ignore the stage."""

    def total(self, total: int) -> None:
        """Ignore the total."""

    def advance(self, n: int = 1) -> None:
        """Ignore the steps."""

    def close(self) -> None:
        """Nothing to close."""


def count_beside(read: Reader, paths: list[str], progress: Progress) -> threading.Thread | None:
    """Count the documents ``read(paths)`` yields in a daemon thread and tell ``progress.total`` when done.

    Takes the reader the run uses (so the count matches what the run reads), the paths and
    the display. Returns the thread, or None when ``progress`` shows nothing (no reason
    to read twice).
    """
    if isinstance(progress, Silent):
        return None

    def count() -> None:
        try:
            progress.total(sum(1 for _ in read(paths)))
        except Exception:  # noqa: BLE001 - a display without a total is still a display
            return

    thread = threading.Thread(target=count, name="telusur-count", daemon=True)
    thread.start()
    return thread

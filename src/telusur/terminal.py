"""What the CLI draws: tables that fit the terminal, a progress display, logging to stderr.

Data goes to stdout and everything else (progress, status lines, log records) to stderr,
so ``telusur ... > file`` or ``| jq`` gets data only. Tables fit a terminal's width by
folding long cells onto more lines; an id is never cut (it is folded whole, so every
character of it is there to copy), and when stdout is not a terminal nothing is
folded at all.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TextIO

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, Task, TaskID, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

# columns of text a table may give one free-text cell before folding it
TEXT_WIDTH = 60
UNBOUNDED = 1_000_000  # the "width" of a pipe or file: no line is ever folded


@dataclass(frozen=True)
class Column:
    """One column of a table: its header and what it holds.

    ``id`` cells are never cut or shortened (folded only when a terminal is too narrow);
    ``text`` cells fold past ``TEXT_WIDTH`` on a terminal; ``number`` cells align right.
    """

    header: str
    kind: Literal["id", "text", "number"] = "text"


def console(stream: TextIO | None = None) -> Console:
    """Return a rich Console on ``stream`` (default stdout): the terminal's width, or unbounded for a pipe or file."""
    stream = stream or sys.stdout
    terminal = stream.isatty()
    return Console(file=stream, width=None if terminal else UNBOUNDED, soft_wrap=not terminal,
                   highlight=False, emoji=False, markup=False)


def table(columns: Sequence[Column], rows: Iterable[Sequence[str]], *, more: int = 0, more_hint: str = "",
          out: Console | None = None) -> int:
    """Print ``rows`` under ``columns``; returns the number of rows printed.

    ``more`` is how many rows were left out (by a limit); when positive a line says so,
    followed by ``more_hint`` (how to see them). Cells are shown as plain text: nothing
    in them is read as markup.
    """
    out = out or console()
    wide = out.width >= UNBOUNDED
    grid = Table(box=None, show_edge=False, pad_edge=False, header_style="bold", expand=False)
    for c in columns:
        if c.kind == "id":
            grid.add_column(c.header, overflow="fold", no_wrap=False, min_width=min(len(c.header), 8))
        elif c.kind == "number":
            grid.add_column(c.header, justify="right", no_wrap=True)
        else:
            grid.add_column(c.header, overflow="fold", max_width=None if wide else TEXT_WIDTH)
    n = 0
    for row in rows:
        grid.add_row(*(str(cell) for cell in row))
        n += 1
    if n == 0:
        out.print("(none)")
    else:
        out.print(grid)
    if more > 0:
        out.print(f"... and {more} more{' (' + more_hint + ')' if more_hint else ''}")
    return n


def setup_logging(verbosity: int) -> None:
    """Send Telusur's log records to stderr: -1 errors only, 0 warnings, 1 info (stages, timings), 2 and up debug."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG if verbosity > 1 else logging.ERROR)
    logger = logging.getLogger("telusur")
    logger.setLevel(level)
    if not any(isinstance(h, RichHandler) for h in logger.handlers):
        handler = RichHandler(console=console(sys.stderr), show_path=False, markup=False, rich_tracebacks=False)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    logger.propagate = False


class TerminalProgress:
    """A ``engine.progress.Progress`` drawn on stderr: the stage, done / total, rate, elapsed time and ETA.

    Redrawn by its own thread, so the elapsed time moves during long corpus stages too.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console(stream or sys.stderr), transient=False, refresh_per_second=4,
        )
        self._task: TaskID | None = None
        self._progress.start()

    def _current(self) -> Task | None:
        return next((t for t in self._progress.tasks if t.id == self._task), None)

    def _finish_current(self) -> None:
        task = self._current()
        if task is not None:
            self._progress.update(task.id, total=task.completed or 1, completed=task.completed or 1)

    def stage(self, name: str, total: int | None = None) -> None:
        """Show a new stage (the previous one is left finished above it)."""
        self._finish_current()
        self._task = self._progress.add_task(name, total=total, rate="")

    def total(self, total: int) -> None:
        """Give the current stage its total (the articles stage learns it from the counting thread)."""
        task = self._current()
        if task is not None and task.description == "articles":
            self._progress.update(task.id, total=total)

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more steps done, with the rate in documents a second."""
        task = self._current()
        if task is None:
            return
        self._progress.advance(task.id, n)
        self._progress.update(task.id, rate=f"{task.speed:,.0f} doc/s" if task.speed else "")

    def close(self) -> None:
        """Mark the last stage done and stop redrawing."""
        self._finish_current()
        self._progress.stop()

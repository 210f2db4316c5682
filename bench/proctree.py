"""The process tree from /proc: a benchmark sums the memory of a process and everything it started."""

from __future__ import annotations

import os


def _children() -> dict[int, list[int]]:
    """Return ``{ppid: [pid, ...]}`` for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(root: int) -> list[int]:
    """Return ``root`` and every process below it (Linux: read from /proc)."""
    tree = _children()
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(tree.get(pid, []))
    return out


_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss(pid: int) -> int:
    """Return the resident memory of one process in bytes (``/proc/PID/statm``; 0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def tree_rss(root: int) -> int:
    """Return the resident memory of ``root`` and every process below it, in bytes."""
    return sum(rss(p) for p in descendants(root))

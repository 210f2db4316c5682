"""Split a JSON array into the bytes of its elements, streaming, without parsing them.

A scanner follows strings (with their escapes) and bracket depth only, so a file of any
size is read in chunks and one element at a time is held, never more than the per-element
limit: an element over it is skipped (its size reported), and the scan goes on after it.
Each element is parsed afterwards on its own, so a bad element spoils only itself; a
string left open by a broken element runs to the end of the file, which is reported as
truncated, with every element before it kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1 << 20
_OUTSIDE = re.compile(rb'["\[\]{},]')  # what matters outside a string
_STRING_BODY = re.compile(rb'(?:[^"\\]++|\\.)*+', re.S)  # a string's bytes up to its closing quote (or a lone final backslash)
_SPACE = b" \t\r\n"


@dataclass(frozen=True)
class Piece:
    """One element of the array (``data`` its bytes, None when over the limit), or a problem of the array.

    ``index`` counts elements from 0; ``size`` is the element's length in bytes; ``problem``
    (with ``data`` None) says what is wrong: an empty element, an element over the limit, the
    array cut short, or data after its end.
    """

    index: int
    data: bytes | None
    size: int
    problem: str | None = None


def split_array(stream: BinaryIO, max_bytes: int, chunk: int = CHUNK) -> Iterator[Piece]:
    """Yield the elements of the JSON array ``stream`` holds, as bytes, one at a time.

    Takes a binary stream positioned anywhere before the opening ``[`` (whitespace and a
    UTF-8 byte-order mark may precede it), the largest element to hold in bytes and the
    read size. Yields a ``Piece`` per element and one for each problem met; never raises
    for bad data (only for the stream's own ``OSError``).
    """
    scan = _Scan(max_bytes)
    data = _skip_to_array(stream, chunk)
    if data is None:
        yield Piece(-1, None, 0, "no JSON array: the first character is not '['")
        return
    while True:
        yield from scan.feed(data)
        if scan.done:
            rest = scan.rest + stream.read(chunk)
            if rest.strip(_SPACE):
                yield Piece(-1, None, 0, "data after the array's closing ']' was ignored")
            return
        data = stream.read(chunk)
        if not data:
            yield from scan.end()
            return


def _skip_to_array(stream: BinaryIO, chunk: int) -> bytes | None:
    """Read up to the ``[``; return the bytes after it (maybe none), or None when something else comes first."""
    first = True
    while data := stream.read(chunk):
        if first and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        first = False
        stripped = data.lstrip(_SPACE)
        if not stripped:
            continue
        return stripped[1:] if stripped.startswith(b"[") else None
    return None


class _Scan:
    """The scanner's state between chunks."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.depth = 0
        self.in_string = False
        self.escaped = False
        self.buffer = bytearray()
        self.size = 0
        self.over = False
        self.index = 0
        self.done = False
        self.rest = b""

    def feed(self, data: bytes) -> Iterator[Piece]:
        """Scan one chunk; yield the elements that end in it."""
        start = i = 0
        n = len(data)
        while i < n:
            if self.in_string:
                if self.escaped:
                    self.escaped = False
                    i += 1
                    continue
                i = _STRING_BODY.match(data, i).end()  # type: ignore[union-attr]  # matches, if only b""
                if i == n:
                    break
                if data[i] == 0x5C:  # a backslash ending the chunk: the next chunk's first byte is escaped
                    self.escaped = True
                else:
                    self.in_string = False  # the closing quote
                i += 1
                continue
            m = _OUTSIDE.search(data, i)
            if m is None:
                break
            c, i = data[m.start()], m.end()
            if c == 0x22:  # "
                self.in_string = True
            elif c in (0x7B, 0x5B):  # { [
                self.depth += 1
            elif self.depth > 0 and c in (0x7D, 0x5D):  # } ]
                self.depth -= 1
            elif c == 0x2C and self.depth == 0:  # , between elements
                yield from self._close(data[start : m.start()], last=False)
                start = i
            elif c == 0x5D:  # the array's closing ]
                yield from self._close(data[start : m.start()], last=True)
                self.done, self.rest = True, data[i:]
                return
            # a } at depth 0 is left to the element's parser to refuse
        self._keep(data[start:])

    def end(self) -> Iterator[Piece]:
        """The stream ended before the array's ``]``: report it (naming the element cut short, if any)."""
        cut = self.over or bool(self.buffer.strip(_SPACE))
        where = f"inside element {self.index}" if cut else f"after element {self.index - 1}" if self.index else "before any element"
        yield Piece(self.index if cut else -1, None, self.size, f"truncated: the JSON array ends {where}, before its closing ']'")

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.over:
            return
        if self.size > self.max_bytes:
            self.over = True
            self.buffer = bytearray()
        else:
            self.buffer += data

    def _close(self, tail: bytes, last: bool) -> Iterator[Piece]:
        self._keep(tail)
        size, over, data = self.size, self.over, bytes(self.buffer)
        self.buffer, self.size, self.over = bytearray(), 0, False
        if over:
            yield Piece(self.index, None, size, f"array element of {size:,} bytes exceeds the {self.max_bytes:,}-byte limit")
        elif not data.strip(_SPACE):
            if last:  # "[]" or a trailing comma: nothing was left out
                return
            yield Piece(self.index, None, 0, "empty array element (two commas in a row)")
        else:
            yield Piece(self.index, data, size)
        self.index += 1

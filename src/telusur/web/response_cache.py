"""Answers to GET requests kept per state of the database, so a page asked again is not built again.

Every page and API answer is a function of the database, the address (path and query)
and the reader's language (``?lang=`` is in the query; the ``telusur_lang`` cookie is
part of the key). An answer is kept with the database's generation
(``corpus_cache.generation``) and served while the generation holds: any commit (an
upload, a run of ``telusur analyze``) makes every kept answer stale at once. Only
complete 200 answers that set no cookie are kept, up to ``max_bytes`` in all (least
recently used first out) and ``max_entry`` each; uploads and other non-GET requests pass
through untouched. A kept answer carries ``X-Telusur-Cache: hit``, one just built ``miss``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from http.cookies import SimpleCookie
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from telusur.web.corpus_cache import Generation, generation

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_ENTRY = 2 * 1024 * 1024
UNCACHED_PREFIXES = ("/upload",)  # a form page: kept fresh, and soon per reader (CSRF tokens)

HIT, MISS = (b"x-telusur-cache", b"hit"), (b"x-telusur-cache", b"miss")
Key = tuple[str, bytes, str]
Kept = tuple[Generation, int, list[tuple[bytes, bytes]], bytes]


class ResponseCache:
    """ASGI middleware keeping complete GET answers per database generation (see the module docstring).

    Raises ``ValueError`` when a size limit is not positive or ``max_entry`` exceeds ``max_bytes``.
    """

    def __init__(self, app: ASGIApp, db: Path, cookie: str, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_entry: int = DEFAULT_MAX_ENTRY) -> None:
        if max_bytes <= 0 or max_entry <= 0:
            raise ValueError(f"cache sizes must be positive, got max_bytes={max_bytes}, max_entry={max_entry}")
        if max_entry > max_bytes:
            raise ValueError(f"max_entry ({max_entry}) exceeds max_bytes ({max_bytes})")
        self.app, self.db, self.cookie = app, db, cookie
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self._kept: OrderedDict[Key, Kept] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from the cache when it holds a fresh answer; otherwise ask the app and keep what it says."""
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""), self._language(scope))
        now = generation(self.db)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == now:
                self._kept.move_to_end(key)
            else:
                kept = None
        if kept is not None:
            _, status, headers, body = kept
            await send({"type": "http.response.start", "status": status, "headers": [*headers, HIT]})
            await send({"type": "http.response.body", "body": body})
            return
        await self._fill(scope, receive, send, key, now)

    async def _fill(self, scope: Scope, receive: Receive, send: Send, key: Key, now: Generation) -> None:
        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200 and not any(k.lower() == b"set-cookie" for k, _ in message.get("headers", []))
                message = {**message, "headers": [*message.get("headers", []), MISS]}
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                if size > self.max_entry:
                    keep = False
                    parts.clear()
                else:
                    parts.append(message.get("body", b""))
                if not message.get("more_body", False) and keep and start is not None:
                    self._put(key, (now, start["status"], list(start.get("headers", [])), b"".join(parts)))
            await send(message)

        await self.app(scope, receive, capture)

    def _put(self, key: Key, kept: Kept) -> None:
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._size -= len(old[3])
            self._kept[key] = kept
            self._size += len(kept[3])
            while self._size > self.max_bytes and self._kept:
                _, dropped = self._kept.popitem(last=False)
                self._size -= len(dropped[3])

    def _language(self, scope: Scope) -> str:
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                jar: SimpleCookie = SimpleCookie()
                try:
                    jar.load(value.decode("latin-1"))
                except Exception:  # noqa: BLE001 - a malformed cookie header is no language
                    return ""
                morsel = jar.get(self.cookie)
                return morsel.value if morsel else ""
        return ""

"""The web app: REST API, OpenAPI description and pages over one Telusur database.

``create_app`` builds it; ``telusur serve`` runs it with uvicorn. Errors under ``/api``
are JSON (``{"error": {"status", "message", "details"}}``), elsewhere an HTML page; the
message names the parameter, id or upload at fault. A request body over the upload
limit is refused before it is read (413).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from telusur.errors import StoreError
from telusur.store import Store
from telusur.version import __version__
from telusur.web import api, pages
from telusur.web.corpus_cache import CorpusCache
from telusur.web.response_cache import ResponseCache
from telusur.web.store_access import DEFAULT_MAX_UPLOAD_BYTES, Settings

# multipart framing (boundaries, part headers) on top of the files themselves
UPLOAD_OVERHEAD = 64 * 1024
# requests handled at once by one server process; more only contend for the interpreter
# lock and hold more memory (the default pool is 40 threads), while the rest wait their turn
HANDLER_THREADS = 8
# how ``telusur serve --workers N`` hands the app's settings to its worker processes
ENV_DB, ENV_MAX_UPLOAD = "TELUSUR_SERVE_DB", "TELUSUR_SERVE_MAX_UPLOAD_BYTES"


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
    yield


def create_app(db: str | Path, *, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES, uploads: str | Path | None = None,
               keep_answers: bool = True) -> FastAPI:
    """Return the app serving the database ``db``.

    Takes the database file (created and migrated if new), the upload size limit in
    bytes and the folder uploads are kept in (default: ``<db stem>-uploads`` beside the
    database), and whether to keep answers per database state (``web.response_cache``;
    a benchmark of what building a page costs turns it off). Raises ``StoreError`` when the database cannot be opened, ``ValueError``
    for a non-positive limit.
    """
    db = Path(db)
    Store(db).close()  # fail now, not on the first request, when the file is not a Telusur database
    settings = Settings(db=db, uploads=Path(uploads) if uploads else db.with_name(db.stem + "-uploads"),
                        max_upload_bytes=max_upload_bytes)
    # /docs is served by the pages with Swagger UI's assets from the package (FastAPI's own loads them from a CDN)
    app = FastAPI(title="Telusur", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="Multi-outlet news traced: articles with their debris, entities, quotes, numbers, "
                              "events, near-duplicates, rewrites and their distortions, stories, claim tracks, "
                              "timelines and cited summaries. Every fact carries its article and character offsets.")
    app.state.settings = settings
    app.state.cache = CorpusCache(db)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]
    app.add_middleware(_BodyLimit, limit=max_upload_bytes + UPLOAD_OVERHEAD)
    if keep_answers:
        app.add_middleware(ResponseCache, db=db, cookie=pages.LANG_COOKIE)
    return app


def app_from_env() -> FastAPI:
    """Return the app for the database named by ``TELUSUR_SERVE_DB`` (and the upload limit by
    ``TELUSUR_SERVE_MAX_UPLOAD_BYTES``): the factory each worker process of ``telusur serve
    --workers N`` calls. Raises ``KeyError`` when the database is not named, and what
    ``create_app`` raises."""
    return create_app(os.environ[ENV_DB], max_upload_bytes=int(os.environ.get(ENV_MAX_UPLOAD, DEFAULT_MAX_UPLOAD_BYTES)))


def _error(request: Request, status: int, message: str, details: list[dict[str, Any]] | None = None) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": {"status": status, "message": message, "details": details or []}}, status_code=status)
    return pages.render("error.html.j2", pages.ui_of(request), status=status, code=status, message=message)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such address: {request.url.path}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return _error(request, exc.status_code, message)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")} for e in exc.errors()]
    message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
    return _error(request, 422, message, details)


async def _store_error(request: Request, exc: StoreError) -> Response:
    return _error(request, 503, f"database unavailable: {exc}")


class _BodyLimit:
    """ASGI middleware: refuse a request whose body is over ``limit`` bytes (413), declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(scope, send, self.limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(scope, send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    response = JSONResponse({"error": {"status": 413, "message": f"request body over the {limit:,}-byte limit", "details": []}},
                            status_code=413)
    await response(scope, lambda: None, send)  # type: ignore[arg-type]


"""The ASGI application: JSON API under ``/api/``, HTML pages, local static files, strict headers.

Security model: every article byte is untrusted.  Templates autoescape,
pages run only our own script file (``script-src 'self'``, no inline code),
no response may be framed, and every API parameter is validated before it
reaches SQL (which only ever sees bound parameters).

Errors: under ``/api/`` every failure — 404, 422 validation, 500 — is the
one shape ``{"ok": false, "error": "...", "status": N}``; pages get an HTML
error page with the same status.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import memory
from storyline.errors import StoreError
from storyline.store.db import Database
from storyline.store.db import exists as db_exists
from storyline.version import __version__
from storyline.web import api, pages, worldmap
from storyline.web.hosts import HostCheck, allowed_hosts
from storyline.web.pages import render_error
from storyline.web.params import Connections

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """Pure ASGI middleware adding the strict headers to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.decode().lower() not in SECURITY_HEADERS
                ]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def error_json(status: int, message: str) -> JSONResponse:
    """The one API error shape."""
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return error_json(status, message)
    return HTMLResponse(render_error(status, message), status_code=status)


# What a person can act on, instead of pydantic's wording (which quotes the regular expression).
_MESSAGES = {
    "string_pattern_mismatch": "has a form or characters that are not allowed here",
    "string_too_long": "is too long",
    "string_too_short": "is empty",
    "missing": "is required",
}


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        message = _MESSAGES.get(str(err.get("type")), str(err.get("msg", "is invalid")))
        parts.append(f"{where or 'request'} {message}")
    return "invalid parameter: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _error(request, exc.status_code, str(exc.detail))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 422, _validation_message(exc))

    async def server_error(request: Request, exc: Exception) -> Response:
        # Logged with its traceback for the operator; the client gets one line.
        log.exception("internal error on %s", request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__})")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)


def app_from_env() -> FastAPI:
    """The app of one ``storyline serve --workers N`` process (its arguments in ``$STORYLINE_SERVE``)."""
    args = json.loads(os.environ["STORYLINE_SERVE"])
    long_running()
    return create_app(args["db"], hosts=args["hosts"], bound=args["bound"])


def long_running() -> None:
    """What a server process does before it serves: its worker threads share two malloc heaps,
    and the free pages of those heaps go back to the system every half minute
    (:mod:`storyline.memory`), so the resident size does not creep up over weeks."""
    memory.limit_arenas()
    memory.release_periodically()


def create_app(db_path: str | Path, *, hosts: Iterable[str] = (), bound: str | None = None) -> FastAPI:
    """The web application over the database at ``db_path``, opened read-only.

    It answers only requests whose Host header is a local name, ``bound`` (the
    address the server listens on) or one of ``hosts`` (:mod:`storyline.web.hosts`).
    """
    path = str(db_path)
    if not db_exists(path):
        raise StoreError(f"{path}: no such database")
    Database(path, readonly=True).close()  # fail now, with one line, if it cannot be opened
    app = FastAPI(
        title="storyline",
        version=__version__,
        description="Who did what to whom, when, where and according to whom: a read-only JSON API.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the Swagger UI loads scripts from a CDN: not offline, not CSP-clean
        redoc_url=None,
    )
    app.state.connections = Connections(path)
    # The world map's shapes take seconds to project once: do it now, not on the first /map request.
    threading.Thread(target=worldmap.countries, name="storyline-map-warmup", daemon=True).start()
    _install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostCheck, hosts=allowed_hosts(hosts, bound))  # outermost: checked first
    return app

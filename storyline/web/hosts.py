"""The Host header check: the local web UI answers only to the names it is served under.

Without it, any web page the user visits can read the local API through DNS
rebinding: the attacker's name first resolves to the attacker's server, then
to 127.0.0.1, and the browser — same origin as far as it knows — sends the
requests to storyline with ``Host: evil.example``.  Refusing every Host that
is not a local name (or one configured with the ``allowed_hosts`` setting,
e.g. a name a reverse proxy forwards) closes that door; it also stops
redirects built from the Host header (``/static`` → ``http://evil.example/static/``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(extra: Iterable[str] = (), bound: str | None = None) -> frozenset[str]:
    """Local names, the address the server is bound to (unless a wildcard) and ``extra`` names."""
    names = {*LOCAL_HOSTS, *(h.strip().lower().strip("[]") for h in extra if h.strip())}
    if bound and bound not in ("0.0.0.0", "::", ""):
        names.add(bound.lower().strip("[]"))
    return frozenset(names)


def host_name(header: str) -> str:
    """The name in a Host header, without port and brackets (``[::1]:8000`` → ``::1``)."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostCheck:
    """Pure ASGI middleware: 400 with the one error shape for a request to any other Host."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", ()))
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if host in self.hosts:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps(
            {
                "ok": False,
                "error": "unknown Host header; add the name to the allowed_hosts setting to serve under it",
                "status": 400,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

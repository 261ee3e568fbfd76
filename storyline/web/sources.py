"""The watched sources (``storyline watch``): when each was last fetched, its status and its last error.

``GET /sources`` (HTML) and ``GET /api/sources`` (JSON) show the same data,
:func:`storyline.watch.source_status`.  A database written before live
sources existed simply has none.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from storyline.watch import source_status
from storyline.web.app import database

router = APIRouter()


@router.get("/api/sources", tags=["api"], summary="Watched sources: last fetch, HTTP status, last error")
def api_sources(request: Request) -> dict[str, Any]:
    return {"ok": True, "sources": source_status(database(request))}


@router.get("/sources", response_class=HTMLResponse, include_in_schema=False)
def sources_page(request: Request) -> HTMLResponse:
    from storyline.web.pages import render

    return render("sources.html", title="Sources", sources=source_status(database(request)))

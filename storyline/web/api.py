"""The JSON API: ``GET /api/...``, every answer ``{"ok": true, ...}`` (errors: see :mod:`storyline.web.app`).

Parameters and the database connection come from :mod:`storyline.web.params`,
so that a bad parameter is a 422 in the one error shape before any query runs.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request

from storyline.export import EventFilter
from storyline.version import __version__
from storyline.web import listings, views
from storyline.web.params import (
    DB,
    Articles,
    EventType,
    Id,
    Lang,
    Limit,
    Lists,
    NameKind,
    Offset,
    OptId,
    RequiredText,
    SnapshotRoute,
    Text,
    Timeline,
)

router = APIRouter(prefix="/api", tags=["api"], route_class=SnapshotRoute)
Data = dict[str, Any]


def ok(**data: Any) -> Data:
    return {"ok": True} | data


def _found(value: Data | None, what: str, key: str) -> Data:
    if value is None:
        raise HTTPException(status_code=404, detail=f"no {what} with id {key!r}")
    return value


@router.get("/", summary="This index: every endpoint of the API with what it answers")
def index(request: Request) -> Data:
    # Read from the OpenAPI schema, so the index can never disagree with what the routes accept.
    schema = request.app.openapi()
    endpoints = [
        {
            "path": path,
            "summary": str(op.get("summary") or ""),
            "parameters": [str(p["name"]) for p in op.get("parameters", []) if p.get("in") == "query"],
        }
        for path, methods in schema.get("paths", {}).items()
        if (op := methods.get("get")) and path.startswith("/api/")
    ]
    return ok(name="storyline", version=__version__, openapi="/api/openapi.json", endpoints=endpoints)


@router.get("/names", summary="Completions for name filters: actors and places by any name variant")
def names(db: DB, q: Text = None, kind: NameKind = None, limit: Limit = 10) -> Data:
    return ok(**listings.names(db.get(), q or "", kind=kind, limit=limit))


@router.get("/articles", summary="Articles, filtered by language, publication dates, source and text")
def articles(db: DB, query: Articles, limit: Limit = 50, offset: Offset = 0) -> Data:
    return ok(**views.list_articles(db.get(), query, limit=limit, offset=offset))


@router.get(
    "/articles/{article_id:path}", summary="One article: text, mentions, events, claims, what was removed"
)
def article(db: DB, article_id: Id) -> Data:
    return ok(article=_found(views.article_detail(db.get(), article_id), "article", article_id))


@router.get("/actors", summary="Actors, with their name variants; q matches any variant in any language")
def actors(db: DB, q: Text = None, limit: Limit = 50) -> Data:
    return ok(**views.list_actors(db.get(), q=q, limit=limit))


@router.get(
    "/actors/{actor_id}", summary="An actor: names and languages, roles over time, events, interactions"
)
def actor(db: DB, actor_id: Id) -> Data:
    return ok(actor=_found(views.actor_page(db.get(), actor_id), "actor", actor_id))


@router.get(
    "/actors/{actor_id}/graph",
    summary="An actor's co-participants: actors in the same events or named in the same stories",
)
def actor_graph(db: DB, actor_id: Id) -> Data:
    return ok(**_found(views.actor_graph(db.get(), actor_id), "actor", actor_id))


@router.get(
    "/stories",
    summary="Stories across languages, filtered (language, dates, actor, place, event type, text), "
    "sorted (size, recent, languages) and paged; total is what the filters select",
)
def stories(db: DB, query: Lists, limit: Limit = 50, offset: Offset = 0) -> Data:
    return ok(**listings.stories(db.get(), query, limit=limit, offset=offset))


@router.get("/stories/{story_id}", summary="A story: articles, copies and translations, events, claims")
def story(db: DB, story_id: Id) -> Data:
    return ok(story=_found(views.story_page(db.get(), story_id), "story", story_id))


@router.get(
    "/events",
    summary="Events in the export schema (docs/export.md), filtered by language, dates, actor, place "
    "and event type, paged; total is what the filters select",
)
def events(db: DB, query: Lists, article: OptId = None, limit: Limit = 100, offset: Offset = 0) -> Data:
    database = db.get()
    filt = listings.event_filter(database, query, EventFilter(article=article))
    return ok(**listings.events(database, filt, limit=limit, offset=offset))


@router.get("/claims", summary="Attributed claims; speaker matches any id in the attribution chain")
def claims(
    db: DB, article: OptId = None, speaker: OptId = None, limit: Limit = 100, offset: Offset = 0
) -> Data:
    return ok(**views.list_claims(db.get(), article=article, speaker=speaker, limit=limit, offset=offset))


@router.get("/timeline", summary="Dated entries, as `storyline timeline`, with optional event filters")
def timeline(db: DB, filt: Timeline, limit: Limit = 100) -> Data:
    data = views.timeline(db.get(), filt, limit=limit)
    return ok(timeline=data["entries"], types=data["types"])


@router.get("/compare", summary="How likely two stored articles tell the same story, with the evidence")
def compare(db: DB, a: RequiredText, b: RequiredText) -> Data:
    return ok(**_found(views.compare(db.get(), a, b), "article pair", f"{a} {b}"))


@router.get("/map", summary="Event places as projected map markers")
def event_map(db: DB, type: EventType = None) -> Data:
    data = views.event_map(db.get(), type=type or None)
    return ok(markers=data["markers"], basis=data["basis"], types=data["types"])


@router.get("/sources", summary="Watched sources: last fetch, HTTP status, last error")
def sources(db: DB) -> Data:
    return ok(**views.watched_sources(db.get()))


@router.get("/search", summary="One query across all languages: articles, actors, stories")
def search(db: DB, q: RequiredText, language: Lang = None) -> Data:
    return ok(**views.search(db.get(), q, language=language))

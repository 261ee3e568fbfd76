"""The JSON API: ``GET /api/...``, every answer ``{"ok": true, ...}`` (errors: see :mod:`storyline.web.app`).

Parameters and the database connection come from :mod:`storyline.web.params`,
so that a bad parameter is a 422 in the one error shape before any query runs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, HTTPException

from storyline.web import views
from storyline.web.params import (
    DB,
    Articles,
    DatedEvents,
    EventType,
    Id,
    Lang,
    Limit,
    Offset,
    OptId,
    RequiredText,
    Text,
    Timeline,
)

router = APIRouter(prefix="/api", tags=["api"])
Data = dict[str, Any]


def ok(**data: Any) -> Data:
    return {"ok": True} | data


def _found(value: Data | None, what: str, key: str) -> Data:
    if value is None:
        raise HTTPException(status_code=404, detail=f"no {what} with id {key!r}")
    return value


@router.get("/articles", summary="Articles, filtered by language, publication dates, source and text")
def articles(db: DB, query: Articles, limit: Limit = 50, offset: Offset = 0) -> Data:
    return ok(**views.list_articles(db.get(), query, limit=limit, offset=offset))


@router.get("/articles/{article_id}", summary="One article: text, mentions, events, claims, what was removed")
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


@router.get("/stories", summary="Stories across languages")
def stories(db: DB, q: Text = None, limit: Limit = 50) -> Data:
    return ok(**views.list_stories(db.get(), q=q, limit=limit))


@router.get("/stories/{story_id}", summary="A story: articles, copies and translations, events, claims")
def story(db: DB, story_id: Id) -> Data:
    return ok(story=_found(views.story_page(db.get(), story_id), "story", story_id))


@router.get("/events", summary="Events in the export schema (docs/export.md)")
def events(db: DB, filt: DatedEvents, article: OptId = None, limit: Limit = 100, offset: Offset = 0) -> Data:
    filt = dataclasses.replace(filt, article=article)
    return ok(**views.list_events(db.get(), filt, limit=limit, offset=offset))


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
    data = views.event_map(db.get(), type=type)
    return ok(markers=data["markers"], basis=data["basis"], types=data["types"])


@router.get("/sources", summary="Watched sources: last fetch, HTTP status, last error")
def sources(db: DB) -> Data:
    return ok(**views.watched_sources(db.get()))


@router.get("/search", summary="One query across all languages: articles, actors, stories")
def search(db: DB, q: RequiredText, language: Lang = None) -> Data:
    return ok(**views.search(db.get(), q, language=language))

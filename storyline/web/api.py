"""The JSON API: ``GET /api/...``, every answer ``{"ok": true, ...}`` (errors: see :mod:`storyline.web.app`).

Parameters are validated here (types, lengths, patterns, ranges) so that a
bad one is a 422 in the one error shape before any query runs.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from storyline.export import EventFilter
from storyline.web import views
from storyline.web.app import database

router = APIRouter(prefix="/api", tags=["api"])
Data = dict[str, Any]

# Ids are opaque but printable: no control characters, bounded length.
ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Id = Annotated[str, Path(min_length=1, max_length=300, pattern=ID_PATTERN)]
OptId = Annotated[str | None, Query(min_length=1, max_length=300, pattern=ID_PATTERN)]
Text = Annotated[str | None, Query(max_length=300, pattern=ID_PATTERN, description="free text or a name")]
Lang = Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$", description="ISO 639-1 code")]
Date = Annotated[str | None, Query(pattern=DATE_PATTERN, description="ISO date, month or year")]
EventType = Annotated[str | None, Query(pattern=r"^[A-Z_]{2,40}$", description="PLOVER type")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


def ok(**data: Any) -> Data:
    return {"ok": True} | data


def _found(value: Data | None, what: str, key: str) -> Data:
    if value is None:
        raise HTTPException(status_code=404, detail=f"no {what} with id {key!r}")
    return value


@router.get("/articles", summary="Articles, filtered by language, publication dates, source and text")
def articles(
    request: Request,
    language: Lang = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)] = None,
    source: Text = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Data:
    query = views.ArticleQuery(language, date_from, date_to, source, q)
    return ok(**views.list_articles(database(request), query, limit=limit, offset=offset))


@router.get(
    "/articles/{article_id:path}", summary="One article: text, mentions, events, claims, what was removed"
)
def article(request: Request, article_id: Id) -> Data:
    return ok(article=_found(views.article_detail(database(request), article_id), "article", article_id))


@router.get("/actors", summary="Actors, with their name variants; q matches any variant in any language")
def actors(request: Request, q: Text = None, limit: Limit = 50) -> Data:
    return ok(**views.list_actors(database(request), q=q, limit=limit))


@router.get(
    "/actors/{actor_id}", summary="An actor: names and languages, roles over time, events, interactions"
)
def actor(request: Request, actor_id: Id) -> Data:
    return ok(actor=_found(views.actor_page(database(request), actor_id), "actor", actor_id))


@router.get("/stories", summary="Stories across languages")
def stories(request: Request, q: Text = None, limit: Limit = 50) -> Data:
    return ok(**views.list_stories(database(request), q=q, limit=limit))


@router.get("/stories/{story_id}", summary="A story: articles, copies and translations, events, claims")
def story(request: Request, story_id: Id) -> Data:
    return ok(story=_found(views.story_page(database(request), story_id), "story", story_id))


@router.get("/events", summary="Events in the export schema (docs/export.md)")
def events(
    request: Request,
    type: EventType = None,
    actor: OptId = None,
    place: OptId = None,
    article: OptId = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Data:
    filt = EventFilter(
        type=type, actor=actor, place=place, article=article, date_from=date_from, date_to=date_to
    )
    return ok(**views.list_events(database(request), filt, limit=limit, offset=offset))


@router.get("/claims", summary="Attributed claims; speaker matches any id in the attribution chain")
def claims(
    request: Request, article: OptId = None, speaker: OptId = None, limit: Limit = 100, offset: Offset = 0
) -> Data:
    return ok(
        **views.list_claims(database(request), article=article, speaker=speaker, limit=limit, offset=offset)
    )


@router.get("/timeline", summary="Dated entries, as `storyline timeline`, with optional event filters")
def timeline(
    request: Request,
    q: Text = None,
    type: EventType = None,
    actor: OptId = None,
    place: OptId = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)] = None,
    limit: Limit = 100,
) -> Data:
    filt = views.TimelineFilter(q, type, actor, place, date_from, date_to)
    data = views.timeline(database(request), filt, limit=limit)
    return ok(timeline=data["entries"], types=data["types"])


@router.get("/compare", summary="How likely two stored articles tell the same story, with the evidence")
def compare(
    request: Request,
    a: Annotated[str, Query(min_length=1, max_length=300, pattern=ID_PATTERN)],
    b: Annotated[str, Query(min_length=1, max_length=300, pattern=ID_PATTERN)],
) -> Data:
    return ok(**_found(views.compare(database(request), a, b), "article pair", f"{a} {b}"))


@router.get("/map", summary="Event places as projected map markers")
def event_map(request: Request, type: EventType = None) -> Data:
    data = views.event_map(database(request), type=type)
    return ok(markers=data["markers"], basis=data["basis"], types=data["types"])


@router.get("/search", summary="One query across all languages: articles, actors, stories")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=300, pattern=ID_PATTERN)],
    language: Lang = None,
) -> Data:
    return ok(**views.search(database(request), q, language=language))

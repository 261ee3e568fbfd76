"""Server-rendered HTML pages: the data of :mod:`storyline.web.views` through Jinja2 templates.

Autoescaping is on for every template, so article text and titles reach the
browser as text, never markup.  Links built from data go through
:func:`safe_url`, which lets only http(s) through: a ``javascript:`` URL in
an article record becomes inert text.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from storyline import __version__
from storyline.export import EventFilter
from storyline.web import views
from storyline.web.api import DATE_PATTERN, EventType, Id, Lang, OptId, Text
from storyline.web.app import database

router = APIRouter(include_in_schema=False)


def safe_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL, else None (no javascript:, data:, relative tricks)."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def query_string(base: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from the current filters with some changed (None drops a key)."""
    merged = {k: v for k, v in (base | changes).items() if v not in (None, "")}
    return ("?" + urlencode(merged)) if merged else ""


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals |= {"safe_url": safe_url, "query_string": query_string, "version": __version__}
    return env


def render(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context))


def render_error(status: int, message: str) -> str:
    """The HTML error page (also used by the app's error handlers)."""
    return (
        environment()
        .get_template("error.html")
        .render(status=status, message=message, title=f"Error {status}")
    )


def _found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return value


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render("home.html", title="storyline", data=views.overview(database(request)))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Text = None, language: Lang = None) -> HTMLResponse:
    data = views.search(database(request), q or "", language=language)
    return render("search.html", title=f"Search: {q}" if q else "Search", data=data, q=q or "")


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    q: Text = None,
    language: Lang = None,
    source: Text = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)] = None,
) -> HTMLResponse:
    query = views.ArticleQuery(language, date_from, date_to, source, q)
    data = views.list_articles(database(request), query, limit=200)
    return render("articles.html", title="Articles", data=data, query=query)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: Id) -> HTMLResponse:
    data = _found(views.article_detail(database(request), article_id), "article")
    return render("article.html", title=data.get("title") or data["id"], a=data)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: Id) -> HTMLResponse:
    data = _found(views.story_page(database(request), story_id), "story")
    return render("story.html", title=data.get("title") or story_id, s=data)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Text = None) -> HTMLResponse:
    data = views.list_actors(database(request), q=q, limit=200)
    return render("actors.html", title="Actors", data=data, q=q or "")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: Id) -> HTMLResponse:
    data = _found(views.actor_page(database(request), actor_id), "actor")
    return render("actor.html", title=data.get("name") or actor_id, p=data)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    q: Text = None,
    type: EventType = None,
    actor: OptId = None,
    place: OptId = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)] = None,
) -> HTMLResponse:
    filt = views.TimelineFilter(q, type, actor, place, date_from, date_to)
    data = views.timeline(database(request), filt, limit=300)
    params = {"q": q, "type": type, "actor": actor, "place": place, "from": date_from, "to": date_to}
    return render("timeline.html", title="Timeline", data=data, params=params)


@router.get("/map", response_class=HTMLResponse)
def event_map(request: Request, type: EventType = None) -> HTMLResponse:
    return render("map.html", title="Map", data=views.event_map(database(request), type=type), type=type)


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request, type: EventType = None, actor: OptId = None, place: OptId = None
) -> HTMLResponse:
    data = views.list_events(database(request), EventFilter(type=type, actor=actor, place=place), limit=500)
    return render("events.html", title="Events", data=data)

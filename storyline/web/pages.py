"""Server-rendered HTML pages: the data of :mod:`storyline.web.views` through Jinja2 templates.

Autoescaping is on for every template, so article text and titles reach the
browser as text, never markup.  Links built from data go through
:func:`safe_url`, which lets only http(s) through: a ``javascript:`` URL in
an article record becomes inert text.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.store.db import Database
from storyline.version import __version__
from storyline.web import listings, views
from storyline.web.listings import ListQuery
from storyline.web.params import (
    DB,
    AllDates,
    Articles,
    EventType,
    Id,
    Lang,
    Lists,
    Offset,
    SnapshotRoute,
    Text,
    Timeline,
)

router = APIRouter(include_in_schema=False, route_class=SnapshotRoute)
Data = dict[str, Any]


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
    env.globals |= {
        "safe_url": safe_url,
        "query_string": query_string,
        "version": __version__,
        "plural": plural,
    }
    return env


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles`` (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


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
def home(db: DB) -> HTMLResponse:
    return render("home.html", title="storyline", data=views.overview(db.get()))


@router.get("/search", response_class=HTMLResponse)
def search(db: DB, q: Text = None, language: Lang = None) -> HTMLResponse:
    data = views.search(db.get(), q or "", language=language)
    return render("search.html", title=f"Search: {q}" if q else "Search", data=data, q=q or "")


@router.get("/articles", response_class=HTMLResponse)
def articles(db: DB, query: Articles, offset: Offset = 0) -> HTMLResponse:
    database = db.get()
    data = views.list_articles(database, query, limit=listings.PAGE, offset=offset)
    params = {
        "q": query.q,
        "language": query.language,
        "source": query.source,
        "from": query.date_from,
        "to": query.date_to,
    }
    return render(
        "articles.html",
        title="Articles",
        data=data,
        query=query,
        params=params,
        pager=listings.pages(data["total"], offset, listings.PAGE),
        facets=listings.facets(database),
    )


def _list_page(name: str, database: Database, data: Data, query: ListQuery, offset: int) -> HTMLResponse:
    """A paged, filterable list page: its rows, the filters as typed, the pager and the choices."""
    return render(
        f"{name}.html",
        title=name.capitalize(),
        data=data,
        query=query,
        params=query.params(),
        pager=listings.pages(data["total"], offset, listings.PAGE),
        facets=listings.facets(database),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(db: DB, query: Lists, offset: Offset = 0) -> HTMLResponse:
    database = db.get()
    return _list_page("stories", database, listings.stories(database, query, offset=offset), query, offset)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(db: DB, article_id: Id) -> HTMLResponse:
    data = _found(views.article_detail(db.get(), article_id), "article")
    return render("article.html", title=data.get("title") or data["id"], a=data)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(db: DB, story_id: Id) -> HTMLResponse:
    data = _found(views.story_page(db.get(), story_id), "story")
    return render("story.html", title=data.get("title") or story_id, s=data)


@router.get("/actors", response_class=HTMLResponse)
def actors(db: DB, q: Text = None) -> HTMLResponse:
    data = views.list_actors(db.get(), q=q, limit=200)
    return render("actors.html", title="Actors", data=data, q=q or "")


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(db: DB, actor_id: Id) -> HTMLResponse:
    data = _found(views.actor_page(db.get(), actor_id), "actor")
    return render("actor.html", title=data.get("name") or actor_id, p=data)


# The whole collection's timeline opens on this many days (see views.opening_window).
OPENING_DAYS = 60


@router.get("/timeline", response_class=HTMLResponse)
def timeline(db: DB, filt: Timeline, request: Request, all_dates: AllDates = False) -> HTMLResponse:
    """The timeline; without a query or dates, the collection's last :data:`OPENING_DAYS` days.

    A submitted form (its date fields present, even empty) or ``?all=1`` asks for every date.
    """
    database = db.get()
    asked = all_dates or not {"from", "to"}.isdisjoint(request.query_params)
    opening = None if asked else views.opening_window(database, filt, OPENING_DAYS)
    filt = opening or filt
    data = views.timeline(database, filt, limit=300)
    params = {
        "q": filt.q,
        "type": filt.type,
        "actor": filt.actor,
        "place": filt.place,
        "from": filt.date_from,
        "to": filt.date_to,
    }
    opened = OPENING_DAYS if opening else None
    return render("timeline.html", title="Timeline", data=data, params=params, opening_days=opened)


@router.get("/map", response_class=HTMLResponse)
def event_map(db: DB, type: EventType = None) -> HTMLResponse:
    return render("map.html", title="Map", data=views.event_map(db.get(), type=type or None), type=type)


@router.get("/events", response_class=HTMLResponse)
def events(db: DB, query: Lists, offset: Offset = 0) -> HTMLResponse:
    database = db.get()
    data = listings.events(database, listings.event_filter(database, query), offset=offset)
    return _list_page("events", database, data, query, offset)


@router.get("/sources", response_class=HTMLResponse)
def sources(db: DB) -> HTMLResponse:
    data = views.watched_sources(db.get())
    return render("sources.html", title="Sources", sources=data["sources"])

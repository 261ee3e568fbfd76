"""What every route receives, declared once for the JSON API and the HTML pages.

The database comes through a FastAPI dependency on ``app.state`` (set by
:func:`storyline.web.app.create_app`), so routes never import the app.  Query
parameters are validated here (types, lengths, patterns, ranges): a bad one
is a 422 before any query runs.  Filters that several routes share are
dependencies that build the views' filter objects.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.routing import APIRoute

from storyline.export import EventFilter
from storyline.store.db import Database
from storyline.stories.date_window import BOUND
from storyline.web.listings import ListQuery
from storyline.web.views import ArticleQuery, TimelineFilter


class Connections:
    """One read-only connection per worker thread (sqlite3 connections must stay in their thread;
    PostgreSQL connections come from a pool, one per statement).

    Routes receive this object, not a connection: FastAPI may run a dependency
    and its route in different worker threads, so the route calls :meth:`get`
    in the thread that runs the queries.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = Database(self.path, readonly=True)
            self._local.db = db
        return db


class SnapshotRoute(APIRoute):
    """A route whose queries all read one state of the database.

    A page or answer is made of several queries (the stories of a page, then each
    story's articles); a monitor writing meanwhile may merge or remove a story between
    two of them.  The endpoint runs whole in one worker thread (routes are plain
    functions), inside a read snapshot of that thread's connection.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _in_snapshot(endpoint), **kwargs)


def _in_snapshot(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(endpoint)  # FastAPI reads the parameters of the endpoint through the wrapper
    def run(*args: Any, **kwargs: Any) -> Any:
        db = kwargs.get("db")
        if not isinstance(db, Connections):
            return endpoint(*args, **kwargs)
        with db.get().snapshot():
            return endpoint(*args, **kwargs)

    return run


def connections(request: Request) -> Connections:
    """The app's database connections, set on ``app.state`` by the app factory."""
    found: Connections = request.app.state.connections
    return found


DB = Annotated[Connections, Depends(connections)]

# Ids are opaque but printable: no control characters, bounded length.
ID_PATTERN = r"^[^\x00-\x1f\x7f]+$"
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"  # an empty search box sends q= : that is "no filter"
DATE_PATTERN = rf"^({BOUND})?$"  # empty: the form's field was left blank
Id = Annotated[str, Path(min_length=1, max_length=300, pattern=ID_PATTERN)]
OptId = Annotated[str | None, Query(min_length=1, max_length=300, pattern=ID_PATTERN)]
Text = Annotated[str | None, Query(max_length=300, pattern=TEXT_PATTERN, description="free text or a name")]
Name = Annotated[
    str | None,
    Query(max_length=300, pattern=TEXT_PATTERN, description="any name of an actor or place, or an id"),
]
RequiredText = Annotated[str, Query(min_length=1, max_length=300, pattern=ID_PATTERN)]
LangCode = Annotated[
    str | None,
    Query(
        alias="language",
        pattern=r"^([A-Za-z]{2,3})?$",
        description="ISO 639-1 code, any case; und: not identified",
    ),
]
Sort = Annotated[str, Query(pattern=r"^(size|recent|languages)$", description="size, recent or languages")]
NameKind = Annotated[str | None, Query(pattern=r"^(actor|place)$", description="actor or place")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)]
EventType = Annotated[str | None, Query(pattern=r"^([A-Z_]{2,40})?$", description="PLOVER type")]
Limit = Annotated[int, Query(ge=1, le=1000)]
AllDates = Annotated[
    bool, Query(alias="all", description="every date (the timeline page opens on the latest days)")
]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]


def language_code(language: LangCode = None) -> str | None:
    """A language filter in any case (``VI`` is ``vi``); empty means no filter."""
    return language.lower() if language else None


Lang = Annotated[str | None, Depends(language_code)]


@dataclass(frozen=True, slots=True)
class Window:
    """A date window: ``from`` and ``to``, each an ISO date, month or year."""

    date_from: str | None = None
    date_to: str | None = None


def date_window(date_from: DateFrom = None, date_to: DateTo = None) -> Window:
    return Window(date_from or None, date_to or None)


Dates = Annotated[Window, Depends(date_window)]


def article_query(dates: Dates, language: Lang = None, source: Text = None, q: Text = None) -> ArticleQuery:
    """The article list's filters: language, publication dates, source and text."""
    return ArticleQuery(language, dates.date_from, dates.date_to, source or None, q or None)


def list_query(
    dates: Dates,
    language: Lang = None,
    actor: Name = None,
    place: Name = None,
    type: EventType = None,
    q: Text = None,
    sort: Sort = "size",
) -> ListQuery:
    """The story and event lists' filters, as typed: names resolve to ids in the views."""
    return ListQuery(
        language, dates.date_from, dates.date_to, actor or None, place or None, type or None, q or None, sort
    )


Lists = Annotated[ListQuery, Depends(list_query)]


def event_filter(type: EventType = None, actor: OptId = None, place: OptId = None) -> EventFilter:
    """Event type, actor and place."""
    return EventFilter(type=type or None, actor=actor, place=place)


Events = Annotated[EventFilter, Depends(event_filter)]


def dated_event_filter(events: Events, dates: Dates) -> EventFilter:
    """Event type, actor, place and date window: the filters of the event list and the timeline."""
    return dataclasses.replace(events, date_from=dates.date_from, date_to=dates.date_to)


DatedEvents = Annotated[EventFilter, Depends(dated_event_filter)]


def timeline_filter(
    dates: Dates, type: EventType = None, actor: Name = None, place: Name = None, q: Text = None
) -> TimelineFilter:
    """The timeline's query, event filters (actor and place by any name) and date window."""
    names = (actor or None, place or None)
    return TimelineFilter(q or None, type or None, *names, dates.date_from, dates.date_to)


Articles = Annotated[ArticleQuery, Depends(article_query)]
Timeline = Annotated[TimelineFilter, Depends(timeline_filter)]

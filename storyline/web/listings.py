"""The paged, filterable lists of the web UI and the API: stories, events, and the names behind filters.

Filters arrive as names (what a person types or picks from the completions of
``/api/names``) and are resolved here to entity ids, every variant of a
canonical actor included (:func:`storyline.stories.names.entity_ids`).  Each
list returns ``total`` (what the filters select) with one page of rows, so the
pages can say "21–40 of 312" and link to the next page; the same figures are
what the API answers, so a browser test can check one against the other.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from storyline.export import EventFilter, event_count, event_rows
from storyline.store.db import Database
from storyline.stories.browse import SORTS, StoryFilter, find_stories
from storyline.stories.names import entity_ids, suggest
from storyline.web.briefs import mark_known
from storyline.web.views import event_types

Data = dict[str, Any]
PAGE = 20  # rows per HTML page


@dataclass(frozen=True, slots=True)
class ListQuery:
    """The filters the story and event lists share, as typed (names, not ids)."""

    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: str | None = None
    place: str | None = None
    type: str | None = None
    q: str | None = None
    sort: str = "size"

    def params(self) -> dict[str, str | None]:
        """The query string keys of these filters (what a shared URL keeps)."""
        return {
            "q": self.q,
            "language": self.language,
            "from": self.date_from,
            "to": self.date_to,
            "actor": self.actor,
            "place": self.place,
            "type": self.type,
            "sort": None if self.sort == "size" else self.sort,
        }


def _resolved(db: Database, query: ListQuery) -> dict[str, Any]:
    """The filters both lists share, names resolved to entity ids."""
    return {
        "language": query.language,
        "date_from": query.date_from,
        "date_to": query.date_to,
        "actors": entity_ids(db, query.actor, "actor"),
        "places": entity_ids(db, query.place, "place"),
        "type": query.type,
    }


def story_filter(db: Database, query: ListQuery) -> StoryFilter:
    return StoryFilter(**_resolved(db, query), q=query.q)


def event_filter(db: Database, query: ListQuery, base: EventFilter | None = None) -> EventFilter:
    return dataclasses.replace(base or EventFilter(), **_resolved(db, query))


def stories(db: Database, query: ListQuery, *, limit: int = PAGE, offset: int = 0) -> Data:
    """A page of stories with the total the filters select."""
    sort = query.sort if query.sort in SORTS else "size"
    found = find_stories(db, story_filter(db, query), sort=sort, limit=limit, offset=offset)
    return found | {"offset": offset, "limit": limit, "sorts": list(SORTS)}


def events(db: Database, filt: EventFilter, *, limit: int = PAGE, offset: int = 0) -> Data:
    """A page of events in the export schema, with the total the filters select."""
    rows = mark_known(db, event_rows(db, filt, limit=limit, offset=offset))
    return {"total": event_count(db, filt), "events": rows, "offset": offset, "limit": limit}


def facets(db: Database) -> Data:
    """What the filter forms offer: languages and event types present in the collection."""
    conn = db.conn
    return {
        "languages": [
            str(r[0])
            for r in conn.execute(
                "SELECT language FROM articles WHERE language IS NOT NULL GROUP BY language "
                "ORDER BY count(*) DESC, language"
            )
        ],
        "types": event_types(conn),
    }


def names(db: Database, prefix: str, *, kind: str | None = None, limit: int = 10) -> Data:
    """Completions for a name filter: actors and places whose name variants start like ``prefix``."""
    return {"names": suggest(db, prefix, kind=kind, limit=limit)}


def pages(total: int, offset: int, limit: int) -> Data:
    """Where a page sits in the list, for the pager: first/last shown, previous and next offsets."""
    last = min(total, offset + limit)
    return {
        "total": total,
        "first": offset + 1 if total else 0,
        "last": last,
        "previous": max(0, offset - limit) if offset > 0 else None,
        "next": offset + limit if offset + limit < total else None,
    }

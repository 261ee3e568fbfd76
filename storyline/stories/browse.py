"""Browsing stories: filters, sort orders and pages, counted and chosen in SQL.

A collection of thousands of stories is browsed a page at a time: the filters
and the sort run in one query over a per-story summary, and only the stories of
the requested page are loaded (:func:`storyline.stories.listing.story_summary`).
Actor and place filters take entity ids — :func:`storyline.stories.names.entity_ids`
turns any name variant into them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storyline.store.db import Database
from storyline.store.where import UNKNOWN_LANGUAGE, Where
from storyline.stories.listing import matching_articles, story_summary

JSON = dict[str, Any]
SORTS = ("size", "recent", "languages")

# One row per story: its size, languages and date span (publication, else anchor day).
_SUMMARY = (
    "SELECT sa.story_id AS id, count(*) AS size, count(DISTINCT a.language) AS langs, "
    "min(coalesce(a.published, f.day)) AS first, max(coalesce(a.published, f.day)) AS last "
    "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
    "LEFT JOIN fingerprints f ON f.article_id = a.id GROUP BY sa.story_id"
)
_ORDER = {
    "size": "s.size DESC, s.last IS NULL, s.last DESC, s.id",
    "recent": "s.last IS NULL, s.last DESC, s.size DESC, s.id",
    "languages": "s.langs DESC, s.size DESC, s.last IS NULL, s.last DESC, s.id",
}
_IN_STORY = "s.id IN (SELECT x.story_id FROM story_articles x JOIN {table} ON {join} WHERE {cond})"


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories to list; unset fields leave the list free, set ones combine with AND.

    ``actors`` and ``places`` are entity ids (an empty tuple matches nothing: a
    name that resolved to no one); ``q`` is a name or words, as for ``list_stories``.
    """

    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actors: tuple[str, ...] | None = None
    places: tuple[str, ...] | None = None
    type: str | None = None
    q: str | None = None


def _mentioning(kind: str, ids: tuple[str, ...] | None, where: Where) -> Where:
    if ids is None:
        return where
    if not ids:
        return where.add("1 = 0")
    marks = ",".join("?" * len(ids))
    cond = f"m.kind = '{kind}' AND m.entity_id IN ({marks})"
    clause = _IN_STORY.format(table="mentions m", join="m.article_id = x.article_id", cond=cond)
    return where.add(clause, *ids)


def story_where(db: Database, filt: StoryFilter) -> Where:
    """The filter as a clause over the summary ``s`` (see :data:`_SUMMARY`)."""
    where = (
        Where()
        .add(
            _IN_STORY.format(table="articles y", join="y.id = x.article_id", cond="y.language IS NULL"),
            when=filt.language == UNKNOWN_LANGUAGE,
        )
        .add(
            _IN_STORY.format(table="articles y", join="y.id = x.article_id", cond="y.language = ?"),
            filt.language,
            when=filt.language and filt.language != UNKNOWN_LANGUAGE,
        )
        .at_least("s.last", filt.date_from)
        # "to 2024-10" keeps stories starting any day of October: compare the prefix.
        .add("substr(s.first, 1, length(?)) <= ?", filt.date_to, filt.date_to, when=filt.date_to)
        .add(
            _IN_STORY.format(table="events e", join="e.article_id = x.article_id", cond="e.type = ?"),
            filt.type,
            when=filt.type,
        )
    )
    where = _mentioning("actor", filt.actors, where)
    where = _mentioning("place", filt.places, where)
    if filt.q:
        found = sorted(matching_articles(db, filt.q))
        where = where.add(
            "s.id IN (SELECT story_id FROM story_articles WHERE article_id IN "
            "(SELECT value FROM json_each(?)))",
            json.dumps(found),
        )
    return where


def find_stories(
    db: Database, filt: StoryFilter, *, sort: str = "size", limit: int = 50, offset: int = 0
) -> JSON:
    """``{"total": N, "stories": [...]}``: the page of matching stories, in the ``stories`` shape."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
    where = story_where(db, filt)
    conn = db.conn
    total = conn.execute(f"WITH s AS ({_SUMMARY}) SELECT count(*) FROM s{where.sql}", where.params).fetchone()
    rows = conn.execute(
        f"WITH s AS ({_SUMMARY}) SELECT s.id FROM s{where.sql} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",
        (*where.params, limit, offset),
    ).fetchall()
    return {"total": int(total[0]), "stories": [story_summary(conn, str(r[0])) for r in rows]}

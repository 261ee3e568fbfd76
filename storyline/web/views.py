"""What every page and API endpoint shows, as plain data (no HTML, no HTTP).

Each function takes an open :class:`~storyline.store.db.Database` and
validated arguments and returns a dict; :mod:`storyline.web.api` sends it as
JSON and :mod:`storyline.web.pages` renders it with a template (the datasette
pattern: one data dict, two renderings).  ``None`` means "no such thing" and
becomes a 404.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from storyline import stories
from storyline.contract import article_dict
from storyline.export import EventFilter, event_rows
from storyline.store.db import Database, fts_query
from storyline.store.where import Where
from storyline.stories import date_window
from storyline.stories.names import entity_ids
from storyline.watch import source_status
from storyline.web import briefs, worldmap

Data = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Filters of the article list; they combine with AND."""

    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    q: str | None = None


def list_articles(db: Database, query: ArticleQuery, *, limit: int = 50, offset: int = 0) -> Data:
    """Stored articles matching ``query`` (newest first), with the total count."""
    source = (query.source or "").lower()
    match = fts_query(query.q) if query.q else ""
    where = (
        Where()
        .language("language", query.language)
        .at_least("published", query.date_from)
        .at_most("published", query.date_to)
        .add(
            "(instr(lower(coalesce(url, '')), ?) > 0 OR instr(lower(source_path), ?) > 0)",
            source,
            source,
            when=source,
        )
        .add("rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", match, when=match)
    )
    total = db.conn.execute(f"SELECT count(*) FROM articles{where.sql}", where.params).fetchone()[0]
    sql = (
        "SELECT id, language, published, title, url, source_path, copy_of, length(text) AS chars "
        f"FROM articles{where.sql} ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?"
    )
    rows = [dict(r) for r in db.conn.execute(sql, [*where.params, limit, offset])]
    return {"total": int(total), "articles": rows}


def article_detail(db: Database, article_id: str) -> Data | None:
    """One article: cleaned text with its mentions as marked segments, events, claims and removals."""
    full = db.resolve_id(article_id) if db.get(article_id) is None else article_id
    article = db.get(full) if full else None
    if article is None:
        return None
    results = db.results(article.id)
    out = article_dict(article, with_raw=True) | results
    out["warnings"] = db.warnings(article.id)
    out["segments"] = marked_segments(article.text, results)
    out["events"] = briefs.mark_known(db, event_rows(db, EventFilter(article=article.id)))
    known = briefs.known_actors(db, [sp.get("id") for c in out["claims"] for sp in c.get("speakers", [])])
    out["claims"] = [
        claim
        | {
            "statement_text": _span_text(article.text, claim["statement"]),
            "speakers": [sp | {"known": sp.get("id") in known} for sp in claim.get("speakers", [])],
        }
        for claim in out["claims"]
    ]
    out["story_id"] = _story_of(db, article.id)
    return out


def _span_text(text: str, span: dict[str, int]) -> str:
    return text[span.get("start", 0) : span.get("end", 0)]


def _story_of(db: Database, article_id: str) -> str | None:
    row = db.conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(row[0]) if row else None


def marked_segments(text: str, results: dict[str, list[Data]]) -> list[Data]:
    """The text cut into plain and marked pieces; overlapping mentions keep the first, longest one."""
    spans = sorted(
        (
            (m["start"], -m["end"], kind, m)
            for kind, key in (("actor", "actors"), ("place", "places"), ("time", "times"))
            for m in results.get(key, [])
        ),
        key=lambda s: (s[0], s[1]),
    )
    out: list[Data] = []
    pos = 0
    for start, neg_end, kind, m in spans:
        if start < pos:
            continue
        if start > pos:
            out.append({"text": text[pos:start], "kind": None})
        out.append({"text": text[start:-neg_end], "kind": kind, "label": _label(kind, m), "id": m.get("id")})
        pos = -neg_end
    if pos < len(text):
        out.append({"text": text[pos:], "kind": None})
    return out


def _label(kind: str, m: Data) -> str:
    if kind == "time":
        return f"{m.get('value')} ({m.get('granularity')})"
    return " · ".join(str(x) for x in (m.get("name"), m.get("kind"), m.get("role"), m.get("country")) if x)


# --- stories -------------------------------------------------------------------


def story_page(db: Database, story_id: str) -> Data | None:
    """A story as a brief (see :mod:`storyline.web.briefs`)."""
    return briefs.story_page(db, story_id)


# --- actors --------------------------------------------------------------------


def list_actors(db: Database, *, q: str | None = None, limit: int | None = 50) -> Data:
    return {"actors": stories.list_actors(db, query=q or None, limit=limit)}


def actor_page(db: Database, actor_id: str, *, timeline_limit: int = 50) -> Data | None:
    """An actor's profile, their own timeline and the geometry of their interaction graph."""
    profile = stories.actor_profile(db, actor_id)
    if profile is None:
        return None
    entries = stories.timeline(db, profile.get("id") or actor_id, limit=timeline_limit)
    known = briefs.known_actors(db, [i.get("actor_id") for i in profile.get("interactions", [])])
    for i in profile.get("interactions", []):
        i["known"] = i.get("actor_id") in known
    return profile | {"timeline": entries, "graph": interaction_graph(profile)}


def actor_graph(db: Database, actor_id: str) -> Data | None:
    """The actor's co-participant graph (nodes and weighted edges), for the page's graph view."""
    profile = stories.actor_profile(db, actor_id)
    if profile is None:
        return None
    graph = stories.co_participants(db.conn, str(profile["id"]))
    known = briefs.known_actors(db, [n["id"] for n in graph["nodes"]])
    for node in graph["nodes"]:
        node["url"] = f"/actors/{quote(node['id'], safe='')}" if node["id"] in known else None
    return {"id": profile["id"], "name": profile["name"]} | graph


def interaction_graph(profile: Data, *, size: float = 520.0) -> Data:
    """Nodes on a circle around the actor, one edge per partner and event type (for an SVG)."""
    import math

    partners: dict[str, Data] = {}
    for i in profile.get("interactions", []):
        p = partners.setdefault(
            i["actor_id"], {"id": i["actor_id"], "name": i.get("name"), "types": Counter()}
        )
        p["types"][i.get("type") or "?"] += int(i.get("count") or 1)
    centre = size / 2
    radius = size / 2 - 70
    nodes, edges = [], []
    types = sorted({t for p in partners.values() for t in p["types"]})
    for k, p in enumerate(sorted(partners.values(), key=lambda p: -sum(p["types"].values()))[:24]):
        angle = 2 * math.pi * k / max(1, min(24, len(partners))) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        nodes.append({"id": p["id"], "name": p["name"], "x": round(x, 1), "y": round(y, 1)})
        for t, n in sorted(p["types"].items()):
            # Parallel edges for several event types bend apart so that each stays visible.
            bend = (types.index(t) - (len(types) - 1) / 2) * 18
            mx, my = (centre + x) / 2 + bend * math.sin(angle), (centre + y) / 2 - bend * math.cos(angle)
            edges.append(
                {
                    "to": p["id"],
                    "type": t,
                    "count": n,
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "mx": round(mx, 1),
                    "my": round(my, 1),
                    "width": min(8, 1 + n),
                    "colour": types.index(t) % 8,
                }
            )
    return {"size": size, "centre": centre, "nodes": nodes, "edges": edges, "types": types}


# --- timeline, events, claims, compare --------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """The timeline view's query, filters and zoom (a date window)."""

    q: str | None = None
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def timeline(db: Database, filt: TimelineFilter, *, limit: int | None = 200) -> Data:
    """``storyline timeline`` entries (same semantics) in the date window (the best ``limit``
    of its days, narrowed in SQL), then narrowed by event filters."""
    entries = stories.timeline(
        db, filt.q or None, limit=limit, date_from=filt.date_from, date_to=filt.date_to
    )
    if filt.type or filt.actor or filt.place:
        wanted = _matching_events(db, filt, [e for x in entries for e in x.get("event_ids", [])])
        entries = [x for x in entries if wanted.intersection(x.get("event_ids", []))]
    return {"entries": entries, "types": event_types(db.conn), "axis": timeline_axis(entries, filt)}


def opening_window(db: Database, filt: TimelineFilter, days: int) -> TimelineFilter | None:
    """The whole collection's timeline opens on its last ``days`` days with entries (ranking
    every day of a large collection takes seconds): ``filt`` with that window, or None
    when a query or a date is given (or nothing is dated)."""
    if filt.q or filt.date_from or filt.date_to:
        return None
    latest = date_window.latest_days(db, days)
    return replace(filt, date_from=latest.date_from, date_to=latest.date_to) if latest else None


# The event types in use, one index probe each (events_type_date): a DISTINCT scanned the
# whole index, 1M entries at 1M events, on every timeline request.  SQL:1999, so portable.
_EVENT_TYPES = (
    "WITH RECURSIVE t(type) AS (SELECT min(type) FROM events "
    "UNION ALL SELECT (SELECT min(type) FROM events WHERE type > t.type) FROM t WHERE t.type IS NOT NULL) "
    "SELECT type FROM t WHERE type IS NOT NULL"
)


def event_types(conn: Any) -> list[str]:
    """The distinct event types stored, sorted."""
    return [str(r[0]) for r in conn.execute(_EVENT_TYPES)]


def _matching_events(db: Database, filt: TimelineFilter, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    actors, places = entity_ids(db, filt.actor, "actor"), entity_ids(db, filt.place, "place")
    rows = event_rows(db, EventFilter(type=filt.type, actors=actors, places=places, ids=tuple(set(ids))))
    return {r["event_id"] for r in rows}


def timeline_axis(entries: list[Data], filt: TimelineFilter, *, width: float = 900.0) -> Data:
    """Positions of dated entries on a horizontal axis, and the zoom windows around it."""
    import datetime as dt

    days = sorted(d for x in entries if (d := _day(x.get("date"))))
    lo = _day(filt.date_from) or (days[0] if days else None)
    hi = _day(filt.date_to) or (days[-1] if days else None)
    if lo is None or hi is None:
        return {"width": width, "points": [], "ticks": [], "zoom_in": None, "zoom_out": None}
    span = max(1, (hi - lo).days)
    points = [
        {"x": round(20 + (width - 40) * (d - lo).days / span, 1), "date": d.isoformat(), "n": i}
        for i, x in enumerate(entries)
        if (d := _day(x.get("date"))) and lo <= d <= hi
    ]
    visible = [d for d in days if lo <= d <= hi]
    # Zoom around where the entries are (their median), not the middle of the
    # range: one old date (1945) would otherwise zoom into an empty window.
    mid = visible[len(visible) // 2] if visible else lo + (hi - lo) / 2
    quarter, double = dt.timedelta(days=max(1, span // 4)), dt.timedelta(days=span)
    # Zooming out stops a year beyond the entries (and inside the calendar): repeated clicks
    # converge on one window instead of walking off to year 1 or 9999.
    floor = _shift(days[0] if days else lo, -366)
    ceiling = _shift(days[-1] if days else hi, 366)
    ticks = [
        {"x": round(20 + (width - 40) * k / 4, 1), "label": (lo + (hi - lo) * k / 4).isoformat()}
        for k in range(5)
    ]
    return {
        "width": width,
        "points": points,
        "ticks": ticks,
        "zoom_in": {
            "from": _shift(mid, -quarter.days).isoformat(),
            "to": _shift(mid, quarter.days).isoformat(),
        },
        "zoom_out": {
            "from": max(floor, _shift(mid, -double.days)).isoformat(),
            "to": min(ceiling, _shift(mid, double.days)).isoformat(),
        },
    }


def _shift(day: Any, days: int) -> Any:
    """``day`` moved by ``days``, kept inside the calendar's range."""
    import datetime as dt

    ordinal = min(max(day.toordinal() + days, dt.date.min.toordinal()), dt.date.max.toordinal())
    return dt.date.fromordinal(ordinal)


def _day(value: str | None) -> Any:
    import datetime as dt

    if not value or value.startswith("--"):
        return None
    padded = (value + "-01-01")[:10] if len(value) in (4, 7) else value[:10]
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        return None


def list_claims(
    db: Database, *, article: str | None = None, speaker: str | None = None, limit: int = 100, offset: int = 0
) -> Data:
    """Attributed claims with their statement text; ``speaker`` matches any id in the chain."""
    sql = (
        "SELECT c.article_id, c.seq, c.data, substr(a.text, c.span_start + 1, c.span_end - c.span_start) "
        "FROM claims c JOIN articles a ON a.id = c.article_id"
    )
    where = (
        Where()
        .equal("c.article_id", article)
        .add(
            "EXISTS (SELECT 1 FROM json_each(c.data, '$.speakers') s WHERE s.value ->> 'id' = ?)",
            speaker,
            when=speaker,
        )
    )
    sql += where.sql + " ORDER BY c.article_id, c.seq LIMIT ? OFFSET ?"
    rows = db.conn.execute(sql, [*where.params, limit, offset]).fetchall()
    return {
        "claims": [
            json.loads(data) | {"article_id": aid, "seq": seq, "statement_text": text}
            for aid, seq, data, text in rows
        ]
    }


def compare(db: Database, a: str, b: str) -> Data | None:
    """``storyline compare`` for two stored articles (ids or unique prefixes)."""
    ids = [x if db.get(x) else db.resolve_id(x) for x in (a, b)]
    if not all(ids):
        return None
    return {"a": ids[0], "b": ids[1]} | stories.compare(db, str(ids[0]), str(ids[1]))


# --- map and search ------------------------------------------------------------------


def event_map(db: Database, *, type: str | None = None) -> Data:
    """Markers at event places (or, with no placed events, at mentioned places) on projected countries."""
    markers = _event_markers(db, type)
    basis = "events"
    if not markers and not type:
        markers, basis = _mention_markers(db), "mentions"
    hot = {m["country"] for m in markers if m.get("country")}
    shapes = [
        {"iso2": c.iso2, "name": c.name, "path": c.path, "hot": c.iso2 in hot} for c in worldmap.countries()
    ]
    return {
        "width": worldmap.WIDTH,
        "height": round(worldmap.HEIGHT, 1),
        "countries": shapes,
        "markers": markers,
        "basis": basis,
        "types": event_types(db.conn),
    }


def _marker(place_id: str, name: str, country: str | None, lat: Any, lon: Any, count: int) -> Data | None:
    if lat is not None and lon is not None:
        x, y = worldmap.project(float(lat), float(lon))
    elif country and (centre := worldmap.country_centre(country)):
        x, y = centre
    else:
        return None
    r = round(min(18.0, 4 + 2.5 * count**0.5), 1)
    return {"id": place_id, "name": name, "country": country, "x": x, "y": y, "count": count, "r": r}


def _event_markers(db: Database, type: str | None) -> list[Data]:
    sql = "SELECT place, count(*) FROM events WHERE place IS NOT NULL" + (" AND type = ?" if type else "")
    counts = dict(db.conn.execute(sql + " GROUP BY place", [type] if type else []).fetchall())
    return _markers(db, counts)


def _mention_markers(db: Database) -> list[Data]:
    sql = "SELECT entity_id, count(DISTINCT article_id) FROM mentions WHERE kind = 'place' GROUP BY entity_id"
    return _markers(db, dict(db.conn.execute(sql).fetchall()))


def _markers(db: Database, counts: dict[str, int]) -> list[Data]:
    from storyline.export import _entities

    entities = _entities(db, set(counts))
    out = []
    for pid, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        e = entities.get(pid)
        m = _marker(pid, e.name if e else pid, e.country if e else None, e and e.lat, e and e.lon, n)
        if m:
            out.append(m)
    return out


def search(db: Database, q: str, *, language: str | None = None, limit: int = 30) -> Data:
    """One query across all languages: matching articles, actors (any name variant) and stories."""
    hits = db.search(q, language=language, limit=limit) if q.strip() else []
    return {
        "q": q,
        "articles": [
            {
                "id": h.id,
                "language": h.language,
                "published": h.published,
                "title": h.title,
                "snippet": h.snippet,
            }
            for h in hits
        ],
        "actors": stories.list_actors(db, query=q, limit=20) if q.strip() else [],
        "stories": stories.list_stories(db, query=q, limit=20) if q.strip() else [],
    }


def watched_sources(db: Database) -> Data:
    """The sources of ``storyline watch``: last fetch, HTTP status, last round and last error."""
    return {"sources": source_status(db)}


def _largest_stories(db: Database, limit: int = 10) -> Data:
    found = stories.find_stories(db, stories.StoryFilter(), sort="size", limit=limit)
    return {"stories": found["stories"], "story_count": found["total"]}


def overview(db: Database) -> Data:
    """The home page: collection size, languages, stories and the busiest actors."""
    return {
        "articles": db.count(),
        "languages": [{"language": lang, "count": n} for lang, n in db.language_counts()],
        "events": int(db.conn.execute("SELECT count(*) FROM events").fetchone()[0]),
        "claims": int(db.conn.execute("SELECT count(*) FROM claims").fetchone()[0]),
        **_largest_stories(db),
        "actors": stories.list_actors(db, limit=20),
    }

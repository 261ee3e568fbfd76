"""A story page that reads like a brief: who, where, when, what happened by day, who said what.

:func:`story_page` takes the read side's story (events and claims already one
per independent source group, copies folded under their original) and arranges
it for reading: a header with the dates, languages, independent sources, main
actors and places; events grouped by day and type with their source sentences;
claims grouped by speaker with how many independent sources repeat them; the
articles with their copies and translations; and a mini timeline of the story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from storyline import stories
from storyline.export import EventFilter, event_rows
from storyline.store.db import Database

Data = dict[str, Any]


def story_page(db: Database, story_id: str) -> Data | None:
    """A story arranged as a brief (the read side's fields kept, the brief's added)."""
    detail = stories.story_detail(db, story_id)
    if detail is None:
        return None
    ids = list(detail.get("articles", []))
    texts = _texts(db, ids)
    rows = {r["event_id"]: r for r in mark_known(db, event_rows(db, EventFilter(articles=tuple(ids))))}
    speaker_ids = [sp.get("id") for c in detail.get("claims", []) for sp in c.get("speakers", [])]
    mentioned = db.conn.execute(
        f"SELECT DISTINCT entity_id FROM mentions WHERE article_id IN ({','.join('?' * len(ids))})", ids
    )
    known = known_actors(db, [*speaker_ids, *(str(r[0]) for r in mentioned)])
    events = []
    for e in detail.get("events", []):
        row = dict(rows.get(e["id"]) or {})
        row["sources"] = e.get("sources", 1)
        row["copies"] = e.get("copies", [])
        text = texts.get(row.get("article_id", ""), "")
        row["context"] = highlighted(text, row.get("sentence_start") or 0, row.get("sentence_end") or 0)
        events.append(row)
    claims = []
    for c in detail.get("claims", []):
        st = c.get("statement", {})
        context = highlighted(texts.get(c.get("article_id", ""), ""), st.get("start", 0), st.get("end", 0))
        speakers = [sp | {"known": sp.get("id") in known} for sp in c.get("speakers", [])]
        claims.append(c | {"context": context, "speakers": speakers})
    return detail | {
        "actors": main_entities(db, ids, "actor", known),
        "places": main_entities(db, ids, "place", known),
        "groups": source_groups(detail.get("article_details", [])),
        "event_rows": events,
        "event_days": _by_day_and_type(events),
        "claim_rows": claims,
        "claim_speakers": _by_speaker(claims),
        "mini_timeline": mini_timeline(db, ids),
    }


def known_actors(db: Database, ids: Iterable[str | None] | None = None) -> set[str]:
    """Those of ``ids`` (default: all) an actor page exists for; a link to another id would be a 404."""
    if ids is None:
        return {str(x) for r in db.conn.execute("SELECT entity_id, actor_id FROM entities") for x in r}
    wanted = sorted({i for i in ids if i})
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        # An entity id, or a canonical actor id (which may be no entity's own id: a curated name).
        sql = f"SELECT entity_id FROM entities WHERE entity_id IN ({marks}) UNION "
        sql += f"SELECT actor_id FROM entities WHERE actor_id IN ({marks})"
        found |= {str(r[0]) for r in db.conn.execute(sql, [*chunk, *chunk])}
    return found


def mark_known(db: Database, rows: list[Data]) -> list[Data]:
    """Event rows with ``source_known``/``target_known``: whether their actors have a page."""
    known = known_actors(db, [x for r in rows for x in (r.get("source_actor_id"), r.get("target_actor_id"))])
    for r in rows:
        r["source_known"] = r.get("source_actor_id") in known
        r["target_known"] = r.get("target_actor_id") in known
    return rows


def main_entities(db: Database, ids: list[str], kind: str, known: set[str], limit: int = 12) -> list[Data]:
    """The actors (or places) most of the story's articles mention (people before countries)."""
    if not ids:
        return []
    sql = (
        "SELECT entity_id, json_extract(data, '$.name') AS name, json_extract(data, '$.kind') AS kind, "
        "count(DISTINCT article_id) AS n FROM mentions "
        f"WHERE kind = ? AND article_id IN ({','.join('?' * len(ids))}) AND entity_id IS NOT NULL "
        "GROUP BY entity_id ORDER BY kind = 'country', n DESC, count(*) DESC, entity_id LIMIT ?"
    )
    rows = [dict(r) for r in db.conn.execute(sql, [kind, *ids, limit])]
    return [r | {"known": r["entity_id"] in known} for r in rows]


def _by_day_and_type(events: list[Data]) -> list[Data]:
    """``[{date, types: [{type, events}]}]``: undated events last, best-supported types first."""
    days: dict[str, dict[str, list[Data]]] = defaultdict(lambda: defaultdict(list))
    for e in events:
        days[e.get("date") or ""][e.get("type") or "?"].append(e)
    out = []
    for date in sorted(days, key=lambda d: (d == "", d)):
        types: list[Data] = [
            {"type": t, "events": sorted(es, key=_support, reverse=True), "sources": max(map(_support, es))}
            for t, es in days[date].items()
        ]
        types.sort(key=lambda t: (-t["sources"], t["type"]))
        out.append({"date": date or None, "types": types, "count": sum(len(t["events"]) for t in types)})
    return out


def _support(item: Data) -> int:
    return int(item.get("sources") or 1)


def _by_speaker(claims: list[Data]) -> list[Data]:
    """``[{speaker, claims, sources}]``: the last speaker of each chain, most corroborated first."""
    groups: dict[str, Data] = {}
    for c in claims:
        speaker = (c.get("speakers") or [{}])[-1]
        key = str(speaker.get("id") or speaker.get("name") or "?")
        g = groups.setdefault(key, {"speaker": speaker, "claims": [], "sources": 0})
        g["claims"].append(c)
        g["sources"] = max(g["sources"], int(c.get("sources") or 1))
    return sorted(
        groups.values(), key=lambda g: (-g["sources"], -len(g["claims"]), str(g["speaker"].get("name")))
    )


def mini_timeline(db: Database, ids: list[str]) -> list[Data]:
    """The story's days: how many independent sources date something to each (counting votes only)."""
    if not ids:
        return []
    groups = stories.source_groups(db.conn, ids)
    marks = ",".join("?" * len(ids))
    support: dict[str, set[str]] = defaultdict(set)
    for day, article_id in db.conn.execute(
        f"SELECT day, article_id FROM timeline_sentences WHERE article_id IN ({marks}) "
        "AND (counts = 1 OR day = published) AND day NOT LIKE '--%'",
        ids,
    ):
        support[str(day)].add(groups.get(str(article_id), str(article_id)))
    most = max((len(v) for v in support.values()), default=1)
    return [
        {"date": d, "sources": len(v), "height": round(100 * len(v) / most)}
        for d, v in sorted(support.items())
    ]


def source_groups(articles: list[Data]) -> list[Data]:
    """Articles grouped under their original: copies and translations follow the article they copy."""
    by_id = {a["id"]: a for a in articles if a.get("id")}

    def origin(a: Data) -> str:
        seen: set[str] = set()
        while True:
            parent = a.get("copy_of") or a.get("translation_of")
            if not parent or parent not in by_id or parent in seen:
                return str(a["id"])
            seen.add(parent)
            a = by_id[parent]

    groups: dict[str, Data] = {}
    for a in articles:
        if a.get("id"):
            groups.setdefault(origin(a), {"original": by_id[origin(a)], "copies": []})
    for a in articles:
        root = origin(a) if a.get("id") else None
        if root and root != a["id"]:
            relation = "translation" if a.get("translation_of") else "copy"
            groups[root]["copies"].append(a | {"relation": relation})
    return list(groups.values())


def highlighted(text: str, start: int, end: int) -> Data:
    """The paragraph around ``text[start:end]``, split so a template can highlight the sentence."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return {"before": text[left:start], "hit": text[start:end], "after": text[end:right]}


def _texts(db: Database, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r[0]: r[1] for r in db.conn.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", ids)}

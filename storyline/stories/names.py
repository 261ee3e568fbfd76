"""Names for filters: any name variant of an actor or place to its ids, and completions as one types.

Filters in the web UI and the API take names, not ids: ``Белоусов``,
``Belousov`` and ``person:andreibelusov`` all select the same actor.  Matching
is :func:`storyline.resolve.match` (folded keys, surnames, curated aliases);
completion looks up folded-key prefixes in ``entity_names`` (an index range).
"""

from __future__ import annotations

from typing import Any

from storyline import resolve
from storyline.extract.names import name_key
from storyline.store.db import Database

JSON = dict[str, Any]
KINDS = ("actor", "place")


def entity_ids(db: Database, name: str | None, kind: str) -> tuple[str, ...] | None:
    """Every entity id of the actors (or places) named ``name``; None when no name is given.

    An empty tuple means the name matched nothing of that kind, which a filter
    must treat as "no result", never as "no filter".
    """
    if not name or not name.strip():
        return None
    conn = db.conn
    found = resolve.members(conn, sorted(resolve.match(conn, name.strip())))
    if not found:
        return ()
    marks = ",".join("?" * len(found))
    rows = conn.execute(
        f"SELECT DISTINCT entity_id FROM mentions WHERE kind = ? AND entity_id IN ({marks})",
        ["place" if kind == "place" else "actor", *sorted(found)],
    ).fetchall()
    return tuple(sorted(str(r[0]) for r in rows))


def suggest(db: Database, prefix: str, *, kind: str | None = None, limit: int = 10) -> list[JSON]:
    """Actors and places with a name variant starting like ``prefix`` (folded), most seen first.

    Each suggestion: ``id`` (canonical), ``name`` (canonical), ``kind``
    (``actor`` or ``place``), ``matched`` (the variant that matched) and ``articles``.
    """
    key = name_key(prefix)
    if not key:
        return []
    rows = db.conn.execute(
        "SELECT e.actor_id, n.name, e.kind, sum(n.articles) AS seen FROM entity_names n "
        "JOIN entities e ON e.entity_id = n.entity_id WHERE n.key >= ? AND n.key < ? "
        "GROUP BY e.actor_id, n.name ORDER BY seen DESC, length(n.name), n.name LIMIT 2000",
        (key, key + "\U0010ffff"),
    ).fetchall()
    names = _canonical_names(db, {str(r[0]) for r in rows})
    out: dict[str, JSON] = {}
    for actor_id, variant, entity_kind, seen in rows:
        group = "place" if entity_kind == "place" else "actor"
        if kind and group != kind:
            continue
        hit = out.setdefault(
            str(actor_id),
            {"id": str(actor_id), "name": names.get(str(actor_id), variant), "kind": group, "articles": 0},
        )
        hit.setdefault("matched", str(variant))
        hit["articles"] += int(seen)
    ranked = sorted(out.values(), key=lambda h: (-h["articles"], h["name"]))
    return ranked[:limit]


def _canonical_names(db: Database, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = db.conn.execute(
        f"SELECT entity_id, name FROM entities WHERE entity_id IN ({marks})", sorted(ids)
    ).fetchall()
    return {str(r[0]): str(r[1]) for r in rows}

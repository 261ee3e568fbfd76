"""Actors: canonical actors with their name variants, and one actor's profile."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from storyline import resolve
from storyline.extract.names import name_key
from storyline.store.db import Database

JSON = dict[str, Any]


def list_actors(db: Database, *, query: str | None = None, limit: int | None = None) -> list[JSON]:
    """Canonical actors (places excluded), most articles first: id, name, kind, country, articles, names."""
    conn = db.conn
    wanted = resolve.match(conn, query) if query else None
    rows = conn.execute(
        "SELECT e.actor_id, e.entity_id, e.name, e.kind, e.country, sum(n.articles) AS seen "
        "FROM entities e JOIN entity_names n ON n.entity_id = e.entity_id WHERE e.kind != 'place' "
        "GROUP BY e.entity_id"
    ).fetchall()
    actors: dict[str, JSON] = {}
    for actor_id, entity_id, name, kind, country, seen in rows:
        if wanted is not None and actor_id not in wanted:
            continue
        a = actors.setdefault(
            actor_id,
            {"id": actor_id, "name": name, "kind": kind, "country": country, "articles": 0, "names": 0},
        )
        if entity_id == actor_id or (a["name"] == name and " " in name):
            a["name"] = name
        a["country"] = a["country"] or country
        a["articles"] += int(seen)
        a["names"] += 1
    out = sorted(actors.values(), key=lambda a: (-a["articles"], a["id"]))
    return out[:limit] if limit else out


def actor_profile(db: Database, query: str) -> JSON | None:
    """One actor: names with languages, roles over time, why entities were merged, events, interactions."""
    conn = db.conn
    found = sorted(resolve.match(conn, query))
    # A canonical id that is no entity's own id (a curated name: person:xiinping) is one too.
    sql = "SELECT DISTINCT actor_id FROM entities WHERE actor_id = ?"
    found += [str(r[0]) for r in conn.execute(sql, (query,))]
    if not found:
        return None
    ranked = list_actors(db)
    order = {a["id"]: i for i, a in enumerate(ranked)}
    actor_id = min(found, key=lambda i: order.get(i, len(order)))
    entity_ids = sorted(resolve.members(conn, [actor_id]))
    marks = ",".join("?" * len(entity_ids))
    head = next((a for a in ranked if a["id"] == actor_id), None)
    listed = next((v for v in resolve.curated().values() if v[0] == actor_id), None)
    names = _names(conn, entity_ids, marks)
    name = (listed[1] if listed else None) or base_form(head["name"] if head else actor_id, names)
    return {
        "id": actor_id,
        "name": name,
        "kind": head["kind"] if head else "person",
        "country": (head["country"] if head else None) or (listed[2] if listed else None),
        "names": names,
        "roles": _roles(conn, entity_ids, marks),
        "merged_because": _merge_evidence(conn, actor_id, entity_ids, marks),
        "events": _actor_events(conn, entity_ids, marks),
        "interactions": _interactions(conn, actor_id, entity_ids, marks),
    }


def base_form(name: str, names: list[JSON]) -> str:
    """``name``, or a variant that is its uninflected form: each token a shorter prefix of ``name``'s.

    Inflected languages add endings to names (Russian ``Уоррена Баффета`` is the
    genitive of ``Уоррен Баффет``); when the collection also has the bare form,
    that is the name to show.  Without morphology this only ever shortens
    endings, so it cannot turn one person's name into another's.
    """
    tokens = name.split()
    best = name
    for variant in (str(n["name"]) for n in names):
        parts = variant.split()
        if (
            len(parts) == len(tokens)
            and len(variant) < len(best)
            and all(t.startswith(p) and len(t) - len(p) <= 3 for p, t in zip(parts, tokens, strict=True))
        ):
            best = variant
    return best


def _merge_evidence(conn: sqlite3.Connection, actor_id: str, entity_ids: list[str], marks: str) -> list[JSON]:
    """Why each entity and each name variant belongs to this actor, in words."""
    out = [
        {"entity_id": str(r[0]), "name": str(r[1]), "reason": str(r[2])}
        for r in conn.execute(
            f"SELECT entity_id, name, reason FROM entities WHERE entity_id IN ({marks})", entity_ids
        )
        if str(r[0]) != actor_id or str(r[2]) != "own name key"
    ]
    # Variants of one entity were folded together at extraction: say how.
    row = conn.execute("SELECT name, last_key FROM entities WHERE entity_id = ?", (actor_id,)).fetchone()
    if row is None:
        return out
    own_key, surname = name_key(str(row[0])), str(row[1])
    for variant, languages in conn.execute(
        "SELECT name, group_concat(DISTINCT language) FROM entity_names WHERE entity_id = ? "
        "GROUP BY name ORDER BY name",
        (actor_id,),
    ):
        key = name_key(str(variant))
        if str(variant) == str(row[0]) or any(m["name"] == variant for m in out):
            continue
        where = f"articles in {languages}"
        if key == own_key:
            reason = f"same name key '{key}' once accents, spelling and transliteration are folded"
        elif key == surname:
            reason = f"surname of {row[0]}, resolved within {where} that name them in full"
        elif key in {name_key(t) for t in str(row[0]).split()}:
            reason = f"part of the full name {row[0]}, resolved within {where} that name them in full"
        else:
            reason = f"named so in {where}, resolved within the article to {row[0]}"
        out.append({"entity_id": actor_id, "name": str(variant), "reason": reason})
    return out


def _names(conn: sqlite3.Connection, entity_ids: list[str], marks: str) -> list[JSON]:
    names: dict[str, JSON] = {}
    rows = conn.execute(
        f"SELECT name, language, articles FROM entity_names WHERE entity_id IN ({marks})", entity_ids
    )
    for name, language, articles in rows:
        n = names.setdefault(str(name), {"name": str(name), "languages": [], "articles": 0})
        if language not in n["languages"]:
            n["languages"].append(str(language))
        n["articles"] += int(articles)
    return sorted(names.values(), key=lambda n: (-n["articles"], n["name"]))


def _roles(conn: sqlite3.Connection, entity_ids: list[str], marks: str) -> list[JSON]:
    rows = conn.execute(
        "SELECT role, nullif(country, '') AS country, min(first), max(last), sum(articles) "
        f"FROM entity_roles "
        f"WHERE entity_id IN ({marks}) GROUP BY role, country ORDER BY min(first) IS NULL, min(first)",
        entity_ids,
    )
    return [{"role": r[0], "country": r[1], "first": r[2], "last": r[3], "articles": int(r[4])} for r in rows]


def _actor_events(conn: sqlite3.Connection, entity_ids: list[str], marks: str) -> list[JSON]:
    rows = conn.execute(
        f"SELECT id, article_id, data FROM events WHERE source IN ({marks}) OR target IN ({marks}) "
        "ORDER BY date, id LIMIT 200",
        [*entity_ids, *entity_ids],
    )
    return [{"id": r[0], "article_id": r[1]} | json.loads(r[2]) for r in rows]


def _interactions(conn: sqlite3.Connection, actor_id: str, entity_ids: list[str], marks: str) -> list[JSON]:
    """Other actors in events with this one (by event type), else named in the same sentences."""
    mapping = resolve.actor_map(conn)
    counts: Counter[tuple[str, str]] = Counter()
    for source, target, kind in conn.execute(
        f"SELECT source, target, type FROM events WHERE source IN ({marks}) OR target IN ({marks})",
        [*entity_ids, *entity_ids],
    ):
        other = target if source in entity_ids else source
        if other:
            counts[(mapping.get(other, other), str(kind))] += 1
    for (entities,) in conn.execute("SELECT entities FROM dated_sentences"):
        ids = {mapping.get(e, e) for e in json.loads(entities)}
        if actor_id in ids:
            for other in ids - {actor_id}:
                if not other.startswith(("city:", "region:")):
                    counts[(other, "co-mentioned")] += 1
    names = {str(r[0]): str(r[1]) for r in conn.execute("SELECT entity_id, name FROM entities")}
    return [
        {"actor_id": other, "name": names.get(other, other), "type": kind, "count": n}
        for (other, kind), n in counts.most_common(25)
    ]

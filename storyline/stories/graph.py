"""An actor's co-participant graph: who acts with them, and who is named in the same stories.

Two kinds of ties, both counted on canonical actors (every name variant as one):

* **event** — the other actor is the source or target of an event this actor is
  in (weight: events; the event types are kept);
* **story** — the other actor is named in a story that names this actor
  (weight: shared stories).  Stories, not sentences: an analyst asks "who else
  is in the stories about X", and one story is one unit however many articles
  repeat it.

Ties among the partners themselves (shared stories) are added so the picture
is a network, not a star; only the strongest partners are kept so that a busy
actor's graph stays readable.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from storyline import resolve

JSON = dict[str, Any]
MAX_NODES = 60
MAX_EDGES = 240


def co_participants(conn: sqlite3.Connection, actor_id: str, *, max_nodes: int = MAX_NODES) -> JSON:
    """``{"nodes": [...], "edges": [...]}`` around ``actor_id`` (a canonical id)."""
    mapping = resolve.actor_map(conn)
    members = sorted(resolve.members(conn, [actor_id]))
    events = _event_ties(conn, members, mapping, actor_id)
    stories = _story_sets(conn, members, mapping)
    shared = Counter(other for people in stories.values() for other in people if other != actor_id)
    weight = Counter({k: 3 * n for k, (n, _) in events.items()}) + shared
    partners = [a for a, _ in weight.most_common(max_nodes - 1)]
    names = _names(conn, [actor_id, *partners])
    nodes = [{"id": actor_id, "name": names.get(actor_id, actor_id), "weight": 0, "self": True}]
    nodes += [{"id": p, "name": names.get(p, p), "weight": weight[p], "self": False} for p in partners]
    edges = []
    for p in partners:
        n, types = events.get(p, (0, Counter()))
        tie = {"source": actor_id, "target": p}
        if n:
            edges.append(tie | {"kind": "event", "weight": n, "types": sorted(types)})
        if shared[p]:
            edges.append(tie | {"kind": "story", "weight": shared[p], "types": []})
    edges += _partner_ties(stories, set(partners), MAX_EDGES - len(edges))
    return {"nodes": nodes, "edges": edges}


def _event_ties(
    conn: sqlite3.Connection, members: list[str], mapping: dict[str, str], actor_id: str
) -> dict[str, tuple[int, Counter[str]]]:
    marks = ",".join("?" * len(members))
    out: dict[str, tuple[int, Counter[str]]] = {}
    for source, target, kind in conn.execute(
        f"SELECT source, target, type FROM events WHERE source IN ({marks}) OR target IN ({marks})",
        [*members, *members],
    ):
        other = target if source in members else source
        other = mapping.get(other, other) if other else None
        if not other or other == actor_id:
            continue
        n, types = out.get(other, (0, Counter()))
        types[str(kind)] += 1
        out[other] = (n + 1, types)
    return out


def _story_sets(conn: sqlite3.Connection, members: list[str], mapping: dict[str, str]) -> dict[str, set[str]]:
    """``{story id: canonical actors named in it}`` for the stories that name the actor."""
    marks = ",".join("?" * len(members))
    rows = conn.execute(
        "SELECT s.story_id, m.entity_id FROM story_articles s JOIN mentions m ON m.article_id = s.article_id "
        "WHERE m.kind = 'actor' AND s.story_id IN (SELECT x.story_id FROM story_articles x "
        "JOIN mentions y ON y.article_id = x.article_id "
        f"WHERE y.kind = 'actor' AND y.entity_id IN ({marks}))",
        members,
    )
    out: dict[str, set[str]] = defaultdict(set)
    for story_id, entity_id in rows:
        if entity_id:
            out[str(story_id)].add(mapping.get(str(entity_id), str(entity_id)))
    return out


def _partner_ties(stories: dict[str, set[str]], partners: set[str], budget: int) -> list[JSON]:
    """Shared stories between two partners, strongest first, within ``budget`` edges."""
    pairs: Counter[tuple[str, str]] = Counter()
    for people in stories.values():
        for a, b in combinations(sorted(people & partners), 2):
            pairs[(a, b)] += 1
    return [
        {"source": a, "target": b, "kind": "story", "weight": n, "types": []}
        for (a, b), n in pairs.most_common(max(0, budget))
    ]


def _names(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT entity_id, name FROM entities WHERE entity_id IN ({marks})", ids)
    return {str(r[0]): str(r[1]) for r in rows}

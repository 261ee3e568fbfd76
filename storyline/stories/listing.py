"""Stories: the article groups clustering made, with their events and claims and how many
independent sources support each (copies and translations count once).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from storyline import resolve
from storyline.store.db import Database

JSON = dict[str, Any]


def list_stories(db: Database, *, limit: int | None = None, query: str | None = None) -> list[JSON]:
    """Stories, largest and latest first, in the ``stories`` shape of docs/contract.md."""
    conn = db.conn
    members: dict[str, list[str]] = defaultdict(list)
    for story_id, article_id in conn.execute(
        "SELECT story_id, article_id FROM story_articles ORDER BY article_id"
    ):
        members[str(story_id)].append(str(article_id))
    if query:
        wanted = _articles_matching(db, query)
        members = {s: ids for s, ids in members.items() if wanted & set(ids)}
    stories = [_story(conn, story_id, ids) for story_id, ids in members.items()]
    stories.sort(key=lambda s: (-len(s["articles"]), s["last"] is None, _neg(s["last"]), s["id"]))
    return stories[:limit] if limit else stories


def _neg(day: str | None) -> str:
    # Sort key for "latest first" on ISO strings without parsing them.
    return "".join(chr(0x10FFFF - ord(c)) for c in day) if day else ""


def _story(conn: sqlite3.Connection, story_id: str, ids: list[str]) -> JSON:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT a.id, a.language, a.title, a.published, f.day, substr(a.text, 1, 200) AS head "
        f"FROM articles a LEFT JOIN fingerprints f ON f.article_id = a.id WHERE a.id IN ({marks}) "
        "ORDER BY coalesce(a.published, f.day) IS NULL, coalesce(a.published, f.day), a.id",
        ids,
    ).fetchall()
    days = sorted(d for d in (r["published"] or r["day"] for r in rows) if d)
    titled = next((r for r in rows if r["title"]), None)
    title = titled["title"] if titled else (rows[0]["head"].strip().splitlines() or [""])[0][:120]
    events = [
        str(r[0])
        for r in conn.execute(f"SELECT id FROM events WHERE article_id IN ({marks}) ORDER BY id", ids)
    ]
    return {
        "id": story_id,
        "title": title,
        "articles": [str(r["id"]) for r in rows],
        "languages": sorted({str(r["language"]) for r in rows if r["language"]}),
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
        "event_ids": events,
    }


def _articles_matching(db: Database, query: str) -> set[str]:
    """Articles that mention an actor or place named ``query`` (any variant), else full-text hits."""
    conn = db.conn
    entity_ids = resolve.members(conn, sorted(resolve.match(conn, query)))
    found: set[str] = set()
    for entity_id in entity_ids:
        found |= {
            str(r[0])
            for r in conn.execute("SELECT article_id FROM mentions WHERE entity_id = ?", (entity_id,))
        }
    if not found:
        found = {h.id for h in db.search(query, limit=1000)}
    return found


def source_groups(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """``{article id: group id}``: copies and translations fall in their original's group."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    marks = ",".join("?" * len(ids))
    pairs = conn.execute(
        f"SELECT article_id, other_id FROM article_links WHERE kind IN ('copy', 'translation') "
        f"AND article_id IN ({marks}) AND other_id IN ({marks})",
        [*ids, *ids],
    ).fetchall()
    pairs += conn.execute(
        f"SELECT id, copy_of FROM articles WHERE id IN ({marks}) AND copy_of IS NOT NULL", ids
    ).fetchall()
    for a, b in pairs:
        if a in parent and b in parent:
            parent[find(str(a))] = find(str(b))
    return {i: find(i) for i in ids}


def story_detail(db: Database, story_id: str) -> JSON | None:
    """One story with its articles, links, events and claims, each with its independent-source count."""
    conn = db.conn
    ids = [
        str(r[0])
        for r in conn.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,))
    ]
    if not ids:
        return None
    out = _story(conn, story_id, ids)
    groups = source_groups(conn, ids)
    out["independent_sources"] = len(set(groups.values()))
    out["article_details"] = [_article_detail(conn, a) for a in out["articles"]]
    out["events"] = _story_events(conn, ids, groups)
    out["claims"] = _story_claims(conn, ids, groups)
    return out


def _article_detail(conn: sqlite3.Connection, article_id: str) -> JSON:
    row = conn.execute(
        "SELECT id, language, title, url, published, copy_of FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    links = conn.execute(
        "SELECT other_id, kind, score FROM article_links WHERE article_id = ? AND kind != 'story'",
        (article_id,),
    ).fetchall()
    copy_of = row["copy_of"] or next((str(o) for o, k, _ in links if k == "copy"), None)
    translation_of = next((str(o) for o, k, _ in links if k == "translation"), None)
    return dict(row) | {"copy_of": copy_of, "translation_of": translation_of}


def _story_events(conn: sqlite3.Connection, ids: Sequence[str], groups: dict[str, str]) -> list[JSON]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, article_id, data FROM events WHERE article_id IN ({marks}) ORDER BY id", ids
    ).fetchall()
    mapping = resolve.actor_map(conn)
    support: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    events = []
    for event_id, article_id, data in rows:
        e = json.loads(data)
        key = (
            e.get("type"),
            mapping.get(e.get("source") or "", e.get("source")),
            mapping.get(e.get("target") or "", e.get("target")),
            e.get("date"),
        )
        support[key].add(groups[article_id])
        events.append((key, {"id": event_id, "article_id": article_id} | e))
    return [e | {"sources": len(support[key])} for key, e in events]


def _story_claims(conn: sqlite3.Connection, ids: Sequence[str], groups: dict[str, str]) -> list[JSON]:
    """Claims with sources: a figure (or one speaker's dated statement) repeated by independent articles."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT c.article_id, c.seq, c.data, substr(a.text, c.span_start + 1, c.span_end - c.span_start) "
        f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.article_id IN ({marks}) "
        "ORDER BY c.article_id, c.seq",
        ids,
    ).fetchall()
    mapping = resolve.actor_map(conn)
    support: dict[str, set[str]] = defaultdict(set)
    claims = []
    for article_id, seq, data, statement in rows:
        c = json.loads(data)
        keys = _claim_keys(c, mapping)
        for key in keys:
            support[key].add(groups[article_id])
        c["statement"]["text"] = statement
        claims.append((keys, {"article_id": article_id, "seq": seq} | c))
    return [c | {"sources": max([len(support[k]) for k in keys] or [1])} for keys, c in claims]


def _claim_keys(claim: JSON, mapping: dict[str, str]) -> list[str]:
    keys = [f"n:{float(n['value']):g}" for n in claim.get("numbers", []) if float(n["value"]) >= 10]
    speakers = claim.get("speakers") or []
    if speakers and claim.get("date"):
        last = str(speakers[-1].get("id") or "")
        keys.append(f"s:{mapping.get(last, last)}@{claim['date']}")
    return keys

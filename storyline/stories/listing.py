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
from storyline.stories.folding import fold, group_originals, relation_of
from storyline.stories.sources import source_groups

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
        wanted = matching_articles(db, query)
        members = {s: ids for s, ids in members.items() if wanted & set(ids)}
    stories = [_story(conn, story_id, ids) for story_id, ids in members.items()]
    stories.sort(key=lambda s: (-len(s["articles"]), s["last"] is None, _neg(s["last"]), s["id"]))
    return stories[:limit] if limit else stories


def story_summary(conn: sqlite3.Connection, story_id: str) -> JSON:
    """One story in the ``stories`` shape, with its count of independent sources."""
    ids = [
        str(r[0])
        for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,)
        )
    ]
    out = _story(conn, story_id, ids)
    out["independent_sources"] = len(set(source_groups(conn, ids).values()))
    return out


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


def matching_articles(db: Database, query: str) -> set[str]:
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
    details = [_article_detail(conn, a) for a in out["articles"]]
    out["article_details"] = details
    originals = group_originals(details, groups)
    relations = {a["id"]: relation_of(a) for a in details}
    mapping = resolve.actor_map(conn)
    # Copies and translations fold under their original's item (one item per source group).
    out["events"] = fold(
        _story_events(conn, ids, groups, mapping), groups, originals, relations, lambda e: {e["key"]}
    )
    out["claims"] = fold(
        _story_claims(conn, ids, groups, mapping), groups, originals, relations, lambda c: set(c["keys"])
    )
    for item in (*out["events"], *out["claims"]):
        item.pop("key", None)
        item.pop("keys", None)
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


def _story_events(
    conn: sqlite3.Connection, ids: Sequence[str], groups: dict[str, str], mapping: dict[str, str]
) -> list[JSON]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, article_id, data FROM events WHERE article_id IN ({marks}) ORDER BY id", ids
    ).fetchall()
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
    return [e | {"sources": len(support[key]), "key": key} for key, e in events]


def _story_claims(
    conn: sqlite3.Connection, ids: Sequence[str], groups: dict[str, str], mapping: dict[str, str]
) -> list[JSON]:
    """Claims with sources: a figure (or one speaker's dated statement) repeated by independent articles."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT c.article_id, c.seq, c.data, substr(a.text, c.span_start + 1, c.span_end - c.span_start) "
        f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.article_id IN ({marks}) "
        "ORDER BY c.article_id, c.seq",
        ids,
    ).fetchall()
    support: dict[str, set[str]] = defaultdict(set)
    claims = []
    for article_id, seq, data, statement in rows:
        c = json.loads(data)
        keys = _claim_keys(c, mapping)
        for key in keys:
            support[key].add(groups[article_id])
        c["statement"]["text"] = statement
        claims.append((keys, {"article_id": article_id, "seq": seq} | c))
    return [
        c | {"sources": max([len(support[k]) for k in keys] or [1]), "keys": [*keys, _text_key(c, mapping)]}
        for keys, c in claims
    ]


def _text_key(claim: JSON, mapping: dict[str, str]) -> str:
    """The speaker and the statement's words: an exact copy's claim has the same."""
    speakers = claim.get("speakers") or [{}]
    last = str(speakers[-1].get("id") or "")
    words = " ".join(str(claim["statement"].get("text") or "").lower().split())
    return f"t:{mapping.get(last, last)}:{words}"


def _claim_keys(claim: JSON, mapping: dict[str, str]) -> list[str]:
    keys = [f"n:{float(n['value']):g}" for n in claim.get("numbers", []) if float(n["value"]) >= 10]
    speakers = claim.get("speakers") or []
    if speakers and claim.get("date"):
        last = str(speakers[-1].get("id") or "")
        keys.append(f"s:{mapping.get(last, last)}@{claim['date']}")
    return keys

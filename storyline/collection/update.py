"""``update_collection``: stored articles join the collection (identities, fingerprint, story, timeline).

It is incremental: it processes only articles that have no fingerprint yet
(or the ids given), one transaction per batch of articles, so ``storyline
ingest`` keeps stories, identities and timelines current, and an article
whose update was interrupted is simply processed by the next one.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from storyline import resolve
from storyline.cluster.clusterer import Clusterer
from storyline.cluster.scoring import Similarity
from storyline.collection.dated import store_dated_sentences
from storyline.collection.fingerprints import article_fingerprint, load_article
from storyline.store.db import Database

JSON = dict[str, Any]
# Articles clustered per transaction: one commit per article cost more than the
# clustering itself, and a page changed many times in a batch is written once (issue 5
# bench: at 30,000 articles, 1,000 per batch took a quarter less time than 200).  An
# interrupted batch rolls back whole; its articles have no fingerprint yet, so the next
# update processes them again.
UPDATE_BATCH = 1000


def update_collection(db: Database, article_ids: Sequence[str] | None = None) -> dict[str, int]:
    """Resolve identities, fingerprint and cluster the given articles (None: all not yet processed).

    Returns counts: ``articles`` processed, ``links`` found, of which
    ``copies`` and ``translations``, and the number of ``stories`` after the update.
    """
    conn = db.conn
    ids = list(article_ids) if article_ids is not None else _unprocessed(conn)
    counts = Counter[str]()
    mapping = resolve.actor_map(conn)
    clusterer = Clusterer(conn, mapping)
    for start in range(0, len(ids), UPDATE_BATCH):
        with db.atomic():
            for article_id in ids[start : start + UPDATE_BATCH]:
                _count(counts, _process(db, article_id, mapping, clusterer))
            clusterer.flush()
    counts["stories"] = int(conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0])
    return {k: counts[k] for k in ("articles", "links", "copies", "translations", "stories")}


def _count(counts: Counter[str], matches: list[tuple[str, Similarity]] | None) -> None:
    if matches is None:
        return
    counts["articles"] += 1
    counts["links"] += len(matches)
    counts["copies"] += sum(1 for _, s in matches if s.kind == "copy")
    counts["translations"] += sum(1 for _, s in matches if s.kind == "translation")


def _unprocessed(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM fingerprints) "
        "ORDER BY published IS NULL, published, rowid"
    )
    return [str(r[0]) for r in rows]


def _process(
    db: Database, article_id: str, mapping: dict[str, str], clusterer: Clusterer
) -> list[tuple[str, Similarity]] | None:
    """Resolve, fingerprint and cluster one article (None when it is gone or was done already)."""
    conn = db.conn
    if conn.execute("SELECT 1 FROM fingerprints WHERE article_id = ?", (article_id,)).fetchone():
        return None
    article = load_article(conn, article_id)
    if article is None:
        return None
    results = db.results(article_id)
    language = str(article["language"] or "und")
    fp = article_fingerprint(article, results)
    resolve.register(conn, _sightings(results), language=language, day=fp.day)
    _refresh_mapping(conn, mapping, fp.entities)
    matches = clusterer.add(fp)
    store_dated_sentences(conn, article, results)
    return matches


def _sightings(results: dict[str, list[JSON]]) -> list[resolve.Sighting]:
    out = [
        resolve.Sighting(
            str(m["id"]), str(m["kind"]), str(m["name"]), str(m["text"]), m.get("role"), m.get("country")
        )
        for m in results.get("actors", [])
        if m.get("id")
    ]
    out += [
        resolve.Sighting(str(p["id"]), "place", str(p["name"]), str(p["text"]), None, p.get("country"))
        for p in results.get("places", [])
        if p.get("id")
    ]
    return out


def _refresh_mapping(conn: sqlite3.Connection, mapping: dict[str, str], entities: Iterable[str]) -> None:
    """Bring the in-memory canonical map up to date for the groups these entities belong to."""
    ids = list(entities)
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT entity_id, actor_id FROM entities WHERE actor_id IN "
        f"(SELECT actor_id FROM entities WHERE entity_id IN ({marks}))",
        ids,
    )
    for entity_id, actor_id in rows:
        if entity_id != actor_id:
            mapping[str(entity_id)] = str(actor_id)
        else:
            mapping.pop(str(entity_id), None)

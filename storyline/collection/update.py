"""``update_collection``: stored articles join the collection (identities, fingerprint, story, timeline).

It is incremental: it processes only articles that have no fingerprint yet
(or the ids given), one transaction per batch of articles, so ``storyline
ingest`` keeps stories, identities and timelines current, and an article
whose update was interrupted is simply processed by the next one.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from storyline import resolve
from storyline.cluster.clusterer import Clusterer, clustering_cache
from storyline.cluster.scoring import WINDOW_DAYS, Similarity
from storyline.cluster.vectors import VectorIndex
from storyline.collection.dated import store_dated_sentences
from storyline.collection.fingerprints import article_fingerprint, load_article
from storyline.collection.provenance import settle_copy, settle_links
from storyline.collection.terms import refresh_terms
from storyline.collection.vectors import ensure_vectors, usable
from storyline.embed import Embedder, vector_key
from storyline.store.db import Database
from storyline.store.dialect import Connection
from storyline.story_model import StoryModel

log = logging.getLogger(__name__)

JSON = dict[str, Any]
# Articles clustered per transaction: one commit per article cost more than the
# clustering itself, and a page changed many times in a batch is written once (issue 5
# bench: at 30,000 articles, 1,000 per batch took a quarter less time than 200).  An
# interrupted batch rolls back whole; its articles have no fingerprint yet, so the next
# update processes them again.
UPDATE_BATCH = 1000


def update_collection(
    db: Database,
    article_ids: Sequence[str] | None = None,
    *,
    embedder: Embedder | None = None,
    model: StoryModel | None = None,
) -> dict[str, int]:
    """Embed, resolve identities, fingerprint and cluster the given articles (None: all not yet processed).

    ``embedder`` (None: keys alone) makes the articles' vectors first, once per
    article; ``model`` replaces the packaged same-story model (evaluation
    fits one per fold).  Warnings (backend missing, another model's vectors)
    go to the ``storyline.collection`` logger, one line each.  Returns counts:
    ``articles`` processed, ``embedded``, ``links`` found, of which ``copies``
    and ``translations``, and the number of ``stories`` after the update.

    Updates are serialised across processes (on PostgreSQL by an advisory lock): two
    ingests into one database never cluster the same article twice or against a stale
    map of identities.
    """
    with db.dialect.exclusive(db.conn, "collection"):
        return _update(db, article_ids, embedder, model)


def _update(
    db: Database, article_ids: Sequence[str] | None, embedder: Embedder | None, model: StoryModel | None
) -> dict[str, int]:
    conn = db.conn
    with db.atomic():  # terms of rules since changed would be counted beside the new ones
        if refreshed := refresh_terms(conn):
            log.info("%d stored fingerprint(s) given the current term rules of their language", refreshed)
    ids = list(article_ids) if article_ids is not None else _unprocessed(conn)
    counts = Counter[str]()
    embedder, why = usable(conn, embedder)
    if why:
        log.warning(why)
    if embedder is not None and ids:
        report = ensure_vectors(conn, ids, embedder)
        counts["embedded"] = report.embedded
        for warning in report.warnings:
            log.warning(warning)
        if report.unavailable:
            embedder = None
    index = VectorIndex(conn, vector_key(embedder), window_days=WINDOW_DAYS) if embedder else None
    mapping = resolve.actor_map(conn)
    clusterer = Clusterer(conn, mapping, vectors=index, model=model)
    with clustering_cache(conn):
        for batch in _announced(ids, index):
            with db.atomic():
                for article_id in batch:
                    _count(counts, _process(db, article_id, mapping, clusterer))
                clusterer.revisit()
                clusterer.flush()
    counts["stories"] = int(conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0])
    return {k: counts[k] for k in ("articles", "embedded", "links", "copies", "translations", "stories")}


def _announced(ids: list[str], index: VectorIndex | None) -> Iterator[list[str]]:
    """``ids`` in batches of :data:`UPDATE_BATCH`, each announced to the vector index (whose
    searches then share one product per window day) before its articles are clustered."""
    for start in range(0, len(ids), UPDATE_BATCH):
        batch = ids[start : start + UPDATE_BATCH]
        if index:
            index.expect(batch)
        yield batch


def _count(counts: Counter[str], matches: list[tuple[str, Similarity]] | None) -> None:
    if matches is None:
        return
    counts["articles"] += 1
    counts["links"] += len(matches)
    counts["copies"] += sum(1 for _, s in matches if s.kind == "copy")
    counts["translations"] += sum(1 for _, s in matches if s.kind == "translation")


def _unprocessed(conn: Connection, *, every: bool = False) -> list[str]:
    """Articles without a fingerprint (``every``: all articles), in publication order."""
    where = "" if every else "WHERE id NOT IN (SELECT article_id FROM fingerprints) "
    rows = conn.execute(f"SELECT id FROM articles {where}ORDER BY published IS NULL, published, rowid")
    return [str(r[0]) for r in rows]


def rebuild_stories(
    db: Database, *, embedder: Embedder | None = None, model: StoryModel | None = None
) -> dict[str, int]:
    """Cluster every stored article again from scratch, e.g. after ``storyline reembed``.

    Identities and dated sentences stay (they do not depend on clustering).
    The new clustering is one transaction: interrupted, the old stories stay.
    """
    with db.dialect.exclusive(db.conn, "collection"):
        return _rebuild(db, embedder, model)


def _rebuild(db: Database, embedder: Embedder | None, model: StoryModel | None) -> dict[str, int]:
    conn = db.conn
    embedder, why = usable(conn, embedder)
    if why:
        log.warning(why)
    ids = _unprocessed(conn, every=True)
    counts = Counter[str]()
    index = VectorIndex(conn, vector_key(embedder), window_days=WINDOW_DAYS) if embedder else None
    with clustering_cache(conn), db.atomic():
        for table in _STORY_TABLES:
            conn.execute(f"DELETE FROM {table}")
        refresh_terms(conn)  # no fingerprint left: records the rules the new ones are made with
        mapping = resolve.actor_map(conn)
        clusterer = Clusterer(conn, mapping, vectors=index, model=model)
        for batch in _announced(ids, index):
            for article_id in batch:
                _count(counts, _process(db, article_id, mapping, clusterer, register=False))
        clusterer.revisit()
        clusterer.flush()
    counts["stories"] = int(conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0])
    return {k: counts[k] for k in ("articles", "links", "copies", "translations", "stories")}


# What clustering writes (rebuilt from fingerprints' inputs by rebuild_stories).
_STORY_TABLES = ("article_links", "story_articles", "story_keys", "fingerprints", "term_df")


def _process(
    db: Database, article_id: str, mapping: dict[str, str], clusterer: Clusterer, *, register: bool = True
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
    if register:
        resolve.register(conn, _sightings(results), language=language, day=fp.day)
    _refresh_mapping(conn, mapping, fp.entities)
    vector = clusterer.vectors.vectors([article_id]).get(article_id) if clusterer.vectors else None
    matches = clusterer.add(fp, vector)
    settle_copy(conn, article_id)
    settle_links(conn, article_id, [other for other, sim in matches if sim.kind in {"copy", "translation"}])
    if register:
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


def _refresh_mapping(conn: Connection, mapping: dict[str, str], entities: Iterable[str]) -> None:
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

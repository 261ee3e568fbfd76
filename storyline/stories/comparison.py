"""``compare``: how likely two articles tell one story, from stored ids or from files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline import resolve
from storyline.cluster.clusterer import collection_idf, load_fingerprint
from storyline.cluster.fingerprints import Fingerprint
from storyline.cluster.scoring import similarity
from storyline.collection.fingerprints import analyse_file, fingerprint_result, stored_fingerprint
from storyline.embed import Embedder, from_blob, passage, readable
from storyline.store.db import Database

JSON = dict[str, Any]


def compare(db: Database | None, a: str, b: str, *, embedder: Embedder | None = None) -> JSON:
    """Score two articles (stored ids or prefixes, else file paths): score, same-story decision, evidence.

    Stored articles are compared with their stored vectors (never embedded at
    query time); two files are embedded with ``embedder`` (None: keys alone).
    """
    pair = _stored(db, a, b) if db is not None else None
    fa, fb, mapping, idf, cos = pair or _files(a, b, embedder)
    sim = similarity(fa, fb, mapping=mapping, idf=idf, cos=cos)
    return {
        "a": fa.article_id,
        "b": fb.article_id,
        "score": sim.score,
        "same_story": sim.same_story,
        "relation": sim.kind,
        "evidence": sim.evidence,
    }


_Pair = tuple[Fingerprint, Fingerprint, dict[str, str], Any, float | None]


def _stored(db: Database, a: str, b: str) -> _Pair | None:
    id_a, id_b = db.resolve_id(a), db.resolve_id(b)
    if not (id_a and id_b):
        return None
    fa, fb = (load_fingerprint(db.conn, i) or stored_fingerprint(db, i) for i in (id_a, id_b))
    idf = collection_idf(db.conn, fa.language, [*fa.terms, *fb.terms])
    return fa, fb, resolve.actor_map(db.conn), idf, _stored_cosine(db, id_a, id_b)


def _stored_cosine(db: Database, a: str, b: str) -> float | None:
    """The cosine of two stored vectors made by one model (None when either is missing)."""
    rows = db.conn.execute(
        "SELECT article_id, model, vector FROM article_vectors WHERE article_id IN (?, ?)", (a, b)
    ).fetchall()
    vectors = {str(r[0]): (str(r[1]), from_blob(bytes(r[2]))) for r in rows}
    va, vb = vectors.get(a), vectors.get(b)
    return float(va[1] @ vb[1]) if va and vb and va[0] == vb[0] else None


def _files(a: str, b: str, embedder: Embedder | None) -> _Pair:
    results = [analyse_file(x) for x in (a, b)]
    fps = [fingerprint_result(r) for r in results]
    texts = [passage(r.article.title, r.article.text) for r in results]
    cos = None
    if embedder is not None and all(readable(embedder, t) for t in texts):
        va, vb = embedder.embed(texts)
        cos = float(va @ vb)
    return fps[0], fps[1], _curated_mapping(fps), None, cos


def _curated_mapping(fps: Iterable[Fingerprint]) -> dict[str, str]:
    """Entity ids that people.toml lists under another canonical id (no database needed)."""
    listed = resolve.curated()
    out: dict[str, str] = {}
    for fp in fps:
        for entity_id in fp.entities:
            key = entity_id.split(":", 1)[-1]
            if key in listed and listed[key][0] != entity_id:
                out[entity_id] = listed[key][0]
    return out

"""``compare``: how likely two articles tell one story, from stored ids or from files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline import resolve
from storyline.cluster.clusterer import collection_idf, load_fingerprint
from storyline.cluster.fingerprints import Fingerprint
from storyline.cluster.scoring import similarity
from storyline.collection.fingerprints import fingerprint_file, stored_fingerprint
from storyline.store.db import Database

JSON = dict[str, Any]


def compare(db: Database | None, a: str, b: str) -> JSON:
    """Score two articles (stored ids or prefixes, else file paths): score, same-story decision, evidence."""
    fa, fb, mapping, idf = _pair(db, a, b)
    sim = similarity(fa, fb, mapping=mapping, idf=idf)
    return {
        "a": fa.article_id,
        "b": fb.article_id,
        "score": sim.score,
        "same_story": sim.same_story,
        "relation": sim.kind,
        "evidence": sim.evidence,
    }


def _pair(db: Database | None, a: str, b: str) -> tuple[Fingerprint, Fingerprint, dict[str, str], Any]:
    if db is not None:
        id_a, id_b = db.resolve_id(a), db.resolve_id(b)
        if id_a and id_b:
            fa, fb = (load_fingerprint(db.conn, i) or stored_fingerprint(db, i) for i in (id_a, id_b))
            idf = collection_idf(db.conn, fa.language, [*fa.terms, *fb.terms])
            return fa, fb, resolve.actor_map(db.conn), idf
    fps = [fingerprint_file(x) for x in (a, b)]
    return fps[0], fps[1], _curated_mapping(fps), None


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

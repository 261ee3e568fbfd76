"""Article embeddings in the store: computed in batches, once per article, before clustering.

Vectors are derived state like fingerprints: an article without a vector of the
current model is simply embedded by the next update (so a crash or a changed
backend loses nothing).  The collection records which model its vectors were
made with; when the configured backend differs, new articles are clustered on
keys alone and ``storyline reembed`` brings every vector to the new model.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storyline.embed import Embedder, SemanticUnavailable, passage, readable, to_blob, vector_key
from storyline.store.dialect import Connection

log = logging.getLogger(__name__)
# Texts per embedding call.  The engine's working memory grows with the batch (32 texts of
# 64 tokens took 26 MB of heap at the peak, 8 texts 7 MB: a monitor's resident size swung by
# 30 MB within a round) while the CPU time per text does not (64 texts: 4.4-4.9 s in batches
# of 8, 5.1-5.7 s in batches of 32); the vectors are the same bit for bit.
BATCH = 8
MODEL_KEY = "semantic_model"


@dataclass(slots=True)
class Embedding:
    """What one update did about vectors: counts, and warnings worth one line each."""

    embedded: int = 0
    skipped: int = 0
    unavailable: bool = False  # the backend cannot run here: cluster on keys alone
    warnings: list[str] = field(default_factory=list)


def collection_model(conn: Connection) -> str | None:
    """The model the stored vectors were made with (None before the first vector)."""
    row = conn.execute("SELECT value FROM collection_meta WHERE key = ?", (MODEL_KEY,)).fetchone()
    return str(row[0]) if row else None


def usable(conn: Connection, embedder: Embedder | None) -> tuple[Embedder | None, str | None]:
    """The embedder if the collection's vectors are its own, else None and why (one line)."""
    if embedder is None:
        return None, None
    stored, mine = collection_model(conn), vector_key(embedder)
    if stored is None or stored == mine:
        return embedder, None
    return None, (
        f"the database's vectors were made with {stored}, not {mine}: stories use keys alone "
        "until you run `storyline reembed`"
    )


def ensure_vectors(
    conn: Connection,
    article_ids: Sequence[str],
    embedder: Embedder,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> Embedding:
    """Embed the given articles that have no vector of ``embedder``'s model yet; write them.

    ``on_batch`` is told how many articles each batch handled (for progress).
    """
    key = vector_key(embedder)
    report = Embedding()
    todo = _missing(conn, article_ids, key)
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        texts = _texts(conn, batch)
        ready = [i for i in batch if i in texts and readable(embedder, texts[i])]
        report.skipped += len(batch) - len(ready)
        if not ready:
            continue
        try:
            vectors = embedder.embed([texts[i] for i in ready])
        except SemanticUnavailable as exc:
            report.warnings.append(f"semantic signal off: {exc}; stories use keys alone")
            report.unavailable = True
            return report
        conn.executemany(
            "INSERT OR REPLACE INTO article_vectors VALUES (?, ?, ?)",
            [(i, key, to_blob(v)) for i, v in zip(ready, vectors, strict=True)],
        )
        conn.execute("INSERT OR REPLACE INTO collection_meta VALUES (?, ?)", (MODEL_KEY, key))
        report.embedded += len(ready)
        if on_batch:
            on_batch(len(batch))
    if report.skipped:
        report.warnings.append(
            f"{report.skipped} article(s) not embedded (no text, or a script {embedder.name} cannot read): "
            "they cluster on keys alone"
        )
    return report


def forget_other_models(conn: Connection, embedder: Embedder) -> int:
    """Drop the vectors that another model made; the collection now belongs to ``embedder``."""
    key = vector_key(embedder)
    gone = conn.execute("DELETE FROM article_vectors WHERE model != ?", (key,)).rowcount
    conn.execute("INSERT OR REPLACE INTO collection_meta VALUES (?, ?)", (MODEL_KEY, key))
    return int(gone)


def _missing(conn: Connection, article_ids: Sequence[str], key: str) -> list[str]:
    have: set[str] = set()
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        have |= {
            str(r[0])
            for r in conn.execute(
                f"SELECT article_id FROM article_vectors WHERE model = ? AND article_id IN ({marks})",
                [key, *chunk],
            )
        }
    return [i for i in dict.fromkeys(article_ids) if i not in have]


def _texts(conn: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(f"SELECT id, title, text FROM articles WHERE id IN ({marks})", list(article_ids))
    return {str(r[0]): passage(r[1], str(r[2])) for r in rows if str(r[2]).strip()}

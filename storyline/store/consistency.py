"""Crash-consistent derived state: pending collection work, its completion, and the check.

An article is committed in one transaction and its collection state —
identities, fingerprint, story membership — in a later one (``update_collection``).
A run killed between the two leaves an article without a fingerprint: it is
*pending* by construction, and re-running the same ingest would not help, as
the article is a duplicate by then.  So every writing command (``ingest``,
``watch``, ``storyline repair``) first completes whatever is pending, and
``storyline check`` reports it.  A bug met while updating one article marks
that article only (it stays pending and is reported); the others go on.

The WAL is kept small here too: :func:`checkpoint` truncates it after a
writing command, so that a read-mostly database does not keep gigabytes of
log that no reader needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.store.db import JOURNAL_SIZE_LIMIT, Database


@dataclass(frozen=True, slots=True)
class Failure:
    """An article whose collection update raised: it stays pending."""

    article_id: str
    error: str


@dataclass(frozen=True, slots=True)
class Health:
    """What ``storyline check`` reports; ``ok`` when nothing is pending or broken."""

    articles: int
    stories: int
    without_fingerprint: list[str]
    without_story: list[str]
    integrity: str

    @property
    def ok(self) -> bool:
        return not self.without_fingerprint and not self.without_story and self.integrity == "ok"

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "articles": self.articles,
            "stories": self.stories,
            "without_fingerprint": self.without_fingerprint,
            "without_story": self.without_story,
            "integrity": self.integrity,
        }


def pending(conn: sqlite3.Connection) -> list[str]:
    """Ids of articles with no fingerprint yet, in the order ``update_collection`` takes them."""
    rows = conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM fingerprints) "
        "ORDER BY published IS NULL, published, rowid"
    )
    return [str(r[0]) for r in rows]


def update_articles(
    update: Callable[[list[str]], None], db: Database, article_ids: Sequence[str]
) -> list[Failure]:
    """Run the collection ``update`` for ``article_ids``; an article that raises is reported, not fatal.

    All of them in one go first (batched transactions, the fast way); if that
    raises, one at a time, so that one bad article holds back nothing else.
    """
    if not article_ids:
        return []
    try:
        update(list(article_ids))
    except Exception:
        failures = []
        for article_id in pending_among(db.conn, article_ids):
            try:
                update([article_id])
            except Exception as exc:
                failures.append(Failure(article_id, f"{type(exc).__name__}: {exc}"))
        return failures
    return []


def pending_among(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[str]:
    done = {
        str(r[0])
        for r in conn.execute(
            "SELECT article_id FROM fingerprints WHERE article_id IN (SELECT value FROM json_each(?))",
            (_json_list(article_ids),),
        )
    }
    return [a for a in article_ids if a not in done]


def complete_pending(update: Callable[[list[str]], None], db: Database) -> Iterator[Failure]:
    """Update the collection for every pending article; yields the ones that failed."""
    yield from update_articles(update, db, pending(db.conn))


def check(db: Database) -> Health:
    """Articles without fingerprint or story, and SQLite's own quick check (reads only)."""
    conn = db.conn
    no_story = conn.execute(
        "SELECT article_id FROM fingerprints WHERE article_id NOT IN (SELECT article_id FROM story_articles) "
        "ORDER BY article_id"
    )
    return Health(
        articles=db.count(),
        stories=int(conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]),
        without_fingerprint=sorted(pending(conn)),
        without_story=[str(r[0]) for r in no_story],
        integrity=str(conn.execute("PRAGMA quick_check").fetchone()[0]),
    )


def checkpoint(db: Database) -> tuple[int, int, int]:
    """Copy the WAL into the database and truncate it: ``(busy, log frames, checkpointed frames)``.

    ``busy`` is 1 when a reader still used the log and it could not be
    truncated this time (the next checkpoint will); never an error.
    """
    try:
        row = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:
        return 1, -1, -1  # locked by another writer past the busy timeout: next time
    return int(row[0]), int(row[1]), int(row[2])


def checkpoint_if_large(db: Database, limit: int = JOURNAL_SIZE_LIMIT) -> bool:
    """Truncate the WAL when it has grown past ``limit`` (a long ingest while readers read)."""
    wal = Path(f"{db.path}-wal")
    try:
        large = wal.stat().st_size > limit
    except OSError:
        return False
    return large and checkpoint(db)[0] == 0


def _json_list(values: Sequence[str]) -> str:
    import json

    return json.dumps(list(values))

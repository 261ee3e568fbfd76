"""The fetch state of live ingest in SQLite (table ``fetch_state``, migration 0007).

Implements :class:`storyline.ingest.state.FetchState`, whose docstring gives
the rules that make a killed run resume cleanly; :mod:`storyline.api` hands
it to ingest when storing.  Every write is its own small transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from storyline.ingest.identity import canonical_url
from storyline.ingest.state import ENTRY, MAX_FAILURES, Failure
from storyline.store.db import Database


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def key(url: str) -> str:
    """The form URLs are stored under (canonical when it is an http(s) URL)."""
    return canonical_url(url) or url


class StoredFetchState:
    """Reads and writes ``fetch_state`` rows of one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM fetch_state WHERE url = ?", (key(url),)
        ).fetchone()
        if row is None or not (row[0] or row[1]):
            return None
        return row[0], row[1]

    def stored_article(self, url: str) -> str | None:
        """The id of the stored article fetched from ``url`` (directly or after its recorded redirects)."""
        row = self.conn.execute("SELECT final_url FROM fetch_state WHERE url = ?", (key(url),)).fetchone()
        candidates = {key(url)} | ({key(row[0])} if row and row[0] else set())
        for candidate in candidates:
            found = self.conn.execute(
                "SELECT id FROM articles WHERE url = ? LIMIT 1", (candidate,)
            ).fetchone()
            if found:
                return str(found[0])
        return None

    def seen(self, url: str) -> str | None:
        """Why the feed or sitemap entry ``url`` need not be fetched again, or None if it must be."""
        if self.stored_article(url):
            return "already stored"
        row = self.conn.execute(
            "SELECT outcome, failures, error FROM fetch_state WHERE url = ?", (key(url),)
        ).fetchone()
        if row is None:
            return None
        outcome, failures, error = row
        if outcome == "not stored":
            return "fetched before; it was not stored as an article"
        if outcome in ("refused", "gone"):
            return f"{outcome} before: {error}"
        if outcome == "failed" and failures >= MAX_FAILURES:
            return f"failed {failures} times (last: {error}); not trying again"
        return None

    # --- writes ---------------------------------------------------------------

    def fetched(self, url: str, kind: str, final_url: str, status: int) -> None:
        """A 200 answer was received (before its content is used)."""
        t = now()
        self._upsert(
            url,
            kind,
            "final_url = ?, status = ?, outcome = 'fetched', error = NULL, failures = 0, "
            "fetched_at = ?, changed_at = ?",
            (key(final_url), status, t, t),
        )

    def not_modified(self, url: str, kind: str) -> None:
        self._upsert(
            url,
            kind,
            "status = 304, outcome = 'not modified', error = NULL, failures = 0, fetched_at = ?",
            (now(),),
        )

    def done(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        """Everything in the answer was handed on: remember its validators and whether it was stored."""
        outcome = "stored" if self.stored_article(url) else ("not stored" if kind == ENTRY else "read")
        self._upsert(url, kind, "etag = ?, last_modified = ?, outcome = ?", (etag, last_modified, outcome))

    def failed(self, url: str, kind: str, failure: Failure) -> None:
        self._upsert(
            url,
            kind,
            "status = ?, outcome = ?, error = ?, failures = failures + 1, fetched_at = ?",
            (failure.status, failure.outcome, failure.error, now()),
        )

    def _upsert(self, url: str, kind: str, assignments: str, params: tuple[object, ...]) -> None:
        with self.db.atomic() as conn:
            conn.execute(
                "INSERT INTO fetch_state (url, kind, outcome, first_seen) VALUES (?, ?, 'new', ?) "
                "ON CONFLICT(url) DO NOTHING",
                (key(url), kind, now()),
            )
            # A URL given as a source stays a source even when a feed lists it too.
            conn.execute(
                f"UPDATE fetch_state SET {assignments}, "
                "kind = CASE WHEN kind = 'source' THEN kind ELSE ? END WHERE url = ?",
                (*params, kind, key(url)),
            )

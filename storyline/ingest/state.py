"""Fetch state in the store (table ``fetch_state``, migration 0007): what was fetched and what became of it.

The rules that make a killed run resume without losing or repeating work:

- Before a fetched page is handed on to be stored, its final URL is
  written (``fetched``).  Whether it was stored is then read from the
  ``articles`` table itself, so a kill between storing and bookkeeping
  cannot make the page look unfetched: an entry whose page is stored is
  never fetched again.
- The validators (ETag, Last-Modified) of a feed, sitemap or page are
  written only when everything in it has been handed on (:meth:`FetchState.done`).
  Killed half-way, the next run fetches it whole again instead of being told
  "304 Not Modified" about entries it never read.
- An entry that failed for a passing reason (timeout, 5xx, connection) is
  tried again in later rounds, up to :data:`MAX_FAILURES` times in a row;
  one refused (robots.txt, address) or gone (4xx) is not.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from storyline.errors import FetchError, Refused
from storyline.ingest.fetch import HTTPStatusError, Response, Validators
from storyline.ingest.identity import canonical_url
from storyline.store.db import Database

MAX_FAILURES = 3
SOURCE, ENTRY = "source", "entry"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def key(url: str) -> str:
    """The form URLs are stored under (canonical when it is an http(s) URL)."""
    return canonical_url(url) or url


class FetchState:
    """Reads and writes ``fetch_state`` rows; every write is its own small transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn

    def validators(self, url: str) -> Validators | None:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM fetch_state WHERE url = ?", (key(url),)
        ).fetchone()
        if row is None or not (row[0] or row[1]):
            return None
        return Validators(row[0], row[1])

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

    def fetched(self, url: str, kind: str, response: Response) -> None:
        """A 200 answer was received (before its content is used)."""
        t = now()
        self._upsert(
            url,
            kind,
            "final_url = ?, status = ?, outcome = 'fetched', error = NULL, failures = 0, "
            "fetched_at = ?, changed_at = ?",
            (key(response.final_url), response.status, t, t),
        )

    def not_modified(self, url: str, kind: str) -> None:
        self._upsert(
            url,
            kind,
            "status = 304, outcome = 'not modified', error = NULL, failures = 0, fetched_at = ?",
            (now(),),
        )

    def done(self, url: str, kind: str, response: Response) -> None:
        """Everything in ``response`` was handed on: remember its validators and whether it was stored."""
        outcome = "stored" if self.stored_article(url) else ("not stored" if kind == ENTRY else "read")
        self._upsert(
            url,
            kind,
            "etag = ?, last_modified = ?, outcome = ?",
            (response.etag, response.last_modified, outcome),
        )

    def failed(self, url: str, kind: str, error: FetchError) -> None:
        status = error.status if isinstance(error, HTTPStatusError) else None
        outcome = "failed"
        if isinstance(error, Refused):
            outcome = "refused"
        elif status is not None and 400 <= status < 500 and status not in (408, 429):
            outcome = "gone"
        self._upsert(
            url,
            kind,
            "status = ?, outcome = ?, error = ?, failures = failures + 1, fetched_at = ?",
            (status, outcome, error.reason, now()),
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

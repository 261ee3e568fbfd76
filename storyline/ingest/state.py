"""Fetch state: what reading URLs remembers between runs, as a protocol the caller hands in.

Ingest never imports the store (docs/architecture.md): :mod:`storyline.ingest.urls`
asks a :class:`FetchState` for what it needs, and the caller passes one in
(:mod:`storyline.api` passes the SQLite one of :mod:`storyline.store.fetch_state`,
table ``fetch_state``, migration 0007), or none, and then nothing is remembered.

The rules that make a killed run resume without losing or repeating work:

- Before a fetched page is handed on to be stored, its final URL is
  written (``fetched``).  Whether it was stored is then read from the
  stored articles themselves, so a kill between storing and bookkeeping
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

from dataclasses import dataclass
from typing import Protocol

MAX_FAILURES = 3
SOURCE, ENTRY = "source", "entry"


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL that could not be read: ``failed`` (worth another try), ``refused`` or ``gone``."""

    outcome: str
    status: int | None  # the HTTP status, None when there was no answer
    error: str  # one line


class FetchState(Protocol):
    """What :func:`storyline.ingest.urls.read_url` reads and writes about each URL it requests.

    ``kind`` is :data:`SOURCE` (a URL given by the user) or :data:`ENTRY`
    (found in a feed or sitemap).
    """

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """The ETag and Last-Modified of the last fully used answer for ``url``, or None."""
        ...

    def seen(self, url: str) -> str | None:
        """Why the feed or sitemap entry ``url`` need not be fetched again, or None if it must be."""
        ...

    def fetched(self, url: str, kind: str, final_url: str, status: int) -> None:
        """A 200 answer was received from ``final_url`` (before its content is used)."""
        ...

    def not_modified(self, url: str, kind: str) -> None:
        """The server answered 304 Not Modified."""
        ...

    def done(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> None:
        """Everything in the answer was handed on: remember its validators and whether it was stored."""
        ...

    def failed(self, url: str, kind: str, failure: Failure) -> None:
        """Fetching or reading ``url`` failed."""
        ...

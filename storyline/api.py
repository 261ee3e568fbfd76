"""The Python API behind the CLI: ingest (store, then update the collection) and analyze (store nothing)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from storyline.ingest.identity import text_fingerprint
from storyline.ingest.readers import read_sources
from storyline.model import Rejection, Source
from storyline.pipeline import Hints, Pipeline, analyze, default_pipeline, process
from storyline.settings import Settings
from storyline.store.db import DEFAULT_DB, Database

__all__ = [
    "INGEST_CHUNK",
    "IngestReport",
    "Outcome",
    "analyze",
    "ingest",
    "iter_ingest",
    "open_db",
    "parse_day",
]

# New articles per collection update during an ingest.  One update per article paid
# the update's fixed costs every time (canonical map, story count, a cold fingerprint
# cache, a transaction): on 5,000 generated articles, chunks of 200 take a quarter less
# CPU in the updates (66 s -> 49 s).  Small enough that the collection trails a long
# ingest by seconds.
INGEST_CHUNK = 200


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: ``new``, ``duplicate`` or ``rejected``."""

    path: str
    status: str
    article_id: str | None = None
    reason: str | None = None
    copy_of: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class IngestReport:
    """Counts and per-source outcomes of one ingest run."""

    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def copies(self) -> int:
        return sum(1 for o in self.outcomes if o.copy_of)

    @property
    def ok(self) -> bool:
        """True when everything was stored or was a duplicate (exit code 0)."""
        return self.counts["rejected"] == 0


def open_db(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> Database:
    """Open (and migrate) a storyline database."""
    return Database(path, readonly=readonly)


def iter_ingest(
    paths: Iterable[str],
    db: Database,
    *,
    settings: Settings | None = None,
    hints: Hints | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Outcome]:
    """Store every source under ``paths``; yields one outcome per source as it is committed.

    With extraction on, stored articles join the collection (identities,
    fingerprint, story) every :data:`INGEST_CHUNK` new articles and once the
    sources run out.  Each article is committed on its own first, so an
    interrupted run leaves stored articles without a fingerprint; the update
    at the end of every ingest processes those too.
    """
    settings = settings or Settings()
    hints = hints or Hints()
    pipeline = default_pipeline(settings)
    pending: list[str] = []
    for item in read_sources(paths, max_bytes=settings.max_bytes, stdin=stdin):
        if isinstance(item, Rejection):
            yield Outcome(item.path, "rejected", reason=item.reason)
            continue
        outcome = _ingest_one(item, db, settings, hints, pipeline)
        yield outcome
        if settings.extract and outcome.status == "new" and outcome.article_id:
            pending.append(outcome.article_id)
            if len(pending) >= INGEST_CHUNK:
                _update_collection(db, pending)
                pending = []
    if settings.extract:
        _update_collection(db, pending)  # in arrival order, as one article at a time would
        _update_collection(db)  # stored but never clustered: an earlier run was interrupted


def _update_collection(db: Database, article_ids: Sequence[str] | None = None) -> None:
    # Imported here, not at the top: the collection needs numpy, scipy (via datasketch) and
    # rapidfuzz, which ``import storyline`` and an ingest without extraction should not load
    # (0.2 s and 23 MB against 1.2 s and 87 MB).
    from storyline.collection import update_collection

    update_collection(db, article_ids)


def _ingest_one(
    source: Source, db: Database, settings: Settings, hints: Hints, pipeline: Pipeline
) -> Outcome:
    processed = process(source, settings, hints, pipeline)
    if isinstance(processed, Rejection):
        return Outcome(processed.path, "rejected", reason=processed.reason)
    result, warnings = processed
    a = result.article
    added = db.add(result, text_fingerprint(a.text))
    if added.status == "duplicate":
        reason = f"duplicate of {added.duplicate_of}"
        return Outcome(source.path, "duplicate", added.duplicate_of, reason=reason, language=a.language)
    return Outcome(
        source.path, "new", a.id, copy_of=added.copy_of, language=a.language, warnings=tuple(warnings)
    )


def ingest(
    paths: Iterable[str],
    *,
    db: str | Path | Database = DEFAULT_DB,
    settings: Settings | None = None,
    hints: Hints | None = None,
) -> IngestReport:
    """Ingest ``paths`` into the database ``db`` and return the report."""
    report = IngestReport()
    database = db if isinstance(db, Database) else Database(db)
    try:
        for outcome in iter_ingest(paths, database, settings=settings, hints=hints):
            report.add(outcome)
    finally:
        if not isinstance(db, Database):
            database.close()
    return report


def parse_day(value: str | None) -> dt.date | None:
    """A CLI date option as a date (None passes through)."""
    return dt.date.fromisoformat(value) if value else None

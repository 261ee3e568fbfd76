"""The Python API behind the CLI: functions that take paths and settings and return data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from storyline.errors import InputError
from storyline.ingest.identity import text_fingerprint
from storyline.ingest.inputs import read_inputs
from storyline.model import ArticleResult, Rejection, Skipped, Source
from storyline.pipeline import NO_EXTRACTION, Hints, Pipeline, build_article, build_pipeline
from storyline.settings import Settings
from storyline.store.db import DEFAULT_DB, Database

if TYPE_CHECKING:
    from storyline.ingest.fetch import Fetcher


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one source: ``new``, ``duplicate`` or ``rejected``.

    Live sources and archives add ``unchanged`` (304 Not Modified), ``known``
    (a feed or sitemap entry seen before, not fetched again) and ``skipped``
    (not an article, e.g. an image in a web archive); none of these is an error.
    """

    path: str
    status: str
    article_id: str | None = None
    reason: str | None = None
    copy_of: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class IngestReport:
    """Counts and per-source outcomes of one ingest run.

    With ``keep_outcomes=False`` only the counts are kept, so that memory
    stays flat over millions of records (a web archive, a large JSONL).
    """

    outcomes: list[Outcome] = field(default_factory=list)
    keep_outcomes: bool = True
    _counts: Counter[str] = field(default_factory=Counter)
    _copies: int = 0

    def add(self, outcome: Outcome) -> None:
        if self.keep_outcomes:
            self.outcomes.append(outcome)
        self._counts[outcome.status] += 1
        self._copies += bool(outcome.copy_of)

    @property
    def counts(self) -> Counter[str]:
        return Counter(self._counts)

    @property
    def copies(self) -> int:
        return self._copies

    @property
    def ok(self) -> bool:
        """True when nothing was rejected (exit code 0)."""
        return self._counts["rejected"] == 0


def open_db(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> Database:
    """Open (and migrate) a storyline database."""
    return Database(path, readonly=readonly)


def analyze(
    paths: Iterable[str],
    *,
    settings: Settings | None = None,
    hints: Hints | None = None,
    pipeline: Pipeline | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[ArticleResult | Rejection]:
    """Run the per-article pipeline on every source under ``paths`` (files, archives, URLs); store nothing."""
    settings = settings or Settings()
    hints = hints or Hints()
    pipeline = pipeline if pipeline is not None else _default_pipeline(settings)
    for item in read_inputs(paths, settings=settings, stdin=stdin, fetcher=fetcher):
        if isinstance(item, Rejection):
            yield item
            continue
        if isinstance(item, Skipped):
            continue
        result = _process(item, settings, hints, pipeline)
        yield result[0] if isinstance(result, tuple) else result


def _default_pipeline(settings: Settings) -> Pipeline:
    return build_pipeline(max_chars=settings.max_analyze_chars) if settings.extract else NO_EXTRACTION


def _process(
    source: Source, settings: Settings, hints: Hints, pipeline: Pipeline
) -> tuple[ArticleResult, list[str]] | Rejection:
    try:
        article, warnings = build_article(source, settings, hints, version=pipeline.version)
        return pipeline(article), warnings
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # One broken article must never stop a batch: a bug in a stage on odd
        # input becomes a rejection that names it, and the batch goes on.
        return Rejection(source.path, f"internal error ({type(exc).__name__}: {exc}); please report")


def iter_ingest(
    paths: Iterable[str],
    db: Database,
    *,
    settings: Settings | None = None,
    hints: Hints | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Outcome]:
    """Store every source under ``paths``; yields one outcome per source as it is committed.

    ``paths`` may name files, folders, JSONL, ``-``, WARC archives and http(s)
    URLs of pages, feeds and sitemaps; ``fetcher`` (optional) is shared
    between calls, for its robots.txt cache and per-host delays.
    """
    settings = settings or Settings()
    hints = hints or Hints()
    pipeline = _default_pipeline(settings)
    for item in read_inputs(paths, settings=settings, stdin=stdin, db=db, fetcher=fetcher):
        if isinstance(item, Rejection):
            yield Outcome(item.path, "rejected", reason=item.reason)
            continue
        if isinstance(item, Skipped):
            yield Outcome(item.path, item.status, item.article_id, reason=item.reason)
            continue
        yield _ingest_one(item, db, settings, hints, pipeline)


def _ingest_one(
    source: Source, db: Database, settings: Settings, hints: Hints, pipeline: Pipeline
) -> Outcome:
    processed = _process(source, settings, hints, pipeline)
    if isinstance(processed, Rejection):
        return Outcome(processed.path, "rejected", reason=processed.reason)
    result, warnings = processed
    a = result.article
    added = db.add(result, text_fingerprint(a.text))
    if added.status == "duplicate":
        reason = f"duplicate of {added.duplicate_of}"
        return Outcome(source.path, "duplicate", added.duplicate_of, reason=reason, language=a.language)
    if settings.extract:
        # The article is committed; identities, fingerprint and story follow in their own
        # transaction, so the collection stays current after every stored article.
        from storyline.stories import update_collection

        update_collection(db, [a.id])
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

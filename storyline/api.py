"""The Python API behind the CLI: functions that take paths and settings and return data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from storyline.consistency import complete_pending, update_articles
from storyline.errors import InputError, StoreError
from storyline.ingest.identity import canonical_url, digest_of, text_fingerprint
from storyline.ingest.inputs import read_inputs
from storyline.ingest.readers import internal_rejection
from storyline.model import Article, ArticleResult, Rejection, Skipped, Source
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
    internal: bool = False  # a bug met on this source (exit code 3), not a fault of the input


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
    internal_errors: int = 0

    def add(self, outcome: Outcome) -> None:
        if self.keep_outcomes:
            self.outcomes.append(outcome)
        self._counts[outcome.status] += 1
        self._copies += bool(outcome.copy_of)
        self.internal_errors += outcome.internal

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
        built = _built(item, settings, hints, pipeline)
        yield built if isinstance(built, Rejection) else _extracted(built[0], item, pipeline)


def _default_pipeline(settings: Settings) -> Pipeline:
    return build_pipeline(max_chars=settings.max_analyze_chars) if settings.extract else NO_EXTRACTION


# One broken article must never stop a batch: an input the code cannot take is a
# rejection, and a bug met on odd input is a rejection marked internal (exit code 3).


def _built(
    source: Source, settings: Settings, hints: Hints, pipeline: Pipeline
) -> tuple[Article, list[str]] | Rejection:
    try:
        return build_article(source, settings, hints, version=pipeline.version)
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    except Exception as exc:
        return internal_rejection(source.path, exc)


def _extracted(article: Article, source: Source, pipeline: Pipeline) -> ArticleResult | Rejection:
    try:
        return pipeline(article)
    except Exception as exc:
        return internal_rejection(source.path, exc)


def iter_ingest(
    paths: Iterable[str],
    db: Database,
    *,
    settings: Settings | None = None,
    hints: Hints | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
    finish_pending: bool = True,
) -> Iterator[Outcome]:
    """Store every source under ``paths``; yields one outcome per source as it is committed.

    ``paths`` may name files, folders, JSONL, ``-``, WARC archives and http(s)
    URLs of pages, feeds and sitemaps; ``fetcher`` (optional) is shared
    between calls, for its robots.txt cache and per-host delays.  First, the
    collection work a killed run left pending is completed (``finish_pending``;
    ``watch`` does it once per round instead); only failures are yielded.
    """
    settings = settings or Settings()
    hints = hints or Hints()
    pipeline = _default_pipeline(settings)
    if settings.extract and finish_pending:
        yield from pending_outcomes(db)  # left by a run killed between an article and its story
    for item in read_inputs(paths, settings=settings, stdin=stdin, db=db, fetcher=fetcher):
        if isinstance(item, Rejection):
            yield Outcome(item.path, "rejected", reason=item.reason, internal=item.internal)
            continue
        if isinstance(item, Skipped):
            yield Outcome(item.path, item.status, item.article_id, reason=item.reason)
            continue
        yield _ingest_one(item, db, settings, hints, pipeline)


def _ingest_one(
    source: Source, db: Database, settings: Settings, hints: Hints, pipeline: Pipeline
) -> Outcome:
    seen = known_source(db, source, hints)  # a re-run skips stored sources before any work
    if seen is not None:
        return Outcome(source.path, "duplicate", seen, reason=f"duplicate of {seen}")
    built = _built(source, settings, hints, pipeline)
    if isinstance(built, Rejection):
        return _rejected(built)
    article, warnings = built
    seen = db.known(article.id, article.digest, article.url)  # before extraction, the costly part
    if seen is not None:
        return Outcome(
            source.path, "duplicate", seen, reason=f"duplicate of {seen}", language=article.language
        )
    result = _extracted(article, source, pipeline)
    if isinstance(result, Rejection):
        return _rejected(result)
    return store_article(db, source.path, result, warnings, collect=settings.extract)


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


# --- one source's way into the store (issue 14): duplicates before any work, bugs as one
# --- line, and the collection work a killed run left pending ------------------------------


def _rejected(rejection: Rejection) -> Outcome:
    return Outcome(rejection.path, "rejected", reason=rejection.reason, internal=rejection.internal)


def known_source(db: Database, source: Source, hints: Hints) -> str | None:
    """A stored article made from this very source (a JSONL id, or these bytes at this path), if any."""
    data = source.data if source.raw_text is None else source.raw_text.encode("utf-8")
    url = next((u for u in map(canonical_url, filter(None, (hints.url, source.url))) if u), None)
    if source.record_id is not None:  # the id is the record's own: the article's identity is known
        return db.known(source.record_id, digest_of(data), url)
    return db.known_source(digest_of(data), source.path, url)


def store_article(
    db: Database, path: str, result: ArticleResult, warnings: list[str], *, collect: bool
) -> Outcome:
    """Commit one article, then (``collect``) its identities, fingerprint and story.

    A run killed between the two commits leaves the article pending; the next
    writing command completes it (:mod:`storyline.consistency`).
    """
    a = result.article
    try:
        added = db.add(result, text_fingerprint(a.text))
    except StoreError as exc:
        return Outcome(path, "rejected", reason=str(exc))
    except Exception as exc:
        return _rejected(internal_rejection(path, exc))
    if added.status == "duplicate":
        reason = f"duplicate of {added.duplicate_of}"
        return Outcome(path, "duplicate", added.duplicate_of, reason=reason, language=a.language)
    failures = update_articles(db, [a.id]) if collect else []
    warnings += [
        f"stored, but its story could not be updated ({f.error}); please report it" for f in failures
    ]
    return Outcome(
        path,
        "new",
        a.id,
        copy_of=added.copy_of,
        language=a.language,
        warnings=tuple(warnings),
        internal=bool(failures),
    )


def pending_outcomes(db: Database) -> Iterator[Outcome]:
    """Complete the collection for articles a killed run left pending; only failures are reported."""
    for failure in complete_pending(db):
        reason = f"its story could not be updated ({failure.error}); please report it"
        yield Outcome(
            f"{db.path}: article {failure.article_id}", "rejected", failure.article_id, reason, internal=True
        )

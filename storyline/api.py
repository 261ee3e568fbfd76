"""The Python API behind the CLI: ingest (store, then update the collection) and analyze (store nothing)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from storyline.errors import StoreError
from storyline.ingest.identity import canonical_url, digest_of, text_fingerprint
from storyline.ingest.inputs import read_inputs
from storyline.ingest.readers import internal_rejection
from storyline.model import ArticleResult, Rejection, Skipped, Source
from storyline.pipeline import Hints, Pipeline, analyze, build, default_pipeline, extract
from storyline.settings import Settings
from storyline.store.consistency import Failure, complete_pending, update_articles
from storyline.store.db import DEFAULT_DB, Database
from storyline.store.fetch_state import StoredFetchState

if TYPE_CHECKING:
    from storyline.embed import Embedder
    from storyline.ingest.fetch import Fetcher
    from storyline.story_model import StoryModel

__all__ = [
    "INGEST_CHUNK",
    "IngestReport",
    "Outcome",
    "analyze",
    "collection_updater",
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


def iter_ingest(
    paths: Iterable[str],
    db: Database,
    *,
    settings: Settings | None = None,
    hints: Hints | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
    stories: StoryOptions | None = None,
    finish_pending: bool = True,
    updater: Updater | None = None,
) -> Iterator[Outcome]:
    """Store every source under ``paths``; yields one outcome per source as it is committed.

    ``stories`` overrides how the collection is updated (an embedder other
    than the configured one, a fitted same-story model): evaluation uses it.

    ``paths`` may name files, folders, JSONL, ``-``, WARC archives and http(s)
    URLs of pages, feeds and sitemaps; what was fetched is remembered in the
    database (:mod:`storyline.store.fetch_state`).  ``fetcher`` (optional) is
    shared between calls, for its robots.txt cache and per-host delays.
    ``updater`` (from :func:`collection_updater`, optional) is shared the same
    way, so a caller that ingests again and again (``watch``) loads the
    embedder once instead of once per call; it wins over ``stories``.

    With extraction on, stored articles join the collection (identities,
    fingerprint, story) every :data:`INGEST_CHUNK` new articles and once the
    sources run out.  Each article is committed on its own first, so an
    interrupted run leaves stored articles without a fingerprint: they are
    completed first (``finish_pending``; ``watch`` does it once per round
    instead) and again at the end.  Only failures of that work are yielded.
    """
    settings = settings or Settings()
    hints = hints or Hints()
    pipeline = default_pipeline(settings)
    state = StoredFetchState(db)
    update = updater or collection_updater(db, settings, stories or StoryOptions())
    pending: list[str] = []
    if settings.extract and finish_pending:
        yield from pending_outcomes(db, update)  # left by a run killed between an article and its story
    for item in read_inputs(paths, settings=settings, stdin=stdin, state=state, fetcher=fetcher):
        if isinstance(item, Rejection):
            yield Outcome(item.path, "rejected", reason=item.reason, internal=item.internal)
            continue
        if isinstance(item, Skipped):
            yield Outcome(item.path, item.status, item.article_id, reason=item.reason)
            continue
        outcome = _ingest_one(item, db, settings, hints, pipeline)
        yield outcome
        if settings.extract and outcome.status == "new" and outcome.article_id:
            pending.append(outcome.article_id)
            if len(pending) >= INGEST_CHUNK:
                yield from _failed(update_articles(update, db, pending), db)
                pending = []
    if settings.extract:
        yield from _failed(update_articles(update, db, pending), db)  # in arrival order
        if finish_pending:
            yield from pending_outcomes(db, update)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """How ingest updates the stories, when not as the settings say (Python API only)."""

    embedder: Embedder | bool | None = True  # True: the configured one; None/False: keys alone
    model: StoryModel | None = None  # None: the packaged model


Updater = Callable[[Sequence[str] | None], None]


def collection_updater(db: Database, settings: Settings, options: StoryOptions | None = None) -> Updater:
    """``ids -> None``: update the collection with these articles (None: every one still pending).

    The embedder is made once per ingest (its model loads on first use).
    """
    options = options or StoryOptions()
    embedder: Any = False if options.embedder is True else options.embedder or None
    model = options.model

    def update(article_ids: Sequence[str] | None) -> None:
        # Imported here, not at the top: the collection needs numpy, scipy (via datasketch)
        # and rapidfuzz, which ``import storyline`` and an ingest without extraction should
        # not load (0.2 s and 23 MB against 1.2 s and 87 MB).
        from storyline.collection import update_collection
        from storyline.embed import load_embedder

        nonlocal embedder
        if embedder is False:
            embedder = load_embedder(settings.semantic, settings.semantic_budget)
        update_collection(db, article_ids, embedder=embedder, model=model)

    return update


def _ingest_one(
    source: Source, db: Database, settings: Settings, hints: Hints, pipeline: Pipeline
) -> Outcome:
    seen = known_source(db, source, hints)  # a re-run skips stored sources before any work
    if seen is not None:
        return Outcome(source.path, "duplicate", seen, reason=f"duplicate of {seen}")
    built = build(source, settings, hints, pipeline)
    if isinstance(built, Rejection):
        return _rejected(built)
    article, warnings = built
    seen = db.known(article.id, article.digest, article.url)  # before extraction, the costly part
    if seen is not None:
        return Outcome(
            source.path, "duplicate", seen, reason=f"duplicate of {seen}", language=article.language
        )
    result = extract(article, source.path, pipeline)
    if isinstance(result, Rejection):
        return _rejected(result)
    return store_article(db, source.path, result, warnings)


def ingest(
    paths: Iterable[str],
    *,
    db: str | Path | Database = DEFAULT_DB,
    settings: Settings | None = None,
    hints: Hints | None = None,
    stories: StoryOptions | None = None,
) -> IngestReport:
    """Ingest ``paths`` into the database ``db`` and return the report."""
    report = IngestReport()
    database = db if isinstance(db, Database) else Database(db)
    try:
        for outcome in iter_ingest(paths, database, settings=settings, hints=hints, stories=stories):
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


def store_article(db: Database, path: str, result: ArticleResult, warnings: list[str]) -> Outcome:
    """Commit one article; its identities, fingerprint and story follow in a later transaction.

    A run killed between the two leaves the article pending; the next writing
    command completes it (:mod:`storyline.store.consistency`).
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
    return Outcome(path, "new", a.id, copy_of=added.copy_of, language=a.language, warnings=tuple(warnings))


def pending_outcomes(db: Database, update: Callable[[Sequence[str] | None], None]) -> Iterator[Outcome]:
    """Complete the collection for articles a killed run left pending; only failures are reported."""
    yield from _failed(complete_pending(update, db), db)


def _failed(failures: Iterable[Failure], db: Database) -> Iterator[Outcome]:
    for failure in failures:
        reason = f"stored, but its story could not be updated ({failure.error}); please report it"
        yield Outcome(
            f"{db.path}: article {failure.article_id}", "rejected", failure.article_id, reason, internal=True
        )

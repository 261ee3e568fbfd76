"""``storyline watch``: monitor feeds, sitemaps and pages, round after round.

The sources file (TOML) lists ``[[feed]]``, ``[[sitemap]]`` and ``[[page]]``
tables, each with a ``url`` and optionally a ``name`` and an ``interval``
(``"90s"``, ``"15m"``, ``"2h"``, ``"1d"`` or seconds; default from
``[watch] interval``, else 15 minutes).  It may also carry the ``[storyline]``
settings table.

A round fetches every source that is due, stores new articles (stories are
updated as they are stored: per chunk, and when a source is done) and ends
with one summary line.  A source's
next round is scheduled only when its round completed: killed or
interrupted half-way, it is due again at once, and what it had already
stored is not fetched again (see :mod:`storyline.ingest.state`).  State
lives in the ``watch_sources`` table, which the web UI shows at ``/sources``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from storyline.api import Outcome, collection_updater, iter_ingest, pending_outcomes
from storyline.errors import ConfigError
from storyline.ingest.fetch import Fetcher
from storyline.ingest.identity import canonical_url
from storyline.memory import release
from storyline.settings import Settings
from storyline.store.consistency import checkpoint
from storyline.store.db import Database
from storyline.store.dialect import db_errors

KINDS = ("feed", "sitemap", "page")
DEFAULT_INTERVAL = 900.0
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_SOURCE_KEYS = {"url", "name", "interval"}


@dataclass(frozen=True, slots=True)
class WatchSource:
    """One monitored feed, sitemap or page."""

    name: str
    url: str
    kind: str
    interval: float  # seconds


@dataclass(slots=True)
class RoundSummary:
    """What one round did: outcome counts, stories touched, requests made."""

    number: int
    sources: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    requests: int = 0
    failed_sources: list[str] = field(default_factory=list)
    interrupted: bool = False

    def line(self) -> str:
        c = self.counts
        text = (
            f"round {self.number} · {_clock()} · {self.sources} source(s): {c['new']} new, "
            f"{c['duplicate']} duplicate, {c['rejected']} failed, {self.stories} stories touched"
        )
        extra = [
            f"{c[k]} {label}" for k, label in (("unchanged", "not modified"), ("known", "known")) if c[k]
        ]
        text += f" ({', '.join([*extra, f'{self.requests} requests'])})"
        return text + (" — interrupted" if self.interrupted else "")

    def as_dict(self) -> dict[str, Any]:
        c = self.counts
        keys = ("new", "duplicate", "rejected", "unchanged", "known", "skipped")
        return {"round": self.number, "sources": self.sources, **{k: c[k] for k in keys}} | {
            "stories_touched": self.stories,
            "requests": self.requests,
            "failed_sources": self.failed_sources,
            "interrupted": self.interrupted,
        }


# --- the sources file -------------------------------------------------------------


def load_sources(path: Path) -> list[WatchSource]:
    """The sources declared in ``path``; a :class:`ConfigError` names the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read sources: {exc}") from exc
    unknown = sorted(set(data) - {*KINDS, "watch", "storyline"})
    if unknown:
        raise ConfigError(
            f"{path}: unknown table(s) {', '.join(unknown)}; use [[feed]], [[sitemap]], [[page]]"
        )
    default = parse_interval(data.get("watch", {}).get("interval", DEFAULT_INTERVAL), path)
    sources = [_source(entry, kind, default, path) for kind in KINDS for entry in data.get(kind, [])]
    if not sources:
        raise ConfigError(f"{path}: no sources (add [[feed]], [[sitemap]] or [[page]] tables with a url)")
    names = Counter(s.name for s in sources)
    twice = sorted(n for n, k in names.items() if k > 1)
    if twice:
        raise ConfigError(f"{path}: source name(s) used twice: {', '.join(twice)}")
    return sources


def _source(entry: Any, kind: str, default: float, path: Path) -> WatchSource:
    if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
        raise ConfigError(f'{path}: every [[{kind}]] needs a url = "https://…"')
    unknown = sorted(set(entry) - _SOURCE_KEYS)
    if unknown:
        raise ConfigError(f"{path}: [[{kind}]] {entry['url']}: unknown key(s) {', '.join(unknown)}")
    url = canonical_url(entry["url"])
    if url is None:
        raise ConfigError(f"{path}: [[{kind}]] {entry['url']!r} is not an http(s) URL")
    interval = parse_interval(entry.get("interval", default), path)
    return WatchSource(str(entry.get("name") or url), url, kind, interval)


def parse_interval(value: object, path: Path) -> float:
    """Seconds from ``"90s"``, ``"15m"``, ``"2h"``, ``"1d"`` or a number."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    match = _INTERVAL.match(value) if isinstance(value, str) else None
    if match is None:
        raise ConfigError(f'{path}: interval {value!r} is not a duration such as "15m", "2h" or 600')
    return float(match.group(1)) * _UNITS[match.group(2)]


# --- rounds -----------------------------------------------------------------------------


class Watcher:
    """Runs rounds over the due sources of one database."""

    def __init__(
        self, db: Database, sources: list[WatchSource], settings: Settings, fetcher: Fetcher
    ) -> None:
        self.db, self.sources, self.settings, self.fetcher = db, sources, settings, fetcher
        self.rounds = 0
        # One updater for the watcher's life: its embedder loads once, not per source and round.
        self.update = collection_updater(db, settings)
        self._register()

    def _register(self) -> None:
        with self.db.atomic() as conn:
            for s in self.sources:
                conn.execute(
                    "INSERT INTO watch_sources (name, url, kind, interval_s, updated_at) "
                    "VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(name) DO UPDATE SET url = excluded.url, kind = excluded.kind, "
                    "interval_s = excluded.interval_s, updated_at = excluded.updated_at, "
                    "next_due = CASE WHEN watch_sources.url = excluded.url THEN watch_sources.next_due END",
                    (s.name, s.url, s.kind, s.interval, _now()),
                )

    def due(self) -> list[WatchSource]:
        rows = dict(self.db.conn.execute("SELECT name, next_due FROM watch_sources").fetchall())
        now = _now()
        return [s for s in self.sources if not rows.get(s.name) or rows[s.name] <= now]

    def seconds_to_next(self) -> float:
        """Seconds until the next source is due (0 if one is due now)."""
        names = [s.name for s in self.sources]
        marks = ",".join("?" * len(names))
        row = self.db.conn.execute(
            f"SELECT min(next_due) FROM watch_sources WHERE name IN ({marks})", names
        ).fetchone()
        if not row or row[0] is None:
            return 0.0
        when = dt.datetime.fromisoformat(row[0])
        return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())

    def run_round(
        self, *, stop: Callable[[], bool] = lambda: False, report: Callable[[Outcome], None] = lambda o: None
    ) -> RoundSummary:
        """One round over the due sources; ``stop`` is asked between articles."""
        self.rounds += 1
        summary = RoundSummary(self.rounds)
        requests_before = self.fetcher.stats["requests"]
        new_ids: list[str] = []
        if self.settings.extract:
            # What a killed round left without its story.
            for failure in pending_outcomes(self.db, self.update):
                report(failure)
        for source in self.due():
            summary.sources += 1
            try:
                counts, failures, complete = self._poll(source, stop, report, new_ids)
            except Exception as exc:  # one broken source (or a bug it triggers) never stops the monitor
                failure = Outcome(
                    source.url, "rejected", reason=f"internal error ({type(exc).__name__}: {exc})"
                )
                report(failure)
                counts, failures, complete = Counter(rejected=1), [failure], True
            summary.counts.update(counts)
            if failures and failures[0].path == source.url:
                summary.failed_sources.append(source.name)
            if not complete:
                summary.interrupted = True
                break
            self._finish(source, counts, failures)
        summary.requests = self.fetcher.stats["requests"] - requests_before
        summary.stories = _stories_touched(self.db, new_ids)
        checkpoint(self.db)  # keep the WAL small between rounds while the web UI reads
        release()  # what the round's articles freed goes back to the system: a monitor runs for weeks
        return summary

    def _poll(
        self,
        source: WatchSource,
        stop: Callable[[], bool],
        report: Callable[[Outcome], None],
        new_ids: list[str],
    ) -> tuple[Counter[str], list[Outcome], bool]:
        counts: Counter[str] = Counter()
        failures: list[Outcome] = []
        outcomes = cast(
            Generator[Outcome, None, None],
            iter_ingest(
                [source.url],
                self.db,
                settings=self.settings,
                fetcher=self.fetcher,
                finish_pending=False,
                updater=self.update,
            ),
        )
        try:
            for outcome in outcomes:
                counts[outcome.status] += 1
                report(outcome)
                if outcome.status == "rejected":
                    failures.append(outcome)
                elif outcome.status == "new" and outcome.article_id:
                    new_ids.append(outcome.article_id)
                if stop():
                    return counts, failures, False
        finally:
            outcomes.close()  # an interrupted source stops here, between two articles
        return counts, failures, True

    def _finish(self, source: WatchSource, counts: Counter[str], failures: list[Outcome]) -> None:
        """Record a completed round of ``source`` and schedule its next one."""
        now = dt.datetime.now(dt.UTC)
        status = "failed" if failures and failures[0].path == source.url else _status(counts)
        error = f"{failures[-1].path}: {failures[-1].reason}" if failures else None
        next_due = (now + dt.timedelta(seconds=source.interval)).isoformat(timespec="seconds")
        with self.db.atomic() as conn:
            conn.execute(
                "UPDATE watch_sources SET last_round = ?, next_due = ?, last_status = ?, "
                "rounds = rounds + 1, "
                "articles = articles + ?, last_error = coalesce(?, last_error), "
                "last_error_at = CASE WHEN ? IS NULL THEN last_error_at ELSE ? END WHERE name = ?",
                (_iso(now), next_due, status, counts["new"], error, error, _iso(now), source.name),
            )


def _status(counts: Counter[str]) -> str:
    if counts["unchanged"] and sum(counts.values()) == counts["unchanged"]:
        return "not modified"
    parts = [
        f"{counts[k]} {label}" for k, label in (("new", "new"), ("rejected", "failed"), ("known", "known"))
    ]
    return ", ".join(p for p in parts if not p.startswith("0 ")) or "nothing new"


def _stories_touched(db: Database, article_ids: list[str]) -> int:
    if not article_ids:
        return 0
    marks = ",".join("?" * len(article_ids))
    try:
        row = db.conn.execute(
            f"SELECT count(DISTINCT story_id) FROM story_articles WHERE article_id IN ({marks})", article_ids
        ).fetchone()
    except db_errors():
        return 0
    return int(row[0])


def source_status(db: Database) -> list[dict[str, Any]]:
    """Every watched source with its last fetch, status and error (for ``storyline sources`` and /sources)."""
    try:
        rows = db.conn.execute(
            "SELECT w.name, w.url, w.kind, w.interval_s AS interval, w.last_round, w.next_due, "
            "w.last_status, "
            "w.last_error, w.last_error_at, w.rounds, w.articles, f.status AS http_status, "
            "f.fetched_at AS last_fetched FROM watch_sources w LEFT JOIN fetch_state f ON f.url = w.url "
            "ORDER BY w.name"
        ).fetchall()
    except db_errors():  # a database from before migration 0007, opened read-only
        return []
    return [dict(r) for r in rows]


def _now() -> str:
    return _iso(dt.datetime.now(dt.UTC))


def _iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def _clock() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")

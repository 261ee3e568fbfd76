"""Migration 0014's per-(entity, day) table, on SQLite and on PostgreSQL (issue 13).

* Its triggers keep it equal to the aggregate of timeline_entities it stands
  for, through inserts and deletes.
* An actor's timeline ranked from it (only the days that can make the top are
  scored) answers exactly what ranking every day of the actor answers.
* A database at the schema before it migrates and answers the same timelines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

import pytest

from storyline.store import db as store_db
from storyline.store.db import Database
from storyline.stories import date_window, timelines

MIGRATION = "0014_timeline_entity_days.sql"
PEOPLE = [f"p{i}" for i in range(6)]
# p0 and p0b are one actor (merged): its timeline reads both entities' rows.
ENTITIES = [(p, p) for p in PEOPLE] + [("p0b", "p0")]
AGGREGATE = (
    "SELECT entity_id, day, count(*), count(DISTINCT CASE WHEN counts = 1 OR day = published "
    "THEN article_id END) FROM timeline_entities WHERE counts >= 0 GROUP BY entity_id, day"
)


def _fill(db: Database, seed: int, articles: int = 90) -> list[str]:
    """A random collection: publication days (some unknown), copies, translations, verbatim
    repeats, sentences dated before, on and after publication, some yearless."""
    rng = random.Random(seed)
    conn = db.conn
    for entity_id, actor_id in ENTITIES:
        conn.execute(
            "INSERT INTO entities (entity_id, kind, name, actor_id, reason, sort_key, last_key) "
            "VALUES (?, 'person', ?, ?, 'own', ?, ?)",
            (entity_id, entity_id, actor_id, entity_id, entity_id),
        )
    day0 = dt.date(2024, 3, 1)
    ids = [f"a{i:03d}" for i in range(articles)]
    for i, aid in enumerate(ids):
        published = None if rng.random() < 0.1 else (day0 + dt.timedelta(days=rng.randrange(12))).isoformat()
        copy_of = rng.choice(ids[:i]) if i and rng.random() < 0.15 else None
        conn.execute(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version, published, language, title, copy_of) "
            "VALUES (?, ?, ?, '', '', '[]', '[]', '', '', '', ?, 'en', ?, ?)",
            (aid, aid, aid, published, f"Title {aid}", copy_of),
        )
        conn.execute("INSERT INTO story_articles VALUES (?, ?)", (aid, f"s{rng.randrange(8)}"))
    for _ in range(articles // 4):
        a, b = rng.sample(ids, 2)
        kind = rng.choice(["copy", "translation", "story"])
        conn.execute("INSERT OR IGNORE INTO article_links VALUES (?, ?, ?, 0.9, '{}', NULL)", (a, b, kind))
    said = ["Talks on the port resumed.", "The minister met the envoy.", "Fishing rights were discussed."]
    for aid in ids:
        at = 0
        for _ in range(rng.randint(1, 5)):
            day = day0 + dt.timedelta(days=rng.randrange(-3, 14))
            date = f"--{day:%m-%d}" if rng.random() < 0.1 else day.isoformat()
            named = rng.sample([e for e, _ in ENTITIES], rng.randint(0, 3))
            text = rng.choice(said) if rng.random() < 0.3 else f"Report {aid} {at} on {date}."
            conn.execute(
                "INSERT INTO dated_sentences VALUES (?, ?, ?, ?, ?, ?, ?)",
                (aid, date, at, at + len(text), text, _json_list(named), rng.choice(["time", "event"])),
            )
            at += len(text) + 1
    return ids


def _json_list(items: list[str]) -> str:
    return "[" + ",".join(f'"{i}"' for i in items) + "]"


def _table(db: Database) -> list[tuple[Any, ...]]:
    rows = db.conn.execute("SELECT entity_id, day, sentences, votes FROM timeline_entity_days")
    return sorted(tuple(r) for r in rows)


def _aggregate(db: Database) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in db.conn.execute(AGGREGATE))


def _every_day_ranked(
    db: Database, query: str, limit: int | None, date_from: str | None = None, date_to: str | None = None
) -> list[dict[str, Any]]:
    """The timeline as ranked before 0014: every day of the actor scored."""
    match = timelines._timeline_match

    def without_table(conn: Any, q: str) -> timelines._Match | None:
        found = match(conn, q)
        return dataclasses.replace(found, entity_ids=()) if found else None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timelines, "_timeline_match", without_table)
        return timelines.timeline(db, query, limit=limit, date_from=date_from, date_to=date_to)


@pytest.mark.parametrize("seed", range(3))
def test_the_table_is_the_aggregate_through_inserts_and_deletes(store_target: str, seed: int) -> None:
    with Database(store_target) as db:
        ids = _fill(db, seed)
        assert _table(db) == _aggregate(db) and _table(db)
        rng = random.Random(seed)
        for aid in rng.sample(ids, 20):
            db.conn.execute("DELETE FROM dated_sentences WHERE article_id = ? AND span_start = 0", (aid,))
        db.conn.execute("DELETE FROM articles WHERE id IN (?, ?, ?)", tuple(rng.sample(ids, 3)))
        assert _table(db) == _aggregate(db)


@pytest.mark.parametrize("seed", range(3))
def test_an_actor_timeline_from_the_table_is_the_full_ranking(
    store_target: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timelines, "_ENTITY_CHUNK", 1)  # chunks of 2 x limit: days are left unscored
    with Database(store_target) as db:
        _fill(db, seed)
        for query in ("p0", "p1", "p3"):
            for limit in (1, 2, 3, 5, 8, 40, None):
                assert timelines.timeline(db, query, limit=limit) == _every_day_ranked(db, query, limit)


def test_an_older_database_migrates_and_answers_the_same(
    store_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = store_db.migrations  # a database at the schema before 0014, then opened as it is now
    monkeypatch.setattr(
        store_db, "migrations", lambda dialect: [m for m in every(dialect) if m[0] < MIGRATION]
    )
    with Database(store_target) as db:
        assert MIGRATION not in db.migrations()
        _fill(db, 11)
        before = {(q, n): _every_day_ranked(db, q, n) for q in ("p0", "p2") for n in (3, 10)}
    monkeypatch.undo()
    with Database(store_target) as db:
        assert MIGRATION in db.migrations()
        assert _table(db) == _aggregate(db)
        assert {(q, n): timelines.timeline(db, q, limit=n) for q, n in before} == before


# Date windows (issue 13): narrowed in SQL, they answer what filtering every entry answered.
WINDOWS = [
    ("2024-03-04", "2024-03-09"),  # days, some yearless ones resolve inside
    ("2024-03-01", "2024-03-01"),
    ("2024-02", "2024-03"),  # months
    ("2024", "2024"),  # a year
    ("2024-03-08", None),  # open ends
    (None, "2024-03-05"),
    ("2023-12-30", "2024-01-02"),  # across a new year, nothing in it
    ("2024-13", None),  # no date: no yearless day is ruled out
]


def _filtered(db: Database, query: str | None, window: tuple[str | None, str | None]) -> list[dict[str, Any]]:
    """The window as the web views applied it before: every entry made, then filtered."""
    return [e for e in timelines.timeline(db, query) if date_window.in_window(e["date"], *window)]


@pytest.mark.parametrize("seed", range(3))
def test_a_window_narrowed_in_sql_equals_filtering_every_entry(store_target: str, seed: int) -> None:
    with Database(store_target) as db:
        _fill(db, seed)
        for query in (None, "p0", "p2", "port"):
            for window in WINDOWS:
                lo, hi = window
                narrowed = timelines.timeline(db, query, date_from=lo, date_to=hi)
                assert narrowed == _filtered(db, query, window), (query, window)


@pytest.mark.parametrize("seed", range(3))
def test_the_best_days_of_a_window_are_the_same_on_every_ranking_path(
    store_target: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a limit, the window's best days: an actor's, ranked from timeline_entity_days in
    chunks, are those of scoring every day of the window; the collection's are among the
    window's entries."""
    monkeypatch.setattr(timelines, "_ENTITY_CHUNK", 1)
    with Database(store_target) as db:
        _fill(db, seed)
        for window in WINDOWS[:5]:
            lo, hi = window
            for limit in (1, 3, 40):
                for query in ("p0", "p3"):
                    chunked = timelines.timeline(db, query, limit=limit, date_from=lo, date_to=hi)
                    whole = _every_day_ranked(db, query, limit, lo, hi)
                    assert chunked == whole, (query, window, limit)
                entries = timelines.timeline(db, None, limit=limit, date_from=lo, date_to=hi)
                assert len(entries) <= limit
                assert all(e in _filtered(db, None, window) for e in entries)


def test_latest_days(store_target: str) -> None:
    with Database(store_target) as db:
        assert date_window.latest_days(db, 60) is None
        _fill(db, 4)
        latest = db.conn.execute("SELECT max(published) FROM articles").fetchone()[0]
        window = date_window.latest_days(db, 10)
        assert window is not None and window.date_to is not None and window.date_to <= latest
        days = dt.date.fromisoformat(window.date_to) - dt.date.fromisoformat(str(window.date_from))
        assert days.days == 9

"""The shortcuts taken for scale (issue 13) give what the plain ways give.

* Source groups read from a query's own articles outward equal the whole
  collection's groups restricted to them.
* A story's sample is read without reading the whole story.
* Migration 0011's re-created trigger still gives a verbatim repeat no vote.
"""

from __future__ import annotations

import random

import pytest

from storyline.cluster.linkage import SAMPLE, _sample
from storyline.store.db import Database
from storyline.stories.sources import collection_origins, origins_of


def _article(db: Database, aid: str, published: str | None = None, copy_of: str | None = None) -> None:
    db.conn.execute(
        "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
        "ingested_at, pipeline_version, published, copy_of) "
        "VALUES (?, ?, ?, '', '', '[]', '[]', '', '', '', ?, ?)",
        (aid, aid, aid, published, copy_of),
    )


@pytest.fixture
def db(store_target: str) -> Database:
    return Database(store_target)


@pytest.mark.parametrize("seed", range(5))
def test_origins_of_equal_the_collection_groups(db: Database, seed: int) -> None:
    rng = random.Random(seed)
    ids = [f"a{i:03d}" for i in range(120)]
    for i, aid in enumerate(ids):
        original = rng.choice(ids[:i]) if i and rng.random() < 0.2 else None
        _article(db, aid, copy_of=original)
    for _ in range(40):
        a, b = rng.sample(ids, 2)
        kind = rng.choice(["copy", "translation", "story"])  # story links do not group
        db.conn.execute("INSERT OR IGNORE INTO article_links VALUES (?, ?, ?, 0.9, '{}', NULL)", (a, b, kind))
    whole = collection_origins(db.conn)
    for size in (1, 5, 30, 120):
        asked = rng.sample(ids, size)
        assert origins_of(db.conn, asked) == {a: whole[a] for a in asked if a in whole}


def _naive_sample(members: list[str], compared: list[str]) -> list[str]:
    """The sample as the linkage defined it before reading stories in part."""
    if len(members) <= SAMPLE:
        return members
    chosen = list(dict.fromkeys(i for i in compared if i in set(members)))[:SAMPLE]
    return chosen + [m for m in members if m not in set(chosen)][: SAMPLE - len(chosen)]


@pytest.mark.parametrize("size", [1, SAMPLE, SAMPLE + 1, 3 * SAMPLE])
def test_story_sample_is_read_in_part(db: Database, size: int) -> None:
    rng = random.Random(size)
    ids = [f"m{i:03d}" for i in range(4 * SAMPLE)]
    for aid in ids:
        _article(db, aid)
    story = ids[:size]
    rng.shuffle(story)
    db.conn.executemany("INSERT INTO story_articles VALUES (?, 's-x')", [(a,) for a in story])
    newest_first = story[::-1]
    for _ in range(10):
        judged = rng.sample(ids, rng.randint(1, 2 * SAMPLE))
        assert _sample(db.conn, "s-x", judged) == _naive_sample(newest_first, judged)


def test_a_verbatim_repeat_casts_no_vote(db: Database) -> None:
    sentence = "Talks on the port resumed in Westby on 2 March."
    other = "Talks on the pier resumed in Westby on 2 March."  # same length, other words
    for aid, text in (("x1", sentence), ("x2", sentence), ("x3", other)):
        _article(db, aid, published="2024-03-05")
        db.conn.execute(
            "INSERT INTO dated_sentences VALUES (?, '2024-03-02', 0, ?, ?, '[]', 'event')",
            (aid, len(text), text),
        )
    votes = dict(db.conn.execute("SELECT article_id, counts FROM timeline_sentences"))
    assert votes == {"x1": 1, "x2": 0, "x3": 1}
    if db.dialect.name != "sqlite":  # PostgreSQL plans by its statistics: the index is there
        (definition,) = db.conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'timeline_sentences_day_length'"
        ).fetchone()
        assert "length(text)" in definition
        return
    plan = " ".join(
        str(r[-1])
        for r in db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM timeline_sentences t WHERE t.day = ? AND length(t.text) = ? "
            "AND t.article_id != ? AND t.text = ?",
            ("2024-03-02", 10, "x", "y"),
        )
    )
    assert "timeline_sentences_day_length" in plan

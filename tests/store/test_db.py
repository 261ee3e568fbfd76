"""The store, on SQLite and on PostgreSQL: migrations, full-text search, atomic writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.model import Article, ArticleResult, Removal, TimeExpr
from storyline.store.db import Database


def _article(i: int, text: str = "") -> Article:
    return Article(
        id=f"a{i:015d}",
        source_path=f"f{i}.txt",
        digest=f"d{i}",
        raw_text="junk\n" + (text or f"Article number {i} about the summit in Rio."),
        text=text or f"Article number {i} about the summit in Rio.",
        removed=(Removal(0, 4, "navigation", "junk"),),
        language="en",
        published=dt.date(2024, 11, 19),
    )


def test_migrations_are_recorded_once(store_target: str) -> None:
    db = Database(store_target)
    names = db.migrations()
    assert names[0].startswith("0001")
    db.close()
    again = Database(store_target)
    assert again.migrations() == names
    assert again.migrate() == []
    if db.dialect.name == "sqlite":
        mode = again.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert not any(".postgres" in n or n.startswith("0012") for n in names)
    else:
        assert "0012_postgres_functions.sql" in names


def test_add_duplicate_and_exact_copy(store_target: str) -> None:
    db = Database(store_target)
    first = db.add(ArticleResult(_article(1)), "h1")
    assert first.status == "new" and first.copy_of is None
    assert db.add(ArticleResult(_article(1)), "h1").status == "duplicate"
    copy = db.add(ArticleResult(_article(2)), "h1")  # same cleaned text from another source
    assert copy.status == "new" and copy.copy_of == _article(1).id
    assert db.count() == 2
    stored = db.get(_article(1).id)
    assert stored is not None and stored.removed[0].reason == "navigation"
    assert stored.published == dt.date(2024, 11, 19)


def test_search_matches_words_without_accents_and_ignores_syntax(store_target: str) -> None:
    db = Database(store_target)
    db.add(ArticleResult(_article(1, "Cúpula do G20 no Rio de Janeiro reúne líderes.")), "h1")
    db.add(ArticleResult(_article(2, "Nobel Peace Prize goes to Nihon Hidankyo.")), "h2")
    assert [h.id for h in db.search("cupula")] == [_article(1).id]
    assert [h.id for h in db.search("lideres rio")] == [_article(1).id]
    assert db.search('"AND OR (') == []


def test_an_article_is_committed_whole_or_not_at_all(
    store_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = Database(store_target)
    db.add(ArticleResult(_article(1)), "h1")
    a = _article(2)
    result = ArticleResult(a, times=(TimeExpr(0, 7, "Article", "2024-11", "month", "published"),))

    def fail_midway(self: Database, conn: object, r: ArticleResult) -> None:
        raise KeyboardInterrupt  # as if Ctrl-C arrived after the article row was inserted

    monkeypatch.setattr(Database, "_insert_results", fail_midway)
    with pytest.raises(KeyboardInterrupt):
        db.add(result, "h2")
    monkeypatch.undo()
    assert db.count() == 1
    assert db.get(a.id) is None
    assert db.search("number 2") == []
    assert db.add(result, "h2").status == "new"  # a re-run completes it
    assert db.results(a.id)["times"][0]["value"] == "2024-11"


def test_a_read_snapshot_does_not_see_a_later_commit(store_target: str) -> None:
    """The web routes read in a snapshot: a story merged by a monitor between two queries of one
    page must not make the second query miss what the first one found."""
    with Database(store_target) as writer:
        writer.add(ArticleResult(_article(1)), "h1")
        reader = Database(store_target, readonly=True)
        count = "SELECT count(*) FROM articles"
        with reader.snapshot() as conn:
            before = conn.execute(count).fetchone()[0]
            writer.add(ArticleResult(_article(2)), "h2")
            during = conn.execute(count).fetchone()[0]
        after = reader.conn.execute(count).fetchone()[0]
        reader.close()
    assert (before, during, after) == (1, 1, 2)


def test_every_sqlite_connection_has_a_bounded_page_cache(tmp_path: Path) -> None:
    """The page cache is a ceiling per connection, whatever the database's size (a server opens
    one connection per worker thread; a monitor runs for weeks)."""
    from storyline.store.db import CACHE_KIB

    path = f"{tmp_path}/c.db"
    for db in (Database(path), Database(path, readonly=True)):
        assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        db.close()

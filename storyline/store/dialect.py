"""What differs between the two stores, in one place: SQLite (the default) and PostgreSQL.

Everything above the store holds a :class:`Connection`: a ``sqlite3.Connection``
itself (nothing is wrapped, so the SQLite path costs nothing) or a
:class:`storyline.store.postgres.PgConnection`, which takes the same SQL (see
:mod:`storyline.store.sqlpg`).  What cannot be written once — opening and
locking transactions, full-text search documents and ranking, cache pragmas,
the lock that serialises collection updates across processes — is a method of
:class:`Dialect`, found with :func:`dialect_of`.
"""

from __future__ import annotations

import sqlite3
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from storyline.store import search


class Cursor(Protocol):
    """What storyline reads from a statement's result."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...

    @property
    def rowcount(self) -> int: ...


class Connection(Protocol):
    """A database connection as storyline uses it (sqlite3's calling conventions)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...

    def cursor(self) -> Any: ...

    def close(self) -> None: ...


class Dialect:
    """SQLite: the statements as written, locks by ``BEGIN IMMEDIATE``, FTS5 by triggers."""

    name = "sqlite"
    # Blocking keys: each key of ``:keys`` (a JSON list) and at most ``:cap`` of the articles
    # stored under it, where ``{where}`` holds (the clusterer's candidate lookup).
    key_lookup = (
        "SELECT j.value, s.article_id FROM json_each(:keys) j JOIN story_keys s ON s.rowid IN "
        "(SELECT rowid FROM story_keys WHERE key = j.value AND {where} LIMIT :cap)"
    )

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        """One writing transaction: committed on success, rolled back on any exception."""
        conn.execute("BEGIN IMMEDIATE")  # the write lock now, not at the first write
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def snapshot(self, conn: Any) -> Iterator[None]:
        """Reads that all see one state of the database, whatever a writer commits meanwhile.

        A deferred transaction: in WAL mode its first read fixes the snapshot and it
        takes no lock a writer waits for.  Inside a transaction already, that one serves.
        """
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")  # nothing was written: ends the read, frees the WAL

    @contextmanager
    def exclusive(self, conn: Any, name: str) -> Iterator[None]:
        """Hold the named lock across transactions (SQLite: each transaction locks the file)."""
        yield

    def index_article(
        self, conn: Any, article_id: str, title: str | None, text: str, language: str | None
    ) -> None:
        """Make a stored article searchable (SQLite: the articles_ai trigger did)."""

    def after_migration(self, conn: Any, name: str) -> None:
        """What a migration needs done in Python, inside its transaction (SQLite: nothing;
        its migrations call the Python functions the store registers)."""

    def index_timeline(self, conn: Any, article_id: str) -> None:
        """Make an article's dated sentences searchable (SQLite: a trigger did)."""

    @contextmanager
    def working_cache(self, conn: Any, kib: int) -> Iterator[None]:
        """The connection's page cache raised to ``kib`` KiB (never lowered) for one piece of
        work, then set back and its pages freed.

        A cache fills up to its size and stays full: held by a long-running process between
        pieces of work, a large one grows with the database (see ``store.db.CACHE_KIB``).
        """
        size = int(conn.execute("PRAGMA cache_size").fetchone()[0])  # < 0: KiB, else pages
        current = -size if size < 0 else size * int(conn.execute("PRAGMA page_size").fetchone()[0]) // 1024
        if current < kib:
            conn.execute(f"PRAGMA cache_size = -{int(kib)}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA cache_size = {size}")
            conn.execute("PRAGMA shrink_memory")  # the pages beyond the restored size

    def data_version(self, conn: Any) -> int | None:
        """A number that changes when another connection commits (None: no such number)."""
        return int(conn.execute("PRAGMA data_version").fetchone()[0])

    def integrity(self, conn: Any) -> str:
        """``ok``, or what the database's own consistency check found."""
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])

    def search_rank(self, match: str) -> tuple[str, tuple[str, ...]]:
        """The ranking and its parameters of a search over ``articles_fts`` joined to
        ``articles a``, for the FTS5 expression ``match``."""
        return "rank", ()


class PostgresDialect(Dialect):
    """PostgreSQL: advisory locks, ``tsvector`` documents built by :mod:`storyline.store.search`."""

    name = "postgresql"
    # The same as a LATERAL join: PostgreSQL would otherwise test every stored key against
    # every key of the article (a nested loop with a subplan per pair).
    key_lookup = (
        "SELECT j.value, s.article_id FROM json_each(:keys) j CROSS JOIN LATERAL "
        "(SELECT article_id FROM story_keys WHERE key = j.value AND {where} LIMIT :cap) s"
    )
    WRITER = 0x5707  # the advisory lock every writing transaction takes (as BEGIN IMMEDIATE)

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        with conn.transaction():
            # One writer at a time, as SQLite: an article's duplicate check and its insert,
            # a story update and its reads, see every earlier commit. Readers never wait.
            conn.execute("SELECT pg_advisory_xact_lock(?)", (self.WRITER,))
            yield

    @contextmanager
    def snapshot(self, conn: Any) -> Iterator[None]:
        with conn.pinned() as raw, raw.transaction():
            raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    @contextmanager
    def exclusive(self, conn: Any, name: str) -> Iterator[None]:
        # A session lock: the connection that takes it must release it, so it stays pinned.
        key = zlib.crc32(name.encode())
        with conn.pinned():
            conn.execute("SELECT pg_advisory_lock(?)", (key,))
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(?)", (key,))

    def index_article(
        self, conn: Any, article_id: str, title: str | None, text: str, language: str | None
    ) -> None:
        conn.execute(
            "INSERT INTO articles_fts (rowid, doc) "
            "SELECT rowid, CAST(? AS tsvector) FROM articles WHERE id = ?",
            (search.tsvector(title, text, language=language), article_id),
        )

    def after_migration(self, conn: Any, name: str) -> None:
        if name == "0010_search_text_scripts.sql":
            _reindex_0010(conn)

    def index_timeline(self, conn: Any, article_id: str) -> None:
        rows = conn.execute(
            "SELECT s.id, s.text FROM timeline_sentences s WHERE s.article_id = ? "
            "AND NOT EXISTS (SELECT 1 FROM timeline_fts f WHERE f.rowid = s.id)",
            (article_id,),
        ).fetchall()
        conn.executemany(
            "INSERT INTO timeline_fts (rowid, doc) VALUES (?, CAST(? AS tsvector))",
            [(r[0], search.tsvector(r[1])) for r in rows],
        )

    @contextmanager
    def working_cache(self, conn: Any, kib: int) -> Iterator[None]:
        """The server manages its own buffers."""
        yield

    def data_version(self, conn: Any) -> int | None:
        """None: PostgreSQL tells no connection whether others committed."""
        return None

    def integrity(self, conn: Any) -> str:
        """The server checks its own pages; what is checked here is storyline's: every article
        is searchable."""
        missing = conn.execute(
            "SELECT count(*) FROM articles WHERE rowid NOT IN (SELECT rowid FROM articles_fts)"
        ).fetchone()[0]
        return "ok" if not missing else f"{missing} articles missing from the search index"

    def search_rank(self, match: str) -> tuple[str, tuple[str, ...]]:
        from storyline.store.sqlpg import match_param

        return "ts_rank(articles_fts.doc, CAST(? AS tsquery)) DESC, a.rowid", (match_param(match),)


def _reindex_0010(conn: Any) -> None:
    """Migration 0010 on PostgreSQL: the search documents of what is stored rebuilt from
    :func:`storyline.normalize.search_text`, the entities' cross-script columns filled."""
    from storyline.extract.names import script_keys, script_of

    conn.execute("DELETE FROM articles_fts")
    for rows in _pages(conn, "articles", "rowid", "title, text, language"):
        conn.executemany(
            "INSERT INTO articles_fts (rowid, doc) VALUES (?, CAST(? AS tsvector))",
            [(r[0], search.tsvector(r[1], r[2], language=r[3])) for r in rows],
        )
    conn.execute("DELETE FROM timeline_fts")
    for rows in _pages(conn, "timeline_sentences", "id", "text"):
        conn.executemany(
            "INSERT INTO timeline_fts (rowid, doc) VALUES (?, CAST(? AS tsvector))",
            [(r[0], search.tsvector(r[1])) for r in rows],
        )
    for rows in _pages(conn, "entities", "entity_id", "name"):
        conn.executemany(
            "UPDATE entities SET script = ?, script_key = ?, script_last = ? WHERE entity_id = ?",
            [(script_of(r[1]), *script_keys(r[1]), r[0]) for r in rows],
        )


_PAGE = 1000


def _pages(conn: Any, table: str, key: str, columns: str) -> Iterator[list[Any]]:
    """``key, columns`` of ``table`` a page at a time in ``key`` order (``key`` unique): a
    migration over a big collection never holds all its texts in memory at once."""
    select = f"SELECT {key}, {columns} FROM {table}"
    after: Any = None
    while True:
        where = f" WHERE {key} > ?" if after is not None else ""
        rows = conn.execute(
            f"{select}{where} ORDER BY {key} LIMIT {int(_PAGE)}", () if after is None else (after,)
        ).fetchall()
        if not rows:
            return
        yield rows
        after = rows[-1][0]


SQLITE = Dialect()
POSTGRES = PostgresDialect()


def db_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a database call raises (psycopg's only once it is loaded)."""
    pg = sys.modules.get("psycopg")
    return (sqlite3.Error, pg.Error) if pg is not None else (sqlite3.Error,)


def dialect_of(conn: Any) -> Dialect:
    """The dialect of a connection."""
    return SQLITE if isinstance(conn, sqlite3.Connection) else POSTGRES

"""PostgreSQL connections that read like sqlite3's: ``execute(sql, params)``, rows by index and name.

Imported only for a ``postgresql://`` target, so the SQLite path never needs psycopg
(the ``[postgres]`` extra).  Connections come from one pool per URL and mode per
process (psycopg_pool); :class:`PgConnection` wraps one of them, runs every
statement through :func:`storyline.store.sqlpg.translate` and returns rows that
behave as ``sqlite3.Row`` (index, column name, ``keys()``).  Loaders make values
come back as SQLite returns them: numeric as float, boolean as 0/1.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from storyline.errors import StoreError
from storyline.store.sqlpg import Schema, Statement, match_param, translate

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

POOL_SIZE = 8
_pools: dict[tuple[str, bool], ConnectionPool[Any]] = {}
_pools_lock = threading.Lock()
_schemas: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {}


def is_url(target: object) -> bool:
    """True for a PostgreSQL URL (``postgresql://`` or ``postgres://``)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def redacted(url: str) -> str:
    """The URL without its password (what messages show)."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.rpartition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"


class Row(tuple[Any, ...]):
    """A result row: by position, by column name, and ``dict(row)``, as ``sqlite3.Row``."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row._names = names
        return row

    return make


class PgCursor:
    """The result of one statement, read whole (its connection went back to the pool)."""

    def __init__(self, conn: PgConnection) -> None:
        self._conn = conn
        self._rows: list[Any] = []
        self._next = 0
        self.rowcount = -1
        self.row_factory: Any = None  # accepted for sqlite3 compatibility; rows are always Row

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        statement = self._conn.translate(sql)
        with self._conn.borrowed() as raw:
            cur = raw.execute(statement.sql, _params(parameters, statement.matches))
            self._rows = list(cur.fetchall()) if cur.description else []
            self.rowcount = int(cur.rowcount)
        return self

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rows, self._next = self._rows[self._next :], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """sqlite3's calling conventions over a psycopg pool.

    A statement outside a transaction borrows a pooled connection (autocommit) and
    gives it back at once, so that a web worker thread holds none between requests; a
    transaction, or a session lock (:meth:`pinned`), keeps one until it ends.
    """

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self.url = url
        self._pool = _pool(url, readonly)
        self._pinned: psycopg.Connection[Any] | None = None
        self._pins = 0

    @contextmanager
    def borrowed(self) -> Iterator[psycopg.Connection[Any]]:
        """The pinned connection, or one from the pool for the time of one statement."""
        if self._pinned is not None:
            yield self._pinned
            return
        with self._pool.connection() as raw:
            yield raw

    @contextmanager
    def pinned(self) -> Iterator[psycopg.Connection[Any]]:
        """One connection for every statement until the block ends (transactions, session locks)."""
        if self._pinned is None:
            self._pinned = self._pool.getconn()
        self._pins += 1
        try:
            yield self._pinned
        finally:
            self._pins -= 1
            if self._pins == 0:
                raw, self._pinned = self._pinned, None
                self._pool.putconn(raw)

    def translate(self, sql: str) -> Statement:
        return translate(sql, self.schema)

    def schema(self) -> Schema:
        """Primary keys and columns of every table (read once per process and database)."""
        found = _schemas.get(self.url)
        if found is None:
            found = {}
            with self.borrowed() as raw:
                rows = raw.execute(_SCHEMA_SQL).fetchall()
            for table, column, key in rows:
                keys, columns = found.get(table, ((), ()))
                found[table] = ((*keys, column) if key else keys, (*columns, column))
            _schemas[self.url] = found
        return found

    def forget_schema(self) -> None:
        _schemas.pop(self.url, None)

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        return PgCursor(self).execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> PgCursor:
        cursor = PgCursor(self)
        statement = self.translate(sql)
        batch = [_params(p, statement.matches) for p in parameters]
        if batch:
            with self.borrowed() as raw, raw.cursor() as cur:
                cur.executemany(statement.sql, batch)
        return cursor

    def executescript(self, sql: str) -> None:
        """Run a migration file as it is (PostgreSQL syntax, no placeholders)."""
        with self.borrowed() as raw:
            raw.execute(sql.encode())

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.pinned() as raw, raw.transaction():
            yield

    def close(self) -> None:
        """Nothing is held between statements; a pinned connection goes back when its block ends."""


_SCHEMA_SQL = (
    "SELECT c.table_name, c.column_name, "
    "EXISTS (SELECT 1 FROM information_schema.key_column_usage k "
    "JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name "
    "AND t.table_name = k.table_name AND t.constraint_type = 'PRIMARY KEY' "
    "WHERE k.table_name = c.table_name AND k.column_name = c.column_name) "
    "FROM information_schema.columns c WHERE c.table_schema = current_schema() "
    "ORDER BY c.table_name, c.ordinal_position"
)


def _params(parameters: Any, matches: tuple[int, ...] = ()) -> Any:
    if isinstance(parameters, dict):
        return parameters
    values = list(parameters)
    for i in matches:  # full-text queries: FTS5 expressions become tsquery literals
        values[i] = match_param(values[i])
    return values


def _pool(url: str, readonly: bool) -> ConnectionPool[Any]:
    try:
        import psycopg  # noqa: F401
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise StoreError(
            f"{redacted(url)}: PostgreSQL needs psycopg: pip install 'storyline[postgres]'"
        ) from exc
    with _pools_lock:
        pool = _pools.get((url, readonly))
        if pool is None:
            _check_connects(url)
            pool = ConnectionPool(
                url,
                min_size=1,
                max_size=POOL_SIZE,
                kwargs={"autocommit": True, "row_factory": _row_factory},
                configure=_readonly if readonly else _configure,
                open=False,
            )
            try:
                pool.open(wait=True, timeout=15)
            except Exception as exc:
                pool.close()
                raise StoreError(f"{redacted(url)}: cannot connect: {exc}") from exc
            if not _pools:
                atexit.register(close_pools)  # the pool's threads end with the process, cleanly
            _pools[(url, readonly)] = pool
    return pool


def _check_connects(url: str) -> None:
    """One connection first, so that a wrong URL is one line, not a pool retrying in the log."""
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split())
        raise StoreError(f"{redacted(url)}: cannot connect: {reason}") from exc


def _configure(conn: psycopg.Connection[Any]) -> None:
    from psycopg.types.numeric import FloatLoader

    conn.adapters.register_loader("numeric", FloatLoader)
    conn.adapters.register_loader("bool", _bool_loader())
    # storyline's statements are many and short: JIT compilation cost far more than it saved.
    conn.execute("SET jit = off")


def _readonly(conn: psycopg.Connection[Any]) -> None:
    _configure(conn)
    conn.execute("SET default_transaction_read_only = on")


def close_pools() -> None:
    """Close every pool of this process (tests, and before a fork)."""
    with _pools_lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()
        _schemas.clear()


@lru_cache(maxsize=1)
def _bool_loader() -> Any:
    """Booleans as 0/1, as SQLite returns a comparison (built on first use: psycopg is optional)."""
    from psycopg.adapt import Loader

    class BoolAsInt(Loader):
        def load(self, data: Any) -> int:
            return 1 if bytes(data) in (b"t", b"\x01") else 0

    return BoolAsInt

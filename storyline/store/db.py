"""The store: SQLite (WAL mode, FTS5) by default, PostgreSQL for a ``postgresql://`` URL.

Recorded migrations, full-text search, one transaction per article; what differs
between the two databases is in :mod:`storyline.store.dialect`.

Every article is written whole or not at all (``atomic``): its row, its FTS
entry (by trigger) and its extraction results commit together, so an
interrupted batch leaves only complete articles behind and a re-run adds
the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.contract import claim_dict, event_dict, mention_dict, place_dict, time_dict
from storyline.errors import StoreError
from storyline.extract.names import script_keys, script_of
from storyline.model import Article, ArticleResult, Paragraph, Removal
from storyline.normalize import fold_chars, search_terms, search_text
from storyline.store.dialect import SQLITE, Connection, db_errors, dialect_of
from storyline.store.migrate import migrations, statements
from storyline.store.postgres import is_url
from storyline.store.where import Where

DEFAULT_DB = "storyline.db"
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024
# The page cache of every SQLite connection, in KiB (SQLite's own default is 2,000 KiB).  It is
# a ceiling, not a reservation: the cache fills up to it as pages are read and then stays, so
# a long-running process holds at most this much per connection whatever the database's size
# (`storyline serve` opens one per worker thread; the clusterer raises its writer's, see
# storyline.cluster.clusterer.PAGE_CACHE_KIB).
CACHE_KIB = 2 * 1024
# Prepared statements a read-only connection keeps (Python's default is 128).  Listings build
# `IN (?, ?, …)` with one mark per article of a story, so each story size is another statement,
# about 270 bytes per mark: with 128 kept per worker thread, a server's memory followed the
# size of the stories (bench/soak.py).  The few fixed queries of a page stay prepared.
READ_STATEMENTS = 32
DB_HELP = "SQLite database file, or a PostgreSQL URL (postgresql://user@host/dbname)."


def exists(target: str | Path) -> bool:
    """Whether the database ``target`` names is there: a SQLite file, or any PostgreSQL URL
    (whose server answers, or not, when it is opened)."""
    return is_url(str(target)) or Path(target).is_file()


@dataclass(frozen=True, slots=True)
class Added:
    """The outcome of storing one article: ``new`` or ``duplicate``, and what it copies."""

    status: str
    article_id: str
    copy_of: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A listing row: what ``storyline articles`` shows."""

    id: str
    language: str | None
    published: str | None
    title: str | None
    url: str | None
    source_path: str
    chars: int
    removed: int
    copy_of: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text search hit with a highlighted snippet."""

    id: str
    language: str | None
    published: str | None
    title: str | None
    snippet: str


class Database:
    """A storyline database (a SQLite file or a PostgreSQL URL); opening it applies any pending migration.

    ``must_exist`` (every command that only reads) refuses a missing file
    with one line instead of creating an empty database.
    """

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, must_exist: bool = False
    ) -> None:
        self.path = str(path)
        self.conn: Connection
        if is_url(self.path):
            self._open_postgres(readonly)
            return
        self.dialect = SQLITE
        if (readonly or must_exist) and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database (run `storyline ingest` first)")
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, timeout=30, cached_statements=READ_STATEMENTS
                )
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                # A WAL that readers kept from being reset shrinks back to this after a checkpoint.
                self.conn.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            # The FTS triggers (migration 0010) index search_text() of each text.
            self.conn.create_function("search_text", 2, search_text, deterministic=True)
            self.conn.create_function("name_script", 2, _name_script, deterministic=True)
            self.conn.row_factory = sqlite3.Row
            if not readonly:
                self.migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    def _open_postgres(self, readonly: bool) -> None:
        from storyline.store.postgres import PgConnection, redacted

        url, self.path = self.path, redacted(self.path)  # the path is what messages show
        self.conn = PgConnection(url, readonly=readonly)
        self.dialect = dialect_of(self.conn)
        if not readonly:
            try:
                with self.dialect.exclusive(self.conn, "migrate"):  # two processes opening a new database
                    self.migrate()
            except db_errors() as exc:
                self.close()
                raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    @property
    def url(self) -> str:
        """The PostgreSQL URL (with its password) or the SQLite path."""
        return str(getattr(self.conn, "url", self.path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the packaged migrations not yet recorded; returns their names."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, sql in migrations(self.dialect.name):
            if name in done:
                continue
            with self.atomic():
                if self.dialect is SQLITE:
                    for statement in statements(sql):
                        self.conn.execute(statement)
                else:
                    self.conn.executescript(sql)  # type: ignore[attr-defined]
                    self.dialect.after_migration(self.conn, name)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            applied.append(name)
        if applied and self.dialect is not SQLITE:
            self.conn.forget_schema()  # type: ignore[attr-defined]
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """One transaction: committed on success, rolled back on any exception (Ctrl-C included)."""
        with self.dialect.transaction(self.conn):
            yield self.conn

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """Several reads that see one state of the database (a writer may commit meanwhile)."""
        with self.dialect.snapshot(self.conn):
            yield self.conn

    # --- writes -------------------------------------------------------------

    def known(self, article_id: str, digest: str, url: str | None = None) -> str | None:
        """The id of the stored article this one duplicates: the same id, or the same raw bytes
        from the same address.  The same bytes from another URL (a syndicated copy) are not a
        duplicate: they are stored as a copy, with their own provenance."""
        row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE digest = ? AND url IS ? LIMIT 1", (digest, url)
            ).fetchone()
        return str(row[0]) if row else None

    def known_source(self, digest: str, source_path: str, url: str | None) -> str | None:
        """The id of an article stored from these very bytes at this path (and address), if any:
        what lets a re-run skip a source before decoding, cleaning and extracting it again."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE digest = ? AND source_path = ? AND (? IS NULL OR url IS ?) "
            "LIMIT 1",
            (digest, source_path, url, url),
        ).fetchone()
        return str(row[0]) if row else None

    def add(self, result: ArticleResult, text_hash: str) -> Added:
        """Store an article and its extraction results, unless it is already stored."""
        a = result.article
        try:
            with self.atomic() as conn:
                existing = self.known(a.id, a.digest, a.url)
                if existing:
                    return Added("duplicate", a.id, duplicate_of=existing)
                copy_of = self._first_with_text(text_hash)
                conn.execute(_INSERT_ARTICLE, _article_params(a, text_hash, copy_of))
                self.dialect.index_article(conn, a.id, a.title, a.text, a.language)
                self._insert_results(conn, result)
                return Added("new", a.id, copy_of=copy_of)
        except db_errors() as exc:
            raise StoreError(f"{self.path}: cannot store {a.source_path}: {exc}") from exc

    def _first_with_text(self, text_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE text_hash = ? ORDER BY rowid LIMIT 1", (text_hash,)
        ).fetchone()
        return str(row[0]) if row else None

    def _insert_results(self, conn: Connection, result: ArticleResult) -> None:
        aid = result.article.id
        rows: list[tuple[Any, ...]] = []
        rows += [(aid, "time", t.start, t.end, t.text, t.value, _js(time_dict(t))) for t in result.times]
        rows += [(aid, "place", p.start, p.end, p.text, p.id, _js(place_dict(p))) for p in result.places]
        rows += [(aid, "actor", m.start, m.end, m.text, m.id, _js(mention_dict(m))) for m in result.actors]
        conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
            [
                (aid, i, c.statement.start, c.statement.end, _js(claim_dict(c)))
                for i, c in enumerate(result.claims)
            ],
        )
        text = result.article.text
        conn.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    f"{aid}:{i}",
                    aid,
                    e.type,
                    e.mode,
                    e.source,
                    e.target,
                    e.place,
                    e.date,
                    _js(event_dict(e, text)),
                )
                for i, e in enumerate(result.events)
            ],
        )
        conn.executemany("INSERT INTO article_warnings VALUES (?, ?)", [(aid, w) for w in result.warnings])

    # --- reads --------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def resolve_id(self, prefix: str) -> str | None:
        """The full id of the one article whose id starts with ``prefix`` (None if none or several)."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "\uffff")
        ).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def get(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def results(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """Stored extraction results of one article, in contract shape."""
        out: dict[str, list[dict[str, Any]]] = {"times": [], "places": [], "actors": []}
        key = {"time": "times", "place": "places", "actor": "actors"}
        for r in self.conn.execute(
            "SELECT kind, data FROM mentions WHERE article_id = ? ORDER BY span_start", (article_id,)
        ):
            out[key[r[0]]].append(json.loads(r[1]))
        out["claims"] = [
            json.loads(r[0])
            for r in self.conn.execute(
                "SELECT data FROM claims WHERE article_id = ? ORDER BY seq", (article_id,)
            )
        ]
        out["events"] = [
            json.loads(r[0])
            for r in self.conn.execute(
                "SELECT data FROM events WHERE article_id = ? ORDER BY id", (article_id,)
            )
        ]
        return out

    def warnings(self, article_id: str) -> list[str]:
        q = "SELECT warning FROM article_warnings WHERE article_id = ?"
        return [str(r[0]) for r in self.conn.execute(q, (article_id,))]

    def list_articles(self, *, language: str | None = None, limit: int | None = None) -> list[ArticleRow]:
        where = Where().language("language", language)
        sql = (
            "SELECT id, language, published, title, url, source_path, length(text) AS chars, "
            f"json_array_length(removed) AS removed, copy_of FROM articles{where.sql} "
            "ORDER BY published IS NULL, published, source_path"
        )
        params = list(where.params)
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return [ArticleRow(**dict(r)) for r in self.conn.execute(sql, params)]

    def search(self, query: str, *, language: str | None = None, limit: int = 20) -> list[SearchHit]:
        """Full-text search; the query is matched as plain words (no FTS syntax needed)."""
        match = fts_query(query)
        if not match:
            return []
        where = Where().add("articles_fts MATCH ?", match).language("a.language", language)
        rank, rank_params = self.dialect.search_rank(match)
        sql = (
            "SELECT a.id, a.language, a.published, a.title, a.text "
            f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid{where.sql} "
            f"ORDER BY {rank} LIMIT ?"
        )
        return [
            SearchHit(r["id"], r["language"], r["published"], r["title"], snippet(r["text"], query))
            for r in self.conn.execute(sql, [*where.params, *rank_params, limit])
        ]

    def language_counts(self) -> list[tuple[str | None, int]]:
        q = "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC"
        return [(r[0], int(r[1])) for r in self.conn.execute(q)]

    def removal_reasons(self) -> list[tuple[str, int]]:
        q = (
            "SELECT json_extract(value, '$.reason') AS reason, count(*) "
            "FROM articles, json_each(articles.removed) GROUP BY reason ORDER BY count(*) DESC"
        )
        return [(str(r[0]), int(r[1])) for r in self.conn.execute(q)]


_INSERT_ARTICLE = (
    "INSERT INTO articles (id, digest, text_hash, url, title, published, published_from, language, raw_text, "
    "text, removed, paragraphs, source_path, ingested_at, pipeline_version, copy_of) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _article_params(a: Article, text_hash: str, copy_of: str | None) -> tuple[Any, ...]:
    return (
        a.id,
        a.digest,
        text_hash,
        a.url,
        a.title,
        a.published.isoformat() if a.published else None,
        a.published_from,
        a.language,
        a.raw_text,
        a.text,
        _js([{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in a.removed]),
        _js([{"start": p.start, "end": p.end, "language": p.language} for p in a.paragraphs]),
        a.source_path,
        (a.ingested_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        a.pipeline_version,
        copy_of,
    )


def _article(row: Any) -> Article:
    return Article(
        id=row["id"],
        source_path=row["source_path"],
        digest=row["digest"],
        raw_text=row["raw_text"],
        text=row["text"],
        removed=tuple(Removal(**r) for r in json.loads(row["removed"])),
        paragraphs=tuple(Paragraph(**p) for p in json.loads(row["paragraphs"])),
        language=row["language"],
        url=row["url"],
        title=row["title"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        ingested_at=dt.datetime.fromisoformat(row["ingested_at"]),
        pipeline_version=row["pipeline_version"],
        copy_of=row["copy_of"],
    )


def _name_script(name: str, part: str) -> str:
    """What migration 0010 fills the entities' cross-script columns with (see resolve.py)."""
    if part == "script":
        return script_of(name)
    whole, last = script_keys(name)
    return whole if part == "key" else last


def fts_query(query: str) -> str:
    """``query`` as an FTS5 MATCH expression of plain words, every word quoted.

    Each word is normalised as the index is (:func:`storyline.normalize.search_terms`); a
    Chinese, Japanese or Korean word becomes the quoted phrase of its character bigrams.
    """
    # Quoting every word keeps user text from reaching FTS5 as syntax (a stray
    # quote or AND would otherwise be an error or change the meaning).
    terms = search_terms(query)
    return " ".join(f'"{t[:-1]}"*' if t.endswith("*") else f'"{t}"' for t in terms)


_SNIPPET_WIDTH = 70


def snippet(text: str, query: str) -> str:
    """A window of ``text`` around the first word of ``query`` it contains, the words in brackets.

    Found on the folded text (:func:`storyline.normalize.fold_chars`), so ``Бьернссон``
    highlights ``Бьёрнссон`` and an unvowelled Arabic word its vowelled form.
    """
    folded, offsets = fold_chars(text)
    hits: list[tuple[int, int]] = []
    for word in query.split():
        needle = fold_chars(word)[0].strip()
        at = folded.find(needle) if needle else -1
        while at >= 0 and len(hits) < 8:
            end = offsets[at + len(needle) - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # the vowel signs written on the last letter
            hits.append((offsets[at], end))
            at = folded.find(needle, at + len(needle))
    if not hits:
        return text[: 2 * _SNIPPET_WIDTH].strip() + ("…" if len(text) > 2 * _SNIPPET_WIDTH else "")
    hits.sort()
    first = hits[0][0]
    start, stop = max(0, first - _SNIPPET_WIDTH), min(len(text), first + _SNIPPET_WIDTH)
    out, pos = [], start
    for begin, end in hits:
        if begin < pos or end > stop:
            continue
        out += [text[pos:begin], "[", text[begin:end], "]"]
        pos = end
    out.append(text[pos:stop])
    body = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + body + ("…" if stop < len(text) else "")


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

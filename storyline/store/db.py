"""SQLite store: WAL mode, recorded migrations, FTS5 search, one transaction per article.

Every article is written whole or not at all (``atomic``): its row, its FTS
entry (by trigger) and its extraction results commit together, so an
interrupted batch leaves only complete articles behind and a re-run adds
the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.contract import claim_dict, event_dict, mention_dict, place_dict, time_dict
from storyline.errors import StoreError
from storyline.model import Article, ArticleResult, Paragraph, Removal
from storyline.store.where import Where

DEFAULT_DB = "storyline.db"
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024


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
    """A storyline database file; opening it applies any pending migration.

    ``must_exist`` (every command that only reads) refuses a missing file
    with one line instead of creating an empty database.
    """

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, must_exist: bool = False
    ) -> None:
        self.path = str(path)
        if (readonly or must_exist) and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database (run `storyline ingest` first)")
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                # A WAL that readers kept from being reset shrinks back to this after a checkpoint.
                self.conn.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.row_factory = sqlite3.Row
            if not readonly:
                self.migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

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
        for name, sql in _migrations():
            if name in done:
                continue
            with self.atomic():
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on success, rolled back on any exception (Ctrl-C included)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

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
                self._insert_results(conn, result)
                return Added("new", a.id, copy_of=copy_of)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {a.source_path}: {exc}") from exc

    def _first_with_text(self, text_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE text_hash = ? ORDER BY rowid LIMIT 1", (text_hash,)
        ).fetchone()
        return str(row[0]) if row else None

    def _insert_results(self, conn: sqlite3.Connection, result: ArticleResult) -> None:
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
        where = Where().equal("language", language)
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
        where = Where().add("articles_fts MATCH ?", match).equal("a.language", language)
        sql = (
            "SELECT a.id, a.language, a.published, a.title, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
            f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid{where.sql} "
            "ORDER BY rank LIMIT ?"
        )
        return [SearchHit(**dict(r)) for r in self.conn.execute(sql, [*where.params, limit])]

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


def _article(row: sqlite3.Row) -> Article:
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


def fts_query(query: str) -> str:
    """``query`` as an FTS5 MATCH expression of plain words, every word quoted."""
    # Quote every word so user text never reaches FTS5 as syntax (a stray
    # quote or AND would otherwise be an error or change the meaning).
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w)


def _migrations() -> list[tuple[str, str]]:
    root = resources.files("storyline.store.migrations")
    files = sorted((p.name, p) for p in root.iterdir() if p.name.endswith(".sql"))
    return [(name, p.read_text(encoding="utf-8")) for name, p in files]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

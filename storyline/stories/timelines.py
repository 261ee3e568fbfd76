"""The timeline: dated entries for a query (an actor or place in any language, or free text),
the most important days first, each with its evidence sentences.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from storyline import resolve
from storyline.store.db import Database, fts_query
from storyline.stories.listing import source_groups

JSON = dict[str, Any]
_PARTIAL = "--"

# A day's importance = the articles that say something happened that day (sentences dated
# to it; an article's own publication day and verbatim repeats of another article's
# sentence cast no vote, see migration 0004) + PUB_WEIGHT x the articles published that
# day.  Publication is weaker evidence than an explicit mention: outlets publish every day,
# notable or not (mention counts beat publication counts for date selection in Martschat &
# Markert 2018).  On CL-TLS any weight in [0, 1] moves at most a date or two per timeline;
# 0.25 lets publication break ties between equally mentioned days.
PUB_WEIGHT = 0.25
# A free-text query ranks the days of at most this many matching sentences (the most
# recently stored): a word found in every article still answers in milliseconds.
TEXT_HITS = 5000
START_MARGIN_DAYS = 7  # see _collection_start
_EVIDENCE = 5  # evidence sentences listed per entry
# What ranks a sentence as a summary, computed in SQL so only the chosen few are loaded: an
# event sentence of ordinary length naming the most entities reads best.
_SUMMARY_KEY = (
    "s.source != 'event', length(s.text) NOT BETWEEN 40 AND 400, -json_array_length(s.entities), s.article_id"
)
# (day, sentence id, article id, *summary key)
_Light = tuple[Any, ...]


@dataclass(frozen=True)
class _Match:
    """The timeline_sentences rows a query selects, as the body of a SQL ``WITH m AS (…)``."""

    sql: str
    params: tuple[Any, ...]


_ALL = _Match("SELECT id AS sid, day, counts, article_id, published FROM timeline_sentences", ())


def timeline(db: Database, query: str | None = None, *, limit: int | None = None) -> list[JSON]:
    """Dated entries, the ``limit`` most important (independent sources, events, articles), by date.

    ``query`` is any name variant of an actor or place in any language, or
    free text; None covers the whole collection.  Each entry quotes one
    sentence in its original language and lists its evidence.  Days are
    ranked in SQL (see :data:`PUB_WEIGHT`); only the chosen days are loaded.
    """
    conn = db.conn
    match = _timeline_match(conn, query) if query else _ALL
    if match is None:
        return []
    days = _ranked_days(conn, match)
    chosen = days[:limit] if limit else days
    rows = _day_rows(conn, match, [day for day, _ in chosen])
    chosen = [(day, importance) for day, importance in chosen if rows.get(day)]
    # Evidence, independent sources and events of all chosen days in one query each.
    top = {day: [int(r[1]) for r in sorted(rows[day], key=lambda r: r[2:])[:_EVIDENCE]] for day, _ in chosen}
    evidence = _evidence(conn, [i for ids in top.values() for i in ids])
    articles = {day: sorted({str(r[-1]) for r in rows[day]}) for day, _ in chosen}
    everyone = sorted({a for ids in articles.values() for a in ids})
    groups = source_groups(conn, everyone) if everyone else {}
    events = _events_by_article(conn, everyone)
    entries: list[JSON] = []
    for day, importance in chosen:
        date = _full_date(day, _story_anchor(conn, articles[day])) if day.startswith(_PARTIAL) else day
        quoted = [evidence[i] for i in top[day] if i in evidence]
        entries.append(
            {
                "date": date,
                "summary": quoted[0]["text"] if quoted else "",
                "event_ids": sorted(
                    e for a in articles[day] for e, when in events.get(a, []) if when in (day, date)
                ),
                "article_ids": articles[day],
                "sources": len({groups.get(a, a) for a in articles[day]}),
                "evidence": quoted,
                "importance": importance,
            }
        )
    entries.sort(key=lambda e: (e["date"].startswith(_PARTIAL), e["date"]))
    return [{k: v for k, v in e.items() if k != "importance"} for e in entries]


def _timeline_match(conn: sqlite3.Connection, query: str) -> _Match | None:
    """Sentences naming the actor or place ``query`` (any variant), else containing its words."""
    entity_ids = sorted(resolve.members(conn, sorted(resolve.match(conn, query))))
    words = fts_query(query)
    candidates = []
    if entity_ids:
        marks = ",".join("?" * len(entity_ids))
        candidates.append(
            _Match(
                "SELECT sentence_id AS sid, day, counts, article_id, published FROM timeline_entities "
                f"WHERE entity_id IN ({marks})",
                tuple(entity_ids),
            )
        )
    if words:
        candidates.append(
            _Match(
                "SELECT s.id AS sid, s.day, s.counts, s.article_id, s.published FROM (SELECT rowid AS hit "
                "FROM timeline_fts WHERE timeline_fts MATCH ? ORDER BY rowid DESC LIMIT ?) "
                "JOIN timeline_sentences s ON s.id = hit",
                (words, TEXT_HITS),
            )
        )
        # Words of the article (its title, a sentence without a date) but of no dated sentence.
        candidates.append(
            _Match(
                "SELECT id AS sid, day, counts, article_id, published FROM timeline_sentences "
                "WHERE article_id IN (SELECT a.id FROM articles_fts "
                "JOIN articles a ON a.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY articles_fts.rowid DESC LIMIT ?)",
                (words, TEXT_HITS),
            )
        )
    return next((m for m in candidates if _any_row(conn, m)), None)


def _any_row(conn: sqlite3.Connection, match: _Match) -> bool:
    sql = f"WITH m AS ({match.sql}) SELECT 1 FROM m WHERE counts >= 0 LIMIT 1"
    return conn.execute(sql, match.params).fetchone() is not None


def _ranked_days(conn: sqlite3.Connection, match: _Match) -> list[tuple[str, float]]:
    """``[(day, importance)]``, most important first, for days since the collection began."""
    floor = _collection_start(conn)
    if match is _ALL:
        counts = conn.execute(
            "SELECT day, mentions, sentences, published FROM timeline_days "
            "WHERE sentences > 0 AND (day >= ? OR day LIKE '--%')",
            (floor,),
        ).fetchall()
    else:
        published = dict(
            conn.execute(
                f"WITH m AS ({match.sql}) SELECT published, count(DISTINCT article_id) FROM m "
                "WHERE published IS NOT NULL GROUP BY published",
                match.params,
            ).fetchall()
        )
        counts = [
            (day, mentions, n, published.get(day, 0))
            for day, mentions, n in conn.execute(
                f"WITH m AS ({match.sql}) SELECT day, "
                "count(DISTINCT CASE WHEN counts = 1 THEN article_id END), count(DISTINCT sid) FROM m "
                "WHERE counts >= 0 AND (day >= ? OR day LIKE '--%') GROUP BY day",
                (*match.params, floor),
            )
        ]
    scored = [
        (str(day), int(mentions) + PUB_WEIGHT * int(published), int(n))
        for day, mentions, n, published in counts
    ]
    scored.sort(key=lambda s: (-s[1], -s[2], s[0]))
    return [(day, importance) for day, importance, _ in scored]


def _collection_start(conn: sqlite3.Connection) -> str:
    """A week before the earliest publication (or anchor) day: older dates are background.

    The week is because a collection starts while its story is already running: the
    first articles report what happened the days before.
    """
    first = conn.execute(
        "SELECT min(d) FROM (SELECT min(published) AS d FROM articles "
        "UNION ALL SELECT min(day) FROM fingerprints)"
    ).fetchone()[0]
    if not first or not _valid_date(str(first)):
        return ""
    return (dt.date.fromisoformat(str(first)) - dt.timedelta(days=START_MARGIN_DAYS)).isoformat()


def _day_rows(conn: sqlite3.Connection, match: _Match, days: list[str]) -> dict[str, list[_Light]]:
    """The matching sentences of the chosen days as light tuples (no text: see :func:`_evidence`)."""
    if not days:
        return {}
    marks = ",".join("?" * len(days))
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows on a busy day
    rows = cursor.execute(
        f"WITH m AS ({match.sql}) SELECT s.day, s.id, {_SUMMARY_KEY} FROM timeline_sentences s "
        f"WHERE s.id IN (SELECT sid FROM m WHERE counts >= 0 AND day IN ({marks}))",
        (*match.params, *days),
    )
    out: dict[str, list[_Light]] = defaultdict(list)
    for r in rows:
        out[str(r[0])].append(r)
    return out


def _evidence(conn: sqlite3.Connection, ids: list[int]) -> dict[int, JSON]:
    """``{sentence id: evidence}``: article, language, offsets and text of each sentence."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT s.id, s.article_id, s.span_start, s.span_end, s.text, a.language "
        f"FROM timeline_sentences s JOIN articles a ON a.id = s.article_id WHERE s.id IN ({marks})",
        ids,
    )
    return {
        int(r["id"]): {
            "article_id": r["article_id"],
            "language": r["language"],
            "sentence": {"start": r["span_start"], "end": r["span_end"]},
            "text": " ".join(str(r["text"]).split()),
        }
        for r in rows
    }


def _story_anchor(conn: sqlite3.Connection, articles: list[str]) -> str | None:
    """The earliest anchor day of the stories of ``articles``: where a yearless date gets its year."""
    marks = ",".join("?" * len(articles))
    row = conn.execute(
        "SELECT min(f.day) FROM story_articles s JOIN story_articles o ON o.story_id = s.story_id "
        f"JOIN fingerprints f ON f.article_id = o.article_id WHERE s.article_id IN ({marks})",
        articles,
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def _full_date(value: str, anchor: str | None) -> str:
    """A yearless ``--MM-DD`` gets the year nearest to ``anchor`` (kept yearless without one)."""
    if not value.startswith(_PARTIAL) or not anchor:
        return value
    year = int(anchor[:4])
    options = [f"{y:04d}{value[1:]}" for y in (year - 1, year, year + 1)]
    valid = [o for o in options if _valid_date(o)]
    return min(valid, key=lambda o: abs(_ordinal(o) - _ordinal(anchor[:10]))) if valid else value


def _valid_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _ordinal(value: str) -> int:
    return dt.date.fromisoformat(value).toordinal()


def _events_by_article(conn: sqlite3.Connection, articles: list[str]) -> dict[str, list[tuple[str, str]]]:
    """``{article id: [(event id, date)]}`` for the dated events of ``articles``."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    marks = ",".join("?" * len(articles))
    if articles:
        for event_id, article_id, date in conn.execute(
            f"SELECT id, article_id, date FROM events WHERE article_id IN ({marks}) AND date IS NOT NULL",
            articles,
        ):
            out[str(article_id)].append((str(event_id), str(date)))
    return out

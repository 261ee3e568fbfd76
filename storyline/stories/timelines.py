"""The timeline: dated entries for a query (an actor or place in any language, or free text),
the most important days first, each with its evidence sentences.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline import resolve
from storyline.store.db import Database, fts_query
from storyline.store.dialect import Connection
from storyline.stories.date_window import Window, in_window
from storyline.stories.sources import collection_origins, origins_of

JSON = dict[str, Any]
_PARTIAL = "--"

# Days are ranked by their *support*: the independent source groups (an original with its
# copies and translations counts once, see storyline.stories.sources) that report
# something happening that day — a sentence dated to it in an article published on
# another day, or a sentence about the article's own publication day.  A verbatim repeat
# of another article's sentence and a plan (a day after publication) give no support
# (migration 0004's votes).  Ties are broken by full dates before yearless ones (their
# year is inferred), then by the older importance: the articles that mention the day +
# PUB_WEIGHT x the articles published that day (mention counts beat publication counts
# for date selection in Martschat & Markert 2018), then by the sentences on the day.
PUB_WEIGHT = 0.25
# How many candidate days are scored at once when the whole collection is ranked
# (the per-day aggregates bound each day's support, so most days are never scored).
_BOUND_CHUNK = 256
# An actor's days are scored first in a chunk of twice the limit (at least this many), then in
# chunks twice as large each time (see _ranked_entity_days).
_ENTITY_CHUNK = 32
# A free-text query ranks the days of at most this many matching sentences (the most
# recently stored): a word found in every article still answers in milliseconds.
TEXT_HITS = 5000
START_MARGIN_DAYS = 7  # see _collection_start
_EVIDENCE = 5  # evidence sentences listed per entry
# What ranks a sentence as a summary, computed in SQL so only the chosen few are loaded: an
# event sentence of ordinary length naming the most entities reads best.
# A byline or dateline ("Par Claire Lemoine · Publié le 11 octobre 2024 à 12h18", "03/08/2024
# 11:25 GMT+7") carries a date but reports nothing: a clock time or a "·" separator sends it last.
_SUMMARY_KEY = (
    "(s.text GLOB '*[0-9][:h][0-9][0-9]*' OR instr(s.text, ' · ') > 0), "
    "s.source != 'event', length(s.text) NOT BETWEEN 40 AND 400, -json_array_length(s.entities), s.article_id"
)
_ITEMS = 8  # reports listed under one day (one per story, best supported first)
# (day, sentence id, article id, *summary key)
_Light = tuple[Any, ...]


@dataclass(frozen=True)
class _Match:
    """The timeline_sentences rows a query selects, as the body of a SQL ``WITH m AS (…)``."""

    sql: str
    params: tuple[Any, ...]
    entity_ids: tuple[str, ...] = ()  # an actor's or place's: its days are in timeline_entity_days


_ALL = _Match("SELECT id AS sid, day, counts, article_id, published FROM timeline_sentences", ())
_ANY_TIME = Window()


def timeline(
    db: Database,
    query: str | None = None,
    *,
    limit: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[JSON]:
    """Dated entries, the ``limit`` most important (independent sources, events, articles), by date.

    ``query`` is any name variant of an actor or place in any language, or
    free text; None covers the whole collection.  Each entry quotes one
    sentence in its original language and lists its evidence.  Days are
    ranked in SQL (see :data:`PUB_WEIGHT`); only the chosen days are loaded.
    ``date_from`` and ``date_to`` narrow the ranked days in SQL to a
    :class:`Window`: the ``limit`` best of the window's days.
    """
    conn = db.conn
    window = Window(date_from or None, date_to or None)
    match = _timeline_match(conn, query) if query else _ALL
    if match is None:
        return []
    days, origins = _ranked_days(conn, match, limit, window)
    chosen = days[:limit] if limit else days
    rows = _day_rows(conn, match, [day for day, _ in chosen])
    chosen = [(day, importance) for day, importance in chosen if rows.get(day)]
    # Evidence, independent sources and events of all chosen days in one query each.
    top = {day: [int(r[1]) for r in sorted(rows[day], key=lambda r: r[2:])[:_EVIDENCE]] for day, _ in chosen}
    articles = {day: sorted({str(r[-1]) for r in rows[day]}) for day, _ in chosen}
    everyone = sorted({a for ids in articles.values() for a in ids})
    # The collection's groups (those the days were ranked by), not those among the chosen
    # days' articles: a day's count of sources does not depend on which other days are listed.
    groups = {a: origins[a] for a in everyone if a in origins}
    events = _events_by_article(conn, everyone, {day for day, _ in chosen})
    picked, stories = _story_picks(conn, {day: rows[day] for day, _ in chosen}, groups, everyone)
    quoted_ids = {i for ids in top.values() for i in ids} | {int(r[1]) for r in _best_rows(picked)}
    evidence, titles = _evidence(conn, sorted(quoted_ids))
    items = _day_items(picked, stories, groups, evidence, titles)
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
                "items": items.get(day, []),
                "importance": importance,
            }
        )
    entries.sort(key=lambda e: (e["date"].startswith(_PARTIAL), e["date"]))
    return [
        {k: v for k, v in e.items() if k != "importance"}
        for e in entries
        if in_window(e["date"], window.date_from, window.date_to)
    ]


def _timeline_match(conn: Connection, query: str) -> _Match | None:
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
                tuple(entity_ids),
            )
        )
    if words:
        candidates.append(
            _Match(
                "SELECT s.id AS sid, s.day, s.counts, s.article_id, s.published FROM (SELECT rowid AS hit "
                "FROM timeline_fts WHERE timeline_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS h "
                "JOIN timeline_sentences s ON s.id = h.hit",
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


def _any_row(conn: Connection, match: _Match) -> bool:
    sql = f"WITH m AS ({match.sql}) SELECT 1 FROM m WHERE counts >= 0 LIMIT 1"
    return conn.execute(sql, match.params).fetchone() is not None


@dataclass(frozen=True, slots=True)
class _Day:
    """A day's ranking figures (see :data:`PUB_WEIGHT` for what they mean)."""

    day: str
    support: int
    importance: float
    sentences: int

    def key(self) -> tuple[Any, ...]:
        return (-self.support, self.day.startswith(_PARTIAL), -self.importance, -self.sentences, self.day)


# Per day of the matching sentences: independent groups that report it, articles that
# mention it (a counting sentence) and sentences.  ``g`` maps copies and translations
# to their group; an article missing from it is its own group.
_DAY_FIGURES = (
    "SELECT m.day, count(DISTINCT CASE WHEN m.counts = 1 OR m.day = m.published "
    "THEN coalesce(g.grp, m.article_id) END), "
    "count(DISTINCT CASE WHEN m.counts = 1 THEN m.article_id END), count(DISTINCT m.sid) "
    "FROM m LEFT JOIN g ON g.article_id = m.article_id WHERE m.counts >= 0 AND {days} GROUP BY m.day"
)


def _ranked_days(
    conn: Connection, match: _Match, limit: int | None = None, window: Window = _ANY_TIME
) -> tuple[list[tuple[str, float]], dict[str, str]]:
    """``[(day, support)]``, best supported first, for days since the collection began
    (and in ``window``); and the source groups (``{article id: group id}``, see
    :func:`origins_of`) of at least the scored days' articles."""
    floor = _collection_start(conn)
    if match is _ALL:
        origins = collection_origins(conn)
        days = _ranked_collection_days(conn, floor, json.dumps(origins), limit, window)
    elif match.entity_ids and limit:
        days, origins = _ranked_entity_days(conn, match, floor, limit, window)
    else:
        # Only the groups of the matching articles: the whole collection's copies cost
        # what the collection holds, on every query.
        in_sql, in_params = window.sql("day")
        matched = conn.execute(
            f"WITH m AS ({match.sql}) SELECT DISTINCT article_id FROM m WHERE counts >= 0 AND {in_sql}",
            (*match.params, *in_params),
        )
        origins = origins_of(conn, [str(r[0]) for r in matched])
        published = dict(
            conn.execute(
                f"WITH m AS ({match.sql}) SELECT published, count(DISTINCT article_id) FROM m "
                "WHERE published IS NOT NULL GROUP BY published",
                match.params,
            ).fetchall()
        )
        in_sql, in_params = window.sql("m.day")
        days_sql = f"(m.day >= ? OR m.day LIKE '--%') AND {in_sql}"
        days = _day_figures(conn, match, json.dumps(origins), published, days_sql, (floor, *in_params))
        days.sort(key=_Day.key)
    return [(d.day, float(d.support)) for d in days], origins


def _day_figures(
    conn: Connection,
    match: _Match,
    groups: str,
    published: dict[str, int],
    days_sql: str,
    days_params: Sequence[Any],
) -> list[_Day]:
    sql = (
        f"WITH m AS ({match.sql}), g(article_id, grp) AS (SELECT key, value FROM json_each(?)) "
        + _DAY_FIGURES.format(days=days_sql)
    )
    return [
        _Day(str(day), int(support), int(mentions) + PUB_WEIGHT * published.get(str(day), 0), int(n))
        for day, support, mentions, n in conn.execute(sql, (*match.params, groups, *days_params))
    ]


def _ranked_collection_days(
    conn: Connection, floor: str, groups: str, limit: int | None, window: Window = _ANY_TIME
) -> list[_Day]:
    """The whole collection's days (in ``window``), best first; with ``limit``, only the days
    that can make it are scored.

    A day's support is at most the articles that mention it plus those published
    on it (``timeline_days``), so days are scored in order of that bound until the
    ``limit``-th best support beats the bound of every day left.
    """
    in_sql, in_params = window.sql("day")
    bounds = conn.execute(
        "SELECT day, mentions + published AS bound, published FROM timeline_days "
        f"WHERE sentences > 0 AND (day >= ? OR day LIKE '--%') AND {in_sql} ORDER BY bound DESC, day",
        (floor, *in_params),
    ).fetchall()
    published = {str(r[0]): int(r[2]) for r in bounds}
    scored: list[_Day] = []
    step = _BOUND_CHUNK if limit else len(bounds) or 1
    for start in range(0, len(bounds), step):
        chunk = [str(r[0]) for r in bounds[start : start + step]]
        marks = ",".join("?" * len(chunk))
        scored += _day_figures(conn, _ALL, groups, published, f"m.day IN ({marks})", chunk)
        scored.sort(key=_Day.key)
        rest = bounds[start + step : start + step + 1]
        if limit and len(scored) >= limit and (not rest or scored[limit - 1].support > int(rest[0][1])):
            break
    return scored


def _ranked_entity_days(
    conn: Connection, match: _Match, floor: str, limit: int, window: Window = _ANY_TIME
) -> tuple[list[_Day], dict[str, str]]:
    """An actor's or place's days (in ``window``), best first: only the days that can make the
    top ``limit`` are scored.

    A day's support is at most the articles that vote for it, summed over the
    query's entities (``timeline_entity_days``), so days are scored in order of
    that bound, in growing chunks, until the ``limit``-th best support beats the
    bound of every day left; only the scored days' articles are mapped to their
    source groups.  The top ``limit`` are those of :func:`_ranked_days` scoring every day.
    """
    marks = ",".join("?" * len(match.entity_ids))
    in_sql, in_params = window.sql("day")
    bounds = conn.execute(
        f"SELECT day, sum(votes) AS bound FROM timeline_entity_days WHERE entity_id IN ({marks}) "
        f"AND sentences > 0 AND (day >= ? OR day LIKE '--%') AND {in_sql} "
        "GROUP BY day ORDER BY bound DESC, day",
        (*match.entity_ids, floor, *in_params),
    ).fetchall()
    scored: list[_Day] = []
    origins: dict[str, str] = {}
    start, step = 0, max(2 * limit, _ENTITY_CHUNK)
    while start < len(bounds):
        chunk = [str(r[0]) for r in bounds[start : start + step]]
        days_sql = f"m.day IN ({','.join('?' * len(chunk))})"
        matched = conn.execute(
            f"WITH m AS ({match.sql}) SELECT DISTINCT article_id FROM m WHERE counts >= 0 AND {days_sql}",
            (*match.params, *chunk),
        )
        found = origins_of(conn, [str(r[0]) for r in matched])
        origins |= found
        # Importance: mentions only, so far (the publications are added below).
        scored += _day_figures(conn, match, json.dumps(found), {}, days_sql, chunk)
        start, step = start + step, 2 * step
        scored.sort(key=lambda d: -d.support)
        if len(scored) >= limit and (
            start >= len(bounds) or scored[limit - 1].support > int(bounds[start][1])
        ):
            break
    published = _published_counts(conn, match, [d.day for d in scored])
    days = [
        _Day(d.day, d.support, d.importance + PUB_WEIGHT * published.get(d.day, 0), d.sentences)
        for d in scored
    ]
    return sorted(days, key=_Day.key), origins


def _published_counts(conn: Connection, match: _Match, days: list[str]) -> dict[str, int]:
    """``{day: matching articles published that day}`` for ``days``."""
    if not days:
        return {}
    marks = ",".join("?" * len(days))
    rows = conn.execute(
        f"WITH m AS ({match.sql}) SELECT published, count(DISTINCT article_id) FROM m "
        f"WHERE published IN ({marks}) GROUP BY published",
        (*match.params, *days),
    )
    return {str(day): int(n) for day, n in rows}


def _collection_start(conn: Connection) -> str:
    """A week before the earliest publication (or anchor) day: older dates are background.

    The week is because a collection starts while its story is already running: the
    first articles report what happened the days before.
    """
    first = conn.execute(
        "SELECT min(d) FROM (SELECT min(published) AS d FROM articles "
        "UNION ALL SELECT min(day) FROM fingerprints) AS firsts"
    ).fetchone()[0]
    if not first or not _valid_date(str(first)):
        return ""
    return (dt.date.fromisoformat(str(first)) - dt.timedelta(days=START_MARGIN_DAYS)).isoformat()


def _day_rows(conn: Connection, match: _Match, days: list[str]) -> dict[str, list[_Light]]:
    """The matching sentences of the chosen days as light tuples (no text: see :func:`_evidence`)."""
    if not days:
        return {}
    marks = ",".join("?" * len(days))
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows on a busy day
    rows = cursor.execute(
        f"WITH m AS ({match.sql}) SELECT s.day, s.id, {_SUMMARY_KEY} FROM timeline_sentences s "
        f"WHERE s.id IN (SELECT sid FROM m WHERE counts >= 0 AND day IN ({marks})) "
        "ORDER BY s.id",  # ties of the summary key fall the same way on every store
        (*match.params, *days),
    )
    out: dict[str, list[_Light]] = defaultdict(list)
    for r in rows:
        out[str(r[0])].append(r)
    return out


_Picks = dict[str, list[tuple[str, list[_Light]]]]


def _story_picks(
    conn: Connection, rows: dict[str, list[_Light]], groups: dict[str, str], everyone: list[str]
) -> tuple[_Picks, set[str]]:
    """Each day's sentences by story (an article without one is its own), the ``_ITEMS``
    most independently reported first; and the stories met."""
    if not everyone:
        return {}, set()
    marks = ",".join("?" * len(everyone))
    sql = f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})"
    story_of = {str(a): str(s) for a, s in conn.execute(sql, everyone)}
    picked: _Picks = {}
    for day, day_rows in rows.items():
        by_story: dict[str, list[_Light]] = defaultdict(list)
        for r in day_rows:
            by_story[str(story_of.get(r[-1]) or r[-1])].append(r)
        ranked = sorted(
            by_story.items(),
            key=lambda kv: (
                -len({groups.get(str(r[-1]), r[-1]) for r in kv[1]}),
                min(r[2:] for r in kv[1]),
            ),
        )
        picked[day] = ranked[:_ITEMS]
    return picked, set(story_of.values())


def _best(story_rows: list[_Light]) -> _Light:
    """The sentence that reads best as the summary (see :data:`_SUMMARY_KEY`)."""
    return min(story_rows, key=lambda r: r[2:])


def _best_rows(picked: _Picks) -> list[_Light]:
    return [_best(story_rows) for ranked in picked.values() for _, story_rows in ranked]


def _day_items(
    picked: _Picks,
    stories: set[str],
    groups: dict[str, str],
    evidence: dict[int, JSON],
    titles: dict[str, Any],
) -> dict[str, list[JSON]]:
    """Several reports per day: the day's sentences by story, most independent sources first.

    Each item: ``story_id``, ``title`` (of the article quoted), ``summary``,
    ``article_ids``, ``sources`` and its ``evidence`` sentence.
    """
    out: dict[str, list[JSON]] = {}
    for day, ranked in picked.items():
        out[day] = []
        for story_id, story_rows in ranked:
            quote = evidence.get(int(_best(story_rows)[1]))
            articles = sorted({str(r[-1]) for r in story_rows})
            out[day].append(
                {
                    "story_id": story_id if story_id in stories else None,
                    "title": titles.get(quote["article_id"]) if quote else None,
                    "summary": quote["text"] if quote else "",
                    "article_ids": articles,
                    "sources": len({groups.get(a, a) for a in articles}),
                    "evidence": quote,
                }
            )
    return out


def _evidence(conn: Connection, ids: list[int]) -> tuple[dict[int, JSON], dict[str, Any]]:
    """``{sentence id: evidence}`` (article, language, offsets and text of each sentence), and
    ``{article id: title}`` of their articles."""
    if not ids:
        return {}, {}
    marks = ",".join("?" * len(ids))
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(
        "SELECT s.id, s.article_id, s.span_start, s.span_end, s.text, a.language, a.title "
        f"FROM timeline_sentences s JOIN articles a ON a.id = s.article_id WHERE s.id IN ({marks})",
        ids,
    ).fetchall()
    evidence = {
        int(sid): {
            "article_id": article_id,
            "language": language,
            "sentence": {"start": start, "end": end},
            "text": " ".join(str(text).split()),
        }
        for sid, article_id, start, end, text, language, _ in rows
    }
    return evidence, {r[1]: r[6] for r in rows}


def _story_anchor(conn: Connection, articles: list[str]) -> str | None:
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


def _events_by_article(
    conn: Connection, articles: list[str], days: set[str]
) -> dict[str, list[tuple[str, str]]]:
    """``{article id: [(event id, date)]}`` for the events of ``articles`` dated on one of ``days``
    (a yearless day: any year)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if not articles:
        return out
    marks = ",".join("?" * len(articles))
    cursor = conn.cursor()
    cursor.row_factory = None
    # Only the events dated on a chosen day are read (the busy days' articles have thousands).
    full = sorted(days)
    yearless = [d[len(_PARTIAL) :] for d in full if d.startswith(_PARTIAL)]
    on_days = f"date IN ({','.join('?' * len(full))})" if full else "1 = 0"
    if yearless:
        on_days += f" OR (length(date) = 10 AND substr(date, 6) IN ({','.join('?' * len(yearless))}))"
    rows = cursor.execute(
        f"SELECT id, article_id, date FROM events WHERE article_id IN ({marks}) AND date IS NOT NULL "
        f"AND ({on_days})",
        (*articles, *full, *yearless),
    )
    for event_id, article_id, date in rows:
        if date in days or (len(date) == 10 and f"--{date[5:]}" in days):
            out[str(article_id)].append((str(event_id), str(date)))
    return out

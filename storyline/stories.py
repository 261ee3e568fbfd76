"""The collection API: stories, timelines, compare and actor profiles (shapes in DESIGN.md).

:func:`update_collection` is incremental: it processes only articles that
have no fingerprint yet (or the ids given), one transaction per batch of
articles, so ``storyline ingest`` keeps stories, identities and timelines current.  Every
other function only reads and returns plain JSON-able data.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline import resolve
from storyline.cluster import (
    Clusterer,
    Fingerprint,
    Similarity,
    build_fingerprint,
    load_fingerprint,
    similarity,
)
from storyline.extract.numbers import extract_numbers
from storyline.extract.sentences import split_sentences
from storyline.settings import ANALYZE_CHARS
from storyline.store.db import Database, fts_query

JSON = dict[str, Any]
_PARTIAL = "--"
# Articles clustered per transaction: one commit per article cost more than the
# clustering itself, and a page changed many times in a batch is written once (issue 5
# bench: at 30,000 articles, 1,000 per batch took a quarter less time than 200).  An
# interrupted batch rolls back whole; its articles have no fingerprint yet, so the next
# update processes them again.
UPDATE_BATCH = 1000


# --- updating -------------------------------------------------------------------


def update_collection(db: Database, article_ids: Sequence[str] | None = None) -> dict[str, int]:
    """Resolve identities, fingerprint and cluster the given articles (None: all not yet processed).

    Returns counts: ``articles`` processed, ``links`` found, of which
    ``copies`` and ``translations``, and the number of ``stories`` after the update.
    """
    conn = db.conn
    ids = list(article_ids) if article_ids is not None else _unprocessed(conn)
    counts = Counter[str]()
    mapping = resolve.actor_map(conn)
    clusterer = Clusterer(conn, mapping)
    for start in range(0, len(ids), UPDATE_BATCH):
        with db.atomic():
            for article_id in ids[start : start + UPDATE_BATCH]:
                _count(counts, _process(db, article_id, mapping, clusterer))
            clusterer.flush()
    counts["stories"] = int(conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0])
    return {k: counts[k] for k in ("articles", "links", "copies", "translations", "stories")}


def _count(counts: Counter[str], matches: list[tuple[str, Similarity]] | None) -> None:
    if matches is None:
        return
    counts["articles"] += 1
    counts["links"] += len(matches)
    counts["copies"] += sum(1 for _, s in matches if s.kind == "copy")
    counts["translations"] += sum(1 for _, s in matches if s.kind == "translation")


def _unprocessed(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM fingerprints) "
        "ORDER BY published IS NULL, published, rowid"
    )
    return [str(r[0]) for r in rows]


def _process(
    db: Database, article_id: str, mapping: dict[str, str], clusterer: Clusterer
) -> list[tuple[str, Similarity]] | None:
    """Resolve, fingerprint and cluster one article (None when it is gone or was done already)."""
    conn = db.conn
    if conn.execute("SELECT 1 FROM fingerprints WHERE article_id = ?", (article_id,)).fetchone():
        return None
    row = conn.execute(  # the part extraction read: a 10 MB article costs no more than its analysis
        "SELECT id, language, published, substr(text, 1, ?) AS text, paragraphs FROM articles WHERE id = ?",
        (ANALYZE_CHARS, article_id),
    ).fetchone()
    if row is None:
        return None
    article = dict(row) | {"paragraphs": json.loads(row["paragraphs"])}
    results = db.results(article_id)
    language = str(article["language"] or "und")
    fp = build_fingerprint(article, results, _numbers(article, results))
    resolve.register(conn, _sightings(results), language=language, day=fp.day)
    _refresh_mapping(conn, mapping, fp.entities)
    matches = clusterer.add(fp)
    _store_dated_sentences(conn, article, results)
    return matches


def _numbers(article: JSON, results: dict[str, list[JSON]]) -> list[float]:
    found = [float(n["value"]) for c in results.get("claims", []) for n in c.get("numbers", [])]
    found += [n.value for _, n in extract_numbers(str(article["text"]), language=article.get("language"))]
    return found


def _sightings(results: dict[str, list[JSON]]) -> list[resolve.Sighting]:
    out = [
        resolve.Sighting(
            str(m["id"]), str(m["kind"]), str(m["name"]), str(m["text"]), m.get("role"), m.get("country")
        )
        for m in results.get("actors", [])
        if m.get("id")
    ]
    out += [
        resolve.Sighting(str(p["id"]), "place", str(p["name"]), str(p["text"]), None, p.get("country"))
        for p in results.get("places", [])
        if p.get("id")
    ]
    return out


def _refresh_mapping(conn: sqlite3.Connection, mapping: dict[str, str], entities: Iterable[str]) -> None:
    """Bring the in-memory canonical map up to date for the groups these entities belong to."""
    ids = list(entities)
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT entity_id, actor_id FROM entities WHERE actor_id IN "
        f"(SELECT actor_id FROM entities WHERE entity_id IN ({marks}))",
        ids,
    )
    for entity_id, actor_id in rows:
        if entity_id != actor_id:
            mapping[str(entity_id)] = str(actor_id)
        else:
            mapping.pop(str(entity_id), None)


def _store_dated_sentences(conn: sqlite3.Connection, article: JSON, results: dict[str, list[JSON]]) -> None:
    """Keep every sentence that carries a day date (or an event date) with the entities it names."""
    text = str(article["text"])
    sentences = split_sentences(text)
    mentions = [
        (int(m["start"]), str(m["id"])) for m in results.get("actors", []) + results.get("places", [])
    ]
    rows: dict[tuple[str, int], tuple[Any, ...]] = {}
    dated = [
        (str(t["value"]), int(t["start"]), "time")
        for t in results.get("times", [])
        if _is_day(str(t["value"]))
    ]
    dated += [
        (str(e["date"]), int(e["sentence"]["start"]), "event")
        for e in results.get("events", [])
        if e.get("date") and _is_day(str(e["date"]))
    ]
    mentions.sort()
    starts, first = [m[0] for m in mentions], [s.start for s in sentences]
    for value, pos, source in dated:  # bisection: thousands of dates in a long text stay fast
        sent = sentences[bisect_right(first, pos) - 1] if first and first[0] <= pos else None
        if sent is None or pos >= sent.end:
            continue
        inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        names = sorted({i for _, i in inside})
        key = (value, sent.start)
        if key not in rows or source == "event":
            rows[key] = (
                article["id"],
                value,
                sent.start,
                sent.end,
                text[sent.start : sent.end],
                json.dumps(names),
                source,
            )
    conn.executemany("INSERT INTO dated_sentences VALUES (?, ?, ?, ?, ?, ?, ?)", list(rows.values()))


def _is_day(value: str) -> bool:
    return (len(value) == 10 and value[4] == "-" and value[:4].isdigit()) or (
        len(value) == 7 and value.startswith(_PARTIAL)
    )


# --- stories --------------------------------------------------------------------


def list_stories(db: Database, *, limit: int | None = None, query: str | None = None) -> list[JSON]:
    """Stories, largest and latest first, in the DESIGN.md ``stories`` shape."""
    conn = db.conn
    members: dict[str, list[str]] = defaultdict(list)
    for story_id, article_id in conn.execute(
        "SELECT story_id, article_id FROM story_articles ORDER BY article_id"
    ):
        members[str(story_id)].append(str(article_id))
    if query:
        wanted = _articles_matching(db, query)
        members = {s: ids for s, ids in members.items() if wanted & set(ids)}
    stories = [_story(conn, story_id, ids) for story_id, ids in members.items()]
    stories.sort(key=lambda s: (-len(s["articles"]), s["last"] is None, _neg(s["last"]), s["id"]))
    return stories[:limit] if limit else stories


def _neg(day: str | None) -> str:
    # Sort key for "latest first" on ISO strings without parsing them.
    return "".join(chr(0x10FFFF - ord(c)) for c in day) if day else ""


def _story(conn: sqlite3.Connection, story_id: str, ids: list[str]) -> JSON:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT a.id, a.language, a.title, a.published, f.day, substr(a.text, 1, 200) AS head "
        f"FROM articles a LEFT JOIN fingerprints f ON f.article_id = a.id WHERE a.id IN ({marks}) "
        "ORDER BY coalesce(a.published, f.day) IS NULL, coalesce(a.published, f.day), a.id",
        ids,
    ).fetchall()
    days = sorted(d for d in (r["published"] or r["day"] for r in rows) if d)
    titled = next((r for r in rows if r["title"]), None)
    title = titled["title"] if titled else (rows[0]["head"].strip().splitlines() or [""])[0][:120]
    events = [
        str(r[0])
        for r in conn.execute(f"SELECT id FROM events WHERE article_id IN ({marks}) ORDER BY id", ids)
    ]
    return {
        "id": story_id,
        "title": title,
        "articles": [str(r["id"]) for r in rows],
        "languages": sorted({str(r["language"]) for r in rows if r["language"]}),
        "first": days[0] if days else None,
        "last": days[-1] if days else None,
        "event_ids": events,
    }


def _articles_matching(db: Database, query: str) -> set[str]:
    """Articles that mention an actor or place named ``query`` (any variant), else full-text hits."""
    conn = db.conn
    entity_ids = resolve.members(conn, sorted(resolve.match(conn, query)))
    found: set[str] = set()
    for entity_id in entity_ids:
        found |= {
            str(r[0])
            for r in conn.execute("SELECT article_id FROM mentions WHERE entity_id = ?", (entity_id,))
        }
    if not found:
        found = {h.id for h in db.search(query, limit=1000)}
    return found


def _source_groups(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """``{article id: group id}``: copies and translations fall in their original's group."""
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    marks = ",".join("?" * len(ids))
    pairs = conn.execute(
        f"SELECT article_id, other_id FROM article_links WHERE kind IN ('copy', 'translation') "
        f"AND article_id IN ({marks}) AND other_id IN ({marks})",
        [*ids, *ids],
    ).fetchall()
    pairs += conn.execute(
        f"SELECT id, copy_of FROM articles WHERE id IN ({marks}) AND copy_of IS NOT NULL", ids
    ).fetchall()
    for a, b in pairs:
        if a in parent and b in parent:
            parent[find(str(a))] = find(str(b))
    return {i: find(i) for i in ids}


def story_detail(db: Database, story_id: str) -> JSON | None:
    """One story with its articles, links, events and claims, each with its independent-source count."""
    conn = db.conn
    ids = [
        str(r[0])
        for r in conn.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,))
    ]
    if not ids:
        return None
    out = _story(conn, story_id, ids)
    groups = _source_groups(conn, ids)
    out["independent_sources"] = len(set(groups.values()))
    out["article_details"] = [_article_detail(conn, a) for a in out["articles"]]
    out["events"] = _story_events(conn, ids, groups)
    out["claims"] = _story_claims(conn, ids, groups)
    return out


def _article_detail(conn: sqlite3.Connection, article_id: str) -> JSON:
    row = conn.execute(
        "SELECT id, language, title, url, published, copy_of FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    links = conn.execute(
        "SELECT other_id, kind, score FROM article_links WHERE article_id = ? AND kind != 'story'",
        (article_id,),
    ).fetchall()
    copy_of = row["copy_of"] or next((str(o) for o, k, _ in links if k == "copy"), None)
    translation_of = next((str(o) for o, k, _ in links if k == "translation"), None)
    return dict(row) | {"copy_of": copy_of, "translation_of": translation_of}


def _story_events(conn: sqlite3.Connection, ids: Sequence[str], groups: dict[str, str]) -> list[JSON]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, article_id, data FROM events WHERE article_id IN ({marks}) ORDER BY id", ids
    ).fetchall()
    mapping = resolve.actor_map(conn)
    support: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    events = []
    for event_id, article_id, data in rows:
        e = json.loads(data)
        key = (
            e.get("type"),
            mapping.get(e.get("source") or "", e.get("source")),
            mapping.get(e.get("target") or "", e.get("target")),
            e.get("date"),
        )
        support[key].add(groups[article_id])
        events.append((key, {"id": event_id, "article_id": article_id} | e))
    return [e | {"sources": len(support[key])} for key, e in events]


def _story_claims(conn: sqlite3.Connection, ids: Sequence[str], groups: dict[str, str]) -> list[JSON]:
    """Claims with sources: a figure (or one speaker's dated statement) repeated by independent articles."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT c.article_id, c.seq, c.data, substr(a.text, c.span_start + 1, c.span_end - c.span_start) "
        f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.article_id IN ({marks}) "
        "ORDER BY c.article_id, c.seq",
        ids,
    ).fetchall()
    mapping = resolve.actor_map(conn)
    support: dict[str, set[str]] = defaultdict(set)
    claims = []
    for article_id, seq, data, statement in rows:
        c = json.loads(data)
        keys = _claim_keys(c, mapping)
        for key in keys:
            support[key].add(groups[article_id])
        c["statement"]["text"] = statement
        claims.append((keys, {"article_id": article_id, "seq": seq} | c))
    return [c | {"sources": max([len(support[k]) for k in keys] or [1])} for keys, c in claims]


def _claim_keys(claim: JSON, mapping: dict[str, str]) -> list[str]:
    keys = [f"n:{float(n['value']):g}" for n in claim.get("numbers", []) if float(n["value"]) >= 10]
    speakers = claim.get("speakers") or []
    if speakers and claim.get("date"):
        last = str(speakers[-1].get("id") or "")
        keys.append(f"s:{mapping.get(last, last)}@{claim['date']}")
    return keys


# --- timeline -------------------------------------------------------------------

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
    groups = _source_groups(conn, everyone) if everyone else {}
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


# --- compare --------------------------------------------------------------------


def compare(db: Database | None, a: str, b: str) -> JSON:
    """Score two articles (stored ids or prefixes, else file paths): score, same-story decision, evidence."""
    fa, fb, mapping, idf = _pair(db, a, b)
    sim = similarity(fa, fb, mapping=mapping, idf=idf)
    return {
        "a": fa.article_id,
        "b": fb.article_id,
        "score": sim.score,
        "same_story": sim.same_story,
        "relation": sim.kind,
        "evidence": sim.evidence,
    }


def _pair(db: Database | None, a: str, b: str) -> tuple[Fingerprint, Fingerprint, dict[str, str], Any]:
    from storyline.cluster import collection_idf

    if db is not None:
        id_a, id_b = db.resolve_id(a), db.resolve_id(b)
        if id_a and id_b:
            fa, fb = (load_fingerprint(db.conn, i) or _stored_fingerprint(db, i) for i in (id_a, id_b))
            idf = collection_idf(db.conn, fa.language, [*fa.terms, *fb.terms])
            return fa, fb, resolve.actor_map(db.conn), idf
    fps = [fingerprint_file(x) for x in (a, b)]
    return fps[0], fps[1], _curated_mapping(fps), None


def _stored_fingerprint(db: Database, article_id: str) -> Fingerprint:
    row = db.conn.execute(
        "SELECT id, language, published, text, paragraphs FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    article = dict(row) | {"paragraphs": json.loads(row["paragraphs"])}
    results = db.results(article_id)
    return build_fingerprint(article, results, _numbers(article, results))


def fingerprint_file(path: str) -> Fingerprint:
    """Run the per-article pipeline on one file and fingerprint it (for ``compare`` without a database)."""
    from storyline.api import analyze
    from storyline.errors import InputError
    from storyline.model import Rejection

    if not Path(path).is_file():
        raise InputError(path, "not a stored article id nor a readable file")
    for item in analyze([path]):
        if isinstance(item, Rejection):
            raise InputError(item.path, item.reason)
        return fingerprint_result(item)
    raise InputError(path, "no article in this file")


def fingerprint_result(result: Any) -> Fingerprint:
    """The fingerprint of an in-memory :class:`~storyline.model.ArticleResult`."""
    from storyline.contract import result_dict

    data = result_dict(result)
    article = {k: data[k] for k in ("id", "language", "published", "text", "paragraphs")}
    return build_fingerprint(article, data, _numbers(article, data))


def _curated_mapping(fps: Iterable[Fingerprint]) -> dict[str, str]:
    """Entity ids that people.toml lists under another canonical id (no database needed)."""
    listed = resolve.curated()
    out: dict[str, str] = {}
    for fp in fps:
        for entity_id in fp.entities:
            key = entity_id.split(":", 1)[-1]
            if key in listed and listed[key][0] != entity_id:
                out[entity_id] = listed[key][0]
    return out


# --- actors ---------------------------------------------------------------------


def list_actors(db: Database, *, query: str | None = None, limit: int | None = None) -> list[JSON]:
    """Canonical actors (places excluded), most articles first: id, name, kind, country, articles, names."""
    conn = db.conn
    wanted = resolve.match(conn, query) if query else None
    rows = conn.execute(
        "SELECT e.actor_id, e.entity_id, e.name, e.kind, e.country, sum(n.articles) AS seen "
        "FROM entities e JOIN entity_names n ON n.entity_id = e.entity_id WHERE e.kind != 'place' "
        "GROUP BY e.entity_id"
    ).fetchall()
    actors: dict[str, JSON] = {}
    for actor_id, entity_id, name, kind, country, seen in rows:
        if wanted is not None and actor_id not in wanted:
            continue
        a = actors.setdefault(
            actor_id,
            {"id": actor_id, "name": name, "kind": kind, "country": country, "articles": 0, "names": 0},
        )
        if entity_id == actor_id or (a["name"] == name and " " in name):
            a["name"] = name
        a["country"] = a["country"] or country
        a["articles"] += int(seen)
        a["names"] += 1
    out = sorted(actors.values(), key=lambda a: (-a["articles"], a["id"]))
    return out[:limit] if limit else out


def actor_profile(db: Database, query: str) -> JSON | None:
    """One actor: names with languages, roles over time, why entities were merged, events, interactions."""
    conn = db.conn
    found = sorted(resolve.match(conn, query))
    if not found:
        return None
    ranked = list_actors(db)
    order = {a["id"]: i for i, a in enumerate(ranked)}
    actor_id = min(found, key=lambda i: order.get(i, len(order)))
    entity_ids = sorted(resolve.members(conn, [actor_id]))
    marks = ",".join("?" * len(entity_ids))
    head = next((a for a in ranked if a["id"] == actor_id), None)
    listed = next((v for v in resolve.curated().values() if v[0] == actor_id), None)
    return {
        "id": actor_id,
        "name": (listed[1] if listed else None) or (head["name"] if head else actor_id),
        "kind": head["kind"] if head else "person",
        "country": (head["country"] if head else None) or (listed[2] if listed else None),
        "names": _names(conn, entity_ids, marks),
        "roles": _roles(conn, entity_ids, marks),
        "merged_because": [
            {"entity_id": str(r[0]), "name": str(r[1]), "reason": str(r[2])}
            for r in conn.execute(
                f"SELECT entity_id, name, reason FROM entities WHERE entity_id IN ({marks})", entity_ids
            )
            if str(r[0]) != actor_id or str(r[2]) != "own name key"
        ],
        "events": _actor_events(conn, entity_ids, marks),
        "interactions": _interactions(conn, actor_id, entity_ids, marks),
    }


def _names(conn: sqlite3.Connection, entity_ids: list[str], marks: str) -> list[JSON]:
    names: dict[str, JSON] = {}
    rows = conn.execute(
        f"SELECT name, language, articles FROM entity_names WHERE entity_id IN ({marks})", entity_ids
    )
    for name, language, articles in rows:
        n = names.setdefault(str(name), {"name": str(name), "languages": [], "articles": 0})
        if language not in n["languages"]:
            n["languages"].append(str(language))
        n["articles"] += int(articles)
    return sorted(names.values(), key=lambda n: (-n["articles"], n["name"]))


def _roles(conn: sqlite3.Connection, entity_ids: list[str], marks: str) -> list[JSON]:
    rows = conn.execute(
        "SELECT role, nullif(country, '') AS country, min(first), max(last), sum(articles) "
        f"FROM entity_roles "
        f"WHERE entity_id IN ({marks}) GROUP BY role, country ORDER BY min(first) IS NULL, min(first)",
        entity_ids,
    )
    return [{"role": r[0], "country": r[1], "first": r[2], "last": r[3], "articles": int(r[4])} for r in rows]


def _actor_events(conn: sqlite3.Connection, entity_ids: list[str], marks: str) -> list[JSON]:
    rows = conn.execute(
        f"SELECT id, article_id, data FROM events WHERE source IN ({marks}) OR target IN ({marks}) "
        "ORDER BY date, id LIMIT 200",
        [*entity_ids, *entity_ids],
    )
    return [{"id": r[0], "article_id": r[1]} | json.loads(r[2]) for r in rows]


def _interactions(conn: sqlite3.Connection, actor_id: str, entity_ids: list[str], marks: str) -> list[JSON]:
    """Other actors in events with this one (by event type), else named in the same sentences."""
    mapping = resolve.actor_map(conn)
    counts: Counter[tuple[str, str]] = Counter()
    for source, target, kind in conn.execute(
        f"SELECT source, target, type FROM events WHERE source IN ({marks}) OR target IN ({marks})",
        [*entity_ids, *entity_ids],
    ):
        other = target if source in entity_ids else source
        if other:
            counts[(mapping.get(other, other), str(kind))] += 1
    for (entities,) in conn.execute("SELECT entities FROM dated_sentences"):
        ids = {mapping.get(e, e) for e in json.loads(entities)}
        if actor_id in ids:
            for other in ids - {actor_id}:
                if not other.startswith(("city:", "region:")):
                    counts[(other, "co-mentioned")] += 1
    names = {str(r[0]): str(r[1]) for r in conn.execute("SELECT entity_id, name FROM entities")}
    return [
        {"actor_id": other, "name": names.get(other, other), "type": kind, "count": n}
        for (other, kind), n in counts.most_common(25)
    ]

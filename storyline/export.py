"""Bulk exports of a storyline database as CSV, JSONL or Parquet, with one stable schema per table.

The events table is the contract analysts build on (docs/export.md): its
columns, their order and their meaning only ever grow at the end.  The JSON
API's ``/api/events`` serves the same rows (:func:`event_rows`), so a row seen
in the browser, in pandas and in DuckDB is the same row.

List-valued columns (``article_ids``, ``names`` …) are lists in JSONL and
Parquet, and ``;``-joined strings in CSV (CSV has no lists).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from storyline.errors import StorylineError
from storyline.store.db import Database
from storyline.store.where import Where

Row = dict[str, Any]
WHATS = ("events", "articles", "actors", "stories", "claims")
FORMATS = ("csv", "jsonl", "parquet")


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column: its name, Arrow type name and meaning (the documentation)."""

    name: str
    type: str  # "string" | "int" | "float" | "list"
    help: str


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "stable id: ARTICLE_ID:N, the N-th event extracted from that article"),
    Column("story_id", "string", "the story the article belongs to (empty if none)"),
    Column("article_id", "string", "the article this event was extracted from"),
    Column("article_ids", "list", "every stored article reporting the same event (same type, actors, date)"),
    Column(
        "independent_sources", "int", "distinct sources among article_ids: copies and translations count once"
    ),
    Column("language", "string", "ISO 639-1 language of the article"),
    Column("published", "string", "publication date of the article (ISO)"),
    Column("type", "string", "PLOVER event type in capitals (CONSULT, PROTEST, …)"),
    Column("mode", "string", "PLOVER mode (visit, meet, call …; empty if none)"),
    Column("date", "string", "ISO date of the event: 2024-11-18, 2024-11, 2024 or --11-30 (year unknown)"),
    Column("date_precision", "string", "day, month, year, week or none (from the shape of date)"),
    Column("source_actor_id", "string", "stable, language-independent id of the actor who acts"),
    Column("source_actor_name", "string", "canonical name of the source actor"),
    Column("source_country", "string", "ISO 3166-1 alpha-2 country of the source actor"),
    Column("target_actor_id", "string", "stable id of the actor acted upon"),
    Column("target_actor_name", "string", "canonical name of the target actor"),
    Column("target_country", "string", "ISO 3166-1 alpha-2 country of the target actor"),
    Column("place_id", "string", "stable id of the place (country:XX, city:GEONAMES_ID)"),
    Column("place_name", "string", "canonical place name"),
    Column("place_country", "string", "ISO 3166-1 alpha-2 country of the place"),
    Column("lat", "float", "latitude of the place (WGS84)"),
    Column("lon", "float", "longitude of the place (WGS84)"),
    Column("confidence", "float", "extraction confidence, 0..1"),
    Column("status", "string", "asserted, negated, planned or hypothetical, as the text states it"),
    Column("trigger_text", "string", "the words that express the event, in the original language"),
    Column("sentence_text", "string", "the exact source sentence, in the original language"),
)

ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "article id"),
    Column("language", "string", "ISO 639-1 language"),
    Column("published", "string", "publication date (ISO)"),
    Column("published_from", "string", "where the date came from: meta | text | url | given"),
    Column("title", "string", "title"),
    Column("url", "string", "canonical source URL"),
    Column("source_path", "string", "file or record the article was read from"),
    Column("copy_of", "string", "id of the stored article this one is an exact copy of"),
    Column("chars", "int", "length of the cleaned text"),
    Column("removed_spans", "int", "how many spans cleaning removed"),
    Column("text", "string", "the cleaned text"),
)

ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "stable actor id"),
    Column("name", "string", "canonical name"),
    Column("kind", "string", "person | organization | country | group"),
    Column("country", "string", "ISO 3166-1 alpha-2 country the texts tie the actor to"),
    Column("names", "list", "every surface form seen, in any language"),
    Column("languages", "list", "languages of the articles mentioning the actor"),
    Column("articles", "int", "articles mentioning the actor"),
    Column("mentions", "int", "mentions in all articles"),
)

STORY_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "story id"),
    Column("title", "string", "story title"),
    Column("article_ids", "list", "articles of the story"),
    Column("languages", "list", "their languages"),
    Column("first", "string", "first publication date"),
    Column("last", "string", "last publication date"),
    Column("event_ids", "list", "events of the story"),
)

CLAIM_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "string", "article the claim is in"),
    Column("seq", "int", "index of the claim in the article"),
    Column("language", "string", "language of the article"),
    Column("published", "string", "publication date of the article"),
    Column("speakers", "string", "attribution chain, outermost first, joined by ' ← '"),
    Column("speaker_ids", "list", "ids of the speakers, outermost first"),
    Column("statement", "string", "the statement, in the original language"),
    Column("start", "int", "statement start offset in the cleaned text"),
    Column("end", "int", "statement end offset in the cleaned text"),
    Column("numbers", "string", "JSON list of {value, unit, text, qualifier}"),
    Column("date", "string", "date the claim refers to (ISO), if any"),
)

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "events": EVENT_COLUMNS,
    "articles": ARTICLE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "stories": STORY_COLUMNS,
    "claims": CLAIM_COLUMNS,
}

EXPORT_HELP = (
    "Export a table of DB as CSV, JSONL or Parquet (for pandas, DuckDB, R).\n\n"
    "List columns are lists in JSONL/Parquet and ';'-joined in CSV. The events schema "
    "(stable; documented in docs/export.md):\n\n\b\n"
    + "\n".join(f"  {c.name:<20} {c.help}" for c in EVENT_COLUMNS)
)


# --- rows ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; every field is optional and they combine with AND."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    article: str | None = None
    articles: tuple[str, ...] | None = None
    date_from: str | None = None
    date_to: str | None = None
    ids: tuple[str, ...] | None = None
    # Added for the web filters: the article's language, and several entity ids per actor
    # or place (every variant of a canonical actor); an empty tuple matches nothing.
    language: str | None = None
    actors: tuple[str, ...] | None = None
    places: tuple[str, ...] | None = None


def event_count(db: Database, filt: EventFilter | None = None) -> int:
    """How many events ``filt`` selects (the total behind a page of :func:`event_rows`)."""
    where = _event_where(filt or EventFilter())
    sql = f"SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id{where.sql}"
    return int(db.conn.execute(sql, where.params).fetchone()[0])


def event_rows(
    db: Database, filt: EventFilter | None = None, *, limit: int | None = None, offset: int = 0
) -> list[Row]:
    """Events in the export schema, by date then id; ``limit``/``offset`` page through them."""
    filt = filt or EventFilter()
    where = _event_where(filt)
    sql = (
        "SELECT e.id, e.article_id, e.type, e.mode, e.source, e.target, e.place, e.date, e.data, "
        "a.language, a.published, a.text FROM events e JOIN articles a ON a.id = e.article_id"
        f"{where.sql} ORDER BY e.date IS NULL, e.date, e.id LIMIT ? OFFSET ?"
    )
    rows = db.conn.execute(sql, [*where.params, -1 if limit is None else limit, offset]).fetchall()
    entities = _entities(db, {x for r in rows for x in (r["source"], r["target"], r["place"]) if x})
    groups = _same_event_groups(db, rows)
    stories = _story_of_articles(db)
    return [_event_row(r, entities, groups, stories) for r in rows]


def _event_where(f: EventFilter) -> Where:
    return (
        Where()
        .equal("e.type", f.type)
        .equal("e.place", f.place)
        .equal("e.article_id", f.article)
        .at_least("e.date", f.date_from)
        .at_most("e.date", f.date_to)
        .add("(e.source = ? OR e.target = ?)", f.actor, f.actor, when=f.actor)
        .one_of("e.id", f.ids)
        .one_of("e.article_id", f.articles)
        .language("a.language", f.language)
        .one_of("e.place", f.places)
        .add(
            "(e.source IN ({m}) OR e.target IN ({m}))".format(m=",".join("?" * len(f.actors or ()))),
            *(f.actors or ()),
            *(f.actors or ()),
            when=f.actors,
        )
        .add("1 = 0", when=f.actors is not None and not f.actors)
    )


@dataclass(frozen=True, slots=True)
class Entity:
    """What the rows need to know about an actor or place id."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None


def _entities(db: Database, ids: set[str]) -> dict[str, Entity]:
    """Name, country and coordinates of each id, from the mentions that resolved to it."""
    out: dict[str, Entity] = {}
    for chunk in _chunks(sorted(ids), 500):
        sql = (
            "SELECT entity_id, min(json_extract(data, '$.name')), min(json_extract(data, '$.country')), "
            "min(json_extract(data, '$.lat')), min(json_extract(data, '$.lon')) FROM mentions "
            f"WHERE kind IN ('actor', 'place') AND entity_id IN ({','.join('?' * len(chunk))}) "
            "GROUP BY entity_id"
        )
        for eid, name, country, lat, lon in db.conn.execute(sql, chunk):
            out[eid] = Entity(name or eid, country, _number(lat), _number(lon))
    return out


def _number(value: Any) -> float | None:
    """A JSON number as read back (PostgreSQL's json_extract returns text)."""
    return None if value is None else float(value)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _event_key(r: Any) -> tuple[Any, ...] | None:
    # Two articles report "the same event" when type, both actors and the date
    # agree; with no actor and no date there is nothing to match on.
    if not (r["source"] or r["target"]) or not r["date"]:
        return None
    return (r["type"], r["source"], r["target"], r["date"])


def _same_event_groups(db: Database, rows: list[Any]) -> dict[tuple[Any, ...], list[str]]:
    keys = {k for r in rows if (k := _event_key(r))}
    if not keys:
        return {}
    groups: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    dates = sorted({k[3] for k in keys})
    for chunk in _chunks(dates, 500):
        sql = (
            "SELECT article_id, type, source, target, date FROM events "
            f"WHERE date IN ({','.join('?' * len(chunk))})"
        )
        for aid, typ, src, tgt, date in db.conn.execute(sql, chunk):
            if (key := (typ, src, tgt, date)) in keys:
                groups[key].add(aid)
    return {k: sorted(v) for k, v in groups.items()}


def _story_of_articles(db: Database) -> dict[str, str]:
    # The stories module keeps membership in story_articles (migration 0003).
    return {str(a): str(s) for a, s in db.conn.execute("SELECT article_id, story_id FROM story_articles")}


def _event_row(
    r: Any,
    entities: dict[str, Entity],
    groups: dict[tuple[Any, ...], list[str]],
    stories: dict[str, str],
) -> Row:
    data = json.loads(r["data"])
    key = _event_key(r)
    article_ids = groups.get(key, [r["article_id"]]) if key else [r["article_id"]]
    src, tgt, place = (entities.get(x) if x else None for x in (r["source"], r["target"], r["place"]))
    sentence = data.get("sentence") or {}
    return {
        "event_id": r["id"],
        "story_id": stories.get(r["article_id"]),
        "article_id": r["article_id"],
        "article_ids": article_ids,
        "independent_sources": None,  # filled by _count_sources
        "language": r["language"],
        "published": r["published"],
        "type": r["type"],
        "mode": r["mode"],
        "date": r["date"],
        "date_precision": date_precision(r["date"]),
        "source_actor_id": r["source"],
        "source_actor_name": src.name if src else data.get("source_text"),
        "source_country": src.country if src else None,
        "target_actor_id": r["target"],
        "target_actor_name": tgt.name if tgt else data.get("target_text"),
        "target_country": tgt.country if tgt else None,
        "place_id": r["place"],
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": _rounded(place.lat, 5) if place else None,
        "lon": _rounded(place.lon, 5) if place else None,
        "confidence": _rounded(data.get("confidence")),
        "status": data.get("status"),
        "trigger_text": (data.get("trigger") or {}).get("text"),
        "sentence_text": r["text"][sentence.get("start", 0) : sentence.get("end", 0)],
        # Not exported (offsets only make sense next to the text): the web UI uses them.
        "sentence_start": sentence.get("start"),
        "sentence_end": sentence.get("end"),
    }


def _rounded(value: Any, digits: int = 3) -> float | None:
    """Floats as people write them: 0.8, not 0.7999999999999999 (sums of weights drift)."""
    return None if value is None else round(float(value), digits)


_PRECISION = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^--\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


def date_precision(value: str | None) -> str:
    """The precision an ISO (partial) date carries: ``2024-11`` → ``month``."""
    for pattern, name in _PRECISION if value else ():
        if pattern.match(value or ""):
            return name
    return "none"


def independent_origins(db: Database) -> dict[str, str]:
    """Each article's original: itself, or the root of what it is an exact copy or a translation of."""
    parent = {str(r[0]): str(r[1]) for r in db.conn.execute("SELECT id, copy_of FROM articles") if r[1]}
    links = "SELECT article_id, other_id FROM article_links WHERE kind IN ('copy', 'translation')"
    for article_id, other_id in db.conn.execute(links):
        parent.setdefault(str(article_id), str(other_id))

    def root(a: str) -> str:
        seen = {a}
        while a in parent and parent[a] not in seen:
            a = parent[a]
            seen.add(a)
        return a

    return {a: root(a) for a in parent}


def with_source_counts(rows: list[Row], origin: dict[str, str]) -> list[Row]:
    """Fill ``independent_sources``: copies and translations of one original count once."""
    for row in rows:
        row["independent_sources"] = len({origin.get(a, a) for a in row["article_ids"]})
    return rows


def article_rows(db: Database) -> Iterator[Row]:
    sql = (
        "SELECT id, language, published, published_from, title, url, source_path, copy_of, "
        "length(text) AS chars, json_array_length(removed) AS removed_spans, text FROM articles "
        "ORDER BY published IS NULL, published, id"
    )
    for r in db.conn.execute(sql):
        yield dict(r)


def actor_rows(db: Database) -> list[Row]:
    """Actors as extracted (one row per stable id) with every surface form and language."""
    sql = (
        "SELECT m.entity_id, m.text, m.data, a.language, m.article_id FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.kind = 'actor' ORDER BY m.entity_id"
    )
    acc: dict[str, dict[str, Any]] = {}
    for eid, text, data, lang, aid in db.conn.execute(sql):
        d = json.loads(data)
        a = acc.setdefault(eid, {"d": d, "names": Counter(), "langs": set(), "arts": set(), "n": 0})
        a["names"][text] += 1
        a["langs"].add(lang or "")
        a["arts"].add(aid)
        a["n"] += 1
    return [
        {
            "id": eid,
            "name": a["d"].get("name"),
            "kind": a["d"].get("kind"),
            "country": a["d"].get("country"),
            "names": [n for n, _ in a["names"].most_common()],
            "languages": sorted(x for x in a["langs"] if x),
            "articles": len(a["arts"]),
            "mentions": a["n"],
        }
        for eid, a in acc.items()
    ]


def story_rows(db: Database) -> list[Row]:
    from storyline.stories import list_stories

    return [
        {
            "id": s["id"],
            "title": s.get("title"),
            "article_ids": list(s.get("articles", [])),
            "languages": list(s.get("languages", [])),
            "first": s.get("first"),
            "last": s.get("last"),
            "event_ids": list(s.get("event_ids", [])),
        }
        for s in list_stories(db)
    ]


def claim_rows(db: Database) -> Iterator[Row]:
    sql = (
        "SELECT c.article_id, c.seq, a.language, a.published, c.data, "
        "substr(a.text, c.span_start + 1, c.span_end - c.span_start) AS statement, c.span_start, c.span_end "
        "FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY a.published, c.article_id, c.seq"
    )
    for r in db.conn.execute(sql):
        d = json.loads(r["data"])
        yield {
            "article_id": r["article_id"],
            "seq": r["seq"],
            "language": r["language"],
            "published": r["published"],
            "speakers": " ← ".join(s["name"] for s in d.get("speakers", [])),
            "speaker_ids": [s["id"] for s in d.get("speakers", [])],
            "statement": r["statement"],
            "start": r["span_start"],
            "end": r["span_end"],
            "numbers": json.dumps(d.get("numbers", []), ensure_ascii=False),
            "date": d.get("date"),
        }


def rows_for(db: Database, what: str) -> Iterable[Row]:
    """All rows of one exportable table, in its schema's column order."""
    if what == "events":
        return with_source_counts(event_rows(db), independent_origins(db))
    readers = {"articles": article_rows, "actors": actor_rows, "stories": story_rows, "claims": claim_rows}
    if what not in readers:
        raise StorylineError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")
    return readers[what](db)


# --- writers -------------------------------------------------------------------


def export(path: str | Path, *, what: str, fmt: str, out: Path | None = None) -> int:
    """Write table ``what`` of database ``path`` as ``fmt`` to ``out`` (stdout if None); returns rows."""
    if fmt not in FORMATS:
        raise StorylineError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    columns = SCHEMAS.get(what)
    if columns is None:
        raise StorylineError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")
    with Database(path, readonly=True) as db:
        rows = rows_for(db, what)
        if fmt == "parquet":
            if out is None:
                raise StorylineError("Parquet output needs a file (--out)")
            return write_parquet(rows, columns, out)
        if out is None:
            return _write_text(rows, columns, fmt, sys.stdout)
        with out.open("w", encoding="utf-8", newline="") as fh:
            return _write_text(rows, columns, fmt, fh)


def _write_text(rows: Iterable[Row], columns: tuple[Column, ...], fmt: str, fh: TextIO) -> int:
    names = [c.name for c in columns]
    count = 0
    writer = csv.writer(fh) if fmt == "csv" else None
    if writer:
        writer.writerow(names)
    for row in rows:
        if writer:
            writer.writerow([_csv_cell(row.get(n)) for n in names])
        else:
            fh.write(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else value


def write_parquet(rows: Iterable[Row], columns: tuple[Column, ...], out: Path) -> int:
    """Write rows with an explicit Arrow schema, so empty columns keep their documented type."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise StorylineError("Parquet export needs pyarrow: pip install pyarrow") from exc
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string())}
    schema = pa.schema([(c.name, types[c.type]) for c in columns])
    data = [{c.name: row.get(c.name) for c in columns} for row in rows]
    pq.write_table(pa.Table.from_pylist(data, schema=schema), out)
    return len(data)

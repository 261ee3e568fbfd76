"""One analysed article as rows of the Parquet datasets, and back (for ``storyline load``).

The columns of ``articles``, ``events`` and ``claims`` start with the export
schema of docs/export.md, in its order; what a parallel job adds comes after
it: the input order (so a load stores articles in the order ``ingest`` would),
what a database needs to rebuild the article exactly (raw text, removals,
paragraphs, the extraction results as the contract's JSON), the clustering
fingerprint, the article's vector, and ``month``, the partition column.
Columns that need other articles (``story_id``, ``independent_sources``,
``copy_of``) are empty here: a database fills them (``storyline load``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from storyline.cluster.fingerprints import Fingerprint
from storyline.contract import (
    claim_dict,
    event_dict,
    mention_dict,
    paragraph_dict,
    place_dict,
    removal_dict,
    time_dict,
)
from storyline.export import ARTICLE_COLUMNS, CLAIM_COLUMNS, EVENT_COLUMNS, Column, date_precision
from storyline.model import (
    Article,
    ArticleResult,
    Claim,
    Event,
    Mention,
    Number,
    Paragraph,
    Place,
    Rejection,
    Removal,
    Span,
    Speaker,
    TimeExpr,
)

Row = tuple[Any, ...]
MONTH = Column("month", "string", "publication month YYYY-MM (unknown without a date): the partition")

ARTICLE_EXTRA: tuple[Column, ...] = (
    Column("input_order", "int", "position of the record in the inputs (split << 32 | record)"),
    Column("digest", "string", "sha256 of the raw bytes or record text"),
    Column("raw_text", "string", "the text before cleaning"),
    Column("removed", "string", "JSON list of what cleaning removed ({start, end, reason, text})"),
    Column("paragraphs", "string", "JSON list of paragraphs ({start, end, language})"),
    Column("extraction", "string", "JSON of times, actors, places, events, claims (docs/contract.md)"),
    Column("warnings", "list", "warnings of the pipeline"),
    Column("ingested_at", "string", "when the article was analysed (ISO, UTC)"),
    Column("pipeline_version", "string", "stages and version that produced the row"),
    Column("day", "string", "anchor day of the clustering fingerprint"),
    Column("fingerprint", "string", "the clustering fingerprint (storyline.cluster), JSON"),
    Column("minhash", "binary", "the fingerprint's MinHash"),
    Column("vector", "binary", "article embedding, float16 little-endian (empty when semantic is off)"),
    Column("vector_model", "string", "model key of the vector (name@token budget)"),
)
MENTION_COLUMNS: tuple[Column, ...] = (
    Column("article_id", "string", "article the mention is in"),
    Column("kind", "string", "time | place | actor"),
    Column("seq", "int", "index among the article's mentions of that kind"),
    Column("start", "int", "start offset in the cleaned text"),
    Column("end", "int", "end offset in the cleaned text"),
    Column("text", "string", "the words as written"),
    Column("entity_id", "string", "actor or place id; the normalised value of a time"),
    Column("name", "string", "canonical name of the actor or place"),
    Column(
        "entity_kind", "string", "person, organization, country, group, city, region; a time's granularity"
    ),
    Column("country", "string", "ISO 3166-1 alpha-2 country"),
    Column("role", "string", "role of an actor stated beside the name"),
    Column("lat", "float", "latitude of a place"),
    Column("lon", "float", "longitude of a place"),
    Column("language", "string", "language of the article"),
    Column("published", "string", "publication date of the article"),
)
REJECT_COLUMNS: tuple[Column, ...] = (
    Column("path", "string", "file, record (PATH:LINE) or archive member (PATH:N)"),
    Column("reason", "string", "why it was rejected"),
)
TABLES: dict[str, tuple[Column, ...]] = {
    "articles": (*ARTICLE_COLUMNS, *ARTICLE_EXTRA, MONTH),
    "mentions": (*MENTION_COLUMNS, MONTH),
    "events": (*EVENT_COLUMNS, Column("data", "string", "the event as JSON (docs/contract.md)"), MONTH),
    "claims": (*CLAIM_COLUMNS, MONTH),
    "rejects": REJECT_COLUMNS,
}


def month_of(article: Article) -> str:
    return article.published.isoformat()[:7] if article.published else "unknown"


def article_row(
    r: ArticleResult, order: int, fp: Fingerprint, vector: bytes | None, model: str | None
) -> Row:
    a = r.article
    extraction = {
        "times": [time_dict(t) for t in r.times],
        "actors": [mention_dict(m) for m in r.actors],
        "places": [place_dict(p) for p in r.places],
        "events": [event_dict(e, a.text) for e in r.events],
        "claims": [claim_dict(c) for c in r.claims],
    }
    return (
        *(a.id, a.language, _iso(a.published), a.published_from, a.title, a.url, a.source_path),
        *(a.copy_of, len(a.text), len(a.removed), a.text, order, a.digest, a.raw_text),
        _json([removal_dict(x) for x in a.removed]),
        _json([paragraph_dict(p) for p in a.paragraphs]),
        _json(extraction),
        list(r.warnings),
        a.ingested_at.isoformat() if a.ingested_at else None,
        a.pipeline_version,
        *(fp.day, fp.to_json(), fp.minhash, vector, model, month_of(a)),
    )


def mention_rows(r: ArticleResult) -> list[Row]:
    a = r.article
    tail = (a.language, _iso(a.published), month_of(a))
    rows: list[Row] = []
    for i, t in enumerate(r.times):
        rows.append(
            (a.id, "time", i, t.start, t.end, t.text, t.value, None, t.granularity, None, None, None, None)
        )
    for i, p in enumerate(r.places):
        rows.append(
            (a.id, "place", i, p.start, p.end, p.text, p.id, p.name, p.kind, p.country, None, p.lat, p.lon)
        )
    for i, m in enumerate(r.actors):
        rows.append(
            (a.id, "actor", i, m.start, m.end, m.text, m.id, m.name, m.kind, m.country, m.role, None, None)
        )
    return [(*row, *tail) for row in rows]


def event_rows(r: ArticleResult) -> list[Row]:
    """Events in the export schema, names and places from this article's own mentions."""
    a = r.article
    actors = {m.id: m for m in r.actors}
    places = {p.id: p for p in r.places}
    rows: list[Row] = []
    for i, e in enumerate(r.events):
        src, tgt = actors.get(e.source or ""), actors.get(e.target or "")
        place = places.get(e.place or "")
        rows.append(
            (
                *(f"{a.id}:{i}", None, a.id, [a.id], None, a.language, _iso(a.published), e.type, e.mode),
                *(e.date, date_precision(e.date), e.source, src.name if src else e.source_text),
                *(src.country if src else None, e.target, tgt.name if tgt else e.target_text),
                *(tgt.country if tgt else None, e.place, place.name if place else None),
                *(place.country if place else None, _round(place.lat if place else None, 5)),
                *(_round(place.lon if place else None, 5), _round(e.confidence, 3), e.status),
                a.text[e.trigger.start : e.trigger.end],
                a.text[e.sentence.start : e.sentence.end],
                _json(event_dict(e, a.text)),
                month_of(a),
            )
        )
    return rows


def claim_rows(r: ArticleResult) -> list[Row]:
    a = r.article
    return [
        (
            *(a.id, i, a.language, _iso(a.published), " ← ".join(s.name for s in c.speakers)),
            [s.id for s in c.speakers],
            a.text[c.statement.start : c.statement.end],
            *(c.statement.start, c.statement.end),
            _json(claim_dict(c)["numbers"]),
            c.date,
            month_of(a),
        )
        for i, c in enumerate(r.claims)
    ]


def reject_row(rejection: Rejection) -> Row:
    return (rejection.path, rejection.reason)


# --- back: a row of ``articles`` as the result the pipeline made ------------------


def result_from_row(row: Mapping[str, Any]) -> ArticleResult:
    """The :class:`ArticleResult` an ``articles`` row was written from (for storing it)."""
    x = json.loads(row["extraction"])
    article = Article(
        id=row["id"],
        source_path=row["source_path"],
        digest=row["digest"],
        raw_text=row["raw_text"],
        text=row["text"],
        removed=tuple(Removal(**d) for d in json.loads(row["removed"])),
        paragraphs=tuple(Paragraph(**d) for d in json.loads(row["paragraphs"])),
        language=row["language"],
        url=row["url"],
        title=row["title"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        ingested_at=dt.datetime.fromisoformat(row["ingested_at"]) if row["ingested_at"] else None,
        pipeline_version=row["pipeline_version"] or "",
    )
    return ArticleResult(
        article=article,
        times=tuple(TimeExpr(**d) for d in x["times"]),
        actors=tuple(Mention(**d) for d in x["actors"]),
        places=tuple(Place(**d) for d in x["places"]),
        events=tuple(_event(d) for d in x["events"]),
        claims=tuple(_claim(d) for d in x["claims"]),
        warnings=tuple(row["warnings"] or ()),
    )


def _event(d: dict[str, Any]) -> Event:
    fields = {k: v for k, v in d.items() if k not in ("trigger", "sentence")}
    trigger = Span(d["trigger"]["start"], d["trigger"]["end"])
    return Event(**fields, trigger=trigger, sentence=Span(d["sentence"]["start"], d["sentence"]["end"]))


def _claim(d: dict[str, Any]) -> Claim:
    return Claim(
        speakers=tuple(Speaker(s["id"], s["name"]) for s in d["speakers"]),
        statement=Span(d["statement"]["start"], d["statement"]["end"]),
        numbers=tuple(Number(**n) for n in d["numbers"]),
        date=d["date"],
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

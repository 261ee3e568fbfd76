"""The machine-readable contract of ``storyline analyze`` (see docs/contract.md).

One function per shape, so that the CLI, the store and the web API emit the
same JSON for the same object.  Keys and their order are part of the contract.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from storyline.model import (
    Article,
    ArticleResult,
    Claim,
    Event,
    Mention,
    Paragraph,
    Place,
    Rejection,
    Removal,
    TimeExpr,
)

JSON = dict[str, Any]


def article_dict(article: Article, *, with_raw: bool = False) -> JSON:
    """An article's header and cleaned text (and raw text plus removals when asked)."""
    out: JSON = {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "language": article.language,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "title": article.title,
        "copy_of": article.copy_of,
        "text": article.text,
        "paragraphs": [paragraph_dict(p) for p in article.paragraphs],
    }
    if with_raw:
        out["raw_text"] = article.raw_text
        out["removed"] = [removal_dict(r) for r in article.removed]
        out["ingested_at"] = article.ingested_at.isoformat() if article.ingested_at else None
        out["pipeline_version"] = article.pipeline_version
        out["digest"] = article.digest
    return out


def result_dict(result: ArticleResult) -> JSON:
    """The ``analyze`` object for one article."""
    a = result.article
    return {
        "id": a.id,
        "source_path": a.source_path,
        "url": a.url,
        "language": a.language,
        "published": a.published.isoformat() if a.published else None,
        "title": a.title,
        "text": a.text,
        "times": [time_dict(t) for t in result.times],
        "actors": [mention_dict(m) for m in result.actors],
        "places": [place_dict(p) for p in result.places],
        "events": [event_dict(e, a.text) for e in result.events],
        "claims": [claim_dict(c) for c in result.claims],
        "warnings": list(result.warnings),
        "paragraphs": [paragraph_dict(p) for p in a.paragraphs],
        "removed": [removal_dict(r) for r in a.removed],
    }


def rejection_dict(rejection: Rejection) -> JSON:
    return {"source_path": rejection.path, "error": rejection.reason}


def paragraph_dict(p: Paragraph) -> JSON:
    return {"start": p.start, "end": p.end, "language": p.language}


def removal_dict(r: Removal) -> JSON:
    return {"start": r.start, "end": r.end, "reason": r.reason, "text": r.text}


def time_dict(t: TimeExpr) -> JSON:
    return _plain_dict(t)


def mention_dict(m: Mention) -> JSON:
    return _plain_dict(m)


def place_dict(p: Place) -> JSON:
    return _plain_dict(p)


def event_dict(e: Event, text: str) -> JSON:
    out = _plain_dict(e)
    out["trigger"] = {
        "start": e.trigger.start,
        "end": e.trigger.end,
        "text": text[e.trigger.start : e.trigger.end],
    }
    out["sentence"] = {"start": e.sentence.start, "end": e.sentence.end}
    return out


def claim_dict(c: Claim) -> JSON:
    return {
        "speakers": [{"id": s.id, "name": s.name} for s in c.speakers],
        "statement": {"start": c.statement.start, "end": c.statement.end},
        "numbers": [
            {"value": n.value, "unit": n.unit, "text": n.text, "qualifier": n.qualifier} for n in c.numbers
        ],
        "date": c.date,
    }


def _plain_dict(obj: Any) -> JSON:
    """``dataclasses.asdict`` for the model's frozen dataclasses, without its deep copies.

    The model holds only immutable leaves (str, numbers, None, StrEnum) in tuples
    and nested dataclasses, so nothing needs copying; ``asdict`` cost ~1 % of ingest.
    """
    return {name: _plain(getattr(obj, name)) for name in _field_names(type(obj))}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_dict(value)
    if isinstance(value, tuple | list):
        return type(value)(_plain(v) for v in value)
    return value


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_FIELDS: dict[type, tuple[str, ...]] = {}

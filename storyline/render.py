"""Human-readable renderings of stored data (the CLI's text output and the demo report)."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from typing import Any

from storyline.model import Article
from storyline.store.db import Database

JSON = dict[str, Any]


def article_text(article: Article, results: dict[str, list[JSON]], warnings: list[str]) -> str:
    """An article as text: header, cleaned text, what was removed, and what was extracted."""
    head = [
        f"id:         {article.id}",
        f"title:      {article.title or ''}",
        f"language:   {article.language or '?'}",
        f"published:  {article.published or '?'}"
        + (f"  (from {article.published_from})" if article.published else ""),
        f"url:        {article.url or ''}",
        f"source:     {article.source_path}",
    ]
    if article.copy_of:
        head.append(f"copy of:    {article.copy_of}")
    parts = ["\n".join(head), "── text " + "─" * 60, article.text]
    if article.removed:
        removed = [f"  [{r.reason}] {_clip(r.text, 100)}" for r in article.removed]
        parts += [f"── removed ({len(article.removed)} spans) " + "─" * 40, "\n".join(removed)]
    extracted = _extracted_lines(results)
    if extracted:
        parts += ["── extracted " + "─" * 55, "\n".join(extracted)]
    if warnings:
        parts += ["── warnings " + "─" * 56, "\n".join(f"  {w}" for w in warnings)]
    return "\n".join(parts)


def _extracted_lines(results: dict[str, list[JSON]]) -> list[str]:
    lines = []
    for t in results.get("times", []):
        lines.append(f"  time    {t['text']!r} → {t['value']} ({t['anchor']})")
    for p in results.get("places", []):
        lines.append(f"  place   {p['text']!r} → {p['name']} [{p['kind']}, {p.get('country') or '?'}]")
    for m in results.get("actors", []):
        role = ", ".join(x for x in (m.get("role"), m.get("country")) if x)
        lines.append(f"  actor   {m['text']!r} → {m['name']}" + (f" ({role})" if role else ""))
    for c in results.get("claims", []):
        chain = " ← ".join(s["name"] for s in c["speakers"])
        nums = ", ".join(str(n["text"]) for n in c["numbers"])
        lines.append(f"  claim   {chain}" + (f"  numbers: {nums}" if nums else ""))
    lines += [f"  event   {event_line(e)}" for e in results.get("events", [])]
    return lines


def event_line(e: JSON) -> str:
    """``TYPE/mode [status] date: source → target @ place`` with the words each side was named by."""
    kind = str(e.get("type") or "?") + (f"/{e['mode']}" if e.get("mode") else "")
    source = e.get("source_text") or e.get("source_actor_name") or e.get("source") or "—"
    target = e.get("target_text") or e.get("target_actor_name") or e.get("target") or "—"
    place = e.get("place_name") or e.get("place")
    date = e.get("date") or "undated"
    status = e.get("status") or "asserted"
    return f"{kind} [{status}] {date}: {source} → {target}" + (f" @ {place}" if place else "")


def story_text(story: JSON) -> str:
    """A story as text: header, articles with their copies, events with support, claims."""
    n = story["independent_sources"]
    out = [f"{story['id']}: {story['title']} ({n} independent source{'' if n == 1 else 's'})"]
    out.append(f"  {story.get('first') or '?'} … {story.get('last') or '?'}  {', '.join(story['languages'])}")
    out.append("articles:")
    for a in story["article_details"]:
        rel = " copy of " + a["copy_of"] if a["copy_of"] else ""
        rel += " translation of " + a["translation_of"] if a["translation_of"] else ""
        out.append(f"  {a['id']}  {a['language'] or '?'}  {a['published'] or '?'}  {a['title'] or ''}{rel}")
    if story["events"]:
        out.append("events:")
    for e in story["events"]:
        also = f"  (+{len(e['copies'])} in copies)" if e.get("copies") else ""
        out.append(f"  [{_sources(e['sources'])}] {event_line(e)}{also}")
    if story["claims"]:
        out.append("claims:")
    for c in story["claims"]:
        chain = " ← ".join(s["name"] for s in c["speakers"])
        also = f"  (+{len(c['copies'])} in copies)" if c.get("copies") else ""
        out.append(f"  claim [{_sources(c['sources'])}] {chain}: {_clip(c['statement']['text'], 110)}{also}")
    return "\n".join(out)


def _sources(n: int) -> str:
    return f"{n} source{'' if n == 1 else 's'}"


def collection_report(db: Database) -> JSON:
    """What the demo prints: counts by language, cleaning, copies, and the extraction tallies."""
    rows = db.list_articles()
    removed_chars = db.conn.execute(
        "SELECT coalesce(sum(length(raw_text) - length(text)), 0) FROM articles"
    ).fetchone()[0]
    return {
        "db": db.path,
        "articles": len(rows),
        "by_language": dict(db.language_counts()),
        "removed_by_reason": dict(db.removal_reasons()),
        "removed_chars": int(removed_chars),
        "exact_copies": [{"id": r.id, "copy_of": r.copy_of} for r in rows if r.copy_of],
        "list": [
            {
                "id": r.id,
                "language": r.language,
                "published": r.published,
                "title": r.title,
                "removed": r.removed,
            }
            for r in rows
        ],
        "top_actors": _top(db, "actor"),
        "top_places": _top(db, "place"),
        "claims": int(db.conn.execute("SELECT count(*) FROM claims").fetchone()[0]),
        "times": int(db.conn.execute("SELECT count(*) FROM mentions WHERE kind = 'time'").fetchone()[0]),
    } | _collection(db)


def _collection(db: Database) -> JSON:
    """Stories, the collection timeline and claims that independent sources repeat (issue 5)."""
    from storyline.stories import list_stories, story_detail, timeline

    stories = list_stories(db, limit=8)
    claims = []
    for story in stories:
        detail = story_detail(db, story["id"]) if len(story["articles"]) > 1 else None
        for claim in detail["claims"] if detail else []:
            if claim["sources"] > 1:
                claims.append(claim | {"story_id": story["id"]})
    return {"stories": stories, "timeline": timeline(db, limit=10), "corroborated_claims": claims[:10]}


def _top(db: Database, kind: str, limit: int = 8) -> list[JSON]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    articles: dict[str, set[str]] = {}
    for article_id, entity, data in db.conn.execute(
        "SELECT article_id, entity_id, data FROM mentions WHERE kind = ?", (kind,)
    ):
        counts[entity] += 1
        names.setdefault(entity, json.loads(data)["name"])
        articles.setdefault(entity, set()).add(article_id)
    return [
        {"id": e, "name": names[e], "mentions": n, "articles": len(articles[e])}
        for e, n in counts.most_common(limit)
    ]


def report_text(data: JSON) -> str:
    """The collection report as a few readable sections."""
    out = [f"storyline report — {data['db']}", "", f"{data['articles']} articles"]
    out += [f"  {lang or '?':>4}  {n}" for lang, n in data["by_language"].items()]
    out += ["", f"cleaned away: {data['removed_chars']:,} characters of site junk"]
    out += [f"  {n:>4}  {reason}" for reason, n in data["removed_by_reason"].items()]
    if data["exact_copies"]:
        out += ["", "exact copies (stored, counted once):"]
        out += [f"  {c['id']} is a copy of {c['copy_of']}" for c in data["exact_copies"]]
    out += ["", "articles:"]
    out += [
        f"  {a['id'][:8]}  {a['language'] or '?':>3}  {a['published'] or '?':10}  "
        f"{_clip(a['title'] or '', 70)}"
        for a in data["list"]
    ]
    for key, label in (("top_actors", "most mentioned actors"), ("top_places", "most mentioned places")):
        if data[key]:
            out += ["", f"{label}:"]
            out += [
                f"  {e['name']:<32} {e['mentions']:>3} mentions in {e['articles']} articles"
                for e in data[key]
            ]
    out += ["", f"{data['times']} time expressions, {data['claims']} attributed claims extracted"]
    return "\n".join(out + _collection_lines(data))


def _collection_lines(data: JSON) -> list[str]:
    out = []
    if data.get("stories"):
        out += ["", "stories (articles grouped across languages):"]
        out += [
            f"  {len(s['articles'])} articles  {','.join(s['languages']):<8} {s['first'] or '?':10}  "
            f"{_clip(s['title'] or '', 60)}"
            for s in data["stories"]
        ]
    if data.get("timeline"):
        out += ["", "timeline (most reported dates):"]
        out += [f"  {e['date']}  [{e['sources']}]  {_clip(e['summary'], 90)}" for e in data["timeline"]]
    if data.get("corroborated_claims"):
        out += ["", "claims repeated by independent sources:"]
        out += [
            f"  [{c['sources']} sources] {' ← '.join(s['name'] for s in c['speakers'])}: "
            f"{_clip(c['statement'].get('text', ''), 80)}"
            for c in data["corroborated_claims"]
        ]
    return out


def _clip(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…") if text else ""

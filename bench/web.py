"""Latency of ``GET /api/timeline?q=…`` on a generated 100,000-article database (a benchmark, not a test).

How the database is generated (cheaply, in ~1 minute): the real schema is
created by ``Database()`` (all migrations), then rows are inserted directly
in the shapes the store and the stories module write — articles (FTS
triggers fire as in a real ingest), actor/place/time mentions with their
contract JSON, one PLOVER event per article, canonical entities with their
name variants, story membership, and the dated sentences the timeline ranks
(migration 0004's triggers mirror them into timeline_sentences, timeline_entities,
timeline_fts and timeline_days, exactly as in a real ingest, so the benchmark
exercises the same index the timeline reads).
Nothing is extracted, so the figure measures the query path only.

    .venv/bin/python bench/web.py [--articles 100000] [--requests 60] [--db bench/out/web.db]

Prints p50/p95/max in milliseconds for a mix of actor-name, place and
free-text queries, through the full ASGI app (validation, JSON, headers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

from storyline.extract.names import name_key
from storyline.store.db import Database

LANGS = ("en", "fr", "de", "es", "pt", "vi", "id", "nb")
PLACES = [
    ("city:2988507", "Paris", "FR", 48.85, 2.35),
    ("city:3451190", "Rio de Janeiro", "BR", -22.9, -43.2),
    ("city:1642911", "Jakarta", "ID", -6.2, 106.8),
    ("city:1581130", "Hanoi", "VN", 21.0, 105.8),
    ("city:3143244", "Oslo", "NO", 59.9, 10.7),
    ("city:4140963", "Washington", "US", 38.9, -77.0),
]
TYPES = ("CONSULT", "AGREE", "COOPERATE", "PROTEST", "DEMAND", "AID")
SURNAMES = [
    "Nakamura",
    "Silva",
    "Nguyen",
    "Hansen",
    "Dubois",
    "Schmidt",
    "Garcia",
    "Santoso",
    "Smith",
    "Rossi",
]
GIVEN = ["Anna", "Bao", "Carlos", "Dewi", "Erik", "Fatima", "Georg", "Hiro", "Ines", "Jonas"]


def actors(n: int) -> list[tuple[str, str]]:
    names = [f"{g} {s}{i // 100 or ''}" for i, (g, s) in enumerate((g, s) for s in SURNAMES for g in GIVEN)]
    names = (names * (n // len(names) + 1))[:n]
    return [(f"person:{name_key(x)}{i}", f"{x} {i}") for i, x in enumerate(names)]


def generate(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = actors(2000)
    with Database(path) as db:
        conn = db.conn
        conn.execute("BEGIN")
        _entities(conn, people)
        day0 = dt.date(2023, 1, 1)
        for i in range(n):
            _article(conn, i, rng, people, day0 + dt.timedelta(days=rng.randrange(730)))
        conn.execute("COMMIT")


def _entities(conn, people) -> None:  # type: ignore[no-untyped-def]
    for eid, name in people:
        key = name_key(name)
        last = name_key(name.split()[1])
        conn.execute(
            "INSERT INTO entities VALUES (?, 'person', ?, NULL, ?, 'own', ?, ?)", (eid, name, eid, key, last)
        )
        conn.execute("INSERT INTO entity_names VALUES (?, ?, 'en', ?, 1)", (eid, name, key))
    for pid, name, country, _lat, _lon in PLACES:
        conn.execute(
            "INSERT INTO entities VALUES (?, 'place', ?, ?, ?, 'own', ?, ?)",
            (pid, name, country, pid, name_key(name), name_key(name)),
        )
        conn.execute("INSERT INTO entity_names VALUES (?, ?, 'en', ?, 1)", (pid, name, name_key(name)))


def _article(conn, i: int, rng: random.Random, people, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    aid = f"bench{i:07d}"
    (a_id, a_name), (b_id, b_name) = rng.sample(people, 2)
    pid, pname, country, lat, lon = rng.choice(PLACES)
    etype = rng.choice(TYPES)
    sentence = f"{a_name} met {b_name} in {pname} on {day.isoformat()} to discuss trade and security."
    text = f"{sentence}\n\nOfficials said talks would continue. Article number {i}."
    lang = LANGS[i % len(LANGS)]
    conn.execute(
        "INSERT INTO articles (id, digest, text_hash, url, title, published, published_from, language, "
        "raw_text, text, removed, paragraphs, source_path, ingested_at, pipeline_version, copy_of) "
        "VALUES (?, ?, ?, ?, ?, ?, 'given', ?, ?, ?, '[]', '[]', ?, ?, 'bench', NULL)",
        (
            aid,
            f"d{i}",
            f"t{i}",
            f"https://news{i % 300}.example/{aid}",
            f"{a_name} meets {b_name}",
            day.isoformat(),
            lang,
            text,
            text,
            f"{aid}.txt",
            "2025-01-01T00:00:00",
        ),
    )
    a_end, b_start = len(a_name), sentence.index(b_name)
    mentions = [
        ("actor", 0, a_end, a_name, a_id, {"id": a_id, "name": a_name, "kind": "person", "country": None}),
        (
            "actor",
            b_start,
            b_start + len(b_name),
            b_name,
            b_id,
            {"id": b_id, "name": b_name, "kind": "person"},
        ),
        (
            "place",
            sentence.index(pname),
            sentence.index(pname) + len(pname),
            pname,
            pid,
            {"id": pid, "name": pname, "kind": "city", "country": country, "lat": lat, "lon": lon},
        ),
    ]
    for kind, s, e, t, eid, data in mentions:
        conn.execute(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
            (aid, kind, s, e, t, eid, json.dumps(data | {"start": s, "end": e, "text": t})),
        )
    event = {
        "type": etype,
        "mode": None,
        "source": a_id,
        "target": b_id,
        "place": pid,
        "date": day.isoformat(),
        "trigger": {"start": a_end + 1, "end": a_end + 4, "text": "met"},
        "sentence": {"start": 0, "end": len(sentence)},
        "confidence": 0.7,
        "status": "asserted",
    }
    conn.execute(
        "INSERT INTO events VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)",
        (f"{aid}:0", aid, etype, a_id, b_id, pid, day.isoformat(), json.dumps(event)),
    )
    conn.execute("INSERT INTO story_articles VALUES (?, ?)", (aid, f"s-bench{i // 5:06d}"))
    conn.execute(
        "INSERT INTO dated_sentences VALUES (?, ?, 0, ?, ?, ?, 'event')",
        (aid, day.isoformat(), len(sentence), sentence, json.dumps([a_id, b_id, pid])),
    )


def measure(path: Path, requests: int) -> list[float]:
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app

    queries = ["Anna Nakamura", "Hanoi", "Silva", "trade", "Erik Hansen", "Oslo", "Dewi Santoso", "Paris"]
    timings = []
    with TestClient(create_app(path)) as client:
        client.get("/api/timeline", params={"q": "warm-up", "limit": 20})
        for k in range(requests):
            t0 = time.perf_counter()
            r = client.get("/api/timeline", params={"q": queries[k % len(queries)], "limit": 20})
            timings.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                sys.exit(f"request failed: {r.status_code} {r.text[:200]}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--db", default="bench/out/web.db")
    args = parser.parse_args()
    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, args.articles)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - t0:.0f} s → {path}")
    timings = sorted(measure(path, args.requests))
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(
        f"/api/timeline?q=…  n={len(timings)}  p50={statistics.median(timings):.1f} ms  "
        f"p95={p95:.1f} ms  max={timings[-1]:.1f} ms  (target: p95 < 100 ms)"
    )


if __name__ == "__main__":
    main()

"""Latency of the timeline on a generated database of 1,000,000 events, alone and during an ingest.

    .venv/bin/python bench/web.py [--events 1000000] [--per-article 4] [--requests 200] [--db PATH]

How the database is generated (a benchmark, not a test): the real schema is
created by ``Database()`` (all migrations), then rows are inserted directly
in the shapes the store and the stories module write: articles (FTS triggers
fire as in a real ingest), actor and place mentions with their contract JSON,
``--per-article`` PLOVER events per article, each with its dated sentence
naming two of 2,000 people and one of six cities, canonical entities with
their name variants, story membership, and one article in twenty a
syndicated copy of an earlier one.  Migration 0004's triggers mirror the
dated sentences into the timeline index exactly as in a real ingest.
Nothing is extracted; generation is not timed.

Then, through the full ASGI app (validation, JSON, headers), in one process:

1. ``GET /api/timeline?q=<actor>`` for ``--requests`` full actor names (p50/p95/max);
2. (1) again while ``storyline ingest`` writes generated articles into the
   same database (a real ingest: extraction, clustering, timeline triggers);
3. fewer surnames, cities and free-text words, heavier (a city is named in a
   sixth of all sentences), for information;
4. the timeline page, ``GET /timeline?q=<actor>`` and ``GET /timeline`` (the collection's
   last 60 days with entries), and, for information, ``GET /timeline?all=1`` (every date).

Figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.extract.names import name_key, script_keys, script_of
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


Rows = dict[str, list[tuple[Any, ...]]]
# Insertion order (foreign keys first) and each table's column count.
_ARTICLE_COLUMNS = (
    "id, digest, text_hash, url, title, published, published_from, language, raw_text, text, removed, "
    "paragraphs, source_path, ingested_at, pipeline_version, copy_of"
)
_TABLES = (
    (f"articles ({_ARTICLE_COLUMNS})", "articles", 16),
    ("mentions", "mentions", 7),
    ("events", "events", 9),
    ("story_articles", "story_articles", 2),
    ("dated_sentences", "dated_sentences", 7),
)
CHUNK = 5000  # articles per transaction


def generate(path: Path, events: int, per_article: int, seed: int = 7) -> None:
    """``events`` events and dated sentences in ``events / per_article`` articles."""
    rng = random.Random(seed)
    people = actors(2000)
    day0 = dt.date(2023, 1, 1)
    with Database(path) as db:
        # Untimed: a large page cache keeps the indexes the triggers update in memory (the
        # default 2 MB made generation slow down with the database, to hours at 1M events),
        # and a crash while generating only loses a file to regenerate.
        db.conn.execute("PRAGMA cache_size = -1048576")
        db.conn.execute("PRAGMA synchronous = OFF")
        with db.atomic() as conn:
            _entities(conn, people)
        n = events // per_article
        for start in range(0, n, CHUNK):
            rows: Rows = {table: [] for _, table, _ in _TABLES}
            for i in range(start, min(n, start + CHUNK)):
                _article(rows, i, rng, people, day0 + dt.timedelta(days=rng.randrange(730)), per_article)
            with db.atomic() as conn:
                for target, table, width in _TABLES:
                    conn.executemany(f"INSERT INTO {target} VALUES ({','.join('?' * width)})", rows[table])
            print(f"\r{min(n, start + CHUNK):,} / {n:,} articles", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def _article(  # type: ignore[no-untyped-def]
    rows: Rows, i: int, rng: random.Random, people, day: dt.date, per_article: int
) -> None:
    aid = f"bench{i:07d}"
    sentences: list[str] = []
    for k in range(per_article):
        (a_id, a_name), (b_id, b_name) = rng.sample(people, 2)
        pid, pname, country, lat, lon = rng.choice(PLACES)
        etype = rng.choice(TYPES)
        when = (day - dt.timedelta(days=rng.choice((0, 0, 1, 2, 3)))).isoformat()  # reported days later
        sentence = f"{a_name} met {b_name} in {pname} on {when} to discuss trade and security."
        at = sum(len(s) + 2 for s in sentences)
        sentences.append(sentence)
        b_at, p_at = at + sentence.index(b_name), at + sentence.index(pname)
        place = {"id": pid, "name": pname, "kind": "city", "country": country, "lat": lat, "lon": lon}
        for kind, s, t, eid, data in (
            ("actor", at, a_name, a_id, {"id": a_id, "name": a_name, "kind": "person"}),
            ("actor", b_at, b_name, b_id, {"id": b_id, "name": b_name, "kind": "person"}),
            ("place", p_at, pname, pid, place),
        ):
            mention = data | {"start": s, "end": s + len(t), "text": t}
            rows["mentions"].append((aid, kind, s, s + len(t), t, eid, json.dumps(mention)))
        trigger = {"start": at + len(a_name) + 1, "end": at + len(a_name) + 4, "text": "met"}
        event = {"type": etype, "mode": None, "source": a_id, "target": b_id, "place": pid, "date": when}
        event |= {"trigger": trigger, "sentence": {"start": at, "end": at + len(sentence)}}
        event |= {"confidence": 0.7, "status": "asserted"}
        rows["events"].append((f"{aid}:{k}", aid, etype, None, a_id, b_id, pid, when, json.dumps(event)))
        entities = json.dumps([a_id, b_id, pid])
        rows["dated_sentences"].append((aid, when, at, at + len(sentence), sentence, entities, "event"))
    text = "\n\n".join([*sentences, f"Officials said talks would continue. Article number {i}."])
    copy_of = f"bench{i - 1 - rng.randrange(min(i, 50)):07d}" if i and rng.random() < 0.05 else None
    lang, url = LANGS[i % len(LANGS)], f"https://news{i % 300}.example/{aid}"
    rows["articles"].append(
        (aid, f"d{i}", f"t{i}", url, sentences[0][:60], day.isoformat(), "given", lang, text, text)  # noqa: RUF005
        + ("[]", "[]", f"{aid}.txt", "2025-01-01T00:00:00", "bench", copy_of)
    )
    rows["story_articles"].append((aid, f"s-bench{i // 5:06d}"))


# The columns resolve._add_entity writes (0010 added the cross-script keys).
_ENTITY = (
    "INSERT INTO entities (entity_id, kind, name, country, actor_id, reason, sort_key, last_key, "
    "script, script_key, script_last) VALUES (?, ?, ?, ?, ?, 'own', ?, ?, ?, ?, ?)"
)


def _entities(conn, people) -> None:  # type: ignore[no-untyped-def]
    for eid, name in people:
        key = name_key(name)
        last = name_key(name.split()[1])
        scripts = (script_of(name), *script_keys(name))
        conn.execute(_ENTITY, (eid, "person", name, None, eid, key, last, *scripts))
        conn.execute("INSERT INTO entity_names VALUES (?, ?, 'en', ?, 1)", (eid, name, key))
    for pid, name, country, _lat, _lon in PLACES:
        key = name_key(name)
        scripts = (script_of(name), *script_keys(name))
        conn.execute(_ENTITY, (pid, "place", name, country, pid, key, key, *scripts))
        conn.execute("INSERT INTO entity_names VALUES (?, ?, 'en', ?, 1)", (pid, name, name_key(name)))


def timed(get: Callable[[str], Any], urls: list[str]) -> list[float]:
    """Milliseconds per request, in order; exits on any answer but 200."""
    out = []
    for url in urls:
        start = time.perf_counter()
        response = get(url)
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url}: {response.status_code} {response.text[:200]}")
    return out


def summary(label: str, timings: list[float], goal: str = "") -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    figures = f"p50={statistics.median(ordered):7.1f} ms  p95={p95:7.1f} ms  max={ordered[-1]:7.1f} ms"
    return f"{label:<40} n={len(ordered):<4} {figures}{goal}"


def queries(kind: str, n: int, seed: int = 11) -> list[str]:
    """``n`` API URLs of one kind of query: full actor names, surnames, cities or free text."""
    rng = random.Random(seed)
    names = [name for _, name in actors(2000)]
    pick: dict[str, Callable[[], str]] = {
        "actor": lambda: rng.choice(names),
        "surname": lambda: rng.choice(SURNAMES),
        "city": lambda: rng.choice(PLACES)[1],
        "text": lambda: rng.choice(["trade", "security talks", "officials"]),
    }
    return [f"/api/timeline?q={pick[kind]()}&limit=20" for _ in range(n)]


def ingest_files(folder: Path, n: int) -> None:
    """``n`` short news texts naming the bench's people and cities, for a real ingest."""
    rng = random.Random(3)
    names = [name for _, name in actors(2000)]
    for i in range(n):
        a, b = rng.sample(names, 2)
        city, later = rng.choice(PLACES)[1], rng.choice(PLACES)[1]
        day = dt.date(2024, 6, 1) + dt.timedelta(days=rng.randrange(200))
        text = (
            f"{a} met {b} in {city} on {day:%d %B %Y} to discuss a port and fishing rights, "
            "officials said.\n\n"
            f"The two delegations agreed to meet again in {later} next month. "
            f"{b} said {rng.randint(2, 90)} experts had prepared report {i}."
        )
        (folder / f"live{i:05d}.txt").write_text(text, encoding="utf-8")


def during_ingest(get: Callable[[str], Any], path: Path, requests: int) -> tuple[list[float], bool, int]:
    """Actor queries while ``storyline ingest`` writes into ``path``.

    Returns the timings, whether the ingest ran throughout, and how many articles it stored.
    """
    with tempfile.TemporaryDirectory() as tmp:
        ingest_files(Path(tmp), 3000)
        writer = subprocess.Popen(
            [sys.executable, "-m", "storyline", "ingest", tmp, "--db", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _first_write(path, writer)  # the ingest loads its models first
            timings = timed(get, queries("actor", requests, seed=12))
            running = writer.poll() is None
        finally:
            writer.terminate()
            writer.wait()
    return timings, running, _live(path)


# An empty fingerprint: what clustering keeps of an article, with nothing in it.
_EMPTY_FINGERPRINT = '{"e":{},"d":[],"n":[],"t":{},"p":[],"v":[]}'


def _settle(db: Database) -> None:
    """Mark the generated articles as clustered (an empty fingerprint, a story of their own).

    Untimed.  Otherwise the ingest of step 2 first clusters the 250,000 generated
    articles (they have no fingerprints) and stores none of its own while the
    queries run: a writer, but not one that writes timeline rows.
    """
    with db.atomic():
        db.conn.execute(
            "INSERT INTO fingerprints SELECT id, language, substr(published, 1, 10), ?, x'' FROM articles "
            "WHERE id NOT IN (SELECT article_id FROM fingerprints)",
            (_EMPTY_FINGERPRINT,),
        )
        db.conn.execute(
            "INSERT INTO story_articles SELECT id, 's-' || substr(id, 1, 16) FROM articles "
            "WHERE id NOT IN (SELECT article_id FROM story_articles)"
        )


def _live(path: Path) -> int:
    with Database(path, readonly=True) as db:
        return int(db.conn.execute("SELECT count(*) FROM articles WHERE id NOT LIKE 'bench%'").fetchone()[0])


def _first_write(path: Path, writer: subprocess.Popen[bytes], seconds: float = 300) -> None:
    """Wait until the ingest commits its first write (it loads its models first).

    The generated articles are marked clustered first (:func:`_settle`), so its
    first write stores its own articles: extraction, timeline rows, clustering.
    """
    with Database(path, readonly=True) as db:
        before, deadline = db.conn.execute("PRAGMA data_version").fetchone()[0], time.monotonic() + seconds
        while db.conn.execute("PRAGMA data_version").fetchone()[0] == before:
            if writer.poll() is not None or time.monotonic() > deadline:
                sys.exit("bench/web.py: the ingest wrote nothing")
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", default="bench/out/web.db")
    args = parser.parse_args()
    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.events, args.per_article)
        print(f"generated {args.events:,} events in {time.perf_counter() - start:.0f} s → {path}")
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app

    with Database(path) as db:  # applies pending migrations to a file generated earlier
        events = db.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        _settle(db)
    print(f"{path}: {events:,} events")
    with TestClient(create_app(path), base_url="http://localhost") as client:
        get = client.get
        timed(get, queries("actor", 5, seed=1))  # warm-up: imports, caches
        goal = "  (goal p95 < 50 ms)"
        alone = timed(get, queries("actor", args.requests))
        print(summary("/api/timeline?q=<actor>", alone, goal), flush=True)
        timings, running, stored = during_ingest(get, path, args.requests)
        note = "" if running else "  (the ingest ended before the last request)"
        print(summary("/api/timeline?q=<actor> during ingest", timings, f"  (goal p95 < 200 ms){note}"))
        print(f"the ingest had stored {stored:,} new articles", flush=True)
        for kind in ("surname", "city", "text"):
            heavier = timed(get, queries(kind, max(10, args.requests // 10)))
            print(summary(f"/api/timeline?q=<{kind}>", heavier), flush=True)
        for url in (f"/timeline?q={actors(2000)[7][1]}", "/timeline"):
            print(f"{'page ' + url:<40} {timed(get, [url])[0] / 1000:.2f} s  (goal < 2 s)", flush=True)
        # The page opens on the collection's last days; every date, for information.
        print(f"{'page /timeline?all=1':<40} {timed(get, ['/timeline?all=1'])[0] / 1000:.2f} s", flush=True)


if __name__ == "__main__":
    main()

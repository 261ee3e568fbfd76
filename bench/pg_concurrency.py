"""Two ``storyline ingest`` processes into one PostgreSQL database, with overlapping inputs.

    .venv/bin/python bench/pg_concurrency.py [--n 5000] [--url postgresql://user@host/db]

Generates ``n`` distinct articles (JSONL), writes two inputs that share the middle
fifth of them (``a``: the first 60 %, ``b``: the last 60 %), runs ``storyline ingest``
on each at the same time into one database and checks that every article is stored
once, clustered once and in exactly one story.  Without ``--url`` it starts a
throw-away server (tests/pgserver.py).  tests/test_postgres_concurrency.py runs the
same at CI size; the 5,000-article figure is this command's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CITIES = ["Lisbon", "Nairobi", "Jakarta", "Lima", "Oslo", "Hanoi", "Accra", "Quito", "Riga", "Dhaka"]
BODIES = ["central bank", "health ministry", "port authority", "election commission", "water utility"]


def records(n: int) -> list[dict[str, str]]:
    """``n`` distinct English articles: a city, an institution, a figure and a date each."""
    out = []
    for i in range(n):
        city, body = CITIES[i % len(CITIES)], BODIES[(i // len(CITIES)) % len(BODIES)]
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        figure = 1000 + 37 * i
        text = (
            f"The {body} of {city} said on {day} that it would spend {figure} million on new works. "
            f"Officials in {city} told reporters the plan, number {i}, had been agreed with the government. "
            f"Critics of the {body} said the {figure} million would not be enough."
        )
        out.append(
            {
                "id": f"gen-{i:06d}",
                "url": f"https://news.example/{city.lower()}/{i}",
                "title": f"{city}: the {body} plans {figure} million of works ({i})",
                "published": day,
                "language": "en",
                "text": text,
            }
        )
    return out


@dataclass(frozen=True)
class Outcome:
    stored: int
    distinct: int
    fingerprinted: int
    in_stories: int
    reports: tuple[dict[str, int], ...]
    seconds: float


def write_inputs(n: int, folder: Path) -> tuple[Path, Path]:
    """Two JSONL inputs over ``n`` articles that overlap on the middle fifth."""
    rows = records(n)
    cut_a, cut_b = (3 * n) // 5, (2 * n) // 5
    a, b = folder / "a.jsonl", folder / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in rows[:cut_a]), encoding="utf-8")
    b.write_text("".join(json.dumps(r) + "\n" for r in rows[cut_b:]), encoding="utf-8")
    return a, b


def run(url: str, n: int, folder: Path) -> Outcome:
    """Ingest the two inputs at once into ``url``; what the database holds afterwards."""
    from storyline.store.db import Database

    Database(url).close()  # migrate once up front (two first openings would also be serialised)
    inputs = write_inputs(n, folder)
    cmd = [sys.executable, "-m", "storyline", "ingest", "--db", url, "--no-semantic", "--format", "json"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    start = time.perf_counter()
    procs = [
        subprocess.Popen([*cmd, str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        for p in inputs
    ]
    outputs = [p.communicate(timeout=3600) for p in procs]
    seconds = time.perf_counter() - start
    for proc, (_, err) in zip(procs, outputs, strict=True):
        if proc.returncode != 0:
            raise RuntimeError(f"ingest failed ({proc.returncode}): {err[-2000:]}")
    reports = tuple(_counts(json.loads(out)) for out, _ in outputs)
    with Database(url, readonly=True) as db:
        one = lambda sql: int(db.conn.execute(sql).fetchone()[0])  # noqa: E731
        return Outcome(
            stored=one("SELECT count(*) FROM articles"),
            distinct=one("SELECT count(DISTINCT text) FROM articles"),
            fingerprinted=one("SELECT count(*) FROM fingerprints"),
            in_stories=one("SELECT count(*) FROM story_articles"),
            reports=reports,
            seconds=seconds,
        )


def _counts(report: dict[str, object]) -> dict[str, int]:
    return {k: int(v) for k, v in report.items() if isinstance(v, int)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throw-away server)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            outcome = run(args.url, args.n, Path(tmp))
        else:
            sys.path.insert(0, str(REPO / "tests"))
            from pgserver import running

            with running() as server:
                outcome = run(server.create_database("bench"), args.n, Path(tmp))
    ok = outcome.stored == outcome.distinct == outcome.fingerprinted == outcome.in_stories == args.n
    print(
        f"{args.n} articles, two concurrent ingests (overlap {args.n // 5}): {outcome.seconds:.0f} s; "
        f"stored {outcome.stored} ({outcome.distinct} distinct texts), "
        f"fingerprinted {outcome.fingerprinted}, "
        f"in stories {outcome.in_stories}; reports {list(outcome.reports)}: {'OK' if ok else 'MISMATCH'}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

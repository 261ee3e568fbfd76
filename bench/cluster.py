"""Benchmark: incremental story clustering of 10,000 and 100,000 generated article fingerprints.

    .venv/bin/python bench/cluster.py [--sizes 10000 100000] [--per-day 1000]

Fingerprints are generated the way real ones look: stories of 1-8 articles
in one or several languages share people, places, dates and numbers drawn
from Zipf-like vocabularies (a few entities are in every other article, most
are rare); texts are bags of story and common words from which the MinHash
and terms are built.  Articles arrive in random order, at ``--per-day`` per
publication day, and are clustered one transaction each through
:func:`storyline.cluster.link`, exactly as ``update_collection`` does.
Generation is not timed.  Each size runs in its own process on one core,
so peak RSS is its own.  Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storyline.cluster import Fingerprint, link, minhash_bytes, top_terms
from storyline.store.db import Database

LANGS = ("en", "fr", "es", "vi", "id", "pt", "de", "nb")
START = dt.date(2024, 1, 1)


def _zipf(rng: random.Random, n: int) -> int:
    # Heavy-tailed ranks: the top 50 entities each appear in about 1% of articles
    # (a Putin or a Biden in world news), most appear once or twice.
    return min(n - 1, int(50 * rng.paretovariate(1.1)) - 50)


def generate(n: int, per_day: int, seed: int = 5) -> list[Fingerprint]:
    """``n`` fingerprints in stories, shuffled within each day (arrival order is not story order)."""
    rng = random.Random(seed)
    common = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=8)) for _ in range(50000)]
    out: list[Fingerprint] = []
    story = 0
    while len(out) < n:
        story += 1
        day = START + dt.timedelta(days=len(out) // per_day)
        people = {f"person:p{_zipf(rng, 200000)}": "person" for _ in range(rng.randint(1, 4))}
        places = {f"city:{_zipf(rng, 30000)}": "place" for _ in range(rng.randint(0, 2))}
        places[f"country:C{_zipf(rng, 200)}"] = "place"
        numbers = tuple(str(rng.randint(10, 100000)) for _ in range(rng.randint(0, 3)))
        words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=8)) for _ in range(40)]
        body = [rng.choice(words) for _ in range(80)]
        for _ in range(min(rng.choice((1, 1, 1, 2, 2, 3, 5, 8)), n - len(out))):
            lang = rng.choice(LANGS)
            text = " ".join(
                body
                + [common[(_zipf(rng, 50000) + rng.randint(0, 20000)) % 50000] for _ in range(150)]
                + [lang]
            )
            keep = dict(rng.sample(sorted((people | places).items()), k=max(1, len(people | places) - 1)))
            out.append(
                Fingerprint(
                    f"{rng.getrandbits(64):016x}",
                    lang,
                    (day + dt.timedelta(days=rng.randint(0, 1))).isoformat(),
                    entities=keep,
                    dates=(day.isoformat(),),
                    numbers=numbers,
                    terms=top_terms(text),
                    paragraphs=tuple(rng.randint(80, 600) for _ in range(rng.randint(3, 12))),
                    minhash=minhash_bytes(text),
                )
            )
    rng.shuffle(out)
    out.sort(key=lambda f: f.day or "")
    return out


def run(n: int, per_day: int) -> None:
    fps = generate(n, per_day)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        _stub_articles(db, fps)
        cache: dict[str, Fingerprint] = {}
        start = time.perf_counter()
        links = 0
        for fp in fps:
            with db.atomic() as conn:
                links += len(link(conn, fp, {}, cache))
        elapsed = time.perf_counter() - start
        stories = db.conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]
        db.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} {elapsed:.1f} {rss:.0f} {links} {stories}")


def _stub_articles(db: Database, fps: list[Fingerprint]) -> None:
    # Fingerprints reference articles (foreign keys): store minimal rows, untimed.
    with db.atomic() as conn:
        conn.executemany(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version, language, published) "
            "VALUES (?, ?, ?, '', '', '[]', '[]', '', '', '', ?, ?)",
            [(f.article_id, f.article_id, f.article_id, f.language, f.day) for f in fps],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, default=1000, help="articles per publication day")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.one:
        run(args.one, args.per_day)
        return
    figures = {}
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--per-day", str(args.per_day)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        figures[n] = (float(out[1]), float(out[2]))
        print(
            f"{n:>7} articles: {out[1]} s, peak RSS {out[2]} MB, {out[3]} links, {out[4]} stories (one core)"
        )
    if len(figures) == 2:
        (a, (ta, _)), (b, (tb, _)) = sorted(figures.items())
        print(f"time ratio {b}/{a}: {tb / ta:.1f} (size ratio {b / a:.0f})")


if __name__ == "__main__":
    main()

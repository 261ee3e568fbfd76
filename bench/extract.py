"""Benchmark: throughput of the extraction stages alone on the generated 20,000-article corpus.

    .venv/bin/python bench/extract.py [--n 20000]

Builds the articles once (decode, clean, language ID; not timed), then times
each extraction stage of the default pipeline (times, places, actors, claims,
events) over all articles on one core (``os.sched_setaffinity``), and prints
articles/s per stage and for the whole extraction, plus peak RSS.  One
warm-up article is run first so that per-language data loading (lexicons,
simplemma dictionaries) is not charged to the first stage.  Not a test.
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

from storyline.errors import InputError
from storyline.ingest.readers import read_sources
from storyline.model import Article, ArticleResult, Rejection
from storyline.pipeline import DEFAULT_STAGES, STAGES, build_article
from storyline.settings import Settings


def build_articles(paths: list[Path]) -> list[Article]:
    """Decode, clean and language-tag every file (the part of the pipeline that is not timed)."""
    settings = Settings()
    out = []
    for source in read_sources([str(p) for p in paths], max_bytes=settings.max_bytes):
        if isinstance(source, Rejection):
            continue
        try:
            out.append(build_article(source, settings)[0])
        except InputError:
            continue  # too short after cleaning: not an extraction input
    return out


def time_stages(articles: list[Article]) -> dict[str, float]:
    """Seconds spent in each extraction stage, run stage by stage over all articles."""
    results = [ArticleResult(article=a) for a in articles]
    seconds: dict[str, float] = {}
    for name in DEFAULT_STAGES:
        run = STAGES[name].run
        start = time.perf_counter()
        results = [run(r) for r in results]
        seconds[name] = time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench-corpus")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = generate(args.n, args.corpus / f"v3-{args.n}")
    articles = build_articles(paths)
    warm = {a.language: a for a in articles}
    time_stages(list(warm.values()))
    seconds = time_stages(articles)
    n = len(articles)
    for name, spent in seconds.items():
        print(f"{name:<12} {n / spent:>9.0f} articles/s  ({spent:.1f} s)")
    spent = sum(seconds.values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'extraction':<12} {n / spent:>9.0f} articles/s  ({spent:.1f} s for {n} articles, one core)")
    print(f"peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

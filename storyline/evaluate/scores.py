"""Scores that ``storyline eval`` prints and checks against floors."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from storyline.evaluate.folds import HELD_OUT, SEED, K, fold_of

T = TypeVar("T")

HELD = "held-out"  # the fixed fold nobody tunes on (hand-written rules and data)
CV = "cv"  # pooled out-of-fold predictions of a model fitted by code
TRAIN = "train"  # the folds developers may look at: reported, never floored
HEADLINE_SPLITS = frozenset({HELD, CV})


@dataclass(frozen=True, slots=True)
class Score:
    """One measured figure, e.g. ``seeds / boilerplate / precision = 0.94``.

    ``floor`` is the lowest acceptable value (None = reported only); ``support``
    says how many items the figure was computed over; ``split`` which items
    those were (:data:`HELD`, :data:`CV` or :data:`TRAIN`).  Headline figures
    keep the plain key ``corpus/task/metric``; training-fold figures get
    ``@train`` appended, so floors never apply to them.
    """

    corpus: str
    task: str
    metric: str
    value: float
    support: int = 0
    floor: float | None = None
    split: str = HELD

    @property
    def key(self) -> str:
        base = f"{self.corpus}/{self.task}/{self.metric}"
        return base if self.headline else f"{base}@{self.split}"

    @property
    def headline(self) -> bool:
        return self.split in HEADLINE_SPLITS

    @property
    def ok(self) -> bool:
        return self.floor is None or self.value + 1e-9 >= self.floor


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf(corpus: str, task: str, counts: Counts) -> list[Score]:
    """Precision, recall and F1 of ``counts`` as three scores."""
    support = counts.tp + counts.fn
    return [
        Score(corpus, task, "precision", counts.precision, support),
        Score(corpus, task, "recall", counts.recall, support),
        Score(corpus, task, "f1", counts.f1, support),
    ]


def total(counts: Iterable[Counts]) -> Counts:
    """The sum of several counts."""
    out = Counts()
    for c in counts:
        out = out + c
    return out


@dataclass(frozen=True, slots=True)
class ItemErrors:
    """What went wrong on one item of a development set (``storyline eval --errors``)."""

    corpus: str
    item: str
    fold: int
    errors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SetResult:
    """What one development set gave: scores, per-item errors of training folds, a note if skipped."""

    scores: list[Score] = field(default_factory=list)
    errors: list[ItemErrors] = field(default_factory=list)
    note: str | None = None


def split_scores(
    items: Sequence[T],
    unit: Callable[[T], str],
    aggregate: Callable[[Sequence[T]], list[Score]],
    *,
    k: int = K,
    seed: str = SEED,
) -> list[Score]:
    """Scores of the held-out fold (headline) and of the training folds (``@train``).

    ``aggregate`` turns any subset of the items into scores; the held-out
    subset is the items whose ``unit`` falls in fold :data:`HELD_OUT`.
    """
    held = [item for item in items if fold_of(unit(item), k, seed) == HELD_OUT]
    train = [item for item in items if fold_of(unit(item), k, seed) != HELD_OUT]
    out = [dataclasses.replace(s, split=HELD) for s in aggregate(held)] if held else []
    return out + [dataclasses.replace(s, split=TRAIN) for s in aggregate(train)]

"""Scores that ``storyline eval`` prints and checks against floors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Score:
    """One measured figure, e.g. ``seeds / boilerplate / precision = 0.94``.

    ``floor`` is the lowest acceptable value (None = reported only); ``support``
    says how many items the figure was computed over.
    """

    corpus: str
    task: str
    metric: str
    value: float
    support: int = 0
    floor: float | None = None

    @property
    def key(self) -> str:
        return f"{self.corpus}/{self.task}/{self.metric}"

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

"""Folds for held-out evaluation: which items a figure may be tuned on, and which it is reported on.

Every development set is cut into ``k`` folds by a *unit* (a document, a
site, a group of pairs that share an article, a topic).  A unit's fold is a
hash of ``seed`` and the unit key, so it depends on nothing else: adding
items to a set never moves an existing item into another fold, and the same
key lands in the same fold on every machine and Python version.

Two ways to use them:

- **Hand-written rules and data files** (lexicons, patterns, thresholds set
  by a person): fold :data:`HELD_OUT` is never looked at.  ``storyline eval``
  reports it as the headline figure and prints per-item errors only for the
  other folds (:func:`split`).
- **Anything fitted by code** (a model, a threshold chosen by search):
  :class:`CrossValidator` fits on ``k - 1`` folds, predicts the remaining
  one, and pools the out-of-fold predictions, so every item is scored by a
  model that never saw its unit.

Pairwise sets must not let one article sit on both sides of a split:
:func:`pair_groups` joins pairs that share an article into one unit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

SEED = "storyline-heldout-v1"
K = 5
HELD_OUT = 0  # the fold nobody tunes on: headline figures, never printed by --errors

T = TypeVar("T")
M = TypeVar("M")
P = TypeVar("P")


def fold_of(key: str, k: int = K, seed: str = SEED) -> int:
    """The fold (0 … k-1) of one unit key: a stable hash, independent of every other key."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    digest = hashlib.blake2b(f"{seed}\x00{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % k


def assign_folds(keys: Iterable[str], k: int = K, seed: str = SEED) -> dict[str, int]:
    """The fold of every distinct key."""
    return {key: fold_of(key, k, seed) for key in dict.fromkeys(keys)}


def split(
    items: Iterable[T], key: Callable[[T], str], *, k: int = K, seed: str = SEED, test_fold: int = HELD_OUT
) -> tuple[list[T], list[T]]:
    """``(train, test)``: the items whose unit is in ``test_fold`` go to test, the rest to train."""
    train: list[T] = []
    test: list[T] = []
    for item in items:
        (test if fold_of(key(item), k, seed) == test_fold else train).append(item)
    return train, test


def pair_groups(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The group of every article, articles joined when they share a pair (union-find).

    A group is named by its smallest member key, so the name does not depend
    on the order of the pairs.  Using the group as the unit of
    :func:`fold_of` keeps an article that appears in several pairs on one
    side of every split.
    """
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the smaller key stays the root
    return {x: root(x) for x in list(parent)}


@dataclass(frozen=True, slots=True)
class Prediction(Generic[T, P]):
    """One item, the prediction of a model fitted without its fold, and that fold."""

    item: T
    predicted: P
    fold: int


@dataclass(frozen=True, slots=True)
class CrossValidator(Generic[T, M, P]):
    """k-fold cross-validation by unit: fit on the other folds, predict this one, pool.

    ``fit`` turns training items into a model; ``predict`` gives one
    prediction per item of a test fold (same order).  A fold without training
    items (a tiny set) is predicted by a model fitted on nothing, which is
    ``fit``'s job to refuse or handle.
    """

    fit: Callable[[Sequence[T]], M]
    predict: Callable[[M, Sequence[T]], Sequence[P]]
    key: Callable[[T], str]
    k: int = K
    seed: str = SEED

    def run(self, items: Sequence[T]) -> list[Prediction[T, P]]:
        """Every item with its out-of-fold prediction, in the input order."""
        folds = [fold_of(self.key(item), self.k, self.seed) for item in items]
        out: dict[int, Prediction[T, P]] = {}
        for fold in sorted(set(folds)):
            train = [item for item, f in zip(items, folds, strict=True) if f != fold]
            test = [i for i, f in enumerate(folds) if f == fold]
            model = self.fit(train)
            predicted = self.predict(model, [items[i] for i in test])
            if len(predicted) != len(test):
                raise ValueError(f"predict returned {len(predicted)} predictions for {len(test)} items")
            for i, p in zip(test, predicted, strict=True):
                out[i] = Prediction(items[i], p, fold)
        return [out[i] for i in range(len(items))]

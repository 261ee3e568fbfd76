"""Folds: stable by key, balanced enough, pairs never split, cross-validation never sees the test fold."""

from __future__ import annotations

from collections import Counter

import pytest

from storyline.evaluate.folds import HELD_OUT, CrossValidator, assign_folds, fold_of, pair_groups, split


def test_a_fold_depends_only_on_its_key_and_seed() -> None:
    keys = [f"doc-{i}" for i in range(200)]
    folds = assign_folds(keys, k=5)
    more = assign_folds([*keys, "another", "and another"], k=5)
    assert all(more[key] == folds[key] for key in keys)  # adding items moves nobody
    assert assign_folds(keys, k=5, seed="other") != folds
    assert set(Counter(folds.values())) == set(range(5))
    assert min(Counter(folds.values()).values()) > 20  # roughly balanced


def test_fold_rejects_k_below_one() -> None:
    with pytest.raises(ValueError, match="k must be"):
        fold_of("x", 0)


def test_split_by_unit_keeps_a_unit_on_one_side() -> None:
    items = [(f"site-{i % 7}", n) for i, n in enumerate(range(70))]
    train, test = split(items, key=lambda item: item[0], k=3)
    assert {u for u, _ in train}.isdisjoint({u for u, _ in test})
    assert len(train) + len(test) == 70
    assert all(fold_of(u, 3) == HELD_OUT for u, _ in test)


def test_pair_groups_join_pairs_sharing_an_article() -> None:
    groups = pair_groups([("b", "c"), ("d", "e"), ("c", "a"), ("f", "f")])
    assert groups["a"] == groups["b"] == groups["c"] == "a"  # named by the smallest member
    assert groups["d"] == groups["e"] == "d"
    assert groups["f"] == "f"
    assert pair_groups([("c", "a"), ("b", "c")]) == pair_groups([("b", "c"), ("c", "a")])


def test_cross_validation_fits_without_the_test_fold() -> None:
    items = [f"site-{i}" for i in range(40)]

    def fit(train: list[str] | tuple[str, ...]) -> frozenset[str]:
        return frozenset(train)

    def predict(seen: frozenset[str], test: list[str] | tuple[str, ...]) -> list[bool]:
        return [item in seen for item in test]

    results = CrossValidator(fit=fit, predict=predict, key=lambda s: s, k=4).run(items)
    assert [r.item for r in results] == items
    assert not any(r.predicted for r in results)  # no item was in its own model's training data
    assert {r.fold for r in results} == {0, 1, 2, 3}
    assert all(r.fold == fold_of(r.item, 4) for r in results)

"""TimeBank scores of the date extractor, held above floors measured when it was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import EvalError
from storyline.evaluate.timebank import evaluate_timebank, read_timebank

ROOT = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev" / "dates" / "timebank"

# Measured 2024 (en: F1 .904, value .898; es: F1 .901, value .951), minus ~0.02.
FLOORS = {
    "en": {"span_f1": 0.88, "value_accuracy": 0.87, "span_precision": 0.95, "span_recall": 0.82},
    "es": {"span_f1": 0.88, "value_accuracy": 0.93, "span_precision": 0.96, "span_recall": 0.81},
}


@pytest.fixture(scope="module")
def root() -> Path:
    if not ROOT.is_dir():
        pytest.skip(f"TimeBank gold not found at {ROOT}")
    return ROOT


@pytest.mark.parametrize("lang", ["en", "es"])
def test_scores_hold_their_floors(root: Path, lang: str) -> None:
    scores = {s.metric: s for s in evaluate_timebank(root, lang) if s.task == "times"}
    assert {s.corpus for s in scores.values()} == {f"timebank-{lang}"}
    for metric, floor in FLOORS[lang].items():
        assert scores[metric].value >= floor, f"{lang} {metric} {scores[metric].value:.3f} < {floor}"


def test_documents_rebuild_gold_spans(root: Path) -> None:
    docs = read_timebank(root / "en" / "train.tsv")
    assert len(docs) == 183
    first = docs[0]
    assert first.created.isoformat() == "1989-10-30"
    for gold in first.times:
        assert first.text[gold.start : gold.end].strip() == first.text[gold.start : gold.end]
    # Durations and clock times are excluded by their gold value form.
    values = [g for d in docs for g in d.times]
    assert any(g.value.startswith("P") and not g.scored for g in values)
    assert all(g.scored for g in values if g.value[:4].isdigit() and len(g.value) == 10)


def test_missing_gold_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        read_timebank(tmp_path / "en" / "train.tsv")

"""`storyline eval` holds every measured figure at or above its floor, and fails below one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from storyline.evaluate import runner
from storyline.evaluate.gold import shared_root
from storyline.evaluate.scores import Score


def test_every_score_meets_its_floor() -> None:
    if not (shared_root() / "corpus").is_dir():
        pytest.skip("shared corpus absent: the seed and dev evaluations cannot run")
    scores, notes = runner.run_eval()
    assert not notes, notes
    keys = {s.key for s in scores}
    assert {"seeds/boilerplate/recall", "examples/language/accuracy", "timebank-es/times/span_f1"} <= keys
    below = [(s.key, round(s.value, 3), s.floor) for s in scores if not s.ok]
    assert not below
    assert all(s.floor is not None for s in scores), "every figure needs a floor in tests/corpus/floors.toml"


def test_below_a_floor_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text('"examples/language/accuracy" = 1.01\n', encoding="utf-8")
    original = runner.apply_floors
    monkeypatch.setattr(runner, "apply_floors", lambda scores: original(scores, floors))
    result = run("eval", "--only", "examples")
    assert result.exit_code == 1
    assert "BELOW FLOOR" in result.stdout


def test_score_ok_respects_floor() -> None:
    assert Score("c", "t", "m", 0.8, floor=0.8).ok
    assert not Score("c", "t", "m", 0.79, floor=0.8).ok
    assert Score("c", "t", "m", 0.1).ok

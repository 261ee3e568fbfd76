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
    report = runner.run_eval()
    assert not report.notes, report.notes
    scores = report.scores
    keys = {s.key for s in scores}
    assert {"seeds/boilerplate/recall", "examples/language/accuracy", "timebank-es/times/span_f1"} <= keys
    assert {"webpages/body/kept", "webpages/boilerplate/removed"} <= keys
    below = [(s.key, round(s.value, 3), s.floor) for s in scores if not s.ok]
    assert not below
    missing = [s.key for s in scores if s.headline and s.floor is None]
    assert not missing, f"headline figures without a floor in tests/corpus/floors.toml: {missing}"
    assert all(s.floor is None for s in scores if not s.headline), "training-fold figures are never floored"
    # --errors material never comes from the held-out fold.
    assert all(e.fold != 0 for e in report.errors)


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


def test_unknown_set_is_one_clear_line(run: Callable[..., Result]) -> None:
    result = run("eval", "--only", "seeds,nosuchset")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unknown set nosuchset" in result.stderr and "known sets: seeds, examples" in result.stderr


def test_only_takes_a_comma_list(run: Callable[..., Result]) -> None:
    result = run("eval", "--only", "examples,webpages", "--format", "json")
    import json

    data = json.loads(result.stdout)
    corpora = {row["key"].split("/")[0] for row in data["scores"]}
    assert "examples" in corpora
    assert corpora <= {"examples", "webpages", "webpages-de", "webpages-en"}
    assert all(row["split"] in ("held-out", "cv", "train") for row in data["scores"])


def test_score_ok_respects_floor() -> None:
    assert Score("c", "t", "m", 0.8, floor=0.8).ok
    assert not Score("c", "t", "m", 0.79, floor=0.8).ok
    assert Score("c", "t", "m", 0.1).ok

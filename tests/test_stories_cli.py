"""The acceptance checks of the stories issue, through the CLI on the real seeds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    from click.testing import CliRunner

    from storyline.cli import cli

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = CliRunner().invoke(cli, ["ingest", str(seeds_dir), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.stdout)["outcomes"]
    return db, {Path(o["path"]).name[:3]: o["article_id"] for o in outcomes}


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_003_and_004_form_one_story_and_the_others_do_not(
    seeds_db: tuple[str, dict[str, str]], run: Run
) -> None:
    db, ids = seeds_db
    stories = _json(run, "stories", "--db", db)
    groups = {frozenset(s["articles"]) for s in stories}
    assert frozenset({ids["003"], ids["004"]}) in groups
    for key in ("000", "001", "002"):
        assert frozenset({ids[key]}) in groups
    story = next(s for s in stories if ids["003"] in s["articles"])
    assert set(story) >= {"id", "title", "articles", "languages", "first", "last", "event_ids"}
    assert story["languages"] == ["pt", "vi"]


def test_ten_thousand_troops_claim_has_two_independent_sources(
    seeds_db: tuple[str, dict[str, str]], run: Run
) -> None:
    db, ids = seeds_db
    story = next(s for s in _json(run, "stories", "--db", db) if ids["003"] in s["articles"])
    detail = _json(run, "story", story["id"], "--db", db)
    troops = [c for c in detail["claims"] if any(n["value"] == 10000 for n in c["numbers"])]
    assert {c["article_id"] for c in troops} == {ids["003"], ids["004"]}
    assert all(c["sources"] == 2 for c in troops)
    assert detail["independent_sources"] == 2


def test_belousov_timeline(seeds_db: tuple[str, dict[str, str]], run: Run) -> None:
    db, _ = seeds_db
    for query in ("Belousov", "Andrei Belousov", "Андрей Белоусов"):
        dates = [e["date"] for e in _json(run, "timeline", query, "--db", db)]
        assert dates[:3] == ["2024-06-25", "2024-10-14", "2024-11-29"], query
        assert len(dates) == 4 and dates[3].endswith("11-30"), query
    entry = _json(run, "timeline", "Belousov", "--db", db, "--limit", "1")
    assert len(entry) == 1 and entry[0]["summary"] and entry[0]["evidence"]


def test_compare_ids_and_files(seeds_db: tuple[str, dict[str, str]], run: Run, seeds_dir: Path) -> None:
    db, ids = seeds_db
    same = _json(run, "compare", ids["003"], ids["004"], "--db", db)
    other = _json(run, "compare", ids["001"], ids["003"], "--db", db)
    assert same["same_story"] and not other["same_story"] and 0 <= other["score"] < same["score"] <= 1
    assert "person:andreibelusov" in same["evidence"]["shared_actors"]
    files = sorted(str(p) for p in seeds_dir.glob("00[34]_*.txt"))
    assert _json(run, "compare", *files, "--db", str(Path(db).parent / "absent.db"))["same_story"]


def test_actor_profile_explains_merges(seeds_db: tuple[str, dict[str, str]], run: Run) -> None:
    db, _ = seeds_db
    profile = _json(run, "actor", "Andrej Belousow", "--db", db)
    assert profile["id"] == "person:andreibelusov" and profile["country"] == "RU"
    assert {"Andrey Belousov", "Andrei Belousov"} <= {n["name"] for n in profile["names"]}
    assert "merged_because" in profile
    assert profile["roles"][0]["role"] == "defence minister"


def test_bad_input_is_one_line(seeds_db: tuple[str, dict[str, str]], run: Run) -> None:
    db, _ = seeds_db
    for args in (("story", "nope"), ("actor", "Nobody Atall"), ("compare", "nope-a", "nope-b")):
        result = run(*args, "--db", db)
        assert result.exit_code == 1
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr

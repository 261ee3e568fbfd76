"""CLI parity and polish (issue 16): events in text output, merge evidence, one --format vocabulary,
plurals, language codes in any case, and a clear error for a settings file without [storyline]."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]


def test_show_prints_events_with_status_date_and_participants(demo_collection: str, run: Run) -> None:
    rows = json.loads(run("export", "--what", "events", "--format", "jsonl", "--db", demo_collection).stdout
                      .splitlines()[0])  # fmt: skip
    out = run("show", rows["article_id"], "--db", demo_collection).stdout
    events = [line for line in out.splitlines() if line.strip().startswith("event ")]
    assert events, out[-800:]
    assert any(rows["type"] in line and f"[{rows['status']}]" in line for line in events)


def test_actor_text_says_why_names_are_one_and_who_they_meet(demo_collection: str, run: Run) -> None:
    out = run("actor", "Prabowo", "--db", demo_collection).stdout
    assert "why these names are one actor:" in out
    why = out.split("why these names are one actor:")[1].split("roles:")[0]
    assert "Prabowo" in why and any(w in why for w in ("name key", "surname", "part of the full name"))
    assert "interactions:" in out and "(none extracted)" not in out


@pytest.mark.parametrize("command", [("articles",), ("search", "Prabowo"), ("stories",), ("timeline",)])
def test_listings_speak_one_format_vocabulary(
    demo_collection: str, run: Run, command: tuple[str, ...]
) -> None:
    as_json = json.loads(run(*command, "--db", demo_collection, "--format", "json").stdout)
    lines = run(*command, "--db", demo_collection, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json and as_json
    table = list(
        csv.DictReader(io.StringIO(run(*command, "--db", demo_collection, "--format", "csv").stdout))
    )
    assert len(table) == len(as_json)
    assert run(*command, "--db", demo_collection, "--format", "text").exit_code == 0


def test_old_table_format_name_still_works(demo_collection: str, run: Run) -> None:
    table = run("articles", "--db", demo_collection, "--format", "table").stdout
    assert table == run("articles", "--db", demo_collection).stdout


def test_language_codes_in_any_case(demo_collection: str, run: Run) -> None:
    lower = json.loads(run("articles", "--lang", "vi", "--db", demo_collection, "--format", "json").stdout)
    upper = json.loads(run("articles", "--lang", "VI", "--db", demo_collection, "--format", "json").stdout)
    assert lower and upper == lower


def test_plurals(demo_collection: str, run: Run) -> None:
    stories = run("stories", "--db", demo_collection).stdout
    assert " 1 articles" not in stories and " 1 article " in stories
    timeline = run("timeline", "--db", demo_collection).stdout
    assert "[1 sources]" not in timeline and "[1 source]" in timeline


def test_settings_file_without_storyline_table_is_an_error(tmp_path: Path, run: Run) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("max_bytes = 10\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        "A short article about nothing in particular, long enough to keep.\n", encoding="utf-8"
    )
    result = CliRunnerResult = run(
        "ingest", str(article), "--db", str(tmp_path / "x.db"), "--config", str(config)
    )
    assert CliRunnerResult.exit_code != 0
    assert "no [storyline] table" in result.output and "Traceback" not in result.output


def test_export_rounds_floats(demo_collection: str, run: Run) -> None:
    rows = list(
        csv.DictReader(io.StringIO(run("export", "--what", "events", "--db", demo_collection).stdout))
    )
    assert rows and all(len(r["confidence"].split(".")[-1]) <= 3 for r in rows if r["confidence"])

"""Every export loads in pandas and DuckDB with exactly the documented columns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from storyline.export import SCHEMAS, WHATS, date_precision, export
from storyline.model import Article, ArticleResult, Event, Mention, Place, Span
from storyline.store.db import Database

REPO = Path(__file__).resolve().parents[2]
TEXT = "Alice Example met Bob Example in Paris on 20 November 2024 to discuss the ceasefire."


def _result(article_id: str, digest: str) -> ArticleResult:
    article = Article(
        id=article_id,
        source_path=f"{article_id}.txt",
        digest=digest,
        raw_text=TEXT,
        text=TEXT,
        language="en",
        title="Talks in Paris",
        published=dt.date(2024, 11, 20),
    )
    alice = Mention(
        0, 13, "Alice Example", "person:aliceexample", "Alice Example", "person", "minister", "FR"
    )
    bob = Mention(18, 29, "Bob Example", "person:bobexample", "Bob Example", "person", None, "DE")
    paris = Place(33, 38, "Paris", "city:2988507", "Paris", "city", "FR", 48.85341, 2.3488)
    event = Event(
        type="CONSULT",
        mode="meet",
        source=alice.id,
        target=bob.id,
        source_text="Alice Example",
        target_text="Bob Example",
        place=paris.id,
        date="2024-11-20",
        trigger=Span(14, 17),
        sentence=Span(0, len(TEXT)),
        confidence=0.8,
    )
    return ArticleResult(article=article, actors=(alice, bob), places=(paris,), events=(event,))


@pytest.fixture(scope="module")
def event_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles reporting one event; the second is an exact copy of the first."""
    path = tmp_path_factory.mktemp("export") / "events.db"
    with Database(path) as db:
        assert db.add(_result("talks-1", "d1"), "same-text").status == "new"
        assert db.add(_result("talks-2", "d2"), "same-text").copy_of == "talks-1"
    return path


def _load(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False)
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    return pd.read_parquet(path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("what", WHATS)
def test_export_loads_with_documented_columns(demo_db: str, tmp_path: Path, what: str, fmt: str) -> None:
    out = tmp_path / f"{what}.{fmt}"
    count = export(demo_db, what=what, fmt=fmt, out=out)
    columns = [c.name for c in SCHEMAS[what]]
    if count:
        frame = _load(out, fmt)
        assert list(frame.columns) == columns
        assert len(frame) == count
    reader = {"csv": "read_csv", "jsonl": "read_json", "parquet": "read_parquet"}[fmt]
    if count or fmt != "jsonl":  # an empty JSONL file has no columns to read
        rel = duckdb.sql(f"SELECT * FROM {reader}('{out}')")
        assert rel.columns == columns


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_event_rows_carry_the_documented_values(event_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export(event_db, what="events", fmt=fmt, out=out) == 2
    row = _load(out, fmt).iloc[0]
    assert row["type"] == "CONSULT" and row["mode"] == "meet"
    assert (row["source_actor_id"], row["source_actor_name"], row["source_country"]) == (
        "person:aliceexample",
        "Alice Example",
        "FR",
    )
    assert (row["target_actor_name"], row["target_country"]) == ("Bob Example", "DE")
    assert (row["place_name"], row["place_country"]) == ("Paris", "FR")
    assert abs(float(row["lat"]) - 48.85341) < 1e-6 and abs(float(row["lon"]) - 2.3488) < 1e-6
    assert (row["date"], row["date_precision"]) == ("2024-11-20", "day")
    ids = row["article_ids"].split(";") if fmt == "csv" else list(row["article_ids"])
    assert ids == ["talks-1", "talks-2"]
    assert int(row["independent_sources"]) == 1  # the copy does not count twice
    assert row["sentence_text"] == TEXT and row["trigger_text"] == "met"


def test_events_schema_is_documented() -> None:
    doc = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(\w+)` \|", doc, flags=re.MULTILINE)
    assert documented == [c.name for c in SCHEMAS["events"]]


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("2024-11-20", "day"),
        ("2024-11", "month"),
        ("2024", "year"),
        ("--11-30", "day"),
        ("2024-W47", "week"),
        (None, "none"),
    ],
)
def test_date_precision(value: str | None, precision: str) -> None:
    assert date_precision(value) == precision


def test_export_command(demo_db: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    runner = CliRunner()
    out = tmp_path / "articles.jsonl"
    result = runner.invoke(
        cli, ["export", "--db", str(demo_db), "--what", "articles", "--format", "jsonl", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 19
    help_text = runner.invoke(cli, ["export", "--help"]).output
    assert "independent_sources" in help_text and "date_precision" in help_text
    bad = runner.invoke(cli, ["export", "--db", str(tmp_path / "missing.db")])
    assert bad.exit_code != 0 and "no such database" in bad.output
    no_out = runner.invoke(cli, ["export", "--db", str(demo_db), "--format", "parquet"])
    assert no_out.exit_code != 0 and "--out" in no_out.output

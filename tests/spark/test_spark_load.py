"""``storyline load`` without Spark: the executor's own function writes the rows, pyarrow the Parquet."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import Result
from example_corpus import EXAMPLE_ARTICLES

from storyline.settings import Settings
from storyline.spark.analyze import analyze_partition
from storyline.spark.rows import TABLES
from storyline.spark.splits import plan
from storyline.store.db import Database
from storyline.stories import list_stories

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
ARROW = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "binary": pa.binary()}


def write_without_spark(inputs: list[str], out: Path, settings: Settings) -> dict[str, int]:
    """What one Spark task per split would write, as one Parquet file per table and month."""
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for table, row in analyze_partition(settings, enumerate(plan(inputs))):
        rows[table].append(row)
    for table, columns in TABLES.items():
        schema = pa.schema([(c.name, ARROW.get(c.type, pa.list_(pa.string()))) for c in columns])
        data = pa.Table.from_pylist(
            [dict(zip(schema.names, r, strict=True)) for r in rows[table]], schema=schema
        )
        (out / table).mkdir(parents=True)
        if "month" in schema.names and data.num_rows:
            pq.write_to_dataset(data, str(out / table), partition_cols=["month"])
        elif data.num_rows:
            pq.write_table(data, out / table / "part-0.parquet")
    return {t: len(v) for t, v in rows.items()}


def test_load_cli_gives_the_stories_of_ingest(
    tmp_path: Path, run: Callable[..., Result], demo_collection: str
) -> None:
    counts = write_without_spark([str(EXAMPLES)], tmp_path / "out", Settings())
    assert counts["articles"] == EXAMPLE_ARTICLES and counts["events"] > 10
    db = str(tmp_path / "loaded.db")
    result = run("load", str(tmp_path / "out"), "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    expected = {"new": EXAMPLE_ARTICLES, "duplicates": 0, "rejects": 0, "db": db, "failed": 0}
    assert json.loads(result.stdout) == expected
    with Database(db, readonly=True) as loaded, Database(demo_collection, readonly=True) as ingested:
        assert list_stories(loaded) == list_stories(ingested)
    again = run("load", str(tmp_path / "out"), "--db", db, "--format", "json")
    assert json.loads(again.stdout)["duplicates"] == EXAMPLE_ARTICLES  # loading twice stores nothing twice


def test_load_of_a_folder_without_articles_is_one_line(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("load", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1 and "no articles dataset" in result.stderr
    assert "Traceback" not in result.output


def test_spark_analyze_refuses_urls_and_stdin(tmp_path: Path, run: Callable[..., Result]) -> None:
    for given in ("https://news.example.org/feed.xml", "-"):
        result = run("spark", "analyze", given, "--out", str(tmp_path / "out"))
        assert result.exit_code == 2 and "files and folders only" in result.stderr

"""The Spark job on a local session (``local[2]``): rows equal ``storyline analyze``; rejects; load; stories.

One session serves the module; it is skipped (with the reason) only when Java
or pyspark is missing, which CI installs (``.ci/run``).
"""

from __future__ import annotations

import json
import random
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from example_corpus import EXAMPLE_ARTICLES
from spark_inputs import write_corrupt_warc, write_jsonl

from storyline.api import analyze, ingest
from storyline.contract import result_dict
from storyline.export import EVENT_COLUMNS, date_precision
from storyline.model import ArticleResult, Rejection
from storyline.settings import Settings
from storyline.store.db import Database
from storyline.stories import list_stories

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
GENERATED = 2000
pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::ResourceWarning")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("no Java runtime (apt-get install default-jre-headless): the Spark tests need one")
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'storyline[spark]')")
    from storyline.spark.session import spark_session

    session = spark_session(
        "local[2]",
        conf={
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "4",
            "spark.default.parallelism": "4",
        },
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    jsonl = write_jsonl(folder / "generated.jsonl", GENERATED)
    with jsonl.open("a", encoding="utf-8") as f:
        f.write('{"text": "a record cut short by a crash\n')  # malformed: not valid JSON
    warc = write_corrupt_warc(folder / "crawl.warc.gz")
    return [str(EXAMPLES), str(jsonl), str(warc)]


@pytest.fixture(scope="module")
def analyzed(spark: Any, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from storyline.spark.analyze import run_analyze

    out = tmp_path_factory.mktemp("out")
    settings = Settings(semantic="none")  # vectors are tested on the examples below
    counts = run_analyze(spark, inputs, str(out), settings, split_bytes=600_000)
    return {"out": out, "counts": counts}


def _table(out: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    return list(ds.dataset(str(out / name), format="parquet", partitioning="hive").to_table().to_pylist())


@pytest.fixture(scope="module")
def expected(inputs: list[str]) -> list[ArticleResult | Rejection]:
    """What ``storyline analyze`` makes of the same inputs."""
    return list(analyze(inputs, settings=Settings()))


def test_rows_equal_analyze_field_by_field(
    analyzed: dict[str, Any], expected: list[ArticleResult | Rejection]
) -> None:
    out = analyzed["out"]
    results = {r.article.id: r for r in expected if isinstance(r, ArticleResult)}
    articles = {r["id"]: r for r in _table(out, "articles")}
    assert len(results) >= GENERATED + EXAMPLE_ARTICLES and set(articles) == set(results)
    assert analyzed["counts"]["articles"] == len(results)
    assert {r["month"] for r in articles.values()} >= {"2024-08", "2024-09", "2024-10", "2024-11"}
    sample = random.Random(3).sample(sorted(results), 60)
    mentions, events, claims = (_by_article(_table(out, t)) for t in ("mentions", "events", "claims"))
    for aid in sample:
        want = result_dict(results[aid])
        row = articles[aid]
        for key in ("id", "source_path", "url", "language", "published", "title", "text"):
            assert row[key] == want[key], (aid, key)
        assert row["chars"] == len(want["text"]) and row["removed_spans"] == len(want["removed"])
        assert json.loads(row["paragraphs"]) == want["paragraphs"]
        _same_mentions(mentions.get(aid, []), want)
        _same_events(events.get(aid, []), want)
        _same_claims(claims.get(aid, []), want)
    assert sum(len(v.events) for v in results.values()) == analyzed["counts"]["events"]


def _by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row["article_id"]].append(row)
    return out


def _same_mentions(rows: list[dict[str, Any]], want: dict[str, Any]) -> None:
    got = {(r["kind"], r["seq"]): r for r in rows}
    assert len(got) == len(want["times"]) + len(want["places"]) + len(want["actors"])
    for kind, key in (("time", "times"), ("place", "places"), ("actor", "actors")):
        for i, m in enumerate(want[key]):
            row = got[(kind, i)]
            assert (row["start"], row["end"], row["text"]) == (m["start"], m["end"], m["text"])
            assert row["entity_id"] == (m["value"] if kind == "time" else m["id"])


def _same_events(rows: list[dict[str, Any]], want: dict[str, Any]) -> None:
    assert len(rows) == len(want["events"])
    names = [c.name for c in EVENT_COLUMNS]
    for row in sorted(rows, key=lambda r: int(r["event_id"].rsplit(":", 1)[1])):
        assert list(row)[: len(names)] == names  # the export schema, in its order
        e = want["events"][int(row["event_id"].rsplit(":", 1)[1])]
        for column, key in (("type", "type"), ("mode", "mode"), ("date", "date"), ("status", "status")):
            assert row[column] == e[key]
        assert (row["source_actor_id"], row["target_actor_id"], row["place_id"]) == (
            e["source"],
            e["target"],
            e["place"],
        )
        assert row["date_precision"] == date_precision(e["date"])
        assert row["trigger_text"] == e["trigger"]["text"]
        assert row["sentence_text"] == want["text"][e["sentence"]["start"] : e["sentence"]["end"]]
        assert row["confidence"] == round(e["confidence"], 3)


def _same_claims(rows: list[dict[str, Any]], want: dict[str, Any]) -> None:
    assert len(rows) == len(want["claims"])
    for row in rows:
        c = want["claims"][row["seq"]]
        assert row["speaker_ids"] == [s["id"] for s in c["speakers"]]
        assert (row["start"], row["end"]) == (c["statement"]["start"], c["statement"]["end"])
        assert row["statement"] == want["text"][row["start"] : row["end"]]
        assert json.loads(row["numbers"]) == c["numbers"] and row["date"] == c["date"]


def test_bad_input_is_a_reject_with_its_reason(
    analyzed: dict[str, Any], inputs: list[str], expected: list[ArticleResult | Rejection]
) -> None:
    rejects = {r["path"]: r["reason"] for r in _table(analyzed["out"], "rejects")}
    assert rejects == {r.path: r.reason for r in expected if isinstance(r, Rejection)}
    malformed = f"{inputs[1]}:{GENERATED + 1}"
    assert "not valid JSON" in rejects[malformed]
    assert "corrupt WARC record" in rejects[f"{inputs[2]}:2"]


@pytest.fixture(scope="module")
def examples(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The example corpus analysed with the default settings (the semantic signal on)."""
    from storyline.spark.analyze import run_analyze

    out = tmp_path_factory.mktemp("examples")
    return out, run_analyze(spark, [str(EXAMPLES)], str(out), Settings())


def test_load_and_stories_equal_ingest(
    examples: tuple[Path, dict[str, int]], tmp_path: Path, demo_collection: str
) -> None:
    from storyline.spark.load import load

    out, counts = examples
    vectors = [r for r in _table(out, "articles") if r["vector"]]
    # the semantic setting is on: vectors stored
    assert counts["articles"] == EXAMPLE_ARTICLES and len(vectors) >= EXAMPLE_ARTICLES - 1
    with Database(tmp_path / "loaded.db") as db:
        report = load(out, db)
        assert (report.new, report.duplicates, report.rejects) == (EXAMPLE_ARTICLES, 0, 0)
        loaded = list_stories(db)
    with Database(demo_collection, readonly=True) as db:
        ingested = list_stories(db)
    assert loaded == ingested and len(loaded) < EXAMPLE_ARTICLES


def test_spark_stories_agree_with_ingest(
    spark: Any, examples: tuple[Path, dict[str, int]], tmp_path: Path, demo_collection: str
) -> None:
    import pyarrow.parquet as pq

    from storyline.spark.stories import run_stories

    counts = run_stories(spark, str(examples[0]), str(tmp_path))
    assert counts["articles"] == EXAMPLE_ARTICLES
    story = {r["article_id"]: r["story_id"] for r in pq.read_table(tmp_path / "stories").to_pylist()}
    with Database(demo_collection, readonly=True) as db:
        ingested = {a: s["id"] for s in list_stories(db) for a in s["articles"]}
    same = {(a, b) for a in story for b in story if a < b and story[a] == story[b]}
    truth = {(a, b) for a in ingested for b in ingested if a < b and ingested[a] == ingested[b]}
    assert truth, "the examples have stories of several articles"
    precision, recall = len(same & truth) / max(len(same), 1), len(same & truth) / len(truth)
    assert precision >= 0.8 and recall >= 0.8, (precision, recall)


def test_ingest_of_a_load_target_keeps_working(examples: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    """A loaded database is an ordinary one: ingesting the same files again finds them stored."""
    from storyline.spark.load import load

    with Database(tmp_path / "loaded.db") as db:
        load(examples[0], db, settings=Settings(semantic="none"))
    report = ingest([str(EXAMPLES)], db=tmp_path / "loaded.db", settings=Settings(semantic="none"))
    assert report.counts["duplicate"] == EXAMPLE_ARTICLES and report.counts["new"] == 0

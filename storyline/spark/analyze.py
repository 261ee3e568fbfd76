"""``storyline spark analyze``: the per-article pipeline over splits of the inputs, written as Parquet.

Each Spark task reads one split (:mod:`storyline.spark.splits`) record by
record and runs :func:`storyline.pipeline.process` on each source, the very
function ``storyline analyze`` and ``ingest`` run.  The pipeline (and the
embedder, when the ``semantic`` setting is on) is built once per executor
Python process, lazily, on its first task: PySpark reuses its workers, so
the models load once however many tasks follow.  Rows are tagged with their
table, kept on disk once (``DISK_ONLY``) and written as one Parquet dataset
per table, partitioned by publication month.  Bad input never fails the job:
it becomes a row of ``rejects`` with its reason.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storyline.collection.fingerprints import fingerprint_result
from storyline.collection.vectors import BATCH as EMBED_BATCH
from storyline.embed import (
    Embedder,
    SemanticUnavailable,
    load_embedder,
    passage,
    readable,
    to_blob,
    vector_key,
)
from storyline.ingest.readers import internal_rejection
from storyline.model import ArticleResult, Rejection, Skipped
from storyline.pipeline import Hints, Pipeline, default_pipeline, process
from storyline.settings import Settings
from storyline.spark.rows import (
    TABLES,
    Row,
    article_row,
    claim_rows,
    event_rows,
    mention_rows,
    reject_row,
)
from storyline.spark.splits import SPLIT_BYTES, Split, plan, read_split

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)
BATCH = EMBED_BATCH  # articles embedded per call, as the collection update does (see there why)
Tagged = tuple[str, Row]


@dataclass(slots=True)
class _Worker:
    """What one executor process keeps between tasks: the pipeline and the embedder."""

    settings: Settings
    pipeline: Pipeline
    embedder: Embedder | None = None
    semantic_loaded: bool = False
    warnings: list[str] = field(default_factory=list)

    def embed(self, results: list[ArticleResult]) -> list[bytes | None]:
        if not self.semantic_loaded:
            self.embedder = load_embedder(self.settings.semantic, self.settings.semantic_budget)
            self.semantic_loaded = True
        if self.embedder is None or not results:
            return [None] * len(results)
        texts = [passage(r.article.title, r.article.text) for r in results]
        ready = [i for i, t in enumerate(texts) if t.strip() and readable(self.embedder, t)]
        out: list[bytes | None] = [None] * len(results)
        if not ready:
            return out
        try:
            vectors = self.embedder.embed([texts[i] for i in ready])
        except SemanticUnavailable as exc:
            log.warning("semantic signal off: %s", exc)
            self.embedder = None
            return out
        for i, vector in zip(ready, vectors, strict=True):
            out[i] = to_blob(vector)
        return out


_WORKERS: dict[Settings, _Worker] = {}


def worker(settings: Settings) -> _Worker:
    """This process's worker for ``settings``, built on first use."""
    if settings not in _WORKERS:
        _WORKERS[settings] = _Worker(settings, default_pipeline(settings))
    return _WORKERS[settings]


def analyze_partition(settings: Settings, splits: Iterable[tuple[int, Split]]) -> Iterator[Tagged]:
    """Every row of every table for the splits of one partition (``(index, split)`` pairs)."""
    w = worker(settings)
    for index, split in splits:
        batch: list[tuple[int, ArticleResult]] = []
        for position, item in enumerate(_guarded(split, settings)):
            if isinstance(item, Rejection):
                yield "rejects", reject_row(item)
                continue
            result = _analyse(item, settings, w.pipeline)
            if isinstance(result, Rejection):
                yield "rejects", reject_row(result)
                continue
            batch.append(((index << 32) | position, result))
            if len(batch) >= BATCH:
                yield from _rows(w, batch)
                batch = []
        yield from _rows(w, batch)


def _guarded(split: Split, settings: Settings) -> Iterator[Any]:
    """The split's sources and rejections; a reader bug ends the split with a rejection, not the job."""
    try:
        for item in read_split(split, settings):
            if not isinstance(item, Skipped):
                yield item
    except Exception as exc:  # one bad input must never fail a job of millions of records
        yield internal_rejection(split.paths[0], exc)


def _analyse(item: Any, settings: Settings, pipeline: Pipeline) -> ArticleResult | Rejection:
    try:
        processed = process(item, settings, Hints(), pipeline)
    except Exception as exc:  # process() catches bugs already; this is the last line of defence
        return internal_rejection(item.path, exc)
    return processed if isinstance(processed, Rejection) else processed[0]


def _rows(w: _Worker, batch: list[tuple[int, ArticleResult]]) -> Iterator[Tagged]:
    vectors = w.embed([r for _, r in batch]) if w.settings.extract else [None] * len(batch)
    model = vector_key(w.embedder) if w.embedder else None
    for (order, result), vector in zip(batch, vectors, strict=True):
        fp = fingerprint_result(result)
        yield "articles", article_row(result, order, fp, vector, model if vector else None)
        yield from (("mentions", row) for row in mention_rows(result))
        yield from (("events", row) for row in event_rows(result))
        yield from (("claims", row) for row in claim_rows(result))


def run_analyze(
    spark: SparkSession, inputs: list[str], out: str, settings: Settings, *, split_bytes: int = SPLIT_BYTES
) -> dict[str, int]:
    """Analyse ``inputs`` into Parquet datasets under ``out``; returns the rows written per table."""
    from pyspark import StorageLevel

    from storyline.spark.session import write_table

    splits = plan(inputs, split_bytes)
    sc = spark.sparkContext
    tagged = (
        sc.parallelize(list(enumerate(splits)), max(1, len(splits)))
        .mapPartitions(functools.partial(analyze_partition, settings))
        .persist(StorageLevel.DISK_ONLY)
    )
    try:
        counts = {str(k): int(v) for k, v in tagged.map(lambda x: x[0]).countByValue().items()}
        for table in TABLES:
            rows = tagged.filter(functools.partial(_is, table)).map(lambda x: x[1])
            write_table(spark, rows, table, f"{out}/{table}")
    finally:
        tagged.unpersist()
    return {table: counts.get(table, 0) for table in TABLES}


def _is(table: str, tagged: Tagged) -> bool:
    return tagged[0] == table

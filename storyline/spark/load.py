"""``storyline load DIR --db TARGET``: the Parquet output of ``storyline spark analyze`` into a database.

Articles are stored through the store's own API (:meth:`Database.add`, one
transaction each, exact copies and duplicates detected as in ``ingest``) in
the order of the inputs, and join the collection through the collection
update every :data:`storyline.api.INGEST_CHUNK` articles, as ``ingest``
does, so the stories of a load equal those of an ingest of the same inputs.
Needs pyarrow only, not Spark: the dataset is read one batch at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.api import INGEST_CHUNK, StoryOptions
from storyline.errors import StorylineError
from storyline.settings import Settings
from storyline.spark.rows import TABLES, result_from_row
from storyline.store.consistency import Failure
from storyline.store.db import Database

_LOAD_COLUMNS = [
    c.name
    for c in TABLES["articles"]
    if c.name not in ("fingerprint", "minhash", "vector", "vector_model", "day", "month")
]


@dataclass(frozen=True, slots=True)
class LoadReport:
    new: int
    duplicates: int
    rejects: int  # rows of DIR/rejects (what the analysis could not read), for the summary
    failed: tuple[str, ...] = ()  # one line per article that could not be stored or given its story


def load(
    directory: str | Path,
    db: Database,
    *,
    settings: Settings | None = None,
    stories: StoryOptions | None = None,
    on_article: Callable[[int], None] | None = None,
) -> LoadReport:
    """Store every article under ``directory/articles`` in ``db`` and update the collection."""
    from storyline.api import collection_updater, store_article
    from storyline.store.consistency import complete_pending, update_articles

    settings = settings or Settings()
    update = collection_updater(db, settings, stories or StoryOptions())
    counts: Counter[str] = Counter()
    failed: list[str] = []
    pending: list[str] = []
    for row in article_rows(Path(directory)):
        result = result_from_row(row)
        outcome = store_article(db, row["source_path"], result, list(result.warnings))
        counts[outcome.status] += 1
        if outcome.status == "rejected":
            failed.append(f"{outcome.path}: {outcome.reason}")
        elif outcome.status == "new" and outcome.article_id:
            pending.append(outcome.article_id)
        if len(pending) >= INGEST_CHUNK:
            failed += _lines(update_articles(update, db, pending))
            pending = []
        if on_article:
            on_article(counts.total())
    failed += _lines(update_articles(update, db, pending))  # in input order, as ingest would
    failed += _lines(complete_pending(update, db))  # any an interrupted run left without a story
    rejects = count_rows(Path(directory) / "rejects")
    return LoadReport(counts["new"], counts["duplicate"], rejects, tuple(failed))


def _lines(failures: Iterable[Failure]) -> list[str]:
    return [f"article {f.article_id}: stored, but its story was not updated ({f.error})" for f in failures]


def article_rows(directory: Path) -> Iterator[dict[str, Any]]:
    """The ``articles`` rows in input order (``input_order``), without the clustering columns.

    The table is read whole (a database load is for what one database holds:
    tens of thousands of articles take tens of MB here); rows are made a slice at a time.
    """
    import pyarrow.compute as pc

    dataset = _dataset(directory / "articles")
    if dataset is None:
        raise StorylineError(
            f"{directory}: no articles dataset (run `storyline spark analyze ... --out DIR`)"
        )
    table = dataset.to_table(columns=_LOAD_COLUMNS)
    ranks = pc.sort_indices(table["input_order"])
    for start in range(0, len(ranks), 1000):
        yield from table.take(ranks[start : start + 1000]).to_pylist()


def count_rows(path: Path) -> int:
    dataset = _dataset(path)
    return int(dataset.count_rows()) if dataset is not None else 0


def _dataset(path: Path) -> Any:
    import pyarrow.dataset as ds

    if not path.is_dir() or not any(path.rglob("*.parquet")):
        return None
    return ds.dataset(str(path), format="parquet", partitioning="hive", exclude_invalid_files=True)

"""Ingest updates the collection per chunk of stored articles, and the next ingest finishes what
an interrupted one stored but did not cluster; each source is decoded once on the way."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from example_corpus import EXAMPLE_ARTICLES

from storyline import collection
from storyline.api import ingest, iter_ingest
from storyline.ingest import decode as decode_module
from storyline.settings import Settings
from storyline.store.db import Database
from storyline.stories import list_stories

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
API = sys.modules["storyline.api"]  # ``storyline.api`` the attribute may be shadowed by a function name


def _collection(db: Database) -> tuple[set[tuple[str, tuple[str, ...]]], list[Any]]:
    stories = {(s["id"], tuple(s["articles"])) for s in list_stories(db)}
    links = db.conn.execute(
        "SELECT article_id, other_id, kind, score FROM article_links ORDER BY 1, 2"
    ).fetchall()
    return stories, [tuple(r) for r in links]


def _unclustered(db: Database) -> int:
    sql = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM fingerprints)"
    return int(db.conn.execute(sql).fetchone()[0])


def test_collection_is_updated_per_chunk_in_arrival_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str] | None] = []
    real = collection.update_collection

    def counting(db: Database, article_ids: list[str] | None = None, **options: Any) -> dict[str, int]:
        calls.append(None if article_ids is None else list(article_ids))
        return real(db, article_ids, **options)

    monkeypatch.setattr(collection, "update_collection", counting)
    monkeypatch.setattr(API, "INGEST_CHUNK", 5)
    with Database(tmp_path / "chunks.db") as db:
        report = ingest([str(EXAMPLES)], db=db)
        new = [o.article_id for o in report.outcomes if o.status == "new"]
        assert len(new) == EXAMPLE_ARTICLES
        # one update per chunk of 5, nothing pending to repair
        chunks = [len(new[i : i + 5]) for i in range(0, len(new), 5)]
        assert [None if c is None else len(c) for c in calls] == chunks
        assert [i for c in calls if c for i in c] == new
        assert _unclustered(db) == 0
        chunked = _collection(db)
    monkeypatch.setattr(API, "INGEST_CHUNK", 1)  # one update per article, as before chunks
    with Database(tmp_path / "single.db") as db:
        ingest([str(EXAMPLES)], db=db)
        assert _collection(db) == chunked


def test_next_ingest_clusters_what_an_interrupted_one_stored(tmp_path: Path) -> None:
    with Database(tmp_path / "i.db") as db:
        outcomes = iter_ingest([str(EXAMPLES)], db)
        first = [next(outcomes) for _ in range(4)]
        outcomes.close()  # as a crash would: four articles committed, their chunk not clustered
        assert [o.status for o in first] == ["new"] * 4
        assert _unclustered(db) == 4
        report = ingest([str(EXAMPLES)], db=db)
        assert report.counts == Counter({"new": EXAMPLE_ARTICLES - 4, "duplicate": 4})
        assert _unclustered(db) == 0
        clustered = db.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
        assert clustered == db.count() == EXAMPLE_ARTICLES


def test_each_source_is_decoded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()
    real = decode_module.decode

    def counting(data: bytes, path: str) -> decode_module.Decoded:
        calls[path] += 1
        return real(data, path)

    for name, module in list(sys.modules.items()):
        if name.startswith("storyline") and getattr(module, "decode", None) is real:
            monkeypatch.setattr(module, "decode", counting)
    text = tmp_path / "a.txt"
    text.write_text(
        "The ministers met in Oslo on Monday to talk about fishing quotas.\n" * 3, encoding="utf-8"
    )
    html = tmp_path / "b.html"
    body = "<p>The ministers met in Hanoi on Tuesday to talk about trade and investment.</p>" * 3
    html.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    records = tmp_path / "c.jsonl"
    lines = [
        {"id": f"r{i}", "text": f"Record {i}: the ministers met again in Lima for more talks."}
        for i in (1, 2)
    ]
    records.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    report = ingest([str(tmp_path)], db=tmp_path / "d.db", settings=Settings(extract=False))
    assert report.counts["new"] == 4, report.outcomes
    # JSONL is streamed line by line and its UTF-8 lines are read as text, so its
    # records never reach ``decode`` (storyline.ingest.readers.stream_jsonl).
    assert calls == Counter({str(text): 1, str(html): 1})

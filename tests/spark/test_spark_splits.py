"""Splits of the inputs (no Spark needed): JSONL byte ranges read back as ``analyze`` reads the file."""

from __future__ import annotations

import itertools
from pathlib import Path

from storyline.ingest.inputs import read_inputs
from storyline.model import Rejection, Source
from storyline.settings import Settings
from storyline.spark.splits import jsonl_splits, plan, read_split

LINES = [
    '{"text": "First article text, long enough to be read as an article body here.", "url": "https://a.example/1"}',
    "",
    "{not json",
    '{"text": "Second article text, also long enough for the reader to accept it.", "url": "https://a.example/2"}',
    '{"title": "no body"}',
    '{"text": "Third article, with a character beyond ASCII: Zürich, Đà Nẵng, Kraków.", "url": "https://a.example/3"}',
]


def _names(items: list[Source | Rejection]) -> list[tuple[str, str]]:
    return [(i.path, type(i).__name__) for i in items]


def test_ranges_read_back_as_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(LINES * 40) + "\n", encoding="utf-8")
    whole = [i for i in read_inputs([str(path)], settings=Settings()) if isinstance(i, Source | Rejection)]
    for size in (1, 100, 700, 5000, 10**9):
        splits = jsonl_splits(str(path), size)
        assert splits[0].start == 0 and splits[-1].end == path.stat().st_size
        assert all(a.end == b.start for a, b in itertools.pairwise(splits))
        items = [i for s in splits for i in read_split(s, Settings()) if isinstance(i, Source | Rejection)]
        assert _names(items) == _names(whole), size
        assert [getattr(i, "raw_text", None) for i in items] == [getattr(i, "raw_text", None) for i in whole]
    assert len(jsonl_splits(str(path), 700)) > 10


def test_plan_groups_files_and_keeps_archives_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x" * 100, encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>hello</p></body></html>", encoding="utf-8")
    (tmp_path / "c.warc.gz").write_bytes(b"")
    (tmp_path / "d.jsonl").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    kinds = sorted((s.kind, len(s.paths)) for s in plan([str(tmp_path)], 100))
    assert kinds[0] == ("files", 2)
    assert [k for k, _ in kinds].count("jsonl") == len(jsonl_splits(str(tmp_path / "d.jsonl"), 100)) > 1
    assert ("warc", 1) in kinds


def test_an_empty_or_binary_jsonl_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "zip.jsonl").write_bytes(b"PK\x03\x04" + bytes(5000))
    for name, reason in (("empty.jsonl", "empty file"), ("zip.jsonl", "binary data")):
        items = [i for s in plan([str(tmp_path / name)], 1000) for i in read_split(s, Settings())]
        assert len(items) == 1 and isinstance(items[0], Rejection) and reason in items[0].reason

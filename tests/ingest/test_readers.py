"""Readers turn paths, folders and JSONL into sources, and bad input into rejections."""

from __future__ import annotations

import io
import json
from pathlib import Path

from storyline.ingest.readers import expand_paths, read_sources
from storyline.model import Rejection, Source, SourceKind


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_recursive_sorted_and_skip_hidden_and_other_files(tmp_path: Path) -> None:
    _write(tmp_path / "b" / "two.txt", "x")
    _write(tmp_path / "a.html", "<html></html>")
    _write(tmp_path / ".hidden" / "three.txt", "x")
    _write(tmp_path / "notes.md", "x")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert found == ["a.html", "b/two.txt"]


def test_kind_follows_suffix_then_content(tmp_path: Path) -> None:
    html_as_txt = _write(tmp_path / "page.txt", "<!DOCTYPE html><html><body>x</body></html>")
    plain = _write(tmp_path / "plain.txt", "Just text.")
    kinds = [
        s.kind
        for s in read_sources([str(html_as_txt), str(plain)], max_bytes=10_000)
        if isinstance(s, Source)
    ]
    assert kinds == [SourceKind.HTML, SourceKind.TEXT]


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    good = {
        "id": "r1",
        "text": "Some article text.",
        "url": "https://example.com/a",
        "published": "2024-11-29",
    }
    lines = [
        json.dumps(good),
        "{not json",
        "[1, 2]",
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": "<p>x</p>", "published": "yesterday"}),
    ]
    path = _write(tmp_path / "batch.jsonl", "\n".join(lines))
    items = list(read_sources([str(path)], max_bytes=10_000))
    sources = [i for i in items if isinstance(i, Source)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [s.record_id for s in sources] == ["r1"]
    assert str(sources[0].published) == "2024-11-29"
    assert [r.path.rsplit(":", 1)[1] for r in rejections] == ["2", "3", "4", "6"]
    assert "not valid JSON" in rejections[0].reason
    assert "'published' is not an ISO date" in rejections[3].reason


def test_stdin_is_read(tmp_path: Path) -> None:
    items = list(read_sources(["-"], max_bytes=100, stdin=io.BytesIO(b"hello from stdin")))
    assert isinstance(items[0], Source) and items[0].path == "<stdin>"


def test_too_large_is_rejected_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(100_000_000)  # sparse: the reader must refuse it by size, not read it
    [item] = read_sources([str(big)], max_bytes=10_000_000)
    assert isinstance(item, Rejection) and "too large" in item.reason


def test_missing_and_dangling_paths(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    items = list(read_sources([str(tmp_path / "absent.txt"), str(link)], max_bytes=100))
    assert all(isinstance(i, Rejection) for i in items)
    assert [i.reason for i in items if isinstance(i, Rejection)] == ["no such file or folder"] * 2


def test_jsonl_limit_is_per_record_not_per_file(tmp_path: Path) -> None:
    """A file far over the limit is read line by line; only the one oversized line is rejected."""
    record = {"text": "A short article about the harbour reopening after the storm. " * 5}
    oversized = {"text": "x" * 50_000}
    lines = [json.dumps(record | {"id": f"r{i}"}) for i in range(300)]
    lines.insert(150, json.dumps(oversized))
    path = _write(tmp_path / "big.jsonl", "\n".join(lines) + "\n")
    assert path.stat().st_size > 60_000
    items = list(read_sources([str(path)], max_bytes=10_000))
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert len([i for i in items if isinstance(i, Source)]) == 300
    assert [r.path.rsplit(":", 1)[1] for r in rejections] == ["151"]
    assert "record too large" in rejections[0].reason


def test_jsonl_binary_and_empty_files_are_one_line(tmp_path: Path) -> None:
    binary = tmp_path / "archive.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 20)
    empty = _write(tmp_path / "empty.jsonl", "\n\n")
    items = list(read_sources([str(binary), str(empty)], max_bytes=10_000))
    assert [(type(i).__name__, Path(i.path).name) for i in items] == [
        ("Rejection", "archive.jsonl"),
        ("Rejection", "empty.jsonl"),
    ]


def test_jsonl_with_bom_and_damaged_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    good = json.dumps({"text": "Première ligne, en français."}, ensure_ascii=False).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + good.replace(b"\xc3\xa8", b"\xe8") + b"\n")
    sources = [i for i in read_sources([str(path)], max_bytes=10_000) if isinstance(i, Source)]
    assert [s.raw_text for s in sources] == [
        "Première ligne, en français.",
        "Premi\ufffdre ligne, en français.",
    ]

"""`storyline ingest` end to end: duplicates, copies, and every kind of bad input.

Each bad input gets exactly one ``PATH: reason`` line on stderr, the batch
goes on, the exit code is 1, and what was stored before is unchanged.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

ARTICLE = (
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire.\n\n"
    "According to a statement released after the talks, the two sides agreed to meet again next month "
    "and to exchange lists of prisoners before the end of the year.\n\n"
    "The talks lasted almost six hours, officials said, and ended without a joint press conference.\n"
)


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, digest, text, removed FROM articles ORDER BY id").fetchall()


@pytest.fixture()
def stored(tmp_path: Path, run: Callable[..., Result]) -> Path:
    """A database that already holds one article."""
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    assert run("ingest", str(good), "--db", str(db)).exit_code == 0
    return db


def _bad_inputs(folder: Path) -> dict[str, str]:
    """File name → a word the one-line reason must contain."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "archive.txt").write_bytes(gzip.compress(ARTICLE.encode() * 5))
    (folder / "noise.txt").write_bytes(bytes((i * 37 + 11) % 256 for i in range(4000)))
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(100_000_000)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>© 2024</footer></body></html>", encoding="utf-8"
    )
    return {
        "empty.txt": "empty",
        "image.txt": "PNG",
        "archive.txt": "gzip",
        "noise.txt": "binary",
        "huge.txt": "too large",
        "dangling.txt": "no such file",
        "nav.html": "no article text",
    }


def test_each_bad_input_is_one_line_and_the_batch_goes_on(
    tmp_path: Path, stored: Path, run: Callable[..., Result]
) -> None:
    before = _snapshot(stored)
    expected = _bad_inputs(tmp_path / "bad")
    other = tmp_path / "bad" / "other.txt"
    other.write_text(ARTICLE.replace("Geneva", "Vienna").replace("six", "seven"), encoding="utf-8")
    result = run("ingest", str(tmp_path / "bad"), "--db", str(stored))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(expected), lines
    for name, word in expected.items():
        [line] = [x for x in lines if x.startswith(str(tmp_path / "bad" / name) + ": ")]
        assert word.lower() in line.lower(), line
        assert "Traceback" not in line
    after = _snapshot(stored)
    assert after[: len(before)] == before or set(before) <= set(after)
    assert len(after) == len(before) + 1  # other.txt was stored despite the bad files around it


def test_damaged_utf8_is_stored_with_a_warning(
    tmp_path: Path, stored: Path, run: Callable[..., Result]
) -> None:
    vi = (
        "Bộ trưởng Ngoại giao hai nước đã gặp nhau tại Geneva hôm thứ Ba để bàn về lệnh ngừng bắn.\n\n"
        "Theo tuyên bố sau cuộc hội đàm, hai bên nhất trí gặp lại vào tháng tới.\n"
    )
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(vi.encode() + b"\xff Ph\xe1\xba\n")  # a stray byte and a truncated sequence
    result = run("ingest", str(damaged), "--db", str(stored))
    assert result.exit_code == 0
    assert result.stderr.strip().startswith(f"{damaged}: warning: ")
    assert "invalid UTF-8" in result.stderr
    assert "1 new" in result.stdout


def test_malformed_jsonl_lines(tmp_path: Path, stored: Path, run: Callable[..., Result]) -> None:
    before = _snapshot(stored)
    records = [
        json.dumps({"id": "ok-1", "text": ARTICLE.replace("Geneva", "Doha"), "published": "2024-03-01"}),
        "{broken",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "ok-2", "text": ARTICLE.replace("Geneva", "Oslo"), "language": "en"}),
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = run("ingest", str(batch), "--db", str(stored))
    assert result.exit_code == 1
    assert sorted(result.stderr.strip().splitlines()) == sorted(
        [
            f"{batch}:2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
            f"{batch}:3: record has no non-empty 'text' or 'html' field",
        ]
    )
    assert "2 new" in result.stdout
    assert _snapshot(stored)[: len(before)] == before or set(before) <= set(_snapshot(stored))


def test_json_files_hold_one_record_an_array_or_json_lines(
    tmp_path: Path, stored: Path, run: Callable[..., Result]
) -> None:
    """A named .json file is read as records (never as an article made of JSON text)."""
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "j-1", "text": ARTICLE.replace("Geneva", "Lima")}), encoding="utf-8")
    array = tmp_path / "array.json"
    items = [{"id": "j-2", "text": ARTICLE.replace("Geneva", "Quito")}, {"id": "j-3"}, ["not", "a", "record"]]
    array.write_text(json.dumps(items, indent=2), encoding="utf-8")
    lines = tmp_path / "lines.json"
    records = [
        {"id": f"j-{n}", "text": ARTICLE.replace("Geneva", city)} for n, city in ((4, "Sucre"), (6, "Bogota"))
    ]
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "j-5",\n "text": "unterminated', encoding="utf-8")
    result = run("ingest", str(one), str(array), str(lines), str(broken), "--db", str(stored))
    assert result.exit_code == 1
    assert sorted(result.stderr.strip().splitlines()) == [
        f"{array}#2: record has no non-empty 'text' or 'html' field",
        f"{array}#3: a record must be a JSON object",
        f"{broken}: not valid JSON (Unterminated string starting at: line 2, column 10)",
    ]
    assert "4 new" in result.stdout
    texts = [r[0] for r in sqlite3.connect(stored).execute("SELECT text FROM articles")]
    assert not any(t.lstrip().startswith(("{", "[")) for t in texts)
    assert sum("Sucre" in t or "Bogota" in t or "Quito" in t or "Lima" in t for t in texts) == 4


def test_reingest_reports_duplicates_and_writes_nothing(
    tmp_path: Path, stored: Path, run: Callable[..., Result]
) -> None:
    before = _snapshot(stored)
    result = run("ingest", str(tmp_path / "in"), "--db", str(stored))
    assert result.exit_code == 0
    assert "0 new, 1 duplicate, 0 rejected" in result.stdout
    assert _snapshot(stored) == before


def test_same_text_from_another_source_is_an_exact_copy(
    tmp_path: Path, stored: Path, run: Callable[..., Result]
) -> None:
    copy = tmp_path / "mirror" / "copy.txt"
    copy.parent.mkdir()
    copy.write_text(ARTICLE + "\n", encoding="utf-8")  # other bytes, same cleaned text
    result = run("ingest", str(copy), "--db", str(stored), "--format", "json")
    data = json.loads(result.stdout)
    assert data["new"] == 1 and data["copies"] == 1
    original = _snapshot(stored)[0][0]
    assert data["outcomes"][0]["copy_of"] in {row[0] for row in _snapshot(stored)} - {
        data["outcomes"][0]["article_id"]
    }
    assert original is not None


def test_stdin(tmp_path: Path, run: Callable[..., Result]) -> None:
    db = tmp_path / "s.db"
    result = run("ingest", "-", "--db", str(db), input=ARTICLE.encode("utf-16"))
    assert result.exit_code == 0, result.stderr
    assert "1 new" in result.stdout


def test_seeds_store_five_then_five_duplicates(
    seeds_dir: Path, tmp_path: Path, run: Callable[..., Result]
) -> None:
    db = tmp_path / "s.db"
    first = run("ingest", str(seeds_dir), "--db", str(db))
    assert first.exit_code == 0, first.stderr
    assert "5 new, 0 duplicate, 0 rejected" in first.stdout
    second = run("ingest", str(seeds_dir), "--db", str(db))
    assert second.exit_code == 0
    assert "0 new, 5 duplicate, 0 rejected" in second.stdout


def test_copied_folder_is_all_duplicates(seeds_dir: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    db = tmp_path / "s.db"
    run("ingest", str(seeds_dir), "--db", str(db))
    mirror = tmp_path / "mirror"
    shutil.copytree(seeds_dir, mirror)
    assert "0 new, 5 duplicate" in run("ingest", str(mirror), "--db", str(db)).stdout

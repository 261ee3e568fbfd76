"""Encodings without a byte-order mark, and files that mix encodings (issue 14)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from storyline.errors import InputError
from storyline.ingest.decode import decode

EN = (
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire.\n\n"
    "They agreed to meet again next month, officials said after six hours of talks.\n"
)
RU = "Президент России заявил в среду, что переговоры в Женеве прошли успешно и продолжатся.\n"
VI = "Bộ trưởng Ngoại giao hai nước đã gặp nhau tại Geneva hôm thứ Ba để bàn về lệnh ngừng bắn.\n"
FR = "Le président français a rencontré ses homologues à Genève mercredi pour discuter des échanges.\n"
DE = "Die Außenminister trafen sich am Dienstag in Genf, um über einen Waffenstillstand zu sprechen.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [EN, RU, VI], ids=["en", "ru", "vi"])
def test_utf16_and_utf32_without_bom(encoding: str, text: str) -> None:
    decoded = decode(text.encode(encoding), "windows.txt")
    assert decoded.encoding == encoding
    assert decoded.text == text


def test_binary_with_nul_bytes_is_still_binary() -> None:
    rng = random.Random(14)
    for _ in range(200):
        data = bytes(rng.getrandbits(8) if rng.random() < 0.5 else 0 for _ in range(rng.randint(16, 3000)))
        with pytest.raises(InputError):
            decode(data, "blob.txt")


def _mixed() -> tuple[bytes, str]:
    """UTF-8, latin-1 and cp1251 paragraphs in one file, as a careless paste makes them."""
    parts = [(VI, "utf-8"), (FR, "latin-1"), (RU, "cp1251"), (DE, "cp1252"), (EN, "utf-8")]
    data = b"\n".join(text.encode(enc) for text, enc in parts)
    return data, "\n".join(text for text, _ in parts)


def test_mixed_encodings_keep_each_part_with_a_warning() -> None:
    data, expected = _mixed()
    decoded = decode(data, "mixed.txt")
    assert decoded.text == expected
    assert decoded.warning is not None
    assert "mixed encodings" in decoded.warning
    assert "cp1251" in decoded.warning and "UTF-8" in decoded.warning


def test_mixed_file_with_damaged_utf8_line_keeps_the_rest() -> None:
    data, _ = _mixed()
    data += b"\n" + VI.encode() + b"\xff " + VI.encode()
    decoded = decode(data, "mixed.txt")
    assert FR.strip() in decoded.text and RU.strip() in decoded.text and VI.strip() in decoded.text
    assert decoded.warning is not None and "U+FFFD" in decoded.warning


def _texts(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT text FROM articles ORDER BY source_path")]


def test_ingest_stores_the_right_text(tmp_path: Path, run: Callable[..., Result]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_utf16.txt").write_bytes(EN.encode("utf-16-le"))
    mixed, expected = _mixed()
    (folder / "b_mixed.txt").write_bytes(mixed)
    record = json.dumps({"id": "r1", "text": RU + RU, "language": "ru"}, ensure_ascii=False) + "\n"
    (folder / "c_utf16.jsonl").write_bytes(record.encode("utf-16-be"))
    db = tmp_path / "s.db"
    result = run("ingest", str(folder), "--db", str(db), "--no-extract")
    assert result.exit_code == 0, result.stderr
    assert "3 new" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{folder / 'b_mixed.txt'}: warning: {decode(mixed, 'x').warning}"]
    utf16, mixed_text, jsonl = _texts(db)
    assert utf16.split() == EN.split()
    for paragraph in expected.split("\n"):
        assert paragraph.strip() in mixed_text
    assert RU.strip() in jsonl

"""No input crashes a batch (issue 14): the inputs that once did, each with its regression test.

Each bad input gets one escaped line on stderr and the good files around it
are stored; an internal error (a bug met on one input) is one line too, but
exits with code 3 instead of 1, with a hint to report it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from storyline import langs
from storyline.api import analyze
from storyline.model import ArticleResult, Rejection
from storyline.pipeline import Stage, build_pipeline

GOOD = (
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire.\n\n"
    "They agreed to meet again next month and to exchange lists of prisoners, officials said.\n"
)


def _variant(i: int) -> str:
    return GOOD.replace("next month", f"in {i + 2} weeks")


def _jsonl(path: Path, record: str) -> None:
    path.write_text(record + "\n", encoding="utf-8")


def _batch(folder: Path) -> dict[str, str]:
    """The crashers, the language-path inputs and two good files; name → what its line must say."""
    folder.mkdir()
    surrogate = '"\\ud800"'  # the JSON escape of a lone surrogate, as a broken producer writes it
    deep = "[" * 100_000 + "]" * 100_000
    _jsonl(
        folder / "a_surrogate_id.jsonl", '{"id": ' + surrogate + ', "text": ' + json.dumps(_variant(1)) + "}"
    )
    _jsonl(
        folder / "a_surrogate_language.jsonl",
        '{"language": ' + surrogate + ', "text": ' + json.dumps(_variant(2)) + "}",
    )
    _jsonl(folder / "b_deep.jsonl", '{"text": ' + json.dumps(_variant(3)) + ', "x": ' + deep + "}")
    _jsonl(folder / "c_long_language.jsonl", json.dumps({"text": _variant(4), "language": "x" * 300}))
    _jsonl(folder / "c_path_language.jsonl", json.dumps({"text": _variant(5), "language": "/tmp/evil"}))
    _jsonl(folder / "c_pycache_language.jsonl", json.dumps({"text": _variant(6), "language": "__pycache__"}))
    _jsonl(folder / "d_bool_id.jsonl", json.dumps({"id": True, "text": _variant(7)}))
    # Found while writing the fuzz strategies: a 5,000-digit number hit Python's int limit.
    _jsonl(
        folder / "d_huge_number.jsonl", '{"n": ' + "7" * 5000 + ", " + json.dumps({"text": _variant(9)})[1:]
    )
    (folder / "z_good.txt").write_text(GOOD, encoding="utf-8")
    title = '"\\ud800 Talks"'
    _jsonl(
        folder / "z_good.jsonl",
        '{"id": "t1", "title": ' + title + ', "text": ' + json.dumps(_variant(8)) + "}",
    )
    return {
        "a_surrogate_id.jsonl:1": "unpaired surrogate",
        "a_surrogate_language.jsonl:1": "unpaired surrogate",
        "b_deep.jsonl:1": "nested too deeply",
        "c_long_language.jsonl:1": "unknown language code",
        "c_path_language.jsonl:1": "unknown language code '/tmp/evil'",
        "c_pycache_language.jsonl:1": "unknown language code '__pycache__'",
        "d_bool_id.jsonl:1": "must be a string or a number",
        "d_huge_number.jsonl:1": "not valid JSON (Exceeds the limit (4300 digits)",
    }


def _stored(db: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source_path, title, url FROM articles").fetchall()
    return {Path(p).name: (t, u) for p, t, u in rows}


def test_crashers_are_one_line_each_and_the_batch_goes_on(tmp_path: Path, run: Callable[..., Result]) -> None:
    expected = _batch(tmp_path / "in")
    odd_name = os.fsdecode(b"e_latin1_\xe9t\xe9.txt")  # a name that is not UTF-8
    (tmp_path / "in" / odd_name).write_text(_variant(9), encoding="utf-8")
    db = tmp_path / "s.db"
    result = run("ingest", str(tmp_path / "in"), "--db", str(db), "--no-extract")
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    rejected = [x for x in lines if ": warning: " not in x]
    assert len(rejected) == len(expected), lines
    for name, words in expected.items():
        [line] = [x for x in rejected if x.startswith(f"{tmp_path / 'in' / name}: ")]
        assert words in line, line
    warning = "warning: field 'title': 1 unpaired surrogate(s) replaced with U+FFFD"
    assert [x for x in lines if ": warning: " in x] == [f"{tmp_path / 'in' / 'z_good.jsonl'}:1: {warning}"]
    stored = _stored(db)
    assert set(stored) == {"z_good.txt", "z_good.jsonl:1", "e_latin1_\\xe9t\\xe9.txt"}
    assert stored["z_good.jsonl:1"][0] == "\ufffd Talks"
    assert "3 new, 0 duplicate, 8 rejected" in result.stdout


def test_language_code_never_reaches_a_path(tmp_path: Path, run: Callable[..., Result]) -> None:
    evil = tmp_path / "evil"
    evil.mkdir()
    (evil / "boilerplate.toml").write_text("this is [not toml", encoding="utf-8")  # would raise if read
    assert langs.load(str(evil), "boilerplate") == {}
    assert langs.load("../../..", "boilerplate") == {}
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    result = run("analyze", str(article), "--lang", str(evil))
    assert result.exit_code == 2
    assert "unknown language code" in result.stderr
    assert len([x for x in result.stderr.splitlines() if "unknown language code" in x]) == 1
    ok = run("analyze", str(article), "--lang", "EN")
    assert ok.exit_code == 0
    assert json.loads(ok.stdout)["language"] == "en"


def test_newline_in_a_file_name_stays_on_one_line(tmp_path: Path, run: Callable[..., Result]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "forged\nz.txt: stored fine.txt").write_bytes(b"")
    (folder / "ok.txt").write_text(GOOD, encoding="utf-8")
    result = run("ingest", str(folder), "--db", str(tmp_path / "s.db"), "--no-extract")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{folder}/forged\\nz.txt: stored fine.txt: empty file"]


def test_same_text_from_another_url_is_a_copy_with_its_own_provenance(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    batch = tmp_path / "wire.jsonl"
    records = [
        {"text": GOOD, "url": "https://agency.example/story-1", "published": "2024-11-29"},
        {"text": GOOD, "url": "https://paper.example/world/story-1", "published": "2024-11-29"},
        {"text": GOOD, "url": "https://agency.example/story-1", "published": "2024-11-29"},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    result = run("ingest", str(batch), "--db", str(db), "--no-extract", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["new"], data["duplicate"], data["copies"]) == (2, 1, 1)
    first, second, third = data["outcomes"]
    assert second["copy_of"] == first["article_id"] and third["status"] == "duplicate"
    with sqlite3.connect(db) as conn:
        urls = sorted(r[0] for r in conn.execute("SELECT url FROM articles"))
    assert urls == ["https://agency.example/story-1", "https://paper.example/world/story-1"]


def test_duplicates_are_recognised_before_extraction(
    tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(_variant(i), encoding="utf-8")
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": _variant(7)}) + "\n", encoding="utf-8"
    )
    db = tmp_path / "s.db"
    calls: list[str] = []
    stage = pipeline.STAGES["times.v1"]

    def counted(result: ArticleResult) -> ArticleResult:
        calls.append(result.article.id)
        return stage.run(result)

    monkeypatch.setitem(
        pipeline.STAGES, "times.v1", Stage("times.v1", stage.requires, stage.assigns, counted)
    )
    assert run("ingest", str(folder), "--db", str(db)).exit_code == 0
    assert len(calls) == 4
    again = run("ingest", str(folder), "--db", str(db))
    assert "0 new, 4 duplicate, 0 rejected" in again.stdout
    assert len(calls) == 4  # no article was extracted a second time


def _boom(result: ArticleResult) -> ArticleResult:
    if "Vienna" in result.article.text:
        raise ZeroDivisionError("a bug met on this input")
    return result


def test_an_internal_error_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD.replace("Geneva", "Vienna"), encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    stage = Stage("boom.v1", ("text",), (), _boom)
    results = list(analyze([str(folder)], pipeline=build_pipeline(["boom.v1"], {"boom.v1": stage})))
    [bad] = [r for r in results if isinstance(r, Rejection)]
    assert bad.internal and "ZeroDivisionError" in bad.reason and "please report" in bad.reason
    assert sum(isinstance(r, ArticleResult) for r in results) == 1


FAULT = """
import sys
from storyline import pipeline
from storyline.cli import main
real = pipeline.STAGES["times.v1"]
def boom(result):
    if "Vienna" in result.article.text:
        raise ZeroDivisionError("a bug met on this input")
    return real.run(result)
pipeline.STAGES["times.v1"] = pipeline.Stage("times.v1", real.requires, real.assigns, boom)
sys.argv = ["storyline", *sys.argv[1:]]
main()
"""


def _ingest_with(script: str, folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """``storyline ingest FOLDER --db DB`` in a subprocess whose ``script`` patches storyline first."""
    cmd = [sys.executable, "-c", script, "ingest", str(folder), "--db", str(db)]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def test_internal_error_exit_code_differs_from_rejection(tmp_path: Path) -> None:
    """A bug injected into a stage (in a subprocess): exit code 3, the hint, the good file stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD.replace("Geneva", "Vienna"), encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    (folder / "c.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    proc = _ingest_with(FAULT, folder, db)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{folder / 'a.txt'}: internal error (ZeroDivisionError")
    assert lines[1] == f"{folder / 'c.txt'}: empty file"
    assert lines[2].startswith("storyline: 1 internal error(s): this is a bug") and "report" in lines[2]
    assert "Traceback" not in proc.stderr
    assert "1 new, 0 duplicate, 2 rejected" in proc.stdout


LATE_INTERRUPT = """
import sys
from storyline import cli
def interrupted(database):
    raise KeyboardInterrupt
cli.checkpoint = interrupted
sys.argv = ["storyline", *sys.argv[1:]]
cli.main()
"""


def test_interrupt_after_the_batch_loop_still_exits_130(tmp_path: Path) -> None:
    """Ctrl-C during the final checkpoint (outside the loop's handler): exit 130, one line, data kept."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "s.db"
    proc = _ingest_with(LATE_INTERRUPT, folder, db)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("interrupted: what was committed stays")
    assert "Traceback" not in proc.stderr and "Aborted" not in proc.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1

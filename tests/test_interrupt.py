"""Killing or interrupting a batch leaves a consistent database, and re-running completes it.

These run the real command in a subprocess and really kill it mid-batch.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N = 1500
CITIES = ["Geneva", "Vienna", "Doha", "Oslo", "Nairobi", "Lima", "Hanoi", "Jakarta", "Lisbon", "Madrid"]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i in range(N):
        city = CITIES[i % len(CITIES)]
        text = (
            f"Negotiators from {i % 40 + 2} countries met in {city} on day {i} of the conference.\n\n"
            f"A spokesperson said that {i * 7 % 1000 + 10} delegates attended, and that talks would resume "
            f"after a pause of {i % 9 + 1} days. Report number {i}.\n"
        )
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _start(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", str(db), "--no-extract"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_progress(proc: subprocess.Popen[bytes], db: Path) -> None:
    deadline = time.monotonic() + 120
    while _count(db) < 50:
        assert proc.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"


def _assert_consistent(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert articles == indexed
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        return int(articles)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_batch_is_consistent_and_rerun_completes(tmp_path: Path, sig: signal.Signals) -> None:
    folder = _corpus(tmp_path / "corpus")
    db = tmp_path / "s.db"
    proc = _start(folder, db)
    _wait_for_progress(proc, db)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert b"interrupted" in err
        assert b"Traceback" not in err
    partial = _assert_consistent(db)
    assert 0 < partial < N
    rerun = subprocess.run(
        [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", str(db), "--no-extract"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N - partial} new, {partial} duplicate, 0 rejected" in rerun.stdout
    assert _assert_consistent(db) == N

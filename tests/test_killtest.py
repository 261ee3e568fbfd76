"""Crash-consistent derived state (issue 14): pending collection work is completed by the next writer.

An article committed just before a SIGKILL has no fingerprint and no story;
re-running the ingest reports it as a duplicate, so only an explicit
"complete what is pending" step can repair it.  The kill series runs the
documented command (``bench/killtest.py``) at CI size: a few SIGKILLs across
a few hundred articles, then one completing run.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

REPO = Path(__file__).resolve().parents[1]
TEXT = (
    "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday, 29 November 2024, "
    "and met Kim Jong Un, the state agency KCNA said.\n\nThe talks covered military cooperation.\n"
)


def _membership(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        fingerprinted = conn.execute("SELECT count(*) FROM fingerprints").fetchone()[0]
        in_stories = conn.execute("SELECT count(DISTINCT article_id) FROM story_articles").fetchone()[0]
    return articles, fingerprinted, in_stories


def test_pending_articles_are_reported_and_completed_by_the_next_ingest(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(
        TEXT.replace("Friday", "Saturday").replace("KCNA", "TASS"), encoding="utf-8"
    )
    db = tmp_path / "s.db"
    # --no-extract stores articles without their collection state: the state a kill leaves.
    assert run("ingest", str(folder), "--db", str(db), "--no-extract").exit_code == 0
    assert _membership(db) == (2, 0, 0)
    check = run("check", "--db", str(db), "--format", "json")
    assert check.exit_code == 1
    assert len(json.loads(check.stdout)["without_fingerprint"]) == 2
    again = run("ingest", str(folder), "--db", str(db))  # every source a duplicate ...
    assert "0 new, 2 duplicate" in again.stdout
    assert _membership(db) == (2, 2, 2)  # ... and still the pending work is done
    assert run("check", "--db", str(db)).exit_code == 0


def test_repair_completes_pending_work(tmp_path: Path, run: Callable[..., Result]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.db"
    run("ingest", str(article), "--db", str(db), "--no-extract")
    result = run("repair", "--db", str(db))
    assert result.exit_code == 0
    assert result.stdout.startswith("1 pending article(s) completed; 1 articles in 1 stories")
    assert _membership(db) == (1, 1, 1)
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


def test_kill_series_ends_with_every_article_in_one_story(tmp_path: Path) -> None:
    n = 250
    args = ["--articles", str(n), "--kills", "4", "--seed", "2", "--workdir", str(tmp_path)]
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "killtest.py"), *args],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    figures = json.loads(proc.stdout)
    assert figures["kills_mid_run"] >= 3, figures  # the kills really landed during the ingest
    assert 0 < figures["stored_before_last_run"] < n
    db = tmp_path / "kill.db"
    assert _membership(db) == (n, n, n)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        several = conn.execute(
            "SELECT count(*) FROM (SELECT article_id FROM story_articles "
            "GROUP BY article_id HAVING count(*) > 1)"
        ).fetchone()[0]
    assert several == 0
    assert proc.returncode == 0 and figures["ok"], figures

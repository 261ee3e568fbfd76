"""Two ``storyline ingest`` processes into one PostgreSQL database, overlapping inputs (issue 12).

Every article must end stored once, fingerprinted once and in exactly one story; the
two reports together count each article once as new.  bench/pg_concurrency.py runs the
same with 5,000 articles.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from pgserver import Server

from storyline.store.db import Database

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from pg_concurrency import records, run  # noqa: E402

N = 150


def test_two_concurrent_ingests_store_each_article_once(pg_server: Server, tmp_path: Path) -> None:
    outcome = run(pg_server.create_database("concurrent"), N, tmp_path)
    assert outcome.stored == outcome.distinct == N
    assert outcome.fingerprinted == outcome.in_stories == N
    new = sum(r["new"] for r in outcome.reports)
    duplicate = sum(r["duplicate"] for r in outcome.reports)
    assert (new, duplicate) == (N, N // 5)  # the shared fifth: new for one process, duplicate for the other


def test_serve_with_workers_reads_while_ingest_writes(pg_server: Server, tmp_path: Path) -> None:
    """``serve --workers 2`` answers every request while another process stores articles."""
    url = pg_server.create_database("served")
    Database(url).close()
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records(60)), encoding="utf-8")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    storyline = [sys.executable, "-m", "storyline"]
    server = subprocess.Popen(
        [*storyline, "serve", "--db", url, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(base)
        writer = subprocess.Popen(
            [*storyline, "ingest", "--db", url, "--no-semantic", str(feed)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        totals = []
        while writer.poll() is None:
            totals.append(_get(f"{base}/api/articles?limit=1")["total"])
            _get(f"{base}/api/stories")
        assert writer.returncode == 0
        totals.append(_get(f"{base}/api/articles?limit=1")["total"])
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert totals == sorted(totals), "a reader saw articles disappear"
    assert totals[-1] == 60
    assert len(set(totals)) > 1, "the reads did not overlap the writes"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=30) as answer:  # any status but 200 raises
        found: dict[str, Any] = json.loads(answer.read())
        return found


def _wait_until_up(base: str) -> None:
    for _ in range(300):
        try:
            _get(f"{base}/api/articles?limit=1")
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("storyline serve did not start")

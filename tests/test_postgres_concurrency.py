"""Two ``storyline ingest`` processes into one PostgreSQL database, overlapping inputs (issue 12).

Every article must end stored once, fingerprinted once and in exactly one story; the
two reports together count each article once as new.  bench/pg_concurrency.py runs the
same with 5,000 articles.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pgserver import Server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from pg_concurrency import run

N = 150


def test_two_concurrent_ingests_store_each_article_once(pg_server: Server, tmp_path: Path) -> None:
    outcome = run(pg_server.create_database("concurrent"), N, tmp_path)
    assert outcome.stored == outcome.distinct == N
    assert outcome.fingerprinted == outcome.in_stories == N
    new = sum(r["new"] for r in outcome.reports)
    duplicate = sum(r["duplicate"] for r in outcome.reports)
    assert (new, duplicate) == (N, N // 5)  # the shared fifth: new for one process, duplicate for the other

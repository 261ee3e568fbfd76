"""Independent source groups on the read side (issue 9, items 6 and 7), through the CLI.

* A story lists an event or a claim once per independent source group: the
  demo's syndicated Indonesian copy repeats every event and claim of its
  original, and they fold under the original's item.
* The topic timeline ranks days by independent-source support: on the demo the
  inauguration and the Nobel announcement (each reported by two sources) make
  the top five; on the seeds Belousov's three main dates make the top three.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Run = Callable[..., Result]


@pytest.fixture(scope="module")
def demo_db(demo_collection: str) -> str:
    return demo_collection


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _prabowo(run: Run, db: str) -> dict[str, Any]:
    story = next(s for s in _json(run, "stories", "--db", db) if "Prabowo" in s["title"])
    detail: dict[str, Any] = _json(run, "story", story["id"], "--db", db)
    return detail


def test_copies_fold_under_their_original(demo_db: str, run: Run) -> None:
    detail = _prabowo(run, demo_db)
    copies = {a["id"] for a in detail["article_details"] if a["copy_of"] or a["translation_of"]}
    assert copies, "the demo's syndicated copy is linked to its original"
    for kind in ("events", "claims"):
        items = detail[kind]
        # No item comes from a copy when the copy repeats its original ...
        listed = [i for i in items if i["article_id"] in copies]
        assert not listed, (kind, listed)
        # ... it is folded under the original's item instead.
        folded = [c for i in items for c in i["copies"]]
        assert folded and all(c["article_id"] in copies and c["relation"] == "copy" for c in folded), kind
    # Each (article, seq) is listed at most once, whether as an item or as a copy.
    seen = [(c["article_id"], c["seq"]) for i in detail["claims"] for c in [i, *i["copies"]]]
    assert len(seen) == len(set(seen))


_EVENT_LINE = re.compile(r"\s+\[\d+ sources?\] [A-Z_]+(?:/\S+)? \[[a-z]+\] ")


def test_story_text_lists_each_claim_once(demo_db: str, run: Run) -> None:
    detail = _prabowo(run, demo_db)
    out = run("story", detail["id"], "--db", demo_db).stdout
    claim_lines = [line for line in out.splitlines() if line.strip().startswith("claim [")]
    assert len(claim_lines) == len(detail["claims"])
    assert len(set(claim_lines)) == len(claim_lines)
    # The text output lists the events too: type, status, date and participants.
    event_lines = [line for line in out.splitlines() if _EVENT_LINE.match(line)]  # any status
    assert len(event_lines) == len(detail["events"]) >= 1


def test_demo_timeline_keeps_days_two_sources_report(demo_db: str, run: Run) -> None:
    entries = _json(run, "timeline", "--db", demo_db, "--limit", "6")
    dates = [e["date"] for e in entries]
    assert "2024-10-20" in dates  # Prabowo's inauguration: the English report and the Indonesian one
    assert "2024-10-11" in dates  # the Nobel Peace Prize announcement: Norwegian and French reports
    assert all(e["sources"] >= 2 for e in entries)


def test_seed_timeline_keeps_belousovs_main_dates(seeds_dir: Path, run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    assert run("ingest", str(seeds_dir), "--db", db).exit_code == 0
    dates = [e["date"] for e in _json(run, "timeline", "Belousov", "--db", db, "--limit", "3")]
    assert dates == ["2024-06-25", "2024-10-14", "2024-11-29"]

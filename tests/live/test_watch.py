"""`storyline watch`: rounds over a sources file, against the news site on 127.0.0.1.

Includes the kill test: the monitor is killed with SIGKILL (and, separately,
stopped with Ctrl-C) in the middle of a round, restarted, and must neither
lose nor duplicate an article, nor fetch again a page it had stored.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import write_config
from newsserver import NewsServer

from storyline.errors import ConfigError
from storyline.ingest.fetch import Fetcher
from storyline.settings import Settings
from storyline.store.db import Database
from storyline.watch import Watcher, load_sources, parse_interval

EXPECTED = {
    "/news/olympics-close",
    "/news/conseil-securite",
    "/news/eurocopa",
    "/news/em-finale",
    "/news/nobel-peace",
    "/news/notre-dame",
    "/news/typhoon-yagi",
}


def _sources(path: Path, news: NewsServer, *, interval: str = "0s", hang: bool = True) -> Path:
    pages = ["/news/typhoon-yagi"] + (["/hang", "/huge"] if hang else [])
    text = f'[watch]\ninterval = "{interval}"\n\n'
    text += f'[[feed]]\nname = "Example RSS"\nurl = "{news.url("/feed.rss")}"\n\n'
    text += f'[[feed]]\nname = "Example Atom"\nurl = "{news.url("/feed.atom")}"\n\n'
    text += f'[[sitemap]]\nname = "Example news sitemap"\nurl = "{news.url("/sitemap-news.xml")}"\n\n'
    for page in pages:
        text += f'[[page]]\nurl = "{news.url(page)}"\ninterval = "{interval}"\n\n'
    path.write_text(text, encoding="utf-8")
    return path


def _stored(db: Path | str) -> list[str]:
    if str(db).startswith("postgresql://"):
        with Database(str(db), readonly=True) as database:
            return [str(r[0]) for r in database.conn.execute("SELECT url FROM articles")]
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return [str(r[0]) for r in conn.execute("SELECT url FROM articles")]
    except sqlite3.OperationalError:
        return []


def test_watch_once_twice(
    tmp_path: Path, store_target: str, news: NewsServer, config: Path, run: Callable[..., Result]
) -> None:
    """On SQLite and on PostgreSQL (``store_target``): a monitor writes the same either way."""
    sources, db = _sources(tmp_path / "sources.toml", news), store_target
    first = run("watch", str(sources), "--once", "--db", str(db), "--config", str(config))
    assert first.exit_code == 1, first.output  # the /hang and /huge page sources failed
    assert "round 1" in first.stdout and "6 source(s): 7 new, 0 duplicate, 3 failed" in first.stdout
    assert sorted(_stored(db)) == sorted(news.url(p) for p in EXPECTED)
    assert "stories touched" in first.stdout and "0 stories touched" not in first.stdout
    errors = first.stderr.strip().splitlines()
    assert len(errors) == 3, errors  # /private/ (robots.txt), /hang (timeout), /huge (size)
    assert any("too large" in e for e in errors) and any("timed out" in e for e in errors)

    news.reset()
    second = run(
        "watch", str(sources), "--once", "--db", str(db), "--config", str(config), "--format", "jsonl"
    )
    summary = json.loads(second.stdout)
    assert (summary["new"], summary["duplicate"], summary["unchanged"]) == (0, 0, 4)
    assert summary["failed_sources"] == [news.url("/hang"), news.url("/huge")]
    fetched = [r.path for r in news.requests if r.status != 304]
    assert not [p for p in fetched if p.startswith(("/news/", "/private/", "/redirect/"))]

    status = json.loads(run("sources", "--db", str(db), "--format", "json").stdout)
    by_name = {s["name"]: s for s in status}
    assert by_name["Example RSS"]["last_status"] == "not modified" and by_name["Example RSS"]["rounds"] == 2
    assert by_name["Example RSS"]["articles"] == 3 and by_name["Example RSS"]["http_status"] == 304
    assert "robots.txt" in by_name["Example RSS"]["last_error"]
    assert "timed out" in by_name[news.url("/hang")]["last_error"]


def test_intervals_are_respected_across_runs(
    tmp_path: Path, news: NewsServer, config: Path, run: Callable[..., Result]
) -> None:
    sources, db = _sources(tmp_path / "sources.toml", news, interval="1h", hang=False), tmp_path / "w.db"
    assert run("watch", str(sources), "--once", "--db", str(db), "--config", str(config)).exit_code == 0
    news.reset()
    again = run("watch", str(sources), "--once", "--db", str(db), "--config", str(config))
    assert "0 source(s)" in again.stdout and news.paths() == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feed]]\nurl = "ftp://example.com/rss"\n', "not an http(s) URL"),
        ('[[feed]]\nurl = "https://example.com/rss"\ninterval = "soon"\n', "is not a duration"),
        ('[[feed]]\nurl = "https://example.com/rss"\nevery = "1h"\n', "unknown key(s) every"),
        ('[[feeds]]\nurl = "https://example.com/rss"\n', "unknown table(s) feeds"),
        ("[watch]\n", "no sources"),
        ("[[feed]\n", "cannot read sources"),
    ],
)
def test_bad_sources_files_are_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_sources(path)


def test_intervals() -> None:
    assert [parse_interval(v, Path("x")) for v in ("90s", "15m", "2h", "1d", 30, "0")] == [
        90,
        900,
        7200,
        86400,
        30,
        0,
    ]


def _watch(sources: Path, db: Path, config: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "storyline", "watch", str(sources), "--once", "--db", str(db)]
    return subprocess.Popen([*cmd, "--config", str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_watch_killed_mid_round_resumes_without_loss_or_duplicates(
    tmp_path: Path, news: NewsServer, sig: signal.Signals
) -> None:
    # A per-host delay makes the round last a few seconds, long enough to interrupt it.
    config = write_config(tmp_path / "slow.toml", fetch_delay=0.4)
    sources, db = _sources(tmp_path / "sources.toml", news, hang=False), tmp_path / "k.db"
    proc = _watch(sources, db, config)
    deadline = time.monotonic() + 120
    while len(_stored(db)) < 2:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"stopping after the current article" in err
        assert b"Traceback" not in err
    before = set(_stored(db))
    assert 2 <= len(before) < len(EXPECTED)

    rerun = _watch(sources, db, config)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    after = _stored(db)
    assert sorted(after) == sorted(news.url(p) for p in EXPECTED)  # nothing lost, nothing twice
    for url in before:  # a page stored before the kill was never requested again
        path = url.removeprefix(news.base)
        assert news.hits[path] == 1, (path, news.paths())
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(after)


def test_one_collection_updater_for_every_source_and_round(
    tmp_path: Path, news: NewsServer, fast: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedder (the costly part of the collection update) loads once per monitor, not per source."""
    import storyline.embed

    loads: list[str] = []
    real = storyline.embed.load_embedder

    def counting(*args: Any, **kwargs: Any) -> Any:
        loads.append("load")
        return real(*args, **kwargs)

    monkeypatch.setattr(storyline.embed, "load_embedder", counting)
    sources = load_sources(_sources(tmp_path / "sources.toml", news, hang=False))
    with Database(tmp_path / "w.db") as db, Fetcher(fast) as fetcher:
        watcher = Watcher(db, sources, fast, fetcher)
        first = watcher.run_round()
        news.reset()
        watcher.run_round()
    assert first.counts["new"] == len(EXPECTED) and first.sources == len(sources) > 1
    assert loads == ["load"]

"""`storyline ingest` of feeds, sitemaps and pages from a real server on 127.0.0.1, twice.

The first run stores exactly the allowed articles (robots.txt obeyed, size and
time limits enforced, the redirect followed to its final URL, the feed's date
used where the page has none); the second fetches nothing that did not change:
every source answers 304 to a conditional GET and no article page is requested.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from newsserver import NewsServer

from storyline.ingest.identity import article_id

SOURCES = ["/feed.rss", "/feed.atom", "/sitemap-index.xml", "/flaky", "/huge", "/hang"]
STORED = {
    "/news/olympics-close",
    "/news/conseil-securite",
    "/news/eurocopa",  # reached through /redirect/1 → /redirect/2
    "/news/em-finale",
    "/news/nobel-peace",
    "/news/notre-dame",
    "/flaky",  # answered 429 first, then the typhoon article
}


def _ingest(run: Callable[..., Result], news: NewsServer, db: Path, config: Path) -> Result:
    urls = [news.url(p) for p in SOURCES]
    return run("ingest", *urls, "file:///etc/passwd", "--db", str(db), "--config", str(config))


def _rows(db: Path) -> dict[str, sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {r["url"]: r for r in conn.execute("SELECT * FROM articles")}


def test_ingest_feeds_sitemaps_and_pages_then_nothing_twice(
    tmp_path: Path, news: NewsServer, config: Path, run: Callable[..., Result]
) -> None:
    db = tmp_path / "live.db"
    first = _ingest(run, news, db, config)
    rows = _rows(db)
    assert set(rows) == {news.url(p) for p in STORED}
    assert first.exit_code == 1  # four inputs rejected, each with one line
    assert "7 new, 0 duplicate, 4 rejected" in first.stdout
    errors = first.stderr.strip().splitlines()
    assert len([e for e in errors if not e.startswith("WARNING")]) == 4, first.stderr
    assert any(e.startswith(news.url("/private/internal-memo")) and "robots.txt" in e for e in errors)
    assert any(e.startswith(news.url("/huge")) and "too large" in e for e in errors)
    assert any(e.startswith(news.url("/hang")) and "timed out" in e for e in errors)
    assert any(e.startswith("file:///etc/passwd: refused") for e in errors)
    assert "/private/internal-memo" not in news.paths()

    # The final URL after redirects is the article's URL and id; the feed's date fills a dateless page.
    euro = rows[news.url("/news/eurocopa")]
    assert euro["id"] == article_id(url=news.url("/news/eurocopa"), digest="")
    conseil = rows[news.url("/news/conseil-securite")]
    assert (conseil["published"], conseil["published_from"]) == ("2024-12-06", "feed")
    assert rows[news.url("/news/olympics-close")]["published"] == "2024-08-11"
    assert {r["language"] for r in rows.values()} == {"en", "fr", "de", "es"}

    news.reset()
    second = _ingest(run, news, db, config)
    assert "0 new, 0 duplicate, 3 rejected, 4 unchanged" in second.stdout  # /huge, /hang, file:
    not_modified = [r.path for r in news.requests if r.status == 304]
    assert sorted(not_modified) == sorted(["/feed.rss", "/feed.atom", "/sitemap-index.xml", "/flaky"])
    assert all(r.headers.get("If-None-Match") for r in news.requests if r.path in not_modified)
    assert not [p for p in news.paths() if p.startswith(("/news/", "/private/", "/redirect/"))]
    assert set(_rows(db)) == set(rows)


def test_ingest_of_a_stored_url_reports_a_duplicate(
    tmp_path: Path, news: NewsServer, config: Path, run: Callable[..., Result]
) -> None:
    db = tmp_path / "one.db"
    url = news.url("/news/em-finale")
    assert run("ingest", url, "--db", str(db), "--config", str(config)).exit_code == 0
    again = run("ingest", url, "--db", str(db), "--config", str(config), "--format", "json")
    data = json.loads(again.stdout)
    assert (data["new"], data["unchanged"]) == (0, 1)  # asked again, conditionally: 304


def test_default_settings_refuse_the_loopback_server(
    tmp_path: Path, news: NewsServer, run: Callable[..., Result]
) -> None:
    urls = [news.url("/news/em-finale"), f"http://[::1]:{news.port}/feed.rss", "http://169.254.169.254/"]
    result = run("ingest", *urls, "--db", str(tmp_path / "x.db"))
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 3
    assert all(": refused: " in line and "allow_private_addresses" in line for line in lines)
    assert news.paths() == []


@pytest.mark.parametrize("path", ["/sitemap-news.xml", "/feed.atom"])
def test_analyze_reads_urls_without_storing(
    news: NewsServer, config: Path, run: Callable[..., Result], path: str
) -> None:
    result = run("analyze", news.url(path), "--config", str(config))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(records) == 2
    assert all(r["url"].startswith(news.base + "/news/") for r in records)


def test_a_broken_feed_is_one_line(
    tmp_path: Path, news: NewsServer, config: Path, run: Callable[..., Result]
) -> None:
    result = run(
        "ingest",
        news.url("/bad-feed"),
        news.url("/news/em-finale"),
        "--db",
        str(tmp_path / "b.db"),
        "--config",
        str(config),
    )
    assert result.exit_code == 1 and "1 new, 0 duplicate, 1 rejected" in result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(news.url("/bad-feed") + ": not a valid feed")

"""The web UI's /sources page and /api/sources after a real watch round."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from newsserver import NewsServer

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'storyline[web]')")

from fastapi.testclient import TestClient

from storyline.web.app import create_app


def test_sources_page_shows_last_fetch_status_and_error(
    tmp_path: Path, news: NewsServer, config: Path, run: Callable[..., Result]
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[feed]]\nname = "<script>alert(1)</script> RSS"\nurl = "{news.url("/feed.rss")}"\n\n'
        f'[[page]]\nname = "Never finishes"\nurl = "{news.url("/hang")}"\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.db"
    run("watch", str(sources), "--once", "--db", str(db), "--config", str(config), "--no-extract")
    with TestClient(create_app(db), base_url="http://localhost") as client:
        data = client.get("/api/sources").json()
        page = client.get("/sources")
    assert data["ok"] is True
    by_name = {s["name"]: s for s in data["sources"]}
    rss = by_name["<script>alert(1)</script> RSS"]
    assert rss["http_status"] == 200 and rss["last_fetched"] and rss["articles"] == 3
    assert "robots.txt" in rss["last_error"]
    assert "timed out" in by_name["Never finishes"]["last_error"]
    assert by_name["Never finishes"]["last_status"] == "failed"
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
    assert "timed out" in page.text and 'href="/sources"' in page.text


def test_sources_of_a_database_without_watched_sources(tmp_path: Path, run: Callable[..., Result]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "A short article about a harbour that reopened after the storm passed.", encoding="utf-8"
    )
    db = tmp_path / "plain.db"
    run("ingest", str(article), "--db", str(db), "--no-extract")
    with TestClient(create_app(db), base_url="http://localhost") as client:
        assert client.get("/api/sources").json() == {"ok": True, "sources": []}
        assert "No watched sources" in client.get("/sources").text

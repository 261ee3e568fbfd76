"""An article whose language was not identified is listed as "und" and filters like any code (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.collection import update_collection
from storyline.model import Article, ArticleResult
from storyline.store.db import Database
from storyline.web.app import create_app


def _article(i: int, language: str | None, text: str) -> Article:
    return Article(
        id=f"u{i:015d}",
        source_path=f"u{i}.txt",
        digest=f"u{i}",
        raw_text=text,
        text=text,
        removed=(),
        language=language,
        title=f"Title {i}",
        published=dt.date(2024, 11, 19),
    )


def test_unknown_language_is_a_filter_value(tmp_path: Path) -> None:
    path = tmp_path / "u.db"
    with Database(path) as db:
        db.add(ArticleResult(_article(1, None, "12 34 56")), "h1")
        db.add(ArticleResult(_article(2, "en", "The summit in Rio ended on Tuesday.")), "h2")
        update_collection(db)
    with TestClient(create_app(path), base_url="http://localhost", raise_server_exceptions=False) as client:
        home = client.get("/")
        assert home.status_code == 200 and "/stories?language=und" in home.text
        assert client.get("/stories?language=und").status_code == 200
        page = client.get("/articles?language=und")
        assert page.status_code == 200 and "Title 1" in page.text and "Title 2" not in page.text
        listed = client.get("/api/articles?language=und").json()
        assert [a["id"] for a in listed["articles"]] == ["u000000000000001"]
        assert client.get("/api/articles?language=en").json()["total"] == 1

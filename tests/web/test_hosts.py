"""The Host header check (DNS rebinding) and article ids with a slash (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.api import ingest
from storyline.store.db import Database
from storyline.web.app import create_app
from storyline.web.hosts import host_name


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("localhost", 200),
        ("localhost:8000", 200),
        ("127.0.0.1:8000", 200),
        ("[::1]:8000", 200),
        ("evil.example", 400),
        ("evil.example:8000", 400),
        ("localhost.evil.example", 400),
        ("", 400),
    ],
)
def test_only_local_names_are_answered(demo_db: Path, host: str, status: int) -> None:
    with TestClient(create_app(demo_db), base_url="http://localhost") as client:
        response = client.get("/api/stories", headers={"host": host})
    assert response.status_code == status
    if status == 400:
        body = response.json()
        assert body["ok"] is False and body["status"] == 400 and "allowed_hosts" in body["error"]


def test_no_redirect_is_built_from_a_foreign_host(demo_db: Path) -> None:
    with TestClient(create_app(demo_db), base_url="http://localhost") as client:
        response = client.get("/static", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 400
    assert "evil.example" not in response.headers.get("location", "")


def test_configured_and_bound_names_are_answered(demo_db: Path) -> None:
    app = create_app(demo_db, hosts=("News.Example.org",), bound="192.168.1.20")
    with TestClient(app, base_url="http://localhost") as client:
        assert client.get("/api/stories", headers={"host": "news.example.org"}).status_code == 200
        assert client.get("/api/stories", headers={"host": "192.168.1.20:8000"}).status_code == 200
        assert client.get("/api/stories", headers={"host": "other.example.org"}).status_code == 400


def test_host_name_parsing() -> None:
    assert host_name("Example.ORG:443") == "example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"


def test_article_ids_with_a_slash_have_a_page(tmp_path: Path) -> None:
    record = {
        "id": "reuters/2024/11/29/kim-belousov",
        "text": "North Korean leader Kim Jong Un met Russian Defence Minister Andrei Belousov in Pyongyang "
        "on Friday, the state agency KCNA said.",
        "language": "en",
    }
    batch = tmp_path / "a.jsonl"
    batch.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    with Database(db) as database:
        assert ingest([str(batch)], db=database).counts["new"] == 1
    with TestClient(create_app(db), base_url="http://localhost") as client:
        api = client.get(f"/api/articles/{record['id']}")
        page = client.get(f"/articles/{record['id']}")
        listing = client.get("/articles")
    assert api.status_code == 200 and api.json()["article"]["id"] == record["id"]
    assert page.status_code == 200 and "Belousov" in page.text
    assert f'href="/articles/{record["id"]}"' in listing.text

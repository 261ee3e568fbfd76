"""The JSON API in-process: every endpoint answers ``{"ok": true, ...}``; errors have one shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.store.db import Database
from storyline.web.app import create_app

ERROR_KEYS = {"ok", "error", "status"}


def get_ok(client: TestClient, url: str) -> dict[str, Any]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text)
    body: dict[str, Any] = r.json()
    assert body["ok"] is True
    return body


def first_story(client: TestClient) -> dict[str, Any]:
    stories: list[dict[str, Any]] = get_ok(client, "/api/stories")["stories"]
    return next(s for s in stories if len(s["languages"]) > 1)


def test_articles_filters(client: TestClient) -> None:
    everything = get_ok(client, "/api/articles?limit=100")
    assert everything["total"] == 19  # the 18 examples and the hostile article
    indonesian = get_ok(client, "/api/articles?language=id")
    assert indonesian["total"] == 2 and {a["language"] for a in indonesian["articles"]} == {"id"}
    november = get_ok(client, "/api/articles?from=2024-11-01&to=2024-11-30")["articles"]
    assert november and all("2024-11-01" <= a["published"] <= "2024-11-30" for a in november)
    # Full-text search reaches every language: Vietnamese and Portuguese G20 articles.
    g20 = get_ok(client, "/api/articles?q=G20")["articles"]
    assert {"vi", "pt"} <= {a["language"] for a in g20}
    by_source = get_ok(client, "/api/articles?source=id-pelantikan")["articles"]
    assert len(by_source) == 2


def test_article_detail_has_mentions_and_removals(client: TestClient) -> None:
    aid = get_ok(client, "/api/articles?language=vi&limit=1")["articles"][0]["id"]
    a = get_ok(client, f"/api/articles/{aid}")["article"]
    assert a["text"] and a["actors"] and a["places"] and a["removed"]
    assert "".join(s["text"] for s in a["segments"]) == a["text"]
    assert {s["kind"] for s in a["segments"]} >= {None, "actor", "place"}


def test_story_actor_timeline_compare(client: TestClient) -> None:
    story = first_story(client)
    detail = get_ok(client, f"/api/stories/{story['id']}")["story"]
    assert set(detail["articles"]) == set(story["articles"])
    assert detail["independent_sources"] >= 2
    actors = get_ok(client, "/api/actors?q=Prabowo")["actors"]
    assert actors
    actor = get_ok(client, f"/api/actors/{actors[0]['id']}")["actor"]
    assert actor["names"] and actor["timeline"]
    timeline = get_ok(client, "/api/timeline?q=Prabowo&limit=5")["timeline"]
    assert timeline and all(
        {"date", "summary", "event_ids", "article_ids", "sources"} <= set(x) for x in timeline
    )
    a, b = story["articles"][:2]
    compared = get_ok(client, f"/api/compare?a={a}&b={b}")
    assert compared["same_story"] is True and 0 <= compared["score"] <= 1


def test_events_claims_map_search(client: TestClient) -> None:
    assert isinstance(get_ok(client, "/api/events?limit=5")["events"], list)
    claims = get_ok(client, "/api/claims")["claims"]
    assert claims and all(c["statement_text"] for c in claims)
    speaker = claims[0]["speakers"][-1]["id"]
    assert get_ok(client, f"/api/claims?speaker={speaker}")["claims"]
    markers = get_ok(client, "/api/map")["markers"]
    assert markers and all(0 <= m["x"] <= 1000 for m in markers)
    found = get_ok(client, "/api/search?q=Hidankyo")
    assert {"nb", "fr"} <= {a["language"] for a in found["articles"]}


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/articles/no-such-article", 404),
        ("/api/stories/no-such-story", 404),
        ("/api/actors/no-such-actor-xyz", 404),
        ("/api/no-such-endpoint", 404),
        ("/api/articles?limit=0", 422),
        ("/api/articles?limit=abc", 422),
        ("/api/articles?from=yesterday", 422),
        ("/api/articles?language=ENGLISH", 422),
        ("/api/events?type=drop%20table", 422),
        ("/api/compare?a=x", 422),
    ],
)
def test_error_shape(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"]


def test_server_error_has_the_same_shape(demo_db: str) -> None:
    app = create_app(demo_db)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500
    assert r.json() == {"ok": False, "error": "internal error (RuntimeError)", "status": 500}


def test_pages_404_are_html(client: TestClient) -> None:
    r = client.get("/stories/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


def test_strict_headers_everywhere(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/api/nothing", "/static/app.js"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    for p in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/events",
        "/api/claims",
        "/api/timeline",
        "/api/compare",
    ):
        assert p in paths
    assert not any(p.startswith("/stories") for p in paths)  # pages stay out of the API document


def test_read_only(client: TestClient, demo_db: str) -> None:
    assert client.post("/api/articles").status_code == 405
    if demo_db.startswith("postgresql://"):  # the web's connections refuse writes
        with Database(demo_db, readonly=True) as db:
            assert db.conn.execute("SHOW default_transaction_read_only").fetchone()[0] == "on"
            import psycopg

            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                db.conn.execute("DELETE FROM article_warnings")
        get_ok(client, "/api/articles")
        return
    path = Path(demo_db)
    before = path.stat().st_mtime_ns
    get_ok(client, "/api/articles")
    assert path.stat().st_mtime_ns == before

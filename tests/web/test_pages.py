"""Server-rendered pages: every page renders with the demo data, and untrusted text stays text."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from storyline.store.db import Database
from storyline.stories import date_window
from storyline.web.pages import OPENING_DAYS, safe_url


def test_every_page_renders(client: TestClient) -> None:
    story = client.get("/api/stories").json()["stories"][0]
    actor = client.get("/api/actors?q=Prabowo").json()["actors"][0]
    pages = {
        "/": "Stories",
        "/search?q=Nobel": "Hidankyo",
        "/articles": "Articles",
        f"/articles/{story['articles'][0]}": "Cleaned away",
        f"/stories/{story['id']}": "independent source",
        "/actors": "Actors",
        f"/actors/{actor['id']}": "Co-participants",
        "/timeline?q=Prabowo": "2024-10-20",
        "/map": 'class="marker"',
        "/events": "Events",
    }
    for url, expected in pages.items():
        r = client.get(url)
        assert r.status_code == 200, url
        assert expected in r.text, url
        assert "<script>" not in r.text  # only <script src=...> of our own, served from /static
        scripts = re.findall(r"<script[^>]*>", r.text)
        assert scripts[-1] == '<script src="/static/app.js" defer>'
        assert all(re.fullmatch(r'<script src="/static/[\w./-]+\.js" defer>', s) for s in scripts), scripts


def test_hostile_article_is_escaped(client: TestClient, hostile: dict[str, str]) -> None:
    html = client.get(f"/articles/{hostile['id']}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript:' not in html.lower()
    listing = client.get("/articles?q=summit").text
    assert "<script>alert" not in listing and 'href="javascript:' not in listing.lower()


def test_timeline_zoom_and_filters(client: TestClient) -> None:
    whole = client.get("/api/timeline").json()["timeline"]
    dates = sorted(x["date"] for x in whole if x["date"] and not x["date"].startswith("--"))
    window = client.get(f"/api/timeline?from={dates[0]}&to={dates[0]}").json()["timeline"]
    assert window and all(x["date"] == dates[0] for x in window)
    assert client.get("/api/timeline?type=NO_SUCH_TYPE").json()["timeline"] == []
    assert "zoom in" in client.get("/timeline").text


def _entries(html: str) -> int:
    return html.count('<li id="entry-')


def test_the_whole_timeline_opens_on_the_latest_days(client: TestClient, demo_db: str) -> None:
    with Database(demo_db, readonly=True) as db:
        latest = date_window.latest_days(db, OPENING_DAYS)
    assert latest is not None and latest.date_from and latest.date_to
    page = client.get("/timeline").text
    assert f"Showing the last {OPENING_DAYS} days of the collection; clear the dates to see all." in page
    assert f'value="{latest.date_from}"' in page and f'value="{latest.date_to}"' in page  # the form shows it
    assert 'href="/timeline?all=1">Show all dates</a>' in page
    window = client.get(f"/api/timeline?from={latest.date_from}&to={latest.date_to}&limit=300").json()
    assert _entries(page) == len(window["timeline"]) > 0
    everything = len(client.get("/api/timeline?limit=300").json()["timeline"])
    # ?all=1 and a submitted form with its dates cleared show every date; a query is not windowed.
    for url in ("/timeline?all=1", "/timeline?q=&from=&to=", "/timeline?from="):
        html = client.get(url).text
        assert "Showing the last" not in html and _entries(html) == everything, url
    assert "Showing the last" not in client.get("/timeline?q=Prabowo").text


def test_a_timeline_window_is_the_filtered_whole_timeline(client: TestClient) -> None:
    """The date window is narrowed in SQL: what it shows is what filtering every entry showed."""
    whole = client.get("/api/timeline?limit=1000").json()["timeline"]
    dates = sorted(x["date"] for x in whole if not x["date"].startswith("--"))
    assert len(dates) > 3
    windows = [
        (dates[0], dates[0]),
        (dates[1], dates[-2]),
        (dates[len(dates) // 2][:7], None),
        (None, dates[len(dates) // 2][:7]),
        (dates[0][:4], dates[-1][:4]),
    ]
    for lo, hi in windows:
        query = "&".join(f"{k}={v}" for k, v in (("from", lo), ("to", hi)) if v)
        narrowed = client.get(f"/api/timeline?limit=1000&{query}").json()["timeline"]
        assert narrowed == [x for x in whole if date_window.in_window(x["date"], lo, hi)], query


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "/relative",
        "",
    ):
        assert safe_url(bad) is None

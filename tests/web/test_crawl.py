"""Every link the UI renders resolves: a crawler over the demo follows each internal link (zero 404s).

The crawl starts at the home page and follows every ``href`` and ``src`` on
our own host, breadth first, through every page it reaches (the demo has a
few hundred), with the in-process client.  Links to other hosts (article
URLs) are not followed; fragments are dropped.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from fastapi.testclient import TestClient

MAX_PAGES = 3000


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def _internal(base: str, href: str) -> str | None:
    url = urldefrag(urljoin(base, href))[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return url.removeprefix("http://testserver")


def test_every_internal_link_answers(client: TestClient) -> None:
    queue, seen, broken = ["/"], {"/"}, []
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200:
            broken.append((path, response.status_code))
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(response.text)
        for href in parser.found:
            target = _internal("http://testserver" + path, href)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    assert broken == [], broken[:20]
    assert len(seen) > 150, len(seen)  # the crawl went through the whole demo, not one page


def test_api_index_lists_every_endpoint(client: TestClient) -> None:
    index = client.get("/api/").json()
    assert index["ok"] and index["openapi"] == "/api/openapi.json"
    paths = {e["path"] for e in index["endpoints"]}
    wanted = {"/api/stories", "/api/events", "/api/names", "/api/timeline", "/api/actors/{actor_id}/graph"}
    assert wanted <= paths
    for endpoint in index["endpoints"]:
        if "{" not in endpoint["path"] and endpoint["path"] not in ("/api/compare", "/api/search"):
            assert client.get(endpoint["path"]).status_code == 200, endpoint["path"]


def test_empty_search_is_not_an_error(client: TestClient) -> None:
    response = client.get("/search?q=")
    assert response.status_code == 200 and "Type a name" in response.text
    bad = client.get("/api/stories?language=x1")
    assert bad.status_code == 422 and "^" not in bad.json()["error"]  # no regular expression shown

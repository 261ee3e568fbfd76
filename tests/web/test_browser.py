"""Browser tests: Debian's chromium, driven by Playwright, against a real uvicorn server on 127.0.0.1.

They click through story → actor → timeline → map, save screenshots under
tests/artifacts/ (git-ignored) and check that the hostile article runs no
script.  The browser is the system one (/usr/bin/chromium, installed by
.ci/run); Playwright never downloads a browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

from browsing import ARTIFACTS, chromium, serve  # noqa: E402


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    """A real uvicorn server in a thread, stopped at the end of the module."""
    with serve(demo_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser: playwright_api.Browser) -> Iterator[playwright_api.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], errors


def _shot(page: playwright_api.Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_click_through_story_actor_timeline_map(server: str, page: playwright_api.Page) -> None:
    page.goto(server + "/")
    assert page.locator("body[data-js=ready]").count() == 1  # our own script ran under the CSP
    page.locator("ul.stories a").first.click()
    page.wait_for_url("**/stories/**")
    assert page.locator("li.group").count() >= 1
    assert page.locator("mark.hit").count() >= 1  # source sentences highlighted
    _shot(page, "story")

    page.locator("p.who a").first.click()
    page.wait_for_url("**/actors/**")
    page.wait_for_selector("#actor-graph[data-ready=true]")  # the vendored cytoscape drew the graph
    assert int(page.get_attribute("#actor-graph", "data-nodes") or 0) >= 2
    assert page.locator("ol.timeline li .date").count() >= 1
    _shot(page, "actor")

    page.locator("header nav a", has_text="Timeline").click()
    page.wait_for_url("**/timeline")
    assert page.locator("#timeline-axis circle.point").count() >= 3
    _shot(page, "timeline")
    page.locator("p.zoom a", has_text="zoom in").click()
    page.wait_for_url("**/timeline?*")
    assert page.locator("#timeline-axis circle.point").count() >= 1  # zooming keeps entries in view
    _shot(page, "timeline-zoomed")

    page.locator("header nav a", has_text="Map").click()
    page.wait_for_url("**/map")
    markers = page.locator("#world-map circle.marker")
    assert markers.count() >= 3
    assert page.locator("#world-map path.country").count() > 150
    _shot(page, "map")
    markers.first.click()
    page.wait_for_url("**/timeline?place=*")


def test_article_and_search_pages(server: str, page: playwright_api.Page) -> None:
    page.goto(server + "/search?q=Hidankyo")
    links = page.locator("ul.hits a")
    assert links.count() >= 2
    _shot(page, "search")
    links.first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("article.text mark.m-place").count() >= 1
    assert page.locator("table.removed tr").count() >= 2
    _shot(page, "article")


def test_hostile_article_runs_no_script(
    server: str, page: playwright_api.Page, hostile: dict[str, str]
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in (f"/articles/{hostile['id']}", "/search?q=summit", "/articles?q=Officials"):
        page.goto(server + url)
        page.wait_for_load_state("load")
        # The markup is on the page as text ...
        assert "<script>alert(1)</script>" in page.inner_text("main")
        # ... and none of it became an element: no foreign script, image or javascript: link.
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
        assert scripts == ["/static/app.js"]
        assert page.locator("main img").count() == 0
        assert page.locator("a[href^='javascript:' i]").count() == 0
    page.goto(server + f"/articles/{hostile['id']}")
    page.locator("article.text").click()
    page.wait_for_timeout(300)  # let any deferred handler fire before judging
    assert dialogs == []
    _shot(page, "hostile")

"""The fetcher against a real HTTP server on 127.0.0.1: politeness, limits, encodings, and the SSRF guard."""

from __future__ import annotations

import dataclasses
import logging
import time

import httpcore
import pytest
from newsserver import ARTICLES, LAST_MODIFIED, NewsServer

from storyline.errors import FetchError, Refused
from storyline.ingest.charset import decode_web
from storyline.ingest.fetch import Fetcher, Validators
from storyline.ingest.guard import Network, address_problem, direct_connect
from storyline.settings import Settings

PUBLIC = "93.184.216.34"  # looks public; the test network routes it to the loopback server


class TestNetwork:
    """Names and routes of a pretend network: nothing ever leaves 127.0.0.1.

    ``names`` maps host names to addresses (the resolver); ``dialed`` records
    every address a connection was opened to, and ``PUBLIC`` is routed to
    the loopback server, the way a network namespace would route it.
    """

    __test__ = False

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self.resolved: list[str] = []
        self.dialed: list[str] = []

    def resolve(self, host: str, port: int) -> list[str]:
        self.resolved.append(host)
        if host not in self.names:
            raise OSError(f"unknown host {host}")
        return self.names[host]

    def connect(self, address: str, port: int, timeout: float | None) -> httpcore.NetworkStream:
        self.dialed.append(address)
        assert address in (PUBLIC, "127.0.0.1"), f"the test tried to connect to {address}"
        return direct_connect("127.0.0.1", port, timeout)

    def network(self) -> Network:
        return Network(resolve=self.resolve, connect=self.connect)


def _default(**changes: object) -> Settings:
    """Default settings (private addresses refused), fast for tests."""
    return dataclasses.replace(Settings(fetch_delay=0.0, read_timeout=1.0, retries=0), **changes)  # type: ignore[arg-type]


# --- SSRF -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:{port}/news/olympics-close", "127.0.0.1 is a loopback address"),
        ("http://[::1]:{port}/news/olympics-close", "::1 is a loopback address"),
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://intranet.example:{port}/news/olympics-close", "intranet.example resolves to 127.0.0.1"),
        ("http://2130706433:{port}/", "2130706433 resolves to 127.0.0.1, a loopback"),  # 127.0.0.1 in decimal
    ],
)
def test_private_addresses_are_refused_by_default(news: NewsServer, url: str, expected: str) -> None:
    net = TestNetwork({"intranet.example": ["127.0.0.1"], "2130706433": ["127.0.0.1"]})
    with Fetcher(_default(), network=net.network()) as fetcher, pytest.raises(Refused) as info:
        fetcher.fetch(url.format(port=news.port))
    message = str(info.value)
    assert expected in message and "allow_private_addresses" in message
    assert "\n" not in message
    assert net.dialed == []
    assert news.paths() == []


def test_a_public_host_redirecting_to_loopback_is_refused_at_the_redirect(news: NewsServer) -> None:
    net = TestNetwork({"news.example": [PUBLIC]})
    url = f"http://news.example:{news.port}/to-loopback"
    with Fetcher(_default(), network=net.network()) as fetcher, pytest.raises(Refused) as info:
        fetcher.fetch(url)
    assert info.value.path == url
    assert f"redirected to http://127.0.0.1:{news.port}/news/nobel-peace" in info.value.reason
    assert "127.0.0.1 is a loopback address" in info.value.reason
    assert set(net.dialed) == {PUBLIC}  # the only connections went to the checked public address
    assert "/news/nobel-peace" not in news.paths()


def test_localhost_through_the_system_resolver_is_refused(news: NewsServer) -> None:
    with Fetcher(_default()) as fetcher, pytest.raises(Refused, match=r"localhost resolves to .* loopback"):
        fetcher.fetch(f"http://localhost:{news.port}/news/olympics-close")
    assert news.paths() == []


def test_the_connection_goes_to_the_address_that_was_checked(news: NewsServer) -> None:
    """DNS rebinding: a resolver answering public, then loopback, is asked once per connection.

    Had the guard resolved once to check and again to connect, the first
    connection (for robots.txt) would have been checked against the public
    answer and opened to the loopback one.
    """

    class Rebinding(TestNetwork):
        def resolve(self, host: str, port: int) -> list[str]:
            self.resolved.append(host)
            return [PUBLIC] if len(self.resolved) % 2 else ["127.0.0.1"]

    net = Rebinding({})
    with Fetcher(_default(), network=net.network()) as fetcher, pytest.raises(Refused, match="loopback"):
        fetcher.fetch(f"http://rebind.example:{news.port}/news/olympics-close")
    assert net.resolved == ["rebind.example", "rebind.example"]  # robots.txt, then the page
    assert net.dialed == [PUBLIC]
    assert news.paths() == ["/robots.txt"]


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/file.txt", "gopher://example.com/", "javascript:alert(1)"],
)
def test_other_schemes_are_refused(url: str) -> None:
    with Fetcher(_default()) as fetcher, pytest.raises(Refused, match="URLs are never fetched"):
        fetcher.fetch(url)


def test_address_classes() -> None:
    assert address_problem("8.8.8.8") is None
    assert address_problem("2001:4860:4860::8888") is None
    for address in ("192.168.1.1", "172.16.0.1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0", "224.0.0.1"):
        assert address_problem(address), address


def test_allowing_private_addresses_says_so(news: NewsServer, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING), Fetcher(_default(allow_private_addresses=True)) as fetcher:
        response = fetcher.fetch(news.url("/news/olympics-close"))
    assert response.status == 200 and response.body == ARTICLES["/news/olympics-close"]
    assert any("allow_private_addresses is on" in r.getMessage() for r in caplog.records)


# --- politeness -------------------------------------------------------------------


def test_robots_txt_is_obeyed_and_read_once(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher:
        with pytest.raises(Refused, match=r"disallowed by .*/robots\.txt"):
            fetcher.fetch(news.url("/private/internal-memo"))
        fetcher.fetch(news.url("/news/olympics-close"))
    assert news.paths() == ["/robots.txt", "/news/olympics-close"]
    assert "storyline/" in news.requests[0].headers["User-Agent"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (503, False), (429, False)])
def test_a_robots_txt_that_cannot_be_read(
    news: NewsServer, fast: Settings, status: int, allowed: bool
) -> None:
    news.robots_status = status
    with Fetcher(dataclasses.replace(fast, retries=0)) as fetcher:
        if allowed:  # RFC 9309: robots.txt "unavailable" (4xx) allows everything
            assert fetcher.fetch(news.url("/private/internal-memo")).status == 200
        else:  # "unreachable" (5xx, 429): nothing may be fetched from the host for now
            with pytest.raises(Refused, match=f"robots.txt cannot be read \\(HTTP {status}\\)"):
                fetcher.fetch(news.url("/news/olympics-close"))
            assert news.paths() == ["/robots.txt"]


def test_429_is_retried_after_the_servers_delay(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher:
        response = fetcher.fetch(news.url("/flaky"))
        assert fetcher.stats["retries"] == 1
    assert b"Typhoon Yagi" in response.body
    assert [r.status for r in news.requests if r.path == "/flaky"] == [429, 200]


def test_retries_are_bounded(news: NewsServer, fast: Settings) -> None:
    with (
        Fetcher(dataclasses.replace(fast, retries=0)) as fetcher,
        pytest.raises(FetchError, match="HTTP 429"),
    ):
        fetcher.fetch(news.url("/flaky"))


def test_the_same_host_is_not_asked_twice_within_the_delay(news: NewsServer, fast: Settings) -> None:
    with Fetcher(dataclasses.replace(fast, fetch_delay=0.3)) as fetcher:
        start = time.monotonic()
        fetcher.fetch(news.url("/news/olympics-close"))  # after /robots.txt: one delay
        fetcher.fetch(news.url("/news/em-finale"))  # a second one
        assert time.monotonic() - start >= 0.55


def test_redirect_chain_ends_at_the_final_url(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher:
        response = fetcher.fetch(news.url("/redirect/1"))
    assert response.final_url == news.url("/news/eurocopa")
    assert response.redirects == (news.url("/redirect/1"), news.url("/redirect/2"))


def test_conditional_get_gets_304(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher:
        first = fetcher.fetch(news.url("/feed.rss"))
        assert first.etag and first.last_modified == LAST_MODIFIED
        second = fetcher.fetch(news.url("/feed.rss"), validators=first.validators)
        assert fetcher.stats["not_modified"] == 1
    assert second.not_modified and second.body == b""
    assert news.requests[-1].headers["If-None-Match"] == first.etag


# --- limits -------------------------------------------------------------------------


def test_a_50_mb_response_is_cut_at_the_limit(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher, pytest.raises(FetchError, match=r"too large \(more than 2.0 MB"):
        fetcher.fetch(news.url("/huge"))


def test_a_declared_50_mb_response_is_refused_unread(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher, pytest.raises(FetchError, match=r"Content-Length 50.0 MB"):
        fetcher.fetch(news.url("/huge-declared"))


def test_a_gzip_bomb_is_cut_at_the_limit(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher, pytest.raises(FetchError, match="too large"):
        fetcher.fetch(news.url("/bomb"))


def test_a_page_that_never_finishes_hits_the_read_timeout(news: NewsServer, fast: Settings) -> None:
    start = time.monotonic()
    with Fetcher(fast) as fetcher, pytest.raises(FetchError, match=r"timed out: no data for 0.5 s"):
        fetcher.fetch(news.url("/hang"))
    assert time.monotonic() - start < 4


def test_non_pages_are_refused_by_content_type(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher, pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(news.url("/no-such-page"))


# --- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/gzip-page", "/br-page"])
def test_compressed_responses_are_decoded(news: NewsServer, fast: Settings, path: str) -> None:
    with Fetcher(fast) as fetcher:
        response = fetcher.fetch(news.url(path))
    assert response.body == ARTICLES["/news/nobel-peace"]
    assert "br" in news.requests[-1].headers["Accept-Encoding"]


def test_charset_comes_from_the_header_then_the_page(news: NewsServer, fast: Settings) -> None:
    with Fetcher(fast) as fetcher:
        response = fetcher.fetch(news.url("/latin1"))
    assert "cathédrale" in decode_web(response.body, "x", response.content_type).text
    cp1251 = '<html><head><meta charset="windows-1251"></head><body>Новости дня</body></html>'
    assert "Новости дня" in decode_web(cp1251.encode("cp1251"), "x").text
    # A UTF-8 page mislabelled ISO-8859-1 is still read as UTF-8.
    utf8 = "<p>São Paulo, Hà Nội</p>".encode()
    assert "São Paulo, Hà Nội" in decode_web(utf8, "x", "text/html; charset=ISO-8859-1").text


def test_validators_round_trip() -> None:
    assert Validators("x", None).etag == "x"

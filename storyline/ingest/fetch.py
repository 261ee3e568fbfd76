"""Polite, safe HTTP fetching: one GET, with everything a well-behaved news crawler owes the sites it reads.

Polite:
- a User-Agent naming the project (setting ``user_agent``), matched in robots.txt as ``storyline``;
- robots.txt obeyed (protego), read once an hour per origin; a robots.txt
  that answers 4xx allows everything, one that cannot be read (5xx, network
  error) forbids the host for now, as RFC 9309 asks;
- one request at a time, and at least ``fetch_delay`` seconds (or the
  site's ``Crawl-delay``, up to a minute) between two requests to one host;
- conditional GET: the caller passes the ETag / Last-Modified it remembers,
  a ``304 Not Modified`` costs the site nothing;
- bounded retries with exponential back-off after 429 and 5xx answers or
  a failed connection, honouring ``Retry-After`` up to ``max_retry_wait``.

Safe:
- only ``http`` and ``https`` URLs, on every redirect hop as well;
- every connection goes through :mod:`storyline.ingest.guard` (no private,
  loopback or link-local addresses unless ``allow_private_addresses``);
- redirects are followed here, hop by hop (at most 10), so each hop is checked;
- time limits: ``connect_timeout``, ``read_timeout`` (between bytes) and
  ``fetch_timeout`` (the whole response, against pages that trickle forever);
- a size limit (``max_bytes``) on the *decoded* body, enforced while
  streaming: gzip, deflate and brotli are inflated in bounded steps, so a
  compression bomb is cut at the limit like any other oversized response;
- content-type check: images, video, PDFs, archives are refused unread.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import brotli
import httpx
from protego import Protego

from storyline.errors import FetchError, Refused
from storyline.ingest.guard import BlockedAddress, GuardedBackend, GuardedTransport, Network
from storyline.settings import Settings
from storyline.version import __version__

log = logging.getLogger(__name__)

ROBOTS_TOKEN = "storyline"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
ACCEPT_ENCODING = "gzip, deflate, br"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
ROBOTS_TTL = 3600.0
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least 500 KiB
MAX_CRAWL_DELAY = 60.0
_INFLATE_STEP = 1 << 20  # decoded bytes per decompression step (bounds a compression bomb)
_READ_CHUNK = 1 << 16
# Media types worth reading: pages, feeds, sitemaps (possibly gzipped), and
# untyped bytes, which are sniffed later.  Everything else is refused unread.
_ACCEPTED_TYPES = frozenset(
    {"application/xhtml+xml", "application/xml", "application/gzip", "application/x-gzip"}
    | {"application/octet-stream", "application/rss+xml", "application/atom+xml"}
)


def default_user_agent() -> str:
    return f"storyline/{__version__} (open-source news event monitor; obeys robots.txt)"


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional GET sends back: the last response's ETag and Last-Modified."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource: ``status`` is 200-299, or 304 (``body`` empty) for a conditional GET."""

    url: str
    final_url: str
    status: int
    content_type: str  # the full header value ("text/html; charset=utf-8"), "" if none
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()

    @property
    def validators(self) -> Validators:
        return Validators(self.etag, self.last_modified)


class HTTPStatusError(FetchError):
    """The server answered with an error status (kept in ``status``)."""

    def __init__(self, path: str, reason: str, status: int) -> None:
        super().__init__(path, reason)
        self.status = status


class _Transient(Exception):
    """A failure worth a retry (connection refused, dropped); the message is the reason."""


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes = b""
    location: str | None = None


@dataclass(frozen=True, slots=True)
class _Robots:
    rules: Protego | None  # None: everything allowed
    unreachable: str | None = None  # why the host is off limits for now


class Fetcher:
    """Fetches URLs one at a time, politely and safely; see the module docstring.

    ``network`` injects name resolution and TCP connection (tests); ``sleep``
    and ``clock`` inject time.  ``stats`` counts requests, 304s and retries.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        network: Network | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.backend = GuardedBackend(network or Network(), allow_private=settings.allow_private_addresses)
        s = settings
        timeout = httpx.Timeout(s.read_timeout, connect=s.connect_timeout, pool=s.connect_timeout)
        headers = {
            "User-Agent": s.user_agent or default_user_agent(),
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        self.client = httpx.Client(
            transport=GuardedTransport(self.backend), timeout=timeout, headers=headers, trust_env=False
        )
        self.stats: Counter[str] = Counter()
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, _Robots]] = {}
        if s.allow_private_addresses:
            log.warning(
                "allow_private_addresses is on: loopback, private and link-local hosts may be fetched"
            )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one resource ---------------------------------------------------------

    def fetch(self, url: str, *, validators: Validators | None = None) -> Response:
        """GET ``url``, following redirects; raises :class:`FetchError` or :class:`Refused` naming ``url``."""
        return self._fetch(url, validators, robots=True)

    def _fetch(self, url: str, validators: Validators | None, *, robots: bool) -> Response:
        current, hops = url, list[str]()
        for _ in range(MAX_REDIRECTS + 1):
            _check_scheme(current, url)
            if robots:
                self._check_robots(current, url)
            answer = self._with_retries(current, url, validators)
            if answer.location is None:
                h = answer.headers
                return Response(
                    url=url,
                    final_url=current,
                    status=answer.status,
                    content_type=h.get("content-type", ""),
                    body=answer.body,
                    etag=h.get("etag"),
                    last_modified=h.get("last-modified"),
                    redirects=tuple(hops),
                )
            hops.append(current)
            current = answer.location
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, current: str, path: str, validators: Validators | None) -> _Answer:
        origin = _origin(current)
        attempt = 0
        while True:
            self._wait_turn(origin)
            try:
                answer = self._once(current, path, validators)
            except _Transient as exc:
                if attempt >= self.settings.retries:
                    raise FetchError(path, _at(current, path) + str(exc)) from None
                answer = None
            finally:
                self._last[origin] = self._clock()
            if answer is not None and answer.status not in RETRY_STATUSES:
                return answer
            wait = _retry_after(answer.headers) if answer else None
            wait = self.settings.retry_backoff * 2**attempt if wait is None else wait
            if answer is not None and (
                attempt >= self.settings.retries or wait > self.settings.max_retry_wait
            ):
                raise HTTPStatusError(path, _status_reason(current, path, answer, wait), answer.status)
            self.stats["retries"] += 1
            self._sleep(wait)
            attempt += 1

    def _once(self, current: str, path: str, validators: Validators | None) -> _Answer:
        headers = _conditional(validators)
        self.stats["requests"] += 1
        try:
            with self.client.stream("GET", current, headers=headers) as r:
                return self._answer(r, current, path)
        except BlockedAddress as exc:
            self.stats["refused"] += 1
            raise Refused(path, "refused: " + _at(current, path) + str(exc)) from None
        except httpx.ConnectTimeout:
            raise _Transient(
                f"timed out connecting (connect_timeout {self.settings.connect_timeout:g} s)"
            ) from None
        except httpx.ConnectError as exc:
            raise _Transient(f"cannot connect: {exc}") from None
        except httpx.RemoteProtocolError as exc:
            raise _Transient(f"connection broken: {exc}") from None
        except httpx.ReadTimeout:
            seconds = self.settings.read_timeout
            raise FetchError(path, _at(current, path) + f"timed out: no data for {seconds:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(path, _at(current, path) + f"{type(exc).__name__}: {exc}") from None

    def _answer(self, r: httpx.Response, current: str, path: str) -> _Answer:
        status = r.status_code
        if status in REDIRECTS and r.headers.get("location"):
            return _Answer(status, r.headers, location=urljoin(current, r.headers["location"].strip()))
        if status == 304:
            self.stats["not_modified"] += 1
            return _Answer(status, r.headers)
        if status in RETRY_STATUSES:
            return _Answer(status, r.headers)
        if not 200 <= status < 300 or status == 204:
            reason = f"HTTP {status} {r.reason_phrase}".rstrip()
            raise HTTPStatusError(path, _at(current, path) + reason, status)
        _check_type(r.headers.get("content-type", ""), current, path)
        return _Answer(status, r.headers, self._read(r, current, path))

    def _read(self, r: httpx.Response, current: str, path: str) -> bytes:
        limit = self.settings.max_bytes
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(
                path, _at(current, path) + _too_large(f"Content-Length {_mb(int(declared))}", limit)
            )
        decoder = _decoder(r.headers.get("content-encoding", ""), current, path)
        deadline = self._clock() + self.settings.fetch_timeout
        chunks: list[bytes] = []
        size = 0
        for raw in r.iter_raw(_READ_CHUNK):
            for piece in decoder(raw):
                size += len(piece)
                if size > limit:
                    raise FetchError(path, _at(current, path) + _too_large(f"more than {_mb(limit)}", limit))
                chunks.append(piece)
            if self._clock() > deadline:
                seconds = self.settings.fetch_timeout
                raise FetchError(path, _at(current, path) + f"response took more than {seconds:g} s")
        return b"".join(chunks)

    # --- politeness -------------------------------------------------------------

    def _wait_turn(self, origin: str) -> None:
        last = self._last.get(origin)
        if last is None:
            return
        wait = self._delay(origin) - (self._clock() - last)
        if wait > 0:
            self._sleep(wait)

    def _delay(self, origin: str) -> float:
        cached = self._robots.get(origin)
        rules = cached[1].rules if cached else None
        crawl_delay = rules.crawl_delay(ROBOTS_TOKEN) if rules is not None else None
        return min(max(self.settings.fetch_delay, float(crawl_delay or 0)), MAX_CRAWL_DELAY)

    def _check_robots(self, url: str, path: str) -> None:
        origin = _origin(url)
        try:
            robots = self._robots_for(origin)
        except Refused as exc:  # the host itself is refused: say so about the URL asked for
            raise Refused(path, "refused: " + _at(url, path) + exc.reason.removeprefix("refused: ")) from None
        if robots.unreachable:
            raise Refused(
                path, f"{origin}/robots.txt cannot be read ({robots.unreachable}); not fetching for now"
            )
        if robots.rules is not None and not robots.rules.can_fetch(url, ROBOTS_TOKEN):
            self.stats["robots"] += 1
            raise Refused(path, _at(url, path) + f"disallowed by {origin}/robots.txt")

    def _robots_for(self, origin: str) -> _Robots:
        cached = self._robots.get(origin)
        if cached and self._clock() - cached[0] < ROBOTS_TTL:
            return cached[1]
        robots = self._read_robots(origin)
        self._robots[origin] = (self._clock(), robots)
        return robots

    def _read_robots(self, origin: str) -> _Robots:
        try:
            response = self._fetch(origin + "/robots.txt", None, robots=False)
        except Refused:
            raise
        except HTTPStatusError as exc:
            # RFC 9309 2.3.1.3-4: "unavailable" (4xx) allows everything; "unreachable" (5xx) nothing.
            # 429 asks us to slow down, which is no permission: treated as unreachable.
            unavailable = 400 <= exc.status < 500 and exc.status != 429
            return _Robots(None) if unavailable else _Robots(None, f"HTTP {exc.status}")
        except FetchError as exc:
            return _Robots(None, exc.reason)
        text = response.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        try:
            return _Robots(Protego.parse(text))
        except Exception:  # a robots.txt protego cannot parse says nothing: everything allowed
            return _Robots(None)


# --- helpers ------------------------------------------------------------------


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _at(current: str, path: str) -> str:
    """``"redirected to URL: "`` when the failing hop is not the URL asked for."""
    return "" if current == path else f"redirected to {current}: "


def _check_scheme(url: str, path: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise Refused(path, f"refused: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"{scheme}: URLs" if scheme else "URLs without a scheme"
        raise Refused(path, f"refused: {_at(url, path)}{what} are never fetched (only http and https)")
    if not parts.hostname:
        raise Refused(path, f"refused: {_at(url, path)}no host in the URL")


def _check_type(content_type: str, current: str, path: str) -> None:
    media = content_type.split(";", 1)[0].strip().lower()
    if not media or media.startswith("text/") or media.endswith("+xml") or media in _ACCEPTED_TYPES:
        return
    raise FetchError(path, _at(current, path) + f"not a web page, feed or sitemap (Content-Type {media})")


def _conditional(validators: Validators | None) -> dict[str, str]:
    headers = {}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _retry_after(headers: httpx.Headers) -> float | None:
    """``Retry-After`` in seconds (a number of seconds or an HTTP date), or None."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _status_reason(current: str, path: str, answer: _Answer, wait: float) -> str:
    reason = f"HTTP {answer.status}"
    if answer.status == 429 or "retry-after" in answer.headers:
        reason += f" (server asks to retry after {wait:.0f} s)"
    return _at(current, path) + reason + "; giving up for now"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _too_large(what: str, limit: int) -> str:
    return f"response too large ({what}; limit {_mb(limit)}, see max_bytes)"


Decoder = Callable[[bytes], Iterator[bytes]]


def _decoder(encoding: str, current: str, path: str) -> Decoder:
    """A Content-Encoding decoder that inflates in bounded steps (see ``_INFLATE_STEP``)."""
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return _identity
    if name in ("gzip", "x-gzip"):
        return _zlib(zlib.MAX_WBITS | 16)
    if name == "deflate":
        return _zlib(zlib.MAX_WBITS)  # zlib-wrapped, as RFC 9110 says (raw deflate is not supported)
    if name == "br":
        return _brotli()
    raise FetchError(path, _at(current, path) + f"unsupported Content-Encoding {encoding!r}")


def _identity(data: bytes) -> Iterator[bytes]:
    yield data


def _zlib(wbits: int) -> Decoder:
    inflater = zlib.decompressobj(wbits)

    def feed(data: bytes) -> Iterator[bytes]:
        try:
            while data:
                out = inflater.decompress(data, _INFLATE_STEP)
                yield out
                data = inflater.unconsumed_tail
        except zlib.error as exc:
            raise _Transient(f"corrupt compressed response ({exc})") from None

    return feed


def _brotli() -> Decoder:
    inflater = brotli.Decompressor()

    def feed(data: bytes) -> Iterator[bytes]:
        try:
            yield inflater.process(data, output_buffer_limit=_INFLATE_STEP)
            while not inflater.can_accept_more_data():
                yield inflater.process(b"", output_buffer_limit=_INFLATE_STEP)
        except brotli.error as exc:
            raise _Transient(f"corrupt compressed response ({exc})") from None

    return feed

"""URLs → sources: an article page, or a feed or sitemap whose entries are fetched in turn.

What a URL is, is told by what it returns (its root element), not by its
name: ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` is a feed, ``<urlset>`` a sitemap,
``<sitemapindex>`` an index of sitemaps, anything else a page.  A page becomes
the same :class:`~storyline.model.Source` a saved HTML file does, with the
final URL (after redirects) as its URL, hence its id, and the feed's or
news sitemap's date as the date used when the page states none.

With a :class:`~storyline.ingest.state.FetchState` (handed in when storing),
sources are fetched conditionally and entries seen before are not fetched
again; see that module for the rules that make a killed run resume cleanly.  This module
is a generator over items: state that depends on an item being stored is
written only when the consumer asks for the next one.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass

from storyline.errors import FetchError, InputError, Refused
from storyline.ingest.charset import decode_web
from storyline.ingest.feeds import Entry, parse_feed, sniff_xml
from storyline.ingest.fetch import Fetcher, HTTPStatusError, Response, Validators
from storyline.ingest.sitemaps import gunzip, parse_sitemap
from storyline.ingest.state import ENTRY, SOURCE, Failure, FetchState
from storyline.model import Rejection, Skipped, Source, SourceKind

Item = Source | Rejection | Skipped
_TEXT_TYPES = ("text/plain",)
_GZIP = b"\x1f\x8b"


@dataclass(slots=True)
class Live:
    """What reading URLs needs: the fetcher and, when storing, the fetch state."""

    fetcher: Fetcher
    state: FetchState | None = None


def read_url(url: str, live: Live) -> Iterator[Item]:
    """The sources behind ``url`` (one page, or every new entry of a feed or sitemap)."""
    response = yield from _fetch(url, live, SOURCE)
    if response is None:
        return
    try:
        kind = _kind(response, live)
    except InputError as exc:
        _failed(live, url, SOURCE, exc)
        yield Rejection(exc.path, exc.reason)
        return
    if kind == "feed":
        yield from _feed(url, response, live)
    elif kind in ("sitemap", "sitemapindex"):
        yield from _sitemap(url, response, live, depth=0)
    else:
        yield _page(url, response)
        _done(live, url, SOURCE, response)


def _fetch(url: str, live: Live, kind: str) -> Generator[Item, None, Response | None]:
    """Fetch ``url`` (conditionally when it is a source); yields a skip or rejection, returns the response."""
    state = live.state
    remembered = state.validators(url) if state and kind == SOURCE else None
    validators = Validators(*remembered) if remembered else None
    try:
        response = live.fetcher.fetch(url, validators=validators)
    except FetchError as exc:
        _failed(live, url, kind, exc)
        yield Rejection(exc.path, exc.reason)
        return None
    if response.not_modified:
        if state:
            state.not_modified(url, kind)
        yield Skipped(url, "not modified since the last fetch", status="unchanged")
        return None
    if state:
        state.fetched(url, kind, response.final_url, response.status)
    return response


def _kind(response: Response, live: Live) -> str:
    body = response.body
    if body.startswith(_GZIP):  # a gzipped sitemap (sitemap.xml.gz)
        body = gunzip(body, response.url, live.fetcher.settings.max_bytes)
    return sniff_xml(body) or "page"


def _feed(url: str, response: Response, live: Live) -> Iterator[Item]:
    try:
        entries = parse_feed(response.body, response.final_url, response.content_type)
    except InputError as exc:
        _failed(live, url, SOURCE, exc)
        yield Rejection(exc.path, exc.reason)
        return
    yield from _entries(entries, live)
    _done(live, url, SOURCE, response)


def _sitemap(url: str, response: Response, live: Live, *, depth: int) -> Iterator[Item]:
    try:
        sitemap = parse_sitemap(response.body, response.final_url, live.fetcher.settings.max_bytes)
    except InputError as exc:
        _failed(live, url, SOURCE, exc)
        yield Rejection(exc.path, exc.reason)
        return
    yield from _entries(sitemap.entries, live)
    for child in sitemap.sitemaps:
        if depth >= 1:
            yield Rejection(child, "sitemap index nested in a sitemap index; not followed")
            continue
        child_response = yield from _fetch(child, live, SOURCE)
        if child_response is not None:
            yield from _sitemap(child, child_response, live, depth=depth + 1)
    _done(live, url, SOURCE, response)


def _entries(entries: Iterable[Entry], live: Live) -> Iterator[Item]:
    for entry in entries:
        reason = live.state.seen(entry.url) if live.state else None
        if reason:
            yield Skipped(entry.url, reason, status="known")
            continue
        response = yield from _fetch(entry.url, live, ENTRY)
        if response is None:
            continue
        yield _page(entry.url, response, entry)
        _done(live, entry.url, ENTRY, response)


def _page(url: str, response: Response, entry: Entry | None = None) -> Source | Rejection:
    try:
        text = decode_web(response.body, url, response.content_type).text
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    kind = SourceKind.TEXT if response.media_type in _TEXT_TYPES else SourceKind.HTML
    return Source(
        path=url,
        kind=kind,
        raw_text=text,
        url=response.final_url,
        published_fallback=entry.published if entry else None,
    )


def _done(live: Live, url: str, kind: str, response: Response) -> None:
    if live.state:
        live.state.done(url, kind, response.etag, response.last_modified)


def _failed(live: Live, url: str, kind: str, error: InputError) -> None:
    if live.state is None:
        return
    live.state.failed(url, kind, failure(error))


def failure(error: InputError) -> Failure:
    """What a failed URL becomes: refused (robots.txt, address), gone (4xx) or failed (worth a retry)."""
    status = error.status if isinstance(error, HTTPStatusError) else None
    outcome = "failed"
    if isinstance(error, Refused):
        outcome = "refused"
    elif status is not None and 400 <= status < 500 and status not in (408, 429):
        outcome = "gone"
    return Failure(outcome, status, error.reason)

"""RSS and Atom feeds (feedparser) → the article links they list, with their dates.

feedparser is given the bytes already fetched (as a stream, so it never
opens a URL or a file itself) and the feed's own URL, against which relative
links and ``xml:base`` resolve.  A feed that is malformed but still yields
entries is used (most real feeds have a flaw somewhere); one that yields
none is an error naming what is wrong.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from storyline.errors import MalformedRecord

_ROOT = re.compile(rb"<(rss|feed|rdf:rdf|urlset|sitemapindex|html)[\s>/]", re.I)


@dataclass(frozen=True, slots=True)
class Entry:
    """A link found in a feed or sitemap, with the date the publisher gives for it."""

    url: str
    published: dt.date | None = None
    title: str | None = None


def sniff_xml(body: bytes) -> str | None:
    """``feed``, ``sitemap``, ``sitemapindex`` or ``html`` from the document's root element, else None."""
    match = _ROOT.search(body[:4096])
    if match is None:
        return None
    root = match.group(1).lower().decode("ascii")
    return {"rss": "feed", "feed": "feed", "rdf:rdf": "feed", "urlset": "sitemap"}.get(root, root)


def parse_feed(body: bytes, url: str, content_type: str = "") -> list[Entry]:
    """The entries of the feed ``body`` fetched from ``url``, in feed order, without repeats."""
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    entries: dict[str, Entry] = {}
    for raw in parsed.entries:
        entry = _entry(raw, url)
        if entry is not None and entry.url not in entries:
            entries[entry.url] = entry
    if not entries and parsed.get("bozo"):
        raise MalformedRecord(url, f"not a valid feed ({_one_line(parsed.get('bozo_exception'))})")
    if not entries and not parsed.get("version"):
        raise MalformedRecord(url, "not an RSS or Atom feed")
    return list(entries.values())


def _entry(raw: Any, base: str) -> Entry | None:
    link = raw.get("link") or next(
        (x.get("href") for x in raw.get("links", ()) if x.get("rel", "alternate") == "alternate"), None
    )
    if not link:
        return None
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    published = _date(when)
    return Entry(urljoin(base, str(link).strip()), published, raw.get("title") or None)


def _date(when: Any) -> dt.date | None:
    if when is None:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(when), dt.UTC).date()
    except (OverflowError, ValueError, TypeError):
        return None


def _one_line(exc: object) -> str:
    return " ".join(str(exc or "unknown error").split())[:200]

"""Sitemaps, sitemap indexes and Google News sitemaps → the page links they list.

Parsed with lxml's incremental parser, with entity expansion and network
access off (a sitemap is untrusted XML).  A ``.xml.gz`` sitemap is inflated
in bounded steps, never past ``max_bytes``.  ``<news:publication_date>`` is
the publisher's date for the article and becomes the date used when the page
itself states none; ``<lastmod>`` is only when the entry last changed and is
not a publication date.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from dataclasses import dataclass, field

from lxml import etree

from storyline.errors import MalformedRecord, TooLarge
from storyline.ingest.feeds import Entry
from storyline.ingest.readers import parse_date

_GZIP = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Sitemap:
    """What a sitemap lists: pages (``entries``) or, for an index, other sitemaps."""

    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_sitemap(body: bytes, url: str, max_bytes: int) -> Sitemap:
    """The pages or child sitemaps listed in ``body`` (plain or gzipped XML) fetched from ``url``."""
    if body.startswith(_GZIP):
        body = gunzip(body, url, max_bytes)
    entries: dict[str, Entry] = {}
    sitemaps: list[str] = []
    parser = etree.iterparse(
        io.BytesIO(body), events=("end",), resolve_entities=False, no_network=True, huge_tree=False
    )
    try:
        for _, element in parser:
            name = etree.QName(element).localname
            if name == "url":
                entry = _entry(element)
                if entry and entry.url not in entries:
                    entries[entry.url] = entry
                element.clear()
            elif name == "sitemap":
                loc = _text(element, "loc")
                if loc:
                    sitemaps.append(loc)
                element.clear()
    except etree.XMLSyntaxError as exc:
        if not entries and not sitemaps:
            raise MalformedRecord(url, f"not a valid sitemap ({exc.msg})") from exc
    return Sitemap(list(entries.values()), sitemaps)


def _entry(element: etree._Element) -> Entry | None:
    loc = _text(element, "loc")
    if not loc:
        return None
    published = None
    for child in element.iter():
        if etree.QName(child).localname == "publication_date" and child.text:
            published = _date(child.text)
    title = next((c.text for c in element.iter() if etree.QName(c).localname == "title" and c.text), None)
    return Entry(loc, published, title.strip() if title else None)


def _text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if etree.QName(child).localname == name and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _date(value: str) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def gunzip(data: bytes, url: str, max_bytes: int) -> bytes:
    """``data`` inflated, refusing to produce more than ``max_bytes`` (a gzip bomb stops there)."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise MalformedRecord(url, f"corrupt gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise TooLarge(
            url, f"sitemap larger than {max_bytes / 1_000_000:.1f} MB once inflated (see max_bytes)"
        )
    return out

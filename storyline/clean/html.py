"""HTML pages → main text, title, publication date and canonical URL (trafilatura).

What was cleaned away is recorded as the page's visible lines that did not
make it into the main text; their offsets point into the HTML source where
the line occurs verbatim, and are -1 where markup splits it.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from storyline.errors import NoArticleText
from storyline.ingest.readers import parse_date
from storyline.model import Cleaned, Removal

# trafilatura drops <figure>/<figcaption>; photo captions are article content
# for us (they often carry the event's date and place), so present them as
# ordinary blocks before extraction.
_FIGURE = re.compile(r"<(/?)(figure|figcaption)\b", re.IGNORECASE)
_AS_BLOCK = {"figure": "div", "figcaption": "p"}
_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("table", "tr", "td", "th", "section", "article", "header", "footer", "nav", "aside"),
        *("figure", "figcaption", "blockquote", "form", "br", "hr", "main", "pre", "address"),
    }
)
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})


def clean_html(raw: str, path: str) -> Cleaned:
    """The article in ``raw`` HTML, or :class:`~storyline.errors.NoArticleText`."""
    html = _FIGURE.sub(lambda m: f"<{m.group(1)}{_AS_BLOCK[m.group(2).lower()]}", raw)
    with warnings.catch_warnings():
        # A page's odd time zone ("…09:55:00SAIDZ") makes dateutil warn on stderr, outside the one
        # line per input (found by fuzzing, issue 14); the date is then simply not used.
        warnings.filterwarnings("ignore", message="tzname .* identified but not understood")
        doc: Any = trafilatura.bare_extraction(
            html, include_comments=False, with_metadata=True, include_tables=False, deduplicate=False
        )
    text = _paragraphs(doc.text if doc is not None else None)
    if doc is None or not text:
        raise NoArticleText(path, "no article text found in HTML")
    published = _date(doc.date)
    if published is not None and _copyright_only(raw, published):
        published = None
    return Cleaned(
        text=text,
        removed=_removed(raw, text),
        title=doc.title or None,
        url=doc.url or None,
        published=published,
        published_from="meta" if published else None,
    )


def _paragraphs(text: str | None) -> str:
    if not text:
        return ""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


# "© 2013", "&copy; 2009-2013", "Copyright (c) 2013": the year a site's footer claims.
_COPYRIGHT = re.compile(r"(?i)(?:©|&copy;|&#169;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)")


def _copyright_only(raw: str, published: dt.date) -> bool:
    """Whether a "date" is only the year of a copyright notice: htmldate reads "© 2013" as
    2013-01-01, which is never a publication date (the URL or the text date the page then)."""
    if (published.month, published.day) != (1, 1):
        return False
    return any(int(m.group(1)) == published.year for m in _COPYRIGHT.finditer(raw))


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def _removed(raw: str, kept: str) -> tuple[Removal, ...]:
    removals = []
    for line in visible_lines(raw):
        if line in kept:
            continue
        start = raw.find(line)
        end = start + len(line) if start >= 0 else -1
        removals.append(Removal(start, end, "html-boilerplate", line))
    return tuple(removals)


def visible_lines(raw: str) -> list[str]:
    """The page's visible text, one line per block element, whitespace collapsed."""
    try:
        root = lxml.html.fromstring(raw)
    except (etree.ParserError, ValueError):
        return []
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _walk(node: etree._Element, parts: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _INVISIBLE_TAGS or not tag:
        if node.tail:
            parts.append(node.tail)
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if node.text:
        parts.append(node.text)
    for child in node:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if node.tail:
        parts.append(node.tail)

"""HTML pages → main text, title, publication date and canonical URL (trafilatura).

What was cleaned away is recorded as the page's visible lines that did not
make it into the main text; their offsets point into the HTML source where
the line occurs verbatim, and are -1 where markup splits it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
import warnings
from html import unescape as html_unescape
from typing import Any

import lxml.html
import trafilatura
from ahocorasick_rs import BytesAhoCorasick, Implementation
from htmldate import find_date
from lxml import etree
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import set_date_params
from trafilatura.utils import line_processing, load_html

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
_SHORT_NEEDLE = 3  # see first_occurrences
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})


def clean_html(raw: str, path: str) -> Cleaned:
    """The article in ``raw`` HTML, or :class:`~storyline.errors.NoArticleText`."""
    html = _FIGURE.sub(lambda m: f"<{m.group(1)}{_AS_BLOCK[m.group(2).lower()]}", raw)
    tree = load_html(html)
    if tree is None:
        raise NoArticleText(path, "no article text found in HTML")
    # The visible lines are read off this tree before anything reads the page: a second parse
    # of the page cost a third of what trafilatura's extraction costs.
    lines = tree_lines(tree)
    with warnings.catch_warnings():
        # A page's odd time zone ("…09:55:00SAIDZ") makes dateutil warn on stderr, outside the one
        # line per input (found by fuzzing, issue 14); the date is then simply not used.
        warnings.filterwarnings("ignore", message="tzname .* identified but not understood")
        title, url, date = _metadata(tree)
    # The tree is parsed once for both; trafilatura works on its own copy of it.
    doc: Any = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=False, deduplicate=False
    )
    text = _paragraphs(doc.text if doc is not None else None)
    if doc is None or not text:
        raise NoArticleText(path, "no article text found in HTML")
    published = _date(date)
    if published is not None and _copyright_only(raw, published):
        published = None
    return Cleaned(
        text=text,
        removed=_removed(raw, lines, text),
        title=title or None,
        url=url or None,
        published=published,
        published_from="meta" if published else None,
    )


def _metadata(tree: Any) -> tuple[str | None, str | None, str | None]:
    """Title, URL and date exactly as ``bare_extraction(with_metadata=True)`` finds them.

    Its ``extract_metadata`` also looks for the author (on a deep copy of the whole
    page), site name, categories, tags and licence, which we do not use: together
    they cost about as much as the text extraction itself.  The steps below are
    its steps for these three fields, in its order, with its final trimming.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # as extract_metadata does before reading JSON-LD
    with contextlib.suppress(Exception):  # trafilatura's own guard: bugs in its JSON-LD reader
        meta = extract_meta_json(tree, meta)
    title = meta.title or extract_title(tree)
    url = meta.url or extract_url(tree, None)
    params = set_date_params(True)  # trafilatura's default: EXTENSIVE_DATE_SEARCH = on
    params["url"] = url
    date = find_date(tree, **params)
    return _trimmed(title), _trimmed(url), _trimmed(date)


def _trimmed(value: str | None) -> str | None:
    """trafilatura's ``Document.clean_and_trim`` for one field."""
    if not isinstance(value, str):
        return value
    if len(value) > 10000:
        value = value[:9999] + "…"
    trimmed: str | None = line_processing(html_unescape(value))
    return trimmed


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


def _removed(raw: str, visible: list[str], kept: str) -> tuple[Removal, ...]:
    # A visible line that is a whole kept paragraph is in the text: a set lookup, not a search.
    paragraphs = set(kept.split("\n\n"))
    # Each distinct line is searched for once: a page repeats its menus and "(1)" counters.
    gone = {line for line in dict.fromkeys(visible) if line not in paragraphs and line not in kept}
    lines = [line for line in visible if line in gone]
    starts = first_occurrences(raw, lines)
    return tuple(
        Removal(starts[line], starts[line] + len(line) if starts[line] >= 0 else -1, "html-boilerplate", line)
        for line in lines
    )


def first_occurrences(text: str, needles: list[str]) -> dict[str, int]:
    """``{needle: text.find(needle)}``, in one pass over ``text`` for all of them.

    A page's few hundred boilerplate lines each searched with ``str.find`` scan the
    page's scripts and styles again and again (most of the page, before its visible
    text); one Aho-Corasick pass reports every occurrence, and a needle's first
    report by start is its first occurrence.  ``ahocorasick_rs`` scans a page at
    three times the speed of pyahocorasick, whose root state looks each character
    up among the needles' seventy-odd first letters one by one.
    """
    distinct = dict.fromkeys(needles)  # a page repeats its "|" and "(1)" lines many times
    # A needle of a few characters ("2", "/", "CNN") occurs all over a page: the pass would
    # report it thousands of times, while str.find stops at its first occurrence, early.
    first = {n: text.find(n) for n in distinct if len(n) <= _SHORT_NEEDLE}
    wanted = [n for n in distinct if len(n) > _SHORT_NEEDLE]
    if not wanted:
        return first
    # The search runs on UTF-8 bytes: UTF-8 is self-synchronising, so a needle's bytes occur
    # exactly where the needle does, and only the few first starts need converting back to
    # characters (the str search converts every match).  surrogatepass keeps a lone surrogate.
    data = text.encode("utf-8", "surrogatepass")
    keys = [n.encode("utf-8", "surrogatepass") for n in wanted]
    # The contiguous NFA: built in a fifth of the time of the default choice, and as fast.
    automaton = BytesAhoCorasick(keys, implementation=Implementation.ContiguousNFA)
    starts = [-1] * len(wanted)
    for index, start, _ in automaton.find_matches_as_indexes(data, overlapping=True):
        if starts[index] < 0 or start < starts[index]:
            starts[index] = start
    if len(data) != len(text):
        starts = _character_offsets(data, starts)
    first.update(zip(wanted, starts, strict=True))
    return first


def _character_offsets(data: bytes, starts: list[int]) -> list[int]:
    """Byte offsets into UTF-8 ``data`` (each at a character's start, or -1) as character offsets."""
    chars: dict[int, int] = {-1: -1}
    byte = char = 0
    for start in sorted({s for s in starts if s >= 0}):
        char += len(data[byte:start].decode("utf-8", "surrogatepass"))
        byte = start
        chars[start] = char
    return [chars[s] for s in starts]


def visible_lines(raw: str) -> list[str]:
    """The page's visible text, one line per block element, whitespace collapsed."""
    try:
        root = lxml.html.fromstring(raw)
    except (etree.ParserError, ValueError):
        return []
    return tree_lines(root)


def tree_lines(root: Any) -> list[str]:
    """:func:`visible_lines` of a parsed page (the tree is only read)."""
    # One XSLT pass in C writes the text of every visible node, a newline around each block
    # element: half the time of a walk in Python, which made a proxy object (and called
    # lxml.html's class lookup) for each of the page's elements.  The transform sees only
    # ``root``'s subtree, not its tail, which belongs to the lines all the same.
    text = str(_lines_transform()(root)) + (root.tail or "")
    # Most lines are empty (a newline per block boundary): skip them before collapsing spaces.
    return [" ".join(line.split()) for line in text.split("\n") if line and not line.isspace()]


_local = threading.local()


def _lines_transform() -> etree.XSLT:
    """The XSLT of :func:`tree_lines`, one per thread (compiled once, about a millisecond)."""
    transform: etree.XSLT | None = getattr(_local, "transform", None)
    if transform is None:
        transform = _local.transform = etree.XSLT(etree.XML(_LINES_XSLT))
    return transform


# Invisible elements give nothing (their tails, the text after them, are visible); block
# elements give their content between newlines; comments and processing instructions nothing;
# every other node its text.  "/" takes the first root only: text after "</html>" can make
# a second one, which is not the page given.
_LINES_XSLT = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="/"><xsl:apply-templates select="*[1]"/></xsl:template>
<xsl:template match="{" | ".join(sorted(_INVISIBLE_TAGS))}"/>
<xsl:template match="{" | ".join(sorted(_BLOCK_TAGS))}">
<xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text>
</xsl:template>
<xsl:template match="comment()|processing-instruction()"/>
</xsl:stylesheet>"""

"""Flatten an HTML page to text the way scrapers do, with a gold label on every line.

**Flattening.**  Everything in ``<body>`` except scripts, styles and other
non-text elements is kept — menus, footers, cookie banners, link lists,
bylines, teasers — and every block element (``p``, ``div``, ``li``, ``h1``,
``td`` …) and ``<br>`` starts a new line; inline elements (``a``, ``span``,
``b`` …) run on.  Whitespace inside a line is collapsed; blank lines are
dropped.

**Gold.**  The article body is the element the page's own markup names as
such, in this order: ``itemprop="articleBody"``; a CMS body class
(``entry-content``, ``article-body``, ``story-body`` …); the single
``<article>`` holding most of the page's paragraph text.  A page is used
only when that element clearly delimits the body (:func:`label_page` returns
None otherwise).  Each line is then

- ``body`` when it comes from inside the body element, unless it sits in a
  nested aside, figure, form, share or related-links box (then ``ignore``);
- ``ignore`` when it is the headline (``h1``) or a long sentence in the same
  ``<article>``/``<main>`` as the body (a standfirst: article text, but not
  inside the element);
- ``boilerplate`` otherwise (menus, bylines, dates, footers, comments…).

Lines mixing body and other text are ``ignore``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

BODY = "body"
BOILERPLATE = "boilerplate"
IGNORE = "ignore"

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head", "math"}
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "option",
        "legend",
        "caption",
        "center",
        "menu",
    ]
)
_BODY_CLASSES = frozenset(
    [
        "entry-content",
        "post-content",
        "article-body",
        "article__body",
        "articlebody",
        "article-content",
        "story-body",
        "story-content",
        "post-body",
        "td-post-content",
        "field-name-body",
        "article-text",
        "articletext",
        "body-text",
        "article__content",
        "article-body-text",
        "c-entry-content",
        "post-entry",
        "entrytext",
        "storycontent",
        "post_prose",
        "longtext",
        "newstext",
        "blog-text",
        "bodytext",
        "itembody",
        "article-texte",
        "texte-principal",
        "post-text",
    ]
)
_NESTED_JUNK_TAGS = frozenset({"aside", "nav", "figure", "figcaption", "form", "button", "footer", "header"})
_JUNK_TOKENS = frozenset(
    [
        "share",
        "sharing",
        "social",
        "related",
        "newsletter",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "anzeige",
        "promo",
        "sponsor",
        "sponsored",
        "comment",
        "comments",
        "author",
        "byline",
        "meta",
        "tags",
        "tag",
        "caption",
        "teaser",
        "recommended",
        "readmore",
        "read-more",
        "subscribe",
        "subscription",
        "paywall",
        "banner",
        "breadcrumb",
        "breadcrumbs",
        "toolbar",
        "widget",
        "infobox",
        "box",
        "sidebar",
        "pagination",
        "pager",
        "navigation",
        "nav",
        "menu",
        "footnotes",
    ]
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_SENTENCE_END = re.compile(r"[.!?…»”\"')]\s*$")
_MIN_BODY_CHARS = 400
_MIN_BODY_SHARE = 0.4  # the element holds at least this share of the page's <p> text
_STANDFIRST_WORDS = 15
_TEXT_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "pre", "dd", "dt"})
_LINK = "link"
_PROSE_WORDS = 12


@dataclass(frozen=True, slots=True)
class LabelledPage:
    """A page flattened to lines, each with its gold label."""

    lines: tuple[str, ...]
    labels: tuple[str, ...]
    locator: str  # which markup delimited the body

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def label_page(html: str | bytes) -> LabelledPage | None:
    """Flatten ``html`` and label its lines; None when the markup does not clearly delimit a body."""
    if isinstance(html, bytes):
        from storyline.errors import StorylineError
        from storyline.ingest.decode import decode

        try:
            html = decode(html, "page").text  # charset from BOM, meta or detection, as ingest does
        except StorylineError:
            return None
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    body_el, locator = _find_body(root)
    if body_el is None:
        return None
    region = next((a for a in body_el.iterancestors() if a.tag in ("article", "main")), None)
    lines, labels = _flatten(root, body_el, region)
    body_chars = sum(len(line) for line, label in zip(lines, labels, strict=True) if label == BODY)
    # Paragraph-sized text outside the element (other than the comments) means
    # the element does not hold the whole article: not a clear delimitation.
    prose = sum(
        len(line)
        for line, label in zip(lines, labels, strict=True)
        if len(line.split()) >= _PROSE_WORDS and label != IGNORE
    )
    if body_chars < _MIN_BODY_CHARS or body_chars < _MIN_BODY_SHARE * prose:
        return None
    if labels.count(BODY) < 3 or labels.count(BOILERPLATE) < 3:
        return None
    return LabelledPage(tuple(lines), tuple(labels), locator)


def _classes(el: etree._Element) -> set[str]:
    value = f"{el.get('class') or ''} {el.get('id') or ''}".casefold()
    return {t for t in value.split() if t}


def _find_body(root: etree._Element) -> tuple[etree._Element | None, str]:
    items = [el for el in root.iter() if isinstance(el.tag, str) and el.get("itemprop") == "articleBody"]
    if items:
        return max(items, key=_text_chars), "itemprop=articleBody"
    classed = [el for el in root.iter() if isinstance(el.tag, str) and _classes(el) & _BODY_CLASSES]
    # Keep the outermost of nested matches: an inner "entry-content" of an outer one is part of it.
    outer = [el for el in classed if not any(a in classed for a in el.iterancestors())]
    if outer:
        best = max(outer, key=_text_chars)
        return best, "class=" + sorted(_classes(best) & _BODY_CLASSES)[0]
    articles = list(root.iter("article"))
    if articles:
        best = max(articles, key=_p_text)
        others = [a for a in articles if a is not best and best not in a.iterancestors()]
        # A page of many <article> teasers is a listing, not an article page.
        nested = sum(1 for a in best.iter("article") if a is not best)
        if nested <= 2 and len(others) <= 2 and _p_text(best) >= 2 * sum(_p_text(a) for a in others):
            return best, "article"
    return None, ""


def _text_chars(el: etree._Element) -> int:
    """Characters of text under ``el`` (whitespace collapsed)."""
    return len(" ".join(el.text_content().split()))


def _p_text(el: etree._Element) -> int:
    """Characters of paragraph text under ``el`` (``<p>`` elements, scripts excluded)."""
    return sum(len(" ".join(p.text_content().split())) for p in el.iter("p"))


def _is_nested_junk(el: etree._Element, body_el: etree._Element) -> bool:
    for node in [el, *el.iterancestors()]:
        if node is body_el:
            return False
        if node.tag in _NESTED_JUNK_TAGS:
            return True
        tokens = {t for c in _classes(node) for t in _TOKEN_SPLIT.split(c)}
        if tokens & _JUNK_TOKENS:
            return True
    return False


def _label_of(el: etree._Element, body_el: etree._Element, region: etree._Element | None) -> str:
    """Label of text whose nearest element is ``el``: body, ignore or a region candidate."""
    ancestors = [el, *el.iterancestors()]
    if body_el in ancestors:
        # Table cells flattened one per line are neither clearly body nor chrome.
        if _is_nested_junk(el, body_el) or any(a.tag in ("td", "th") for a in ancestors):
            return IGNORE
        # Only running text counts as body: paragraphs, sub-headings, quotes and
        # list items, or text set straight into the body element.  A line that is
        # all link text (related links, tag lists, buttons) is not.
        block = next((a for a in ancestors if a.tag in _BLOCK), body_el)
        if block is not body_el and block.tag not in _TEXT_BLOCKS:
            return IGNORE
        inner = ancestors[: ancestors.index(block)]
        return _LINK if any(a.tag in ("a", "button") for a in inner) else BODY
    if any(a.tag == "h1" for a in ancestors):
        return IGNORE
    if region is not None and region in ancestors:
        return "region"  # decided per line: a standfirst sentence is ignored, the rest is boilerplate
    return BOILERPLATE


def _flatten(
    root: etree._Element, body_el: etree._Element, region: etree._Element | None
) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    labels: list[str] = []
    parts: list[tuple[str, str]] = []

    def flush() -> None:
        text = " ".join("".join(t for t, _ in parts).split())
        if text:
            lines.append(text)
            labels.append(_line_label(parts, text))
        parts.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            if el.tail:
                parts.append((el.tail, _label_of(el.getparent(), body_el, region)))
            return
        block = tag in _BLOCK or tag == "br"
        if block:
            flush()
        if el.text:
            parts.append((el.text, _label_of(el, body_el, region)))
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            parent = el.getparent()
            parts.append((el.tail, _label_of(parent, body_el, region) if parent is not None else BOILERPLATE))

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return lines, labels


def _line_label(parts: list[tuple[str, str]], text: str) -> str:
    weight: dict[str, int] = {}
    for chunk, label in parts:
        weight[label] = weight.get(label, 0) + len(chunk.strip())
    labels = {label for label, w in weight.items() if w}
    if labels == {BODY, _LINK}:
        return BODY  # a paragraph with a link in it
    if len(labels) != 1 or labels == {_LINK}:
        return IGNORE
    label = labels.pop()
    if label != "region":
        return label
    long_sentence = len(text.split()) >= _STANDFIRST_WORDS and _SENTENCE_END.search(text) is not None
    return IGNORE if long_sentence else BOILERPLATE

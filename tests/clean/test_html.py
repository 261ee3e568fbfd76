"""HTML cleaning: the shortcuts taken for speed give exactly what the plain ways give."""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from trafilatura.utils import load_html

from storyline.clean.html import (
    _BLOCK_TAGS,
    _INVISIBLE_TAGS,
    _metadata,
    clean_html,
    first_occurrences,
    tree_lines,
    visible_lines,
)

# Our own page: metadata in OpenGraph, JSON-LD and a canonical link; boilerplate around the text.
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour reopens after storm | The Coast Gazette</title>
<meta property="og:title" content="Harbour reopens after the March storm">
<link rel="canonical" href="https://gazette.example/2024/03/harbour-reopens">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour reopens after the March storm",
 "datePublished": "2024-03-14T09:30:00Z", "author": {"@type": "Person", "name": "Mara Quist"}}
</script>
<style>.menu { color: red }</style>
</head><body>
<nav><ul><li>Home</li><li>Local news</li><li>Weather</li></ul></nav>
<article>
<h1>Harbour reopens after the March storm</h1>
<p>The harbour of Westby reopened to fishing boats on Thursday, three days after the storm
broke two of its piers, the port authority said in a statement.</p>
<figure><img src="pier.jpg"><figcaption>Workers repair the north pier on 13 March.</figcaption></figure>
<p>Repairs to the second pier will take until the end of April, according to the authority,
which put the damage at about 2 million euros.</p>
<p>Ferries to the islands will keep sailing from the southern terminal until then.</p>
</article>
<footer><p>© 2024 The Coast Gazette · Contact · Terms</p><!-- tracking --> Subscribe now</footer>
</body></html>
"""


def test_metadata_is_trafilaturas() -> None:
    doc = trafilatura.bare_extraction(
        PAGE, include_comments=False, with_metadata=True, include_tables=False, deduplicate=False
    )
    assert doc is not None
    assert _metadata(load_html(PAGE)) == (doc.title, doc.url, doc.date)


def test_clean_html_keeps_the_text_and_reports_the_boilerplate() -> None:
    cleaned = clean_html(PAGE, "page.html")
    assert cleaned.title == "Harbour reopens after the March storm"
    assert cleaned.url == "https://gazette.example/2024/03/harbour-reopens"
    assert cleaned.published is not None and cleaned.published.isoformat() == "2024-03-14"
    assert "Workers repair the north pier" in cleaned.text
    removed = {r.text: (r.start, r.end) for r in cleaned.removed}
    assert "Weather" in removed and "Subscribe now" in removed
    for text, (start, end) in removed.items():
        assert start == PAGE.find(text) and end == (start + len(text) if start >= 0 else -1)


def test_visible_lines_follow_blocks_and_skip_invisible_parts() -> None:
    lines = visible_lines(PAGE)
    assert lines[:3] == ["Home", "Local news", "Weather"]
    assert not any("color: red" in line or "NewsArticle" in line for line in lines)
    assert lines[-2:] == ["© 2024 The Coast Gazette · Contact · Terms", "Subscribe now"]


@given(st.text(alphabet="ab c<", max_size=60), st.lists(st.text(alphabet="ab c<", max_size=6), max_size=12))
def test_first_occurrences_are_str_find(text: str, needles: list[str]) -> None:
    assert first_occurrences(text, needles) == {n: text.find(n) for n in needles}


def test_the_lines_of_the_extraction_tree_are_those_of_the_page() -> None:
    # clean_html reads the visible lines off trafilatura's tree instead of parsing the page again.
    assert tree_lines(load_html(PAGE)) == visible_lines(PAGE)


def test_a_self_closed_html_tag_still_reports_the_boilerplate() -> None:
    # "<html ... />" (an XHTML habit): parsed as is, lxml saw an empty page and no line was
    # reported removed; trafilatura's tree repairs the tag first.
    page = PAGE.replace('<html lang="en"><head>', '<html lang="en" />\n<head>', 1)
    removed = {r.text for r in clean_html(page, "page.html").removed}
    assert {"Home", "Weather", "Subscribe now"} <= removed


def test_first_occurrences_of_lines_with_lone_surrogates_are_str_find() -> None:
    # The search runs on UTF-8 bytes (surrogatepass): a lone surrogate is found where it stands.
    text = "a\ud800bc xbcd, a\ufffdbc"
    needles = ["a\ud800bc", "xbcd", "a\ufffdbc"]
    assert first_occurrences(text, needles) == {n: text.find(n) for n in needles}
    assert first_occurrences("xbcd a\ufffdbc", needles) == {n: "xbcd a\ufffdbc".find(n) for n in needles}


@given(
    st.text(alphabet="ab cé😀\ud800<", max_size=80),
    st.lists(st.text(alphabet="ab cé😀\ud800<", min_size=4, max_size=8), max_size=12),
)
def test_first_occurrences_of_long_needles_in_any_script_are_str_find(text: str, needles: list[str]) -> None:
    assert first_occurrences(text, needles) == {n: text.find(n) for n in needles}


def _walked_lines(root: Any) -> list[str]:
    """tree_lines as a plain walk over the tree (what the XSLT replaced)."""
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, node in walker:
        if event == "start":
            if node.tag in _INVISIBLE_TAGS:
                walker.skip_subtree()
                continue
            if node.tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            continue
        if event == "end" and node.tag in _BLOCK_TAGS:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line and not line.isspace()]


TRICKY = [
    PAGE,
    "<html><body><div>a<p>b</p>c</div>tail1<!-- c -->ctail<?pi x?>pitail<p>x</p></body></html>}",
    "<p>one<br>two<script>no</script>three<svg><text>no</text></svg>four</p><o:p>five</o:p> six",
    "<div><noscript><p>no</p></noscript>after<template>no</template><iframe>no</iframe>end</div>",
    "<html><body>text &amp; &lt;entities&gt; &nbsp; no block at all\n\n  second line </body></html>",
]


@pytest.mark.parametrize("html", TRICKY)
def test_tree_lines_are_those_of_a_walk_over_the_tree(html: str) -> None:
    tree = load_html(html)
    assert tree_lines(tree) == _walked_lines(tree)
    for node in tree.iter():  # any subtree, with its tail
        assert tree_lines(node) == _walked_lines(node)


_PIECES = ["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<script>", "</script>", "<br>", "<!--c-->"]


@given(st.lists(st.sampled_from([*_PIECES, "a", "b c", " ", "\n", "&amp;", "é"]), max_size=30))
def test_tree_lines_of_generated_markup_are_those_of_a_walk(pieces: list[str]) -> None:
    tree = load_html("<html><body>" + "".join(pieces) + "</body></html>")
    if tree is not None:
        assert tree_lines(tree) == _walked_lines(tree)

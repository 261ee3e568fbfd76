"""A small multilingual sentence splitter that returns offsets, not strings.

News text after cleaning is one paragraph per line, so a line break always
ends a sentence.  Inside a line a sentence ends at ``. ! ? …`` (plus any
closing quotes or brackets) followed by white space and a character that is
not a lower-case letter; that last test lets caseless scripts (Arabic, Thai)
split too, while a lower-case continuation (``14. oktober``, ``... and``)
does not.  CJK full stops end a sentence without any space after them.

A full stop does not end a sentence after a known abbreviation (``Sr.``,
``Dr.``; listed as data in ``langs/<iso>/claims.toml``), a single capital
initial (``J. Smith``), a dotted acronym (``U.S.``) or a day number before a
month name (``3. Oktober``).  Text inside balanced quotes (``«»``, ``“”``,
``„“``, ``"``) is never split, so a multi-sentence quotation stays in the
sentence that attributes it; a line whose quotes do not balance is split as
if it had none, which bounds the damage of a stray quote mark to nothing.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache

from babel.dates import get_month_names

from storyline import langs
from storyline.model import Span

# Possessive, and started only where a run of stops starts: a line of 100,000 dots
# backtracked quadratically before (issue 14).
_BOUNDARY = re.compile(r"(?<![.!?…؟।])[.!?…؟।]++[»”\"’')\]]*+(?=\s+\S)|[。！？]+[」』”)]*")
_ACRONYM = re.compile(r"(?:\b\w\.){2,}$")
_DAY_NUMBER = re.compile(r"(?:^|\s)\d{1,2}\.$")
_NEXT_WORD = re.compile(r"\s+[\"“«„(]*(\w+)")
_LINE = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile('[«»“”„"‹›]')
_NEXT_CHAR = re.compile(r"\s*(\S)")

# Openers and the closers each may be matched by: German „…“ closes with the
# English opener, Swedish ”…” opens and closes with the same mark.
_CLOSERS: dict[str, str] = {"«": "»", "“": "”", "„": "“”", '"': '"”', "”": "”", "‹": "›"}

# Languages whose dates put a full stop after the day number (``14. oktober``).
_ORDINAL_DOT_LOCALES = ("de", "nb", "nn", "da", "sv", "fi", "is", "cs", "sk", "pl", "hu", "hr", "sl", "et")


@cache
def _abbreviations() -> frozenset[str]:
    """Casefolded abbreviations (without their dot) from every language's data."""
    found: set[str] = set()
    for data in langs.load_all("claims").values():
        found.update(a.casefold().rstrip(".") for a in data.get("abbreviations", ()))
    return frozenset(found)


@cache
def _month_names() -> frozenset[str]:
    """Casefolded month names of the languages that write ``14. oktober``."""
    names: set[str] = set()
    for locale in _ORDINAL_DOT_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                months = get_month_names(width, context, locale).values()
                names.update(n.casefold().rstrip(".") for n in months)
    return frozenset(names)


def quoted_ranges(line: str) -> list[tuple[int, int]]:
    """``(open, close)`` indices of the outermost balanced quotes in ``line``; empty if unbalanced."""
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for mark in _QUOTE_MARK.finditer(line):
        i, ch = mark.start(), mark.group()
        if stack and ch in _CLOSERS.get(stack[-1][0], ""):
            _, start = stack.pop()
            if not stack:
                ranges.append((start, i))
        elif ch in _CLOSERS:
            stack.append((ch, i))
    return [] if stack else ranges


def _is_false_stop(line: str, stop: int, end: int) -> bool:
    """Whether the full stop at ``line[stop]`` belongs to a word, not to the sentence."""
    if line[stop] != ".":
        return False
    head = line[max(0, stop - 40) : stop + 1]  # the word before the stop is all that matters
    token = _word_before_stops(head)
    if not token:
        return False
    if token.casefold() in _abbreviations() or _ACRONYM.search(head):
        return True
    if len(token) == 1 and token.isupper():
        return True  # an initial: "J. Smith"
    following = _NEXT_WORD.match(line, end)
    return bool(_DAY_NUMBER.search(head) and following and following.group(1).casefold() in _month_names())


def _word_before_stops(head: str) -> str:
    """The run of word characters (``\\w``) right before the full stops that end ``head``.

    Read backwards: a regular expression searched for it tried every start position
    of the head, a fifth of the time of splitting an article into sentences.
    """
    i = len(head) - 1
    while i >= 0 and head[i] == ".":
        i -= 1
    j = i
    while j >= 0 and (head[j].isalnum() or head[j] == "_"):  # what \w matches
        j -= 1
    return head[j + 1 : i + 1]


def _line_boundaries(line: str) -> Iterator[int]:
    """Offsets in ``line`` just after each sentence end."""
    quoted = quoted_ranges(line)
    opens = [a for a, _ in quoted]
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        # Quotations do not overlap: only the last one opened before the stop can hold it.
        q = bisect_left(opens, match.start()) - 1
        if q >= 0 and end <= quoted[q][1]:
            continue  # inside a quotation: the closing mark decides
        nxt = _NEXT_CHAR.match(line, end)  # never a copy of the rest of the line (long lines stay linear)
        if nxt and nxt.group(1).islower() and not match.group().startswith(("。", "！", "？")):
            continue
        if _is_false_stop(line, match.start(), end):
            continue
        yield end


@lru_cache(maxsize=4)
def split_sentences(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text``, trimmed of surrounding white space, in order.

    Offsets are ``str`` indices into ``text``; empty lines give no span.  The
    claims and events stages (and storing the dated sentences) split the same
    article one after the other: the last few texts are remembered.
    """
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        base, body = line.start(), line.group()
        cuts = [0, *_line_boundaries(body), len(body)]
        for a, b in itertools.pairwise(cuts):
            piece = body[a:b]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                spans.append(Span(base + a + lead, base + a + lead + len(stripped)))
    return tuple(spans)

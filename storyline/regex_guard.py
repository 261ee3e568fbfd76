"""A first-character guard for big regular expressions.

Python's ``re`` tries a pattern at every position of the text.  A pattern that opens with a
look-behind (``(?<!\\w)``) and an alternation of hundreds of words gets no prefix scan from the
compiler: each position runs the look-behind and then every alternative.  :func:`guarded`
puts a look-ahead for the characters a match can start with in front of the pattern, so a
position that cannot start a match fails on one character-class test.

The guard only narrows where a match may begin, and every match begins with one of those
characters (they are read off the parsed pattern; a pattern whose first character is not a
plain literal, range or class, or that can match the empty string, is returned unchanged),
so the matches are the same.
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # type: ignore[attr-defined]  # Python >= 3.11
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any


class _Unknown(Exception):
    """A first character the guard cannot describe."""


_CATEGORIES = {
    sre_c.CATEGORY_DIGIT: r"\d",
    sre_c.CATEGORY_NOT_DIGIT: r"\D",
    sre_c.CATEGORY_SPACE: r"\s",
    sre_c.CATEGORY_NOT_SPACE: r"\S",
    sre_c.CATEGORY_WORD: r"\w",
    sre_c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)


def _class_items(items: list[tuple[Any, Any]]) -> list[str]:
    out = []
    for op, av in items:
        if op is sre_c.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre_c.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre_c.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # NEGATE and the rest
            raise _Unknown
    return out


def _first(seq: Any, ignore: bool, out: dict[bool, set[str]]) -> bool:
    """Add the classes a match of ``seq`` can start with to ``out[ignore]``; whether it can be empty."""
    # A look-around or anchor consumes nothing: the next item starts the match.
    return all(op in _ZERO_WIDTH or _item(op, av, ignore, out) for op, av in seq)


def _item(op: Any, av: Any, ignore: bool, out: dict[bool, set[str]]) -> bool:
    """:func:`_first` of one item of a parsed pattern."""
    if op is sre_c.LITERAL:
        out[ignore].add(re.escape(chr(av)))
        return False
    if op is sre_c.IN:
        out[ignore].update(_class_items(av))
        return False
    if op is sre_c.SUBPATTERN:
        _group, add, remove, sub = av
        return _first(sub, (ignore or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE, out)
    if op is sre_c.BRANCH:
        empty = [_first(branch, ignore, out) for branch in av[1]]  # every branch adds its classes
        return any(empty)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return _first(sub, ignore, out) or lo == 0
    if op is sre_c.ATOMIC_GROUP:
        return _first(av, ignore, out)
    raise _Unknown


def guard(pattern: str, flags: int = 0) -> str | None:
    """The look-ahead for the first characters of ``pattern``'s matches, or None."""
    parsed = sre_parse.parse(pattern, flags)
    out: dict[bool, set[str]] = {False: set(), True: set()}
    try:
        if _first(parsed, bool(parsed.state.flags & re.IGNORECASE), out):
            return None  # it can match the empty string
    except _Unknown:
        return None
    parts = [f"(?{'i' if ign else '-i'}:[{''.join(sorted(items))}])" for ign, items in out.items() if items]
    return f"(?={'|'.join(parts)})" if parts else None


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` behind a first-character guard (same matches, fewer tries)."""
    ahead = guard(pattern, flags)
    return re.compile(pattern if ahead is None else ahead + pattern, flags)

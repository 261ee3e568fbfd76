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

import _sre  # type: ignore[import-not-found]
import re
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre_c  # type: ignore[attr-defined]  # Python >= 3.11
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES as sre_casefix  # type: ignore[import-not-found]
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
    """``re.compile(pattern, flags)`` behind a first-character guard (same matches, fewer tries).

    A pattern that ``re`` already scans for fast (a literal prefix such as ``the\\s+``, or a
    first character from a set) is left as it is: in front of it the look-ahead would hide
    that prefix from the compiler, and every position would be tried again (five times slower).
    """
    ahead = None if _skips_ahead(pattern, flags) else guard(pattern, flags)
    return re.compile(pattern if ahead is None else ahead + pattern, flags)


def _skips_ahead(pattern: str, flags: int) -> bool:
    """Whether ``re``'s compiler gives ``pattern`` a literal prefix or a first-character set."""
    code = sre_compile._code(sre_parse.parse(pattern, flags), flags)
    return code[0] is sre_c.INFO and bool(code[2] & (sre_c.SRE_INFO_PREFIX | sre_c.SRE_INFO_CHARSET))


GROUPING = True  # tests switch it off to compare with the plain alternations
_META = frozenset("\\.^$*+?{}[]()|")
_QUANTIFIERS = frozenset("*+?{")


def _case_class(ch: str, flags: int) -> frozenset[int]:
    """The characters a literal ``ch`` stands for (``re``'s own case folding under IGNORECASE)."""
    if not flags & re.IGNORECASE:
        return frozenset({ord(ch)})
    low = _sre.unicode_tolower(ord(ch))
    return frozenset({low, *sre_casefix.get(low, ())})


def grouped(alternatives: list[str], flags: int = 0) -> str:
    """``"|".join(alternatives)`` with the alternatives that begin with the same letter grouped
    behind it: ``a(?:bc|b)|x(?:y)`` for ``abc|x y|ab`` (here ``xy``), so that ``re`` tries only
    the group of the letter at hand instead of every alternative.

    The matches are the same: an alternation takes its first alternative that leads to a match,
    and at any position only one group can match (their letters stand for disjoint characters,
    case folding included), whose alternatives keep their order.  Alternatives that do not all
    begin with a plain literal are joined unchanged.
    """
    if not GROUPING:
        return "|".join(alternatives)
    groups: dict[frozenset[int], list[tuple[str, str]]] = {}
    for alt in alternatives:
        if alt[:1] == "\\" and len(alt) > 1 and not alt[1].isalnum():
            atom = alt[:2]
        elif alt[:1] and alt[0] not in _META:
            atom = alt[:1]
        else:
            return "|".join(alternatives)
        rest = alt[len(atom) :]
        if rest[:1] in _QUANTIFIERS and rest:
            return "|".join(alternatives)
        groups.setdefault(_case_class(atom[-1], flags), []).append((atom, rest))
    seen: set[int] = set()
    for chars in groups:
        if seen & chars:
            return "|".join(alternatives)  # two letters that fold together: keep the plain order
        seen |= chars
    out = []
    for members in groups.values():
        atom = members[0][0]
        rests = [rest for _, rest in members]
        out.append(atom + rests[0] if len(rests) == 1 else f"{atom}(?:{'|'.join(rests)})")
    return "|".join(out)

"""Datelines in capitals ("WASHINGTON —", "İSTANBUL (AA) -", "KYIV, Ukraine —") written as
names are written, so that the gazetteer, which matches a name in its own case, finds them.

Only a run of words in capitals that opens a line and is followed by a dateline mark (a
dash, a comma, an opening parenthesis, a slash, a colon) is rewritten, one letter for one
(:func:`storyline.langs.casing.title`), so every offset stays an offset into the original.
A headline in capitals is no dateline: no such mark follows its first words.
"""

from __future__ import annotations

import re

from storyline.langs import casing

_WORD = r"[^\W\d_]{2,}"
_RUN = re.compile(
    rf"(?m)^[ \t\u00a0]*({_WORD}(?:[ '\u2019.-]{_WORD}){{0,3}})(?=[ \t\u00a0]*(?:[\u2014\u2013]|-|,|\(|/|:))"
)
_LETTERS = re.compile(r"[^\W\d_]+")


def title_datelines(text: str, language: str | None) -> str:
    """``text`` with each dateline in capitals title-cased ("WEST PALM BEACH" -> "West Palm Beach")."""
    pieces: list[str] = []
    last = 0
    for m in _RUN.finditer(text):
        run = m.group(1)
        if not run.isupper():
            continue
        pieces += [text[last : m.start(1)], _LETTERS.sub(lambda w: casing.title(w.group(0), language), run)]
        last = m.end(1)
    return "".join(pieces) + text[last:] if pieces else text

"""Case changes that keep every offset, with each language's own case pairs.

``str.lower()`` may change a text's length ("İ" becomes "i" and a combining dot) and knows
nothing of Turkish, where "I" pairs with "ı"; offsets into the changed text must stay
offsets into the original, so every letter here maps to exactly one letter.  A language's
own pairs are data: ``langs/<iso>/casing.toml`` (``[lower]``).
"""

from __future__ import annotations

from functools import cache

from storyline import langs


@cache
def _pairs(language: str | None) -> dict[int, str]:
    if not language:
        return {}
    return str.maketrans(langs.load(langs.base(language), "casing").get("lower", {}))


def lower(text: str, language: str | None = None) -> str:
    """``text`` in lowercase, one letter for one (a letter whose lowercase is longer stays)."""
    pairs = _pairs(language)
    if pairs:
        text = text.translate(pairs)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def title(word: str, language: str | None = None) -> str:
    """A word written in capitals as a name is written: "İSTANBUL" -> "İstanbul", "IĞDIR" -> "Iğdır"."""
    return word[:1] + lower(word[1:], language)

"""The tense of the sentence around a time expression: whether it speaks of the future ("will",
"sẽ", Spanish "-rá") or of the past ("last", "had", Spanish "-ó"), which decides the direction
of a bare weekday, a yearless month or date and a quarter (see
:mod:`storyline.dates.expressions`).  The markers are data: ``future_markers``,
``future_suffixes``, ``past_markers`` and ``past_suffixes`` in ``langs/<iso>/dates.toml``.
"""

from __future__ import annotations

import re

from storyline.dates.lexicon import lexicon

# The window (in characters) searched for a marker before an expression.
_FUTURE_WINDOW = 60
# A sentence ends at a full stop after a lowercase word or a number (not after "Mr." or "P.";
# a one-digit number too: "… on October 3. The ceasefire …"), or at a line break.
_SENTENCE_END = re.compile(r"(?:(?<=[^\W_A-Z]{2}[.!?])|(?<=\d[.!?]))\s+|[。\n]")


def tense_of(text: str, start: int, end: int, language: str | None) -> int:
    """1 when the expression's sentence speaks of the future, -1 when a past-tense verb form
    (``past_suffixes``: Spanish "-ó") says it speaks of the past, else 0."""
    if future_context(text, start, end, language):
        return 1
    lex = lexicon(language) if language else None
    if lex is None:
        return 0
    before = _SENTENCE_END.split(text[max(0, start - _FUTURE_WINDOW) : start])[-1]
    words = re.findall(r"\w+", before.casefold())
    if lex.past_verb is not None and any(lex.past_verb.fullmatch(w) for w in words):
        return -1
    return -1 if any(w in lex.past_markers for w in words) else 0


def future_context(text: str, start: int, end: int, language: str | None) -> bool:
    """Whether the expression's sentence speaks of the future: a future marker ("will", "sẽ",
    "due") or a future verb ending (Spanish "-rá") shortly before it, or right after it."""
    if language is None:
        return False
    lex = lexicon(language)
    before = _SENTENCE_END.split(text[max(0, start - _FUTURE_WINDOW) : start])[-1]
    after = re.split(r"[.!?。\n;,]", text[end : end + _FUTURE_WINDOW // 2])[0]
    words = set(re.findall(r"\w+(?:'\w+)?", f"{before} {after}".casefold()))
    if any(marker in words for marker in lex.future_markers):
        return True
    return lex.future_verb is not None and any(lex.future_verb.fullmatch(w) for w in words)

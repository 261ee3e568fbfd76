"""The publication date a scrape's own text states, when no metadata or URL gives one.

Two signals, most reliable first:

1. a **dateline stamp or byline** at the head of the article (``02.11.2024,
   15:10`` on its own line between the headline and the first paragraph,
   ``Par Julien Marchand · Le 27 juillet 2024 à 01h10``), which the cleaner
   removed as a ``date-stamp`` or ``byline`` line: those further down belong
   to teaser lists of other stories and are never used;
2. a **"today" phrase next to a date** in the body (``hôm nay (29/11)``,
   ``today, November 29``, ``i dag 14. oktober``): the article was written
   that day.  A yearless date takes its year from the article's other dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from storyline.dates.expressions import extract_times
from storyline.dates.lexicon import lexicon
from storyline.model import Cleaned

# How far (in characters) a "today" word may stand before the date it names.
_TODAY_WINDOW = 24
# The head of an article: stamps within this many characters of the first
# kept paragraph's end are datelines, not teaser dates.
_HEAD_CHARS = 400
# Removed head lines whose date is the article's own: a stamp, or the byline's "Le 27 juillet 2024".
_HEAD_REASONS = frozenset({"date-stamp", "byline"})


def infer_published(cleaned: Cleaned, raw: str, language: str | None) -> dt.date | None:
    """A publication date the text supports, or None."""
    return _dateline(cleaned, raw, language) or _today_phrase(cleaned.text, language)


def _dateline(cleaned: Cleaned, raw: str, language: str | None) -> dt.date | None:
    first = cleaned.text.split("\n\n", 1)[0]
    head_end = raw.find(first) + len(first) + _HEAD_CHARS if first else _HEAD_CHARS
    for removal in cleaned.removed:
        if removal.reason not in _HEAD_REASONS or not 0 <= removal.start < head_end:
            continue
        for time in extract_times(removal.text, language=language, published=None):
            day = _full_day(time.value)
            if day:
                return day
    return None


def _today_phrase(text: str, language: str | None) -> dt.date | None:
    if not language:
        return None
    pattern = _today_pattern(language)
    if pattern is None:
        return None
    for time in extract_times(text, language=language, published=None):
        day = _full_day(time.value)
        before = text[max(0, time.start - _TODAY_WINDOW) : time.start]
        if day and pattern.search(before):
            return day
    return None


@cache
def _today_pattern(language: str) -> re.Pattern[str] | None:
    words = [
        w for w, rel in lexicon(language).relatives.items() if rel and rel.unit == "day" and rel.offset == 0
    ]
    if not words:
        return None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # the word, then only punctuation or a preposition-free gap up to the date
    return re.compile(rf"(?i)(?<!\w)(?:{alternation})\W{{0,4}}$")


def _full_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 and not value.startswith("-") else None
    except ValueError:
        return None

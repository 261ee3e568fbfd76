"""Dates written with numbers and unit characters, and the Persian (Solar Hijri) calendar.

Chinese, Japanese and Korean write dates as numbers followed by unit characters
(``2024年11月6日``, ``2024년 11월 6일``); Persian news dates events in the Solar Hijri
calendar (``۱۵ تیر ۱۴۰۳``, 5 July 2024).  The patterns are data: each language's
``langs/<iso>/dates.toml`` lists them under ``numeric`` (named groups ``y``, ``m``, ``d``, and
``pm`` for a Persian month name); this module only finds them and converts the Persian
calendar.  Digits of any script are read by ``int`` (Persian ``۱۴۰۳``, full-width ``１１``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from storyline import langs
from storyline.dates.lexicon import Relative

__all__ = ["NumericDate", "jalali_to_gregorian", "numeric_dates", "shift_long", "weekday_date"]

# Solar Hijri months in order (Farvardin … Esfand), the names Persian writes.
_PERSIAN_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
PERSIAN_MONTHS = "|".join(_PERSIAN_MONTHS)
# How much less likely a yearless date is to lie after the publication than before it.
_FUTURE_PENALTY = 3


class NumericDate(NamedTuple):
    """A date found in the text, in the Gregorian calendar; ``None`` parts were not stated."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], ...]:
    base = langs.base(language)
    forms = langs.load(base, "dates").get("numeric", [])
    return tuple(re.compile(str(f).replace("{persian_months}", PERSIAN_MONTHS)) for f in forms)


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Solar Hijri date (1 Farvardin 1403 = 20 March 2024)."""
    # Days since 1 Farvardin 1 by the 33-year arithmetic rule, counted from a known epoch.
    epoch = dt.date(622, 3, 21)  # 1 Farvardin 1 (proleptic Gregorian)
    days = 365 * (year - 1) + _leap_days(year) + (month - 1) * 31 - max(0, month - 7) + day - 1
    return epoch + dt.timedelta(days=days)


def _leap_days(year: int) -> int:
    """Leap years before ``year`` under the 33-year cycle (8 leap years per 33)."""
    return ((year - 1) * 8 + 29) // 33


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _solar_year(month: int, day: int, published: dt.date | None) -> int | None:
    """The Solar Hijri year of a yearless "۵ آبان": the one that puts it nearest before the
    publication date (a date up to a month after it stays in the publication year)."""
    if published is None:
        return None
    best, cost = None, float("inf")
    for year in (published.year - 622, published.year - 621):
        days = (published - jalali_to_gregorian(year, month, day)).days
        here = days if days >= 0 else -days * _FUTURE_PENALTY
        if here < cost:
            best, cost = year, here
    return best


def numeric_dates(text: str, language: str | None, published: dt.date | None = None) -> Iterator[NumericDate]:
    """Every date of ``text`` that matches one of the language's ``numeric`` patterns; a Solar
    Hijri date without its year takes it from ``published``."""
    if not language:
        return
    for pattern in _patterns(language):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            year, month, day = _int(groups.get("y")), _int(groups.get("m")), _int(groups.get("d"))
            if groups.get("pm"):
                month = _PERSIAN_MONTHS.index(groups["pm"]) + 1
                year = year if year is not None or day is None else _solar_year(month, day, published)
                if year is None or day is None or not 1300 <= year < 1500:
                    continue  # a Solar Hijri year of modern news
                greg = jalali_to_gregorian(year, month, day)
                year, month, day = greg.year, greg.month, greg.day
            if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
                continue
            yield NumericDate(m.start(), m.end(), year, month, day)


def shift_long(anchor: dt.date, rel: Relative) -> tuple[str, str]:
    """Quarters, decades and centuries relative to the anchor ("last quarter", "the past decade")."""
    if rel.unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + rel.offset
        return f"{index // 4:04d}-Q{index % 4 + 1}", "quarter"
    if rel.unit == "decade":
        return f"{anchor.year // 10 + rel.offset:03d}", "decade"
    return f"{anchor.year // 100 + rel.offset:02d}", "century"


def weekday_date(anchor: dt.date, weekday: int, direction: int, *, inclusive: bool) -> dt.date:
    """The named weekday: last (-1), this week's (0) or next (+1) relative to the anchor.

    ``inclusive`` lets a bare "Friday" in a Friday article mean that very day.
    """
    if direction == 0:
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    step = (anchor.weekday() - weekday) % 7 if direction < 0 else (weekday - anchor.weekday()) % 7
    if step == 0 and not inclusive:
        step = 7
    return anchor + dt.timedelta(days=-step if direction < 0 else step)

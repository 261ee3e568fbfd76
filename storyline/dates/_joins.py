"""Candidate time expressions and how neighbours join into one (see :mod:`storyline.dates.expressions`).

"Friday, Oct. 13" is one date, "hoy, jueves" one day, "March last year" one month, "10 p.m.
Wednesday" one clock time on its day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from storyline.dates.lexicon import Relative
from storyline.dates.timeml import Special

# Two neighbours that form one expression ("Friday, Oct. 13", "March last year")
# may be separated by spaces, a comma and a linking word of the language.
_GAP = re.compile(r"^\s*[,،(（]?\s*$")


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate span and the parts it states (``None`` = not stated)."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: Relative | None = None
    weekday: int | None = None  # a bare weekday: "Friday", "el jueves"
    year_offset: int | None = None  # "March last year": the year relative to the anchor
    month_offset: int | None = None  # "이달 9일" (the 9th of this month): the month relative to it
    special: Special | None = None  # a TimeML value that is no calendar date ("now", "P20Y", "Q3")
    clock: str | None = None  # a clock time joined to the day: "T17:00" of "5 p.m. EST Nov. 9"

    @property
    def complete(self) -> bool:
        return None not in (self.year, self.month, self.day)


def merge(found: list[Found], text: str, *, clocks: bool = False) -> list[Found]:
    """Join neighbours that are one expression: "Friday, Oct. 13", "March last year", "hoy, jueves";
    with ``clocks`` also a clock time and its day ("10 p.m. Wednesday")."""
    out: list[Found] = []
    for cand in found:
        prev = out[-1] if out else None
        joined = _join(prev, cand, clocks) if prev and _GAP.match(text[prev.end : cand.start]) else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(cand)
    return out


def _join(a: Found, b: Found, clocks: bool) -> Found | None:
    """The single expression ``a`` + ``b`` stand for, or None when they are two."""
    return (_clock_join(a, b) if clocks else None) or _date_join(a, b)


def _clock_join(a: Found, b: Found) -> Found | None:
    """A clock time next to its day: "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "Nov. 9, 5 p.m."."""
    if (clock := _clock_of(a)) is not None and _names_a_day(b):
        return replace(b, start=a.start, clock=clock)
    if (clock := _clock_of(b)) is not None and _names_a_day(a):
        return replace(a, end=b.end, clock=clock)
    return None


def _date_join(a: Found, b: Found) -> Found | None:
    """Date parts that are one expression: "Friday, Oct. 13", "hoy, jueves", "March last year"."""
    a_weekday = a.weekday is not None or (a.relative is not None and a.relative.unit == "weekday")
    if a_weekday and b.month is not None and b.day is not None:
        return replace(b, start=a.start)  # the date says more than its weekday
    if a.relative is not None and a.relative.unit == "day" and b.weekday is not None:
        return replace(a, end=b.end)  # "hoy, jueves": the weekday only confirms
    if a.relative is not None and a.relative.unit == "day" and b.day is not None:
        return replace(b, start=a.start)  # "昨天（10月23日）": the date says more
    if a.relative is not None and a.relative.unit == "day" and _day_of_month(b) is not None:
        return replace(a, end=b.end)  # "어제(31일)": the day only confirms
    rel = b.relative
    if a.month is not None and a.year is None and rel is not None and rel.unit == "year":
        return replace(a, end=b.end, year_offset=rel.offset)
    return _unit_first(a, b)


def _clock_of(f: Found) -> str | None:
    """The value ("T17:00") of a clock time that is not joined to a day yet."""
    return (
        f.special.value if f.special is not None and f.special.kind == "clock" and f.clock is None else None
    )


def _names_a_day(f: Found) -> bool:
    """A date with its day, a weekday or a relative day ("yesterday"), without a clock yet."""
    day_relative = f.relative is not None and f.relative.unit in ("day", "weekday")
    return (
        f.clock is None and f.special is None and (f.day is not None or f.weekday is not None or day_relative)
    )


def _day_of_month(f: Found) -> int | None:
    return f.special.number if f.special is not None and f.special.kind == "day_of_month" else None


def _unit_first(a: Found, b: Found) -> Found | None:
    """A relative month or year before a day or month: "今月9日", "지난달 27일", "来年1月20日"."""
    if a.relative is None or a.relative.weekday is not None:
        return None
    day = _day_of_month(b)
    if a.relative.unit == "month" and day is not None:
        return Found(a.start, b.end, day=day, month_offset=a.relative.offset)
    if a.relative.unit == "year" and b.month is not None and b.year is None and not b.relative:
        return replace(b, start=a.start, year_offset=a.relative.offset)
    return None

"""Time expressions: find dates in an article and normalise them to ISO 8601.

Three passes over the text:

1. **Candidates.** Per-language regexes generated from CLDR and dateparser
   data (see :mod:`storyline.dates.lexicon`) plus language-free
   numeric forms (``29/11/2024``, ``2024-11-29``, ``25/6``) find spans and
   read the parts they state: year, month, day, or a relative meaning
   ("yesterday", "last Tuesday", "3 days ago").  Overlaps keep the longest.
2. **Anchor.** The publication date when known ("published"); otherwise a
   complete date written in the text ("text"): the latest one written before
   the expression, or the first one after it when none precedes (so a list
   of other stories' dates at the end of a scraped page does not re-date
   the article above it); otherwise none.
3. **Values.** Stated parts are kept; missing years and relative phrases are
   resolved against the anchor.  Without an anchor a yearless date keeps its
   year unknown (``--11-30``, ``--11``) and relative phrases and weekdays are
   **dropped**, because a value with every part unknown says nothing.

A self-contained date (``29/11/2024``, ``September 2024``) reports anchor
"none": it needed none.  Resolution is our own calendar arithmetic;
dateparser is never called on text.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace

from storyline.dates._joins import Found, merge
from storyline.dates.calendars import numeric_dates, shift_long, weekday_date
from storyline.dates.lexicon import Lexicon, Relative, lexicon, spaceless_before
from storyline.dates.tense import future_context, tense_of
from storyline.dates.timeml import find_specials, granularity_type, special_value
from storyline.langs import casing
from storyline.model import TimeExpr

# Numeric dates need no language.  Separators must repeat ("29/11/2024",
# "29.11.2024"), which keeps football scores ("2-1"), versions ("v2.1") and
# thousands ("22.300") out; the look-arounds keep parts of URLs, decimals and
# longer digit runs out.
_NUMERIC_FULL = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|[.,:]\d)")
# A yearless "25/6" is only a date when something says so (see _dm_is_date).
_NUMERIC_DM = re.compile(r"(\d{1,2})/(\d{1,2})(?![\w/%]|[.,:]\d)")
# A year standing alone ("… in the first half of 1998.") is taken only when
# punctuation follows it: "2000 soldiers" and "1990 votes" are counts.
_BARE_YEAR = re.compile(r"((?:19|20)\d\d)(?=\s*(?:[.,;:)!?»”\"]|'s\b|$))")
# Parenthesised "(29/11)" is how news sites date a story inline.
_PAREN_BEFORE = re.compile(r"\(\s*$")
_PREV_WORD = re.compile(r"(\w+)\W*$")
_NEXT_WORD = re.compile(r"^\W*(\w+)")
# How much less likely a yearless date is to lie in the future than in the past:
# news mostly reports what happened; calibrated so "30 de novembro" read on
# 1 December is last week, while "Dec. 15" read on 30 October is in six weeks.
_FUTURE_PENALTY = 3
# TimeML kinds whose value depends on the anchor (the others are stated or absolute).
_ANCHORED = frozenset({"clock", "quarter", "half", "decade", "day_of_month"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_PARTS = frozenset({"MO", "AF", "EV", "NI", "DT"})


def extract_times(
    text: str, *, language: str | None, published: dt.date | None, timeml: bool = False
) -> tuple[TimeExpr, ...]:
    """Dated expressions of ``text`` in order, normalised against ``published``.

    ``language`` is an ISO 639-1 code or a locale (``en-US`` reads 11/29 as
    29 November); with ``None`` only numeric dates are found.  See the module
    docstring for how the anchor is chosen and what is dropped.  With
    ``timeml`` every TimeML value is returned (references, durations, quarters,
    clock times …, see :mod:`storyline.dates.timeml`); without it only
    calendar dates, a part of the day ("this morning") as its day.
    """
    # A clock time joins its day only where clock times are reported (TimeML): a calendar date
    # keeps its own span ("21 Okt 2024, 09:15" is the date 21 Okt 2024).
    found = _select(_candidates(text, casing.lower(text, language), language, published), text, clocks=timeml)
    anchors = _anchors(found, published)
    out: list[TimeExpr] = []
    for found_cand in found:
        anchor, anchor_kind = anchors.at(found_cand.start)
        cand = found_cand
        if cand.relative is not None and cand.relative.unit == "same":
            # "the same day" (同日, 이날): the day the text last named, else the anchor.
            days = [t.value[:10] for t in out if _ISO_DAY.match(t.value)]
            anchor = dt.date.fromisoformat(days[-1]) if days else anchor
            cand = replace(cand, relative=replace(cand.relative, unit="day"))
        time = _resolve(cand, text, anchor, anchor_kind, language)
        if time is not None:
            out.append(_with_day_part(time, text, lexicon(language) if language else None))
    return tuple(out) if timeml else tuple(c for c in map(_as_calendar, out) if c is not None)


def _with_day_part(time: TimeExpr, text: str, lex: Lexicon | None) -> TimeExpr:
    """A part of the day written after a day belongs to its expression: "6日凌晨", "6일 새벽"."""
    if lex is None or lex.day_parts is None or time.granularity != "day":
        return time
    m = lex.day_parts.match(text, time.end)
    return replace(time, end=m.end(), text=text[time.start : m.end()]) if m else time


def _as_calendar(time: TimeExpr) -> TimeExpr | None:
    """The calendar date of a time expression, or None: "this morning" (``…TMO``) is its day."""
    if time.calendar:
        return time
    day, _, part = time.value.partition("T")
    if time.granularity == "time" and part in _DAY_PARTS and len(day) == 10:
        return replace(time, value=day, granularity="day", type="DATE")
    return None


# --- pass 1: candidates -------------------------------------------------------


def _starts(text: str, start: int, also: str = "") -> bool:
    """Whether a match at ``start`` begins a word: no letter, digit or ``also`` right before it.

    The patterns carry no look-behind of their own (see ``lexicon._compile``).
    """
    if start == 0:
        return True
    before = text[start - 1]
    return spaceless_before(before) or not (before.isalnum() or before == "_" or before in also)


def _candidates(text: str, low: str, language: str | None, published: dt.date | None) -> Iterator[Found]:
    """Every candidate, overlapping ones included (``_select`` decides).

    ``low`` is the lowercased text the patterns run on; ``text`` keeps the case
    that tells a name ("Dong Jun") from a month.
    """
    order = lexicon(language).order if language else "DMY"
    yield from _numeric_full(low, order)
    yield from _numeric_dm(low, order, lexicon(language) if language else None)
    for m in _BARE_YEAR.finditer(low):
        if _starts(low, m.start(), "$€£¥#№.,/:+-"):
            yield Found(m.start(), m.end(), int(m.group(1)))
    if language:
        yield from _textual(text, low, lexicon(language))
        # Unit characters and the Persian calendar (storyline/dates/calendars.py).
        dates = numeric_dates(text, language, published)
        yield from (Found(d.start, d.end, d.year, d.month, d.day) for d in dates)


def _numeric_full(text: str, order: str) -> Iterator[Found]:
    for m in _NUMERIC_FULL.finditer(text):
        if not _starts(text, m.start(), "./:-"):
            continue
        a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
        if len(a) == 4:  # ISO order whatever the locale
            parts = (int(a), int(b), int(c)) if len(c) <= 2 else None
        elif sep == "-" or len(a) > 2:
            parts = None  # "12-3-45" is a score or a code more often than a date
        else:
            day, month = _day_month(int(a), int(b), order)
            parts = (_full_year(c), month, day)
        if parts and _valid(*parts):
            yield Found(m.start(), m.end(), *parts)


def _full_year(digits: str) -> int:
    """``24`` → 2024 and ``89`` → 1989: two-digit years pivot at 50."""
    value = int(digits)
    if len(digits) == 4:
        return value
    return 2000 + value if value < 50 else 1900 + value


def _day_month(a: int, b: int, order: str) -> tuple[int, int]:
    """Read ``a/b`` as (day, month) in the locale's order unless only the other order is valid."""
    day, month = (b, a) if order.startswith("M") else (a, b)
    if month > 12 >= day:
        day, month = month, day
    return day, month


def _valid(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year or 2000, month, 1 if day is None else day)  # day 0 ("00/10/2020") is no date
    except ValueError:
        return False
    return year is None or 1000 <= year <= 2999


def _numeric_dm(text: str, order: str, lex: Lexicon | None) -> Iterator[Found]:
    for m in _NUMERIC_DM.finditer(text):
        if not _starts(text, m.start(), "./,:-"):
            continue
        day, month = _day_month(int(m.group(1)), int(m.group(2)), order)
        if _valid(None, month, day) and _dm_is_date(text, m, lex):
            yield Found(m.start(), m.end(), None, month, day)


def _dm_is_date(text: str, m: re.Match[str], lex: Lexicon | None) -> bool:
    """``25/6`` is a date after a day word ("ngày", "hôm", "on") or inside "(29/11)".

    Without such a cue, two one-digit parts ("1/2", "3/4") are read as a fraction.
    """
    before = text[max(0, m.start() - 30) : m.start()]
    if _PAREN_BEFORE.search(before):
        return True
    prev = _PREV_WORD.search(before)
    if lex is not None and prev and prev.group(1).casefold() in lex.day_prefixes:
        return True
    return len(m.group(1)) + len(m.group(2)) > 2


def _textual(text: str, low: str, lex: Lexicon) -> Iterator[Found]:
    yield from _month_dates(text, low, lex)
    yield from _years(low, lex)
    yield from _relatives(low, lex)
    yield from _weekdays(low, lex)
    for start, end, special in find_specials(low, lex.lang):
        if _starts(low, start):
            yield Found(start, end, special=special)


def _month_dates(text: str, low: str, lex: Lexicon) -> Iterator[Found]:
    """Dates written with a month name, with or without a day or a year."""
    for pattern, also in ((lex.textual_dm, ".,/:-"), (lex.textual_md, ""), (lex.month_year, "")):
        for m in pattern.finditer(low):
            if not _starts(low, m.start(), also):
                continue
            parts = m.groupdict()
            month = lex.months[_fold(parts["month"])]
            day = int(parts["day"]) if parts.get("day") else None
            year = int(parts["year"]) if parts.get("year") else None
            if _valid(year, month, day) and (day or year):
                if day is None and _is_name(text, m.start("month"), lex):
                    continue
                yield Found(m.start(), m.end(), year, month, day)
    for m in lex.lone_month.finditer(low):
        if not _starts(low, m.start()):
            continue
        name = _fold(m.group("month"))
        if name not in lex.loose_months and not _is_name(text, m.start(), lex):
            yield Found(m.start(), m.end(), None, lex.months[name], None)


def _fold(name: str) -> str:
    """A matched name as lexicon key: casefolded, spaces collapsed, final dot dropped."""
    return " ".join(name.casefold().split()).rstrip(".")


def _is_name(text: str, start: int, lex: Lexicon) -> bool:
    """A capitalised month word right after a capitalised word is part of a name ("Dong Jun"),
    unless that word is a preposition capitalised at a sentence start ("In January")."""
    if not text[start : start + 1].isupper():
        return False
    prev = _PREV_WORD.search(text[max(0, start - 40) : start])
    if prev is None or not prev.group(1)[:1].isupper():
        return False
    if prev.group(1).casefold() in lex.day_prefixes | lex.year_prefixes:
        return False
    gap = text[start - len(prev.group(0)) + len(prev.group(1)) : start]
    return gap.strip() == ""  # "Paris, June" or "Report. June" are not names


def _years(text: str, lex: Lexicon) -> Iterator[Found]:
    for m in lex.year.finditer(text):
        if not _starts(text, m.start(), ".,"):
            continue
        # A language may define only prefixes or only suffixes, so either
        # named group can be missing from the pattern.
        group = "year" if m.groupdict().get("year") else "year2"
        yield Found(m.start(group), m.end(group), int(m.group(group)))


def _relatives(text: str, lex: Lexicon) -> Iterator[Found]:
    if lex.relative is not None:
        for m in lex.relative.finditer(text):
            if not _starts(text, m.start()):
                continue
            meaning = lex.relatives.get(_fold(m.group(0)), lex.relatives.get(m.group(0).casefold()))
            # A None meaning marks a look-alike ("por la mañana"): it is kept as a
            # candidate so that it wins the overlap, and dropped when resolved.
            yield Found(m.start(), m.end(), relative=meaning or Relative("none", 0))
    if lex.ago is not None:
        for m in lex.ago.finditer(text):
            if not _starts(text, m.start()):
                continue
            index = m.lastindex or 1
            amount = _amount(m.group(index), lex)
            yield Found(m.start(), m.end(), relative=Relative(lex.ago_units[index - 1], -amount))
    if lex.number_ago is not None:
        for m in lex.number_ago.finditer(text):
            if _starts(text, m.start(), ".,"):
                unit = lex.number_ago_units[(m.lastindex or 2) - 2]
                yield Found(m.start(), m.end(), relative=Relative(unit, -_amount(m.group(1), lex)))


def _amount(count: str, lex: Lexicon) -> int:
    """A count written in digits or as a number word ("diez")."""
    return int(count) if count.isdigit() else lex.number_words.get(" ".join(count.split()), 1)


def _weekdays(text: str, lex: Lexicon) -> Iterator[Found]:
    """Weekday names, alone ("Friday", the last one) or with a modifier ("el jueves pasado")."""
    if lex.weekday is None:
        return
    mods = lex.weekday_modifiers
    for m in lex.weekday.finditer(text):
        if not _starts(text, m.start()):
            continue
        weekday = lex.weekdays[_fold(m.group(0))]
        pre = mods.before.search(text, max(0, m.start() - 40), m.start()) if mods.before else None
        post = mods.after.match(text, m.end()) if mods.after else None
        before = " ".join(pre.group(0).split()) if pre else ""
        after = " ".join(post.group(0).split()) if post else ""
        for key in ((before, after), (before, ""), ("", after)):
            if key != ("", "") and key in mods.meaning:
                start = pre.start() if key[0] and pre else m.start()
                end = post.end() if key[1] and post else m.end()
                yield Found(start, end, relative=Relative("weekday", mods.meaning[key], weekday))
                break
        else:
            if _fold(m.group(0)) not in lex.loose_weekdays:
                yield Found(m.start(), m.end(), weekday=weekday)


def _select(candidates: Iterator[Found], text: str, *, clocks: bool = False) -> list[Found]:
    """Non-overlapping candidates: of two overlapping spans the longer wins, then the earlier."""
    chosen: list[Found] = []
    # Taken spans never overlap, so sorted by start their ends are sorted too: one
    # bisection finds the only neighbours a candidate can overlap (linear in long texts).
    starts: list[int] = []
    ends: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect_left(starts, cand.start)
        if (i == 0 or ends[i - 1] <= cand.start) and (i == len(starts) or cand.end <= starts[i]):
            chosen.append(cand)
            starts.insert(i, cand.start)
            ends.insert(i, cand.end)
    chosen.sort(key=lambda c: c.start)
    return _sentence_years(merge(chosen, text, clocks=clocks), text)


_SENTENCE_BREAK = re.compile(r"[.!?。\n]\s")


def _sentence_years(found: list[Found], text: str) -> list[Found]:
    """A yearless day or month takes the year a date of its own sentence states: "le 6 août
    1945 … et le 9 août" is 1945-08-09, whatever the publication date."""
    out = list(found)
    for i, cand in enumerate(out):
        if cand.year is not None or cand.month is None or cand.relative or cand.special:
            continue
        dated = (o for o in out if o.year is not None and o.month is not None)
        near = [o for o in dated if _same_sentence(text, o, cand)]
        if near:
            source = min(near, key=lambda o: (o.start > cand.start, abs(o.start - cand.start)))
            out[i] = replace(cand, year=source.year)
    return out


def _same_sentence(text: str, a: Found, b: Found) -> bool:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return _SENTENCE_BREAK.search(text, lo.end, hi.start) is None


# --- pass 2: anchor -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Anchors:
    """Where yearless and relative expressions take their missing parts from.

    The publication date wins.  Without it, an expression takes the latest
    complete date written *before* it, or, when none precedes, the first one
    after it: a narrative's year carries forward ("on 12 June 1994 … on
    14 June"), and a teaser list of other stories at the end of a scraped
    page, with its own later dates, does not re-date the article above it.
    """

    published: dt.date | None
    complete: tuple[tuple[int, dt.date], ...]  # (start offset, date), in text order

    def at(self, start: int) -> tuple[dt.date | None, str]:
        if self.published is not None:
            return self.published, "published"
        before = [date for pos, date in self.complete if pos < start]
        if before:
            return max(before), "text"
        if self.complete:
            return self.complete[0][1], "text"
        return None, "none"


def _anchors(found: list[Found], published: dt.date | None) -> _Anchors:
    complete = tuple(
        (c.start, dt.date(c.year, c.month, c.day))  # type: ignore[arg-type]
        for c in found
        if c.complete
    )
    return _Anchors(published, complete)


# --- pass 3: values -------------------------------------------------------------


def _resolve(
    cand: Found, text: str, anchor: dt.date | None, kind: str, language: str | None
) -> TimeExpr | None:
    """The TimeExpr of a candidate, or None when it cannot be dated (see module docstring)."""
    surface = text[cand.start : cand.end]
    if cand.special is not None:
        future = future_context(text, cand.start, cand.end, language)
        special = special_value(cand.special, anchor, future=future)
        if special is None:
            return None
        used = cand.special.kind in _ANCHORED and anchor is not None
        return _expr(cand, surface, special, kind if used else "none")
    if cand.relative is not None or cand.weekday is not None:
        if anchor is None:
            return None
        resolved = _relative_value(cand, text, anchor, language)
        if resolved is None:
            return None
        return _expr(cand, surface, _clocked(resolved, cand.clock), kind)
    return _stated_expr(cand, text, anchor, kind, language)


def _stated_expr(cand: Found, text: str, anchor: dt.date | None, kind: str, language: str | None) -> TimeExpr:
    """The TimeExpr of a date with stated parts (and perhaps its clock time)."""
    surface = text[cand.start : cand.end]
    tense = tense_of(text, cand.start, cand.end, language) if cand.year is None else 0
    value, granularity, used = _stated_value(cand, anchor, tense=tense)
    if cand.clock is not None:
        return _expr(cand, surface, _clocked((value, granularity), cand.clock), kind if used else "none")
    return TimeExpr(cand.start, cand.end, surface, value, granularity, kind if used else "none")


def _clocked(resolved: tuple[str, str], clock: str | None) -> tuple[str, str]:
    """A day's value with the clock time joined to it ("1989-11-09T17:00")."""
    value, granularity = resolved
    if clock is None or granularity != "day" or len(value) != 10:
        return resolved
    return value + clock, "time"


def _expr(cand: Found, surface: str, resolved: tuple[str, str], anchor_kind: str) -> TimeExpr:
    value, granularity = resolved
    kind = granularity_type(granularity)
    return TimeExpr(cand.start, cand.end, surface, value, granularity, anchor_kind, kind)


def _stated_value(cand: Found, anchor: dt.date | None, *, tense: int = 0) -> tuple[str, str, bool]:
    """(value, granularity, whether the anchor was needed) for a date with stated parts."""
    if cand.month_offset is not None and cand.month is None:
        if anchor is None:
            return f"---{cand.day:02d}", "day", False  # ISO 8601's day of an unknown month
        index = anchor.year * 12 + anchor.month - 1 + cand.month_offset
        return *_stated_value(replace(cand, year=index // 12, month=index % 12 + 1), None)[:2], True
    granularity = "day" if cand.day else "month" if cand.month else "year"
    year = cand.year
    used = False
    if year is None and cand.year_offset is not None and anchor is not None:
        year = anchor.year + cand.year_offset
        used = True
    elif year is None and cand.month is not None and anchor is not None:
        year = _nearest_year(cand.month, cand.day, anchor, tense=tense)
        used = True
    if year is None:
        value = f"--{cand.month:02d}" + (f"-{cand.day:02d}" if cand.day else "")
    else:
        value = (
            f"{year:04d}"
            + (f"-{cand.month:02d}" if cand.month else "")
            + (f"-{cand.day:02d}" if cand.day else "")
        )
    return value, granularity, used


def _nearest_year(month: int, day: int | None, anchor: dt.date, *, tense: int = 0) -> int:
    """The year that puts a yearless date closest to the anchor, the past being favoured; the
    future in a sentence about the future (``tense`` 1: "will meet in January"), only the past
    in one about the past (``tense`` -1: "viajó en enero")."""
    best, best_cost = anchor.year, float("inf")
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if not _valid(year, month, day):
            continue
        if day is None:
            distance = (anchor.year - year) * 12 + anchor.month - month  # in months
        else:
            distance = (anchor - dt.date(year, month, day)).days
        if tense > 0:
            distance = -distance
        elif tense < 0 and distance < 0:
            continue
        cost = distance if distance >= 0 else -distance * _FUTURE_PENALTY
        if cost < best_cost:
            best, best_cost = year, cost
    return best


def _relative_value(cand: Found, text: str, anchor: dt.date, language: str | None) -> tuple[str, str] | None:
    """(value, granularity) of a relative phrase or a weekday."""
    if cand.weekday is not None:
        future = future_context(text, cand.start, cand.end, language)
        return weekday_date(anchor, cand.weekday, 1 if future else -1, inclusive=True).isoformat(), "day"
    rel = cand.relative
    assert rel is not None
    if rel.unit == "weekday":
        if rel.weekday is None:
            return None
        return weekday_date(anchor, rel.weekday, rel.offset, inclusive=False).isoformat(), "day"
    return _shift(anchor, rel)


def _shift(anchor: dt.date, rel: Relative) -> tuple[str, str] | None:
    """Move the anchor by a relative offset and print it at the unit's granularity."""
    if rel.unit == "day":
        day = (anchor + dt.timedelta(days=rel.offset)).isoformat()
        return (f"{day}T{rel.part}", "time") if rel.part else (day, "day")
    if rel.unit in ("quarter", "decade", "century"):
        return shift_long(anchor, rel)
    if rel.unit == "week":
        year, week, _ = (anchor + dt.timedelta(weeks=rel.offset)).isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    if rel.unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + rel.offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    if rel.unit == "year":
        return f"{anchor.year + rel.offset:04d}", "year"
    return None  # a look-alike phrase ("por la mañana")


__all__ = ["extract_times"]

"""TimeML values beyond calendar days, months and years: references, durations, quarters and
halves, decades, centuries and clock times (see :mod:`storyline.dates.expressions`).

Every language states them in ``langs/<iso>/dates.toml`` under ``[timeml]``: phrase lists for
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` and *templates* for the rest, plain phrases with
placeholders that are expanded into regex groups here:

=============  ===========================================================================
``{n}``        a count: digits or a number word (the language's ``claims.toml`` number
               words, plus ``[timeml] one`` such as "a", "un")
``{unit}``     a time unit word of ``[timeml.units]`` (``"years" = "Y"``)
``{ord}``      an ordinal of ``[timeml.ordinals]`` (``"third" = 3``) or ``3rd``
``{year}``     a four-digit year
``{decade}``   a decade word of ``[timeml.decades]`` (``"nineties" = 9``); ``{dd}`` two digits ("90")
``{century}``  an ordinal, ``20th`` or a Roman numeral ("XV")
``{day}``      a day of the month ("el día 13": the anchor's month, or the one before)
``{hh}:{mm}``  a clock time; ``{zone}`` a zone of ``langs/xx/dates.toml`` (UTC, GMT …)
=============  ===========================================================================

A template names its kind by the table it sits in (``quarter``, ``half``, ``decade``,
``century``, ``duration``, ``clock``).  Matching runs on lowercased text like the rest of the
date patterns.  Values follow TimeML: ``P20Y`` (a duration is a period, never a date),
``1989-Q3``, ``1989-H2``, ``199`` (the 1990s), ``14`` (the 15th century),
``2024-05-01T16:08Z``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from storyline import langs
from storyline.dates.lexicon import UNSPACED
from storyline.regex_guard import grouped, guarded

REFS = {"present_ref": "PRESENT_REF", "past_ref": "PAST_REF", "future_ref": "FUTURE_REF"}
KINDS = ("quarter", "half", "decade", "century", "duration", "clock", "day_of_month")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
# Units written with a T in TimeML durations ("PT3H"), and units that are multiples of a year.
_CLOCK_UNITS = frozenset({"H", "MIN", "S"})
_YEAR_MULTIPLES = {"DE": 10, "CE": 100}


@dataclass(frozen=True, slots=True)
class Special:
    """A TimeML expression that is not a plain calendar date, with the parts it states."""

    kind: str  # "ref" | one of KINDS
    value: str = ""  # refs: "PRESENT_REF"; durations: "P20Y"; clock: "T16:08Z"
    number: int | None = None  # the quarter, half, decade digit or century ordinal
    year: int | None = None  # a stated year ("the third quarter of 1989", "the 1990s")


@dataclass(frozen=True, slots=True)
class TimemlLexicon:
    """One language's compiled TimeML patterns and the words their groups map to."""

    refs: re.Pattern[str] | None
    ref_values: Mapping[str, str]
    # (kind, pattern, a literal word the text must contain for the pattern to match, or "")
    templates: tuple[tuple[str, re.Pattern[str], str], ...]
    numbers: Mapping[str, int]
    units: Mapping[str, str]
    ordinals: Mapping[str, int]
    decades: Mapping[str, int]
    zones: Mapping[str, str]
    meridiems: Mapping[str, str] = field(default_factory=dict)  # "p.m." -> "pm"


def _alternation(words: Mapping[str, Any] | list[str]) -> str:
    ordered = sorted({str(w).lower() for w in words}, key=lambda w: (-len(w), w))
    return grouped([re.escape(w).replace(r"\ ", r"\s+") for w in ordered]) or r"(?!x)x"


def _groups(lex: dict[str, str]) -> dict[str, str]:
    """Regex group for each placeholder."""
    return {
        "{n}": rf"(?P<n>\d{{1,4}}|{lex['numbers']})",
        "{unit}": rf"(?P<unit>{lex['units']})",
        "{ord}": rf"(?P<ord>[1-4](?:st|nd|rd|th)|{lex['ordinals']})",
        "{year}": r"(?P<year>[12]\d{3})",
        "{decade}": rf"(?P<decade>{lex['decades']})",
        "{dd}": r"(?P<decade>[1-9]0)",
        "{century}": rf"(?P<century>\d{{1,2}}(?:st|nd|rd|th|e|º|°)?|[ivxl]{{1,6}}|{lex['ordinals']})",
        "{day}": r"(?P<day>[12]\d|3[01]|0?[1-9])",
        "{hh}": r"(?P<hh>[01]?\d|2[0-3])",
        "{mm}": r"(?P<mm>[0-5]\d)",
        "{zone}": rf"(?P<zone>{lex['zones']})",
        "{mer}": rf"(?P<mer>{lex['meridiems']})",
    }


def _template_regex(template: str, groups: Mapping[str, str]) -> str:
    """A template as regex: literal words with flexible spaces, placeholders as groups."""
    parts = re.split(r"(\{\w+\})", template.lower())
    out = []
    for part in parts:
        if part in groups:
            out.append(groups[part])
        elif part:
            out.append(re.escape(part).replace(r"\ ", r"\s+").replace("'", "['’]"))
    return "".join(out)


@cache
def timeml_lexicon(lang: str) -> TimemlLexicon:
    """The compiled :class:`TimemlLexicon` of ``lang`` (its ``[timeml]`` table, with ``xx``)."""
    base = langs.base(lang)
    own: dict[str, Any] = langs.load(base, "dates").get("timeml", {})
    universal: dict[str, Any] = langs.load(langs.UNIVERSAL, "dates").get("timeml", {})
    number_words = langs.load(base, "claims").get("numbers", {}).get("words", {})
    numbers = {str(k).lower(): int(v) for k, v in number_words.items() if float(v).is_integer()}
    numbers.update({str(w).lower(): 1 for w in own.get("one", [])})
    units = {str(k).lower(): str(v) for k, v in own.get("units", {}).items()}
    ordinals = {str(k).lower(): int(v) for k, v in own.get("ordinals", {}).items()}
    decades = {str(k).lower(): int(v) for k, v in own.get("decades", {}).items()}
    zones = {str(k).lower(): str(v) for k, v in universal.get("zones", {}).items()}
    meridiems = {str(k).lower(): str(v) for k, v in own.get("meridiems", {}).items()}
    words = {
        "numbers": _alternation(numbers),
        "units": _alternation(units),
        "ordinals": _alternation(ordinals),
        "decades": _alternation(decades),
        "zones": _alternation(zones),
        "meridiems": _alternation(meridiems),
    }
    groups = _groups(words)
    templates = []
    for kind in KINDS:
        forms = [*own.get(kind, []), *universal.get(kind, [])]
        # One pattern per template: alternatives would repeat group names.
        templates += [
            (kind, guarded(_template_regex(f, groups) + rf"(?![^\W{UNSPACED}]|['’]|[:.,]\d)"), _literal(f))
            for f in forms
        ]
    ref_values = {str(p).lower(): REFS[key] for key in REFS for p in own.get(key, [])}
    refs = guarded(rf"(?:{_alternation(ref_values)})(?!\w)") if ref_values else None
    return TimemlLexicon(
        refs, ref_values, tuple(templates), numbers, units, ordinals, decades, zones, meridiems
    )


def _literal(template: str) -> str:
    """The longest literal word of a template: a text without it cannot match (a cheap test)."""
    words = [w for w in re.split(r"\{\w+\}|[\s'’-]+", template.lower()) if w.isalpha()]
    return max(words, key=len, default="")


def find_specials(low: str, lang: str) -> Iterator[tuple[int, int, Special]]:
    """``(start, end, Special)`` of every reference and template match in lowercased ``low``."""
    lex = timeml_lexicon(lang)
    if lex.refs is not None:
        for m in lex.refs.finditer(low):
            value = lex.ref_values.get(" ".join(m.group().split()))
            if value is not None:
                yield m.start(), m.end(), Special("ref", value)
    for kind, pattern, literal in lex.templates:
        if literal and literal not in low:
            continue
        for m in pattern.finditer(low):
            special = _special(kind, m, lex)
            if special is not None:
                yield m.start(), m.end(), special


def _count(word: str, lex: TimemlLexicon) -> int | None:
    return int(word) if word.isdigit() else lex.numbers.get(" ".join(word.split()))


def _ordinal(word: str, lex: TimemlLexicon) -> int | None:
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    if re.fullmatch(r"[ivxl]+", word):
        return _roman(word)
    return lex.ordinals.get(" ".join(word.split()))


def _roman(word: str) -> int:
    total = 0
    for i, ch in enumerate(word):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(word) and _ROMAN[word[i + 1]] > value else value
    return total


def _special(kind: str, m: re.Match[str], lex: TimemlLexicon) -> Special | None:
    parts = {k: v for k, v in m.groupdict().items() if v is not None}
    return _READERS[kind](kind, parts, lex)


def _part(kind: str, parts: Mapping[str, str], lex: TimemlLexicon) -> Special | None:
    number = _ordinal(parts["ord"], lex) if "ord" in parts else _count(parts.get("n", ""), lex)
    top = 4 if kind == "quarter" else 2
    year = int(parts["year"]) if "year" in parts else None
    return Special(kind, number=number, year=year) if number and 1 <= number <= top else None


def _decade_of(kind: str, parts: Mapping[str, str], lex: TimemlLexicon) -> Special | None:
    if "year" in parts:
        year = int(parts["year"])
        return Special(kind, year=year) if year % 10 == 0 else None
    word = parts.get("decade", "")
    digit = int(word) // 10 if word.isdigit() else lex.decades.get(word)
    return Special(kind, number=digit) if digit is not None else None


def _century_of(kind: str, parts: Mapping[str, str], lex: TimemlLexicon) -> Special | None:
    number = _ordinal(parts.get("century", ""), lex)
    return Special(kind, number=number) if number and 1 <= number <= 21 else None


def _clock(kind: str, parts: Mapping[str, str], lex: TimemlLexicon) -> Special | None:
    zone = lex.zones.get(parts["zone"].lower(), "") if "zone" in parts else ""
    hour = _hour(int(parts["hh"]), lex.meridiems.get(" ".join(parts.get("mer", "").split())))
    return Special(kind, value=f"T{hour:02d}:{parts.get('mm', '00')}{zone}") if hour is not None else None


def _hour(hour: int, meridiem: str | None) -> int | None:
    """The 24-hour hour of "8 a.m." / "10:30 p.m." (a 12-hour clock stops at 12)."""
    if meridiem is None:
        return hour
    if not 1 <= hour <= 12:
        return None
    return hour % 12 + (12 if meridiem == "pm" else 0)


def _day(kind: str, parts: Mapping[str, str], lex: TimemlLexicon) -> Special | None:
    return Special(kind, number=int(parts["day"]))


def _duration(kind: str, parts: Mapping[str, str], lex: TimemlLexicon) -> Special | None:
    unit = lex.units.get(" ".join(parts.get("unit", "").split()))
    amount = _count(parts.get("n", ""), lex) if "n" in parts else None
    if unit is None or amount is None or amount <= 0:
        return None
    if unit in _YEAR_MULTIPLES:
        return Special("duration", f"P{amount * _YEAR_MULTIPLES[unit]}Y")
    if unit in _CLOCK_UNITS:
        return Special("duration", f"PT{amount}{unit[0]}")
    return Special("duration", f"P{amount}{unit}")


_READERS = {
    "quarter": _part,
    "half": _part,
    "decade": _decade_of,
    "century": _century_of,
    "duration": _duration,
    "clock": _clock,
    "day_of_month": _day,
}


def special_value(special: Special, anchor: dt.date | None, *, future: bool) -> tuple[str, str] | None:
    """``(value, granularity)`` of a special expression; None when it needs an anchor it lacks."""
    fixed = {"ref": "ref", "duration": "period"}
    if special.kind in fixed:
        return special.value, fixed[special.kind]
    if special.kind == "clock":
        return (anchor.isoformat() if anchor else "") + special.value, "time"
    if special.kind == "century":
        return f"{(special.number or 1) - 1:02d}", "century"
    if special.kind == "decade":
        return _decade(special, anchor)
    if special.kind == "day_of_month":
        return _day_of_month(special.number or 1, anchor, future=future)
    return _part_of_year(special, anchor, future=future)


def _decade(special: Special, anchor: dt.date | None) -> tuple[str, str] | None:
    if special.year is not None:
        return f"{special.year // 10:03d}", "decade"
    if anchor is None or special.number is None:
        return None
    century = anchor.year // 100
    if special.number * 10 > anchor.year % 100:
        century -= 1  # "the nineties" read in 2024 are the 1990s
    return f"{century * 10 + special.number:03d}", "decade"


def _day_of_month(day: int, anchor: dt.date | None, *, future: bool) -> tuple[str, str] | None:
    """Day ``day`` of the anchor's month, or of the month before when that day is still to come
    (of the month after, in a sentence about the future, when it is past)."""
    if anchor is None:
        return None
    index = anchor.year * 12 + anchor.month - 1
    if day > anchor.day and not future:
        index -= 1
    elif day < anchor.day and future:
        index += 1
    year, month = divmod(index, 12)
    try:
        return dt.date(year, month + 1, day).isoformat(), "day"
    except ValueError:
        return None


def _part_of_year(special: Special, anchor: dt.date | None, *, future: bool) -> tuple[str, str] | None:
    """A quarter or half: of the stated year, else the latest one begun by the anchor (the next
    one in a sentence about the future)."""
    letter, per_year = ("Q", 4) if special.kind == "quarter" else ("H", 2)
    number = special.number or 1
    year = special.year
    if year is None:
        if anchor is None:
            return None
        current = (anchor.month - 1) * per_year // 12 + 1
        year = anchor.year
        if number > current and not future:
            year -= 1
        elif number < current and future:
            year += 1
    return f"{year:04d}-{letter}{number}", special.kind


def granularity_type(granularity: str) -> str:
    """The TimeML type of a value of this granularity."""
    return {"time": "TIME", "period": "DURATION"}.get(granularity, "DATE")

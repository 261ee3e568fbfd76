"""Per-language date vocabularies and the regular expressions generated from them.

Nothing here is a hand-typed month list: month and weekday names come from
CLDR (via babel), relative words ("yesterday", "hôm qua", "i går") and the
day/month order from dateparser's locale data, and only what those two lack
(prepositions that introduce a year, phrases that look like dates but are
not, "last {weekday}" templates) from ``storyline/langs/<iso>/dates.toml``.

A :class:`Lexicon` is built lazily the first time a language is seen and is
cached for the life of the process, so every regex is compiled once.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import get_day_names, get_month_names

from storyline import langs

# dateparser names relative phrases by what they mean ("1 day ago", "in 1 week");
# only calendar units matter for dates, hours and minutes are clock times.
_REL_KEY = re.compile(r"^(?:in )?(\d+) (day|week|month|year)(?: ago)?$")
_WEEKDAY_KEY = re.compile(r"^(last|this|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)$")
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Shorter forms than this are too often ordinary words or initials ("mo", "Lu", "cn").
_MIN_NAME = 3
# Letters of Han and kana, written without spaces between words, and of Hangul, whose
# particles attach to the word before them: a date word may touch them on its right
# ("昨天在", "27일에"); on its left only Han and kana (:func:`spaceless_before`).
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# The end of a date word: no letter or digit follows, but a letter of those scripts may,
# and after such a letter a digit may too ("来年1月", "今月9日").
WORD_END = rf"(?:(?<=[{UNSPACED}])(?![^\W\d{UNSPACED}])|(?![^\W{UNSPACED}]))"


def spaceless_before(ch: str) -> bool:
    """Whether ``ch`` is a Han or kana letter, after which a new word can start unspaced."""
    return bool(_SPACELESS.match(ch))


@dataclass(frozen=True, slots=True)
class Relative:
    """What a relative phrase means: ``offset`` units from the anchor (``unit`` day|week|month|year).

    ``weekday`` (0 = Monday) is set for "last Tuesday"-like phrases, where
    ``offset`` is -1 (last), 0 (this) or +1 (next).  A ``None`` entry in a
    lexicon marks a phrase that contains a date word but is not a date.
    """

    unit: str
    offset: int
    weekday: int | None = None
    part: str | None = None  # a part of the day ("MO", "AF", "EV", "NI"): "this morning"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the extractor needs for one language, with its compiled patterns."""

    lang: str
    order: str  # "DMY" | "MDY" | "YMD": how to read 11/12/2024
    months: Mapping[str, int]  # lowercased name -> 1..12
    loose_months: frozenset[str]  # names that only count next to a day or a year
    weekdays: Mapping[str, int]  # lowercased name -> 0 (Monday)..6
    loose_weekdays: frozenset[str]  # names that are also common words ("Minggu" = week)
    relatives: Mapping[str, Relative | None]
    ago_units: tuple[str, ...]  # unit of each alternative of ``ago``, by group number
    number_ago_units: tuple[str, ...]  # the same for ``number_ago`` (group number - 2)
    future_markers: tuple[str, ...]
    day_prefixes: frozenset[str]  # words before "25/6" that make it a date ("ngày", "on")
    textual_dm: re.Pattern[str]
    textual_md: re.Pattern[str]
    month_year: re.Pattern[str]
    lone_month: re.Pattern[str]
    year: re.Pattern[str]
    relative: re.Pattern[str] | None
    ago: re.Pattern[str] | None  # "hace 3 días": the phrase starts with a word
    number_ago: re.Pattern[str] | None  # "3 days ago": the phrase starts with the number
    weekday_modifiers: WeekdayModifiers
    weekday: re.Pattern[str] | None
    number_words: Mapping[str, int]  # "two" = 2, "diez" = 10: counts in "two years ago"
    future_verb: re.Pattern[str] | None  # a future-tense verb form ("será", "llegarán")
    past_verb: re.Pattern[str] | None = None  # a past-tense verb form ("viajó", "llegaron")
    past_markers: frozenset[str] = frozenset()  # "last", "was", "had": the sentence is about the past
    year_prefixes: frozenset[str] = frozenset()  # "in", "since": before a year (and a sentence-initial month)
    day_parts: re.Pattern[str] | None = None  # "凌晨", "새벽": a part of the day written after the day


def _dateparser_info(lang: str) -> dict[str, Any]:
    """dateparser's translation data for ``lang`` (``{}`` when it has none)."""
    base = langs.base(lang)
    if not re.fullmatch(r"[a-z]{2,3}", base):
        return {}  # a language code is never a module path ("__pycache__", "..")
    try:
        module = importlib.import_module(f"dateparser.data.date_translation_data.{base}")
    except ImportError:
        return {}
    info: dict[str, Any] = module.info
    return info


def _date_order(lang: str, info: Mapping[str, Any]) -> str:
    """Day/month order for a language or a locale such as ``en-GB`` (DMY when unknown)."""
    specific = info.get("locale_specific", {}).get(lang, {})
    order = specific.get("date_order") or info.get("date_order") or "DMY"
    return str(order)


def _babel_names(lang: str) -> tuple[dict[str, int], set[str], dict[str, int]]:
    """CLDR month names (wide and abbreviated), the abbreviated ones, and wide weekday names."""
    months: dict[str, int] = {}
    abbreviated: set[str] = set()
    weekdays: dict[str, int] = {}
    locale = lang.replace("-", "_")
    try:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale).items():
                months[name.lower()] = number
            for number, name in get_month_names("abbreviated", context, locale).items():
                abbreviated.add(name.lower().rstrip("."))
                months.setdefault(name.lower().rstrip("."), number)
            for number, name in get_day_names("wide", context, locale).items():
                weekdays[name.lower()] = number
    except (UnknownLocaleError, ValueError):
        return {}, set(), {}
    # An abbreviation identical to a wide name ("May", "März", "tháng 1") is a full name.
    wide = {n.lower() for c in ("format", "stand-alone") for n in get_month_names("wide", c, locale).values()}
    return months, abbreviated - wide, weekdays


def _inflected_months(lang: str, data: Mapping[str, Any]) -> dict[str, int]:
    """Case forms CLDR lacks, from ``month_inflections`` rules applied to the stand-alone names:
    Russian ``["ь", "е"]`` turns "апрель" into the prepositional "апреле" ("в апреле")."""
    return _inflected(lang, data, "month_inflections", get_month_names)


def _inflected_weekdays(lang: str, data: Mapping[str, Any]) -> dict[str, int]:
    """Weekday case forms CLDR lacks (``weekday_inflections``): Russian ``["а", "у"]`` turns
    "среда" into the accusative "среду" ("в среду")."""
    return _inflected(lang, data, "weekday_inflections", get_day_names)


def _inflected(lang: str, data: Mapping[str, Any], key: str, names_of: Any) -> dict[str, int]:
    """Each rule is ``[ending, replacement]``; the first rule whose ending a name has applies
    (an empty ending matches every name)."""
    rules = [(str(a), str(b)) for a, b in data.get(key, [])]
    if not rules:
        return {}
    try:
        names = names_of("wide", "stand-alone", lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return {}
    found: dict[str, int] = {}
    for number, name in names.items():
        low = name.lower()
        ending, replacement = next((r for r in rules if low.endswith(r[0])), ("", ""))
        if replacement:
            found[low[: len(low) - len(ending)] + replacement] = number
    return found


def _dateparser_months(info: Mapping[str, Any]) -> dict[str, int]:
    """Month spellings dateparser knows beyond CLDR ("Sept", "Jänner", "Tháng năm")."""
    found: dict[str, int] = {}
    for number, key in enumerate(_MONTHS_EN, start=1):
        for name in info.get(key, []):
            if len(name) >= _MIN_NAME:
                found[name.lower()] = number
    return found


def _dateparser_relatives(info: Mapping[str, Any]) -> dict[str, Relative | None]:
    """Relative day/week/month/year phrases and "last Tuesday" phrases from dateparser."""
    found: dict[str, Relative | None] = {}
    for key, phrases in info.get("relative-type", {}).items():
        meaning = _relative_meaning(key)
        if meaning is None:
            continue
        for phrase in phrases:
            if len(phrase) >= _MIN_NAME:
                found[phrase.lower()] = meaning
    return found


def _relative_meaning(key: str) -> Relative | None:
    """Parse a dateparser key such as ``"2 day ago"``, ``"in 1 week"`` or ``"last friday"``."""
    plain = _REL_KEY.match(key)
    if plain:
        amount = int(plain.group(1))
        return Relative(plain.group(2), -amount if key.endswith("ago") else amount)
    named = _WEEKDAY_KEY.match(key)
    if named:
        offset = {"last": -1, "this": 0, "next": 1}[named.group(1)]
        return Relative("weekday", offset, _WEEKDAYS_EN.index(named.group(2)))
    return None


def _toml_relatives(data: Mapping[str, Any]) -> dict[str, Relative | None]:
    """Extra relative phrases (``"esta mañana" = "0 day"``) and non-dates (``= "none"``) from TOML."""
    found: dict[str, Relative | None] = {}
    for phrase, meaning in data.get("relative", {}).items():
        if meaning == "none":
            found[phrase.lower()] = None
            continue
        amount, unit, *part = meaning.split()
        found[phrase.lower()] = Relative(unit, int(amount), part=part[0] if part else None)
    return found


def _ago_patterns(info: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """dateparser's "N days ago" regexes (past only: "in 3 years" is mostly a duration)."""
    patterns: list[str] = []
    units: list[str] = []
    for key, regexes in info.get("relative-type-regex", {}).items():
        unit = re.fullmatch(r"\\1 (day|week|month|year) ago", key)
        if unit is None:
            continue
        for original in regexes:
            # dateparser's number group accepts "1.5"; a date offset is a whole number.
            pattern = original.replace(r"(\d++[.,]?\d*+)", r"(\d{1,3})")
            if re.compile(pattern).groups == 1:
                patterns.append(pattern)
                units.append(unit.group(1))
    return patterns, units


def _phrase(text: str) -> str:
    """A literal phrase as regex: flexible spaces, both apostrophes, optional final dot."""
    out = re.escape(text).replace(r"\ ", r"\s+").replace("'", "['’]")
    return out + r"\.?" if text.isalpha() and len(text) <= 5 else out


def _alternation(names: Iterable[str]) -> str:
    """Longest first, so that "tháng 12" wins over "tháng 1"."""
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    return "|".join(_phrase(n) for n in ordered)


def _words(data: Mapping[str, Any], key: str) -> list[str]:
    """A list of strings from TOML, lowercased."""
    return [str(w).lower() for w in data.get(key, [])]


def _optional_words(words: list[str]) -> str:
    """``(?:(?:w1|w2)\\s+)?`` or the empty string."""
    return rf"(?:(?:{_alternation(words)})\s+)?" if words else ""


def _compile(pattern: str) -> re.Pattern[str]:
    """Patterns run on lowercased text and start with literals or digits, never with a
    look-behind: that lets the regex engine skip ahead to possible first characters,
    which makes the scans several times faster.  Callers check word starts instead."""
    return re.compile(pattern)


@cache
def lexicon(lang: str) -> Lexicon:
    """The cached lexicon of ``lang`` (a code like ``pt`` or a locale like ``en-US``)."""
    info = _dateparser_info(lang)
    base = langs.base(lang)
    data = {**langs.load(langs.UNIVERSAL, "dates"), **langs.load(base, "dates")}
    months, abbreviated, weekdays = _babel_names(lang)
    weekdays.update({n: d for n, d in _inflected_weekdays(lang, data).items() if n not in weekdays})
    extra = {n: m for n, m in _dateparser_months(info).items() if n not in months}
    months.update(extra)
    months.update({n: m for n, m in _inflected_months(lang, data).items() if n not in months})
    # dateparser-only spellings are treated like abbreviations: they need a day or year.
    loose_months = frozenset(abbreviated | set(extra) | set(_words(data, "ambiguous_months")))
    relatives = {**_dateparser_relatives(info), **_toml_relatives(data)}
    return _build(lang, _date_order(lang, info), months, loose_months, weekdays, relatives, info, data)


def _build(
    lang: str,
    order: str,
    months: dict[str, int],
    loose_months: frozenset[str],
    weekdays: dict[str, int],
    relatives: dict[str, Relative | None],
    info: Mapping[str, Any],
    data: Mapping[str, Any],
) -> Lexicon:
    """Compile the patterns of one language."""
    month = rf"(?P<month>{_alternation(months)})(?![\w'’])" if months else r"(?!x)x"
    day = r"(?P<day>\d\d?)(?:\.|º|°|ª|er|st|nd|rd|th)?(?!\d)"
    # After the month the day takes no ordinal dot: "on October 3." ends with the full stop.
    day_after_month = r"(?P<day>\d\d?)(?:º|°|ª|er|st|nd|rd|th)?(?!\d)"
    # A Gregorian year in ASCII, Arabic-Indic or Persian digits ("۲۰۲۴"); in the eastern digits a
    # year from 1000 to 1899 is left out: that is a Solar Hijri year ("۱۴۰۳"), not a Gregorian one.
    eastern = r"[\u0662\u06f2]\d{3}|[\u0661\u06f1][\u0669\u06f9]\d{2}"
    year = rf"(?P<year>[12]\d{{3}}|{eastern})(?![^\W{UNSPACED}]|[.,:]\d)"
    sep = r"(?:\s*,\s*|\s+)"
    links = _words(data, "day_month_links")
    year_links = _words(data, "month_year_links")
    tail = rf"(?:{sep}{_optional_words(year_links)}{year})?"
    wd = _alternation(weekdays) if weekdays else ""
    ago, ago_units = _ago_patterns(info)
    # Phrases that start with the number share one prefix, so the scan only
    # stops at digits or number words (several times faster than one branch per phrase).
    digits = r"(\d{1,3})"
    numbers = _number_words(lang, data)
    count = rf"(\d{{1,3}}|{_alternation(numbers)})" if numbers else digits
    pairs = list(zip(ago, ago_units, strict=True))
    number_first = [(p[len(digits) :], u) for p, u in pairs if p.startswith(digits)]
    word_first = [(p.replace(digits, count), u) for p, u in pairs if not p.startswith(digits)]
    lead = count
    rests = "|".join(f"({rest})" for rest, _ in number_first)
    suffixes = _words(data, "future_suffixes")
    parts = _words(data, "day_parts")
    return Lexicon(
        lang=lang,
        order=order,
        months=months,
        loose_months=loose_months,
        weekdays=weekdays,
        loose_weekdays=frozenset(_words(data, "ambiguous_weekdays")),
        relatives=relatives,
        ago_units=tuple(u for _, u in word_first),
        number_ago_units=tuple(u for _, u in number_first),
        future_markers=tuple(_words(data, "future_markers")),
        day_prefixes=frozenset(_words(data, "day_prefixes")),
        textual_dm=_compile(rf"{day}{sep}{_optional_words(links)}{month}{tail}"),
        textual_md=_compile(rf"{month}\s*{day_after_month}{tail}"),
        month_year=_compile(rf"{month}{sep}{_optional_words(year_links)}{year}"),
        lone_month=_compile(month),
        year=_year_pattern(data, year),
        relative=_compile(rf"(?:{_alternation(relatives)}){WORD_END}") if relatives else None,
        ago=_compile("|".join(f"(?:{p})(?!\\w)" for p, _ in word_first)) if word_first else None,
        number_ago=_compile(rf"{lead}(?:{rests})(?!\w)") if number_first else None,
        weekday_modifiers=_weekday_modifiers(data),
        weekday=_compile(rf"(?:{wd}){WORD_END}") if wd else None,
        number_words=numbers,
        future_verb=_ending_pattern(suffixes),
        past_verb=_ending_pattern(_words(data, "past_suffixes")),
        past_markers=frozenset(_words(data, "past_markers")),
        year_prefixes=frozenset(_words(data, "year_prefixes")),
        day_parts=_compile(rf"\s*(?:{_alternation(parts)})") if parts else None,
    )


def _ending_pattern(endings: list[str]) -> re.Pattern[str] | None:
    """Words of at least two letters before one of ``endings`` (verb forms of one tense)."""
    return re.compile(rf"\w{{2,}}(?:{_alternation(endings)})") if endings else None


def _number_words(lang: str, data: Mapping[str, Any]) -> dict[str, int]:
    """Whole-number words of the language (``claims.toml`` ``[numbers] words``) and ``[timeml] one``."""
    base = langs.base(lang)
    words = langs.load(base, "claims").get("numbers", {}).get("words", {})
    found = {str(w).lower(): int(v) for w, v in words.items() if float(v).is_integer() and 0 < v < 1000}
    found.update({str(w).lower(): 1 for w in data.get("timeml", {}).get("one", [])})
    return found


def _year_pattern(data: Mapping[str, Any], year: str) -> re.Pattern[str]:
    """A bare year is only a year after a year preposition ("in", "năm") or before a year word."""
    before = _words(data, "year_prefixes")
    after = _words(data, "year_suffixes")
    options = []
    if before:
        options.append(rf"(?:{_alternation(before)})\s+{year}")
    if after:
        options.append(rf"{year.replace('year>', 'year2>')}\s*(?:{_alternation(after)}){WORD_END}")
    return _compile("|".join(options) if options else r"(?!x)x")


@dataclass(frozen=True, slots=True)
class WeekdayModifiers:
    """``[weekday_modifiers]`` templates ("el {weekday} pasado") split at the weekday.

    A weekday name is found first; then ``before`` (anchored at the end of
    the preceding text) and ``after`` (anchored right after the name) find the
    words around it, and ``meaning`` maps (before, after) to -1/0/+1.
    """

    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    meaning: Mapping[tuple[str, str], int]


def _weekday_modifiers(data: Mapping[str, Any]) -> WeekdayModifiers:
    offsets = {"last": -1, "this": 0, "next": 1}
    meaning: dict[tuple[str, str], int] = {}
    for key, templates in data.get("weekday_modifiers", {}).items():
        for template in templates:
            left, _, right = str(template).lower().partition("{weekday}")
            meaning[(" ".join(left.split()), " ".join(right.split()))] = offsets[key]
    lefts = {left for left, _ in meaning if left}
    rights = {right for _, right in meaning if right}
    return WeekdayModifiers(
        before=re.compile(rf"(?<!\w)(?:{_alternation(lefts)})\s+$") if lefts else None,
        after=re.compile(rf"\s+(?:{_alternation(rights)})(?!\w)") if rights else None,
        meaning=meaning,
    )

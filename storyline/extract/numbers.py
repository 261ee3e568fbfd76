"""Quantities in news text: ``more than 10,000 troops`` → 10000, "troop", "more than".

What counts as a quantity is a number (digits or number words) with what it
counts: a unit noun, ``%`` or a scale word (``2.5 million``).  A bare number
with none of these is a label, a count of comments or a page number, and is
not returned.

Separators follow the language's CLDR number symbols (babel): ``22.300`` is
22300 in Indonesian, where the dot groups thousands, and ``157,5`` is 157.5 in
Vietnamese, where the comma is decimal.  A single separator followed by
exactly three digits is a thousands group when the language groups with it;
any other single separator is decimal, so the English style that many
outlets use in every language (``2.5``) still reads right.

Numbers that are not quantities are left out: years (1900–2100 without a
unit), dates and times (``29/11``, ``07:44``, ``12 Oktober``, ``tháng 12``),
scores and ranges (``2-1``), codes and names (``UR-77``, ``MH17``, ``5G``) and
anything inside a URL.  Number words, scale words, qualifiers and unit rules
are per-language data in ``langs/<iso>/claims.toml`` (``[numbers]`` and
``[qualifiers]``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import simplemma
from babel.core import UnknownLocaleError
from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from storyline import langs
from storyline.model import Number, Span

_SPACES = " \u00a0\u202f"
_DIGITS = re.compile(r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\d.,]\d)|\d+(?:[.,]\d+)*")
# Something only a URL or an address contains; the whole white-space-delimited token around it is skipped.
_URL_ANCHOR = re.compile(r"://|www\.|@|\.(?:com|net|org|html?|php|aspx?)\b")
_GLUED = re.compile(r"[%\w]+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_GAP = re.compile(r"[ \u00a0\u202f]+")
_SPLIT = re.compile(r"\S+")
_TOKEN_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Everything :func:`extract_numbers` needs about one language, compiled once."""

    lang: str | None
    decimal: str | None
    group: str | None
    words: dict[str, float]
    multipliers: dict[str, float]
    connectors: frozenset[str]
    word_run: re.Pattern[str] | None
    scale_after: re.Pattern[str] | None
    token: re.Pattern[str] | None
    qualifiers: dict[str, str]
    qualifier_ends: frozenset[str]  # last words of the qualifiers, a cheap first test
    run_starts: frozenset[str]  # first words of the number words, a cheap first test
    percent_after: re.Pattern[str] | None
    months: frozenset[str]
    not_after: frozenset[str]
    glued_units: frozenset[str]
    adjectives_before_noun: bool
    capitalised_nouns: bool
    adjective_suffixes: tuple[str, ...]
    skip_before_unit: frozenset[str]
    not_units: frozenset[str]
    lemmatise: bool


# A regex alternation of literal phrases, longest first, spaces matching any gap.
_alternation = functools.partial(langs.alternation, gap=r"[\s\u00a0]+")


def _symbols(lang: str | None) -> tuple[str | None, str | None]:
    """CLDR decimal and group symbols of ``lang``; ``(None, None)`` when unknown."""
    if lang is None:
        return None, None
    try:
        return get_decimal_symbol(lang), get_group_symbol(lang)
    except (UnknownLocaleError, ValueError):
        return None, None


def _months(lang: str | None) -> frozenset[str]:
    """Casefolded month names of ``lang`` (English when unknown), all widths and contexts."""
    names: set[str] = set()
    for locale in {lang or "en", "en"}:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                try:
                    months = get_month_names(width, context, locale)
                except (UnknownLocaleError, ValueError):
                    continue
                for name in months.values():
                    names.add(name.casefold().rstrip("."))
                    names.add(name.casefold().split()[0])  # "tháng 12" -> "tháng"
    return frozenset(names)


def _can_lemmatise(lang: str | None) -> bool:
    """Whether simplemma has a dictionary for ``lang`` (it raises for e.g. Vietnamese)."""
    if lang is None:
        return False
    try:
        simplemma.lemmatize("test", lang=lang)
    except ValueError:
        return False
    return True


@cache
def _lexicon(lang: str | None) -> _Lexicon:
    """The compiled number lexicon of ``lang`` (universal rules only when None)."""
    data = langs.load(lang, "claims") if lang else {}
    universal = langs.load(langs.UNIVERSAL, "claims").get("numbers", {})
    nums = data.get("numbers", {})
    words = {k.casefold(): float(v) for k, v in nums.get("words", {}).items()}
    mults = {k.casefold(): float(v) for k, v in nums.get("multipliers", {}).items()}
    connectors = frozenset(c.casefold() for c in nums.get("connectors", ()))
    quals = {p.casefold(): canon for canon, ps in data.get("qualifiers", {}).items() for p in ps}
    decimal, group = _symbols(lang)
    num_alt, mult_alt = _alternation(words), _alternation(mults)
    run = None
    if num_alt:
        part = "|".join(x for x in (num_alt, mult_alt, _alternation(connectors)) if x)
        run = re.compile(rf"(?<!\w)(?:{num_alt})(?:[\s-]+(?:{part}))*(?!\w)", re.IGNORECASE)
    return _Lexicon(
        lang=lang,
        decimal=decimal,
        group=group,
        words=words,
        multipliers=mults,
        connectors=connectors,
        word_run=run,
        scale_after=re.compile(rf"(?:\s+(?:{mult_alt})(?!\w))+", re.IGNORECASE) if mult_alt else None,
        token=re.compile("|".join(x for x in (num_alt, mult_alt, _alternation(connectors)) if x), re.I)
        if num_alt or mult_alt
        else None,
        qualifiers=quals,
        qualifier_ends=frozenset(q.split()[-1] for q in quals),
        run_starts=frozenset(re.split(r"[\s-]", w)[0] for w in words),
        percent_after=re.compile(rf"\s*(?:{_alternation(nums.get('percent', ()))})(?!\w)", re.IGNORECASE)
        if nums.get("percent")
        else None,
        months=_months(lang),
        not_after=frozenset(w.casefold() for w in nums.get("not_after", ())),
        glued_units=frozenset(u.casefold() for u in universal.get("glued_units", ())),
        adjectives_before_noun=bool(nums.get("adjectives_before_noun", False)),
        capitalised_nouns=bool(nums.get("capitalised_nouns", False)),
        adjective_suffixes=tuple(nums.get("adjective_suffixes", ())),
        skip_before_unit=frozenset(w.casefold() for w in nums.get("skip_before_unit", ())),
        not_units=frozenset(w.casefold() for w in nums.get("not_units", ())),
        lemmatise=bool(nums.get("lemmatise", True)) and _can_lemmatise(lang),
    )


# --- reading digits ---------------------------------------------------------


def _grouped(parts: list[str]) -> bool:
    """Whether ``parts`` (split at separators) form a valid thousands grouping."""
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _digits_value(token: str, lex: _Lexicon) -> float | None:
    """The value of a digit token under the language's separators; None if it is no number."""
    if any(c in token for c in _SPACES):
        parts = re.split(f"[{_SPACES}]", token)
        return float("".join(parts)) if _grouped(parts) else None
    seps = [c for c in token if c in ".,"]
    if not seps:
        return float(token)
    if len(set(seps)) == 2:
        decimal = seps[-1]
        whole, frac = token.rsplit(decimal, 1)
        parts = re.split(r"[.,]", whole)
        return float("".join(parts) + "." + frac) if _grouped(parts) and seps.count(decimal) == 1 else None
    sep, parts = seps[0], token.split(seps[0])
    if len(parts) > 2:
        return float("".join(parts)) if _grouped(parts) else None  # else a date or version: 12.10.2024
    is_group = len(parts[1]) == 3 and (sep == lex.group or lex.group is None)
    return float("".join(parts)) if is_group else float(f"{parts[0]}.{parts[1]}")


def _is_embedded(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` belong to a date, time, score or code."""
    before = text[start - 1] if start else " "
    before2 = text[start - 2] if start > 1 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if before.isalnum() or before in "/:._#" or (before == "-" and before2.isalnum()):
        return True
    return after in "/:-" and (after2.isalnum())


def _is_date_context(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether a month name or a date word sits right before or after the number."""
    before = text[max(0, start - 30) : start]
    prev = before.split()[-1].casefold().rstrip(".") if before[-1:].isspace() and before.strip() else ""
    if prev in lex.months or prev in lex.not_after:
        return True
    following = _WORD.findall(text[end : end + 30])[:2]
    if following and following[0].casefold() in {"de", "of"} and len(following) > 1:
        following = following[1:]  # "30 de novembro", "12th of May"
    return bool(following) and following[0].casefold().rstrip(".") in lex.months


# --- reading number words ---------------------------------------------------


def _words_value(run: str, lex: _Lexicon) -> tuple[float, bool] | None:
    """Value of a run of number words and whether it ended on a scale word."""
    assert lex.token is not None
    total = current = 0.0
    scaled = False
    for found in lex.token.finditer(run):
        token = re.sub(r"\s+", " ", found.group().casefold())
        if token in lex.connectors:
            continue
        if token in lex.multipliers and (current or token not in lex.words):
            current = (current or 1.0) * lex.multipliers[token]
            scaled = True
            if lex.multipliers[token] >= 1000:
                total, current = total + current, 0.0
        elif token in lex.words:
            current += lex.words[token]
            scaled = False
    value = total + current
    return (value, scaled) if value else None


# --- units and qualifiers ---------------------------------------------------


def _looks_adjective(word: str, lex: _Lexicon) -> bool:
    """Whether ``word`` is probably a modifier before the noun it counts."""
    if lex.capitalised_nouns:
        return word[:1].islower()
    return word[:1].isupper() or word.casefold().endswith(lex.adjective_suffixes)


def _lemma(word: str, lex: _Lexicon) -> str:
    """The dictionary form of a unit noun, or the word itself when it is not safe."""
    surface = word if lex.capitalised_nouns else word.casefold()
    if not lex.lemmatise or lex.lang is None:
        return surface
    lemma = str(simplemma.lemmatize(surface, lang=lex.lang))
    # Refuse lemmas that strip a prefix (Indonesian "peluncur" -> "luncur"): not the same noun.
    return lemma if lemma[:3].casefold() == surface[:3].casefold() else surface


def _unit(text: str, pos: int, limit: int, lex: _Lexicon) -> tuple[str | None, int]:
    """The noun counted by the number ending at ``pos`` and where it ends."""
    words: list[re.Match[str]] = []
    cursor = pos
    while len(words) < 4:
        gap = _GAP.match(text, cursor, limit)
        word = _WORD.match(text, gap.end() if gap else cursor, limit)
        if gap is None or word is None:
            break
        words.append(word)
        cursor = word.end()
    if words and words[0].group().casefold() in lex.skip_before_unit and len(words) > 1:
        words = words[1:]
    chosen = None
    for i, word in enumerate(words):
        if word.group().casefold() in lex.not_units:
            break
        chosen = word
        nxt = words[i + 1] if i + 1 < len(words) else None
        if not (lex.adjectives_before_noun and nxt and _looks_adjective(word.group(), lex)):
            break
        if nxt.group().casefold() in lex.not_units:
            break
    if chosen is None:
        return None, pos
    return _lemma(chosen.group().strip("'’-"), lex), chosen.end()


def _qualifier(text: str, start: int, lex: _Lexicon) -> tuple[str | None, int]:
    """The qualifier right before ``start`` (canonical English) and where it begins."""
    origin = max(0, start - 40)
    window = text[origin:start]
    if not lex.qualifiers or not window[-1:].isspace():
        return None, start
    words = list(_SPLIT.finditer(window))
    if not words or words[-1].group().casefold() not in lex.qualifier_ends:
        return None, start
    # Longest phrase first: "just under" wins over "under".
    for size in range(min(4, len(words)), 0, -1):
        first = origin + words[-size].start()
        key = " ".join(w.group().casefold() for w in words[-size:])
        if key in lex.qualifiers and (first == 0 or not text[first - 1].isalnum()):
            return lex.qualifiers[key], first
    return None, start


# --- the public function ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Raw:
    """A number before its unit is read: where it is and what it is worth."""

    start: int
    end: int
    value: float
    scaled: bool
    from_words: bool


def _scale(text: str, raw: _Raw, limit: int, lex: _Lexicon) -> _Raw:
    """``raw`` extended over the scale words after it (``2.5 million``, ``10 ribu``)."""
    if lex.scale_after is None:
        return raw
    found = lex.scale_after.match(text, raw.end, limit)
    if found is None:
        return raw
    value = raw.value
    for word in re.findall(_alternation(lex.multipliers), found.group(), re.IGNORECASE):
        # Turkish capital İ matches "i" case-insensitively but casefolds to "i" + a combining dot.
        key = re.sub(r"[\s\u00a0]+", " ", word.casefold()).replace("\u0307", "")
        value *= lex.multipliers.get(key, 1.0)
    return _Raw(raw.start, found.end(), value, True, raw.from_words)


def _token_around(text: str, pos: int) -> tuple[int, int]:
    """The white-space-delimited token of ``text`` containing ``pos``."""
    left = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(" ", pos), text.find("\n", pos)) if i >= 0]
    return left, min(ends, default=len(text))


def _digit_numbers(text: str, start: int, end: int, lex: _Lexicon) -> Iterator[_Raw]:
    """Digit tokens in range that are neither dates, codes nor parts of URLs."""
    urls = [_token_around(text, m.start()) for m in _URL_ANCHOR.finditer(text, start, end)]
    for found in _DIGITS.finditer(text, start, end):
        token = found.group()
        if not (lex.group or "x").isspace() and " " in token:
            token = token.split(" ")[0]
        s, e = found.start(), found.start() + len(token)
        if _is_embedded(text, s, e) or any(a <= s < b for a, b in urls) or _is_date_context(text, s, e, lex):
            continue
        value = _digits_value(token, lex)
        if value is not None:
            yield _Raw(s, e, value, False, False)


def _word_numbers(text: str, start: int, end: int, lex: _Lexicon) -> Iterator[_Raw]:
    """Runs of number words (``sembilan``, ``dua puluh lima``, ``hai mươi``)."""
    if lex.word_run is None:
        return
    cursor = start
    for word in _TOKEN_WORD.finditer(text, start, end):
        if word.start() < cursor or word.group().casefold() not in lex.run_starts:
            continue
        found = lex.word_run.match(text, word.start(), end)
        if found is None:
            continue
        cursor = found.end()
        before = text[max(0, found.start() - 10) : found.start()].rstrip()
        if found.group()[:1].isupper() and before and before[-1] not in '.!?"«“:\n':
            continue  # capitalised mid-sentence: a name ("Lima"), not a number
        parsed = _words_value(found.group(), lex)
        if parsed is not None:
            yield _Raw(found.start(), found.end(), parsed[0], parsed[1], True)


def _finish(text: str, raw: _Raw, limit: int, lex: _Lexicon) -> tuple[Span, Number] | None:
    """Attach scale, percent, unit and qualifier; None when ``raw`` is no quantity."""
    raw = _scale(text, raw, limit, lex)
    unit: str | None = None
    end = raw.end
    glued = _GLUED.match(text, raw.end, limit)
    percent = lex.percent_after.match(text, raw.end, limit) if lex.percent_after else None
    if glued and glued.group().casefold() in lex.glued_units:
        unit, end = glued.group().casefold(), glued.end()
    elif text.startswith((" %", "\u00a0%", "\u202f%"), raw.end):
        unit, end = "%", raw.end + 2
    elif percent:
        unit, end = "%", percent.end()
    elif glued is None:
        unit, end = _unit(text, raw.end, limit, lex)
    else:
        return None  # letters glued to digits: "5G", "10th"
    qualifier, begin = _qualifier(text, raw.start, lex)
    if unit is None and not raw.scaled:
        return None
    if raw.from_words and raw.value == 1 and not raw.scaled:
        return None  # the word for "one" doubles as the indefinite article
    if _is_year(raw, unit, qualifier):
        return None
    return Span(begin, end), Number(raw.value, unit, text[begin:end], qualifier)


def _is_year(raw: _Raw, unit: str | None, qualifier: str | None) -> bool:
    """A bare four-digit number between 1900 and 2100 reads as a year."""
    plausible = 1900 <= raw.value <= 2100 and raw.value.is_integer() and not raw.from_words
    return plausible and raw.end - raw.start == 4 and unit != "%" and qualifier is None and not raw.scaled


def extract_numbers(
    text: str, *, language: str | None, start: int = 0, end: int | None = None
) -> tuple[tuple[Span, Number], ...]:
    """Quantities in ``text[start:end]`` with their units and qualifiers, in text order.

    Spans are offsets into ``text`` and cover qualifier, number, scale word
    and unit (``more than 10,000 troops``).  ``language`` selects separators,
    number words and unit rules; None uses the digits-only universal rules.
    """
    limit = len(text) if end is None else end
    lex = _lexicon(language)
    found: list[tuple[Span, Number]] = []
    taken_until = -1
    raws = sorted(
        [*_digit_numbers(text, start, limit, lex), *_word_numbers(text, start, limit, lex)],
        key=lambda r: r.start,
    )
    for raw in raws:
        if raw.start < taken_until:
            continue
        result = _finish(text, raw, limit, lex)
        if result is not None:
            found.append(result)
            taken_until = result[0].end
    return tuple(found)

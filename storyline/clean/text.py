"""Boilerplate removal for plain-text scrapes (HTML goes through trafilatura instead).

A scraped news page flattened to text is the article body wrapped in site
chrome: a header (slogan, logo, login links), ad placeholders such as
``[iklan_2]``, a source line, and a tail of comment and rating widgets,
share/tag blocks, lists of other stories ("teasers", each with its own
headline, date and first sentence) and page-generation footers.

The cleaner classifies lines on structure first and keywords second, so that
it also works for languages it has no words for:

1. **Line features.**  Length in words, sentence-final punctuation, date/time
   stamps (month and weekday names of ~70 CLDR locales from babel, digits,
   clock times), bracketed placeholders, counters ``(0)``, URLs, ``©`` and
   ``0.95 sec | 2287 kb`` footers, and per-language phrases from
   ``langs/<iso>/boilerplate.toml`` ("Bình luận", "Read more:", "Tags").
2. **Teaser blocks.**  A date stamp between a short headline (possibly
   repeated) and a sentence that is *not* followed by more body is a teaser of
   another story; two or more such blocks confirm the pattern.
3. **The tail.**  The first junk line after which no run of body paragraphs
   follows (every later long line is a teaser or an isolated comment) starts
   the tail, and everything from there on goes.  A junk line in the middle of
   an article is followed by body paragraphs, so it is dropped alone.
4. **The head.**  A headline is a short line followed by body; chrome lines
   before it go.  A line repeated later (the page title) is the headline too,
   and its repeats go.

Every dropped line is reported as a :class:`~storyline.model.Removal` with
offsets into the raw text, so nothing is lost: a date-stamp removal, for
instance, still tells a date finder where the page printed its date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names, get_period_names

from storyline import langs
from storyline.clean._text_patterns import (
    _BARE_URL,
    _CATEGORY_REASON,
    _CLOSERS,
    _COLON_CATEGORIES,
    _COUNTER,
    _DIGIT,
    _HEADLINE_BAD_END,
    _LETTER_RUNS,
    _MENU_ITEM_WORDS,
    _MENU_MIN_ITEMS,
    _MENU_SEPARATORS,
    _NON_LETTERS,
    _NUMBER_WITH_UNIT,
    _NUMERIC_DATE,
    _PLACEHOLDER,
    _PREFIX_CATEGORIES,
    _PREFIX_SLACK,
    _PREFIX_SLACK_ONE_WORD,
    _SENTENCE_END,
    _SEPARATOR_CHARS,
    _TRAILING_JUNK,
    _TRUNCATION,
    _WIDE_GAP,
    AD,
    COMMENT,
    DUPLICATE,
    FOOTER,
    NAVIGATION,
    SOURCE,
    STAMP,
    TEASER,
)
from storyline.clean.lines import (
    LineModel,
    mark_learned,
    mark_site_names,
    mark_trailing_menu,
    revisable,
)
from storyline.clean.source import date_from_url, find_source_line
from storyline.model import Cleaned, Removal

_MAX_STAMP_CHARS = 80
_MAX_STAMP_TOKENS = 8
_BODY_WORDS = 8  # a line this long that ends a sentence is a body paragraph
_LONG_WORDS = 25  # … and this long, with or without final punctuation
_HEADLINE_MAX_WORDS = 30
_SHORT_PART_WORDS = 5  # every part of a menu row "Đăng ký | Đăng nhập" is this short
_COLON_LINE_MAX_WORDS = 30
_FOOTER_MAX_WORDS = 25
_HEAD_SEARCH = 6  # the headline is among the first kept lines
_HEAD_GAP = 3  # subtitle, caption, byline: kept lines allowed between headline and body
_MASTHEAD_WORDS = 8  # site name or slogan above the headline
_TAIL_RATIO = 2  # in the tail, junk lines are at least twice the stray long lines (user comments)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The boilerplate phrases of a set of languages, normalised for lookup."""

    phrases: dict[str, str]  # normalised phrase -> category
    footers: tuple[str, ...]  # footer phrases, matched anywhere in a short normalised line
    footer_starts: frozenset[str]  # their first words: a cheap test before the search
    longest: int  # most words in one phrase


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank raw line and the features the decisions use."""

    start: int
    end: int
    text: str  # stripped
    norm: str  # case-folded letters only, for phrase lookup and repeats
    words: int
    body: bool  # a body paragraph by shape
    headline: bool  # shaped like a headline: short, no final period
    truncated: bool  # ends in "..." as a cut-off teaser snippet does
    digits: bool  # holds a digit (date stamps, counters and footers do)


def clean_text(raw: str, *, language: str | None = None, model: LineModel | None = None) -> Cleaned:
    """Remove site boilerplate from a plain-text scrape.

    ``language`` (an ISO 639-1 code) narrows the phrase lists to that language
    plus English and the universal ``xx`` list; without it every language's
    phrases apply, which is safe because phrases only ever match short lines.
    The result keeps each body line as one paragraph (joined by blank lines),
    reports every dropped line, the headline when the scrape starts with one,
    and the URL (and its date) from a source line.  ``model`` replaces the
    packaged line classifier (cross-validation fits its own).
    """
    lines, reasons, title = rule_decisions(raw, language)
    mark_learned(lines, reasons, title, model, revisable_lines(lines, reasons, title, language))
    mark_trailing_menu(lines, reasons)
    _restore_body_if_none_left(lines, reasons, _vocabulary(language))
    return _assemble(raw, lines, reasons, title)


def rule_decisions(raw: str, language: str | None = None) -> tuple[list[_Line], list[str | None], str | None]:
    """The non-blank lines, the rules' removal reason for each (None = kept), and the headline."""
    lines = _split_lines(raw)
    vocabulary = _vocabulary(language)
    reasons: list[str | None] = [_line_reason(line, vocabulary) for line in lines]
    for position in _teaser_positions(lines, reasons):
        reasons[position] = TEASER
    _mark_duplicates(lines, reasons)
    _mark_tail(lines, reasons)
    mark_site_names(lines, reasons)
    return lines, reasons, _find_title(lines, reasons)


def revisable_lines(
    lines: list[_Line], reasons: list[str | None], title: str | None, language: str | None = None
) -> list[bool]:
    """Which rule verdicts the line classifier may overturn (:func:`storyline.clean.lines.revisable`)."""
    vocabulary = _vocabulary(language)
    return revisable(lines, reasons, title, lambda line: _line_reason(line, vocabulary) is not None)


def _restore_body_if_none_left(
    lines: list[_Line], reasons: list[str | None], vocabulary: _Vocabulary
) -> None:
    """Undo block-level decisions when they left no body at all.

    Teaser, duplicate and tail rules judge blocks; on an odd page (the story
    repeated in its own "related" list) they can swallow the whole article.
    Losing the article is worse than keeping some junk, so body-shaped lines
    that no line-level rule condemns come back.
    """
    if any(reason is None and line.body for line, reason in zip(lines, reasons, strict=True)):
        return
    for position, line in enumerate(lines):
        if line.body and _line_reason(line, vocabulary) is None:
            reasons[position] = None


# --- vocabulary ---------------------------------------------------------------


def _normalise(text: str) -> str:
    """Case-folded letter runs separated by single spaces ("BÌNH LUẬN (0)" -> "bình luận")."""
    return " ".join(_NON_LETTERS.split(unicodedata.normalize("NFC", text).casefold())).strip()


def _fold(text: str) -> str:
    """A cheap comparison key for long lines, which only duplicate detection compares."""
    return re.sub(r"\s+", " ", text.casefold()).strip()  # " ".join(split()) without a list of words


@cache
def _vocabulary(language: str | None) -> _Vocabulary:
    """Phrase table for ``language`` (+ en + xx), or for every language when None."""
    if language is None:
        sources = list(langs.load_all("boilerplate").values())
    else:
        sources = [langs.load(code, "boilerplate") for code in (language, "en", langs.UNIVERSAL)]
    phrases: dict[str, str] = {}
    footers: set[str] = set()
    for data in sources:
        for category in _CATEGORY_REASON:
            for phrase in data.get(category, ()):
                key = _normalise(str(phrase))
                if key:
                    phrases.setdefault(key, category)
                    if category == "footer":
                        footers.add(key)
    longest = max((len(key.split()) for key in phrases), default=1)
    return _Vocabulary(
        phrases=phrases,
        footers=tuple(f" {key} " for key in sorted(footers)),
        footer_starts=frozenset(key.split()[0] for key in footers),
        longest=longest,
    )


@cache
def _date_words() -> tuple[frozenset[str], frozenset[str]]:
    """(calendar words, filler words) allowed in a date/time stamp line.

    Calendar words are month and weekday names of the CLDR locales listed in
    ``langs/xx/boilerplate.toml`` (all widths and contexts, split into letter
    runs: vi "tháng 12" gives "tháng"); fillers are day periods (AM, SA, ÖS)
    and every language's ``stamp`` list ("Cập nhật", "kl.", "GMT").
    """
    universal = langs.load(langs.UNIVERSAL, "boilerplate")
    calendar: set[str] = set()
    filler: set[str] = set()
    for code in universal.get("date_locales", ()):
        try:
            locale = Locale.parse(str(code))
        except (UnknownLocaleError, ValueError):
            continue
        calendar.update(_letter_runs(_calendar_names(locale)))
        filler.update(_letter_runs(get_period_names("abbreviated", "format", locale).values()))
    for data in langs.load_all("boilerplate").values():
        filler.update(_letter_runs(str(word) for word in data.get("stamp", ())))
    return frozenset(calendar), frozenset(filler | calendar)


def _calendar_names(locale: Locale) -> Iterable[str]:
    """Every month and weekday name of ``locale`` in every width and context."""
    for width in ("wide", "abbreviated", "narrow"):
        for context in ("format", "stand-alone"):
            yield from get_month_names(width, context, locale).values()
            if width != "narrow":  # narrow weekdays are single letters: too loose
                yield from get_day_names(width, context, locale).values()


def _letter_runs(texts: Iterable[str]) -> set[str]:
    """Case-folded letter runs of ``texts``."""
    return {run for text in texts for run in _LETTER_RUNS.findall(text.casefold())}


# --- line features --------------------------------------------------------------


def _split_lines(raw: str) -> list[_Line]:
    """The non-blank lines of ``raw`` with their offsets (``\\r\\n`` or ``\\n`` endings)."""
    lines: list[_Line] = []
    start = 0
    length = len(raw)
    while start <= length:
        newline = raw.find("\n", start)
        end = length if newline < 0 else newline
        stop = end - 1 if end > start and raw[end - 1] == "\r" else end
        if raw[start:stop].strip():
            lines.append(_features(raw, start, stop))
        start = end + 1
    return lines


def _features(raw: str, start: int, end: int) -> _Line:
    """Measure one line."""
    text = raw[start:end].strip()
    # Scripts without spaces (Chinese, Japanese, Thai) still get a word count roughly comparable to
    # spaced scripts; past 512 characters that exceeds every threshold, so a 10 MB line is not split.
    words = len(text) // 8 if len(text) > 512 else max(len(text.split()), len(text) // 8)
    ending = text.rstrip(_TRAILING_JUNK).rstrip(_CLOSERS + " ")
    ends_sentence = bool(ending) and ending[-1] in _SENTENCE_END
    return _Line(
        start=start,
        end=end,
        text=text,
        norm=_normalise(text) if words <= _COLON_LINE_MAX_WORDS else _fold(text),
        words=words,
        body=(words >= _BODY_WORDS and ends_sentence) or words >= _LONG_WORDS,
        headline=2 <= words <= _HEADLINE_MAX_WORDS and bool(ending) and ending[-1] not in _HEADLINE_BAD_END,
        truncated=ending.endswith(_TRUNCATION),
        digits=_DIGIT.search(text) is not None,
    )


def _line_reason(line: _Line, vocabulary: _Vocabulary) -> str | None:
    """Why this line is junk on its own, wherever it stands; None if it may be text."""
    if line.words > _COLON_LINE_MAX_WORDS:
        # Too long for any phrase, stamp, footer or placeholder; only a source
        # line with a long URL can be junk here.
        return SOURCE if find_source_line(line.text) is not None else None
    shape = _shape_reason(line, vocabulary)
    if shape is not None:
        return shape
    category = _phrase_category(line, vocabulary)
    if category is not None:
        return _CATEGORY_REASON[category]
    if line.words <= _SHORT_PART_WORDS and _COUNTER.search(line.text):
        return COMMENT  # "Yorumlar (3)": a counter on a short line is a widget
    return None


def _shape_reason(line: _Line, vocabulary: _Vocabulary) -> str | None:
    """Junk recognised by its shape alone, in any language."""
    text = line.text
    checks: tuple[tuple[str, Callable[[], bool]], ...] = (
        (AD, lambda: line.words <= 4 and _PLACEHOLDER.match(text) is not None),  # [iklan_2]
        (SOURCE, lambda: find_source_line(text) is not None),
        (NAVIGATION, lambda: _BARE_URL.match(text) is not None),
        (NAVIGATION, lambda: _is_spaced_menu(text)),
        (FOOTER, lambda: _is_footer(line, vocabulary)),
        (STAMP, lambda: _is_stamp(line)),
        (NAVIGATION, lambda: not line.norm),  # only digits and punctuation: "(0)", "***", "|"
    )
    return next((reason for reason, check in checks if check()), None)


def _is_spaced_menu(text: str) -> bool:
    """A row of short items set apart by wide gaps: ``Home   World   Sport   Weather``.

    Prose never puts runs of spaces between most of its words, so this holds
    in any language.
    """
    items = [item for item in _WIDE_GAP.split(text) if item.strip()]
    return len(items) >= _MENU_MIN_ITEMS and all(len(item.split()) <= _MENU_ITEM_WORDS for item in items)


def _is_footer(line: _Line, vocabulary: _Vocabulary) -> bool:
    """A copyright line, or page-generation statistics such as ``0.95206 sec| 2287.586 kb``."""
    if line.words > _FOOTER_MAX_WORDS:
        return False
    if "©" in line.text:
        return True
    tokens = line.norm.split()
    if not vocabulary.footer_starts.isdisjoint(tokens):
        padded = f" {line.norm} "
        if any(phrase in padded for phrase in vocabulary.footers):
            return True
    if not line.digits:
        return False
    units = _NUMBER_WITH_UNIT.findall(line.text.casefold())
    return bool(units) and len(units) == len(tokens) and set(units) <= _footer_units()


@cache
def _footer_units() -> frozenset[str]:
    """Units of page-generation footers, from ``langs/xx/boilerplate.toml``."""
    return frozenset(str(unit) for unit in langs.load(langs.UNIVERSAL, "boilerplate").get("footer_units", ()))


def _is_stamp(line: _Line) -> bool:
    """A line that is only a date and/or time: ``21 Apr, 07:44 AM``, ``23 Tháng 12, 2025``."""
    text = line.text
    if len(text) > _MAX_STAMP_CHARS or not line.digits:
        return False
    tokens = _LETTER_RUNS.findall(text.casefold())
    if len(tokens) > _MAX_STAMP_TOKENS:
        return False
    calendar, allowed = _date_words()
    if not all(token in allowed for token in tokens):
        return False
    return any(token in calendar for token in tokens) or bool(_NUMERIC_DATE.search(text))


def _phrase_category(line: _Line, vocabulary: _Vocabulary) -> str | None:
    """The boilerplate category of a short line, of any part of a menu row, or of a "<phrase>:" opener."""
    colon = line.text.find(":")
    if 0 < colon <= 40 and line.words <= _COLON_LINE_MAX_WORDS:
        category = vocabulary.phrases.get(_normalise(line.text[:colon]))
        if category in _COLON_CATEGORIES:
            return category
    if _SEPARATOR_CHARS.isdisjoint(line.text) and " / " not in line.text:
        return _short_phrase_category(line.norm, vocabulary)
    parts = [part for part in _MENU_SEPARATORS.split(line.text) if part.strip()]
    if len(parts) < 2 or any(len(part.split()) > _SHORT_PART_WORDS for part in parts):
        # One text, or a sentence with a "|" in it rather than a menu row.
        return _short_phrase_category(line.norm, vocabulary)
    for part in parts:
        category = _short_phrase_category(_normalise(part), vocabulary)
        if category is not None:
            return category
    return None


def _short_phrase_category(norm: str, vocabulary: _Vocabulary) -> str | None:
    """Category of a whole normalised text, or of its opening phrase plus a few words."""
    exact = vocabulary.phrases.get(norm)
    if exact is not None:
        return exact
    tokens = norm.split()
    for size in range(min(vocabulary.longest, len(tokens) - 1), 0, -1):
        if len(tokens) - size > (_PREFIX_SLACK if size > 1 else _PREFIX_SLACK_ONE_WORD):
            break
        category = vocabulary.phrases.get(" ".join(tokens[:size]))
        if category in _PREFIX_CATEGORIES:
            return category
    return None


# --- block decisions ------------------------------------------------------------


def _is_free_body(lines: list[_Line], reasons: list[str | None], position: int) -> bool:
    """A body paragraph that no junk rule explains."""
    return 0 <= position < len(lines) and reasons[position] is None and lines[position].body


def _teaser_positions(lines: list[_Line], reasons: list[str | None]) -> set[int]:
    """Lines of teaser blocks: [headline, (its repeat), date stamp, (snippet)], at least two of them."""
    blocks = [
        block
        for position, reason in enumerate(reasons)
        if reason == STAMP
        for block in [_teaser_block(lines, reasons, position)]
        if block
    ]
    if len(blocks) < 2:  # one headline-date-lead block is the article's own header
        return set()
    return {position for block in blocks for position in block}


def _teaser_block(lines: list[_Line], reasons: list[str | None], stamp: int) -> list[int]:
    """The teaser block around the date stamp at ``stamp``, or [] if the stamp is not in one."""
    head = stamp - 1
    if head < 0 or reasons[head] is not None or not lines[head].headline:
        return []
    block = [head, stamp]
    if head > 0 and lines[head - 1].norm == lines[head].norm:
        block.append(head - 1)
    after = stamp + 1
    if after < len(lines) and reasons[after] is None and not lines[after].headline:
        block.append(after)  # the snippet
        after += 1
    if _is_free_body(lines, reasons, after) and not _opens_teaser(lines, reasons, after):
        return []  # more body follows: this is an article header, not a teaser
    return block


def _opens_teaser(lines: list[_Line], reasons: list[str | None], position: int) -> bool:
    """Whether the line at ``position`` is the next teaser's headline (a question reads like body)."""
    following = position + 1
    if not lines[position].headline or following >= len(lines):
        return False
    return reasons[following] == STAMP or lines[following].norm == lines[position].norm


def _mark_duplicates(lines: list[_Line], reasons: list[str | None]) -> None:
    """Drop later copies of a line already seen (page title repeated as image alt, pull quotes)."""
    seen: set[str] = set()
    for position, line in enumerate(lines):
        if line.norm in seen and reasons[position] is None:
            reasons[position] = DUPLICATE
        seen.add(line.norm)


def _mark_tail(lines: list[_Line], reasons: list[str | None]) -> None:
    """Drop everything from the first junk line that only junk (and stray long lines) follows."""
    cut = _tail_start(lines, reasons)
    if cut is None:
        return
    inherited = reasons[cut]
    for position in range(cut, len(lines)):
        if reasons[position] is None or reasons[position] == DUPLICATE:
            reasons[position] = inherited  # a widget's text belongs to the widget
        else:
            inherited = reasons[position]


def _tail_start(lines: list[_Line], reasons: list[str | None]) -> int | None:
    """Position where the tail begins, or None.

    A candidate is a junk line (not a mere duplicate).  It starts the tail when
    the line right after it is not a body paragraph, no two body paragraphs
    follow each other after it, and junk outnumbers the stray paragraphs
    (user comments, undetected teasers) by ``_TAIL_RATIO``.
    """
    # A repeated body paragraph (scrapers do repeat them) is still body here:
    # counting it as junk would let the tail swallow the rest of the article.
    free = [
        (_is_free_body(lines, reasons, p) or (reasons[p] == DUPLICATE and lines[p].body))
        and not lines[p].truncated
        for p in range(len(lines))
    ]
    paired = [
        free[p] and ((p > 0 and free[p - 1]) or (p + 1 < len(free) and free[p + 1])) for p in range(len(free))
    ]
    stray_after = paired_after = junk_after = 0
    best: int | None = None
    for position in range(len(lines) - 1, -1, -1):
        candidate = reasons[position] not in (None, DUPLICATE)
        next_free = position + 1 < len(free) and free[position + 1]
        if candidate and not next_free and paired_after == 0 and stray_after * _TAIL_RATIO <= junk_after:
            best = position
        stray_after += free[position]
        paired_after += paired[position]
        junk_after += not free[position]
    return best


def _find_title(lines: list[_Line], reasons: list[str | None]) -> str | None:
    """The headline the scrape starts with, dropping chrome lines above it; None if there is none."""
    kept = [p for p in range(len(lines)) if reasons[p] is None]
    if not kept:
        return None
    first = lines[kept[0]]
    repeated = any(reasons[p] == DUPLICATE and lines[p].norm == first.norm for p in range(len(lines)))
    if repeated and 1 <= first.words <= _HEADLINE_MAX_WORDS:
        return first.text
    for index, position in enumerate(kept[:_HEAD_SEARCH]):
        if lines[position].headline and _leads_into_body(lines, reasons, position):
            # Kept lines above the headline with chrome between them and it
            # (a slogan over "Logo | Log in") are chrome too, and so are short
            # non-sentences right above it (site name, slogan, section label).
            for before in kept[:index]:
                chrome_between = any(reasons[p] is not None for p in range(before + 1, position))
                if chrome_between or _masthead(lines[before]):
                    reasons[before] = NAVIGATION
            return lines[position].text
        if lines[position].body:
            return None  # the scrape starts with body: no headline
    return None


def _masthead(line: _Line) -> bool:
    """A short line that is no sentence: what sits above a headline is site chrome."""
    return (
        line.words <= _MASTHEAD_WORDS
        and not line.body
        and not line.text.rstrip(_CLOSERS).endswith((".", "?", "!"))
    )


def _leads_into_body(lines: list[_Line], reasons: list[str | None], position: int) -> bool:
    """Whether body follows ``position`` with only a few kept lines (kicker, subtitle, byline) between."""
    for after in range(position + 1, min(position + 2 + _HEAD_GAP, len(lines))):
        if reasons[after] == STAMP:
            continue  # a dateline between headline and lead is normal
        if reasons[after] is not None:
            return False  # chrome between: this is a slogan or a menu, not the headline
        if lines[after].body:
            return True
    return False


def _assemble(raw: str, lines: list[_Line], reasons: list[str | None], title: str | None) -> Cleaned:
    """Build the :class:`Cleaned` value from the per-line decisions."""
    kept: list[str] = []
    removed: list[Removal] = []
    url: str | None = None
    bare: set[str] = set()
    for line, reason in zip(lines, reasons, strict=True):
        if reason is None:
            kept.append(line.text.rstrip(_TRAILING_JUNK))
            continue
        removed.append(Removal(line.start, line.end, reason, raw[line.start : line.end]))
        if reason == SOURCE and url is None:
            url = find_source_line(line.text)
        elif _BARE_URL.match(line.text.strip()) and line.text.strip().lower().startswith("http"):
            bare.add(line.text.strip())
    # Scrapers often print the page's own address on a line of its own; one
    # such line (and no labelled source line) is taken as the article's URL.
    if url is None and len(bare) == 1:
        url = bare.pop()
    published = date_from_url(url) if url else None
    return Cleaned(
        text="\n\n".join(text for text in kept if text),
        removed=tuple(removed),
        title=title,
        url=url,
        published=published,
        published_from="url" if published else None,
    )

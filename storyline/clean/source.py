"""Where a plain-text scrape came from: its source line and the date in its URL.

Scrapers that copy an article often append a line naming the original page,
``Sumber: https://…`` (Indonesian), ``Kilde: …`` (Norwegian), ``Fonte: …``
(Portuguese), ``Nguồn: …`` (Vietnamese).  The labels are per-language data
(the ``source`` list of ``langs/<iso>/boilerplate.toml``); the line shape is
structure: an optional parenthesis, a label, a colon, one URL, nothing else.
A credit such as ``(Sumber: Reuters)`` names no URL and is therefore not a
source line: it belongs to a photo caption and stays in the text.

Many CMSs put the publication date into the URL path.  :func:`date_from_url`
reads the common shapes and refuses anything that does not validate as a
calendar date in a plausible year, so that numeric article ids never become
dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from urllib.parse import urlsplit

from storyline import langs

# A URL as it appears on a source line: scheme or "www.", then no spaces.
_URL = r"(?:https?://|www\.)[^\s<>\"')\]]+"

# /2024/11/29/ and /2024-11-29/ (also 2024_11_29): year first, then month and day.
_YMD_SEPARATED = re.compile(r"(?<!\d)((?:19|20)\d{2})([/_-])(\d{1,2})\2(\d{1,2})(?!\d)")
# -20241129, _20241129_, /20241129/: exactly eight digits, bounded by non-digits.
_YMD_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{6})(?!\d)")
# A long run of digits (an id that embeds a timestamp), as in the Vietnamese CMS
# style "…-204241014210826959.htm": prefix 204, then 241014 (YYMMDD), then
# 210826 (HHMMSS), then milliseconds.
_LONG_DIGITS = re.compile(r"(?<!\d)(\d{12,22})(?!\d)")
# How far into a long digit run a date may start: CMS prefixes seen are 0-3 digits.
_MAX_PREFIX = 3
_FIRST_YEAR = 1990


@cache
def _source_line_pattern() -> re.Pattern[str]:
    """One regex for every language's source labels, built once per process."""
    labels: set[str] = set()
    for data in langs.load_all("boilerplate").values():
        labels.update(str(label) for label in data.get("source", ()))
    # Longest first, so that "nguồn tin" wins over "nguồn".
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(
        rf"^\s*[(\[]?\s*(?:{alternatives})\s*[:：]\s*[(\[]?\s*(?P<url>{_URL})\s*[)\]]?\s*[|.;]?\s*$",
        re.IGNORECASE,
    )


def find_source_line(line: str) -> str | None:
    """The URL of a source line such as ``Sumber: https://…``, else None.

    The whole line must be label, colon and URL (optionally in parentheses);
    a sentence that merely mentions a source, or a credit without a URL, is
    not a source line.
    """
    if len(line) > 2000 or ":" not in line:
        return None
    match = _source_line_pattern().match(line)
    return match.group("url").rstrip(".,;") if match else None


def date_from_url(url: str) -> dt.date | None:
    """The publication date a URL path carries, or None.

    Tried in order of reliability: separated ``/2024/11/29/`` or
    ``/2024-11-29/``; a compact eight-digit ``20241129``; a date-time stamp
    embedded in a long numeric id (``…-204241014210826959.htm`` ->
    2024-10-14), accepted only when the six digits after the date are a valid
    time of day.  Impossible dates and years outside 1990..next year are
    rejected; the host name is never searched.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "https://[" in a scraped source line: not a URL (found by fuzzing, issue 14)
        return None
    path = parts.path + ("?" + parts.query if parts.query else "")
    for finder in (_separated_date, _month_name_date, _compact_date, _embedded_timestamp_date):
        found = finder(path)
        if found is not None:
            return found
    return None


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` if it exists and the year is plausible for news."""
    if not _FIRST_YEAR <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _separated_date(path: str) -> dt.date | None:
    """``/2024/11/29/``, ``2024-11-29`` or ``2024_11_29`` anywhere in the path."""
    for match in _YMD_SEPARATED.finditer(path):
        found = _valid_date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        if found is not None:
            return found
    return None


_MONTH_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# /2024/jul/27/ (an English month abbreviation between year and day, as some
# large English-language sites print their paths).
_YMD_MONTH_NAME = re.compile(
    r"(?<!\d)((?:19|20)\d{2})/(" + "|".join(_MONTH_ABBR) + r")[a-z]*/(\d{1,2})(?!\d)", re.I
)


def _month_name_date(path: str) -> dt.date | None:
    """``/2024/jul/27/``."""
    for match in _YMD_MONTH_NAME.finditer(path):
        month = _MONTH_ABBR.index(match.group(2).lower()[:3]) + 1
        found = _valid_date(int(match.group(1)), month, int(match.group(3)))
        if found is not None:
            return found
    return None


def _compact_date(path: str) -> dt.date | None:
    """An eight-digit ``YYYYMMDD`` bounded by non-digits."""
    for match in _YMD_COMPACT.finditer(path):
        digits = match.group(1)
        found = _valid_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        if found is not None:
            return found
    return None


def _embedded_timestamp_date(path: str) -> dt.date | None:
    """A date followed by a valid HHMMSS inside a long digit run (a timestamped id)."""
    for match in _LONG_DIGITS.finditer(path):
        found = _timestamp_in(match.group(1))
        if found is not None:
            return found
    return None


def _timestamp_in(digits: str) -> dt.date | None:
    """Try YYYYMMDDhhmmss, then YYMMDDhhmmss, at offsets 0..3 of ``digits``."""
    for year_width in (4, 2):
        for offset in range(_MAX_PREFIX + 1):
            date_end = offset + year_width + 4
            if date_end + 6 > len(digits) or not _is_time(digits[date_end : date_end + 6]):
                continue
            year = int(digits[offset : offset + year_width])
            if year_width == 2:
                year += 2000
            month = int(digits[offset + year_width : offset + year_width + 2])
            found = _valid_date(year, month, int(digits[date_end - 2 : date_end]))
            if found is not None:
                return found
    return None


def _is_time(hhmmss: str) -> bool:
    """Whether six digits are a valid time of day."""
    return int(hhmmss[:2]) < 24 and int(hhmmss[2:4]) < 60 and int(hhmmss[4:6]) < 60

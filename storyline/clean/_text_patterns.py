"""The tables and patterns of the plain-text cleaner (:mod:`storyline.clean.text`): removal
reasons, what each boilerplate phrase category means, and the regular expressions of line features.
"""

from __future__ import annotations

import re

AD = "ad-placeholder"
SOURCE = "source-line"
TEASER = "teaser"
COMMENT = "comment-widget"
NAVIGATION = "navigation"
FOOTER = "footer"
DUPLICATE = "duplicate-line"
SHARE = "share-tags"
STAMP = "date-stamp"

# Which removal reason each phrase list of boilerplate.toml stands for.
_CATEGORY_REASON = {
    "comment": COMMENT,
    "rating": COMMENT,
    "share": SHARE,
    "tags": SHARE,
    "read_more": TEASER,
    "most_read": TEASER,
    "dont_miss": TEASER,
    "login": NAVIGATION,
    "subscribe": NAVIGATION,
    "navigation": NAVIGATION,
    "ad": AD,
    "sponsored": AD,
    "footer": FOOTER,
}
# "<phrase>: anything" is junk whatever follows ("Tags: Nga, Iran", "Baca juga:
# <other headline>").  Not for comment or navigation words, which also open
# genuine lines ("Kommentar: …" is a column's genre label).
_COLON_CATEGORIES = frozenset({"share", "tags", "read_more", "most_read", "dont_miss", "ad", "sponsored"})
# A phrase may open a short line with a few more words ("0 bình luận, đánh
# giá", "Share this story").  Navigation and read-more words are too common in
# sub-headings ("World leaders react") to be trusted as a prefix.
_PREFIX_CATEGORIES = frozenset(
    {"comment", "rating", "share", "tags", "login", "subscribe", "ad", "sponsored", "dont_miss", "most_read"}
)
_PREFIX_SLACK = 3
# A one-word phrase takes one more word at most: "Comments closed" yes, but
# "Share prices tumble" is a sub-heading, not a share button.
_PREFIX_SLACK_ONE_WORD = 1

_NON_LETTERS = re.compile(r"[\W\d_]+")
_DIGIT = re.compile(r"\d")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_SEPARATOR_CHARS = frozenset("|•·›»▪►◦")
_MENU_SEPARATORS = re.compile(r"\s*[|•·›»▪►◦]\s*|\s+/\s+")
_WIDE_GAP = re.compile(r"\s{3,}|\t+")
_MENU_MIN_ITEMS = 4
_MENU_ITEM_WORDS = 3
_PLACEHOLDER = re.compile(r"^\[[^\[\]]{1,40}\]$")
_COUNTER = re.compile(r"[(\[]\s*\d+\s*[)\]]")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_NUMBER_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)?\s*([^\W\d_]+)")
# Clock times and numeric dates: 07:44, 14h30, 29/11/2024, 2024-11-29, 14.10.
_NUMERIC_DATE = re.compile(r"\d{1,2}[:h]\d{2}|\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?")
_TRAILING_JUNK = " \t|¦"  # stripped from the end of kept lines ("… (Sumber: Reuters) |")
_CLOSERS = "\"'”’»)]}›"
_SENTENCE_END = frozenset(".!?…。！？؟۔।:;")
_HEADLINE_BAD_END = frozenset(".,;:")
_TRUNCATION = ("...", "…")

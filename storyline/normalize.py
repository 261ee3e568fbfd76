"""Text as the full-text index sees it: one normalisation for indexed text and for queries.

Every store (SQLite's FTS5 through the ``search_text`` SQL function that :mod:`storyline.store.db`
registers, and any other store) indexes :func:`search_text` of a text and matches
:func:`search_terms` of a query, so that a word is found however it is written:

* **letters**: NFKC (full-width forms, Arabic presentation forms), case folded;
  diacritics dropped from Latin, Greek and Cyrillic letters (``é``/``e``, ``ё``/``е``,
  ``й``/``и``) but never from scripts where the marks are letters (kana voicing, Indic vowels);
* **Arabic and Persian**: the article ال (with و ف ب ك ل written onto it) is indexed with and
  without, and dropped from queries; alef variants (أ إ آ ٱ) → ا, yeh variants (ى ی) → ي, kaf (ک) → ك,
  teh marbuta (ة) → ه, hamza carriers (ؤ ئ) → و ي; harakat and tatweel removed; the
  zero-width non-joiner of Persian compounds is dropped;
* **digits** of every script (Arabic-Indic, Persian, Devanagari, full-width) → ASCII;
* **Han, kana and Hangul**: runs of these letters become overlapping character bigrams
  (``特朗普`` → ``特朗 朗普``). Chinese and Japanese have no spaces and Korean glues
  particles to names (``트럼프는``); a query becomes the phrase of its bigrams, so any
  substring of two or more characters is found. Chosen over jieba, fugashi + unidic-lite and
  FTS5's trigram tokenizer by ``bench/search_cjk.py`` (203 gold names in the 18 zh/ja/ko
  articles of tests/corpus/crosslingual: recall 1.00 bigrams, 0.81 jieba/fugashi at ~50 ms
  per article, 0.64 trigram, 0.20 plain unicode61): bigrams find every name inside its
  article (segmenters split or merge words differently in a query than in running text;
  trigrams cannot match two-character words such as ``香港``), need no dictionary and cost
  nothing on Latin-only text.

Case and the remaining tokenisation are left to FTS5's ``unicode61`` tokenizer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["fold_chars", "search_terms", "search_text"]

_ARABIC = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ک": "ك",
    "ة": "ه",
    "ۀ": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "\u0640": "",  # tatweel
    "\u200c": "",  # zero-width non-joiner: می‌گوید and میگوید are one word
}
# Harakat, Quranic marks and superscript alef: vowel signs an article may or may not write.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_FOLDED_BLOCK_END = 0x0530  # Latin, Greek, Cyrillic (and their extensions below Armenian)
_CJK = (  # Hangul jamo, kana, Hangul compatibility jamo, Han (with extension A and compatibility), Hangul
    r"\u1100-\u11ff\u3040-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
# The Arabic article with the conjunctions and prepositions written onto it (و ف ب ك ل + ال, لل):
# "المرصد", "والمرصد", "بالأسد" also index "مرصد", "اسد", so a query with or without them finds them.
_ARTICLE = re.compile(r"(?<![\w])(?:[وف]?[بكل]?ال|[وف]?لل)(?=[\u0621-\u064a\u066e-\u06d3]{3})")
_ARTICLE_WORD = re.compile(r"(?<![\w])(?:[وف]?[بكل]?ال|[وف]?لل)([\u0621-\u064a\u066e-\u06d3]{3,})")


@cache
def _fold_char(ch: str) -> str:
    """One character as the index sees it (possibly empty, possibly several characters)."""
    if ch in _ARABIC:
        return _ARABIC[ch]
    if _ARABIC_MARKS.match(ch):
        return ""
    if ch.isdigit() and not ch.isascii():
        value = unicodedata.digit(ch, None)
        if value is not None:
            return str(value)
    out = unicodedata.normalize("NFKC", ch).casefold()
    if out and ord(out[0]) < _FOLDED_BLOCK_END:
        out = "".join(c for c in unicodedata.normalize("NFD", out) if not unicodedata.combining(c))
        out = unicodedata.normalize("NFC", out)
    return out


def fold_chars(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` folded character by character, and for each folded character its offset in ``text``.

    The offsets let a match found in the folded text be shown in the original (snippets).
    """
    pieces: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii() and not ch.isupper():
            pieces.append(ch)  # the common case, kept cheap
            offsets.append(i)
            continue
        folded = _fold_char(ch)
        pieces.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(pieces), tuple(offsets)


def _bigrams(run: str) -> str:
    if len(run) < 3:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def _segment(folded: str, *, query: bool = False) -> str:
    if query:
        folded = _ARTICLE.sub("", folded)
    else:
        folded = _ARTICLE_WORD.sub(lambda m: f"{m.group()} {m.group(1)}", folded)
    return _CJK_RUN.sub(lambda m: f" {_bigrams(m.group())} ", folded)


def search_text(text: str | None, language: str | None = None) -> str:
    """``text`` as the full-text index stores it (see the module docstring).

    ``language`` is accepted so that every store calls one function with what it knows;
    the folding itself goes by script, which also covers quotes and names in other languages.
    """
    del language
    if not text:
        return ""
    if text.isascii():
        return text
    return _segment(fold_chars(text)[0])


def search_terms(query: str, language: str | None = None) -> list[str]:
    """The query's words as index terms: each one word, or the phrase of a CJK word's bigrams.

    A one-character Han, kana or Hangul word is returned with a trailing ``*`` (a prefix
    of the bigrams); callers quote each term for the store's query syntax.
    """
    terms = []
    for raw in query.split():
        word = raw.replace('"', "")
        folded = (word if word.isascii() else _segment(fold_chars(word)[0], query=True)).split()
        if not folded:
            continue
        term = " ".join(folded)
        if len(folded) == 1 and len(term) == 1 and _CJK_RUN.fullmatch(term):
            term += "*"
        terms.append(term)
    return terms

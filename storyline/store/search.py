"""Search text: the one normalisation both stores index and query, and PostgreSQL's search values.

:func:`normalise` is the hook for language-aware search normalisation (CJK word
segmentation, ё→е, Arabic letter variants …): it is applied to every indexed
text and to every query on PostgreSQL, where storyline builds the search
documents itself.  SQLite's FTS5 tokenizer (``unicode61 remove_diacritics 2``)
folds case and diacritics on its own; :func:`tokens` mirrors it for
PostgreSQL, so that the same words find the same articles on both stores.

On PostgreSQL a document is a ``tsvector`` literal built here (lexemes with
their positions) and a query a ``tsquery`` literal: neither goes through the
server's text-search parser, whose idea of a word depends on the database's
locale (with ``C``, every non-ASCII character counts as a letter, so «Pyongyang»
would be one word with its quotes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# PostgreSQL's limits: positions run from 1 to 16383, a lexeme keeps at most 256 of
# them and is shorter than 2 KiB.
_MAX_POSITION = 16383
_MAX_POSITIONS = 256
_MAX_LEXEME_BYTES = 2046
_WORD = re.compile(r"[^\W_]+")
SNIPPET_TOKENS = 12  # as SQLite's snippet(..., 12)


def normalise(text: str) -> str:
    """Language-aware search normalisation, applied to indexed texts and queries (the hook).

    Today the identity: case and diacritics are folded by :func:`tokens` (and
    by FTS5 on SQLite).  Language-specific rules go here, so that both stores
    index and query the same normalised text.
    """
    return text


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text: its folded form and where it is in the text."""

    lexeme: str
    start: int
    end: int


def tokens(text: str) -> Iterator[Token]:
    """The words of ``text`` as FTS5's unicode61 tokenizer sees them: letters and digits, folded."""
    for m in _WORD.finditer(text):
        lexeme = fold(m.group())
        if lexeme:
            yield Token(lexeme, m.start(), m.end())


def fold(word: str) -> str:
    """Case and diacritics folded (``Cúpula`` → ``cupula``)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def tsvector(*texts: str | None) -> str:
    """A PostgreSQL ``tsvector`` literal of the texts' words (one position sequence across them)."""
    positions: dict[str, list[int]] = {}
    pos = 0
    for text in texts:
        pos += 1  # a gap: a phrase never runs from one text (the title) into the next
        for token in tokens(normalise(text or "")):
            pos += 1
            found = positions.setdefault(token.lexeme, [])
            if len(found) < _MAX_POSITIONS:
                found.append(min(pos, _MAX_POSITION))
    return " ".join(
        f"{_quote(lexeme)}:{','.join(map(str, sorted(set(found))))}"
        for lexeme, found in positions.items()
        if len(lexeme.encode()) <= _MAX_LEXEME_BYTES
    )


def tsquery(query: str) -> str:
    """A PostgreSQL ``tsquery`` literal: every word of ``query`` must occur (a word of several
    tokens, ``G-20``, as a phrase), as the quoted words of :func:`storyline.store.db.fts_query` on FTS5.

    Empty when the query has no word.
    """
    phrases = []
    for word in query.split():
        lexemes = [t.lexeme for t in tokens(normalise(word.replace('"', "")))]
        if lexemes:
            phrases.append(" <-> ".join(_quote(x) for x in lexemes))
    return " & ".join(f"({p})" for p in phrases)


def query_lexemes(query: str) -> set[str]:
    """The folded words of a query (what a snippet marks)."""
    return {t.lexeme for t in tokens(normalise(query))}


def snippet(text: str, words: set[str], *, size: int = SNIPPET_TOKENS) -> str:
    """The ``size`` words of ``text`` that hold most query words, matches in ``[…]``, as FTS5's snippet."""
    found = list(tokens(text))
    if not found:
        return ""
    hits = [t.lexeme in words for t in found]
    best, best_score = 0, -1
    for start in range(max(1, len(found) - size + 1)):
        score = len({found[i].lexeme for i in range(start, min(len(found), start + size)) if hits[i]})
        if score > best_score:
            best, best_score = start, score
    end = min(len(found), best + size)
    out, pos = [], found[best].start
    for i in range(best, end):
        t = found[i]
        out.append(text[pos : t.start])
        out.append(f"[{text[t.start : t.end]}]" if hits[i] else text[t.start : t.end])
        pos = t.end
    head = "" if best == 0 else "…"
    tail = "" if end == len(found) else "…"
    return head + "".join(out) + tail


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"

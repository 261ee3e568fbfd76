"""PostgreSQL's search values, built from the text both stores index.

Both stores index :func:`storyline.normalize.search_text` of every text (CJK runs as
character bigrams, Arabic letter variants, ё/е, diacritics folded): SQLite through the
``search_text()`` SQL function its FTS5 triggers call (migration 0010), PostgreSQL here,
in Python, when the store writes an article (:meth:`storyline.store.dialect.PostgresDialect.index_article`).
Queries are normalised once, by :func:`storyline.store.db.fts_query`, for both.
:func:`tokens` mirrors FTS5's tokenizer (``unicode61 remove_diacritics 2``) on the
normalised text, so that the same words find the same articles on both stores.

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

from storyline.normalize import search_text

# PostgreSQL's limits: positions run from 1 to 16383, a lexeme keeps at most 256 of
# them and is shorter than 2 KiB.
_MAX_POSITION = 16383
_MAX_POSITIONS = 256
_MAX_LEXEME_BYTES = 2046
_WORD = re.compile(r"[^\W_]+")


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


def tsvector(*texts: str | None, language: str | None = None) -> str:
    """A PostgreSQL ``tsvector`` literal of the texts' words (one position sequence across them),
    normalised as SQLite's index holds them (:func:`storyline.normalize.search_text`)."""
    positions: dict[str, list[int]] = {}
    pos = 0
    for text in texts:
        pos += 1  # a gap: a phrase never runs from one text (the title) into the next
        for token in tokens(search_text(text, language)):
            pos += 1
            found = positions.setdefault(token.lexeme, [])
            if len(found) < _MAX_POSITIONS:
                found.append(min(pos, _MAX_POSITION))
    return " ".join(
        f"{_quote(lexeme)}:{','.join(map(str, sorted(set(found))))}"
        for lexeme, found in positions.items()
        if len(lexeme.encode()) <= _MAX_LEXEME_BYTES
    )


def tsquery(terms: list[tuple[str, bool]]) -> str:
    """A PostgreSQL ``tsquery`` literal: every term must occur, as the quoted terms of
    :func:`storyline.store.db.fts_query` on FTS5 (already normalised; a term of several
    tokens, ``G-20`` or a CJK word's bigrams, as a phrase; ``prefix``: its last token may
    begin a word).

    Empty when no term has a word.
    """
    phrases = []
    for term, prefix in terms:
        lexemes = [_quote(t.lexeme) for t in tokens(term)]
        if lexemes:
            if prefix:
                lexemes[-1] += ":*"
            phrases.append(" <-> ".join(lexemes))
    return " & ".join(f"({p})" for p in phrases)


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"

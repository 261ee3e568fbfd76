"""Stored fingerprints' word terms, kept to the term rules of their language.

A language's term rules (``langs/<iso>/terms.toml``: clitics taken off before a
word's stem is cut) decide which terms an article's fingerprint stores and which
document frequencies ``term_df`` counts.  Were the rules to change under a
collection, its stored articles would keep terms of the old rules while new ones
get terms of the new: one word counted as two, and the lexical cosine between an
old and a new article lowered for no reason.  So the collection records, per
language, the rules its terms were made with (``collection_meta`` ``terms:<iso>``;
absent: the plain cut every language had before rules existed), and the next
update re-derives the stored terms of a language whose rules differ, with its
frequencies, before it clusters anything.  Stories are not rebuilt: the terms
only weigh pairs judged from now on.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Sequence

from storyline import langs
from storyline.cluster.fingerprints import Fingerprint, term_rules, top_terms
from storyline.settings import ANALYZE_CHARS
from storyline.store.dialect import Connection

_KEY = "terms:"
_CHUNK = 500  # articles read and rewritten at a time: their texts are in memory together


def refresh_terms(conn: Connection) -> int:
    """Bring every stored fingerprint's terms to its language's current rules; returns how many changed.

    Call it inside a transaction, before clustering: the rewrite and the new
    frequencies are committed with the marks that say they are current.
    """
    marks = {
        str(key)[len(_KEY) :]: str(value)
        for key, value in conn.execute("SELECT key, value FROM collection_meta WHERE key LIKE 'terms:%'")
    }
    changed = 0
    for language in sorted({*langs.load_all("terms"), *marks} - {langs.UNIVERSAL}):
        signature = term_rules(language).signature
        if marks.get(language) == signature:
            continue
        changed += _reterm(conn, language)
        conn.execute("INSERT OR REPLACE INTO collection_meta VALUES (?, ?)", (_KEY + language, signature))
    return changed


def _reterm(conn: Connection, language: str) -> int:
    """Recompute the terms of ``language``'s fingerprints and move ``term_df`` with them."""
    delta: Counter[str] = Counter()
    changed = 0
    for rows in _chunks(conn, language):
        for article_id, lang, day, data, minhash, text in rows:
            old = Fingerprint.from_row(article_id, lang, day, data, bytes(minhash))
            terms = top_terms(text or "", language=lang)
            if terms == old.terms:
                continue
            prefix = f"{lang}|"
            delta.update({prefix + t: -1 for t in old.terms.keys() - terms.keys()})
            delta.update({prefix + t: 1 for t in terms.keys() - old.terms.keys()})
            new = dataclasses.replace(old, terms=terms).to_json()
            conn.execute("UPDATE fingerprints SET data = ? WHERE article_id = ?", (new, article_id))
            changed += 1
    _move_frequencies(conn, delta)
    return changed


def _chunks(conn: Connection, language: str) -> Iterator[Sequence[tuple[str, str, str, str, bytes, str]]]:
    """``language``'s fingerprints (a regional tag included: ar-EG) with their texts, a chunk at a time."""
    ids = [
        str(r[0])
        for r in conn.execute(
            "SELECT article_id FROM fingerprints WHERE language = ? OR language LIKE ? ORDER BY article_id",
            (language, f"{language}-%"),
        )
    ]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        yield [
            (str(r[0]), r[1], r[2], str(r[3]), bytes(r[4]), str(r[5] or ""))
            for r in conn.execute(
                "SELECT f.article_id, f.language, f.day, f.data, f.minhash, substr(a.text, 1, ?) "
                f"FROM fingerprints f JOIN articles a ON a.id = f.article_id WHERE f.article_id IN ({marks})",
                [ANALYZE_CHARS, *chunk],
            )
        ]


def _move_frequencies(conn: Connection, delta: Counter[str]) -> None:
    """Add ``delta`` to the stored frequencies; a term no article has any more is dropped."""
    moves = sorted((k, n) for k, n in delta.items() if n)
    conn.executemany(
        "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = term_df.df + excluded.df",
        moves,
    )
    gone = [k for k, n in moves if n < 0]
    for start in range(0, len(gone), _CHUNK):
        chunk = gone[start : start + _CHUNK]
        conn.execute(f"DELETE FROM term_df WHERE df <= 0 AND term IN ({','.join('?' * len(chunk))})", chunk)

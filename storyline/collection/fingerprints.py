"""Fingerprints of stored articles, of in-memory results and of files, all built one way.

The write side fingerprints every stored article once (:mod:`storyline.collection.update`);
``compare`` needs the same fingerprint for a stored article clustering has not
seen yet, for a pipeline result, or for a file outside the database.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from storyline.cluster.fingerprints import Fingerprint, build_fingerprint
from storyline.contract import result_dict
from storyline.errors import InputError
from storyline.extract.numbers import extract_numbers
from storyline.model import ArticleResult, Rejection
from storyline.pipeline import analyze
from storyline.settings import ANALYZE_CHARS
from storyline.store.db import Database

JSON = dict[str, Any]


def load_article(conn: sqlite3.Connection, article_id: str) -> JSON | None:
    """What a fingerprint needs of a stored article: id, language, published, text, paragraphs."""
    row = conn.execute(  # the part extraction read: a 10 MB article costs no more than its analysis
        "SELECT id, language, published, substr(text, 1, ?) AS text, paragraphs FROM articles WHERE id = ?",
        (ANALYZE_CHARS, article_id),
    ).fetchone()
    if row is None:
        return None
    return dict(row) | {"paragraphs": json.loads(row["paragraphs"])}


def article_fingerprint(article: JSON, results: dict[str, list[JSON]]) -> Fingerprint:
    """The fingerprint of an article (see :func:`load_article`) with its extraction results."""
    return build_fingerprint(article, results, article_numbers(article, results))


def article_numbers(article: JSON, results: dict[str, list[JSON]]) -> list[float]:
    """Every number of the article: those its claims quote, then those of its text."""
    found = [float(n["value"]) for c in results.get("claims", []) for n in c.get("numbers", [])]
    found += [n.value for _, n in extract_numbers(str(article["text"]), language=article.get("language"))]
    return found


def stored_fingerprint(db: Database, article_id: str) -> Fingerprint:
    """The fingerprint of a stored article, built afresh (it need not be clustered yet)."""
    article = load_article(db.conn, article_id)
    if article is None:
        raise InputError(article_id, "no such stored article")
    return article_fingerprint(article, db.results(article_id))


def fingerprint_file(path: str) -> Fingerprint:
    """Run the per-article pipeline on one file and fingerprint it (for ``compare`` without a database)."""
    return fingerprint_result(analyse_file(path))


def analyse_file(path: str) -> ArticleResult:
    """The per-article pipeline's result for the first article of one file."""
    if not Path(path).is_file():
        raise InputError(path, "not a stored article id nor a readable file")
    for item in analyze([path]):
        if isinstance(item, Rejection):
            raise InputError(item.path, item.reason)
        return item
    raise InputError(path, "no article in this file")


def fingerprint_result(result: ArticleResult) -> Fingerprint:
    """The fingerprint of an in-memory :class:`~storyline.model.ArticleResult`."""
    data = result_dict(result)
    article = {k: data[k] for k in ("id", "language", "published", "text", "paragraphs")}
    return article_fingerprint(article, data)

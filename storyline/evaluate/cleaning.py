"""Cleaning and language evaluation against gold: language accuracy, boilerplate lines, URL, date.

A raw line counts as removed when at least half of its non-blank characters
fall inside the article's removal spans; boilerplate precision and recall are
then computed over the non-blank raw lines of plain-text scrapes.
"""

from __future__ import annotations

from typing import Any

from storyline.evaluate.gold import GoldSet
from storyline.evaluate.scores import Counts, Score, prf, total
from storyline.model import Article


def removed_lines(article: Article) -> set[int]:
    """1-based numbers of the raw lines (``raw.splitlines()``) that cleaning removed."""
    covered = bytearray(len(article.raw_text))
    for r in article.removed:
        if 0 <= r.start < r.end:
            covered[r.start : r.end] = b"\x01" * (r.end - r.start)
    out, pos = set(), 0
    for number, line in enumerate(article.raw_text.splitlines(keepends=True), start=1):
        span = range(pos, pos + len(line.rstrip("\r\n")))
        solid = [i for i in span if not article.raw_text[i].isspace()]
        if solid and sum(covered[i] for i in solid) * 2 >= len(solid):
            out.add(number)
        pos += len(line)
    return out


def boilerplate_counts(article: Article, doc: dict[str, Any]) -> Counts:
    gold = {int(b["line"]) for b in doc.get("boilerplate", [])}
    lines = article.raw_text.splitlines()
    nonblank = {i for i, line in enumerate(lines, start=1) if line.strip()}
    predicted = removed_lines(article) & nonblank
    return Counts(tp=len(predicted & gold), fp=len(predicted - gold), fn=len(gold - predicted))


def _norm(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(article: Article, doc: dict[str, Any]) -> tuple[int, int, int, int]:
    """(body snippets kept, body snippets, junk snippets gone, junk snippets)."""
    text = _norm(article.text)
    body = [s for s in doc.get("body", []) if s]
    junk = [s for s in doc.get("without", []) if s]
    kept = sum(1 for s in body if _norm(s) in text)
    gone = sum(1 for s in junk if _norm(s) not in text)
    return kept, len(body), gone, len(junk)


def snippet_errors(article: Article, doc: dict[str, Any]) -> list[str]:
    """Gold body snippets the cleaning lost and junk snippets it kept."""
    text = _norm(article.text)
    lost = [f"body lost: {s[:80]!r}" for s in doc.get("body", []) if s and _norm(s) not in text]
    return lost + [f"junk kept: {s[:80]!r}" for s in doc.get("without", []) if s and _norm(s) in text]


def evaluate_cleaning(gold: GoldSet, articles: dict[str, Article]) -> list[Score]:
    """Scores for one gold set, given the analysed article of each gold file."""
    lang_ok = url_ok = url_n = pub_ok = pub_n = 0
    kept = body = gone = junk = 0
    boiler: list[Counts] = []
    for doc in gold.documents:
        article = articles[doc["file"]]
        lang_ok += article.language == doc.get("language")
        if doc.get("url"):
            url_n += 1
            url_ok += (article.url or "").rstrip("/") == doc["url"].rstrip("/")
        if doc.get("published"):
            pub_n += 1
            pub_ok += bool(article.published) and str(article.published) == doc["published"]
        if str(doc["file"]).endswith(".txt"):
            boiler.append(boilerplate_counts(article, doc))
        k, b, g, j = snippet_counts(article, doc)
        kept, body, gone, junk = kept + k, body + b, gone + g, junk + j
    n = len(gold.documents)
    scores = [Score(gold.name, "language", "accuracy", lang_ok / n if n else 0.0, n)]
    scores += prf(gold.name, "boilerplate", total(boiler))
    scores += [
        Score(gold.name, "body", "kept", kept / body if body else 1.0, body),
        Score(gold.name, "junk", "removed", gone / junk if junk else 1.0, junk),
        Score(gold.name, "url", "accuracy", url_ok / url_n if url_n else 1.0, url_n),
        Score(gold.name, "published", "accuracy", pub_ok / pub_n if pub_n else 1.0, pub_n),
    ]
    return scores

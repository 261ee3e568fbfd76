"""Dated sentences: what the timeline is built from, kept when an article joins the collection."""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left, bisect_right
from typing import Any

from storyline.extract.sentences import split_sentences

JSON = dict[str, Any]
_PARTIAL = "--"


def store_dated_sentences(conn: sqlite3.Connection, article: JSON, results: dict[str, list[JSON]]) -> None:
    """Keep every sentence that carries a day date (or an event date) with the entities it names."""
    text = str(article["text"])
    sentences = split_sentences(text)
    mentions = [
        (int(m["start"]), str(m["id"])) for m in results.get("actors", []) + results.get("places", [])
    ]
    rows: dict[tuple[str, int], tuple[Any, ...]] = {}
    dated = [
        (str(t["value"]), int(t["start"]), "time")
        for t in results.get("times", [])
        if _is_day(str(t["value"]))
    ]
    dated += [
        (str(e["date"]), int(e["sentence"]["start"]), "event")
        for e in results.get("events", [])
        if e.get("date") and _is_day(str(e["date"]))
    ]
    mentions.sort()
    starts, first = [m[0] for m in mentions], [s.start for s in sentences]
    for value, pos, source in dated:  # bisection: thousands of dates in a long text stay fast
        sent = sentences[bisect_right(first, pos) - 1] if first and first[0] <= pos else None
        if sent is None or pos >= sent.end:
            continue
        inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        names = sorted({i for _, i in inside})
        key = (value, sent.start)
        if key not in rows or source == "event":
            rows[key] = (
                article["id"],
                value,
                sent.start,
                sent.end,
                text[sent.start : sent.end],
                json.dumps(names),
                source,
            )
    conn.executemany("INSERT INTO dated_sentences VALUES (?, ?, ?, ?, ?, ?, ?)", list(rows.values()))


def _is_day(value: str) -> bool:
    return (len(value) == 10 and value[4] == "-" and value[:4].isdigit()) or (
        len(value) == 7 and value.startswith(_PARTIAL)
    )

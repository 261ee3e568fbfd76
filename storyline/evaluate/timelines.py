"""CL-TLS timelines: ingest one topic in one language, ask for its timeline, score the dates.

``corpus/dev/timelines/<lang>/<topic>/<publication date>/<id>.txt`` holds the
articles; ``<lang>/reference/<topic>.txt`` a human timeline (a date line, its
events, ``----`` between entries).  For each topic and language the articles
are ingested into a temporary database (publication date from the folder
name), ``timeline(limit=N)`` is asked for N = the number of distinct reference
dates, and its dates are scored against the reference with exact-day
precision, recall and F1 (the usual date-selection measure of timeline
summarisation).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from storyline.api import ingest
from storyline.evaluate.scores import Counts, Score, prf, total
from storyline.pipeline import Hints
from storyline.store.db import Database

LANGUAGES = ("es", "fr", "it")
TOPICS = ("egypt", "libya")
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def reference_dates(file: Path) -> set[str]:
    """The distinct dates of a reference timeline."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if _DATE_LINE.match(line.strip())}


def system_dates(root: Path, language: str, topic: str, limit: int) -> list[str]:
    """Dates of ``timeline(limit=limit)`` after ingesting one topic in one language."""
    from storyline.stories import timeline

    folder = root / language / topic
    with tempfile.TemporaryDirectory(prefix="storyline-tls-") as tmp:
        db = Database(Path(tmp) / "tls.db")
        try:
            for day in sorted(p for p in folder.iterdir() if p.is_dir()):
                published = dt.date.fromisoformat(day.name)
                hints = Hints(language=language, published=published)
                ingest([str(day)], db=db, hints=hints)
            return [str(e["date"]) for e in timeline(db, None, limit=limit)]
        finally:
            db.close()


def evaluate_timelines(root: Path) -> list[Score]:
    """Date precision/recall/F1 per language and topic, and over all of them."""
    scores: list[Score] = []
    all_counts: list[Counts] = []
    for language in LANGUAGES:
        for topic in TOPICS:
            reference = root / language / "reference" / f"{topic}.txt"
            if not reference.is_file() or not (root / language / topic).is_dir():
                continue
            gold = reference_dates(reference)
            found = set(system_dates(root, language, topic, len(gold)))
            counts = Counts(tp=len(found & gold), fp=len(found - gold), fn=len(gold - found))
            scores += prf(f"timelines-{language}-{topic}", "dates", counts)
            all_counts.append(counts)
    if all_counts:
        scores += prf("timelines", "dates", total(all_counts))
    return scores

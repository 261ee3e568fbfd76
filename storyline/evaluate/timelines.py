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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.api import ingest
from storyline.evaluate.folds import HELD_OUT, fold_of
from storyline.evaluate.scores import Counts, ItemErrors, Score, SetResult, prf, split_scores, total
from storyline.pipeline import Hints
from storyline.progress import EvalProgress
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


@dataclass(frozen=True, slots=True)
class TopicResult:
    """One language's timeline of one topic: found and reference dates."""

    language: str
    topic: str
    found: frozenset[str]
    gold: frozenset[str]

    @property
    def counts(self) -> Counts:
        return Counts(
            tp=len(self.found & self.gold), fp=len(self.found - self.gold), fn=len(self.gold - self.found)
        )


def topic_results(root: Path, progress: EvalProgress | None = None) -> list[TopicResult]:
    """Every (language, topic) whose articles and reference are present, ingested and scored."""
    present = [
        (language, topic)
        for language in LANGUAGES
        for topic in TOPICS
        if (root / language / "reference" / f"{topic}.txt").is_file() and (root / language / topic).is_dir()
    ]
    if progress:
        progress.start("timelines", len(present))
    out = []
    for language, topic in present:
        gold = reference_dates(root / language / "reference" / f"{topic}.txt")
        found = set(system_dates(root, language, topic, len(gold)))
        out.append(TopicResult(language, topic, frozenset(found), frozenset(gold)))
        if progress:
            progress.advance()
    if progress:
        progress.finish()
    return out


def _aggregate(results: Sequence[TopicResult]) -> list[Score]:
    scores: list[Score] = []
    for r in results:
        scores += prf(f"timelines-{r.language}-{r.topic}", "dates", r.counts)
    if results:
        scores += prf("timelines", "dates", total(r.counts for r in results))
    return scores


def run_timelines(root: Path, progress: EvalProgress, *, k: int) -> SetResult:
    """Held-out (by topic) and training-fold date scores, and training-fold errors."""
    if not root.is_dir():
        return SetResult(note=f"timelines: {root} not found, skipped")
    results = topic_results(root, progress)
    errors = [
        ItemErrors(
            f"timelines-{r.language}-{r.topic}",
            r.topic,
            fold,
            (f"missed {sorted(r.gold - r.found)}", f"spurious {sorted(r.found - r.gold)}"),
        )
        for r in results
        for fold in [fold_of(r.topic, k)]
        if fold != HELD_OUT
    ]
    return SetResult(split_scores(results, lambda r: r.topic, _aggregate, k=k), errors)


def evaluate_timelines(root: Path) -> list[Score]:
    """Date precision/recall/F1 per language and topic, and over all of them (whole set)."""
    return _aggregate(topic_results(root))

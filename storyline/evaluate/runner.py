"""``storyline eval``: run every evaluation whose data is present and apply the floors.

Floors live in ``tests/corpus/floors.toml`` as ``"corpus/task/metric" = value``;
they are set at the measured level so that nothing silently regresses.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

from storyline.api import analyze
from storyline.evaluate.cleaning import evaluate_cleaning
from storyline.evaluate.extraction import evaluate_extraction
from storyline.evaluate.gold import GOLD_DIR, GoldSet, gold_sets, shared_root
from storyline.evaluate.scores import Score
from storyline.model import ArticleResult

FLOORS = GOLD_DIR / "floors.toml"


def run_eval(*, shared: str | None = None, only: Sequence[str] = ()) -> tuple[list[Score], list[str]]:
    """All scores (with their floors) and notes about what was skipped."""
    root = shared_root(shared)
    sets, notes = gold_sets(root)
    scores: list[Score] = []
    for gold in sets:
        if only and gold.name not in only:
            continue
        results = analyze_gold(gold)
        scores += evaluate_cleaning(gold, {f: r.article for f, r in results.items()})
        scores += _extraction_scores(gold, results)
    for name, run in _dev_evaluations(root).items():
        if only and name not in only:
            continue
        found, note = run()
        scores += found
        if note:
            notes.append(note)
    return apply_floors(scores), notes


def analyze_gold(gold: GoldSet) -> dict[str, ArticleResult]:
    """The pipeline's result for every document of a gold set, by file name."""
    out: dict[str, ArticleResult] = {}
    for doc in gold.documents:
        for item in analyze([str(gold.path(doc))]):
            if isinstance(item, ArticleResult):
                out[str(doc["file"])] = item
    missing = [d["file"] for d in gold.documents if d["file"] not in out]
    if missing:
        from storyline.errors import EvalError

        raise EvalError(f"{gold.name}: the pipeline rejected gold document(s) {', '.join(missing)}")
    return out


def _extraction_scores(gold: GoldSet, results: dict[str, ArticleResult]) -> list[Score]:
    from storyline.evaluate.events import evaluate_events_gold

    return evaluate_extraction(gold, results) + evaluate_events_gold(gold, results)


def _dev_evaluations(root: Path) -> dict[str, Callable[[], tuple[list[Score], str | None]]]:
    timebank = root / "corpus" / "dev" / "dates" / "timebank"

    def run_timebank() -> tuple[list[Score], str | None]:
        if not timebank.is_dir():
            return [], f"timebank: {timebank} not found, skipped"
        from storyline.evaluate.timebank import evaluate_timebank

        return [s for lang in ("en", "es") for s in evaluate_timebank(timebank, lang)], None

    events = root / "corpus" / "dev" / "events"
    event_files = {"es": "spanish_fight_reduced_181227v2_validation.xml", "en": "PETR2_GSR_validation.xml"}

    def run_events(lang: str) -> Callable[[], tuple[list[Score], str | None]]:
        def run() -> tuple[list[Score], str | None]:
            path = events / event_files[lang]
            if not path.is_file():
                return [], f"events-{lang}: {path} not found, skipped"
            from storyline.evaluate.events import evaluate_events_dev

            return evaluate_events_dev(path, lang), None

        return run

    similarity = root / "corpus" / "dev" / "similarity"
    timelines = root / "corpus" / "dev" / "timelines"

    def run_similarity() -> tuple[list[Score], str | None]:
        if not similarity.is_dir():
            return [], f"similarity: {similarity} not found, skipped"
        from storyline.evaluate.similarity import evaluate_similarity

        return evaluate_similarity(similarity)

    def run_timelines() -> tuple[list[Score], str | None]:
        if not timelines.is_dir():
            return [], f"timelines: {timelines} not found, skipped"
        from storyline.evaluate.timelines import evaluate_timelines

        return evaluate_timelines(timelines), None

    return {
        "timebank": run_timebank,
        **{f"events-{lang}": run_events(lang) for lang in event_files},
        "similarity": run_similarity,
        "timelines": run_timelines,
    }


def apply_floors(scores: list[Score], floors_file: Path = FLOORS) -> list[Score]:
    """Each score with the floor recorded for its key, if any."""
    floors: dict[str, float] = {}
    if floors_file.is_file():
        floors = {k: float(v) for k, v in tomllib.loads(floors_file.read_text(encoding="utf-8")).items()}
    return [dataclasses.replace(s, floor=floors.get(s.key)) for s in scores]

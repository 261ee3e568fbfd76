"""``storyline eval``: run every evaluation whose data is present and apply the floors.

Each development set is split into folds (:mod:`storyline.evaluate.folds`);
the figures printed as headlines are held-out ones (the fixed fold nobody
tunes on, or pooled cross-validation for models fitted by code), and only
they are held to the floors in ``tests/corpus/floors.toml``
(``"corpus/task/metric" = value``, set at the measured level).  The sets,
their units and fold counts are listed in :data:`SETS` and in
``docs/evaluation.md``.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluate.gold import GOLD_DIR, REPO, shared_root
from storyline.evaluate.scores import ItemErrors, Score, SetResult
from storyline.progress import EvalProgress, NoProgress

FLOORS = GOLD_DIR / "floors.toml"


@dataclass(frozen=True, slots=True)
class EvalSet:
    """A development set: how it is split and how it is run."""

    name: str
    unit: str  # what a fold is made of, for the listing and the docs
    k: int
    fitted: bool  # True: k-fold cross-validation of a model; False: fixed held-out fold
    run: Callable[[Path, EvalProgress, EvalSet], SetResult]


@dataclass(frozen=True, slots=True)
class EvalReport:
    """All scores (with their floors), the training-fold errors, and notes on skipped sets."""

    scores: list[Score]
    errors: list[ItemErrors]
    notes: list[str]


def _gold(name: str) -> Callable[[Path, EvalProgress, EvalSet], SetResult]:
    def run(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
        from storyline.evaluate.goldsets import run_gold_set

        folder = root / "corpus" / "seeds" if name == "seeds" else REPO / "examples" / "corpus"
        return run_gold_set(name, folder, progress, k=spec.k)

    return run


def _timebank(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.timebank import run_timebank

    return run_timebank(root / "corpus" / "dev" / "dates" / "timebank", progress, k=spec.k)


def _events(lang: str) -> Callable[[Path, EvalProgress, EvalSet], SetResult]:
    files = {"es": "spanish_fight_reduced_181227v2_validation.xml", "en": "PETR2_GSR_validation.xml"}

    def run(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
        from storyline.evaluate.events_dev import run_events_dev

        return run_events_dev(root / "corpus" / "dev" / "events" / files[lang], lang, progress, k=spec.k)

    return run


def _similarity(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.story_eval import run_similarity

    return run_similarity(root / "corpus" / "dev" / "similarity", progress, k=spec.k)


def _crosslingual(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.story_eval import run_crosslingual

    return run_crosslingual(root / "corpus" / "dev" / "similarity", progress, k=spec.k)


def _identity(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.identity import run_identity

    return run_identity(k=spec.k)


def _languages(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.languages import run_languages

    return run_languages(progress, k=spec.k)


def _timelines(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.timelines import run_timelines

    return run_timelines(root / "corpus" / "dev" / "timelines", progress, k=spec.k)


def _webpages(root: Path, progress: EvalProgress, spec: EvalSet) -> SetResult:
    from storyline.evaluate.webpages import run_webpages

    return run_webpages(progress, k=spec.k)


SETS: dict[str, EvalSet] = {
    s.name: s
    for s in (
        EvalSet("seeds", "story", 3, False, _gold("seeds")),
        EvalSet("examples", "story", 5, False, _gold("examples")),
        EvalSet("timebank", "document", 5, False, _timebank),
        EvalSet("events-es", "source document", 5, False, _events("es")),
        EvalSet("events-en", "source document", 4, False, _events("en")),
        EvalSet("similarity", "group of pairs sharing an article", 5, True, _similarity),
        EvalSet("crosslingual", "story", 5, True, _crosslingual),
        EvalSet("identity", "story", 5, False, _identity),
        EvalSet("languages", "story", 5, False, _languages),
        EvalSet("timelines", "topic", 3, False, _timelines),
        EvalSet("webpages", "site", 5, True, _webpages),
    )
}


def unknown_sets(names: Sequence[str]) -> list[str]:
    """The names in ``names`` that are no development set."""
    return [n for n in names if n not in SETS]


def run_eval(
    *, shared: str | None = None, only: Sequence[str] = (), progress: EvalProgress | None = None
) -> EvalReport:
    """Run the sets named in ``only`` (all when empty); ValueError on an unknown name."""
    unknown = unknown_sets(only)
    if unknown:
        raise ValueError(f"unknown set {', '.join(unknown)}; known sets: {', '.join(SETS)}")
    root = shared_root(shared)
    scores: list[Score] = []
    errors: list[ItemErrors] = []
    notes: list[str] = []
    for spec in SETS.values():
        if only and spec.name not in only:
            continue
        result = spec.run(root, progress or NoProgress(), spec)
        scores += result.scores
        errors += result.errors
        if result.note:
            notes.append(result.note)
    return EvalReport(apply_floors(scores), errors, notes)


def apply_floors(scores: list[Score], floors_file: Path = FLOORS) -> list[Score]:
    """Each headline score with the floor recorded for its key, if any; training figures get none."""
    floors: dict[str, float] = {}
    if floors_file.is_file():
        floors = {k: float(v) for k, v in tomllib.loads(floors_file.read_text(encoding="utf-8")).items()}
    return [dataclasses.replace(s, floor=floors.get(s.key) if s.headline else None) for s in scores]

"""Fit the event classifier of :mod:`storyline.extract._event_classifier` (numpy only).

    .venv/bin/python -m storyline.evaluate.train_events   # fits on both dev sets, writes the model

Training data: every sentence of the UniversalPetrarch development files of
English and Spanish (``../shared/corpus/dev/events``) analysed with the
classifier off.  Each asserted candidate event is labelled right when its
type matches a gold coding of its sentence (the evaluator's multiset
matching), wrong otherwise.  Both languages train one model: its features
are multilingual vectors, so English sentences teach Spanish ones and the
other way round.

Fitting: the types with at least ``MIN_POSITIVE`` right candidates are
judged; per judged type the centroids of right and wrong candidates
(sentence and trigger vectors; a training row's own vector is left out of
the centroids it is compared with); an L2 logistic regression (Newton's
method, as the line model); the threshold that maximises the training F1
of the kept events (gold the lexicons miss counted as missed).

``storyline eval --only events-es,events-en`` fits the same way once per
fold, without that fold's documents, and reports the held-out fold.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storyline.evaluate.events import DevSentence, read_dev
from storyline.evaluate.train_lines import _logistic
from storyline.extract._event_classifier import (
    MIN_POSITIVE,
    MODEL,
    Candidate,
    EventModel,
    base_features,
    centroid_features,
)
from storyline.linear import fit_standardised
from storyline.model import Event

DEV_FILES = {"es": "spanish_fight_reduced_181227v2_validation.xml", "en": "PETR2_GSR_validation.xml"}
DEFAULT_DEV = Path("../shared/corpus/dev/events")
L2 = 3.0
_GRID = tuple(round(0.15 + 0.025 * i, 3) for i in range(23))  # 0.15 … 0.70
Matrix = npt.NDArray[np.float64]
Vec = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class DevItem:
    """One development sentence analysed without the classifier: its events and their candidates."""

    lang: str
    sentence: DevSentence
    events: tuple[Event, ...]
    candidates: tuple[Candidate | None, ...]  # one per event; None when no vectors are packaged
    labels: tuple[bool, ...]  # one per event: an asserted event whose type the gold has

    @property
    def unit(self) -> str:
        sid = self.sentence.id
        return sid.rsplit("_", 1)[0] if "_" in sid else sid


def _labels(sentence: DevSentence, events: Sequence[Event]) -> tuple[bool, ...]:
    used: set[int] = set()
    for kind, _, _ in sentence.gold:
        i = next(
            (i for i, e in enumerate(events) if i not in used and e.status == "asserted" and e.type == kind),
            None,
        )
        if i is not None:
            used.add(i)
    return tuple(i in used for i in range(len(events)))


def dev_item(sentence: DevSentence, lang: str) -> DevItem:
    """Analyse one sentence with the classifier off and describe its candidates."""
    from storyline.evaluate.events import analyze_sentence
    from storyline.extract._event_lexicon import lexicon
    from storyline.extract._event_vectors import word_vectors
    from storyline.extract.events import event_candidate

    events = analyze_sentence(sentence, lang, classify=False)
    vectors = word_vectors()
    lex = lexicon(lang)
    cache: dict[tuple[int, int], Vec] = {}
    candidates = tuple(
        event_candidate(vectors, lex, sentence.text, e, events, cache) if vectors is not None else None
        for e in events
    )
    return DevItem(lang, sentence, events, candidates, _labels(sentence, events))


def dev_items(root: Path, lang: str) -> list[DevItem]:
    return [dev_item(s, lang) for s in read_dev(root / DEV_FILES[lang])]


def _rows(items: Sequence[DevItem]) -> list[tuple[Candidate, bool]]:
    return [
        (c, label)
        for item in items
        for e, c, label in zip(item.events, item.candidates, item.labels, strict=True)
        if c is not None and e.status == "asserted"
    ]


def _centroid_sums(rows: list[tuple[Candidate, bool]], types: tuple[str, ...]) -> dict[str, list[Vec]]:
    dims = rows[0][0].sentence.shape[0]
    sums = {t: [np.zeros(dims, dtype=np.float32) for _ in range(4)] for t in types}
    for c, label in rows:
        if c.type in sums:
            s = sums[c.type]
            s[0 if label else 1] += c.sentence
            s[2 if label else 3] += c.trigger
    return sums


def _unit(v: Vec) -> Vec:
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n > 0 else v


def fit_event_model(items: Sequence[DevItem], *, l2: float = L2) -> EventModel | None:
    """A model fitted on ``items`` (None when they hold too little to fit one)."""
    rows = _rows(items)
    positives = Counter(c.type for c, label in rows if label)
    types = tuple(sorted(t for t, n in positives.items() if n >= MIN_POSITIVE))
    judged = [(c, label) for c, label in rows if c.type in types]
    if not judged or all(label for _, label in judged) or not any(label for _, label in judged):
        return None
    sums = _centroid_sums(judged, types)
    x = np.array([base_features(types, c, _loo(c, label, sums)) for c, label in judged])
    y = np.array([float(label) for _, label in judged])
    w, b = fit_standardised(x, lambda z: _logistic(z, y, l2))
    p = 1 / (1 + np.exp(-np.clip(x @ w + b, -30, 30)))
    missed = sum(len(i.sentence.gold) for i in items) - int(y.sum())
    threshold = _threshold(p, y, missed)
    centroids = {t: (_unit(s[0]), _unit(s[1]), _unit(s[2]), _unit(s[3])) for t, s in sums.items()}
    return EventModel(types, centroids, w, b, threshold)


def _loo(c: Candidate, label: bool, sums: dict[str, list[Vec]]) -> list[float]:
    """Centroid features of a training row with its own vectors left out of the centroids."""
    s = [v.copy() for v in sums[c.type]]
    s[0 if label else 1] -= c.sentence
    s[2 if label else 3] -= c.trigger
    return centroid_features(c, (s[0], s[1], s[2], s[3]))


def _threshold(p: Matrix, y: Matrix, missed_elsewhere: int) -> float:
    """The grid threshold with the best F1 of kept candidates (ties: the lowest)."""
    best, best_f1 = _GRID[0], -1.0
    for t in _GRID:
        keep = p >= t
        tp = float((keep & (y == 1)).sum())
        fp = float((keep & (y == 0)).sum())
        fn = float((~keep & (y == 1)).sum()) + missed_elsewhere
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the event classifier on both development sets.")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="folder of the validation files")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "extract" / MODEL
    )
    args = parser.parse_args(argv)
    missing = [args.dev / f for f in DEV_FILES.values() if not (args.dev / f).is_file()]
    if missing:
        print(f"{missing[0]}: not found", file=sys.stderr)
        return 1
    items = [item for lang in DEV_FILES for item in dev_items(args.dev, lang)]
    model = fit_event_model(items)
    if model is None:
        print(f"{args.dev}: too little data to fit the event classifier", file=sys.stderr)
        return 1
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: judges {', '.join(model.types)}; threshold {model.threshold}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The event development sets in ``storyline eval``: lexicons held out, the classifier cross-validated.

Kept apart from :mod:`storyline.evaluate.events` (which scores) and
:mod:`storyline.evaluate.train_events` (which fits) because it uses both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storyline.evaluate.events import SentenceScore, aggregate_events, read_dev, score_events
from storyline.evaluate.folds import HELD_OUT, fold_of
from storyline.evaluate.scores import ItemErrors, Score, SetResult, prf, split_scores, total
from storyline.evaluate.train_events import DEV_FILES, DevItem, dev_item, fit_event_model
from storyline.extract._event_classifier import EventModel
from storyline.model import Event
from storyline.progress import EvalProgress


def run_events_dev(path: Path, lang: str, progress: EvalProgress, *, k: int) -> SetResult:
    """Held-out (by source document) and training-fold scores, and training-fold errors.

    ``events-<lang>``: what ships, the lexicons and rules (a held-out fold).
    ``events-<lang>-classifier``: the same with the learned classifier
    confirming candidates; it is fitted by code, so each fold's sentences are
    judged by a model fitted on the other folds of this language and on every
    sentence of the other language's set (another corpus), never on their own
    fold.
    """
    corpus = f"events-{lang}"
    if not path.is_file():
        return SetResult(note=f"{corpus}: {path} not found, skipped")
    sentences = read_dev(path)
    others = [(other, path.parent / name) for other, name in DEV_FILES.items() if other != lang]
    other_sentences = [(o, s) for o, p in others if p.is_file() for s in read_dev(p)]
    progress.start(corpus, len(sentences) + len(other_sentences))
    items = []
    for sentence in sentences:
        items.append(dev_item(sentence, lang))
        progress.advance()
    other_items = []
    for other, sentence in other_sentences:
        other_items.append(dev_item(sentence, other))
        progress.advance()
    progress.finish()
    folds = [fold_of(item.unit, k) for item in items]
    scored = [score_events(item.sentence, item.events) for item in items]
    judged = list(scored)
    for held in sorted(set(folds)):
        train = other_items + [it for it, f in zip(items, folds, strict=True) if f != held]
        model = fit_event_model(train)
        for i, f in enumerate(folds):
            if f == held and model is not None:
                judged[i] = score_events(items[i].sentence, _judged(model, items[i]))
    errors = [
        ItemErrors(corpus, s.id, fold, (f"gold {list(s.gold_types)}, found {list(s.predicted_types)}",))
        for s, fold in zip(scored, folds, strict=True)
        if fold != HELD_OUT and sorted(s.gold_types) != sorted(s.predicted_types)
    ]
    scores = split_scores(scored, lambda s: s.unit, lambda part: aggregate_events(corpus, part), k=k)
    learned = split_scores(judged, lambda s: s.unit, lambda part: _classifier_scores(corpus, part), k=k)
    return SetResult(scores + learned, errors)


def _classifier_scores(corpus: str, part: Sequence[SentenceScore]) -> list[Score]:
    return prf(f"{corpus}-classifier", "events", total(x.counts for x in part))


def _judged(model: EventModel, item: DevItem) -> list[Event]:
    """The item's events the model keeps (candidates without vectors are kept)."""
    return [
        e
        for e, c in zip(item.events, item.candidates, strict=True)
        if c is None or not model.judges(e.type) or model.keep(c)
    ]

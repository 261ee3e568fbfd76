"""The learned event classifier: confirm a trigger candidate from its sentence, in any language.

The lexicons (``events.toml``, the CAMEO-derived ``events_cameo.toml``, the
PLOVER concepts of ``events_plover.toml``) propose candidates; this model
decides whether a candidate of type T really reports a T event.  Its
features are language-independent (``_event_vectors``):

- the sentence vector and the trigger's vector (64 dimensions each);
- for the candidate's type, the cosine of the sentence vector and of the
  trigger vector with that type's centroids of right and of wrong
  candidates in the training data (nearest-centroid evidence, per type);
- the candidate's type (one-hot over the types the model was trained on),
  whether it is a noun, and how many named participants it has.

A logistic regression over them, trained on the UniversalPetrarch
development codings of English and Spanish (``python -m
storyline.evaluate.train_events``; ``storyline eval`` fits it on training
folds only), gives the probability; a candidate below the threshold is
dropped.  Types with fewer than ``MIN_POSITIVE`` right training candidates
are not judged (the lexicon decides): the development sets say nothing
about them, and dropping them would only fit those sets.

It is **off by default** (``STORYLINE_EVENT_CLASSIFIER=on`` turns it on):
cross-validated on the development codings it drops more right events than
wrong ones, so the lexicons alone give the better held-out F1; ``storyline
eval`` reports both (``events-<lang>`` and ``events-<lang>-classifier``) and
``bench/events.py`` measures the cost of both.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.extract._event_vectors import Vector, WordVectors

MODEL = "event_model.json"
MIN_POSITIVE = 5
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the classifier sees of one trigger candidate."""

    type: str
    sentence: Vector
    trigger: Vector
    noun: bool
    named: int
    origin: str = "lexicon"
    order: int = 0  # index among the candidates of its sentence
    count: int = 1  # candidates in its sentence
    position: float = 0.0  # where the trigger starts in its sentence, 0 … 1


@dataclass(frozen=True, slots=True)
class EventModel:
    """Logistic weights over :func:`features`, the threshold and the per-type centroids."""

    types: tuple[str, ...]
    centroids: dict[str, tuple[Vector, Vector, Vector, Vector]]  # pos_s, neg_s, pos_v, neg_v
    weights: Matrix
    bias: float
    threshold: float

    def judges(self, kind: str) -> bool:
        return kind in self.types

    def probability(self, c: Candidate) -> float:
        x = features(self, c)
        return float(1 / (1 + np.exp(-np.clip(x @ self.weights + self.bias, -30, 30))))

    def keep(self, c: Candidate) -> bool:
        return not self.judges(c.type) or self.probability(c) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "types": list(self.types),
            "centroids": {
                k: [[round(float(x), 5) for x in v] for v in vs] for k, vs in self.centroids.items()
            },
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": self.bias,
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventModel:
        def vec(v: list[float]) -> Vector:
            return np.asarray(v, dtype=np.float32)

        centroids = {k: (vec(v[0]), vec(v[1]), vec(v[2]), vec(v[3])) for k, v in data["centroids"].items()}
        return cls(
            tuple(data["types"]),
            centroids,
            np.asarray(data["weights"], dtype=np.float64),
            float(data["bias"]),
            float(data["threshold"]),
        )


def _cos(a: Vector, b: Vector) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na > 0 and nb > 0 else 0.0


def centroid_features(c: Candidate, centroids: tuple[Vector, Vector, Vector, Vector] | None) -> list[float]:
    if centroids is None:
        return [0.0, 0.0, 0.0, 0.0]
    pos_s, neg_s, pos_v, neg_v = centroids
    return [_cos(c.sentence, pos_s), _cos(c.sentence, neg_s), _cos(c.trigger, pos_v), _cos(c.trigger, neg_v)]


ORIGINS = ("lexicon", "concept", "cameo", "frame")


def base_features(types: tuple[str, ...], c: Candidate, centroid: list[float]) -> Matrix:
    onehot = [1.0 if c.type == t else 0.0 for t in types]
    origin = [1.0 if c.origin == o else 0.0 for o in ORIGINS]
    rest = [float(c.noun), float(c.named >= 1), float(c.named >= 2), float(c.order == 0), 1.0 / c.count]
    return np.concatenate([c.sentence, c.trigger, centroid, onehot, origin, rest, [c.position]]).astype(
        np.float64
    )


def features(model: EventModel, c: Candidate) -> Matrix:
    """The feature row of a candidate under a fitted model (see the module docstring)."""
    return base_features(model.types, c, centroid_features(c, model.centroids.get(c.type)))


def enabled() -> bool:
    """Whether extraction consults the model: off unless ``STORYLINE_EVENT_CLASSIFIER=on``.

    Off by default because, cross-validated on the development codings, it
    loses more right events than wrong ones (docs/evaluation.md, "Events").
    """
    return os.environ.get("STORYLINE_EVENT_CLASSIFIER", "off").casefold() in {"on", "1", "yes", "true"}


@cache
def packaged_model() -> EventModel | None:
    """The shipped model (``event_model.json``); None when absent."""
    path = resources.files("storyline.extract").joinpath(MODEL)
    if not path.is_file():
        return None
    return EventModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def candidate(
    vectors: WordVectors,
    sentence: Vector,
    trigger_forms: list[str],
    lemma: Any,
    language: str | None,
    **rest: Any,
) -> Candidate:
    return Candidate(sentence=sentence, trigger=vectors.mean(trigger_forms, lemma, language), **rest)

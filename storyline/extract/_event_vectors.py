"""Multilingual word vectors for the event classifier: a static table distilled from e5.

``event_vectors.npz`` (built once by ``storyline.evaluate.distill_vectors``)
holds, for about 35,000 frequent words of 13 languages and every word of
the event lexicons, the multilingual-e5-small vector of the word on its own,
reduced to 64 dimensions and int8, with a smooth-inverse-frequency weight.
Words of different languages that mean the same thing lie close together
because e5 was trained on parallel text, so a classifier trained on English
and Spanish sentences reads Vietnamese or Norwegian ones too.

A sentence's vector is the weighted mean of its words' vectors (a word not
in the table is looked up by its lemma, else skipped), scaled to unit length.
It costs a few microseconds per word, against about 1.5 ms per token for the
transformer itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float32]
TABLE = "event_vectors.npz"


@dataclass(frozen=True, slots=True)
class WordVectors:
    """The distilled table: word → row, rows (float32), SIF weights."""

    index: dict[str, int]
    vectors: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]
    centres: dict[str, Vector]  # per language: the mean vector of its frequent words

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def row(self, form: str, lemma: Callable[[str], str]) -> int | None:
        """The table row of a lower-case word, or of its lemma; None when neither is known."""
        i = self.index.get(form)
        if i is None:
            i = self.index.get(lemma(form))
        return i

    def mean(self, forms: Iterable[str], lemma: Callable[[str], str], language: str | None = None) -> Vector:
        """Unit-length weighted mean of the words' vectors minus the language's centre
        (zeros when no word is known)."""
        rows = [i for i in (self.row(f, lemma) for f in forms) if i is not None]
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        weights = self.weights[rows]
        v = (self.vectors[rows] * weights[:, None]).sum(axis=0) / float(weights.sum())
        centre = self.centres.get(language or "")
        if centre is not None:
            v = v - centre
        norm = float(np.linalg.norm(v))
        out: Vector = (v / norm if norm > 0 else v).astype(np.float32)
        return out


@cache
def word_vectors() -> WordVectors | None:
    """The packaged table, loaded once; None when the package was built without it."""
    path = resources.files("storyline.extract").joinpath(TABLE)
    if not path.is_file():
        return None
    with resources.as_file(path) as file, np.load(file) as data:
        words = bytes(data["words"]).decode("utf-8").split("\n")
        scale = np.float32(data["scale"])
        vectors = data["vectors"].astype(np.float32) * scale
        weights = data["weights"].astype(np.float32)
        langs = bytes(data["centre_langs"]).decode("utf-8").split("\n") if "centres" in data else []
        centres = (
            {lang: (row * scale).astype(np.float32) for lang, row in zip(langs, data["centres"], strict=True)}
            if langs
            else {}
        )
    return WordVectors({w: i for i, w in enumerate(words)}, vectors, weights, centres)

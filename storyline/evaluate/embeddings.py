"""Embeddings of evaluation texts, cached on disk so that repeated evaluations embed once.

The cache is a folder of ``.npy`` files, one per (model, text) pair, named by a
hash of both; it only ever speeds things up (delete it at will).  Default
location: ``$STORYLINE_CACHE`` or ``~/.cache/storyline``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.embed import Embedder, Vector, readable, vector_key

BATCH = 32


def cache_dir() -> Path:
    """Where evaluation embeddings are kept."""
    root = os.environ.get("STORYLINE_CACHE") or Path.home() / ".cache" / "storyline"
    return Path(root) / "embeddings"


def embed_texts(texts: Sequence[str], embedder: Embedder, folder: Path | None = None) -> list[Vector | None]:
    """One vector per text (None where the embedder cannot read the text's script)."""
    folder = (folder or cache_dir()) / _safe(vector_key(embedder))
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{hashlib.sha1(t.encode('utf-8')).hexdigest()}.npy" for t in texts]
    out: list[Vector | None] = [None] * len(texts)
    todo = []
    for i, (text, path) in enumerate(zip(texts, paths, strict=True)):
        if path.is_file():
            out[i] = np.load(path)
        elif readable(embedder, text):
            todo.append(i)
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = embedder.embed([texts[i] for i in batch])
        for i, vector in zip(batch, vectors, strict=True):
            _save(paths[i], vector)
            out[i] = vector
    return out


def _save(path: Path, vector: Vector) -> None:
    """Write one vector whole or not at all: two evaluations may share the cache at once."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        np.save(handle, vector)
    tmp.replace(path)


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_.@" else "_" for ch in name)


class CachingEmbedder:
    """An :class:`~storyline.embed.Embedder` that keeps every vector it makes in the evaluation cache.

    Evaluation ingests the same development texts fold after fold; with this
    wrapper each text is embedded once per model, ever.
    """

    def __init__(self, inner: Embedder, folder: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.budget = inner.budget
        self.scripts = inner.scripts
        self.folder = folder

    def load(self) -> None:
        self.inner.load()

    def embed(self, texts: Sequence[str]) -> Vector:
        vectors = embed_texts(texts, self.inner, self.folder)
        dim = next((len(v) for v in vectors if v is not None), 384)
        return np.stack([v if v is not None else np.zeros(dim, dtype=np.float32) for v in vectors])

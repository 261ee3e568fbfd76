"""The seed and example gold sets: every document analysed once, scored on the held-out and training folds.

The unit of a fold is the document's ``story``: the copies and translations
of one story are on the same side, so a syndicated copy in the held-out fold
never has its original among the training documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.api import analyze
from storyline.errors import EvalError
from storyline.evaluate.cleaning import evaluate_cleaning, removed_lines, snippet_errors
from storyline.evaluate.extraction import evaluate_extraction, extraction_errors
from storyline.evaluate.folds import HELD_OUT, fold_of
from storyline.evaluate.gold import GOLD_DIR, GoldSet, load_gold
from storyline.evaluate.scores import ItemErrors, Score, SetResult, split_scores
from storyline.model import ArticleResult
from storyline.progress import EvalProgress

Doc = dict[str, Any]


def run_gold_set(name: str, folder: Path, progress: EvalProgress, *, k: int) -> SetResult:
    """Scores (held-out and ``@train``) and training-fold errors of one gold set."""
    if not folder.is_dir():
        return SetResult(note=f"{name}: corpus folder {folder} not found, skipped")
    if not (GOLD_DIR / f"{name}.gold.json").is_file():
        return SetResult(note=f"{name}: no gold file, skipped")
    gold = load_gold(name, folder)
    progress.start(name, len(gold.documents))
    results = analyze_gold(gold, progress)
    progress.finish()

    def aggregate(docs: Sequence[Doc]) -> list[Score]:
        return score_documents(GoldSet(gold.name, gold.folder, list(docs)), results)

    scores = split_scores(gold.documents, unit, aggregate, k=k)
    errors = [
        ItemErrors(name, str(doc["file"]), fold, tuple(document_errors(doc, results[str(doc["file"])])))
        for doc in gold.documents
        for fold in [fold_of(unit(doc), k)]
        if fold != HELD_OUT
    ]
    return SetResult(scores, [e for e in errors if e.errors])


def unit(doc: Doc) -> str:
    """A document's fold unit: its story, or its file when the gold names none."""
    return str(doc.get("story") or doc["file"])


def score_documents(gold: GoldSet, results: dict[str, ArticleResult]) -> list[Score]:
    """Cleaning, extraction and event scores of the documents of ``gold``."""
    from storyline.evaluate.events import evaluate_events_gold

    articles = {str(d["file"]): results[str(d["file"])].article for d in gold.documents}
    return (
        evaluate_cleaning(gold, articles)
        + evaluate_extraction(gold, results)
        + evaluate_events_gold(gold, results)
    )


def analyze_gold(gold: GoldSet, progress: EvalProgress) -> dict[str, ArticleResult]:
    """The pipeline's result for every document of a gold set, by file name."""
    out: dict[str, ArticleResult] = {}
    for doc in gold.documents:
        for item in analyze([str(gold.path(doc))]):
            if isinstance(item, ArticleResult):
                out[str(doc["file"])] = item
        progress.advance()
    missing = [d["file"] for d in gold.documents if d["file"] not in out]
    if missing:
        raise EvalError(f"{gold.name}: the pipeline rejected gold document(s) {', '.join(missing)}")
    return out


def document_errors(doc: Doc, result: ArticleResult) -> list[str]:
    """Readable mistakes on one gold document: cleaning lines and snippets, then extraction."""
    article = result.article
    out: list[str] = []
    if str(doc["file"]).endswith(".txt"):
        gold = {int(b["line"]) for b in doc.get("boilerplate", [])}
        lines = article.raw_text.splitlines()
        removed = {n for n in removed_lines(article) if lines[n - 1].strip()}
        out += [f"boilerplate kept, line {n}: {lines[n - 1].strip()[:80]!r}" for n in sorted(gold - removed)]
        out += [f"text removed, line {n}: {lines[n - 1].strip()[:80]!r}" for n in sorted(removed - gold)]
    out += snippet_errors(article, doc)
    out += extraction_errors(doc, result)
    return out

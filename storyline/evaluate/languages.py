"""Extraction per language on the cross-lingual gold: places and actors in 12 languages,
times, claims and events in the seven languages of issue 15.

``tests/corpus/crosslingual.gold.json`` annotates the places (``text``, ``country``) and the
actors (``text``, language-independent ``key``) of 66 articles in en, ru, uk, zh, ja, ko,
ar, fa, es, fr, de and tr.  Every article goes through the pipeline with its gold language
and date; scores are per language (``lang-<iso>``), the fold unit is the story, so the
headline figure of each language comes from the held-out stories only.

* places: a gold place is found when an extracted place overlaps its text (the rule of
  the other gold sets, :func:`storyline.evaluate.extraction._places`);
* actors: people and organisations (countries as actors are scored as places); a gold
  actor (one per key and article) is found when one extracted actor has a mention whose
  text overlaps one of the key's surface forms in that article; an extracted actor that
  matches no gold key is a false positive;
* times, claims and events (``tests/corpus/crosslingual.statements.gold.json``, the ru,
  uk, zh, ja, ko, ar and fa articles): the scorers of the example gold
  (:mod:`storyline.evaluate.extraction` for calendar times and claims,
  :mod:`storyline.evaluate.events` for asserted events), so figures compare across sets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from storyline.evaluate.events import _doc_counts
from storyline.evaluate.extraction import _claims, _overlap, _places, _times
from storyline.evaluate.scores import Counts, Score, SetResult, prf, split_scores, total
from storyline.evaluate.story_pairs import CROSSLINGUAL, CROSSLINGUAL_GOLD, _analyse
from storyline.model import ArticleResult
from storyline.progress import EvalProgress

Doc = dict[str, Any]

STATEMENTS_GOLD = CROSSLINGUAL_GOLD.with_name("crosslingual.statements.gold.json")
# Task name -> the per-document scorer (its counts come first in what it returns).
STATEMENT_TASKS: dict[str, Callable[[Doc, ArticleResult], tuple[Counts, int, int]]] = {
    "times": _times,
    "claims": _claims,
    "events": _doc_counts,
}


def _actors(doc: Doc, result: ArticleResult) -> Counts:
    gold: dict[str, list[str]] = {}
    for actor in doc.get("actors", []):
        gold.setdefault(str(actor["key"]), []).append(str(actor["text"]))
    pred: dict[str, list[str]] = {}
    for m in result.actors:
        if m.kind != "country":
            pred.setdefault(m.id, []).append(m.text)
    used: set[str] = set()
    tp = 0
    for forms in gold.values():
        hit = next(
            (
                i
                for i, texts in pred.items()
                if i not in used and any(_overlap(f, t) for f in forms for t in texts)
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            tp += 1
    return Counts(tp=tp, fp=len(pred) - len(used), fn=len(gold) - tp)


def _with_statements(docs: list[Doc]) -> list[Doc]:
    """The place and actor gold with each file's times, claims and events where annotated."""
    extra: dict[str, Doc] = {}
    if STATEMENTS_GOLD.exists():
        extra = {d["file"]: d for d in json.loads(STATEMENTS_GOLD.read_text(encoding="utf-8"))["documents"]}
    return [{**doc, **extra.get(doc["file"], {})} for doc in docs]


def _statement_scores(corpus: str, docs: Sequence[Doc], results: dict[str, ArticleResult]) -> list[Score]:
    """Times, claims and events over the documents annotated for each (none: not reported)."""
    out: list[Score] = []
    for task, score_doc in STATEMENT_TASKS.items():
        parts = [score_doc(d, results[d["file"]]) for d in docs if task in d]
        if parts:
            out += prf(corpus, task, total(p[0] for p in parts))
        if parts and task == "times":
            # Of the matched expressions, the share with the gold's value (the resolution).
            right, checked = sum(p[1] for p in parts), sum(p[2] for p in parts)
            out.append(Score(corpus, task, "value_accuracy", right / checked if checked else 0.0, checked))
    return out


def run_languages(progress: EvalProgress, *, k: int) -> SetResult:
    """Places, actors, times, claims and events per language, held out by story."""
    docs: list[Doc] = json.loads(CROSSLINGUAL_GOLD.read_text(encoding="utf-8"))["documents"]
    docs = _with_statements(docs)
    progress.start("languages", len(docs))
    results: dict[str, ArticleResult] = {}
    for doc in docs:
        result = _analyse(CROSSLINGUAL / doc["file"], doc["language"], doc.get("published"))
        if result is not None:
            results[doc["file"]] = result
        progress.advance()
    progress.finish()
    scores: list[Score] = []
    for language in sorted({d["language"] for d in docs}):
        mine = [d for d in docs if d["language"] == language and d["file"] in results]

        def aggregate(subset: Sequence[Doc], language: str = language) -> list[Score]:
            places = total(_places(d, results[d["file"]])[0] for d in subset)
            actors = total(_actors(d, results[d["file"]]) for d in subset)
            out = prf(f"lang-{language}", "places", places) + prf(f"lang-{language}", "actors", actors)
            return out + _statement_scores(f"lang-{language}", subset, results)

        scores += split_scores(mine, lambda d: str(d["story"]), aggregate, k=k)
    return SetResult(scores)

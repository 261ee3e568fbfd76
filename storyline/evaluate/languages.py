"""Extraction per language on the cross-lingual gold: places and actors in 12 languages.

``tests/corpus/crosslingual.gold.json`` annotates the places (``text``, ``country``) and the
actors (``text``, language-independent ``key``) of 50 articles in en, ru, uk, zh, ja, ko,
ar, fa, es, fr, de and tr.  Every article goes through the pipeline with its gold language
and date; scores are per language (``lang-<iso>``), the fold unit is the story, so the
headline figure of each language comes from the held-out stories only.

* places: a gold place is found when an extracted place overlaps its text (the rule of
  the other gold sets, :func:`storyline.evaluate.extraction._places`);
* actors: people and organisations (countries as actors are scored as places); a gold
  actor (one per key and article) is found when one extracted actor has a mention whose
  text overlaps one of the key's surface forms in that article; an extracted actor that
  matches no gold key is a false positive.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storyline.evaluate.extraction import _overlap, _places
from storyline.evaluate.scores import Counts, Score, SetResult, prf, split_scores, total
from storyline.evaluate.story_pairs import CROSSLINGUAL, CROSSLINGUAL_GOLD, _analyse
from storyline.model import ArticleResult
from storyline.progress import EvalProgress

Doc = dict[str, Any]


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


def run_languages(progress: EvalProgress, *, k: int) -> SetResult:
    """Places and actors per language, held out by story."""
    docs: list[Doc] = json.loads(CROSSLINGUAL_GOLD.read_text(encoding="utf-8"))["documents"]
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
            return prf(f"lang-{language}", "places", places) + prf(f"lang-{language}", "actors", actors)

        scores += split_scores(mine, lambda d: str(d["story"]), aggregate, k=k)
    return SetResult(scores)

"""Cross-script identity on the cross-lingual gold: one actor id per person across languages.

The gold (``tests/corpus/crosslingual.gold.json``) gives every actor mention of its 66 articles
a language-independent key (``vladimir-putin``).  The articles of the stories of one split
are ingested into a temporary database (so resolution sees only them) and every extracted
actor mention that overlaps a gold surface form takes the canonical actor id the resolver
gave it.  An *item* is a gold person key in one story that the story's articles name in at
least two languages; the unit of the folds is the story, so the headline figures come from
stories no rule was tuned on (:data:`storyline.evaluate.folds.HELD_OUT`):

* ``one_id``: the share of items for which one canonical id is found in every article of
  the story that names the person (extraction misses count as failures);
* ``one_id_found``: the same over the articles where the extractor found the person at all,
  for items found in at least two languages (identity alone, extraction set aside);
* ``found``: the share of (item, article) pairs where a matching mention was extracted.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline import resolve
from storyline.api import ingest
from storyline.evaluate.folds import HELD_OUT, K, fold_of
from storyline.evaluate.scores import HELD, TRAIN, Score, SetResult
from storyline.evaluate.story_pairs import CROSSLINGUAL, CROSSLINGUAL_GOLD
from storyline.settings import Settings
from storyline.store.db import Database

CORPUS = "identity"


@dataclass(frozen=True, slots=True)
class Item:
    """One person of one story and, per article naming them, the canonical ids found for them."""

    story: str
    key: str
    languages: int
    ids: tuple[frozenset[str], ...]  # one set per article (empty: the extractor missed the person)
    found_languages: int


def _overlaps(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    return bool(a and b) and (a in b or b in a)


def _ingest(docs: Sequence[dict[str, object]]) -> dict[str, list[tuple[str, str]]]:
    """``{file: [(mention text, canonical actor id)]}`` of the ``docs`` ingested together."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "identity.jsonl"
        with records.open("w", encoding="utf-8") as out:
            for doc in docs:
                record = {
                    "id": str(doc["file"]),
                    "text": (CROSSLINGUAL / str(doc["file"])).read_text(encoding="utf-8"),
                    "language": doc["language"],
                    "published": doc.get("published"),
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        with Database(Path(tmp) / "identity.db") as db:
            ingest([str(records)], db=db, settings=Settings(semantic="none"))
            mapping = resolve.actor_map(db.conn)
            found: dict[str, list[tuple[str, str]]] = defaultdict(list)
            query = "SELECT article_id, text, entity_id FROM mentions WHERE kind = 'actor'"
            for article, text, entity in db.conn.execute(query):  # article ids are the file names
                found[str(article)].append((str(text), resolve.canonical(str(entity), mapping)))
    return found


def items(docs: Sequence[dict[str, object]], organisations: frozenset[str] = frozenset()) -> list[Item]:
    """The items of ``docs`` (all of them ingested together); ``organisations`` are no person."""
    found = _ingest(docs)
    by_id = {str(d["file"]): d for d in docs}
    per_story: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
    for doc in docs:
        name = str(doc["file"])
        mentions = found.get(name, [])
        for actor in doc["actors"]:  # type: ignore[attr-defined]
            if str(actor["key"]) in organisations:
                continue
            ids = {cid for text, cid in mentions if _overlaps(text, str(actor["text"]))}
            per_story[(str(doc["story"]), str(actor["key"]))].setdefault(name, set()).update(ids)
    out = []
    for (story, key), per_doc in sorted(per_story.items()):
        languages = {by_id[f]["language"] for f in per_doc}
        if len(languages) < 2:
            continue
        found_langs = {by_id[f]["language"] for f, ids in per_doc.items() if ids}
        out.append(
            Item(
                story,
                key,
                len(languages),
                tuple(frozenset(per_doc[f]) for f in sorted(per_doc)),
                len(found_langs),
            )
        )
    return out


def _common(sets: Sequence[frozenset[str]]) -> bool:
    return bool(sets) and all(sets) and bool(frozenset.intersection(*sets))


def aggregate(found: Sequence[Item]) -> list[Score]:
    """The three figures of the module docstring over ``found``."""
    if not found:
        return []
    one = sum(_common(i.ids) for i in found)
    seen = [i for i in found if i.found_languages >= 2]
    one_found = sum(_common([s for s in i.ids if s]) for i in seen)
    pairs = [s for i in found for s in i.ids]
    return [
        Score(CORPUS, "person_keys", "one_id", one / len(found), len(found)),
        Score(CORPUS, "person_keys", "one_id_found", one_found / max(1, len(seen)), len(seen)),
        Score(CORPUS, "person_keys", "found", sum(bool(s) for s in pairs) / len(pairs), len(pairs)),
    ]


def run_identity(*, k: int = K) -> SetResult:
    """Held-out stories and training stories, each split ingested on its own."""
    gold = json.loads(CROSSLINGUAL_GOLD.read_text(encoding="utf-8"))
    docs, organisations = gold["documents"], frozenset(gold["organisations"])
    held = [d for d in docs if fold_of(str(d["story"]), k) == HELD_OUT]
    train = [d for d in docs if fold_of(str(d["story"]), k) != HELD_OUT]
    scores = [
        Score(s.corpus, s.task, s.metric, s.value, s.support, split=HELD)
        for s in aggregate(items(held, organisations))
    ]
    scores += [
        Score(s.corpus, s.task, s.metric, s.value, s.support, split=TRAIN)
        for s in aggregate(items(train, organisations))
    ]
    return SetResult(scores)

"""Extraction scores against the seed and example gold: times, places, actors and claims.

Matching rules (the same for every system, documented so figures compare):

- **times**: a gold ``(text, value)`` matches a predicted time whose surface
  text overlaps it (one contains the other, case-insensitively); value
  accuracy is measured over matched pairs.  Predictions are de-duplicated by
  ``(text, value)`` like the gold.
- **places**: by surface form, de-duplicated per document; a prediction is
  right when its text equals a gold text or one contains the other.  Country
  accuracy is over matched pairs.
- **actors**: by entity, per document: a predicted canonical name matches a
  gold name when their folded tokens (case, accents, hyphens) are equal, one
  token set contains the other, or they are near-identical (Andrey/Andrei);
  role and country accuracy over matched people whose gold has one.  A gold role
  is English as the annotator wrote it ("secretary of state"); the extractor
  names roles by the canonical office of ``langs/en/actors.toml`` ("foreign
  minister"), so the gold role is read through that table first.  The gold
  names organisations in English ("National Police") while no offline
  extractor can translate "Policía Nacional"; so an organisation also matches
  by the gold's surface ``text`` (the article's own wording), under the same
  name rule.  So does a person whose predicted name is in another script than the
  gold name: the gold writes people of a Cyrillic article in the Latin spelling
  other articles use ("Vladimir Putin"), the extractor keeps the article's
  ("Владимир Путин") and leaves the bridge to :mod:`storyline.resolve`.
- **claims**: a predicted claim matches a gold claim when its statement span
  contains the gold ``contains`` snippet or overlaps it by half; claims the
  annotator marked ``implicit`` (no reporting verb) are not required.  The
  speaker score asks the original (last) speaker to match.  ``speakers_are_actors``
  is the share of predicted speakers that are actors of the article (should be 1).
  A speaker matches under the actor rule: an organisation also by its gold ``text``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import fuzz

from storyline.evaluate.gold import GoldSet
from storyline.evaluate.scores import Counts, Score, prf, total
from storyline.extract._actor_lexicon import lexicon, norm
from storyline.extract.names import script_of
from storyline.model import ArticleResult, Claim

Doc = dict[str, Any]


def fold(text: str) -> str:
    """Lower-case, accents and punctuation removed, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def same_name(a: str, b: str) -> bool:
    """Whether two names denote the same actor under the documented rule."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    ta, tb = set(fa.split()), set(fb.split())
    if ta == tb or ta <= tb or tb <= ta:
        return True
    return fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")) >= 85


def _overlap(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


def _match(
    gold: list[Any], pred: list[Any], same: Callable[[Any, Any], bool]
) -> tuple[Counts, list[tuple[Any, Any]]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                pairs.append((g, p))
                break
    tp = len(pairs)
    return Counts(tp=tp, fp=len(pred) - len(used), fn=len(gold) - tp), pairs


def _times(doc: Doc, r: ArticleResult) -> tuple[Counts, int, int]:
    gold = _unique((t["text"], t["value"]) for t in doc.get("times", []))
    # The gold annotates calendar dates; durations, references and clock times are not scored.
    pred = _unique((t.text, t.value) for t in r.times if t.calendar)
    counts, pairs = _match(gold, pred, lambda g, p: _overlap(g[0], p[0]))
    return counts, sum(1 for g, p in pairs if g[1] == p[1]), len(pairs)


def _places(doc: Doc, r: ArticleResult) -> tuple[Counts, int, int]:
    gold = _unique((p["text"], p.get("country")) for p in doc.get("places", []))
    pred = _unique((p.text, p.country) for p in r.places)
    counts, pairs = _match(gold, pred, lambda g, p: _overlap(g[0], p[0]))
    return counts, sum(1 for g, p in pairs if g[1] == p[1]), len(pairs)


def _actors(doc: Doc, r: ArticleResult) -> tuple[Counts, int, int]:
    gold = list(doc.get("actors", []))
    pred = _unique_by_name(r)
    counts, pairs = _match(gold, pred, lambda g, p: _same_actor(g, p[0]))
    right = checked = 0
    for g, p in pairs:
        for key, value in (("role", p[1]), ("country", p[2])):
            if g.get(key):
                checked += 1
                right += same_attribute(key, g[key], value)
    return counts, right, checked


def same_attribute(key: str, gold: str, found: str | None) -> bool:
    """Whether a found role or country is the gold one; roles compare as canonical offices."""
    if key != "role" or found is None:
        return gold == found
    return found in (gold, canonical_role(gold))


def canonical_role(role: str) -> str:
    """An English role as the English role table names its office ("former secretary of state"
    → "former foreign minister"); a role the table does not list is itself."""
    office = role.removeprefix("former ")
    canonical = lexicon("en").roles.values.get(norm(office), office)
    return canonical if office == role else f"former {canonical}"


def _same_actor(g: Doc, name: str) -> bool:
    """Gold actor vs a predicted canonical name; organisations, and people named in another script
    than the gold's name ("Юрий Ушаков" for Yuri Ushakov), also by the article's own wording."""
    if same_name(g["name"], name):
        return True
    by_text = g.get("kind") == "organization" or script_of(name) != script_of(g["name"])
    return by_text and bool(g.get("text")) and same_name(g["text"], name)


def _unique_by_name(r: ArticleResult) -> list[tuple[str, str | None, str | None]]:
    best: dict[str, tuple[str, str | None, str | None]] = {}
    for m in r.actors:
        if m.kind == "country":
            continue  # countries as actors are scored as places
        old = best.get(m.id)
        if old is None or (not old[1] and m.role) or (not old[2] and m.country):
            best[m.id] = (m.name, m.role or (old[1] if old else None), m.country or (old[2] if old else None))
    return list(best.values())


def _claims(doc: Doc, r: ArticleResult) -> tuple[Counts, int, int]:
    gold = [c for c in doc.get("claims", []) if not c.get("implicit")]
    text = r.article.text
    pred = list(r.claims)

    def same(g: Doc, p: Claim) -> bool:
        return _claim_same(text, g, p)

    counts, pairs = _match(gold, pred, same)
    right = sum(1 for g, p in pairs if _right_speaker(doc, g, p))
    # Precision must not punish claims the gold lists as implicit.
    implicit = [c for c in doc.get("claims", []) if c.get("implicit")]
    matched = {id(p) for _, p in pairs}
    extra, _ = _match(implicit, [p for p in pred if id(p) not in matched], same)
    counts = Counts(counts.tp, max(0, counts.fp - extra.tp), counts.fn)
    return counts, right, len(pairs)


def _right_speaker(doc: Doc, g: Doc, p: Claim) -> bool:
    """Whether the claim's original (last) speaker is the gold one, named as actors are matched:
    by name, or an organisation by the article's own wording ("Komisi Pemilihan Umum")."""
    if not p.speakers or not g["speakers"]:
        return False
    gold, found = g["speakers"][-1], p.speakers[-1].name
    actor = next((a for a in doc.get("actors", []) if a.get("name") == gold), {"name": gold})
    return _same_actor(actor, found)


def _half_overlap(text: str, snippet: str, claim: Claim) -> bool:
    pos = text.find(snippet)
    if pos < 0:
        return False
    lo, hi = max(pos, claim.statement.start), min(pos + len(snippet), claim.statement.end)
    return hi - lo >= len(snippet) / 2


def _unique(items: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    seen: dict[tuple[Any, ...], None] = {}
    for item in items:
        seen.setdefault((fold(str(item[0])), *item[1:]), None)
    return list(seen)


TASKS: dict[str, tuple[Callable[[Doc, ArticleResult], tuple[Counts, int, int]], str]] = {
    "times": (_times, "value_accuracy"),
    "places": (_places, "country_accuracy"),
    "actors": (_actors, "role_country_accuracy"),
    "claims": (_claims, "speaker_accuracy"),
}


def extraction_errors(doc: Doc, r: ArticleResult) -> list[str]:
    """Missed and spurious times, places and actors of one document (for ``eval --errors``)."""
    lists: dict[str, tuple[list[Any], list[Any], Callable[[Any, Any], bool]]] = {
        "time": (
            _unique((t["text"], t["value"]) for t in doc.get("times", [])),
            _unique((t.text, t.value) for t in r.times if t.calendar),
            lambda g, p: _overlap(g[0], p[0]),
        ),
        "place": (
            _unique((p["text"], p.get("country")) for p in doc.get("places", [])),
            _unique((p.text, p.country) for p in r.places),
            lambda g, p: _overlap(g[0], p[0]),
        ),
        "actor": (
            [(g["name"], g) for g in doc.get("actors", [])],
            _unique_by_name(r),
            lambda g, p: _same_actor(g[1], p[0]),
        ),
    }
    out: list[str] = []
    for what, (gold, pred, same) in lists.items():
        if f"{what}s" not in doc:
            continue
        _, pairs = _match(gold, pred, same)
        matched_gold = {id(g) for g, _ in pairs}
        matched_pred = {id(p) for _, p in pairs}
        out += [f"{what} missed: {g[0]!r}" for g in gold if id(g) not in matched_gold]
        out += [f"{what} spurious: {p[0]!r}" for p in pred if id(p) not in matched_pred]
        out += [
            f"{what} value: {g[0]!r} gold {g[1]!r}, found {p[1]!r}"
            for g, p in pairs
            if what == "time" and g[1] != p[1]
        ]
        if what == "actor":
            out += _attribute_errors(pairs)
    return out + _claim_errors(doc, r)


def _attribute_errors(pairs: list[tuple[Any, Any]]) -> list[str]:
    """Role and country mismatches of matched actors."""
    out = []
    for (name, g), (_, role, country) in pairs:
        for key, value in (("role", role), ("country", country)):
            if g.get(key) and not same_attribute(key, g[key], value):
                out.append(f"actor {key}: {name!r} gold {g[key]!r}, found {value!r}")
    return out


def _claim_errors(doc: Doc, r: ArticleResult) -> list[str]:
    """Missed and spurious claims, and wrong speakers."""
    if "claims" not in doc:
        return []
    text = r.article.text
    out = []
    gold = [c for c in doc["claims"] if not c.get("implicit")]
    found = {id(c): c for c in r.claims}
    for g in gold:
        hit = next((p for p in r.claims if _claim_same(text, g, p)), None)
        if hit is None:
            out.append(f"claim missed: {g['contains'][:60]!r} ({g['speakers'][-1]})")
            continue
        found.pop(id(hit), None)
        said = hit.speakers[-1].name if hit.speakers else None
        if not _right_speaker(doc, g, hit):
            out.append(f"claim speaker: {g['contains'][:40]!r} gold {g['speakers'][-1]!r}, found {said!r}")
    for p in found.values():
        if not any(_claim_same(text, c, p) for c in doc["claims"]):
            statement = text[p.statement.start : p.statement.end][:60]
            out.append(f"claim spurious: {statement!r} ({p.speakers[-1].name if p.speakers else None})")
    return out


def _claim_same(text: str, g: Doc, p: Claim) -> bool:
    statement = text[p.statement.start : p.statement.end]
    return _overlap(g["contains"], statement) or _half_overlap(text, g["contains"], p)


def evaluate_extraction(gold: GoldSet, results: dict[str, ArticleResult]) -> list[Score]:
    """Precision/recall/F1 and an attribute accuracy per extraction task."""
    scores: list[Score] = []
    for task, (score_doc, attribute) in TASKS.items():
        docs = [d for d in gold.documents if task in d]
        if not docs:
            continue
        parts = [score_doc(d, results[str(d["file"])]) for d in docs]
        scores += prf(gold.name, task, total(c for c, _, _ in parts))
        right, checked = sum(p[1] for p in parts), sum(p[2] for p in parts)
        scores.append(Score(gold.name, task, attribute, right / checked if checked else 0.0, checked))
    claim_docs = [results[str(d["file"])] for d in gold.documents if "claims" in d]
    if claim_docs:
        speakers = [
            (s.id, {m.id for m in r.actors}) for r in claim_docs for c in r.claims for s in c.speakers
        ]
        actors = sum(1 for key, ids in speakers if key in ids)
        share = actors / len(speakers) if speakers else 1.0
        scores.append(Score(gold.name, "claims", "speakers_are_actors", share, len(speakers)))
    return scores

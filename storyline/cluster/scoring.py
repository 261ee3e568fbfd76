"""Pairwise similarity of two fingerprints: one score in [0, 1], the same-story decision,
the link kind (``copy``, ``translation``, ``story``) and the evidence for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.cluster.fingerprints import Fingerprint, entity_kind, minhash_jaccard
from storyline.story_model import StoryModel, default_model

WINDOW_DAYS = 4  # candidates are looked up this many days either side of the anchor date
# Two articles whose anchor days are further apart than this tell two stories, whatever
# their words: the same people meet again (the rule is applied after the model).
FAR_DAYS = 30
COPY_JACCARD = 0.6
TRANSLATION_MIN_PARAGRAPHS = 3
# A pair in two languages whose embeddings are this close says the same thing: on the
# example corpus the French article and its English translation reach 0.95, other
# same-story pairs across languages 0.84-0.90.
TRANSLATION_COS = 0.93

# Evidence weight of one shared entity, by kind: a person or a city is strong
# evidence of the same story, a country (named in most international news) weak.
KIND_WEIGHT = {"person": 1.0, "city": 0.8, "region": 0.6, "organization": 0.5, "group": 0.5, "country": 0.2}


@dataclass(frozen=True, slots=True)
class Similarity:
    """A pairwise judgement: same-story probability, decision, link kind and evidence."""

    score: float
    same_story: bool
    kind: str | None  # copy | translation | story | None
    evidence: dict[str, Any]


IdfFn = Callable[[str], float]


def similarity(
    a: Fingerprint,
    b: Fingerprint,
    *,
    mapping: Mapping[str, str] | None = None,
    idf: IdfFn | None = None,
    lex: float | None = None,
    cos: float | None = None,
    model: StoryModel | None = None,
    explain: bool = True,
    entities_a: Mapping[str, str] | None = None,
) -> Similarity:
    """How likely ``a`` and ``b`` tell one story, with the evidence for it.

    ``mapping`` turns entity ids into canonical actor ids (see
    :mod:`storyline.resolve`); ``idf`` weighs lexical terms (None: rare-looking
    long words count, short ones do not).  ``lex`` is their lexical cosine when
    the caller has it already (the clusterer computes it from cached vectors);
    it is only used for a pair in one language.  ``cos`` is the cosine of the
    two articles' embeddings (None: no semantic signal for this pair).  The
    decision is the learned model's (:mod:`storyline.story_model`), then two
    stated rules: near-copies are the same story, and anchor days more than
    :data:`FAR_DAYS` apart are not, unless one of them is a day its text cites
    (no publication date) and the two texts cite a day in common.  With ``explain``
    false a pair that gets no link kind gets no evidence either (``{}``): clustering
    judges every candidate pair and keeps the evidence of its links only.
    ``entities_a``: :func:`canonical_entities` of ``a``, when the caller judges ``a``
    against many articles under one ``mapping``.
    """
    pair = pair_signals(a, b, mapping=mapping, idf=idf, lex=lex, cos=cos, entities_a=entities_a)
    signals, same_lang = pair.signals, pair.same_language
    decision = (model or default_model()).decide(
        signals, same_language=same_lang, semantic=cos is not None, language=a.language
    )
    jac = minhash_jaccard(a.minhash, b.minhash) if same_lang else 0.0
    gap = _day_gap(a.day, b.day)
    # A day the text cites is weaker evidence than a publication date: two articles that
    # cite a day in common may anchor on different ones (one recalls the start of a story).
    dated = (a.published and b.published) or not pair.shared_dates
    rule = _rule(jac, gap if dated else None)
    same = rule == "near-copy" or (decision.same_story and rule is None)
    score = max(decision.probability, jac) if rule == "near-copy" else decision.probability
    kind = _kind(a, b, same_lang=same_lang, jac=jac, signals=signals, nums=pair.shared_numbers, cos=cos)
    if kind == "story" and not same:
        kind = None
    if kind is None and not explain:
        return Similarity(round(score, 4), False, None, {})
    evidence = {
        "shared_actors": pair.shared_actors,
        "shared_places": pair.shared_places,
        "shared_dates": pair.shared_dates,
        "shared_numbers": pair.shared_numbers,
        "shared_events": pair.shared_events,
        "embedding_cosine": round(cos, 3) if cos is not None else None,
        "lexical_cosine": round(signals["lex"], 3),
        "shingle_jaccard": round(jac, 3),
        "entity_overlap": round(signals["ent"], 3),
        "day_gap": gap,
        "same_language": same_lang,
        "model": decision.variant,
        "threshold": decision.threshold,
        "contributions": decision.contributions,
        "rule": rule,
    }
    return Similarity(round(score, 4), kind is not None, kind, evidence)


@dataclass(frozen=True, slots=True)
class PairSignals:
    """What two fingerprints share, and the model's input signals (each in [0, 1])."""

    signals: dict[str, float]
    same_language: bool
    shared_actors: list[str]
    shared_places: list[str]
    shared_dates: list[str]
    shared_numbers: list[str]
    shared_events: list[str]


def pair_signals(
    a: Fingerprint,
    b: Fingerprint,
    *,
    mapping: Mapping[str, str] | None = None,
    idf: IdfFn | None = None,
    lex: float | None = None,
    cos: float | None = None,
    entities_a: Mapping[str, str] | None = None,
) -> PairSignals:
    """The signals of :mod:`storyline.story_model` for one pair (training and deciding use this one).

    ``entities_a``: ``a``'s :func:`canonical_entities` under ``mapping``, if the caller has them.
    """
    ents_a = entities_a if entities_a is not None else canonical_entities(a, mapping)
    ents_b = canonical_entities(b, mapping)
    shared_ents = sorted(set(ents_a) & set(ents_b))
    shared_dates = _shared_dates(a.dates, b.dates)
    shared_nums = sorted(set(a.numbers) & set(b.numbers))
    shared_events = sorted(set(a.events) & set(b.events))
    same_lang = a.language == b.language and a.language is not None
    if not same_lang:
        lex = 0.0
    elif lex is None:
        lex = cosine(a.terms, b.terms, idf)
    signals = {
        "cos": cos if cos is not None else 0.0,
        "lex": lex,
        "ent": _weighted_jaccard(ents_a, ents_b),
        "dates": len(shared_dates) / min(len(a.dates), len(b.dates)) if a.dates and b.dates else 0.0,
        "nums": 1 - 0.5 ** len(shared_nums),
        "events": 1 - 0.5 ** len(shared_events),
    }
    places = {"city", "region", "country"}
    return PairSignals(
        signals,
        same_lang,
        [e for e in shared_ents if ents_a[e] not in places],
        [e for e in shared_ents if ents_a[e] in places],
        shared_dates,
        shared_nums,
        shared_events,
    )


def canonical_entities(fp: Fingerprint, mapping: Mapping[str, str] | None = None) -> dict[str, str]:
    """``fp``'s entities as canonical actor ids (``mapping``) with their weight class."""
    get = (mapping or {}).get
    return {get(k, k): entity_kind(k, v) for k, v in fp.entities.items()}


def _rule(jac: float, gap: int | None) -> str | None:
    """A stated rule that overrides the model, or None."""
    if jac >= COPY_JACCARD:
        return "near-copy"
    if gap is not None and gap > FAR_DAYS:
        return f"anchor days {gap} days apart (more than {FAR_DAYS})"
    return None


def _kind(
    a: Fingerprint,
    b: Fingerprint,
    *,
    same_lang: bool,
    jac: float,
    signals: Mapping[str, float],
    nums: list[str],
    cos: float | None,
) -> str | None:
    if same_lang and jac >= COPY_JACCARD:
        return "copy"
    if not same_lang and _translation(a, b, ent=signals["ent"], nums=nums, dates=signals["dates"], cos=cos):
        return "translation"
    return "story"


def _translation(
    a: Fingerprint, b: Fingerprint, *, ent: float, nums: list[str], dates: float, cos: float | None
) -> bool:
    """Same paragraph structure, names, numbers and dates in another language (and meaning, with vectors)."""
    pa, pb = a.paragraphs, b.paragraphs
    if len(pa) < TRANSLATION_MIN_PARAGRAPHS or len(pa) != len(pb):
        return False
    if cos is not None and cos < TRANSLATION_COS:
        return False
    if ent < 0.5 and cos is None:
        return False
    numbers_agree = len(nums) >= max(1, min(len(a.numbers), len(b.numbers)) // 2) or not (
        a.numbers or b.numbers
    )
    dates_agree = dates >= 0.5 or not (a.dates or b.dates)
    return numbers_agree and dates_agree and _correlation(pa, pb) >= 0.9


def _correlation(x: Iterable[int], y: Iterable[int]) -> float:
    xa, ya = np.asarray(list(x), dtype=float), np.asarray(list(y), dtype=float)
    if xa.std() == 0 or ya.std() == 0:
        return 0.0
    return float(np.corrcoef(xa, ya)[0, 1])


def _weighted_jaccard(a: Mapping[str, str], b: Mapping[str, str]) -> float:
    union = set(a) | set(b)
    if not union:
        return 0.0
    total = sum(KIND_WEIGHT.get(a.get(e) or b.get(e) or "", 0.5) for e in union)
    shared = sum(KIND_WEIGHT.get(a[e], 0.5) for e in set(a) & set(b))
    return shared / total if total else 0.0


def _shared_dates(a: Iterable[str], b: Iterable[str]) -> list[str]:
    """Dates in both lists; a yearless date (--11-30) matches a full one with the same month and day."""
    full_b = set(b)
    partial_b = {d[-5:] for d in full_b if d.startswith("--")}
    md_b = {d[-5:] for d in full_b}
    return sorted(
        {d for d in a if d in full_b or d[-5:] in partial_b or (d.startswith("--") and d[-5:] in md_b)}
    )


def _day_gap(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def cosine(a: Mapping[str, int], b: Mapping[str, int], idf: IdfFn | None = None) -> float:
    """TF-IDF cosine of two term-count maps (log-scaled tf)."""
    weight = idf or length_idf
    va, vb = term_weights(a, weight), term_weights(b, weight)
    return weighted_cosine(va, vector_norm(va), vb, vector_norm(vb))


def term_weights(terms: Mapping[str, int], idf: IdfFn) -> dict[str, float]:
    """The TF-IDF weights :func:`cosine` gives ``terms`` (log-scaled tf)."""
    return {t: (1 + math.log(n)) * idf(t) for t, n in terms.items()}


def vector_norm(weights: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in weights.values()))


def weighted_cosine(va: Mapping[str, float], na: float, vb: Mapping[str, float], nb: float) -> float:
    """:func:`cosine` of two weighted term maps with their norms (callers may keep them)."""
    dot = sum(w * vb[t] for t, w in va.items() if t in vb)
    return dot / (na * nb) if na and nb else 0.0


def length_idf(term: str) -> float:
    # Without collection statistics, short words are mostly function words.
    return 0.0 if len(term) < 5 else 1.0


def idf_from(df: Mapping[str, int], n_docs: int) -> IdfFn:
    """An IDF function over collection document frequencies (smoothed, never negative)."""

    def idf(term: str) -> float:
        return math.log((n_docs + 1) / (df.get(term, 0) + 0.5))

    return idf

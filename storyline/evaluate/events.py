"""Event scores: the UniversalPetrarch validation sentences (CAMEO gold) and the seeds/examples gold.

**Dev sets** (``corpus/dev/events/*.xml``): every ``<Sentence>`` is analysed
as a one-sentence article (its ``date`` attribute as publication date) by the
same extraction stages as ``storyline analyze``.  Gold CAMEO codes are mapped
to PLOVER types with the published crosswalk (``langs/xx/plover.toml``);
codes of the dropped CAMEO categories (01 statements, 02 appeals) are not
counted.  PETRARCH codes a symmetric event twice, once per direction (USA→BRA
and BRA→USA for "Brazil and the United States … partnership"); storyline
has one event for it (``_event_merge.SYMMETRIC``), so the second direction of
a CONSULT, AGREE or COOPERATE coding between the same two actors is not
counted (6 of the 72 English codings, none of the Spanish ones).  Only
*asserted* events are predictions (planned, negated and hypothetical ones are
not claims that something happened).  Per sentence,
predicted and gold types are matched as multisets; sentences without coding
count for precision.  Source/target agreement is the mean token F1 between
our ``source_text``/``target_text`` and the gold ``sourcetext``/``targettext``,
over type-matched events whose gold gives that text.

**Gold sets** (``documents[].events`` in ``tests/corpus/*.gold.json``): each
gold event has ``type`` and optionally ``mode``, ``source``, ``target``
(names) and ``date``.  A predicted asserted event matches a gold one of the
same type (and, for CONSULT, the same mode when the gold gives one) whose named participants are
among the prediction's (same-name rule of ``evaluate.extraction``); date
accuracy is over matched pairs whose gold has a date.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from storyline import langs
from storyline.errors import EvalError
from storyline.evaluate.extraction import fold, same_name
from storyline.evaluate.gold import GoldSet
from storyline.evaluate.scores import Counts, Score, prf, total
from storyline.extract._event_classifier import EventModel
from storyline.extract._event_merge import SYMMETRIC
from storyline.model import ArticleResult, Event

_CODE = re.compile(r"\d+")
_SENTENCE_PREFIX = re.compile(r"^.*?\|\s*", re.S)  # "20000430\t20000430_NYN_P1_P10320 | text"


@dataclass(frozen=True, slots=True)
class DevSentence:
    """One validation sentence: its text, date and gold (PLOVER type, source text, target text)."""

    id: str
    text: str
    date: dt.date | None
    gold: tuple[tuple[str, str | None, str | None], ...]


@cache
def _crosswalk() -> dict[str, str]:
    return dict(langs.load(langs.UNIVERSAL, "plover").get("cameo", {}))


def cameo_to_plover(code: str) -> str | None:
    """The PLOVER type of a CAMEO code ("190_use_conventional…" → ASSAULT); None when dropped or unknown."""
    digits = _CODE.match(code.strip())
    if digits is None:
        return None
    table = _crosswalk()
    number = digits.group()
    for key in (number, number[:3], number[:2]):
        if key in table:
            value = table[key]
            return value.split("/")[0] if value else None
    return None


def _date(value: str | None) -> dt.date | None:
    if value and len(value) == 8 and value.isdigit():
        try:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            return None  # e.g. date="121108" in the English file: no usable date
    return None


def _sentence_text(raw: str) -> str:
    text = raw.strip()
    text = _SENTENCE_PREFIX.sub("", text, count=1) if "|" in text.split("\n", 1)[0] else text
    # The file wraps one annotated sentence over lines at ~100 characters: one line, as written.
    return " ".join(text.split())


def _gold_of(
    codings: list[ET.Element], texts: list[ET.Element]
) -> tuple[tuple[str, str | None, str | None], ...]:
    by_eid = {t.get("eid"): t for t in texts}
    gold = []
    pairs: set[tuple[str, frozenset[str]]] = set()
    for coding in codings:
        kind = cameo_to_plover(coding.get("eventcode") or "")
        if coding.get("noevents") or kind is None:
            continue
        pair = (kind, frozenset((coding.get("sourcecode") or "", coding.get("targetcode") or "")))
        if kind in SYMMETRIC and pair in pairs:
            continue  # "A met B" coded again as "B met A": one symmetric event for storyline
        pairs.add(pair)
        text = by_eid.get(coding.get("eid"))
        src = text.get("sourcetext") if text is not None else None
        tgt = text.get("targettext") if text is not None else None
        gold.append((kind, src or None, tgt or None))
    return tuple(gold)


def read_dev(path: Path) -> list[DevSentence]:
    """The sentences of a UniversalPetrarch validation file.

    The English file closes ``<Sentence …/>`` before its codings and text, so
    it is read as a flat stream: codings and text belong to the last sentence opened.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    body = raw.split("<Sentences>", 1)[-1].rsplit("</Sentences>", 1)[0]
    flat = re.sub(r"</Sentence\s*>", "", body)
    flat = re.sub(r"<Sentence\b([^>]*?)/?>", r"<S\1/>", flat)
    try:
        root = ET.fromstring(f"<root>{flat}</root>")
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not a validation file: {exc}") from exc
    return _collect(root)


def _collect(root: ET.Element) -> list[DevSentence]:
    out: list[DevSentence] = []
    head: ET.Element | None = None
    codings: list[ET.Element] = []
    texts: list[ET.Element] = []
    for el in root:
        if el.tag == "S":
            head, codings, texts = el, [], []
        elif el.tag == "EventCoding":
            codings.append(el)
        elif el.tag == "EventText":
            texts.append(el)
        elif el.tag == "Text" and head is not None and el.text:
            gold = _gold_of(codings, texts)
            out.append(
                DevSentence(head.get("id") or "", _sentence_text(el.text), _date(head.get("date")), gold)
            )
    return out


def analyze_sentence(
    sentence: DevSentence, lang: str, *, classify: bool = True, model: EventModel | None = None
) -> tuple[Event, ...]:
    """Our events for one sentence, through the extraction stages of ``storyline analyze``."""
    from storyline.extract.actors import extract_actors
    from storyline.extract.dates import extract_times
    from storyline.extract.events import extract_events
    from storyline.extract.places import extract_places

    text = sentence.text
    times = extract_times(text, language=lang, published=sentence.date)
    places = extract_places(text, language=lang)
    actors = extract_actors(text, language=lang, places=places)
    events, _ = extract_events(
        text,
        language=lang,
        published=sentence.date,
        actors=actors,
        places=places,
        times=times,
        classify=classify,
        model=model,
    )
    return events


def token_f1(a: str | None, b: str | None) -> float:
    """Token-overlap F1 of two texts after folding (case, accents, punctuation)."""
    ta, tb = Counter(fold(a or "").split()), Counter(fold(b or "").split())
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """One validation sentence scored: overall and per-type counts, argument agreements."""

    id: str
    counts: Counts
    by_type: dict[str, Counts]
    src: tuple[float, ...]
    tgt: tuple[float, ...]
    gold_types: tuple[str, ...]
    predicted_types: tuple[str, ...]

    @property
    def unit(self) -> str:
        """The source document ("AFP0808020625_4" → "AFP0808020625"): the fold unit."""
        return self.id.rsplit("_", 1)[0] if "_" in self.id else self.id


def score_sentence(sentence: DevSentence, lang: str) -> SentenceScore:
    """Match our asserted events to the gold types of one sentence (multisets)."""
    return score_events(sentence, analyze_sentence(sentence, lang))


def score_events(sentence: DevSentence, events: Sequence[Event]) -> SentenceScore:
    """Match the asserted ``events`` to the gold types of their sentence (multisets)."""
    pred = [e for e in events if e.status == "asserted"]
    used: set[int] = set()
    src, tgt = [], []
    by_type: dict[str, Counts] = {}
    for kind, g_src, g_tgt in sentence.gold:
        i = next((i for i, e in enumerate(pred) if i not in used and e.type == kind), None)
        if i is None:
            by_type[kind] = by_type.get(kind, Counts()) + Counts(fn=1)
            continue
        used.add(i)
        by_type[kind] = by_type.get(kind, Counts()) + Counts(tp=1)
        if g_src:
            src.append(token_f1(pred[i].source_text, g_src))
        if g_tgt:
            tgt.append(token_f1(pred[i].target_text, g_tgt))
    for i, e in enumerate(pred):
        if i not in used:
            by_type[e.type] = by_type.get(e.type, Counts()) + Counts(fp=1)
    tp = len(used)
    return SentenceScore(
        sentence.id,
        Counts(tp, len(pred) - tp, len(sentence.gold) - tp),
        by_type,
        tuple(src),
        tuple(tgt),
        tuple(g[0] for g in sentence.gold),
        tuple(e.type for e in pred),
    )


def aggregate_events(corpus: str, scored: Sequence[SentenceScore]) -> list[Score]:
    """P/R/F1, argument agreement and per-type precision/recall (task ``type:<TYPE>``)."""
    scores = prf(corpus, "events", total(s.counts for s in scored))
    src = [v for s in scored for v in s.src]
    tgt = [v for s in scored for v in s.tgt]
    # Agreement only where the gold gives the texts (the English file has codes only).
    for metric, values in (("source_agreement", src), ("target_agreement", tgt)):
        if values:
            scores.append(Score(corpus, "events", metric, sum(values) / len(values), len(values)))
    for kind in sorted({t for s in scored for t in s.by_type}):
        counts = total(s.by_type.get(kind, Counts()) for s in scored)
        scores += [
            Score(corpus, f"type:{kind}", "precision", counts.precision, counts.tp + counts.fp),
            Score(corpus, f"type:{kind}", "recall", counts.recall, counts.tp + counts.fn),
        ]
    return scores


def evaluate_events_dev(path: Path, lang: str) -> list[Score]:
    """Scores over the whole validation file, as corpus ``events-<lang>`` (eval reports held-out)."""
    return aggregate_events(f"events-{lang}", [score_sentence(s, lang) for s in read_dev(path)])


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _event_names(r: ArticleResult, e: Event) -> list[str]:
    by_id = {m.id: m.name for m in r.actors}
    out = []
    for actor_id, text in ((e.source, e.source_text), (e.target, e.target_text)):
        if actor_id or text:
            out += [n for n in (by_id.get(actor_id or ""), text, actor_id) if n]
    return out


def _matches(g: dict[str, Any], e: Event, names: list[str]) -> bool:
    # Modes are compared for CONSULT only: its modes (visit, meet, call…) are the
    # contract; elsewhere annotators write PLOVER contexts ("military") as modes.
    if e.type != g.get("type") or (e.type == "CONSULT" and g.get("mode") and e.mode != g["mode"]):
        return False
    wanted = _names(g.get("source")) + _names(g.get("target")) + _names(g.get("participants"))
    return all(any(same_name(w, n) for n in names) for w in wanted)


def _doc_counts(doc: dict[str, Any], r: ArticleResult) -> tuple[Counts, int, int]:
    gold = [g for g in doc.get("events", []) if g.get("status", "asserted") == "asserted"]
    pred = [e for e in r.events if e.status == "asserted"]
    used: set[int] = set()
    right = dated = 0
    for g in gold:
        i = next(
            (i for i, e in enumerate(pred) if i not in used and _matches(g, e, _event_names(r, e))), None
        )
        if i is None:
            continue
        used.add(i)
        if g.get("date"):
            dated += 1
            right += pred[i].date == g["date"]
    return Counts(len(used), len(pred) - len(used), len(gold) - len(used)), right, dated


def evaluate_events_gold(gold: GoldSet, results: dict[str, ArticleResult]) -> list[Score]:
    """Event P/R/F1 and date accuracy against a gold set's ``events`` (nothing when it has none)."""
    docs = [d for d in gold.documents if "events" in d and str(d["file"]) in results]
    if not docs:
        return []
    per_doc = [_doc_counts(d, results[str(d["file"])]) for d in docs]
    right = sum(p[1] for p in per_doc)
    dated = sum(p[2] for p in per_doc)
    return [
        *prf(gold.name, "events", total(p[0] for p in per_doc)),
        Score(gold.name, "events", "date_accuracy", right / dated if dated else 0.0, dated),
    ]

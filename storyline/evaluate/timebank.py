"""Score :func:`storyline.dates.expressions.extract_times` against TimeBank (English and Spanish).

The gold files (``<root>/<lang>/train.tsv``) hold one token per line:
``token<TAB>BIO tag<TAB>TIMEX3 value``; a ``*!-DCTVALUE="…"-!*`` line opens
each document (its creation date, our publication anchor) and blank lines
separate sentences.  Each document is rebuilt as text (tokens joined by
spaces, sentences by newlines) with the offset of every token, so gold
expressions become character spans.

**What is scored.**  storyline normalises calendar dates, so only gold
expressions whose *value form* is a calendar date count: ``1989``,
``1989-10``, ``1989-10-30``, ``1989-W44``, decades/centuries (``198``), with
unknown parts allowed (``XXXX-10``) as long as one digit is known.  Excluded,
by the gold value alone and so equally for any system: durations (``P1D``),
clock times (``…T14:00``), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``,
quarters, halves, seasons and weekends (``1989-Q3``, ``1989-SU``,
``1989-W44-WE``) and fully unknown values (``XXXX-XX-XX``).  A prediction that
overlaps an excluded gold expression is neither right nor wrong: it is ignored.

Only calendar predictions (:attr:`TimeExpr.calendar`) are scored against them.

**Full TimeML (task ``timex``).**  Every gold TIMEX3 of the file (dates,
times, durations, sets, references, quarters …) against every prediction,
with the same metrics: the figure for "full TimeML coverage of news".

**Metrics.**  Relaxed span match (any character overlap).  Precision: share
of the remaining predictions overlapping a gold expression; recall: share
of gold expressions overlapped by a prediction; value accuracy: share of
matched gold expressions whose first overlapping prediction has exactly the
gold value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.dates.expressions import extract_times
from storyline.errors import EvalError
from storyline.evaluate.folds import HELD_OUT, fold_of
from storyline.evaluate.scores import ItemErrors, Score, SetResult, split_scores
from storyline.model import TimeExpr
from storyline.progress import EvalProgress

_DCT = re.compile(r'^\*!-DCTVALUE="([^"]+)"-!\*')
_DATE_FORM = re.compile(r"^(?:\d{2,4}|XXXX)(?:-W(?:\d\d|XX)|-(?:\d\d|XX)(?:-(?:\d\d|XX))?)?$")


@dataclass(frozen=True, slots=True)
class GoldTime:
    """One gold TIMEX3 expression as a character span of the rebuilt document."""

    start: int
    end: int
    value: str

    @property
    def scored(self) -> bool:
        """Whether the value has the form of a calendar date (see the module docstring)."""
        return bool(_DATE_FORM.match(self.value)) and any(ch.isdigit() for ch in self.value)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A rebuilt TimeBank document: its text, creation date and gold expressions."""

    text: str
    created: dt.date
    times: tuple[GoldTime, ...]


@dataclass(slots=True)
class _Tally:
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    value_right: int = 0
    full: _Tally | None = None  # the same counts over every TIMEX3 (task "timex")


def read_timebank(path: Path) -> list[GoldDocument]:
    """Parse one ``train.tsv`` into documents; :class:`EvalError` if it is missing or malformed."""
    if not path.is_file():
        raise EvalError(f"TimeBank gold file not found: {path}")
    docs: list[GoldDocument] = []
    block: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if _DCT.match(line) and block:
            docs.append(_document(block))
            block = []
        block.append(line)
    if block:
        docs.append(_document(block))
    return docs


def _document(lines: list[str]) -> GoldDocument:
    """Rebuild one document from its lines (the first one carries the creation date)."""
    head = _DCT.match(lines[0])
    if head is None:
        raise EvalError(f"TimeBank document without a DCTVALUE line: {lines[0][:60]!r}")
    created = dt.date.fromisoformat(head.group(1)[:10])
    text_parts: list[str] = []
    times: list[GoldTime] = []
    offset = 0
    open_time: list[int | str] | None = None  # [start, end, value]
    for line in lines[1:]:
        if not line.strip():
            _close(open_time, times)
            open_time = None
            if text_parts and text_parts[-1] != "\n":
                text_parts.append("\n")
                offset += 1
            continue
        token, tag, value = [*line.split("\t"), "", ""][:3]
        if text_parts and text_parts[-1] != "\n":
            text_parts.append(" ")
            offset += 1
        start, offset = offset, offset + len(token)
        text_parts.append(token)
        if tag.startswith("B-"):
            _close(open_time, times)
            open_time = [start, offset, value]
        elif tag.startswith("I-") and open_time is not None:
            open_time[1] = offset
        else:
            _close(open_time, times)
            open_time = None
    _close(open_time, times)
    return GoldDocument("".join(text_parts), created, tuple(times))


def _close(open_time: list[int | str] | None, times: list[GoldTime]) -> None:
    if open_time is not None:
        start, end, value = open_time
        times.append(GoldTime(int(start), int(end), str(value)))


def _overlaps(a: TimeExpr | GoldTime, b: TimeExpr | GoldTime) -> bool:
    return a.start < b.end and b.start < a.end


def _score_document(doc: GoldDocument, lang: str, tally: _Tally) -> list[str]:
    """Add one document's counts to ``tally`` (and to ``tally.full`` over every TIMEX3); return
    its mistakes, readable (calendar dates first, then those of the full TimeML scoring)."""
    predicted = extract_times(doc.text, language=lang, published=doc.created, timeml=True)
    calendar = [p for p in predicted if p.calendar]
    scored = [g for g in doc.times if g.scored]
    excluded = [g for g in doc.times if not g.scored]
    errors = _score(doc, calendar, scored, excluded, tally)
    tally.full = _Tally()
    full_errors = _score(doc, predicted, list(doc.times), [], tally.full)
    # Mistakes of the calendar scoring are listed once; the rest concern the other TimeML values.
    errors += [f"timex {e}" for e in full_errors if e not in errors]
    return errors


def _score(
    doc: GoldDocument,
    predicted: Sequence[TimeExpr],
    scored: Sequence[GoldTime],
    excluded: Sequence[GoldTime],
    tally: _Tally,
) -> list[str]:
    errors: list[str] = []
    for pred in predicted:
        if any(_overlaps(pred, g) for g in scored):
            tally.predicted += 1
            tally.predicted_matched += 1
        elif not any(_overlaps(pred, g) for g in excluded):
            tally.predicted += 1
            errors.append(f"spurious {pred.text!r} = {pred.value}")
    for gold in scored:
        tally.gold += 1
        hits = [p for p in predicted if _overlaps(p, gold)]
        surface = doc.text[gold.start : gold.end]
        if not hits:
            errors.append(f"missed {surface!r} = {gold.value}")
            continue
        tally.gold_matched += 1
        tally.value_right += hits[0].value == gold.value
        if hits[0].value != gold.value:
            errors.append(f"value {surface!r}: gold {gold.value}, found {hits[0].value}")
    return errors


def _documents(root: Path, lang: str) -> Iterator[GoldDocument]:
    yield from read_timebank(root / lang / "train.tsv")


def _scores(lang: str, tallies: Iterable[_Tally]) -> list[Score]:
    parts = list(tallies)
    full = [t.full for t in parts if t.full is not None]
    return _task_scores(lang, "times", parts) + (_task_scores(lang, "timex", full) if full else [])


def _task_scores(lang: str, task: str, tallies: Iterable[_Tally]) -> list[Score]:
    tally = _Tally()
    for t in tallies:
        tally.predicted += t.predicted
        tally.predicted_matched += t.predicted_matched
        tally.gold += t.gold
        tally.gold_matched += t.gold_matched
        tally.value_right += t.value_right
    precision = tally.predicted_matched / tally.predicted if tally.predicted else 0.0
    recall = tally.gold_matched / tally.gold if tally.gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = tally.value_right / tally.gold_matched if tally.gold_matched else 0.0
    corpus = f"timebank-{lang}"
    return [
        Score(corpus, task, "span_precision", precision, tally.predicted),
        Score(corpus, task, "span_recall", recall, tally.gold),
        Score(corpus, task, "span_f1", f1, tally.gold),
        Score(corpus, task, "value_accuracy", accuracy, tally.gold_matched),
    ]


def document_key(doc: GoldDocument) -> str:
    """A stable fold unit for a TimeBank document: its creation date and opening words."""
    return f"{doc.created.isoformat()} {doc.text[:80]}"


def run_timebank(root: Path, progress: EvalProgress, *, k: int) -> SetResult:
    """Held-out (by document) and training-fold scores for en and es, and training-fold errors."""
    if not root.is_dir():
        return SetResult(note=f"timebank: {root} not found, skipped")
    scores: list[Score] = []
    errors: list[ItemErrors] = []
    for lang in ("en", "es"):
        tallies, mistakes = _tally_documents(root, lang, progress)
        for key, found in mistakes.items():
            fold = fold_of(key, k)
            if fold != HELD_OUT and found:
                errors.append(ItemErrors(f"timebank-{lang}", key[:60], fold, tuple(found)))

        def aggregate(
            keys: Sequence[str], lang: str = lang, tallies: dict[str, _Tally] = tallies
        ) -> list[Score]:
            return _scores(lang, (tallies[key] for key in keys))

        scores += split_scores(list(tallies), lambda key: key, aggregate, k=k)
    return SetResult(scores, errors)


def _tally_documents(
    root: Path, lang: str, progress: EvalProgress
) -> tuple[dict[str, _Tally], dict[str, list[str]]]:
    """Each document's counts and mistakes, by :func:`document_key`."""
    docs = list(_documents(root, lang))
    progress.start(f"timebank-{lang}", len(docs))
    tallies: dict[str, _Tally] = {}
    mistakes: dict[str, list[str]] = {}
    for doc in docs:
        tally = _Tally()
        mistakes[document_key(doc)] = _score_document(doc, lang, tally)
        tallies[document_key(doc)] = tally
        progress.advance()
    progress.finish()
    return tallies, mistakes


def evaluate_timebank(root: Path, lang: str) -> list[Score]:
    """Span precision/recall/F1 and value accuracy of date extraction on all of TimeBank ``lang``.

    ``root`` is ``<shared>/corpus/dev/dates/timebank``; scores are named
    ``timebank-<lang>/times/<metric>``.  ``storyline eval`` reports the
    held-out fold instead (:func:`run_timebank`).
    """
    tallies = []
    for doc in _documents(root, lang):
        tally = _Tally()
        _score_document(doc, lang, tally)
        tallies.append(tally)
    return _scores(lang, tallies)

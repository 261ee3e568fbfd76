"""Bounded cost per article: extraction over windows of the text, and caps on what one article yields.

The extraction stages look at a whole article at once, and several of them
compare every mention with every sentence or quotation: fine for a news
article of a few thousand characters, quadratic (or worse) for a 10 MB data
dump, minified page or pasted log that arrives as one "article".  So a text
longer than :data:`WINDOW_CHARS` is cut into windows at paragraph, line,
sentence or word boundaries (a hard cut only when a window holds none of
them), every stage runs on each window as if it were an article of its own,
and the spans are shifted back into the whole text.  Cost is then linear in
the size of the text, whatever the stages do inside a window.

The window is larger than nearly every news article (all SemEval texts are
under 17,500 characters, 93 % of the CL-TLS timeline corpus under 20,000),
so figures on real articles hardly move: CL-TLS date F1 is 0.340 with and
without windows (two topics move by 0.01-0.02, in opposite directions).
What a cut loses is context across it: a surname resolved to a full name
stated in an earlier window, one event reported in two windows stays two.

Caps (:data:`CAPS`) bound what one article may yield, hence memory and the
rows written for it: past a cap, further results are dropped and the
article gets a warning naming the cap.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from storyline.model import Article, ArticleResult, Paragraph, Span

WINDOW_CHARS = 20_000
# Where a window may end, best first; searched in the last half of the window.
_BREAKS = (
    re.compile(r"\n[^\S\n]*\n"),
    re.compile(r"\n"),
    re.compile(r"[.!?…。！？]\s"),
    re.compile(r"[,;:]\s"),
    re.compile(r"\s"),
)
# Per-article caps: a real article stays far below every one of them (a 100 KB
# live blog of dense news holds ~2,500 actor mentions).
CAPS: dict[str, int] = {"times": 5_000, "places": 5_000, "actors": 10_000, "claims": 2_000, "events": 2_000}
RESULT_FIELDS = tuple(CAPS)
# Longest sentence the event stage reads whole (a long real sentence is ~600 characters).
EVENT_SENTENCE_CHARS = 2_000
MAX_WARNINGS = 50  # one line each on stderr: a hundred is already unreadable

T = TypeVar("T")
_OFFSETS = frozenset({"start", "end"})


def window_spans(
    text: str, size: int = WINDOW_CHARS, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` windows covering ``text[start:end]``, each at most ``size`` characters."""
    stop = len(text) if end is None else end
    spans = []
    while stop - start > size:
        cut = _cut(text, start, start + size)
        spans.append((start, cut))
        start = cut
    spans.append((start, stop))
    return spans


def bounded_sentences(text: str, sentences: Sequence[Span], limit: int) -> tuple[tuple[Span, ...], int]:
    """``sentences`` with every one longer than ``limit`` cut into pieces (at clause or word
    boundaries); also returns how many were cut.  For stages whose cost grows faster than
    linearly with the length of one sentence."""
    out: list[Span] = []
    cut = 0
    for s in sentences:
        if s.end - s.start <= limit:
            out.append(s)
            continue
        cut += 1
        out.extend(Span(a, b) for a, b in window_spans(text, limit, s.start, s.end))
    return tuple(out), cut


def _cut(text: str, start: int, limit: int) -> int:
    """The best place to end a window that starts at ``start`` and may not pass ``limit``."""
    floor = start + (limit - start) // 2
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, floor, limit):  # noqa: B007 - only the last one matters
            pass
        if last is not None:
            return last.end()
    return limit


def shifted(value: T, offset: int) -> T:
    """``value`` with every ``start``/``end`` offset inside it moved by ``offset``.

    Works on any result dataclass (``TimeExpr``, ``Place``, ``Mention``,
    ``Claim``, ``Event`` and the ``Span`` values they hold) and tuples of them,
    so that a new result type needs no code here.
    """
    if offset == 0:
        return value
    if isinstance(value, tuple):
        return type(value)(shifted(v, offset) for v in value)
    plan = _plan(type(value))
    if plan is None:
        return value
    offsets, others = plan
    changes: dict[str, Any] = {name: getattr(value, name) + offset for name in offsets}
    for name in others:
        old = getattr(value, name)
        if isinstance(old, tuple) or _plan(type(old)) is not None:
            changes[name] = shifted(old, offset)
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]


_Plan = tuple[tuple[str, ...], tuple[str, ...]] | None
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """A dataclass's offset fields and its other fields (None for a class that is no dataclass)."""
    if cls not in _PLANS:
        names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else None
        _PLANS[cls] = (
            None
            if names is None
            else (tuple(n for n in names if n in _OFFSETS), tuple(n for n in names if n not in _OFFSETS))
        )
    return _PLANS[cls]


def analysed_end(text: str, budget: int) -> int:
    """Where analysis of ``text`` stops: its end, or a boundary at most ``budget`` characters in."""
    return len(text) if len(text) <= budget else _cut(text, 0, budget)


def budget_warning(text: str, end: int) -> str:
    return (
        f"long text: only the first {end:,} of {len(text):,} characters analysed "
        "(setting max_analyze_chars); the rest is stored and searchable"
    )


def run_windowed(
    run: Callable[[Article], ArticleResult],
    article: Article,
    *,
    budget: int | None = None,
    size: int = WINDOW_CHARS,
) -> ArticleResult:
    """``run`` (the stages) over each window of ``article``, spans shifted back, results capped.

    Only the first ``budget`` characters (cut at a boundary) are read: past a
    few hundred thousand characters a text is no news article, and reading all
    of a 10 MB dump would cost minutes for nothing.
    """
    text = article.text
    end = len(text) if budget is None else analysed_end(text, budget)
    spans = window_spans(text, size, 0, end)
    if len(spans) == 1 and end == len(text):
        return capped(run(article))
    merged = _Merged(article)
    for start, stop in spans:
        merged.add(run(_window(article, start, stop)), start)
    if end < len(text):
        merged.warnings[budget_warning(text, end)] = None
    return merged.result()


def _window(article: Article, start: int, end: int) -> Article:
    paragraphs = tuple(
        Paragraph(max(p.start, start) - start, min(p.end, end) - start, p.language)
        for p in article.paragraphs
        if p.start < end and p.end > start
    )
    return dataclasses.replace(article, text=article.text[start:end], paragraphs=paragraphs)


class _Merged:
    """Results of consecutive windows, shifted and capped as they arrive (memory stays bounded)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.found: dict[str, list[Any]] = {name: [] for name in RESULT_FIELDS}
        self.dropped: dict[str, int] = dict.fromkeys(RESULT_FIELDS, 0)
        self.warnings: dict[str, None] = {}
        self.extra_warnings = 0

    def add(self, part: ArticleResult, offset: int) -> None:
        for name in RESULT_FIELDS:
            items = getattr(part, name)
            room = max(CAPS[name] - len(self.found[name]), 0)
            self.found[name].extend(shifted(item, offset) for item in items[:room])
            self.dropped[name] += max(len(items) - room, 0)
        for warning in part.warnings:
            if len(self.warnings) < MAX_WARNINGS:
                self.warnings[warning] = None
            elif warning not in self.warnings:
                self.extra_warnings += 1

    def result(self) -> ArticleResult:
        fields = {name: tuple(items) for name, items in self.found.items()}
        warnings = _limited([*self.warnings], self.extra_warnings, self.dropped)
        return ArticleResult(article=self.article, warnings=warnings, **fields)


def capped(result: ArticleResult) -> ArticleResult:
    """``result`` with every result list cut to its cap, and a warning for each cut."""
    dropped = {name: max(len(getattr(result, name)) - CAPS[name], 0) for name in RESULT_FIELDS}
    extra = max(len(result.warnings) - MAX_WARNINGS, 0)
    if not any(dropped.values()) and not extra:
        return result
    cut = {name: getattr(result, name)[: CAPS[name]] for name in RESULT_FIELDS}
    warnings = _limited(list(result.warnings[:MAX_WARNINGS]), extra, dropped)
    return dataclasses.replace(result, warnings=warnings, **cut)


def _limited(warnings: list[str], extra: int, dropped: dict[str, int]) -> tuple[str, ...]:
    if extra:
        warnings.append(f"cap reached: {extra:,} more warnings dropped")
    for name, count in dropped.items():
        if count:
            warnings.append(
                f"cap reached: only the first {CAPS[name]:,} {name} kept ({count:,} more dropped)"
            )
    return tuple(warnings)

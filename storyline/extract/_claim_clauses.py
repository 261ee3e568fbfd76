"""Clauses of a sentence and the draft of a claim, before its speakers are resolved (see
:mod:`storyline.extract.claims`): where a clause starts and ends, the speaker phrases a
citing connector chains, and the clause before a comma that names the speaker."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.extract._claim_speakers import EDGE, Cues, trimmed
from storyline.model import Mention, Span

_CLAUSE_PUNCT = ",;:，、；：،؛"  # with the Arabic-script comma and semicolon (ar, fa)
_BACK_CLAUSES = 3  # how many clauses back a speaker is looked for ("X, who …, said")


@dataclass(frozen=True, slots=True)
class Draft:
    """A claim before its speakers are resolved: speaker phrases and statement, as spans."""

    speakers: tuple[Span, ...]
    statement: Span
    sentence: Span
    bare_object: bool = False  # the statement is what an "announce" verb names, with no clause


def inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls inside one of the (absolute) quote ranges."""
    return any(a <= pos <= b for a, b in ranges)


def clause_start(text: str, sent: Span, pos: int, quotes: Sequence[tuple[int, int]]) -> int:
    """Start of the clause that ends at ``pos``: after the last comma, colon or closing quote."""
    for i in range(pos - 1, sent.start - 1, -1):
        if inside(i, quotes):
            return i + 1
        if text[i] in _CLAUSE_PUNCT:
            return i + 1
    return sent.start


def clause_end(text: str, pos: int, sent: Span) -> int:
    """End of the clause that starts at ``pos``: the next comma, semicolon or parenthesis."""
    for i in range(pos, sent.end):
        if text[i] in ",;()，、；（）،؛":
            return i
    return sent.end


def split_citing(text: str, phrase: Span, cues: Cues) -> list[Span]:
    """``TASS dẫn lời Bộ Quốc phòng Nga`` → [TASS, Bộ Quốc phòng Nga]: outermost first."""
    if cues.citing is None:
        return [phrase]
    parts, cursor = [], phrase.start
    for found in cues.citing.finditer(text, phrase.start, phrase.end):
        parts.append(Span(cursor, found.start()))
        cursor = found.end()
    parts.append(Span(cursor, phrase.end))
    return [p for p in (trimmed(text, s.start, s.end) for s in parts) if p.end > p.start]


def cited_after(text: str, pos: int, sent: Span, cues: Cues) -> list[Span]:
    """Sources named by a citing connector right after the attribution (``, citing the ministry``)."""
    if cues.citing is None:
        return []
    found = cues.citing.search(text, pos, sent.end)
    if found is None or len(text[pos : found.start()].split()) > 4:
        return []
    return [trimmed(text, found.end(), clause_end(text, found.end(), sent))]


def apposed_name(text: str, comma: int, sent: Span, actors: Sequence[Mention]) -> Span | None:
    """The clause after ``comma`` when it is exactly one person or organisation mention, closed
    by a comma or by the sentence's end ("…, a déclaré le ministre, Bruno X.")."""
    if text[comma : comma + 1] != ",":
        return None
    clause = trimmed(text, comma + 1, clause_end(text, comma + 1, sent))
    exact = any(
        m.kind in ("person", "organization") and (m.start, m.end) == (clause.start, clause.end)
        for m in actors
    )
    closed = text[clause.end : clause.end + 2].startswith(",") or not text[clause.end : sent.end].strip(EDGE)
    return clause if exact and closed else None


def skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


def within(matches: Sequence[re.Match[str]], span: Span) -> list[re.Match[str]]:
    """The matches that lie inside ``span`` (a sentence, a statement)."""
    return [m for m in matches if span.start <= m.start() and m.end() <= span.end]


def named_clause_before(
    text: str, sent: Span, clause: int, actors: Sequence[Mention], cues: Cues
) -> Span | None:
    """The nearest of the few clauses before ``clause`` that names a person or organisation as
    its head: "speaking at the White House" names a place of the subject, not the subject."""
    end = clause - 1  # the comma
    for _ in range(_BACK_CLAUSES):
        if end <= sent.start:
            return None
        start = clause_start(text, sent, end, [])
        span = trimmed(text, start, end)
        if any(heads(text, span, m, cues) for m in actors):
            return span
        end = start - 1
    return None


def first_named_clause(
    text: str, sent: Span, clause: int, actors: Sequence[Mention], cues: Cues
) -> Span | None:
    """The first clause of the sentence before ``clause`` that names a person or organisation as
    its head: the subject of the sentence ("O ministro russo, Belousov, conversou com o ministro
    norte-coreano, No Kwang-chol, e disse" is Belousov's report)."""
    start = sent.start
    while start < clause - 1:
        end = clause_end(text, start, sent)
        span = trimmed(text, start, min(end, clause - 1))
        if any(heads(text, span, m, cues) for m in actors):
            return span
        start = end + 1
    return None


def heads(text: str, span: Span, m: Mention, cues: Cues) -> bool:
    """Whether a person or organisation inside ``span`` has no stop word before it there."""
    if m.kind == "country" or not (span.start <= m.start and m.end <= span.end):
        return False
    before = [w.strip(EDGE) for w in text[span.start : m.start].split()]
    return not (cues.stops and any(cues.stops.fullmatch(w) for w in before))


def antecedent_actor(text: str, sent: Span, clause: int, actors: Sequence[Mention]) -> Span | None:
    """ "Fumio Kishida, who said …": the last person or organisation before the relative's comma."""
    before = [m for m in actors if m.kind != "country" and sent.start <= m.start and m.end < clause]
    last = max(before, key=lambda m: m.end, default=None)
    return Span(last.start, last.end) if last is not None else None

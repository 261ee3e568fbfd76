"""Reports inside a reported statement (see :mod:`storyline.extract.claims`): a statement that
opens with another speaker and reporting verb ("the ministry said Belousov stressed …"), and
a later clause with its own speaker ("Bach said A, and Estanguet added that B")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract._claim_clauses import Draft, clause_start, skip_spaces
from storyline.extract._claim_filters import not_a_verb
from storyline.extract._claim_speakers import Cues, span_words, trimmed
from storyline.model import Mention, Span

_MAX_NESTED_SPEAKER = 4  # "Minister Andrei Belousov stressed …" inside a reported statement
_CLAUSE_MARKS = ',;:，、；：،؛"“”«»'  # a speaker phrase holds no clause mark or quotation


def _within(matches: Sequence[re.Match[str]], span: Span) -> list[re.Match[str]]:
    """The matches that lie inside ``span``."""
    return [m for m in matches if span.start <= m.start() and m.end() <= span.end]


def nested(
    text: str, draft: Draft, cues: Cues, verbs: Sequence[re.Match[str]], actors: Sequence[Mention]
) -> Draft:
    """ "The ministry said Minister Belousov stressed the risk …": a statement that opens with a
    named actor and a reporting verb is a report of that actor, who ends the chain."""
    said = draft.statement
    verb = next((v for v in _within(verbs, said) if not not_a_verb(text, said, v, cues)), None)
    if verb is None:
        return draft
    head = Span(said.start, verb.start())
    words = text[head.start : head.end].split()
    named = any(m.kind != "country" and head.start <= m.start and m.end <= head.end for m in actors)
    if (
        not named
        or len(words) > _MAX_NESTED_SPEAKER
        or any(c in _CLAUSE_MARKS for c in text[head.start : head.end])
    ):
        return draft
    comp = cues.complementiser.match(text, skip_spaces(text, verb.end())) if cues.complementiser else None
    statement = trimmed(text, comp.end() if comp else verb.end(), said.end)
    return Draft(
        (*draft.speakers, trimmed(text, head.start, head.end)), statement, draft.sentence, draft.bare_object
    )


def two_reports(
    text: str, draft: Draft, cues: Cues, verbs: Sequence[re.Match[str]], actors: Sequence[Mention]
) -> list[Draft]:
    """ "Bach said A, and Estanguet added that B": a later clause of the statement with its own
    named speaker and reporting verb is a second claim (the same speaker going on is not)."""
    said = draft.statement
    for verb in _within(verbs, said):
        start = clause_start(text, said, verb.start(), [])
        head_words = text[start : verb.start()].split()
        if head_words and head_words[0].casefold() in cues.coordinators:
            start = text.index(head_words[0], start) + len(head_words[0])
        head = trimmed(text, start, verb.start())
        named = any(_opens(text, head, m, cues) for m in actors)
        if start > said.start and named and len(span_words(text, head)) <= _MAX_NESTED_SPEAKER:
            comp = (
                cues.complementiser.match(text, skip_spaces(text, verb.end()))
                if cues.complementiser
                else None
            )
            first = trimmed(text, said.start, clause_start(text, said, head.start, []))
            second = trimmed(text, comp.end() if comp else verb.end(), said.end)
            return [Draft(draft.speakers, first, draft.sentence), Draft((head,), second, draft.sentence)]
    return [draft]


def _opens(text: str, head: Span, m: Mention, cues: Cues) -> bool:
    """Whether a person or organisation opens ``head``, after determiners or capitalised titles
    ("and French President Emmanuel Macron"); "向特朗普先生表示" has it as an object."""
    if m.kind == "country" or not (head.start <= m.start and m.end <= head.end):
        return False
    before = text[head.start : m.start].split()
    return len(before) <= 2 and all(w[:1].isupper() or w.casefold() in cues.determiners for w in before)

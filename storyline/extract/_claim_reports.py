"""Reports inside a reported statement (see :mod:`storyline.extract.claims`): a statement that
opens with another speaker and reporting verb ("the ministry said Belousov stressed …").

A later clause with its own speaker ("Bach said A, and Estanguet added that B") is not split
off: the gold counts a sentence's statement once (issue 10: statements split in two)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract._claim_clauses import Draft, skip_spaces, within
from storyline.extract._claim_filters import not_a_verb
from storyline.extract._claim_speakers import Cues, trimmed
from storyline.model import Mention, Span

_MAX_NESTED_SPEAKER = 4  # "Minister Andrei Belousov stressed …" inside a reported statement
_CLAUSE_MARKS = ',;:，、；：،؛"“”«»'  # a speaker phrase holds no clause mark or quotation


def nested(
    text: str, draft: Draft, cues: Cues, verbs: Sequence[re.Match[str]], actors: Sequence[Mention]
) -> Draft:
    """ "The ministry said Minister Belousov stressed the risk …": a statement that opens with a
    named actor and a reporting verb is a report of that actor, who ends the chain."""
    said = draft.statement
    verb = next((v for v in within(verbs, said) if not not_a_verb(text, said, v, cues)), None)
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

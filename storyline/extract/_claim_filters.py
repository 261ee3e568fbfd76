"""Reporting-verb frames that are not statements (see :mod:`storyline.extract.claims`).

A reporting verb or a quotation does not make every sentence a claim:

* a headline or a heading ("Biden says swap is a triumph") is a line of its own that no
  sentence mark closes; the body says the same in a sentence that is counted;
* a question ("Will the swap change anything, analysts asked?") asserts nothing;
* a passive verb ("X is said to be in good health", "was reported missing") names nobody
  who reports;
* a one-word verb form after a determiner is a noun ("l'annonce", "the reports");
* a capitalised verb form inside a sentence is part of a name ("the United States on
  Wednesday", "Associated Press"), not a verb.
"""

from __future__ import annotations

import re

from storyline.extract._claim_clauses import skip_spaces
from storyline.extract._claim_speakers import EDGE, Cues
from storyline.model import Span

# Marks that close a sentence of running text, in the scripts we read.
_CLOSERS = ".!?…。！？؟।"
_QUESTION = "?？؟"
_CLOSING_QUOTES = "\"'”’»」』)）]"


def _last_mark(text: str, span: Span) -> str:
    """The last character of ``span`` that is not a space or a closing quote or bracket."""
    end = span.end
    while end > span.start and (text[end - 1].isspace() or text[end - 1] in _CLOSING_QUOTES):
        end -= 1
    return text[end - 1] if end > span.start else ""


def headline(text: str, sent: Span) -> bool:
    """Whether the sentence ends its line with no sentence mark (a title: "Coronavirus. L'ARS
    annonce 15 nouveaux cas"); running text closes its sentences."""
    line_end = text.find("\n", sent.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[sent.end : line_end].strip() and _last_mark(text, sent) not in _CLOSERS


def question(text: str, span: Span) -> bool:
    """Whether the sentence or statement ``span`` ends with a question mark."""
    return _last_mark(text, span) in _QUESTION


def not_a_verb(text: str, sent: Span, verb: re.Match[str], cues: Cues) -> bool:
    """A verb match that is part of a name or a noun, or a passive form (nobody reports)."""
    first = verb.group()[:1]
    if first.isupper() and first.lower() != first and text[sent.start : verb.start()].strip(EDGE):
        return True  # "the United States", inside the sentence: a name
    if " " not in verb.group() and _noun_use(text, sent, verb, cues):
        return True  # "l'annonce de la fermeture", "the claims", "the battleground states of"
    before = [w.strip(EDGE).casefold() for w in text[sent.start : verb.start()].split()[-2:]]
    aux = cues.passive_auxiliaries
    adverb = len(before) == 2 and before[0] in aux and before[1] in cues.trim_words
    if before and (before[-1] in aux or adverb):
        return True  # "is said", "was also reported"
    after = cues.passive_infinitive
    return after is not None and after.match(text, skip_spaces(text, verb.end())) is not None


def _noun_use(text: str, sent: Span, verb: re.Match[str], cues: Cues) -> bool:
    """Whether a one-word verb form follows a determiner or precedes a noun's complement."""
    previous = text[sent.start : verb.start()].split()[-1:]
    following = text[verb.end() : sent.end].split()[:1]
    after_determiner = bool(previous) and previous[0].casefold().replace("’", "'") in cues.noun_determiners
    return after_determiner or (bool(following) and following[0].casefold() in cues.noun_followers)

"""Trigger words that modify a noun instead of naming an event of the sentence.

"Suspected militants ambushed a convoy", "Niger's armed forces", "two aid workers were
killed": a past participle right after a determiner (or opening the sentence) and
before its noun is an adjective ("suspected", "armed", "the detained president"), and
an event noun right before a person noun ("aid workers", "protest leaders") says what
the people do, not that it happened here.  Neither is an event the sentence reports.

The words come from ``langs/<iso>/events.toml``: ``determiners`` (words after which a
participle is attributive), ``possessive`` (endings of a possessor: "Niger's"),
``past_endings``/``participle_forms`` (what a past participle looks like) and
``agents`` (person nouns an event noun may modify).  A language without
``determiners`` keeps every trigger.
"""

from __future__ import annotations

from storyline.extract._event_args import SentenceView
from storyline.extract._event_lexicon import EventLexicon, Hit

_OPENERS = "\"“‘':("
_BREAKS = ',;:!?()"“”'


def attributive(lex: EventLexicon, hit: Hit, view: SentenceView) -> bool:
    """Whether the trigger modifies the noun right after it (see the module)."""
    toks = view.tokens
    if not lex.determiners or hit.last >= len(toks):
        return False
    nxt = toks[hit.last]
    if view.text[toks[hit.last - 1].end : nxt.start] != " ":
        return False  # punctuation or a line break: no noun phrase goes on
    if (lex.lemma(nxt.form) in lex.agents or nxt.form in lex.agents) and (
        hit.trigger.noun is True or _opens_phrase(lex, view, hit.first)
    ):
        return True  # "aid workers", "40 strike leaders"; "pledged military aid" is a verb's object
    return _participle(lex, hit, view) and _noun_next(lex, view, hit.last)


def _opens_phrase(lex: EventLexicon, view: SentenceView, i: int) -> bool:
    """Whether token ``i`` opens a noun phrase: first of the sentence, or after a determiner, a
    number or a possessor ("two aid workers", "pledged military aid" is a verb)."""
    if i == 0:
        return True
    before = view.tokens[i - 1].form
    return before in lex.determiners or before.isdigit() or before.endswith(lex.possessive)


def _after_preposition(lex: EventLexicon, view: SentenceView, i: int) -> bool:
    """Whether token ``i`` follows a preposition (``gerund_after``: "abducted by armed men")."""
    return i > 0 and view.tokens[i - 1].form in lex.gerund_after


def _participle(lex: EventLexicon, hit: Hit, view: SentenceView) -> bool:
    """A one-word past participle opening the sentence or right after a determiner or a possessor."""
    if hit.last - hit.first != 1:
        return False
    form = view.tokens[hit.first].form
    if not (form.endswith(lex.past_endings) or form in lex.participle_forms):
        return False
    return _opens_phrase(lex, view, hit.first) or _after_preposition(lex, view, hit.first)


def _noun_next(lex: EventLexicon, view: SentenceView, i: int) -> bool:
    """A lower-case word that opens no adjunct, infinitive or verb group: the modified noun."""
    tok = view.tokens[i]
    word = view.text[tok.start : tok.end]
    closed = lex.adjunct_starts | lex.auxiliaries | lex.infinitive | lex.passive | lex.complementizers
    return word.isalpha() and word.islower() and tok.form not in closed


def as_noun(lex: EventLexicon, hit: Hit, view: SentenceView) -> bool:
    """A noun trigger, or a verb-or-noun one ("visit") after a determiner ("condemned the visit")."""
    if hit.trigger.noun is None and hit.first > 0:
        return view.tokens[hit.first - 1].form in lex.determiners
    return hit.trigger.noun is True


def governed(lex: EventLexicon, hits: list[Hit], statuses: list[str], view: SentenceView) -> dict[int, str]:
    """Statuses a planned, negated or doubted verb trigger gives the event nouns after it in its
    clause ("will travel to Canberra for a security summit": the summit is planned too), by
    index in ``hits``; a subordinator ("after the summit") or punctuation ends the clause."""
    out: dict[int, str] = {}
    for j, verb in enumerate(hits):
        if verb.trigger.noun is not False or statuses[j] == "asserted":
            continue
        for i, other in enumerate(hits):
            if (
                other.first >= verb.last
                and as_noun(lex, other, view)
                and _in_clause(lex, view, verb.last, other.first)
            ):
                out.setdefault(i, statuses[j])
    modal = lex.auxiliaries & lex.cues.get("planned", frozenset())
    for i, hit in enumerate(hits):
        if (
            i not in out
            and statuses[i] == "asserted"
            and as_noun(lex, hit, view)
            and _after_modal(lex, view, hit, modal)
        ):
            out[i] = "planned"  # "will fly to Nairobi for talks": the clause's verb is no trigger
    return out


def _after_modal(lex: EventLexicon, view: SentenceView, hit: Hit, modal: frozenset[str]) -> bool:
    """Whether a future auxiliary ("will") stands before the trigger in its clause."""
    for k in range(hit.first - 1, -1, -1):
        form = view.tokens[k].form
        if form in modal:
            return _in_clause(lex, view, k + 1, hit.first)
        if form in lex.complementizers or form in lex.relative:
            return False
    return False


def _in_clause(lex: EventLexicon, view: SentenceView, lo: int, hi: int) -> bool:
    gap = view.text[view.tokens[lo - 1].end : view.tokens[hi].start]
    return not any(c in gap for c in _BREAKS) and not any(
        t.form in lex.subordinators for t in view.tokens[lo:hi]
    )


def in_name(lex: EventLexicon, view: SentenceView, i: int) -> bool:
    """Whether word ``i`` is capitalised inside a sentence in sentence case: part of a name or a
    month ("Islamic State", "by March"), in a language that capitalises only names
    (``names_capitalised``); not after a quote or a colon, nor in a title-case headline."""
    if not lex.names_capitalised or i == 0:
        return False
    tok = view.tokens[i]
    if not view.text[tok.start].isupper() or view.text[: tok.start].rstrip()[-1:] in _OPENERS:
        return False
    initials = [view.text[t.start] for t in view.tokens if view.text[t.start].isalpha()]
    return sum(c.isupper() for c in initials) <= 0.6 * len(initials)

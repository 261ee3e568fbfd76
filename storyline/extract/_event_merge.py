"""One article, one event per happening: merging trigger mentions and choosing their date.

A news article names its main event many times: in the lede, in a photo
caption, again as "the visit", "the call", "the meeting".  Mentions are
merged when they have the same PLOVER type, compatible modes (equal, or one
of them unspecified) and participant sets of which one contains the other; a
mention without any named participant ("the visit aims to …") joins the
nearest earlier event of its type, or failing that the first later one; one
with no participant at all and nothing to join is dropped.  A headline (a
line without closing punctuation in a multi-line article) only joins events
the body reports: headlines drop articles and auxiliaries ("Allies call
Ukraine's path irreversible"), so their verbs are too ambiguous to stand alone.  Directed types
(all but CONSULT, AGREE, COOPERATE) also need the same source.  The merged
event keeps the body mention with the most participants (a caption never
wins over the body), the most specific mode, and "asserted" when any of its
mentions asserts it.

Before merging, each sentence picks what it reports (``main_clause``,
``main_mentions``): a mention in an adverbial clause or with fewer named
participants than another becomes background, like a headline.

Dates: the dates written next to the mentions are evidence.  The body's most
frequent date wins; any other day-level date given for the same event (the
caption's 11 October against the text's 12 October) becomes a warning naming
both.  An event with no date of its own takes the article's context date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from storyline.extract._event_args import Arg
from storyline.model import Event, Place, Span

# Types whose participants are interchangeable ("A met B" = "B met A").
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(slots=True)
class Mentioned:
    """One trigger mention with its arguments, before merging (mutable while merging)."""

    type: str
    mode: str | None
    source: Arg | None
    target: Arg | None
    place: Place | None
    date: str | None
    granularity: str | None
    trigger: Span
    sentence: Span
    status: str
    caption: bool
    noun: bool
    confidence: float
    headline: bool = False

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(a.id for a in (self.source, self.target) if a is not None and a.id)


@dataclass(slots=True)
class Group:
    """Mentions believed to describe one event."""

    members: list[Mentioned] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.members[0].type

    @property
    def mode(self) -> str | None:
        return next((m.mode for m in self.members if m.mode), None)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset().union(*(m.ids for m in self.members))

    def accepts(self, m: Mentioned) -> bool:
        if m.type != self.type or (m.mode and self.mode and m.mode != self.mode):
            return False
        mine, theirs = self.ids, m.ids
        if not theirs or not (theirs <= mine or mine <= theirs):
            return False
        if m.type in SYMMETRIC:
            return True
        # Directed types: "Ukraine attacked Russia" and "Russia attacked Ukraine" are two events.
        sources = {x.source.id for x in self.members if x.source and x.source.id}
        return not (m.source and m.source.id and sources and m.source.id not in sources)


def _place_anaphora(groups: list[Group], m: Mentioned, index: int) -> Group | None:
    """The group a participant-less mention refers to: nearest earlier, else first later."""
    compatible = [
        g for g in groups if g.type == m.type and g.ids and (not m.mode or not g.mode or g.mode == m.mode)
    ]
    earlier = [g for g in compatible if g.members[0].trigger.start < index]
    if earlier:
        return earlier[-1]
    return compatible[0] if compatible else None


def group_mentions(mentions: list[Mentioned]) -> list[Group]:
    """Mentions grouped into events (see the module docstring)."""
    groups: list[Group] = []
    for m in mentions:
        if not m.ids or m.headline:
            continue
        home = next((g for g in groups if g.accepts(m)), None)
        if home is None:
            groups.append(Group([m]))
        else:
            home.members.append(m)
    for m in mentions:
        home = next((g for g in groups if g.accepts(m)), None) if m.ids and m.headline else None
        if home is not None:
            home.members.append(m)
    orphans: list[Group] = []
    for m in mentions:
        if m.ids or m.headline:
            continue
        home = _place_anaphora(groups, m, m.trigger.start)
        if home is None and (m.source or m.target):
            orphans.append(Group([m]))  # generic participants only ("gunmen killed a farmer")
        elif home is None:
            continue  # nobody takes part: not an event we can report
        else:
            home.members.append(m)
    return _one_meeting(groups) + orphans


def _one_meeting(groups: list[Group]) -> list[Group]:
    """One event per meeting: a meeting noun naming one participant ("Biden's last summit", "the
    summit was the last for Stoltenberg") is the meeting the article already reports with a
    meeting noun ("the G20 summit"), not a second one: a meeting of one needs no counterpart.
    Verbs ("A met B") and nouns with two participants ("talks between A and B") stay apart."""
    out: list[Group] = []
    for g in groups:
        lone = g.type == "CONSULT" and g.mode and len(g.ids) == 1 and all(m.noun for m in g.members)
        home = next((h for h in out if lone and _meeting(h, g)), None)
        if home is None:
            out.append(g)
        else:
            home.members += g.members
    return out


def _meeting(group: Group, lone: Group) -> bool:
    """Whether ``group`` is a meeting noun's event of ``lone``'s mode, on a date that fits the
    date ``lone`` gives itself ("the summit last September" is an earlier meeting)."""
    if group.type != "CONSULT" or group.mode != lone.mode or not any(m.noun for m in group.members):
        return False
    own = [m.date for m in lone.members if m.date]
    known = [m.date for m in group.members if m.date]
    return all(any(_compatible(a, b) for b in known) for a in own)


def _representative(group: Group) -> Mentioned:
    body = [m for m in group.members if not m.caption] or group.members
    return max(body, key=lambda m: (len(m.ids), m.source is not None, -m.trigger.start))


def _describe(group: Group, rep: Mentioned) -> str:
    names = "–".join(a.name for a in (rep.source, rep.target) if a is not None)
    kind = f"{group.type}/{group.mode}" if group.mode else group.type
    return f"{kind} {names}".strip()


def _dates(group: Group, context: str | None, rep: Mentioned) -> tuple[str | None, list[str]]:
    body = Counter(m.date for m in group.members if m.date and not m.caption)
    caption = [m.date for m in group.members if m.date and m.caption]
    if not body and not caption:
        return context, []
    chosen = body.most_common(1)[0][0] if body else caption[0]
    warnings = []
    others = [(d, " (caption)") for d in dict.fromkeys(caption)] + [(d, "") for d in body]
    for date, where in others:
        if not _compatible(date, chosen):
            warnings.append(f"conflicting dates for {_describe(group, rep)}: {date}{where} vs {chosen}")
    return chosen, warnings


def _compatible(a: str, b: str) -> bool:
    """Whether two ISO (partial) dates can name the same day: ``--10-12`` fits ``2024-10-12``."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if short.startswith("--"):
        return long_.endswith(short[1:]) or long_.startswith(short[2:])
    return long_.startswith(short) or short.startswith(long_)


def to_events(groups: list[Group], context: str | None) -> tuple[list[Event], list[str]]:
    """One Event per group, in text order, and the date warnings."""
    events: list[Event] = []
    warnings: list[str] = []
    for group in sorted(groups, key=lambda g: _representative(g).trigger.start):
        rep = _representative(group)
        date, found = _dates(group, context, rep)
        warnings += found
        asserted = any(m.status == "asserted" for m in group.members)
        place = rep.place or next((m.place for m in group.members if m.place), None)
        events.append(
            Event(
                type=group.type,
                mode=group.mode,
                source=rep.source.id if rep.source else None,
                target=rep.target.id if rep.target else None,
                source_text=rep.source.text if rep.source else None,
                target_text=rep.target.text if rep.target else None,
                place=place.id if place else None,
                date=date,
                trigger=rep.trigger,
                sentence=rep.sentence,
                confidence=min(1.0, rep.confidence + 0.1 * (len(group.members) - 1)),
                status="asserted" if asserted else rep.status,
            )
        )
    return events, warnings


def main_clause(mentions: list[Mentioned], main: set[int], spans: list[tuple[int, int]]) -> list[Mentioned]:
    """Triggers in adverbial clauses are background when the main clause reports an event.

    "UN troops withdrew … two weeks after rebels kidnapped dozens" reports the
    withdrawal; the kidnapping dates it.  With nothing asserted outside such
    clauses, the clause is all the sentence reports and its events stay.  An event
    one of whose triggers stands in the main clause (``main``: "held talks … during a
    visit") is the main clause's, whichever trigger the merge kept.  ``spans``: the
    sentence's adverbial clauses (``subordinate_clauses``).
    """
    if len(mentions) < 2:  # one mention is either the main clause's or all there is
        return mentions
    inside = {
        id(m) for m in mentions if id(m) not in main and any(a <= m.trigger.start < b for a, b in spans)
    }
    if any(id(m) not in inside and not m.headline and m.status == "asserted" for m in mentions):
        for m in mentions:
            m.headline = m.headline or id(m) in inside
    return mentions


def main_mentions(mentions: list[Mentioned]) -> list[Mentioned]:
    """A sentence reports the event whose participants it names.

    A candidate with fewer named participants than another of the same
    sentence ("… helping young militants join an armed group" next to "a court
    jailed a student") is background: it only joins events reported elsewhere.
    Measured on the training folds of both development sets, this keeps every
    right event and drops a fifth of the wrong ones.
    """
    reported = [m for m in mentions if not m.headline]
    # Only what the sentence asserts sets the bar: a plan or a denial reports nothing yet.
    most = max((len(m.ids) for m in reported if m.status == "asserted"), default=0)
    for m in reported:
        if m.status == "asserted" and len(m.ids) < most:
            m.headline = True
    return mentions

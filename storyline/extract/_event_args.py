"""Arguments of one event trigger inside its sentence: source, target, place and time.

The rules are positional and language-independent; the words they need
(coordination, passive agent markers, generic actor nouns) come from the
lexicon:

- **participants** are the actor mentions of the sentence, minus news
  agencies (they report, they do not act) and minus *modifiers*: a country or
  organisation written right before a person (``Presiden Rusia Vladimir
  Putin``, ``người đứng đầu Lầu Năm Góc Lloyd Austin``) describes that person.
  A trigger inside a quotation only sees the actors quoted with it: the
  speaker outside the quote is not a participant.
- **verbs**: the source is the nearest participant before the trigger and the
  target the first one after it; after a passive marker (``attacked by X``)
  the roles swap.  ``A and B met`` gives A and B.
- **nouns**: an actor right after the noun (``serangan Ukraina``, ``cuộc tấn
  công của Ukraine``) is its source; otherwise the nearest one before it
  (``X held talks with Y``); with nothing before it, the first two after it
  (``a call between A and B``).
- a generic actor noun (``soldiers``, ``guerrilleros``) fills the surface
  text when no named actor does; it gets no actor id.
- the **place** is the first city or region of the sentence that is not part
  of an actor name; for a visit, the country visited.
- the **time** is the time expression that governs the trigger: the nearest
  one (day-level first), leaving out those of a relative clause that does not
  hold the trigger (", who has led the alliance since 2014,") and those that
  start a state ("since 2014"); a day without a year takes the year another
  date of the sentence states ("9 août" next to "6 août 1945").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from storyline import langs
from storyline.extract._event_lexicon import EventLexicon, Hit, Token
from storyline.model import Mention, Place, TimeExpr

_MODIFIER_GAP = 3  # characters between "Rusia" and "Vladimir Putin"
_COUNTRY_REACH = 40  # a country this close before a person of that country is their nationality
_GENITIVE_REACH = (
    6  # words from a genitive marker to the possessor ("của Bộ trưởng Quốc phòng Andrei Belousov")
)
_AGENT_REACH = 40  # characters between a generic noun and the named actor it heads
_TITLE_WORDS = 4  # "and" and a title between two subjects ("A and Chinese Vice President B")


@dataclass(frozen=True, slots=True)
class Arg:
    """One participant: actor id (None for a generic noun), surface text and display name."""

    id: str | None
    text: str
    name: str


@dataclass(frozen=True, slots=True)
class Arguments:
    """What the sentence says about one trigger."""

    source: Arg | None
    target: Arg | None
    place: Place | None
    time: TimeExpr | None


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A sentence (``text[start:end]``) with its tokens and the mentions that fall inside it."""

    text: str
    start: int
    end: int
    tokens: list[Token]
    actors: list[Mention]
    places: list[Place]
    times: list[TimeExpr]
    quotes: list[tuple[int, int]]
    # The article's people and where they start: a pronoun's antecedent (_event_subject).
    people: Sequence[Mention] = ()
    people_starts: Sequence[int] = ()


@cache
def _agency_ids() -> frozenset[str]:
    orgs = langs.load(langs.UNIVERSAL, "organizations").get("orgs", {})
    return frozenset(f"org:{key}" for key, org in orgs.items() if org.get("type") == "agency")


def participants(actors: Sequence[Mention]) -> list[Mention]:
    """The actor mentions that can take part in an event (agencies and modifiers removed)."""
    agencies = _agency_ids()
    kept = [m for m in _outermost(actors) if m.id not in agencies]
    people = sorted((m for m in kept if m.kind == "person"), key=lambda m: m.start)
    starts = [p.start for p in people]
    return [m for m in kept if not _is_modifier(m, people, starts)]


def _outermost(actors: Sequence[Mention]) -> list[Mention]:
    """Mentions not nested in a longer one, in text order (one pass over the sorted spans).

    An organisation named inside a longer one ("Đảng Cộng sản Việt Nam" in its
    Central Committee's name) is part of that name, not a second participant.
    """
    out: list[Mention] = []
    span = (-1, -1)
    for m in sorted(actors, key=lambda m: (m.start, -m.end)):
        if m.end <= span[1] and (m.start, m.end) != span:
            continue
        if m.end > span[1]:
            span = (m.start, m.end)
        out.append(m)
    return out


def _is_modifier(m: Mention, people: list[Mention], starts: list[int]) -> bool:
    """A non-person right before a person ("Russian" in "Russian minister X") modifies that person."""
    if m.kind == "person":
        return False
    reach = max(_MODIFIER_GAP, _COUNTRY_REACH)
    # Only people starting within reach after ``m`` can make it a modifier.
    first, last = bisect_left(starts, m.end), bisect_right(starts, m.end + reach)
    for other in people[first:last]:
        gap = other.start - m.end
        if 0 <= gap <= _MODIFIER_GAP:
            return True
        if m.kind == "country" and 0 <= gap <= _COUNTRY_REACH and other.country == m.country:
            return True
    return False


def _inside(span: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _visible(view: SentenceView, lo: int, hi: int) -> list[Mention]:
    """Participants a trigger at ``lo:hi`` may take: those of its quotation, or those outside quotes."""
    quote = next((q for q in view.quotes if _inside((lo, hi), q)), None)
    if quote is not None:
        return [m for m in view.actors if _inside((m.start, m.end), quote)]
    return [m for m in view.actors if not any(_inside((m.start, m.end), q) for q in view.quotes)]


def _joined_before(gap: str) -> bool:
    """Whether an actor before the trigger is in its clause ("Kim Jong-un, encontrou-se" is).

    A parenthetical between two commas right after the actor keeps it the
    subject: "Zelensky, in Washington for the talks, urged …".
    """
    if any(c in gap for c in ";:!?"):
        return False
    inner = gap.strip()
    if inner.startswith(",") and inner.endswith(",") and gap.count(",") == 2:
        return True
    return "," not in gap or (inner.startswith(",") and gap.count(",") == 1)


def _joined_after(gap: str) -> bool:
    """Whether an actor after the trigger is in its clause (an appositive comma right before it is)."""
    if any(c in gap for c in ";:!?"):
        return False
    if "," not in gap:
        return True
    head, _, tail = gap.rpartition(",")
    return not tail.strip() and "," not in head and bool(head.strip())


def _arg(m: Mention) -> Arg:
    return Arg(m.id, m.text, m.name)


def _token_index(tokens: list[Token], pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    return next((i for i, t in enumerate(tokens) if t.start >= pos), len(tokens))


def _words_between(view: SentenceView, a: int, b: int) -> list[str]:
    return [t.form for t in view.tokens if a <= t.start and t.end <= b]


def _passive_agent(lex: EventLexicon, view: SentenceView, hit: Hit, after: list[Mention]) -> Mention | None:
    """The actor introduced by a passive marker right after the trigger (``attacked by X``)."""
    for i in range(hit.last, min(hit.last + 3, len(view.tokens))):
        if view.tokens[i].form in lex.passive:
            marker_end = view.tokens[i].end
            return next((m for m in after if 0 <= m.start - marker_end <= 25), None)
    return None


def _coordinated(lex: EventLexicon, view: SentenceView, before: list[Mention]) -> Mention | None:
    """In ``A and B <verb>``, A (B being the nearest actor before the verb)."""
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    words = _words_between(view, a.end, b.start)
    if not words or words[0] not in lex.coordination or len(words) > 8:
        return None
    return a if not any(p in view.text[a.end : b.start] for p in ",;:") else None


def subject_pair(
    lex: EventLexicon, view: SentenceView, hit: Hit
) -> tuple[Mention, Mention, Mention | None] | None:
    """``A and B <verb> [C]``: the two subjects and the first actor after the verb (None when
    the verb has no coordinated subject, or the second conjunct is a passive's patient)."""
    lo, hi = view.tokens[hit.first].start, view.tokens[hit.last - 1].end
    visible = _visible(view, lo, hi)
    before = [m for m in visible if m.end <= lo and _joined_before(view.text[m.end : lo])]
    after = [m for m in visible if m.start >= hi and _joined_after(view.text[hi : m.start])]
    first = _coordinated(lex, view, before)
    if first is None or _passive_agent(lex, view, hit, after) is not None:
        return None
    if len(_words_between(view, first.end, before[-1].start)) > _TITLE_WORDS:
        return None  # "Sindicato de Trabajadores y Empleados … Sintraunicol": one name, not two actors
    obj = next((m for m in after if m.id not in (first.id, before[-1].id)), None)
    return first, before[-1], obj


def _verb_roles(
    lex: EventLexicon, view: SentenceView, hit: Hit, before: list[Mention], after: list[Mention]
) -> tuple[Mention | None, Mention | None]:
    agent = _passive_agent(lex, view, hit, after)
    if agent is not None:
        return agent, before[-1] if before else None
    if not before:
        return None, after[0] if after else None  # the subject is unnamed or generic ("both leaders")
    first = _coordinated(lex, view, before)
    if first is not None:
        return first, before[-1]
    return _verb_final(lex, before, after) or (before[-1], after[0] if after else None)


def _verb_final(
    lex: EventLexicon, before: list[Mention], after: list[Mention]
) -> tuple[Mention, Mention] | None:
    """In a verb-final language (``A は B と 会談した``, ``A는 B와 회담했다``, ``A با B دیدار کرد``)
    both participants precede the trigger: the subject first, the other party nearest to it."""
    if not lex.verb_final or after or len(before) < 2:
        return None
    return before[-2], before[-1]


def _possessor(lex: EventLexicon, view: SentenceView, hit: Hit, after: list[Mention]) -> bool:
    """Whether the first actor after a noun trigger is its possessor (``serangan Ukraina``,
    ``the attack of Ukraine``, ``chuyến thăm của Bộ trưởng … Belousov``)."""
    if not after:
        return False
    hi = view.tokens[hit.last - 1].end
    if any(c in view.text[hi : after[0].start] for c in ",;:.!?()"):
        return False
    words = _words_between(view, hi, after[0].start)
    return not words or (words[0] in lex.genitive and len(words) <= _GENITIVE_REACH)


def _pair_after(after: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """``a call between A and B``, ``a meeting with A, said B``: the first two actors after the trigger."""
    return (after[0], after[1]) if len(after) >= 2 else (after[0] if after else None, None)


def _noun_roles(
    lex: EventLexicon, view: SentenceView, hit: Hit, before: list[Mention], after: list[Mention]
) -> tuple[Mention | None, Mention | None]:
    if _possessor(lex, view, hit, after):
        return after[0], after[1] if len(after) > 1 else None
    if before:
        return _verb_final(lex, before, after) or (before[-1], after[0] if after else None)
    return _pair_after(after)


def _distinct(source: Mention | None, target: Mention | None, after: list[Mention]) -> Mention | None:
    if source is None or target is None or target.id != source.id:
        return target
    return next((m for m in after if m.id != source.id and m.start > target.start), None)


def _agent_near(lex: EventLexicon, view: SentenceView, lo: int, hi: int, *, last: bool) -> Token | None:
    """The nearest generic actor noun in ``[lo, hi)`` (the last one when ``last``)."""
    found = [t for t in view.tokens if lo <= t.start and t.end <= hi and t.form in lex.agents]
    if not found:
        return None
    return found[-1] if last else found[0]


def _with_head(lex: EventLexicon, view: SentenceView, m: Mention, floor: int) -> Arg:
    """The actor, widened to a generic noun that heads it ("Guerrilleros del Frente … FARC EP")."""
    head = _agent_near(lex, view, max(floor, m.start - _AGENT_REACH), m.start, last=False)
    if head is None or any(c in view.text[head.end : m.start] for c in ",;:.!?"):
        return _arg(m)
    return Arg(m.id, view.text[head.start : m.end], m.name)


def _generic(lex: EventLexicon, view: SentenceView, lo: int, hi: int, *, last: bool) -> Arg | None:
    tok = _agent_near(lex, view, lo, hi, last=last)
    return Arg(None, view.text[tok.start : tok.end], view.text[tok.start : tok.end]) if tok else None


def _place(view: SentenceView, mode: str | None, target: Arg | None) -> Place | None:
    actor_spans = [(m.start, m.end) for m in view.actors if m.kind != "country"]
    free = [p for p in view.places if not any(_inside((p.start, p.end), s) for s in actor_spans)]
    local = next((p for p in free if p.kind in ("city", "region")), None)
    if local is not None:
        return local
    if mode == "visit" and target is not None:
        return next((p for p in free if target.id == f"country:{p.country}" and p.kind == "country"), None)
    return None


def _visit_target(view: SentenceView, hit_end: int) -> Arg | None:
    """For a visit with no actor after it, the country of the first place after the trigger."""
    place = next((p for p in view.places if p.start >= hit_end and p.country), None)
    if place is None:
        return None
    return Arg(f"country:{place.country}", place.text, place.country or place.name)


def relative_clauses(lex: EventLexicon, view: SentenceView) -> list[tuple[int, int]]:
    """Spans of relative clauses: a comma, a relative word, up to the next comma or the end.

    ", who has led the alliance since 2014," describes an actor; its time is
    not the time of the sentence's main event.
    """
    opens = [i for i, tok in enumerate(view.tokens) if tok.form in lex.relative and _after_comma(view, i)]
    return [_to_comma(view, i) for i in opens + _appositions(lex, view)]


def _appositions(lex: EventLexicon, view: SentenceView) -> list[int]:
    """Tokens opening an apposition: an article right after "<actor>," that starts no actor itself
    ("Nihon Hidankyo, a movement of survivors of the bombings, …" describes Nihon Hidankyo;
    "Russia, the US and China" is a list)."""
    if not lex.appositive:
        return []
    starts = {m.start for m in view.actors}
    out = []
    for m in view.actors:  # few actors, fewer commas after them: no pass over every token
        if view.text[m.end : m.end + 1] != ",":
            continue
        i = _token_index(view.tokens, m.end)
        if (
            i + 1 < len(view.tokens)
            and view.tokens[i].form in lex.appositive
            and not view.text[m.end + 1 : view.tokens[i].start].strip()
            and view.tokens[i].start not in starts
            and view.tokens[i + 1].start not in starts
        ):
            out.append(i)
    return out


def subordinate_clauses(lex: EventLexicon, view: SentenceView) -> list[tuple[int, int]]:
    """Spans of adverbial clauses and phrases, up to the next comma or the end.

    "… two weeks after rebels kidnapped dozens", "during a visit to Beirut",
    ", offering further support": each qualifies the sentence's main clause,
    which is the event the sentence reports.
    """
    opens = [
        i for i, tok in enumerate(view.tokens) if tok.form in lex.subordinators or _opens_phrase(lex, view, i)
    ]
    return [_to_main_verb(lex, view, i) for i in opens]


def _to_main_verb(lex: EventLexicon, view: SentenceView, i: int) -> tuple[int, int]:
    """From token ``i`` to the next comma, or to the auxiliary that opens the main clause's verb
    phrase after a participle phrase ("the civilians imprisoned for … were released")."""
    start, end = _to_comma(view, i)
    if view.tokens[i].form in lex.subordinators or _after_comma(view, i):
        return start, end
    aux = next((t.start for t in view.tokens[i + 1 :] if t.start < end and t.form in lex.auxiliaries), end)
    return start, aux


def _opens_phrase(lex: EventLexicon, view: SentenceView, i: int) -> bool:
    """Whether token ``i`` opens a participle phrase: ", offering …", "for helping …", or a past
    participle with no auxiliary before it and an adjunct after it ("men sought in …")."""
    form = view.tokens[i].form
    if lex.participle_endings and len(form) > 5 and form.endswith(lex.participle_endings):
        return _after_comma(view, i) or (i > 0 and view.tokens[i - 1].form in lex.gerund_after)
    past = form in lex.participle_forms or (
        bool(lex.past_endings) and len(form) > 4 and form.endswith(lex.past_endings)
    )
    return (
        past
        and 0 < i < len(view.tokens) - 1
        and view.tokens[i - 1].form not in lex.auxiliaries
        and view.tokens[i + 1].form in lex.adjunct_starts
        and view.tokens[i + 1].form not in lex.coordination
    )


def _after_comma(view: SentenceView, i: int) -> bool:
    """Whether a comma stands between token ``i`` and the one before it."""
    return i > 0 and "," in view.text[view.tokens[i - 1].end : view.tokens[i].start]


def _to_comma(view: SentenceView, i: int) -> tuple[int, int]:
    """From token ``i`` to the next comma, or to the end of the sentence."""
    close = view.text.find(",", view.tokens[i].end, view.end)
    return view.tokens[i].start, close if close >= 0 else view.end


def _starts_state(lex: EventLexicon, view: SentenceView, t: TimeExpr) -> bool:
    """Whether the expression follows a "since" word ("since 2014", "desde 2014"): a state's start."""
    words = view.text[max(view.start, t.start - 12) : t.start].casefold().split()
    return bool(words) and words[-1] in lex.since


def _governing(lex: EventLexicon, view: SentenceView, lo: int, hi: int) -> list[TimeExpr]:
    """The sentence's time expressions that may date the trigger at ``lo:hi``.

    Expressions inside a relative clause that does not hold the trigger, those
    that start a state ("since 2014") and a dateline's date (before "(Reuters) -")
    date something else.
    """
    clauses = relative_clauses(lex, view)
    out = []
    for t in view.times:
        inside = [c for c in clauses if c[0] <= t.start and t.end <= c[1]]
        if any(not (c[0] <= lo and hi <= c[1]) for c in inside) or _starts_state(lex, view, t):
            continue
        if t.end <= lo and _DATELINE_DASH.search(view.text, t.end, lo):
            continue  # "MOSCOW, Oct 12 (Reuters) - …": the dateline's date is the filing date
        out.append(t)
    return out


_DATELINE_DASH = re.compile(r"\)\s*[-–—]|\s[-–—]\s")
_YEAR = re.compile(r"\b(\d{4})\b")


def _year_from_sentence(times: list[TimeExpr], chosen: TimeExpr) -> TimeExpr:
    """A day written without a year takes the year another date of the sentence states.

    "le 9 août" in a sentence that says "le 6 août 1945" is 1945-08-09: the
    year was implied by the sentence, not by the publication date.
    """
    if chosen.granularity != "day" or _YEAR.search(chosen.text) or not _YEAR.match(chosen.value):
        return chosen
    stated = [
        t
        for t in times
        if t is not chosen and t.granularity == "day" and _YEAR.search(t.text) and _YEAR.match(t.value)
    ]
    if not stated:
        return chosen
    year = min(stated, key=lambda t: abs(t.start - chosen.start)).value[:4]
    return replace(chosen, value=year + chosen.value[4:], anchor="text")


def _time(lex: EventLexicon, view: SentenceView, lo: int, hi: int) -> TimeExpr | None:
    """The time expression that governs the trigger (day-level first, then the nearest)."""
    times = _governing(lex, view, lo, hi)
    if not times:
        return None
    chosen = min(times, key=lambda t: (t.granularity != "day", min(abs(t.start - hi), abs(lo - t.end))))
    return _year_from_sentence(times, chosen)


def arguments(lex: EventLexicon, view: SentenceView, hit: Hit) -> Arguments:
    """Source, target, place and time of the trigger ``hit`` in the sentence ``view``."""
    lo, hi = view.tokens[hit.first].start, view.tokens[hit.last - 1].end
    visible = _visible(view, lo, hi)
    before = [m for m in visible if m.end <= lo and _joined_before(view.text[m.end : lo])]
    after = [m for m in visible if m.start >= hi and _joined_after(view.text[hi : m.start])]
    if hit.trigger.noun:
        src, tgt = _noun_roles(lex, view, hit, before, after)
    elif hit.trigger.noun is None:  # noun or verb: the reading that names more participants
        readings = (_verb_roles(lex, view, hit, before, after), _noun_roles(lex, view, hit, before, after))
        src, tgt = max(readings, key=lambda r: sum(1 for m in r if m is not None))
    else:
        src, tgt = _verb_roles(lex, view, hit, before, after)
    tgt = _distinct(src, tgt, after)
    floor = hi if src and src.start >= hi else view.start
    source = _with_head(lex, view, src, floor) if src else _generic(lex, view, view.start, lo, last=True)
    target = _arg(tgt) if tgt else _generic(lex, view, hi, view.end, last=False)
    if hit.trigger.mode == "visit" and (target is None or target.id is None):
        target = _visit_target(view, hi) or target
    return Arguments(source, target, _place(view, hit.trigger.mode, target), _time(lex, view, lo, hi))

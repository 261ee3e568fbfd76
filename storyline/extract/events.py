"""Events on the PLOVER ontology: who did what to whom, when and where.

Pipeline for one article:

1. **Triggers.** Each sentence (``split_sentences``) is tokenised and looked
   up in the language's trigger lexicons (``_event_lexicon``): the hand-made
   ``langs/<iso>/events.toml``, the PLOVER codebook concepts of
   ``events_plover.toml`` (every type, in every language), and for English and
   Spanish the CAMEO verb dictionaries turned into ``events_cameo.toml`` by
   ``storyline.evaluate.cameo_lexicon`` (verbs, and verb frames typed by their
   object: "staged a protest", or before it in the passive; the object is then
   part of that one event, and no object lies past "that" or an auxiliary).
   Words map to a PLOVER type and mode
   (``CONSULT/visit``, ``ASSAULT``…).  Several triggers of one type in a
   sentence ("discussed … in a phone call") are one event, with the most
   specific mode.  Context vetoes a trigger: a word of the sentence the
   lexicon names (a stock-market "rally"), a quotation after a call or
   consultation verb ("called him a 'fascist'"), capitals in a mixed-case
   sentence (a department called CESAR).
2. **Arguments** (``_event_args``): source and target actors (mention ids;
   countries count as actors), place, and the time expression that governs
   the trigger (not one of a relative clause, a "since 2014", a dateline);
   ``_event_subject``: the clause's subject when no actor stands by the verb
   (a pronoun, a subject before a parenthetical), locative countries as
   places, one event per subject of "A and B congratulated C".
3. **Main events.** A sentence reports the event whose participants it names:
   a candidate with fewer named participants than another, one inside a
   relative clause (", who had been arrested …,") or inside a quotation in
   the first or second person ("they are invading us") only joins events the
   text reports elsewhere, like a headline.  ``_event_reported``: a reported
   attack by someone else is also the speaker's accusation ("The US said that
   Iraq had attacked Kuwait"), and wanting to cooperate ("wants to help") is an
   AGREE beside the planned cooperation.
4. **Status** — factuality, so that nothing is reported as having happened
   when the text does not say it did.  ``Event.status`` is one of:

   - ``"negated"``: a negation or denial cue precedes the trigger within the
     language's window ("did not meet", "denied meeting", "không", "tidak"),
     or follows it where the language puts it there ("møtte ikke");
   - ``"planned"``: a future or plan cue ("will meet", "plans to visit",
     "sẽ", "akan", "vil", "vai"), an infinitive marker right before the
     trigger ("agreed to meet"), or a future verb ending ("visitará");
   - ``"hypothetical"``: a modal or conditional cue ("may visit", "could",
     "if", "có thể", "bisa");
   - ``"asserted"`` otherwise.

   Cues are checked in that order (a negated plan is negated); an asserted
   trigger in the clause of a call, promise, threat, refusal or hearsay verb
   takes the status that verb gives it (``_event_subject.complements``).  Events are
   never dropped for their status: consumers filter on it (``storyline eval``
   scores asserted events only).
5. **Merging** (``_event_merge``): mentions of one event across the article
   become one event; captions (lines with a photo credit such as ``Foto:``,
   ``Ảnh:``, ``(Sumber: Reuters)``) never win over the body, but their date is
   evidence: two different dates for one event give the article a warning,
   ``conflicting dates for CONSULT/meet Vladimir Putin–Masoud Pezeshkian:
   --10-11 (caption) vs --10-12``.
   Headlines (lines without closing punctuation) only add mentions to events
   the body reports.
6. **Context**: an event whose mentions carry no date takes the article's
   main date (the first day-level date of the lede, else the publication
   date); one without a place takes the dateline's place (``MOSCOW, …``).
7. **Classifier** (``_event_classifier``, off unless
   ``STORYLINE_EVENT_CLASSIFIER=on``): a model over multilingual word vectors
   distilled from multilingual-e5-small confirms or drops each candidate.

Boilerplate is already gone from the cleaned text, so it yields nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from storyline.extract._event_args import (
    Arguments,
    SentenceView,
    arguments,
    participants,
    relative_clauses,
    subordinate_clauses,
)
from storyline.extract._event_attributive import as_noun, attributive, governed, in_name
from storyline.extract._event_classifier import Candidate, EventModel, candidate, enabled, packaged_model
from storyline.extract._event_lexicon import EventLexicon, Hit, Token, find_triggers, lexicon, tokenize
from storyline.extract._event_merge import Mentioned, group_mentions, main_clause, main_mentions, to_events
from storyline.extract._event_reported import accusations, commitments, intentions
from storyline.extract._event_subject import complements, each_subject, unlocated, with_subject
from storyline.extract._event_vectors import Vector, WordVectors, word_vectors
from storyline.extract.sentences import quoted_ranges, split_sentences
from storyline.model import Event, Mention, Place, Span, TimeExpr
from storyline.windows import EVENT_SENTENCE_CHARS, bounded_sentences

_LEDE_SENTENCES = 3  # the main date of an article is the first day-level date in its first sentences
_DATELINE_REACH = 40  # a dateline place starts the article: "MOSCOW, Oct 12 (Reuters) -"
_BASE_CONFIDENCE = 0.6
_CAPTION_MAX = 400  # captions are short lines
_DATELINE_SEPARATORS = frozenset({",", "(", "-", "–", "—"})


def extract_events(
    text: str,
    *,
    language: str | None,
    published: dt.date | None,
    actors: Sequence[Mention],
    places: Sequence[Place],
    times: Sequence[TimeExpr],
    classify: bool = True,
    model: EventModel | None = None,
) -> tuple[tuple[Event, ...], tuple[str, ...]]:
    """The PLOVER events of an article and warnings about them (see the module docstring).

    ``classify``: let the learned classifier confirm the candidates (``model``,
    else the packaged one; see ``_event_classifier``).
    """
    lex = lexicon(language)
    if not lex.by_first and not lex.stems:
        return (), ()
    # Argument search is cubic in one sentence's length: a run-on "sentence" (a list, a
    # pasted table, a text without full stops) is cut into pieces first (issue 14).
    sentences, cut = bounded_sentences(text, split_sentences(text), EVENT_SENTENCE_CHARS)
    kept = _Spans(participants(actors))
    people = [m for m in kept.items if m.kind == "person"]
    people_starts = [m.start for m in people]  # sorted: kept.items is
    place_spans, time_spans = _Spans(places), _Spans(times)
    mentions: list[Mentioned] = []
    multiline = "\n\n" in text.strip()
    for sentence in sentences:
        view = _view(lex, text, sentence, kept, place_spans, time_spans, (people, people_starts))
        found = _sentence_mentions(lex, view, _is_caption(lex, text, sentence))
        if multiline and _is_headline(text, sentence):
            for m in found:
                m.headline = True
        mentions += found
    context = _context_date(sentences, times, published)
    events, warnings = to_events(group_mentions(mentions), context)
    dateline = _dateline_place(text, places)
    if dateline is not None:
        events = [e if e.place else _with_place(e, dateline.id) for e in events]
    judge = (model or packaged_model()) if classify and enabled() else None
    vectors = word_vectors() if judge is not None else None
    if judge is not None and vectors is not None:
        events = _confirmed(judge, vectors, lex, text, events)
    if cut:
        warnings.append(
            f"{cut} sentence(s) over {EVENT_SENTENCE_CHARS:,} characters cut into pieces for events"
        )
    return tuple(events), tuple(dict.fromkeys(warnings))


def _confirmed(
    model: EventModel, vectors: WordVectors, lex: EventLexicon, text: str, events: list[Event]
) -> list[Event]:
    """The events the classifier keeps (sentence vectors computed once per sentence)."""
    cache: dict[tuple[int, int], Vector] = {}
    return [
        e
        for e in events
        if not model.judges(e.type) or model.keep(event_candidate(vectors, lex, text, e, events, cache))
    ]


def event_candidate(
    vectors: WordVectors,
    lex: EventLexicon,
    text: str,
    event: Event,
    events: Sequence[Event],
    cache: dict[tuple[int, int], Vector] | None = None,
) -> Candidate:
    """What the classifier sees of an event: its sentence, trigger, type, participants, origin
    (which lexicon proposed it) and its rank among the candidates of its sentence."""
    key = (event.sentence.start, event.sentence.end)
    sentence = cache.get(key) if cache is not None else None
    tokens = tokenize(text, *key)
    if sentence is None:
        sentence = vectors.mean([t.form for t in tokens], lex.lemma, lex.language)
        if cache is not None:
            cache[key] = sentence
    trigger = [t.form for t in tokenize(text, event.trigger.start, event.trigger.end)]
    hit = next((h for h in find_triggers(lex, tokens) if tokens[h.first].start == event.trigger.start), None)
    siblings = sorted(
        (e.trigger.start for e in events if (e.sentence.start, e.sentence.end) == key and e.type != ""),
    )
    length = max(1, key[1] - key[0])
    return candidate(
        vectors,
        sentence,
        trigger,
        lex.lemma,
        lex.language,
        type=event.type,
        noun=bool(hit and hit.trigger.noun),
        named=sum(1 for a in (event.source, event.target) if a),
        origin=hit.trigger.origin if hit else "lexicon",
        order=siblings.index(event.trigger.start) if event.trigger.start in siblings else 0,
        count=max(1, len(siblings)),
        position=(event.trigger.start - key[0]) / length,
    )


def _with_place(event: Event, place_id: str) -> Event:
    from dataclasses import replace

    return replace(event, place=place_id)


def _within(start: int, end: int, span: Span) -> bool:
    return span.start <= start and end <= span.end


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_HasSpan)


class _Spans(Generic[T]):
    """Items with ``start``/``end``, found inside a span by bisection (long texts stay linear)."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = sorted(items, key=lambda item: item.start)
        self.starts = [item.start for item in self.items]

    def inside(self, span: Span) -> list[T]:
        first = bisect_left(self.starts, span.start)
        last = bisect_left(self.starts, span.end)
        return [item for item in self.items[first:last] if item.end <= span.end]


def _view(
    lex: EventLexicon,
    text: str,
    sentence: Span,
    actors: _Spans[Mention],
    places: _Spans[Place],
    times: _Spans[TimeExpr],
    people: tuple[list[Mention], list[int]],
) -> SentenceView:
    quotes = [
        (sentence.start + a, sentence.start + b + 1)
        for a, b in quoted_ranges(text[sentence.start : sentence.end])
    ]
    inside = places.inside(sentence)
    return SentenceView(
        text=text,
        start=sentence.start,
        end=sentence.end,
        tokens=tokenize(text, sentence.start, sentence.end),
        actors=unlocated(lex, text, sentence.start, actors.inside(sentence), inside),
        places=inside,
        times=times.inside(sentence),
        quotes=quotes,
        people=people[0],
        people_starts=people[1],
    )


def _is_caption(lex: EventLexicon, text: str, sentence: Span) -> bool:
    """Whether the sentence's line is a photo caption (it carries a photo credit)."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # A credit has its colon ("Foto: TASS"): most lines have none, and skip the search.
    return bool(lex.captions and len(line) <= _CAPTION_MAX and ":" in line and lex.captions.search(line))


_HEADLINE_MAX_WORDS = 25
_CLOSING = frozenset(".!?…\"”»)'’:;。！？」』）．؟۔")  # CJK, Arabic and Urdu stops close a sentence too


def _is_headline(text: str, sentence: Span) -> bool:
    """Whether the sentence is a paragraph of one line without closing punctuation: a headline.

    Only a line standing alone between blank lines (or the text's ends) counts:
    prose wrapped over several lines also has lines without closing punctuation.
    """
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line_end = line_end if line_end >= 0 else len(text)
    line = text[line_start:line_end].strip()
    if not line or line[-1] in _CLOSING or len(line.split()) > _HEADLINE_MAX_WORDS:
        return False
    before = text[:line_start].rstrip(" \t")
    after = text[line_end:].lstrip(" \t")
    alone_before = not before.strip() or before.endswith("\n\n")
    alone_after = not after.strip() or after.startswith("\n\n")
    return alone_before and alone_after


def _sentence_mentions(lex: EventLexicon, view: SentenceView, caption: bool) -> list[Mentioned]:
    found: dict[tuple[str, str | None], Mentioned] = {}
    hits = find_triggers(lex, view.tokens)
    objects = _objects(lex, hits, view)
    statuses = [_status(lex, view.tokens, hit) for hit in hits]
    heads = governed(lex, hits, statuses, view) | complements(lex, hits, view)
    opening = view.tokens[hits[0].first].start if hits else view.end
    clauses = subordinate_clauses(lex, view) if hits else []
    outside: set[tuple[str, str | None]] = set()  # events reported by a trigger of the main clause
    for i, hit in enumerate(hits):
        if (
            _vetoed(lex, hit, view)
            or _shouted(hit, view)
            or in_name(lex, view, hit.first)
            or attributive(lex, hit, view)
        ):
            continue
        args = with_subject(lex, view, hit, arguments(lex, view, hit), opening)
        if not _needs_met(lex, hit, args, view):
            continue
        status = statuses[i]
        status = heads.get(i, status) if status == "asserted" else status
        split = each_subject(lex, view, hit, args)
        for each in split:
            m = _refusal(lex, view.tokens, hit, _mentioned(hit, each, view, caption, status))
            # A speaker's words and a relative clause's background only join reported events.
            m.headline = (
                m.headline or _speech(lex, hit, view) or _background(lex, hit, view) or hit in objects
            )
            key = (m.type, m.source.id if len(split) > 1 and m.source else None)
            # before the merge: "would free prisoners" is an intent even beside a done "release"
            for wish in [intentions(lex, view, hit, m), *commitments(lex, view, [m])]:
                if wish is not None:
                    wish.headline = m.headline
                    found.setdefault((wish.type, None), wish)
            if not m.headline and not any(a <= m.trigger.start < b for a, b in clauses):
                outside.add(key)
            old = found.get(key)
            found[key] = m if old is None else _better(old, m)
    for m in accusations(lex, view, list(found.values())):
        found.setdefault((m.type, None), m)
    main = {id(m) for key, m in found.items() if key in outside}
    return main_mentions(main_clause(list(found.values()), main, clauses))


def _objects(lex: EventLexicon, hits: list[Hit], view: SentenceView) -> list[Hit]:
    """Noun triggers that are the object of a verb trigger of another type just before them
    ("ratified a sweeping agreement", "agreed to lift the sanctions", "ordered an investigation"):
    the sentence reports what the verb does to it, so the noun is background (it only joins
    an event reported elsewhere); after a support verb it is the other way round ("issued
    arrest warrants": the warrants are reported, the verb is background).  Only words, no
    punctuation and no adjunct start, between the two."""
    if not lex.object_reach:
        return []
    out = []
    # A status cue ("denied meeting X", "planned talks") sets the status of what follows, no event of its own.
    for verb in (
        h for h in hits if h.trigger.noun is False and view.tokens[h.first].form not in lex.status_cues
    ):
        for noun in hits:
            if (
                as_noun(lex, noun, view)
                and noun.trigger.type != verb.trigger.type
                and _object_gap(lex, verb, noun, view)
            ):
                support = lex.lemma(view.tokens[verb.first].form) in lex.support_verbs
                out.append(verb if support else noun)
    return out


def _object_gap(lex: EventLexicon, verb: Hit, noun: Hit, view: SentenceView) -> bool:
    if not 0 <= noun.first - verb.last <= lex.object_reach:
        return False
    between = view.tokens[verb.last : noun.first]
    gap = view.text[view.tokens[verb.last - 1].end : view.tokens[noun.first].start]
    return all(ch.isalpha() or ch in " -" for ch in gap) and not any(
        t.form in lex.adjunct_starts for t in between
    )


def _speech(lex: EventLexicon, hit: Hit, view: SentenceView) -> bool:
    """Whether the trigger is inside a quotation in the first or second person ("they are
    invading us", "nos están invadiendo"): the speaker's own words.

    What a speaker says is a claim (``claims``), not an event the article
    reports: like a headline, such a mention only adds evidence (a date) to an
    event the text itself reports.  A quoted statement in the third person
    ("a call … took place on 25/6/2024", a ministry's communiqué) is a report.
    """
    lo, hi = view.tokens[hit.first].start, view.tokens[hit.last - 1].end
    quote = next(((a, b) for a, b in view.quotes if a <= lo and hi <= b), None)
    if quote is None:
        return False
    words = [t.form for t in view.tokens if quote[0] <= t.start and t.end <= quote[1]]
    pairs = {" ".join(p) for p in itertools.pairwise(words)}
    return bool(lex.persons & (set(words) | pairs))


def _background(lex: EventLexicon, hit: Hit, view: SentenceView) -> bool:
    """Whether the trigger is inside a relative clause (", who had been arrested 15 months ago,"):
    it describes a participant; the sentence reports its main clause."""
    lo = view.tokens[hit.first].start
    return any(a <= lo < b for a, b in relative_clauses(lex, view))


def _shouted(hit: Hit, view: SentenceView) -> bool:
    """Whether the trigger is written in capitals inside a mixed-case sentence: a name or an
    acronym ("CESAR", a Colombian department, is not the verb *cesar*)."""
    surface = view.text[view.tokens[hit.first].start : view.tokens[hit.last - 1].end]
    if len(surface) < 2 or not surface.isupper():
        return False
    return any(c.islower() for c in view.text[view.start : view.end])


def _vetoed(lex: EventLexicon, hit: Hit, view: SentenceView) -> bool:
    """Whether a word of the sentence vetoes the trigger (a stock-market "rally" is no protest)."""
    veto = lex.vetoes.get(" ".join(hit.trigger.words))
    if not veto:
        return False
    return any(t.form in veto or lex.lemma(t.form) in veto for t in view.tokens)


# 'fascist', ‘traitor’: single quotes around a few words (apostrophes have no closing partner).
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘][^'’\n]{1,40}['’](?!\w)")


def _needs_met(lex: EventLexicon, hit: Hit, args: Arguments, view: SentenceView) -> bool:
    """Conditions the lexicon puts on ambiguous triggers (``đến`` is "to" unless a place follows).

    ``adjunct-after``: the object is followed by the end of the clause or a word
    of the language's ``adjunct_starts`` ("called Putin on Tuesday"), not by a
    predicate ("called the government fascist", "called him a liar").

    ``no-quote-after``: no quotation follows the trigger in its sentence ("called
    him a 'fascist'" names him, it is no phone call); every call or plain
    CONSULT verb has it, in every language ("llamó 'fascista' a …").
    """
    naming = hit.trigger.type == "CONSULT" and hit.trigger.mode in (None, "call")
    needs = (*hit.trigger.needs, "no-quote-after") if naming else hit.trigger.needs
    for need in needs:
        if need == "no-quote-after":
            end = view.tokens[hit.last - 1].end
            if any(a >= end for a, _ in view.quotes) or _SINGLE_QUOTED.search(view.text, end, view.end):
                return False
        if need == "place-next":
            end = view.tokens[hit.last - 1].end
            if not any(0 <= p.start - end <= 2 for p in view.places):
                return False
        elif need == "adjunct-after" and not _adjunct_after(lex, hit, args, view):
            return False
        elif need == "person-source":
            person_ids = {m.id for m in view.actors if m.kind == "person"}
            if args.source is None or args.source.id not in person_ids:
                return False
    return True


def _adjunct_after(lex: EventLexicon, hit: Hit, args: Arguments, view: SentenceView) -> bool:
    """Whether the trigger's object ends its clause or an adjunct follows it (see _needs_met)."""
    if args.target is None:
        return False
    start = view.text.find(args.target.text, view.tokens[hit.last - 1].end, view.end)
    if start < 0:
        return True  # the object came before the verb (passive, relative clause)
    end = start + len(args.target.text)
    nxt = next((t for t in view.tokens if t.start >= end), None)
    if nxt is None or not view.text[end : nxt.start].isspace():
        return True  # the sentence or the clause ends ("called Putin.", "called Putin, …")
    return nxt.form in lex.adjunct_starts


def _better(a: Mentioned, b: Mentioned) -> Mentioned:
    """Two triggers of one type in one sentence are one event: the verb's arguments, the noun's mode."""
    best = max((a, b), key=lambda m: (not m.noun, len(m.ids), m.mode is not None))
    other = b if best is a else a
    if best.mode is None and other.mode is not None:
        best.mode = other.mode
    if best.status == "asserted" or other.status == "asserted":
        best.status = "asserted"
    return best


# PLOVER REJECT: refusing to meet, to help, to agree, to yield — the refused type gives the mode.
_REFUSED = {
    "CONSULT": "meet",
    "AID": "assist",
    "SUPPORT": "assist",
    "COOPERATE": "assist",
    "AGREE": None,
    "CONCEDE": "yield",
    "RETREAT": "yield",
}


def _refusal(lex: EventLexicon, tokens: list[Token], hit: Hit, m: Mentioned) -> Mentioned:
    """A refused cooperation is an asserted REJECT ("said he would not provide support").

    A plain negation ("did not meet") stays a negated event; a refusal cue
    ("would not", "refused to", "se negó a") is itself something that happened.
    """
    if m.status != "negated" or m.type not in _REFUSED or not lex.refusal:
        return m
    before = _cue_window(lex, tokens, hit)
    if not before & lex.refusal:
        return m
    m.type, m.mode, m.status = "REJECT", _REFUSED[m.type], "asserted"
    return m


def _mentioned(hit: Hit, args: Arguments, view: SentenceView, caption: bool, status: str) -> Mentioned:
    lo, hi = view.tokens[hit.first].start, view.tokens[hit.last - 1].end
    named = sum(1 for a in (args.source, args.target) if a is not None and a.id)
    return Mentioned(
        type=hit.trigger.type,
        mode=hit.trigger.mode,
        source=args.source,
        target=args.target,
        place=args.place,
        date=args.time.value if args.time else None,
        granularity=args.time.granularity if args.time else None,
        trigger=Span(lo, hi),
        sentence=Span(view.start, view.end),
        status=status,
        caption=caption,
        noun=bool(hit.trigger.noun),
        confidence=_BASE_CONFIDENCE + 0.1 * named - (0.2 if caption else 0.0),
    )


def _status(lex: EventLexicon, tokens: list[Token], hit: Hit) -> str:
    """Factuality of the trigger from the cue words around it (order: negated, planned, hypothetical)."""
    before = _cue_window(lex, tokens, hit)
    after = {t.form for t in tokens[hit.last : hit.last + 2]}
    verb = not hit.trigger.noun
    form = tokens[hit.last - 1].form
    infinitive = verb and hit.first > 0 and tokens[hit.first - 1].form in lex.infinitive
    for status in ("negated", "planned", "hypothetical"):
        if before & lex.cues[status] or after & lex.after_cues[status]:
            return status
        if status == "planned" and infinitive:
            return status  # "agreed to meet": the meeting is still a plan
        if verb and lex.suffixes[status] and form.endswith(lex.suffixes[status]):
            return status
    return "asserted"


def _cue_window(lex: EventLexicon, tokens: list[Token], hit: Hit) -> set[str]:
    """Words and word pairs in the language's cue window before the trigger."""
    lo = max(0, hit.first - lex.window)
    return {t.form for t in tokens[lo : hit.first]} | {" ".join(p) for p in _pairs(tokens, lo, hit.first)}


def _pairs(tokens: list[Token], lo: int, hi: int) -> list[tuple[str, str]]:
    """Two-word cues ("dự kiến", "va a") as adjacent token pairs."""
    return [(tokens[i].form, tokens[i + 1].form) for i in range(lo, hi - 1)]


def _context_date(
    sentences: Sequence[Span], times: Sequence[TimeExpr], published: dt.date | None
) -> str | None:
    """The article's main date: the first day-level date of the lede, else the publication date."""
    lede = sentences[:_LEDE_SENTENCES]
    for t in times:
        if t.granularity == "day" and any(_within(t.start, t.end, s) for s in lede):
            return t.value
    return published.isoformat() if published else None


def _dateline_place(text: str, places: Sequence[Place]) -> Place | None:
    """The place of a dateline ("MOSCOW, 12 Oct —"): a city opening the article, then a separator."""
    first = min(places, key=lambda p: p.start, default=None)
    if first is None or first.kind != "city" or first.start > _DATELINE_REACH:
        return None
    separator = text[first.end : first.end + 3].lstrip()[:1]
    if text[: first.start].strip(" \n-–—(") or separator not in _DATELINE_SEPARATORS:
        return None
    return first

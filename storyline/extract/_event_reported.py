"""What a report or a wish makes of the event it names: "The US said that Iraq had attacked
Kuwait" is also an accusation, "Norway wants to help Moldova" an agreement.

The CAMEO codebook codes a speaker's report of an attack by someone else as an
accusation of aggression by the speaker against the attacker (CAMEO 112, PLOVER
ACCUSE): the PETRARCH dictionaries carry it as patterns of the reporting verbs
that code an attack named after "say" as an accusation.  A report of
one's own attack ("claimed that they had attacked") is a claim of
responsibility, and a report of a plan ("said they will attack") no accusation.

The words come from ``langs/<iso>/events.toml``: ``reporting`` (verb lemmas that
report: "say", "claim"), ``self_pronouns`` (a complement subject that is the
speaker again: "they", "it"), ``accused`` (the types a report turns into an
accusation) and ``intent`` (verbs of wanting: wanting to cooperate is PLOVER AGREE,
CAMEO 03 "express intent to cooperate").
"""

from __future__ import annotations

from storyline.extract._event_args import Arg, SentenceView
from storyline.extract._event_attributive import in_name
from storyline.extract._event_lexicon import EventLexicon, Hit
from storyline.extract._event_merge import Mentioned
from storyline.model import Mention, Span

# PLOVER AGREE is willingness to cooperate: wanting to do one of these (CAMEO 03, "express intent").
_COOPERATIVE = frozenset({"AID", "COOPERATE", "CONSULT", "SUPPORT", "RETREAT", "CONCEDE"})
_BREAKS = ";:!?"  # a comma may stand in a reporting clause ("X, a group that …, said"), these not
_REPORTABLE = ("asserted", "hypothetical")  # hearsay makes the act hypothetical; still alleged


def accusations(lex: EventLexicon, view: SentenceView, mentions: list[Mentioned]) -> list[Mentioned]:
    """ACCUSE mentions for the attacks the sentence's reporting verbs report (see the module)."""
    if not lex.reporting or not any(m.type in lex.accused for m in mentions):
        return []
    out = []
    for i in _reporting_verbs(lex, view):
        tok = view.tokens[i]
        speaker = _speaker(view, tok.start)
        if speaker is None:
            continue
        for m in mentions:
            if m.type in lex.accused and m.status in _REPORTABLE and m.trigger.start > tok.end:
                target = _accused(lex, view, i, m, speaker)
                if target is not None:
                    source = Arg(speaker.id, speaker.text, speaker.name)
                    out.append(
                        _reported("ACCUSE", "disapprove", view, Span(tok.start, tok.end), m, (source, target))
                    )
                    break
    return out


def _reporting_verbs(lex: EventLexicon, view: SentenceView) -> list[int]:
    """Indices of the reporting verbs, not inside a name ("Islamic State" states nothing)."""
    return [
        i
        for i, tok in enumerate(view.tokens)
        if (lex.lemma(tok.form) in lex.reporting or tok.form in lex.reporting) and not in_name(lex, view, i)
    ]


def _speaker(view: SentenceView, at: int) -> Mention | None:
    """The last actor before the reporting verb in its clause: its subject."""
    before = [m for m in view.actors if m.end <= at and not any(c in view.text[m.end : at] for c in _BREAKS)]
    return before[-1] if before else None


def _accused(lex: EventLexicon, view: SentenceView, verb: int, m: Mentioned, speaker: Mention) -> Arg | None:
    """Who the report says attacked: the act's source, else its target when the source is the
    speaker ("Israel said a bomb was fired at it from Gaza"); None when the act is the speaker's
    own ("claimed that they had attacked") or the report is cut from the act by punctuation."""
    lo, hi = view.tokens[verb].end, m.trigger.start
    if any(c in view.text[lo:hi] for c in _BREAKS):
        return None
    if any(t.form in lex.self_pronouns for t in view.tokens[verb + 1 :] if t.start < hi):
        return None
    return next((a for a in (m.source, m.target) if a is not None and not _same(a, speaker)), None)


def _same(arg: Arg, speaker: Mention) -> bool:
    return (arg.id is not None and arg.id == speaker.id) or arg.text == speaker.text


def _reported(
    kind: str,
    mode: str | None,
    view: SentenceView,
    verb: Span,
    act: Mentioned,
    roles: tuple[Arg | None, Arg | None],
) -> Mentioned:
    """A mention of ``kind`` on the reporting or intent verb, dated and placed like the act."""
    return Mentioned(
        type=kind,
        mode=mode,
        source=roles[0],
        target=roles[1],
        place=act.place,
        date=act.date,
        granularity=act.granularity,
        trigger=verb,
        sentence=Span(view.start, view.end),
        status="asserted",
        caption=act.caption,
        noun=False,
        confidence=act.confidence,
    )


def intentions(lex: EventLexicon, view: SentenceView, hit: Hit, m: Mentioned) -> Mentioned | None:
    """An AGREE for a planned cooperation right after an intent verb and an infinitive marker
    ("wants to help Israel", "quiere ayudar"): wanting to cooperate is willingness, PLOVER AGREE;
    the cooperation itself stays planned.  The intent verbs are ``intent`` in events.toml."""
    if not lex.intent or m.type not in _COOPERATIVE or m.status != "planned" or hit.first < 1:
        return None
    toks = view.tokens
    verb = hit.first - 1 if toks[hit.first - 1].form in lex.infinitive else hit.first
    if verb < 1 or lex.lemma(toks[verb - 1].form) not in lex.intent:
        return None
    return _reported(
        "AGREE", None, view, Span(toks[verb - 1].start, toks[verb - 1].end), m, (m.source, m.target)
    )


def commitments(lex: EventLexicon, view: SentenceView, mentions: list[Mentioned]) -> list[Mentioned]:
    """What a speaker says it will do to cooperate is an asserted intent: "the rebels announced
    they would release 30 prisoners" is an AGREE (CAMEO 03, express intent); the release stays
    planned.  The act must follow "<self pronoun> <plan cue>" right after the reporting verb (or
    its "that"): the speaker's own plan, not a hope about others ("said it hoped X would be …").
    A hostile plan ("said they will attack") is no threat in the PETRARCH codings: left alone."""
    if not lex.reporting or not any(m.status == "planned" and m.type in _COOPERATIVE for m in mentions):
        return []
    out = []
    for i in _reporting_verbs(lex, view):
        tok = view.tokens[i]
        for m in mentions:
            if m.type not in _COOPERATIVE or m.status != "planned" or not _own_plan(lex, view, i, m):
                continue
            speaker = _speaker(view, tok.start)
            source = Arg(speaker.id, speaker.text, speaker.name) if speaker is not None else m.source
            out.append(_reported("AGREE", None, view, Span(tok.start, tok.end), m, (source, m.target)))
            break
    return out


def _own_plan(lex: EventLexicon, view: SentenceView, verb: int, m: Mentioned) -> bool:
    """Whether the act comes right after "[that] <self pronoun> <plan cue>" after the reporting verb."""
    between = [t.form for t in view.tokens[verb + 1 :] if t.start < m.trigger.start]
    if between and between[0] in lex.complementizers:
        between = between[1:]
    return (
        1 < len(between) <= 3
        and between[0] in lex.self_pronouns
        and between[1] in lex.cues["planned"]
        and not set(between) & lex.cues["negated"]
    )

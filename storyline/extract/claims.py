"""Attributed statements: who says what, through whom.

A claim is a sentence that carries a reporting verb (``cho biết``, ``said``,
``disse``) or an attribution preposition (``theo``, ``according to``,
``ifølge``).  Its speakers form a chain, outermost first: the outlet that
reports, the agency it cites, the original source
(``TASS dẫn lời Bộ Quốc phòng Nga cho biết`` → [TASS, Russian MoD]).

The attribution is located by sentence shape, not by language-specific
grammar, because the same few shapes recur in every language we read:

* ``SPEAKER VERB (that) STATEMENT`` – the speaker is the clause before the verb;
* ``STATEMENT, SPEAKER VERB`` / ``STATEMENT, VERB SPEAKER`` – the verb closes
  the sentence, the statement is what precedes the last comma;
* ``... VERB SPEAKER that STATEMENT`` – verb-second inversion (Norwegian, German);
* a quotation before or after the verb is the statement;
* ``ACCORDING-TO SPEAKER, STATEMENT`` or ``STATEMENT, ACCORDING-TO SPEAKER``.

Speaker phrases are resolved to actors by :mod:`storyline.extract._claim_speakers`: a
speaker is always an actor of the article (the mention that overlaps the phrase, or the
antecedent of a pronoun or a bare noun); a phrase that names no actor makes no speaker.
When the verb follows a comma with nothing before it ("X, who hosted the summit,
announced"), the speaker is the nearest earlier clause that names an actor.

A byline credit in parentheses (``Minh Duc (ifølge TASS, Moscow Times)``)
attributes the whole article, not a statement: it is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.extract._actor_credits import caption_lines
from storyline.extract._actor_lexicon import lexicon
from storyline.extract._claim_clauses import (
    Draft,
    antecedent_actor,
    apposed_name,
    cited_after,
    clause_end,
    clause_start,
    first_named_clause,
    heads,
    inside,
    named_clause_before,
    skip_spaces,
    split_citing,
    within,
)
from storyline.extract._claim_filters import headline, not_a_verb, question
from storyline.extract._claim_reports import nested
from storyline.extract._claim_speakers import (
    EDGE,
    WORDS,
    Context,
    Cues,
    clean_words,
    cues_of,
    resolve,
    seed_genders,
    span_words,
    speaker_like,
    trimmed,
)
from storyline.extract.numbers import extract_numbers
from storyline.extract.sentences import quoted_ranges, split_sentences
from storyline.model import Claim, Mention, Span, Speaker, TimeExpr

# Han and kana letters: unspaced text, whose words are counted by letters.
_SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_TAIL_WORDS = 8  # "STATEMENT, X said in a statement on Monday" keeps the verb near the end
# "STATEMENT, X said": the statement before the comma has a few words at least; a short
# front ("Pada Minggu malam, Prabowo mengumumkan …") is an adverbial, not what was said.
_MIN_FRONT_STATEMENT = 5
_MIN_QUOTED_FRONT = 3  # "STATEMENT, VERB SPEAKER": the words of a claim at least
_MAX_VSO_SUBJECT = 6  # words between a clause-initial verb and its complementiser
_MAX_INVERTED_SPEAKER = 5  # "STATEMENT, said the ministry's spokesman": a short phrase
_MAX_SPEAKER_WORDS = 8  # a longer subject is a clause, whose opening actor may be the speaker
_MAX_ADJUNCT_WORDS = 4  # "reported on Sunday," / "said late on Friday,"


_JOINED_PRONOUN = re.compile(r"-(?:t-)?(\w+)")  # "estime-t-il", "dit-elle"

# --- the shape of one sentence ------------------------------------------------


def _according_draft(
    text: str, sent: Span, found: re.Match[str], cues: Cues, actors: Sequence[Mention] = ()
) -> Draft | None:
    """``Theo TASS, …`` / ``…, ifølge X``: the speaker follows the preposition; a name in
    apposition to it is the speaker ("Selon le président du comité, Jørgen Watne Frydnes, …")."""
    speaker_end = clause_end(text, found.end(), sent)
    named = apposed_name(text, speaker_end, sent, actors) if found.start() - sent.start <= 1 else None
    if named is not None:
        return Draft((named,), trimmed(text, named.end + 1, sent.end), sent)
    if text[sent.start : found.start()].rstrip().endswith("("):
        outside = text[sent.start : found.start()] + text[speaker_end + 1 : sent.end]
        if len(outside.split()) < 4:
            return None  # a byline credit: "Minh Duc (ifølge TASS, Moscow Times)"
    if found.start() - sent.start <= 1 and cues.verb_second:
        # Verb-second languages put no comma after the phrase: "Laut Reuters wurden ...".
        speaker_end = _name_end(text, found.end(), speaker_end, cues)
    speaker = trimmed(text, found.end(), speaker_end)
    if speaker.end <= speaker.start:  # "По его словам, …": the pronoun inside the cue
        speaker = _verb_pronoun(text, found, cues) or speaker
    if found.start() - sent.start <= 1:
        statement = trimmed(text, speaker_end, sent.end)
    elif text[speaker_end : speaker_end + 1] == "," and len(text[speaker_end : sent.end].split()) >= 3:
        statement = trimmed(text, sent.start, sent.end)  # "A, по его словам, B": around the aside
    else:
        statement = trimmed(text, sent.start, found.start())
    speakers = [*split_citing(text, speaker, cues), *cited_after(text, speaker_end, sent, cues)]
    return Draft(tuple(speakers), statement, sent)


def _reported_inside(
    text: str,
    sent: Span,
    found: re.Match[str],
    verbs: Sequence[re.Match[str]],
    cues: Cues,
    actors: Sequence[Mention],
    outer: Draft | None,
) -> Draft | None:
    """ "The FSB said X, according to news agencies": a closing source reports a report; the chain
    is the source, then the speaker of the verb before it, and the statement is that verb's."""
    before = [v for v in verbs if v.end() <= found.start()]
    if outer is None or found.start() - sent.start <= 1 or not before:
        return outer
    inner = _verb_draft(text, trimmed(text, sent.start, found.start()), before[0], cues, actors)
    if inner is None:
        return outer
    return Draft((*outer.speakers, *inner.speakers), inner.statement, sent, inner.bare_object)


def _name_end(text: str, start: int, end: int, cues: Cues) -> int:
    """Where a name-like phrase starting at ``start`` ends: before its first lower-case content word."""
    for i, word in enumerate(WORDS.finditer(text, start, end)):
        bare = word.group().strip(EDGE)
        if i and bare[:1].islower() and bare.casefold() not in cues.determiners:
            return word.start()
    return end


def _at_clause_start(text: str, sent: Span, pos: int) -> bool:
    """Whether only clause punctuation separates ``pos`` from the sentence or clause start."""
    before = text[sent.start : pos].rstrip()
    return not before or before[-1] in ",;:(—–-"


def _quote_draft(
    text: str,
    sent: Span,
    verb: re.Match[str],
    quotes: Sequence[tuple[int, int]],
    cues: Cues,
    actors: Sequence[Mention] = (),
) -> Draft | None:
    """A quotation next to the verb is the statement; the speaker is on the other side."""
    for a, b in quotes:
        gap_after = text[b + 1 : verb.start()]
        # The quotation opens its clause: in "performed "La Vie en Rose", X said" it is a title.
        opens = _at_clause_start(text, sent, a) and not any(q in gap_after for q in '"“«„')
        if b < verb.start() and opens and len(gap_after.split()) <= 6:
            between = trimmed(text, b + 1, verb.start())
            if between.end > between.start:
                speaker = between
            else:
                after = trimmed(text, verb.end(), clause_end(text, verb.end(), sent))
                # "« … », a déclaré le ministre de l'Intérieur, Bruno X": the name in apposition.
                named = apposed_name(text, after.end, sent, actors)
                speaker = _verb_pronoun(text, verb, cues) or named or after
            return Draft(tuple(split_citing(text, speaker, cues)), trimmed(text, a, b + 1), sent)
        if a > verb.end() and not text[verb.end() : a].strip(" :,\u00a0"):
            clause = clause_start(text, sent, verb.start(), [])
            speaker = trimmed(text, clause, verb.start())
            if speaker.end <= speaker.start and clause > sent.start:  # "Le président, X, a salué « … »"
                speaker = _subject_before(text, sent, clause, actors, cues)
            return Draft(tuple(split_citing(text, speaker, cues)), trimmed(text, a, b + 1), sent)
    return None


def _verb_draft(
    text: str, sent: Span, verb: re.Match[str], cues: Cues, actors: Sequence[Mention] = ()
) -> Draft | None:
    """The unquoted shapes: speaker before or after the verb, statement on the other side."""
    quotes: list[tuple[int, int]] = []
    clause = clause_start(text, sent, verb.start(), quotes)
    lhead = trimmed(text, clause, verb.start())
    if lhead.end <= lhead.start and cues.verb_initial and (vso := _verb_initial(text, sent, verb, cues)):
        return vso
    if (
        lhead.end <= lhead.start
        and clause > sent.start
        and (draft := _after_comma(text, sent, clause, verb, cues, actors))
    ):
        return draft
    comp = cues.complementiser.search(text, verb.end(), sent.end) if cues.complementiser else None
    words_to_comp = len(text[verb.end() : comp.start()].split()) if comp else 99
    head_words = [w.casefold() for w in span_words(text, lhead)]
    if head_words[1:] and head_words[0] in cues.relatives:
        return None  # "The ceremony, which organisers said would be …": a report inside a relative
    if head_words and all(w in cues.relatives for w in head_words):
        lhead = antecedent_actor(text, sent, clause, actors) or lhead
    elif head_words and all(w in cues.coordinators for w in head_words):
        # "X, ..., e disse que": the subject is the sentence's first clause that names an actor
        # ("O presidente da Argentina, Javier Milei, assinou …, mas afirmou"), else its first.
        first = first_named_clause(text, sent, clause, actors, cues)
        lhead = first or trimmed(text, sent.start, clause_end(text, sent.start, sent))
    lhead = _opening_actor(text, lhead, actors) or lhead
    if comp and words_to_comp <= 4:
        if clause > sent.start and (not head_words or _adverbial(text, lhead, actors, cues)):
            # "X, who hosted the summit, announced on Tuesday that"; "X, …, на пресс-конференции заявил"
            lhead = _subject_before(text, sent, clause, actors, cues)
        inverted = trimmed(text, verb.end(), comp.start())
        speaker = inverted if words_to_comp and _is_inverted_subject(text, inverted, cues) else lhead
        return Draft(tuple(split_citing(text, speaker, cues)), trimmed(text, comp.end(), sent.end), sent)
    tail = text[verb.end() : sent.end]
    citing_next = bool(cues.citing and cues.citing.match(tail.lstrip(" ,")))
    before_words = len(text[sent.start : clause].split())
    # With no subject before the verb ("Обмен был сложным, заявил Песков"), a short front is
    # what was said; with one, a short front is an adverbial ("Pada Minggu malam, Prabowo …").
    front = _MIN_QUOTED_FRONT if lhead.end <= lhead.start else _MIN_FRONT_STATEMENT
    short_tail = len(tail.split()) <= _MAX_TAIL_WORDS and before_words >= front
    # After "STATEMENT, X said" come adjuncts ("in a statement", "on Monday"); a clause after
    # the verb ("the campaign said it would spend more") is what was said.
    adjunct = lhead.end <= lhead.start or _adjunct_tail(text, _adjunct_start(verb, cues), sent, cues)
    # "STATEMENT, X reported on Sunday, hours after …": a short adjunct closed by a comma.
    closed = lhead.end > lhead.start and _closed_adjunct(text, _adjunct_start(verb, cues), sent, cues)
    closed = closed and before_words >= _MIN_FRONT_STATEMENT
    if clause > sent.start and ((short_tail and adjunct) or citing_next or closed):
        after = trimmed(text, verb.end(), clause_end(text, verb.end(), sent))
        speaker = lhead if lhead.end > lhead.start else _verb_pronoun(text, verb, cues) or after
        chain = [*split_citing(text, speaker, cues), *cited_after(text, verb.end(), sent, cues)]
        return Draft(tuple(chain), trimmed(text, sent.start, clause), sent)
    statement = trimmed(text, verb.end(), sent.end)
    bare = _bare_object(text, verb, statement, cues)
    return Draft(tuple(split_citing(text, lhead, cues)), statement, sent, bare_object=bare)


def _opening_actor(text: str, lhead: Span, actors: Sequence[Mention]) -> Span | None:
    """The actor that opens a subject too long for a speaker phrase: verb-final clauses put the
    object between them ("وزارت امور خارجه ایران این حمله را … خواند و تأکید کرد که")."""
    if len(text[lhead.start : lhead.end].split()) <= _MAX_SPEAKER_WORDS:
        return None
    first = [m for m in actors if m.kind != "country" and m.start == lhead.start]
    return Span(first[0].start, max(m.end for m in first)) if first else None


def _after_comma(
    text: str, sent: Span, clause: int, verb: re.Match[str], cues: Cues, actors: Sequence[Mention]
) -> Draft | None:
    """A verb that opens a clause after a comma: "STATEMENT, a déclaré X" or "President Joe
    Biden, who hosted the summit, announced that …", whose subject is the nearest earlier clause
    that names an actor.  (A short tail is "STATEMENT, VERB SPEAKER", handled by the caller.)"""
    pattern = cues.complementiser
    comp_next = pattern.match(text, skip_spaces(text, verb.end())) if pattern else None
    long_tail = len(text[verb.end() : sent.end].split()) > _MAX_TAIL_WORDS or comp_next is not None
    after = Span(verb.end(), clause_end(text, verb.end(), sent))
    if comp_next is None and (draft := _inverted_report(text, sent, clause, after, cues, actors)):
        return draft
    if not (long_tail or not _may_name(text, after, actors)):
        return None
    back = named_clause_before(text, sent, clause, actors, cues)
    if back is None and (long_tail or len(text[after.start : after.end].split()) > _MAX_INVERTED_SPEAKER):
        back = trimmed(text, sent.start, clause_end(text, sent.start, sent))  # "Biden, speaking …,"
    if back is None:
        return None
    near = pattern.search(text, verb.end(), sent.end) if pattern else None
    near = near if near and len(text[verb.end() : near.start()].split()) <= 4 else None
    start = near.end() if near is not None else verb.end()  # "announced on Tuesday that"
    return Draft(tuple(split_citing(text, back, cues)), trimmed(text, start, sent.end), sent)


def _adverbial(text: str, lhead: Span, actors: Sequence[Mention], cues: Cues) -> bool:
    """A clause before the verb that opens with a stop word and names no one ("на итоговой
    пресс-конференции", "lors de la passation"): where it was said, not who said it."""
    first = next(iter(span_words(text, lhead)), "")
    if not (cues.stops and cues.stops.fullmatch(first)):
        return False
    return not _names_actor(lhead, actors)


def _subject_before(text: str, sent: Span, clause: int, actors: Sequence[Mention], cues: Cues) -> Span:
    """The nearest earlier clause that names an actor, else the sentence's first clause."""
    named = named_clause_before(text, sent, clause, actors, cues)
    return named or trimmed(text, sent.start, clause_end(text, sent.start, sent))


def _verb_pronoun(text: str, verb: re.Match[str], cues: Cues) -> Span | None:
    """The subject pronoun inside or right after an inverted verb form ("a-t-il déclaré",
    "estime-t-il"): the speaker."""
    for word in re.finditer(r"[^\s\-]+", verb.group()):
        if word.group().casefold() in cues.pronouns:
            return Span(verb.start() + word.start(), verb.start() + word.end())
    joined = _JOINED_PRONOUN.match(verb.string, verb.end())
    if joined is not None and joined.group(1).casefold() in cues.pronouns:
        return Span(joined.start(1), joined.end(1))
    return None


def _inverted_report(
    text: str, sent: Span, clause: int, after: Span, cues: Cues, actors: Sequence[Mention]
) -> Draft | None:
    """ "STATEMENT, a déclaré le maire, Brian Bigger, dans un communiqué": a long clause before the
    verb's comma is what was said (a subject with appositions is short: "le premier ministre
    japonais, Shigeru Ishiba, a salué …"); the short phrase after the verb, or the name in
    apposition to it, is the speaker."""
    front = span_words(text, Span(clause_start(text, sent, clause - 1, []), clause - 1))
    said = span_words(text, after)
    if len(front) <= _MIN_FRONT_STATEMENT or front[0].casefold() in cues.relatives:
        return None
    if not said or len(said) > _MAX_INVERTED_SPEAKER:
        return None
    named = apposed_name(text, after.end, sent, actors)
    speaker = named or trimmed(text, after.start, after.end)
    return Draft(tuple(split_citing(text, speaker, cues)), trimmed(text, sent.start, clause), sent)


def _bare_object(text: str, verb: re.Match[str], statement: Span, cues: Cues) -> bool:
    """Whether the words after an ``object_verbs`` verb are its object with no clause of their own
    ("kunngjorde vinneren på Nobelinstituttet", "mengumumkan susunan Kabinet"): no
    complementiser and no quotation opens a statement there."""
    if " ".join(verb.group().casefold().split()) not in cues.object_verbs:
        return False
    said = text[statement.start : statement.end]
    comp = cues.complementiser.search(said) if cues.complementiser else None
    return comp is None and not any(q in said for q in '"“«„')


def _adjunct_start(verb: re.Match[str], cues: Cues) -> int:
    """Where the words after the verb begin; a cue that ends with a stop word ("said on") leaves
    that word to the adjunct it opens ("said on Friday")."""
    last = verb.group().split()[-1]
    if len(verb.group().split()) > 1 and cues.stops is not None and cues.stops.fullmatch(last):
        return verb.end() - len(last)
    return verb.end()


def _adjunct_tail(text: str, pos: int, sent: Span, cues: Cues) -> bool:
    """Whether nothing, or an adjunct opened by a stop word, follows the verb."""
    words = text[pos : sent.end].split()
    head = words[0].strip(EDGE) if words else ""
    return not head or bool(cues.stops and cues.stops.fullmatch(head))


def _closed_adjunct(text: str, pos: int, sent: Span, cues: Cues) -> bool:
    """Whether a short adjunct opened by a stop word ("on Sunday,") follows the verb up to a comma."""
    end = clause_end(text, pos, sent)
    short = end < sent.end and text[end] == "," and len(text[pos:end].split()) <= _MAX_ADJUNCT_WORDS
    return short and _adjunct_tail(text, pos, sent, cues) and bool(text[pos:end].strip())


def _verb_initial(text: str, sent: Span, verb: re.Match[str], cues: Cues) -> Draft | None:
    """VSO languages ("وقال المرصد إن …"): a verb that opens its clause is followed by its
    subject, then the complementiser and the statement."""
    comp = cues.complementiser.search(text, verb.end(), sent.end) if cues.complementiser else None
    if comp is None or len(text[verb.end() : comp.start()].split()) > _MAX_VSO_SUBJECT:
        return None
    speaker = trimmed(text, verb.end(), comp.start())
    return Draft(tuple(split_citing(text, speaker, cues)), trimmed(text, comp.end(), sent.end), sent)


def _names_actor(span: Span, actors: Sequence[Mention]) -> bool:
    """Whether a person or organisation mention lies inside ``span`` (a country names no speaker)."""
    return any(m.kind != "country" and span.start <= m.start and m.end <= span.end for m in actors)


def _may_name(text: str, span: Span, actors: Sequence[Mention]) -> bool:
    """Whether a short clause after the verb can be its speaker ("…, a annoncé le comité Nobel"):
    it holds a person or organisation, or a capitalised word; "a salué une distinction
    extrêmement significative" is what was said, not who said it."""
    if not actors or _names_actor(span, actors):
        return True
    return any(w[:1].isupper() for w in text[span.start : span.end].split())


def _is_inverted_subject(text: str, phrase: Span, cues: Cues) -> bool:
    """Whether the words between a verb-second verb and ``that`` are its subject (``sa Putin at``)."""
    if not cues.verb_second:
        return False  # in SVO languages they are the addressee: "assured his counterpart that"
    words = clean_words(text, phrase, cues)
    head = words[0].group() if words else ""
    return head[:1].isupper() or head.casefold() in cues.pronouns


@dataclass(frozen=True, slots=True)
class _Hits:
    """Cue matches over the whole text, found in one pass per pattern."""

    verbs: tuple[re.Match[str], ...]
    according: tuple[re.Match[str], ...]
    after: tuple[re.Match[str], ...] = ()  # cues that follow their speaker ("によると")
    participles: tuple[re.Match[str], ...] = ()

    @classmethod
    def find(cls, text: str, cues: Cues) -> _Hits:
        verbs = tuple(cues.verb.finditer(text)) if cues.verb else ()
        if cues.split_verb is not None:
            verbs = tuple(sorted((*verbs, *cues.split_verb.finditer(text)), key=lambda m: m.start()))
        if cues.noun_uses is not None:  # "thông qua tuyên bố chung": a declaration, not "declared"
            nouns = [m.span() for m in cues.noun_uses.finditer(text)]
            verbs = tuple(v for v in verbs if not any(a <= v.start() < b for a, b in nouns))
        according = tuple(cues.according.finditer(text)) if cues.according else ()
        after = tuple(cues.according_after.finditer(text)) if cues.according_after else ()
        participles = tuple(cues.participle.finditer(text)) if cues.participle else ()
        return cls(verbs, according, after, participles)


def _anaphoric_draft(text: str, sent: Span, previous: Span | None, cues: Cues, hits: _Hits) -> Draft | None:
    """ "Об этом сообщили X", "Así lo informó X": the sentence opens with a pronoun for what was
    said, the verb follows it, the speaker follows the verb; the statement is the sentence before."""
    if previous is None or cues.anaphoric_objects is None:
        return None
    opener = cues.anaphoric_objects.match(text, sent.start)
    verbs = within(hits.verbs, sent)
    if opener is None or not verbs:
        return None
    between = text[opener.end() : verbs[0].start()].split()
    if len(between) > _MAX_ADJUNCT_WORDS or any(w[:1].isupper() for w in between):
        return None  # "Das Ministerium teilte mit": a determiner and its noun, not a pronoun
    verb = verbs[0]
    speaker = trimmed(text, verb.end(), clause_end(text, verb.end(), sent))
    chain = [*split_citing(text, speaker, cues), *cited_after(text, speaker.end, sent, cues)]
    return Draft(tuple(chain), trimmed(text, previous.start, previous.end), sent)


def _draft(text: str, sent: Span, cues: Cues, hits: _Hits, actors: Sequence[Mention] = ()) -> Draft | None:
    """The attribution shape of one sentence, or None when it reports nobody."""
    verbs = within(hits.verbs, sent)
    according = within(hits.according, sent)
    if not verbs and not according:
        return _participle_draft(text, sent, hits, cues, actors)
    quotes = [(sent.start + a, sent.start + b) for a, b in quoted_ranges(text[sent.start : sent.end])]
    verbs = [m for m in verbs if not inside(m.start(), quotes) and not not_a_verb(text, sent, m, cues)]
    for verb in verbs:
        quoted = _quote_draft(text, sent, verb, quotes, cues, actors)
        if quoted is not None:
            return quoted
    for found in according:
        if not inside(found.start(), quotes) and _at_clause_start(text, sent, found.start()):
            outer = _according_draft(text, sent, found, cues, actors)
            return _reported_inside(text, sent, found, verbs, cues, actors, outer)
    if len(verbs) > 1 and not cues.verb_initial and not text[sent.start : verbs[0].start()].strip(EDGE):
        verbs = verbs[1:]  # "Phát biểu nhận nhiệm vụ, X khẳng định …": an opening participle, not the report
    return _verb_draft(text, sent, verbs[0], cues, actors) if verbs else None


_SPACES_AND_COMMAS = re.compile(r"[ ,]*")


def _participle_draft(
    text: str, sent: Span, hits: _Hits, cues: Cues, actors: Sequence[Mention]
) -> Draft | None:
    """ "X thanked Qatar, saying the talks were difficult", "X a remercié le Qatar, estimant que …":
    a reporting participle after a comma reports what the sentence's subject said (the first
    clause's heading person or organisation); a short tail is no statement ("saying nothing")."""
    for part in within(hits.participles, sent):
        comma = text.rfind(",", sent.start, part.start())
        if comma < 0 or text[comma + 1 : part.start()].strip():
            continue
        after = _SPACES_AND_COMMAS.match(text, part.end())
        comp = (
            cues.complementiser.match(text, after.end()) if cues.complementiser and after else None
        )  # "отметив, что"
        statement = trimmed(text, comp.end() if comp else part.end(), sent.end)
        subject = first_named_clause(text, sent, comma + 1, actors, cues)
        if subject is None or len(text[statement.start : statement.end].split()) < _MIN_QUOTED_FRONT:
            continue
        head = next(m for m in actors if heads(text, subject, m, cues))
        return Draft((Span(head.start, head.end),), statement, sent)
    return None


# --- the public function ----------------------------------------------------


def _date_in(sentence: Span, times: Sequence[TimeExpr]) -> str | None:
    """Value of the first time expression inside the sentence."""
    inside = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
    return min(inside, key=lambda t: t.start).value if inside else None


def _word_count(text: str) -> int:
    """Words separated by spaces, and a word per two Han or kana letters (written unspaced)."""
    return len(text.split()) + len(_SPACELESS.findall(text)) // 2


def _final_drafts(text: str, sent: Span, cues: Cues, hits: _Hits) -> list[Draft]:
    """Verb-final languages (ja, ko): the speaker phrase opens the sentence and ends with its
    topic particle ("林芳正官房長官は", "윤 대통령은"); each reporting verb closes a statement
    ("…と批判し、…と主張した": two).  "SPEAKER によると、STATEMENT": the cue follows its speaker."""
    for found in within(hits.after, sent):
        clause = clause_start(text, sent, found.start(), [])
        source = trimmed(text, clause, found.start())
        return [Draft((source,), trimmed(text, found.end(), sent.end), sent)]
    drafts: list[Draft] = []
    start = sent.start
    topic = cues.topic.search(text, sent.start, sent.end) if cues.topic else None
    speaker = trimmed(text, sent.start, topic.end()) if topic else None
    if topic is not None:
        start = topic.end()
        opener = cues.adverbial.match(text, start, sent.end) if cues.adverbial else None
        start = opener.end() if opener else start
    for verb in within(hits.verbs, sent):
        if speaker is None:
            return drafts  # no topic: the statement and its speaker cannot be told apart
        if verb.start() > start:
            drafts.append(Draft((speaker,), trimmed(text, start, verb.start()), sent))
        start = verb.end()
    return drafts


def _claim(
    draft: Draft, ctx: Context, cues: Cues, language: str | None, times: Sequence[TimeExpr]
) -> Claim | None:
    """Resolve a draft into a claim; None when no speaker phrase or no statement is left.

    A speaker phrase that names no actor of the article ("the organising committee" when no
    actor was found there) leaves the chain empty: the statement is still attributed, to
    nobody known, rather than to a made-up speaker."""
    chain: list[Speaker] = []
    named = False
    for phrase in draft.speakers:
        like = speaker_like(phrase, ctx, cues)
        named = named or like
        speaker = resolve(phrase, ctx, cues)
        if speaker is not None and speaker not in chain:
            chain.append(speaker)
        if speaker is not None or like:
            ctx.speakers.append((speaker, ctx.text[phrase.start : phrase.end]))
        if speaker is not None:
            ctx.last_speaker, ctx.last_reference = speaker, phrase.start
    statement = draft.statement
    if not (chain or named) or _word_count(ctx.text[statement.start : statement.end]) < 3:
        return None
    numbers = extract_numbers(ctx.text, language=language, start=statement.start, end=statement.end)
    if draft.bare_object and not numbers:
        return None  # "announced the winner" reports an act; "announced 5,000 more troops" a claim
    return Claim(tuple(chain), statement, tuple(n for _, n in numbers), _date_in(draft.sentence, times))


def extract_claims(
    text: str,
    *,
    language: str | None,
    actors: Sequence[Mention] = (),
    times: Sequence[TimeExpr] = (),
) -> tuple[Claim, ...]:
    """Attributed statements of ``text`` in order, each with its speaker chain (outermost first).

    ``actors`` (mentions from the actor extractor) name the speakers; ``times``
    give each claim the date of the first time expression in its sentence.
    """
    cues = cues_of(language)
    sentences = split_sentences(text)
    ctx = Context(text, actors, sentences=sentences, roles=lexicon(language).roles.values)
    seed_genders(ctx, cues, language)
    claims: list[Claim] = []
    hits = _Hits.find(text, cues)
    captions = caption_lines(text, language)
    for i, sentence in enumerate(sentences):
        if any(a <= sentence.start < b for a, b in captions):
            continue  # a picture's caption: "X speaks at the conference. Photo: AFP", "Photo: X speaks"
        if headline(text, sentence) or question(text, sentence):
            continue  # a title or a question reports no statement
        if cues.verb_final:
            drafts = _final_drafts(text, sentence, cues, hits)
        else:
            draft = _anaphoric_draft(text, sentence, sentences[i - 1] if i else None, cues, hits)
            draft = draft or _draft(text, sentence, cues, hits, actors)
            drafts = [draft] if draft is not None else []
        for draft in drafts:
            claim = _claim(nested(text, draft, cues, hits.verbs, actors), ctx, cues, language, times)
            if claim is not None:
                claims.append(claim)
    return tuple(claims)

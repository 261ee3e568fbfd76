"""Claim speakers: the attribution cues of a language and the resolution of a speaker phrase
to an actor of the article (see :mod:`storyline.extract.claims`).

A speaker is always an actor mention: the mention that overlaps the phrase, the antecedent of
a pronoun ("he", "Ia": the nearest compatible person before it) or of a bare common noun or
surname ("A agência", "Kim": the nearest earlier speaker or mention that contains it).  A
phrase that names no actor ("Ia juga berjanji memberantas korupsi dan", a dateline "Aug")
is no speaker.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from storyline import langs
from storyline.dates.lexicon import UNSPACED
from storyline.extract._actor_lexicon import norm
from storyline.extract.morph import name_gender
from storyline.model import Mention, Span, Speaker
from storyline.regex_guard import grouped, guarded

EDGE = " \t\"'“”«»„‘’()[]|,.;:!?-–—\u00a0，、。；：！？「」『』（）،؛؟"
WORDS = re.compile(r"\S+")
_MAX_SPEAKER_WORDS = 8
_MIN_STEM = 4  # letters a name keeps under a case ending


@dataclass(frozen=True, slots=True)
class Cues:
    """One language's attribution patterns, compiled once."""

    verb: re.Pattern[str] | None
    according: re.Pattern[str] | None
    citing: re.Pattern[str] | None
    complementiser: re.Pattern[str] | None
    stops: re.Pattern[str] | None
    source_prefix: re.Pattern[str] | None
    determiners: frozenset[str]
    trim_words: frozenset[str]
    pronouns: frozenset[str]
    coordinators: frozenset[str]
    honorifics: frozenset[str]
    verb_second: bool = False
    person_pronouns: frozenset[str] = frozenset()  # "he", "ia": refer to a person
    verb_initial: bool = False  # VSO: "وقال المرصد إن …" puts the speaker after the verb
    # SOV (ja, ko): "SPEAKER は …、STATEMENT と述べた"; ``topic`` ends the speaker phrase
    # ("は", "은"), ``according_after`` follows its speaker ("によると", "에 따르면").
    verb_final: bool = False
    topic: re.Pattern[str] | None = None
    adverbial: re.Pattern[str] | None = None  # "記者会見で、": where, not what, after the topic
    according_after: re.Pattern[str] | None = None
    # "announced the winner": verbs whose bare object is a thing, not a statement (see claims.py).
    object_verbs: frozenset[str] = frozenset()
    # Person pronouns by gender, each mapped to the first of its class ("he", "she").
    genders: Mapping[str, str] = field(default_factory=dict)
    # Phrases in which a reporting verb's form is a noun ("tuyên bố chung": a joint declaration).
    noun_uses: re.Pattern[str] | None = None
    # "X, who said …": a relative pronoun as the subject stands for the actor before the comma.
    relatives: frozenset[str] = frozenset()
    # "X is said to be …", "was reported to": a verb after these is passive, no one reports.
    passive_auxiliaries: frozenset[str] = frozenset()
    passive_infinitive: re.Pattern[str] | None = None
    # "Об этом сообщили X", "Así lo informó X": the statement is the sentence before.
    anaphoric_objects: re.Pattern[str] | None = None
    # "l'annonce", "the claims", "une déclaration": a one-word verb form after these is a noun.
    noun_determiners: frozenset[str] = frozenset()
    # People who speak for no organisation ("residents", "witnesses"): a bare noun among these
    # never takes the organisation that spoke before (see _bare_noun).
    lay_people: frozenset[str] = frozenset()
    noun_followers: frozenset[str] = frozenset()  # "states of", "reports of": a noun before these
    # Verb-second languages split a two-word verb: "Das kündigte Sánchez am Samstag an".
    split_verb: re.Pattern[str] | None = None
    # "X thanked Qatar, saying …": reporting participles, whose speaker is the main clause's subject.
    participle: re.Pattern[str] | None = None


# Literal phrases as a regex alternation, longest first, any space matching any gap.
_alternation = functools.partial(langs.alternation, gap=r"\s+")

# Han and kana have no spaces between words, and particles attach to Hangul words: a cue may
# touch those letters (a Han or kana letter before it, any of them after it).
_SPACELESS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A whole-word, case-insensitive pattern for ``phrases``; None when there are none."""
    alt = _alternation(phrases)
    if r"\|" not in alt:  # the phrases, split back, grouped by first letter
        alt = grouped(alt.split("|"), re.IGNORECASE)
    # A zero-width non-joiner continues a Persian word: "گفت" (said) is not "گفت‌وگو" (talks).
    before, after = rf"(?<![^\W{_SPACELESS}])", rf"(?![^\W{UNSPACED}]|\u200c)"
    return guarded(rf"{before}(?:{alt}){after}", re.IGNORECASE) if alt else None


def _with_inversions(verbs: list[str], subjects: list[str]) -> list[str]:
    """The verbs and, for a language that inverts its subject pronoun into the verb, their
    inverted forms: "a déclaré" → "a-t-il déclaré", "ont-elles déclaré"."""
    out = list(verbs)
    for verb in verbs:
        aux, _, rest = verb.partition(" ")
        if rest:
            out += [f"{aux}{link}{p} {rest}" for p in subjects for link in ("-t-", "-")]
    return out


def _genders(classes: list[list[str]]) -> dict[str, str]:
    """``{pronoun: the first pronoun of its class}``: "elle" → "elle", "lui" → "il"."""
    return {w.casefold(): group[0].casefold() for group in classes for w in group}


def _split_verbs(verbs: list[str]) -> re.Pattern[str] | None:
    """The first word of each two-word verb, when its second word closes a later clause of the
    same sentence ("kündigte … an.", "teilte … mit,")."""
    pairs = [v.split() for v in verbs if len(v.split()) == 2]
    if not pairs:
        return None
    alts = [rf"{re.escape(a)}(?=[^.!?;:,]{{1,120}}?\s{re.escape(b)}[.,;:!?])" for a, b in pairs]
    return guarded(rf"\b(?:{grouped(alts, re.IGNORECASE)})", re.IGNORECASE)  # as _pattern's


def _merged(datas: Iterable[dict[str, Any]], key: str) -> list[str]:
    """The union of list ``key`` over several language files."""
    return [item for data in datas for item in data.get(key, ())]


@cache
def cues_of(language: str | None) -> Cues:
    """Compiled cues of ``language``; every language's cues when it is None or has no data."""
    own = langs.load(language, "claims") if language else {}
    datas = [own] if own.get("verbs") else list(langs.load_all("claims").values())

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in _merged(datas, key))

    return Cues(
        verb=_pattern(_with_inversions(_merged(datas, "verbs"), _merged(datas, "inverted_subjects"))),
        according=_pattern(_merged(datas, "according_to")),
        citing=_pattern(_merged(datas, "citing")),
        complementiser=_pattern(_merged(datas, "complementisers")),
        stops=_pattern(_merged(datas, "speaker_stops")),
        source_prefix=re.compile(rf"(?:{_alternation(_merged(datas, 'source_prefixes'))})\s+", re.I)
        if _merged(datas, "source_prefixes")
        else None,
        determiners=words("determiners"),
        trim_words=words("trim_words"),
        pronouns=words("pronouns"),
        coordinators=words("coordinators"),
        honorifics=frozenset(w.rstrip(".") for w in words("honorifics")),
        verb_second=bool(own.get("verb_second", False)),
        person_pronouns=words("person_pronouns"),
        verb_initial=bool(own.get("verb_initial", False)),
        verb_final=bool(own.get("verb_final", False)),
        topic=re.compile("|".join(own["topic_markers"])) if own.get("topic_markers") else None,
        according_after=_pattern(own.get("according_after", [])),
        adverbial=re.compile(own["adverbial"]) if own.get("adverbial") else None,
        object_verbs=frozenset(" ".join(w.casefold().split()) for w in _merged(datas, "object_verbs")),
        noun_uses=_pattern(_merged(datas, "noun_uses")),
        relatives=words("relatives"),
        passive_auxiliaries=words("passive_auxiliaries"),
        passive_infinitive=_pattern(_merged(datas, "passive_infinitives")),
        anaphoric_objects=_pattern(_merged(datas, "anaphoric_objects")),
        split_verb=_split_verbs(_merged(datas, "verbs")) if own.get("verb_second") else None,
        noun_followers=words("noun_followers"),
        genders=_genders(own.get("gendered_pronouns", [])),
        noun_determiners=frozenset(
            w.casefold().replace("’", "'") for w in _merged(datas, "noun_determiners")
        ),
        lay_people=words("lay_people"),
        participle=_pattern(_merged(datas, "participles")),
    )


def trimmed(text: str, start: int, end: int) -> Span:
    """``Span(start, end)`` shrunk past surrounding spaces, quotes and punctuation."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return Span(start, end)


def span_words(text: str, span: Span) -> list[str]:
    """The words of ``span`` without surrounding punctuation."""
    return [w.strip(EDGE) for w in text[span.start : span.end].split() if w.strip(EDGE)]


# --- speaker phrases --------------------------------------------------------


_DATELINE_DASHES = frozenset({"—", "–", "--"})


def clean_words(text: str, phrase: Span, cues: Cues) -> list[re.Match[str]]:
    """Words of a speaker phrase without edge determiners, adverbs and honorifics.

    The phrase is cut before a stop word (``in a statement``), a number or a
    parenthesis (``LĐBĐ Malaysia (FAM)``): what follows is not the name.
    """
    words = list(WORDS.finditer(text, phrase.start, phrase.end))
    # A dateline opens the first sentence: "WASHINGTON (AP) — President X said": the speaker follows it.
    dash = max((i for i, w in enumerate(words) if w.group() in _DATELINE_DASHES), default=-1)
    words = words[dash + 1 :]
    for i, word in enumerate(words[1:], 1):
        bare = word.group().strip(EDGE)
        stop = bool(cues.stops and cues.stops.fullmatch(bare))
        # "the 32 allies": a number after an opening determiner counts the speakers.
        counted = i == 1 and words[0].group().strip(EDGE).casefold() in cues.determiners
        if stop or word.group().startswith("(") or (any(c.isdigit() for c in bare) and not counted):
            words = words[:i]
            break
    drop = cues.determiners | cues.trim_words | cues.honorifics
    while words and words[0].group().strip(EDGE).casefold() in drop:
        words = words[1:]
    while words and words[-1].group().strip(EDGE).casefold() in drop:
        words = words[:-1]
    return words


def _core(text: str, phrase: Span, cues: Cues) -> Span | None:
    """The speaker phrase reduced to its name, or None when nothing speaker-like is left."""
    if cues.source_prefix is not None:
        inner = trimmed(text, phrase.start, phrase.end)
        lead = next(iter(clean_words(text, inner, NO_CUES)), None)
        if lead is not None:
            prefix = cues.source_prefix.match(text, lead.start(), phrase.end)
            if prefix is not None:
                phrase = Span(prefix.end(), phrase.end)
    words = clean_words(text, phrase, cues)
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return None
    start = words[0].start()
    head = text[start : words[0].end()].casefold().replace("’", "'")
    elided = [d for d in cues.determiners if d.endswith("'") and head.startswith(d) and len(head) > len(d)]
    return trimmed(text, start + max(map(len, elided), default=0), words[-1].end())  # French "l'AFP"


_NONE: frozenset[str] = frozenset()
NO_CUES = Cues(None, None, None, None, None, None, _NONE, _NONE, _NONE, _NONE, _NONE)


# --- resolution ------------------------------------------------------------


@dataclass
class Context:
    """What earlier sentences established: speakers already named, in order."""

    text: str
    actors: Sequence[Mention]
    # (speaker, surface text); None for a speaker phrase that named no actor ("a agência de
    # espionagem"), so that a later "A agência" refers to it and not to an older agency.
    speakers: list[tuple[Speaker | None, str]] = field(default_factory=list)
    sentences: Sequence[Span] = ()  # the text's sentences, for a pronoun's antecedent
    roles: Mapping[str, str] = field(default_factory=dict)  # title forms → roles ("jefe del ejecutivo")
    # The person a gendered pronoun was resolved to, by actor id: "he" or "she" (the language's own).
    genders: dict[str, str] = field(default_factory=dict)
    last_speaker: Speaker | None = None  # the latest resolved speaker and where it was referred to
    last_reference: int = -1


def _mention_for(core: Span, ctx: Context, cues: Cues) -> Mention | None:
    """The actor mention that names the speaker phrase, if one overlaps it."""
    overlapping = [m for m in ctx.actors if m.start < core.end and core.start < m.end]
    others = [m for m in overlapping if m.kind != "country"]
    # A person closing the phrase is its head: "Russia's foreign ministry spokeswoman Maria X",
    # "White House press secretary Karoline X" (the organisation is where the person works).
    closing = [m for m in others if m.kind == "person" and m.end >= core.end and m.start > core.start]
    if closing and _heads_phrase(ctx.text, closing[0]):
        return closing[0]
    if others:
        return max(others, key=lambda m: min(m.end, core.end) - max(m.start, core.start))
    for m in overlapping:
        rest = ctx.text[m.end : core.end].split()
        # "Mỹ và các đồng minh" is the country; "agência de espionagem da Coreia do Sul" is not.
        if m.start <= core.start and (not rest or rest[0].casefold() in cues.coordinators):
            return m
    return None


_MAX_LINK_LETTERS = 4  # "of", "de", "del", "von": a short lowercase word links a complement


def _heads_phrase(text: str, m: Mention) -> bool:
    """Whether a person closing a speaker phrase is its head, not a complement: written in its
    base form ("Сергея Лаврова" is someone's) and not after a short linking word ("the ministry
    of X")."""
    before = text[: m.start].split()
    link = before[-1] if before else ""
    return m.text == m.name and not (link.islower() and len(link) <= _MAX_LINK_LETTERS)


def _antecedent(words: list[str], ctx: Context, before: int) -> Speaker | None:
    """The nearest earlier speaker or actor mention whose name contains one of ``words``."""
    keys = [w.casefold() for w in words if len(w) >= 2]

    def matches(surface: str) -> bool:
        tokens = [t.casefold() for t in re.findall(r"\w+", surface)]
        return any(_same_stem(k, t) for k in keys for t in tokens)

    for speaker, surface in reversed(ctx.speakers):
        if matches(surface) or (speaker is not None and matches(speaker.name)):
            return speaker
    for m in sorted((m for m in ctx.actors if m.end <= before), key=lambda m: m.start, reverse=True):
        if matches(m.text) or matches(m.name):
            return Speaker(m.id, m.name)
    return None


def _office_of(core: Span, ctx: Context) -> tuple[str, str | None] | None:
    """(role, country) of a title ("el jefe del Ejecutivo"), with the country of its country
    adjective ("den kinesiske forsvarsministeren": the Chinese defence minister)."""
    role = ctx.roles.get(norm(ctx.text[core.start : core.end]))
    if role is not None:
        return role, None
    countries = [m for m in ctx.actors if m.kind == "country" and core.start <= m.start and m.end <= core.end]
    if len(countries) != 1:
        return None
    country = countries[0]
    rest = ctx.text[core.start : country.start] + " " + ctx.text[country.end : core.end]
    role = ctx.roles.get(norm(" ".join(rest.split())))
    return (role, country.country or country.id.rpartition(":")[2]) if role is not None else None


def _same_stem(a: str, b: str) -> bool:
    """Equal words, or a name and its inflected form ("Байдена" and "Байден", "Путина")."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= _MIN_STEM and long.startswith(short) and len(long) - len(short) <= 2)


def _holder(role: str, ctx: Context, before: int, country: str | None = None) -> Speaker | None:
    """The latest person before ``before`` whose role is ``role`` (and country, when given)."""
    holders = [
        m
        for m in ctx.actors
        if m.kind == "person" and _holds(m.role, role) and m.end <= before and country in (None, m.country)
    ]
    last = max(holders, key=lambda m: m.start, default=None)
    return Speaker(last.id, last.name) if last is not None else None


def _holds(held: str | None, role: str) -> bool:
    """Whether a person with role ``held`` is one "the ``role``" refers to: the same role, or a more
    specific one ("the minister" is the finance minister named before)."""
    return held is not None and (held == role or held.endswith(" " + role))


def seed_genders(ctx: Context, cues: Cues, language: str | None) -> None:
    """Give people whose given name has one gender that gender's pronoun class before any pronoun
    is read ("Она добавила" after Иван Петров and Эльвира Набиуллина is Набиуллина)."""
    classes = list(dict.fromkeys(cues.genders.values()))
    if len(classes) != 2:
        return
    by_gender = {"masc": classes[0], "femn": classes[1]}  # gendered_pronouns lists he, then she
    for m in ctx.actors:
        if m.kind == "person" and m.id not in ctx.genders and (gender := name_gender(m.name, language)):
            ctx.genders[m.id] = by_gender[gender]


def _is_anaphoric(text: str, phrase: Span, core: Span, cues: Cues) -> bool:
    """A bare common noun (``A agência``, ``Bộ này``) or a lone surname (``Kim``)."""
    words = text[core.start : core.end].split()
    lowercase_rest = all(w[:1].islower() for w in words[1:])
    had_determiner = text[phrase.start : core.start].strip(EDGE) != "" or any(
        w.casefold() in cues.determiners for w in text[phrase.start : phrase.end].split()
    )
    return len(words) == 1 or (len(words) <= 3 and lowercase_rest and had_determiner)


def speaker_like(phrase: Span, ctx: Context, cues: Cues) -> bool:
    """Whether a phrase has the shape of a speaker (a short phrase, not a clause of the text)."""
    return _core(ctx.text, phrase, cues) is not None


def resolve(phrase: Span, ctx: Context, cues: Cues) -> Speaker | None:
    """The actor named by ``phrase``: a mention, a pronoun's or a bare noun's antecedent, or None."""
    words = [w.casefold() for w in span_words(ctx.text, phrase) if w.casefold() not in cues.trim_words]
    if words and (" ".join(words) in cues.pronouns or words[0] in cues.person_pronouns):
        # "Ia", "he" — and "Ia juga berjanji memberantas korupsi dan": a pronoun opens the clause.
        return _pronoun(words, phrase.start, ctx, cues)
    core = _core(ctx.text, phrase, cues)
    if core is None:
        return None
    mention = _mention_for(core, ctx, cues)
    if mention is not None:
        return Speaker(mention.id, mention.name)
    office = _office_of(core, ctx)
    if office is not None:  # "El jefe del Ejecutivo reconoció …": the last person in that office
        return _holder(office[0], ctx, phrase.start, office[1])
    return _bare_noun(phrase, core, ctx, cues) if _is_anaphoric(ctx.text, phrase, core, cues) else None


def _bare_noun(phrase: Span, core: Span, ctx: Context, cues: Cues) -> Speaker | None:
    """The antecedent of a bare noun or a lone surname.  With none, a document named by a bare
    noun ("The declaration also described …", "Tuyên bố viết") speaks for the organisation that
    spoke before it (never for a person: "Das Ministerium teilte mit")."""
    words = ctx.text[core.start : core.end].split()
    found = _antecedent(words, ctx, phrase.start)
    last = ctx.speakers[-1][0] if ctx.speakers else None
    lay = bool(words) and words[-1].casefold() in cues.lay_people  # "Residents said": nobody's voice
    if found is None and last is not None and not lay and _kind_of(last, ctx) == "organization":
        return last
    return found


def _kind_of(speaker: Speaker, ctx: Context) -> str | None:
    """The kind of actor ("person", "organization", …) a speaker was resolved to."""
    return next((m.kind for m in ctx.actors if m.id == speaker.id), None)


def _pronoun(words: list[str], before: int, ctx: Context, cues: Cues) -> Speaker | None:
    """A person pronoun is the nearest person before it, unless the previous claim's speaker
    is a person named since the sentence before ("X said … He added"); another pronoun
    ("they", "it") takes the previous speaker."""
    personal = cues.person_pronouns | cues.genders.keys()  # "его" in "по его словам" too
    if words[0] not in personal and " ".join(words) not in personal:
        return ctx.speakers[-1][0] if ctx.speakers else None
    gender = cues.genders.get(" ".join(words)) or cues.genders.get(words[0])
    people = [
        m
        for m in ctx.actors
        if m.kind == "person" and m.end <= before and ctx.genders.get(m.id, gender) == gender
    ]
    if not people:
        return None
    last = ctx.speakers[-1][0] if ctx.speakers else None
    found = None
    if last is not None:
        # Where the previous speaker was last named or referred to: "X said … He added".
        recent = [m.start for m in people if m.id == last.id]
        anchor = max([*recent, ctx.last_reference if last == ctx.last_speaker else -1])
        if recent and not any(m.id != last.id and m.start > anchor for m in people):
            found = last
    if found is None:
        salient = _salient_person(people, before, ctx.sentences)
        found = Speaker(salient.id, salient.name)
    if gender is not None:
        ctx.genders[found.id] = gender  # "she" after "he" was X is someone else
    return found


def _salient_person(people: list[Mention], before: int, sentences: Sequence[Span]) -> Mention:
    """The person a pronoun at ``before`` most likely means: the first person of its own sentence
    before it, else of the sentence before (its subject: "X met Y. He said …" is X), else the
    nearest person before it."""
    current = next((i for i, s in enumerate(sentences) if s.start <= before < s.end), None)
    for i in (current, current - 1) if current is not None else ():
        if i < 0:
            break
        inside = [m for m in people if sentences[i].start <= m.start < sentences[i].end]
        if inside:
            return min(inside, key=lambda m: m.start)
    return max(people, key=lambda m: m.start)

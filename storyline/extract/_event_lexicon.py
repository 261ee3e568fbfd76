"""Event trigger lexicons: ``langs/<iso>/events.toml`` compiled into fast token lookups.

A lexicon maps words and phrases (``meet``, ``điện đàm``, ``dieron muerte``)
to a PLOVER ``TYPE/mode``.  Verbs and nouns are kept apart because they take
their arguments differently (``Russia attacked Ukraine`` vs ``the attack of
Ukraine on …``).  A phrase matches when each of its words equals the token or,
for languages marked ``lemmatize``, the token's simplemma lemma; ``stems``
languages (agglutinative Turkish) also match a token that starts with a
listed stem.  An empty value blocks a phrase: it consumes the words and yields
nothing (Vietnamese ``tiếp tục`` "continue" must not fire ``tiếp`` "receive").

Status cues (negation, plans, hypotheses), passive agent markers, generic
actor nouns and photo-credit words are per-language lists in the same file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import repeat
from typing import Any, NamedTuple

import simplemma

from storyline import langs

# Chinese and Japanese write no spaces: each Han or kana character is a token of its own, and
# a lexicon phrase is cut the same way ("会晤" is the two tokens 会 晤), so a phrase matches
# wherever its characters stand in a run.  Other scripts: words between spaces and punctuation.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:[-'’][^\W{_CJK}]+)*")
_STATUSES = ("negated", "planned", "hypothetical")


class Token(NamedTuple):
    """A word of the text: offsets into the article text and its lower-case form.

    A named tuple: every sentence of every article is cut into them (a frozen dataclass
    cost a Python ``__init__`` with three ``object.__setattr__`` calls per word).
    """

    start: int
    end: int
    form: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon entry: its words, PLOVER type and mode, part of speech and conditions."""

    words: tuple[str, ...]
    type: str
    mode: str | None
    noun: bool | None  # None: the word is both ("møte", "visit"); the arguments decide
    needs: tuple[str, ...] = ()
    origin: str = "lexicon"  # lexicon (events.toml), concept (events_plover.toml), cameo, frame


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in the text: ``tokens[first:last]`` matched ``trigger``."""

    first: int
    last: int
    trigger: Trigger


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Everything the event extractor knows about one language."""

    language: str | None
    by_first: dict[str, tuple[Trigger, ...]]
    stems: tuple[Trigger, ...]
    lemmatize: bool
    window: int
    cues: dict[str, frozenset[str]]
    after_cues: dict[str, frozenset[str]]
    suffixes: dict[str, tuple[str, ...]]
    passive: frozenset[str]
    infinitive: frozenset[str]
    genitive: frozenset[str]
    coordination: frozenset[str]
    agents: frozenset[str]
    captions: re.Pattern[str] | None
    # CAMEO verb frames: verb lemma → {object lemma: trigger} ("stage … protest" is PROTEST).
    frames: dict[str, dict[str, Trigger]] = field(default_factory=dict)
    noun_frames: frozenset[str] = frozenset()  # hand-listed verbs: their frame takes noun objects only
    passive_auxiliaries: frozenset[str] = frozenset()  # "was presented": a frame's object stands before
    relative: frozenset[str] = frozenset()  # words opening a relative clause after a comma
    since: frozenset[str] = frozenset()  # "since": a time after it starts a state, it dates no event
    # Words opening an adverbial clause or phrase ("after", "during"), and the endings of a participle
    # opening one after a comma (", offering …"): a trigger inside is background to the main clause.
    subordinators: frozenset[str] = frozenset()
    participle_endings: tuple[str, ...] = ()
    vetoes: dict[str, frozenset[str]] = field(default_factory=dict)  # trigger → words that veto it
    refusal: frozenset[str] = frozenset()  # cues that make a negated cooperation a refusal
    persons: frozenset[str] = frozenset()  # first/second-person words: a quotation in them is speech
    inflections: tuple[tuple[str, str], ...] = ()  # regular endings → lemma endings, longest first
    verb_final: bool = False  # subject-object-verb order: both participants come before the trigger
    # Endings a noun trigger may carry ("s": "calls"); None: any form with its lemma ("called" is
    # the verb, never the noun "call", in a language that lists them).
    noun_endings: tuple[str, ...] | None = None
    # A participle phrase with no auxiliary before it ("two men sought in the killing", "a report
    # released on Tuesday"): a past participle (these endings or forms) followed by an adjunct start.
    participle_forms: frozenset[str] = frozenset()
    past_endings: tuple[str, ...] = ()
    auxiliaries: frozenset[str] = frozenset()
    # Words before a gerund that make it a phrase ("jailed … for helping militants"): background too.
    gerund_after: frozenset[str] = frozenset()
    adjunct_starts: frozenset[str] = frozenset()  # words that open an adjunct after an object
    # Most words between a verb trigger and a noun trigger that is its object ("ratified a sweeping
    # agreement"): the noun is what the verb acts on, not a second event (0: never).
    object_reach: int = 0
    # Support verbs, whose object names the event ("issued arrest warrants", "launched an attack"):
    # there the verb is the background and the noun is reported.
    support_verbs: frozenset[str] = frozenset()
    status_cues: frozenset[str] = frozenset()  # every word of ``cues``: it sets a status, no event
    locative: frozenset[str] = frozenset()  # "in": a country right after it is a place, not a participant
    pronouns: frozenset[str] = frozenset()  # third-person subject pronouns ("he", "ia"): see _event_subject
    appositive: frozenset[str] = frozenset()  # articles opening an apposition after "<actor>,"
    hearsay: frozenset[str] = frozenset()  # verb lemmas whose complement is alleged ("claim", "allege")
    # Words that open a clause ("that", "que"): a frame's object never lies past one, nor past an
    # auxiliary or a relative word ("said that Iraq had attacked" reports an attack, says no attack).
    complementizers: frozenset[str] = frozenset()
    clause_bounds: frozenset[str] = frozenset()  # complementizers | auxiliaries | relative
    # A reported attack is an accusation (_event_reported): reporting verb lemmas, the pronouns that
    # make the act the speaker's own, and the types a report turns into an accusation.
    reporting: frozenset[str] = frozenset()
    self_pronouns: frozenset[str] = frozenset()
    accused: frozenset[str] = frozenset()
    # A participle after these ("the detained president", "Niger's armed forces") is an adjective.
    determiners: frozenset[str] = frozenset()
    possessive: tuple[str, ...] = ()
    names_capitalised: bool = False  # a capitalised word inside a sentence is a name ("by March")
    intent: frozenset[str] = frozenset()  # verb lemmas of wanting ("want"): wanting to cooperate is AGREE
    speech: frozenset[str] = frozenset()  # speech verbs of claims.toml ("said", "cho biết"): word forms
    # form → lemma: every token of every sentence asks, and most forms recur.
    lemmas: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def lemma(self, form: str) -> str:
        """The simplemma lemma of a lower-case word (the word itself when not lemmatizing).

        A word simplemma leaves as it is may still end in a regular inflection
        the lexicon lists (French participles: "déployé" → "déployer").
        """
        found = self.lemmas.get(form)
        if found is None:
            if len(self.lemmas) >= _LEMMAS:  # bounded, as _lemma's cache
                self.lemmas.clear()
            found = self.lemmas[form] = self._lemma(form)
        return found

    def _lemma(self, form: str) -> str:
        if not self.lemmatize or self.language is None:
            return form
        lemma = _lemma(form, self.language)
        if lemma == form:
            for suffix, base in self.inflections:
                if form.endswith(suffix) and len(form) > len(suffix) + 2:
                    return form[: -len(suffix)] + base
        return lemma


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``."""
    # The tuples are made by C calls (map), not by a Python call per word.
    matches = list(_WORD.finditer(text, start, end))
    fields = zip(
        map(_START, matches), map(_END, matches), map(str.casefold, map(_GROUP, matches)), strict=True
    )
    return list(map(_NEW, repeat(Token), fields))


_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group
_NEW: Callable[[type[Token], tuple[int, int, str]], Token] = tuple.__new__


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the tokens :func:`tokenize` makes of it in a text."""
    return tuple(t.form for t in tokenize(phrase, 0, len(phrase)))


_LEMMAS = 262_144


@lru_cache(maxsize=_LEMMAS)
def _lemma(form: str, language: str) -> str:
    # simplemma raises ValueError only for an unsupported language; events.toml
    # sets lemmatize = false for those, so this guards against a data mistake.
    try:
        return str(simplemma.lemmatize(form, lang=language)).casefold()
    except ValueError:
        return form


def _parse_value(value: str) -> tuple[str, str | None]:
    kind, _, mode = value.partition("/")
    return kind, mode or None


def _triggers(data: dict[str, Any], concepts: frozenset[str] = frozenset()) -> list[Trigger]:
    needs: dict[str, list[str]] = data.get("needs", {})
    out = []
    for table, noun in (("verbs", False), ("nouns", True)):
        for phrase, value in data.get(table, {}).items():
            words = phrase_words(phrase)
            if not words:  # punctuation only: nothing in a text can match it
                continue
            kind, mode = _parse_value(value) if value else ("", None)
            origin = "concept" if phrase in concepts else "lexicon"
            out.append(Trigger(words, kind, mode, noun, tuple(needs.get(phrase, ())), origin))
    return out


def _with_concepts(data: dict[str, Any], concepts: dict[str, Any]) -> dict[str, Any]:
    """``events.toml`` with the PLOVER concept words of ``events_plover.toml`` it does not list."""
    if not concepts:
        return data
    known = {p.casefold() for table in ("verbs", "nouns") for p in data.get(table, {})}
    merged = dict(data)
    for table in ("verbs", "nouns"):
        extra = {k: v for k, v in concepts.get(table, {}).items() if k.casefold() not in known}
        merged[table] = {**data.get(table, {}), **extra}
    return merged


def _cameo(
    data: dict[str, Any], cameo: dict[str, Any]
) -> tuple[list[Trigger], dict[str, dict[str, Trigger]], frozenset[str]]:
    """Verbs and verb frames derived from the CAMEO dictionaries (``events_cameo.toml``).

    Hand-written entries win: a CAMEO verb already listed in ``events.toml``
    (as verb or noun, or as a blocker) is left out, and such a verb (never a noun, nor a
    support verb, whose object is the event: "issued arrest warrants") takes from
    its frame only the objects the dictionary notes under that very verb
    ("received weapons" is aid, "received ministers" a visit), and only as a
    noun object: returned as the third value, the verbs whose frame stops at an
    infinitive marker ("pledged to expel" stays a pledge).
    """
    known = {p.casefold() for table in ("verbs", "nouns") for p in data.get(table, {})}
    verbs = [
        Trigger(tuple(verb.split()), *_parse_value(value), False, origin="cameo")
        for verb, value in cameo.get("verbs", {}).items()
        if value and verb not in known
    ]
    # One trigger table per frame, shared by the frame's verbs (a frame has up to ~500 objects).
    compiled = {frame: _frame_table(frame, table) for frame, table in cameo.get("objects", {}).items()}
    frames = {
        verb: compiled.get(frame, {})
        for verb, frame in cameo.get("frames", {}).items()
        if " " not in verb and verb not in known
    }
    nouns = {p.casefold() for p in data.get("nouns", {})} | set(data.get("support_verbs", ()))
    attested = {
        verb: _frame_table(verb, table)
        for verb, table in cameo.get("attested", {}).items()
        if verb in known and verb not in nouns and any(table.values())
    }
    return verbs, {v: f for v, f in {**frames, **attested}.items() if f}, frozenset(attested)


def _frame_table(frame: str, table: dict[str, str]) -> dict[str, Trigger]:
    return {
        obj: Trigger((frame,), *(_parse_value(value) if value else ("", None)), False, origin="frame")
        for obj, value in table.items()
    }


def _index(triggers: Iterable[Trigger]) -> dict[str, tuple[Trigger, ...]]:
    """Triggers by their first word, longest phrase first (so the longest match wins).

    A phrase listed as both verb and noun with the same value becomes one
    trigger of either part of speech.
    """
    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        same = index.setdefault(trig.words[0], [])
        twin = next((t for t in same if t.words == trig.words), None)
        if twin is None:
            same.append(trig)
        elif (twin.type, twin.mode) == (trig.type, trig.mode) and twin.noun != trig.noun:
            same[same.index(twin)] = Trigger(twin.words, twin.type, twin.mode, None, twin.needs, twin.origin)
    return {k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in index.items()}


def _caption_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    if not alternatives:
        return None
    # A credit is the word followed by a colon ("Foto: TASS", "(Ảnh: Reuters)").
    return re.compile(rf"(?:^|[\s(\[|.])(?:{'|'.join(alternatives)})\s*:\s*\S", re.IGNORECASE)


def _cue_sets(data: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    table = data.get(key, {})
    return {s: frozenset(w.casefold() for w in table.get(s, ())) for s in _STATUSES}


@cache
def lexicon(language: str | None) -> EventLexicon:
    """The compiled lexicon of ``language`` (an empty one for a language without events.toml)."""
    hand = langs.load(language, "events") if language else {}
    concepts = langs.load(language, "events_plover") if language else {}
    data = _with_concepts(hand, concepts)
    listed = {p.casefold() for table in ("verbs", "nouns") for p in hand.get(table, {})}
    added = frozenset(
        p for table in ("verbs", "nouns") for p in concepts.get(table, {}) if p.casefold() not in listed
    )
    universal = langs.load(langs.UNIVERSAL, "events")
    triggers = _triggers(data, added)
    cameo_verbs, frames, noun_frames = _cameo(data, langs.load(language, "events_cameo") if language else {})
    triggers += cameo_verbs
    suffixes = data.get("suffixes", {})
    cues = _cue_sets(data, "cues")
    return EventLexicon(
        language=language,
        by_first=_index(t for t in triggers if not data.get("stems")),
        stems=tuple(t for t in triggers if data.get("stems")),
        lemmatize=bool(data.get("lemmatize", False)),
        window=int(data.get("window", 4)),
        cues=cues,
        after_cues=_cue_sets(data, "cues_after"),
        suffixes={s: tuple(suffixes.get(s, ())) for s in _STATUSES},
        passive=frozenset(w.casefold() for w in data.get("passive", ())),
        infinitive=frozenset(w.casefold() for w in data.get("infinitive", ())),
        genitive=frozenset(w.casefold() for w in data.get("genitive", ())),
        coordination=frozenset(w.casefold() for w in data.get("coordination", ())),
        agents=frozenset(w.casefold() for w in data.get("agents", ())),
        captions=_caption_regex([*data.get("captions", ()), *universal.get("captions", ())]),
        frames=frames,
        noun_frames=noun_frames,
        passive_auxiliaries=_words(data, "passive_auxiliaries"),
        relative=frozenset(w.casefold() for w in data.get("relative", ())),
        since=frozenset(w.casefold() for w in data.get("since", ())),
        subordinators=frozenset(w.casefold() for w in data.get("subordinators", ())),
        participle_endings=tuple(data.get("participle_endings", ())),
        persons=frozenset(w.casefold() for w in data.get("persons", ())),
        refusal=frozenset(w.casefold() for w in data.get("refusal", ())),
        inflections=tuple(sorted(data.get("inflections", {}).items(), key=lambda kv: -len(kv[0]))),
        vetoes={k.casefold(): frozenset(w.casefold() for w in v) for k, v in data.get("vetoes", {}).items()},
        verb_final=bool(data.get("verb_final", False)),
        noun_endings=tuple(data["noun_endings"]) if "noun_endings" in data else None,
        adjunct_starts=frozenset(w.casefold() for w in data.get("adjunct_starts", ())),
        participle_forms=frozenset(w.casefold() for w in data.get("participle_forms", ())),
        past_endings=tuple(data.get("past_endings", ())),
        auxiliaries=frozenset(w.casefold() for w in data.get("auxiliaries", ())),
        gerund_after=frozenset(w.casefold() for w in data.get("gerund_after", ())),
        object_reach=int(data.get("object_reach", 0)),
        support_verbs=frozenset(w.casefold() for w in data.get("support_verbs", ())),
        status_cues=frozenset().union(*cues.values()),
        locative=_words(data, "locative"),
        pronouns=_words(data, "pronouns"),
        appositive=_words(data, "appositive"),
        hearsay=_words(data, "hearsay"),
        complementizers=_words(data, "complementizers"),
        reporting=_words(data, "reporting"),
        self_pronouns=_words(data, "self_pronouns"),
        accused=frozenset(data.get("accused", ())),
        intent=_words(data, "intent"),
        determiners=_words(data, "determiners"),
        possessive=tuple(data.get("possessive", ())),
        names_capitalised=bool(data.get("names_capitalised", False)),
        clause_bounds=_words(data, "complementizers")
        | _words(data, "auxiliaries")
        | _words(data, "relative"),
        speech=_words(langs.load(language, "claims") if language else {}, "verbs"),
    )


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in data.get(key, ()))


def _matches(lex: EventLexicon, tokens: list[Token], i: int, trig: Trigger) -> bool:
    if i + len(trig.words) > len(tokens):
        return False
    noun = trig.noun is True and lex.noun_endings is not None
    return all(
        tok.form == word or (lex.lemma(tok.form) == word and (not noun or _noun_form(lex, tok.form, word)))
        for tok, word in zip(tokens[i : i + len(trig.words)], trig.words, strict=False)
    )


def _noun_form(lex: EventLexicon, form: str, word: str) -> bool:
    return any(form == word + ending for ending in lex.noun_endings or ())


def _stem_match(lex: EventLexicon, tokens: list[Token], i: int) -> Trigger | None:
    form = tokens[i].form
    best: Trigger | None = None
    for trig in lex.stems:
        longer = best is None or len(trig.words[0]) > len(best.words[0])
        if len(trig.words) == 1 and form.startswith(trig.words[0]) and longer:
            best = trig
    return best


_OBJECT_REACH = 4  # tokens from a verb to its object ("staged a large protest")


def _frame_match(lex: EventLexicon, tokens: list[Token], i: int, lemma: str) -> tuple[Trigger, int] | None:
    """The CAMEO frame trigger of the verb at ``i`` and its object's index: an object of its frame
    after it, or before it in the passive ("evidence against Russia was presented by the US")."""
    key = lemma if lemma in lex.frames else tokens[i].form
    frame = lex.frames.get(key)
    if not frame:
        return None
    # A hand-listed verb's promise ("pledged to expel") is no object of it.
    stops = lex.clause_bounds | lex.infinitive if key in lex.noun_frames else lex.clause_bounds
    found = _frame_object(lex, frame, tokens, range(i + 1, min(len(tokens), i + 1 + _OBJECT_REACH)), stops)
    if found is None and i >= 2 and tokens[i - 1].form in lex.passive_auxiliaries:
        found = _frame_object(lex, frame, tokens, range(i - 2, max(-1, i - 2 - _OBJECT_REACH), -1), stops)
    return found


def _frame_object(
    lex: EventLexicon, frame: dict[str, Trigger], tokens: list[Token], span: range, stops: frozenset[str]
) -> tuple[Trigger, int] | None:
    """The first object of ``frame`` among ``tokens[span]``, before any clause boundary."""
    for j in span:
        form = tokens[j].form
        if form in stops:
            return None
        found = frame.get(form) or frame.get(lex.lemma(form))
        if found is not None:
            return found, j
    return None


def _hand_phrase(lex: EventLexicon, tokens: list[Token], i: int, lemma: str) -> bool:
    """Whether a phrase of several words listed by hand starts at the hand-listed verb ``i``."""
    if lemma not in lex.noun_frames and tokens[i].form not in lex.noun_frames:
        return False
    phrases = (*lex.by_first.get(tokens[i].form, ()), *lex.by_first.get(lemma, ()))
    return any(len(t.words) > 1 and _matches(lex, tokens, i, t) for t in phrases)


def _hand_pair(
    lex: EventLexicon, tokens: list[Token], i: int, lemma: str, framed: tuple[Trigger, int]
) -> tuple[Trigger, int]:
    """The frame found with the type of a hand-listed "verb object" phrase naming the same verb
    and object: "sent 3,000 troops", "imposed fresh sanctions" read like "send troops" and
    "impose sanctions" (the words between are the object's modifiers)."""
    obj = tokens[framed[1]].form
    for t in (*lex.by_first.get(tokens[i].form, ()), *lex.by_first.get(lemma, ())):
        if len(t.words) == 2 and t.type and t.words[1] in (obj, lex.lemma(obj)):
            return Trigger(t.words[:1], t.type, t.mode, t.noun, t.needs, t.origin), framed[1]
    return framed


def find_triggers(lex: EventLexicon, tokens: list[Token]) -> list[Hit]:
    """Non-overlapping trigger hits in ``tokens``, left to right, longest phrase first.

    A verb whose CAMEO frame names the object that follows it takes the
    frame's type ("stage a protest", "set … ablaze"); a frame entry without a
    type blocks the verb ("beat … in the election").
    """
    hits: list[Hit] = []
    frames, by_first = lex.frames, lex.by_first
    objects: set[int] = set()
    i = 0
    # Most words are no verb of a frame and begin no phrase: each test below is skipped
    # before a call or a sort when its dictionary holds nothing for the word.
    while i < len(tokens):
        form = tokens[i].form
        lemma = lex.lemma(form)
        if i in objects:  # the object of a frame ("faces pressure"): the frame's event, not one more
            i += 1
            continue
        # A status cue ("denied meeting X") sets the status of what follows: no frame of its own.
        framed = (
            _frame_match(lex, tokens, i, lemma)
            if (lemma in frames or form in frames) and form not in lex.status_cues
            else None
        )
        if framed is not None and _hand_phrase(lex, tokens, i, lemma):
            framed = None  # a hand-listed phrase ("impose sanctions") is more specific than a frame
        elif framed is not None:
            framed = _hand_pair(lex, tokens, i, lemma, framed)
        if framed is not None:
            if framed[0].type:
                hits.append(Hit(i, i + 1, framed[0]))
                objects.add(framed[1])
            i += 1
            continue
        candidates = by_first.get(form, ())
        if lemma != form:
            also = by_first.get(lemma, ())
            if candidates or also:
                candidates = tuple(sorted((*candidates, *also), key=lambda t: -len(t.words)))
        found = next((t for t in candidates if _matches(lex, tokens, i, t)), None) if candidates else None
        if found is None and lex.stems:
            found = _stem_match(lex, tokens, i)
        if found is None:
            i += 1
            continue
        if found.type:  # an empty type is a blocker: consume, report nothing
            hits.append(Hit(i, i + len(found.words), found))
        i += len(found.words)
    return hits

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

Speaker phrases are resolved to actor mentions when one overlaps them; a
pronoun (``Ia``, ``Han``) takes the previous speaker, and a bare common noun
or a surname (``A agência``, ``Bộ này``, ``o Sr. Kim``) takes the nearest
earlier speaker or mention that contains it.

A byline credit in parentheses (``Minh Duc (ifølge TASS, Moscow Times)``)
attributes the whole article, not a statement: it is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from storyline import langs
from storyline.extract.numbers import extract_numbers
from storyline.extract.sentences import quoted_ranges, split_sentences
from storyline.model import Claim, Mention, Span, Speaker, TimeExpr

_CLAUSE_PUNCT = ",;:"
_EDGE = " \t\"'“”«»„‘’()[]|,.;:!?-–—\u00a0"
_WORDS = re.compile(r"\S+")
_MAX_SPEAKER_WORDS = 8
_MAX_TAIL_WORDS = 8  # "STATEMENT, X said in a statement on Monday" keeps the verb near the end


@dataclass(frozen=True, slots=True)
class _Cues:
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


def _alternation(phrases: Iterable[str]) -> str:
    """Literal phrases as a regex alternation, longest first, any space matching any gap."""
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items)


def _pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A whole-word, case-insensitive pattern for ``phrases``; None when there are none."""
    alt = _alternation(phrases)
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE) if alt else None


def _merged(datas: Iterable[dict[str, Any]], key: str) -> list[str]:
    """The union of list ``key`` over several language files."""
    return [item for data in datas for item in data.get(key, ())]


@cache
def _cues(language: str | None) -> _Cues:
    """Compiled cues of ``language``; every language's cues when it is None or has no data."""
    own = langs.load(language, "claims") if language else {}
    datas = [own] if own.get("verbs") else list(langs.load_all("claims").values())

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in _merged(datas, key))

    return _Cues(
        verb=_pattern(_merged(datas, "verbs")),
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
    )


# --- the shape of one sentence ------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Draft:
    """A claim before its speakers are resolved: speaker phrases and statement, as spans."""

    speakers: tuple[Span, ...]
    statement: Span
    sentence: Span


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls inside one of the (absolute) quote ranges."""
    return any(a <= pos <= b for a, b in ranges)


def _trimmed(text: str, start: int, end: int) -> Span:
    """``Span(start, end)`` shrunk past surrounding spaces, quotes and punctuation."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return Span(start, end)


def _clause_start(text: str, sent: Span, pos: int, quotes: Sequence[tuple[int, int]]) -> int:
    """Start of the clause that ends at ``pos``: after the last comma, colon or closing quote."""
    for i in range(pos - 1, sent.start - 1, -1):
        if _inside(i, quotes):
            return i + 1
        if text[i] in _CLAUSE_PUNCT:
            return i + 1
    return sent.start


def _clause_end(text: str, pos: int, sent: Span) -> int:
    """End of the clause that starts at ``pos``: the next comma, semicolon or parenthesis."""
    for i in range(pos, sent.end):
        if text[i] in ",;()":
            return i
    return sent.end


def _split_citing(text: str, phrase: Span, cues: _Cues) -> list[Span]:
    """``TASS dẫn lời Bộ Quốc phòng Nga`` → [TASS, Bộ Quốc phòng Nga]: outermost first."""
    if cues.citing is None:
        return [phrase]
    parts, cursor = [], phrase.start
    for found in cues.citing.finditer(text, phrase.start, phrase.end):
        parts.append(Span(cursor, found.start()))
        cursor = found.end()
    parts.append(Span(cursor, phrase.end))
    return [p for p in (_trimmed(text, s.start, s.end) for s in parts) if p.end > p.start]


def _cited_after(text: str, pos: int, sent: Span, cues: _Cues) -> list[Span]:
    """Sources named by a citing connector right after the attribution (``, citing the ministry``)."""
    if cues.citing is None:
        return []
    found = cues.citing.search(text, pos, sent.end)
    if found is None or len(text[pos : found.start()].split()) > 4:
        return []
    return [_trimmed(text, found.end(), _clause_end(text, found.end(), sent))]


def _according_draft(text: str, sent: Span, found: re.Match[str], cues: _Cues) -> _Draft | None:
    """``Theo TASS, …`` / ``…, ifølge X``: the speaker follows the preposition."""
    speaker_end = _clause_end(text, found.end(), sent)
    if text[sent.start : found.start()].rstrip().endswith("("):
        outside = text[sent.start : found.start()] + text[speaker_end + 1 : sent.end]
        if len(outside.split()) < 4:
            return None  # a byline credit: "Minh Duc (ifølge TASS, Moscow Times)"
    if found.start() - sent.start <= 1 and cues.verb_second:
        # Verb-second languages put no comma after the phrase: "Laut Reuters wurden ...".
        speaker_end = _name_end(text, found.end(), speaker_end, cues)
    speaker = _trimmed(text, found.end(), speaker_end)
    if found.start() - sent.start <= 1:
        statement = _trimmed(text, speaker_end, sent.end)
    else:
        statement = _trimmed(text, sent.start, found.start())
    speakers = [*_split_citing(text, speaker, cues), *_cited_after(text, speaker_end, sent, cues)]
    return _Draft(tuple(speakers), statement, sent)


def _name_end(text: str, start: int, end: int, cues: _Cues) -> int:
    """Where a name-like phrase starting at ``start`` ends: before its first lower-case content word."""
    for i, word in enumerate(_WORDS.finditer(text, start, end)):
        bare = word.group().strip(_EDGE)
        if i and bare[:1].islower() and bare.casefold() not in cues.determiners:
            return word.start()
    return end


def _at_clause_start(text: str, sent: Span, pos: int) -> bool:
    """Whether only clause punctuation separates ``pos`` from the sentence or clause start."""
    before = text[sent.start : pos].rstrip()
    return not before or before[-1] in ",;:(—–-"


def _quote_draft(
    text: str, sent: Span, verb: re.Match[str], quotes: Sequence[tuple[int, int]], cues: _Cues
) -> _Draft | None:
    """A quotation next to the verb is the statement; the speaker is on the other side."""
    for a, b in quotes:
        gap_after = text[b + 1 : verb.start()]
        if b < verb.start() and len(gap_after.split()) <= 6 and not any(q in gap_after for q in '"“«„'):
            between = _trimmed(text, b + 1, verb.start())
            if between.end > between.start:
                speaker = between
            else:
                speaker = _trimmed(text, verb.end(), _clause_end(text, verb.end(), sent))
            return _Draft(tuple(_split_citing(text, speaker, cues)), _trimmed(text, a, b + 1), sent)
        if a > verb.end() and not text[verb.end() : a].strip(" :,\u00a0"):
            clause = _clause_start(text, sent, verb.start(), [])
            speaker = _trimmed(text, clause, verb.start())
            return _Draft(tuple(_split_citing(text, speaker, cues)), _trimmed(text, a, b + 1), sent)
    return None


def _verb_draft(text: str, sent: Span, verb: re.Match[str], cues: _Cues) -> _Draft:
    """The unquoted shapes: speaker before or after the verb, statement on the other side."""
    quotes: list[tuple[int, int]] = []
    clause = _clause_start(text, sent, verb.start(), quotes)
    lhead = _trimmed(text, clause, verb.start())
    comp = cues.complementiser.search(text, verb.end(), sent.end) if cues.complementiser else None
    words_to_comp = len(text[verb.end() : comp.start()].split()) if comp else 99
    if lhead.end > lhead.start and all(w.casefold() in cues.coordinators for w in _span_words(text, lhead)):
        lhead = _trimmed(text, sent.start, _clause_end(text, sent.start, sent))  # "X, ..., e disse que"
    if comp and words_to_comp <= 4:
        inverted = _trimmed(text, verb.end(), comp.start())
        speaker = inverted if words_to_comp and _is_inverted_subject(text, inverted, cues) else lhead
        return _Draft(tuple(_split_citing(text, speaker, cues)), _trimmed(text, comp.end(), sent.end), sent)
    tail = text[verb.end() : sent.end]
    citing_next = bool(cues.citing and cues.citing.match(tail.lstrip(" ,")))
    if clause > sent.start and (len(tail.split()) <= _MAX_TAIL_WORDS or citing_next):
        after = _trimmed(text, verb.end(), _clause_end(text, verb.end(), sent))
        speaker = lhead if lhead.end > lhead.start else after
        chain = [*_split_citing(text, speaker, cues), *_cited_after(text, verb.end(), sent, cues)]
        return _Draft(tuple(chain), _trimmed(text, sent.start, clause), sent)
    return _Draft(tuple(_split_citing(text, lhead, cues)), _trimmed(text, verb.end(), sent.end), sent)


def _span_words(text: str, span: Span) -> list[str]:
    """The words of ``span`` without surrounding punctuation."""
    return [w.strip(_EDGE) for w in text[span.start : span.end].split() if w.strip(_EDGE)]


def _is_inverted_subject(text: str, phrase: Span, cues: _Cues) -> bool:
    """Whether the words between a verb-second verb and ``that`` are its subject (``sa Putin at``)."""
    if not cues.verb_second:
        return False  # in SVO languages they are the addressee: "assured his counterpart that"
    words = _clean_words(text, phrase, cues)
    head = words[0].group() if words else ""
    return head[:1].isupper() or head.casefold() in cues.pronouns


@dataclass(frozen=True, slots=True)
class _Hits:
    """Cue matches over the whole text, found in one pass per pattern."""

    verbs: tuple[re.Match[str], ...]
    according: tuple[re.Match[str], ...]

    @classmethod
    def find(cls, text: str, cues: _Cues) -> _Hits:
        verbs = tuple(cues.verb.finditer(text)) if cues.verb else ()
        according = tuple(cues.according.finditer(text)) if cues.according else ()
        return cls(verbs, according)


def _within(matches: Sequence[re.Match[str]], sent: Span) -> list[re.Match[str]]:
    """The matches that lie inside the sentence."""
    return [m for m in matches if sent.start <= m.start() and m.end() <= sent.end]


def _draft(text: str, sent: Span, cues: _Cues, hits: _Hits) -> _Draft | None:
    """The attribution shape of one sentence, or None when it reports nobody."""
    verbs = _within(hits.verbs, sent)
    according = _within(hits.according, sent)
    if not verbs and not according:
        return None
    quotes = [(sent.start + a, sent.start + b) for a, b in quoted_ranges(text[sent.start : sent.end])]
    verbs = [m for m in verbs if not _inside(m.start(), quotes)]
    for verb in verbs:
        quoted = _quote_draft(text, sent, verb, quotes, cues)
        if quoted is not None:
            return quoted
    for found in according:
        if not _inside(found.start(), quotes) and _at_clause_start(text, sent, found.start()):
            return _according_draft(text, sent, found, cues)
    return _verb_draft(text, sent, verbs[0], cues) if verbs else None


# --- speaker phrases --------------------------------------------------------


def _clean_words(text: str, phrase: Span, cues: _Cues) -> list[re.Match[str]]:
    """Words of a speaker phrase without edge determiners, adverbs and honorifics.

    The phrase is cut before a stop word (``in a statement``), a number or a
    parenthesis (``LĐBĐ Malaysia (FAM)``): what follows is not the name.
    """
    words = list(_WORDS.finditer(text, phrase.start, phrase.end))
    for i, word in enumerate(words[1:], 1):
        bare = word.group().strip(_EDGE)
        stop = bool(cues.stops and cues.stops.fullmatch(bare))
        if stop or word.group().startswith("(") or any(c.isdigit() for c in bare):
            words = words[:i]
            break
    drop = cues.determiners | cues.trim_words | cues.honorifics
    while words and words[0].group().strip(_EDGE).casefold() in drop:
        words = words[1:]
    while words and words[-1].group().strip(_EDGE).casefold() in drop:
        words = words[:-1]
    return words


def _core(text: str, phrase: Span, cues: _Cues) -> Span | None:
    """The speaker phrase reduced to its name, or None when nothing speaker-like is left."""
    if cues.source_prefix is not None:
        inner = _trimmed(text, phrase.start, phrase.end)
        lead = next(iter(_clean_words(text, inner, _NO_CUES)), None)
        if lead is not None:
            prefix = cues.source_prefix.match(text, lead.start(), phrase.end)
            if prefix is not None:
                phrase = Span(prefix.end(), phrase.end)
    words = _clean_words(text, phrase, cues)
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return None
    start = words[0].start()
    head = text[start : words[0].end()].casefold().replace("’", "'")
    elided = [d for d in cues.determiners if d.endswith("'") and head.startswith(d) and len(head) > len(d)]
    return _trimmed(text, start + max(map(len, elided), default=0), words[-1].end())  # French "l'AFP"


_NONE: frozenset[str] = frozenset()
_NO_CUES = _Cues(None, None, None, None, None, None, _NONE, _NONE, _NONE, _NONE, _NONE)


# --- resolution ------------------------------------------------------------


@dataclass
class _Context:
    """What earlier sentences established: speakers already named, in order."""

    text: str
    actors: Sequence[Mention]
    speakers: list[tuple[Speaker, str]] = field(default_factory=list)  # (speaker, surface text)


def _slug(name: str) -> str:
    """A casefolded, hyphenated key for a speaker that no actor mention covers."""
    try:
        from storyline.extract.names import actor_key
    except ImportError:
        return "speaker:" + re.sub(r"\W+", "-", name.casefold()).strip("-")
    return actor_key(name, kind=_guess_kind(name))


def _guess_kind(name: str) -> str:
    """``person`` for two or three capitalised words (``Dong Jun``), else ``organization``."""
    words = name.split()
    person = 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words)
    return "person" if person else "organization"


def _mention_for(core: Span, ctx: _Context, cues: _Cues) -> Mention | None:
    """The actor mention that names the speaker phrase, if one overlaps it."""
    overlapping = [m for m in ctx.actors if m.start < core.end and core.start < m.end]
    others = [m for m in overlapping if m.kind != "country"]
    if others:
        return max(others, key=lambda m: min(m.end, core.end) - max(m.start, core.start))
    for m in overlapping:
        rest = ctx.text[m.end : core.end].split()
        # "Mỹ và các đồng minh" is the country; "agência de espionagem da Coreia do Sul" is not.
        if m.start <= core.start and (not rest or rest[0].casefold() in cues.coordinators):
            return m
    return None


def _antecedent(words: list[str], ctx: _Context, before: int) -> Speaker | None:
    """The nearest earlier speaker or actor mention whose name contains one of ``words``."""
    keys = [w.casefold() for w in words if len(w) >= 2]

    def matches(surface: str) -> bool:
        tokens = [t.casefold() for t in re.findall(r"\w+", surface)]
        return any(k in tokens for k in keys)

    for speaker, surface in reversed(ctx.speakers):
        if matches(surface) or matches(speaker.name):
            return speaker
    for m in sorted((m for m in ctx.actors if m.end <= before), key=lambda m: m.start, reverse=True):
        if matches(m.text) or matches(m.name):
            return Speaker(m.id, m.name)
    return None


def _is_anaphoric(text: str, phrase: Span, core: Span, cues: _Cues) -> bool:
    """A bare common noun (``A agência``, ``Bộ này``) or a lone surname (``Kim``)."""
    words = text[core.start : core.end].split()
    lowercase_rest = all(w[:1].islower() for w in words[1:])
    had_determiner = text[phrase.start : core.start].strip(_EDGE) != "" or any(
        w.casefold() in cues.determiners for w in text[phrase.start : phrase.end].split()
    )
    return len(words) == 1 or (len(words) <= 3 and lowercase_rest and had_determiner)


def _resolve(phrase: Span, ctx: _Context, cues: _Cues) -> Speaker | None:
    """The speaker named by ``phrase``: a mention, an earlier speaker, or the phrase itself."""
    bare = [w.casefold() for w in _span_words(ctx.text, phrase) if w.casefold() not in cues.trim_words]
    if " ".join(bare) in cues.pronouns:
        return ctx.speakers[-1][0] if ctx.speakers else None
    core = _core(ctx.text, phrase, cues)
    if core is None:
        return None
    surface = ctx.text[core.start : core.end]
    mention = _mention_for(core, ctx, cues)
    if mention is not None:
        return Speaker(mention.id, mention.name)
    if _is_anaphoric(ctx.text, phrase, core, cues):
        found = _antecedent(surface.split(), ctx, phrase.start)
        if found is not None:
            return found
        if surface[:1].isupper() and " " not in surface:
            surface = _full_name(ctx.text, surface, phrase.start) or surface
    return Speaker(_slug(surface), surface)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)?")


def _is_name_word(word: str) -> bool:
    """A capitalised word, hyphenated parts allowed (``Jong-un``)."""
    return word[:1].isupper() and _NAME_WORD.fullmatch(word) is not None


@cache
def _name_pattern(surname: str) -> re.Pattern[str]:
    """``surname`` as a whole word."""
    return re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)")


def _full_name(text: str, surname: str, before: int) -> str | None:
    """The first fuller form of a lone name earlier in the text: ``Kim`` → ``Kim Jong-un``.

    News introduces a person in full and then by one name; the fuller form is
    the name plus at most one capitalised word before and two after it.
    """
    for found in _name_pattern(surname).finditer(text, 0, before):
        line_start = text.rfind("\n", 0, found.start()) + 1
        preceding = text[max(line_start, found.start() - 30) : found.start()]
        words_before = preceding.split() if preceding.endswith(" ") else []
        left = words_before[-1] if words_before and _is_name_word(words_before[-1]) else ""
        right: list[str] = []
        for part in text[found.end() : found.end() + 40].split("\n", maxsplit=1)[0].split(" ")[1:3]:
            bare = part.rstrip(',.;:!?)»”"')
            if not _is_name_word(bare):
                break
            right.append(bare)
            if bare != part:
                break  # punctuation closes the name
        name = " ".join(p for p in (left, surname, *right) if p)
        if name != surname:
            return name
    return None


# --- the public function ----------------------------------------------------


def _date_in(sentence: Span, times: Sequence[TimeExpr]) -> str | None:
    """Value of the first time expression inside the sentence."""
    inside = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
    return min(inside, key=lambda t: t.start).value if inside else None


def _claim(
    draft: _Draft, ctx: _Context, cues: _Cues, language: str | None, times: Sequence[TimeExpr]
) -> Claim | None:
    """Resolve a draft into a claim; None when no speaker or no statement is left."""
    chain: list[Speaker] = []
    for phrase in draft.speakers:
        speaker = _resolve(phrase, ctx, cues)
        if speaker is not None and speaker not in chain:
            chain.append(speaker)
            ctx.speakers.append((speaker, ctx.text[phrase.start : phrase.end]))
    statement = draft.statement
    if not chain or len(ctx.text[statement.start : statement.end].split()) < 3:
        return None
    numbers = extract_numbers(ctx.text, language=language, start=statement.start, end=statement.end)
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
    cues = _cues(language)
    ctx = _Context(text, actors)
    claims: list[Claim] = []
    hits = _Hits.find(text, cues)
    for sentence in split_sentences(text):
        draft = _draft(text, sentence, cues, hits)
        if draft is not None:
            claim = _claim(draft, ctx, cues, language, times)
            if claim is not None:
                claims.append(claim)
    return tuple(claims)

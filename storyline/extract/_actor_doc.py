"""The article as the actor extractor sees it: words, what is already claimed, runs of
capitalised name words, and country places next to a phrase (see :mod:`storyline.extract.actors`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from storyline.extract._actor_known import person_known
from storyline.extract._actor_lexicon import Lexicon, lexicon, norm
from storyline.extract.morph import base_name, cyrillic, leading_common_words
from storyline.extract.names import actor_key
from storyline.model import Place

# A word: letters, with inner hyphens ("Jong-un").  Apostrophes split words, so
# that "l'AFP", "d'Emmanuel Macron" and Turkish "Putin'in" expose the name;
# a name run may continue across one ("O'Brien").
WORD = re.compile(r"[^\W\d_]\w*(?:-\w+)*")
# Characters after which the next word starts a sentence (or a headline/caption).
_SENTENCE_END = frozenset('.!?:;"“”«»„|([–—-\n')
SPACE_GAPS = frozenset({" ", "\u00a0"})
APOSTROPHES = frozenset({"'", "’"})
# "Presiden Iran yang baru terpilih, Masoud Pezeshkian": up to four lowercase
# words and a comma between a title with its country and the name.
# Up to four words of a title's complement before a comma: lowercase, or an acronym ("des députés RN").
_COMPLEMENT_WORD = r"(?:[^\W\d_A-Z][\w-]*|[A-Z]{2,5})"
_APPOSITIVE = re.compile(rf"\s+(?:{_COMPLEMENT_WORD}\s+){{0,3}}{_COMPLEMENT_WORD}\s*,\s*")
NAME_GAP = re.compile(r"\s*,?\s*")
POSSESSIVE_GAP = re.compile(r"(?:s|'s|’s|'|’)?\s{1,2}")
# Caseless scripts: how many words after a title make the name.
_CASELESS_NAME_WORDS = 2


class Token(NamedTuple):
    """A word of the text.  A named tuple: thousands are made per article."""

    start: int
    end: int
    text: str
    titled: bool  # capitalised like a name: upper first letter, some lowercase after (not an acronym)
    caseless: bool  # written in a script without letter case (Arabic, CJK…)


def _tokens(text: str) -> list[Token]:
    """The words of ``text`` (one loop without a call per word: articles have thousands)."""
    tokens: list[Token] = []
    append = tokens.append
    for match in WORD.finditer(text):
        word = match.group()
        first = word[0]
        upper = first.isupper()
        titled = upper and (len(word) == 1 or not word[1:].isupper())
        # tuple.__new__ is a C call; Token(...) is a Python __new__ per word.
        append(_NEW(Token, (match.start(), match.end(), word, titled, not upper and not first.islower())))
    return tokens


_NEW: Callable[[type[Token], tuple[int, int, str, bool, bool]], Token] = tuple.__new__


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    name: str
    kind: str
    id: str
    role: str | None = None
    country: str | None = None
    single: bool = False  # one-word person name waiting for resolution
    context: bool = False  # found after a title, honorific or as a known name


@dataclass(slots=True)
class Doc:
    """The text, its words, what is already claimed, and what was found so far."""

    text: str
    language: str | None
    lex: Lexicon
    places: Sequence[Place]
    tokens: list[Token] = field(default_factory=list)
    at: dict[int, int] = field(default_factory=dict)
    claimed: bytearray = field(default_factory=bytearray)
    found: list[Candidate] = field(default_factory=list)
    countries: list[Place] = field(default_factory=list)
    placed: bytearray = field(default_factory=bytearray)
    country_mask: bytearray = field(default_factory=bytearray)
    country_at: dict[int, Place] = field(default_factory=dict)
    country_at_end: dict[int, Place] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, language: str | None, places: Sequence[Place]) -> Doc:
        doc = cls(text, language, lexicon(language), places)
        doc.tokens = _tokens(text)
        doc.at = {tok.start: i for i, tok in enumerate(doc.tokens)}
        doc.claimed = bytearray(len(text))
        doc.placed = bytearray(len(text))
        doc.country_mask = bytearray(len(text))
        countries = (p for p in places if p.kind == "country" and p.country)
        doc.countries = sorted(countries, key=lambda p: p.start)
        doc.country_at = {p.start: p for p in doc.countries}
        doc.country_at_end = {p.end: p for p in doc.countries}
        for place in places:
            mask = doc.country_mask if place.kind == "country" and place.country else doc.placed
            mask[place.start : place.end] = b"\x01" * (place.end - place.start)
        return doc

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def claim(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)

    def sentence_initial(self, start: int) -> bool:
        """Whether the word at ``start`` opens a sentence, line, quote or caption."""
        i = start - 1
        while i >= 0 and self.text[i] in " \t\u00a0":
            i -= 1
        return i < 0 or self.text[i] in _SENTENCE_END

    def token_after(self, pos: int) -> int | None:
        """Index of the word starting exactly at ``pos``."""
        return self.at.get(pos)


# --- runs of name words ------------------------------------------------------


def blocked(doc: Doc, tok: Token) -> bool:
    """Words that can never be part of a name: claimed, countries, months and days, words
    with digits ("Ke-8", "F-16"), and elided articles ("L'Hymne", "l'AFP")."""
    if not doc.free(tok.start, tok.end) or any(doc.country_mask[tok.start : tok.end]):
        return True
    folded = tok.text.casefold()
    return (
        folded in doc.lex.calendar
        or folded in doc.lex.non_names
        or any(map(str.isdigit, tok.text))  # per character, in C
        or _elided_article(doc, tok)
        or (tok.caseless and tok.text.startswith(doc.lex.non_name_prefixes))
    )


def _elided_article(doc: Doc, tok: Token) -> bool:
    """French/Italian "L'", "D'", "dell'": an article glued to the next word, not a name part."""
    return tok.text.casefold() in doc.lex.elisions and doc.text[tok.end : tok.end + 1] in APOSTROPHES


def _joined(doc: Doc, left: Token, right: Token) -> bool:
    return doc.text[left.end : right.start] in SPACE_GAPS


def _elided(doc: Doc, left: Token, right: Token) -> bool:
    """Two capitalised parts of one name across an apostrophe ("O'Brien")."""
    return doc.text[left.end : right.start] in APOSTROPHES and left.titled and len(left.text) == 1


def run_from(doc: Doc, i: int) -> list[Token]:
    """The capitalised name run starting at word ``i`` ("Lula da Silva"), possibly empty."""
    tokens, run = doc.tokens, list[Token]()
    while i < len(tokens) and tokens[i].titled and not blocked(doc, tokens[i]):
        if run and cyrillic(run[0].text[:1]) != cyrillic(tokens[i].text[:1]):
            break  # "журналист Bloomberg Иван Петров": a name keeps to one script
        run.append(tokens[i])
        nxt = i + 1
        if (
            nxt < len(tokens)
            and (_joined(doc, tokens[i], tokens[nxt]) or _elided(doc, tokens[i], tokens[nxt]))
            and tokens[nxt].titled
        ):
            i = nxt
            continue
        after = _past_particles(doc, i)  # "Lula da Silva", "Ursula von der Leyen"
        if after > nxt and after < len(tokens) and tokens[after].titled and not blocked(doc, tokens[after]):
            run.extend(tokens[nxt:after])
            i = after
            continue
        joined = nxt < len(tokens) and _joined(doc, tokens[i], tokens[nxt])
        if joined and _particle_word(doc, tokens[nxt]):
            run.append(tokens[nxt])  # "Bashar al-Assad", "Abdel Fattah el-Sisi": the name's last word
        elif joined and _REGNAL.fullmatch(tokens[nxt].text):
            run.append(tokens[nxt])  # "Charles III", "Leo XIV": the number is part of the name
        break
    return _without_suffixed_place(doc, run)


_MAX_PARTICLES = 2  # "von der", "de la", "van den"
# A regnal number (II to XXXIX): never a single letter, never C/D/L/M (acronyms like "DC").
_REGNAL = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")


def _past_particles(doc: Doc, i: int) -> int:
    """The index after up to two particles joined after word ``i`` (``i + 1`` when none)."""
    j = i + 1
    while (
        j < len(doc.tokens)
        and j - i <= _MAX_PARTICLES
        and doc.tokens[j].text in doc.lex.particles
        and _joined(doc, doc.tokens[j - 1], doc.tokens[j])
    ):
        j += 1
    return j if j < len(doc.tokens) and _joined(doc, doc.tokens[j - 1], doc.tokens[j]) else i + 1


def _without_suffixed_place(doc: Doc, run: list[Token]) -> list[Token]:
    """The run without a last word that is a place with a case ending after an apostrophe, in
    languages that write them so: "İsmail Haniye Tahran'da" (in Tehran) is İsmail Haniye."""
    if len(run) < 3 or not doc.lex.suffix_marks:
        return run
    last = run[-1]
    suffixed = doc.text[last.end : last.end + 1] in doc.lex.suffix_marks
    return run[:-1] if suffixed and any(doc.placed[last.start : last.end]) else run


def _particle_word(doc: Doc, tok: Token) -> bool:
    """A particle glued by a hyphen to a capitalised word: "al-Assad", "el-Sisi"."""
    head, dash, rest = tok.text.partition("-")
    return bool(dash) and head in doc.lex.particles and rest[:1].isupper() and not blocked(doc, tok)


def _caseless_run(doc: Doc, i: int) -> list[Token]:
    """Up to two joined words of a caseless script after a title: the best guess at a name.

    The language's particles join two words into one name part and do not count ("عبد
    الفتاح السيسي", "محمد بن سلمان"); a run never ends on one."""
    run: list[Token] = []
    words = 0
    while i < len(doc.tokens) and words < _CASELESS_NAME_WORDS:
        tok = doc.tokens[i]
        if not tok.caseless or blocked(doc, tok) or (run and not _joined(doc, run[-1], tok)):
            break
        run.append(tok)
        words += tok.text not in doc.lex.particles
        i += 1
    while run and run[-1].text in doc.lex.particles:
        run.pop()
    return run


def _past_modifiers(doc: Doc, i: int) -> int:
    """The first word after the modifiers of a title in a caseless script ("المنتخب": elect)."""
    start = i
    while (
        i + 1 < len(doc.tokens)
        and i - start < _CASELESS_NAME_WORDS
        and doc.tokens[i].caseless
        and norm(doc.tokens[i].text) in doc.lex.title_modifiers
    ):
        i += 1
    return i


def name_after(doc: Doc, pos: int, *, appositive: bool) -> list[Token]:
    """The name right after a title (optionally after a comma, or an appositive clause)."""
    gap = NAME_GAP.match(doc.text, pos)
    i = doc.token_after(gap.end()) if gap else None
    if i is not None:
        i = _past_modifiers(doc, i)
        run = _caseless_run(doc, i) if doc.tokens[i].caseless else run_from(doc, i)
        if run:
            return run
    if appositive and (clause := _APPOSITIVE.match(doc.text, pos)):
        i = doc.token_after(clause.end())
        if i is not None:
            return run_from(doc, i)
    return []


def name_start(doc: Doc, run: list[Token]) -> int:
    """How many leading words of a capitalised run are common words glued to the name; none when
    the whole run is a known person ("Си Цзиньпин", though "си" is also a musical note)."""
    words = [tok.text for tok in run]
    name = " ".join(words)
    if len(run) > 1 and (person_known(name) or person_known(base_name(name, doc.language))):
        return 0
    return leading_common_words(words, doc.language)


def org_starting_at(doc: Doc, pos: int) -> Candidate | None:
    """The organisation found so far that starts at ``pos``."""
    return next((c for c in doc.found if c.kind == "organization" and c.start == pos), None)


def person(doc: Doc, run: list[Token], **attrs: Any) -> Candidate:
    """A person candidate spanning ``run`` (claimed, so that later steps skip it)."""
    run = run[name_start(doc, run) :]
    start, end = run[0].start, run[-1].end
    # In the base form, so that "Владимира Путина" and "Владимир Путин" are one key.
    name = base_name(" ".join(tok.text for tok in run), doc.language)
    doc.claim(start, end)
    return Candidate(start, end, name, "person", actor_key(name), single=len(run) == 1, **attrs)


# --- countries next to a phrase ---------------------------------------------


def place_of_office(doc: Doc, end: int) -> Place | None:
    """A city or region right after a title through a connector: "mayor of Kyiv", "maire de Paris"."""
    for place in doc.places:
        if place.start >= end and place.kind in ("city", "region") and place.country:
            return place if norm(doc.text[end : place.start]) in doc.lex.connectors else None
    return None


def place_before_office(doc: Doc, start: int) -> Place | None:
    """A city or region right before a title: "London Mayor X", "Chicago's mayor, X", "Texas
    Governor X" (the office is the place's, and so is its country)."""
    for place in doc.places:
        local = place.kind in ("city", "region") and place.country
        if local and place.end <= start and POSSESSIVE_GAP.fullmatch(doc.text, place.end, start):
            return place
    return None


def country_next_to(doc: Doc, start: int, end: int) -> tuple[Place | None, int]:
    """A country place right before or after ``[start, end)`` and the end of the whole phrase.

    Before: "Russlands forsvarsminister", "det russiske forsvarsdepartementet".
    After: "Presiden Rusia", "ministro da Defesa russo", "Ministério da Defesa da Rússia".
    """
    for place in doc.countries:
        if place.end <= start and POSSESSIVE_GAP.fullmatch(doc.text, place.end, start):
            return place, end
        if place.start >= end:
            gap = doc.text[end : place.start]
            if (not gap.strip() and 0 < len(gap) <= 2) or norm(gap) in doc.lex.connectors:
                return place, place.end
            break
    return None, end

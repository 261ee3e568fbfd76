"""What surrounds a title written before a name: its country, its organisation, a longer role
around a demonym, a past office, the body it chairs (see :mod:`storyline.extract.actors`).

"Presiden Rusia Vladimir Putin", "segretario generale della NATO Mark Rutte", "Kremlin
spokesman Dmitry Peskov", "la ministre allemande des Affaires étrangères, Annalena
Baerbock", "L'ancien président américain Barack Obama", "le président du comité, X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.extract._actor_doc import (
    POSSESSIVE_GAP,
    Candidate,
    Doc,
    Token,
    country_next_to,
    name_after,
    org_starting_at,
    person,
    place_before_office,
    place_of_office,
    run_from,
)
from storyline.extract._actor_lexicon import head_roles, norm
from storyline.extract.morph import complement_word, given_name, never_person
from storyline.model import Place

_MAX_CONNECTOR_GAP = 24  # characters: "della", "de la", "of the", with spaces
# The head of a body that is no state (a committee, an organisation) chairs it.
_CHAIRS = {"president": "chair", "leader": "chair", "chair": "chair", "co-chair": "co-chair"}
_CONNECTOR_WORDS = 3  # "du", "de l'", "of the"
_COMPLEMENT_WORDS = 4  # "de la Culture", "of the regional council"
_SPACES = re.compile(r"[ \u00a0]*")


@dataclass(frozen=True, slots=True)
class Title:
    """A title's role and country, where its phrase ends, and whether a comma may follow it."""

    role: str
    country: str | None
    end: int
    appositive: bool


def read_title(doc: Doc, start: int, end: int, role: str) -> Title:
    """The role, country and extent of the title phrase found at ``[start, end)``."""
    end = past_ordinal(doc, end)
    place, phrase_end = country_next_to(doc, start, end)
    country = place.country if place else None
    if place is not None and place.start >= end and (inner := _role_around(doc, start, end, place)):
        role, phrase_end = inner  # "la ministre allemande des Affaires étrangères"
    if place is None and (org := org_after(doc, end)) is not None:
        country, phrase_end = org.country, org.end
    if place is None and country is None and (org := _org_before(doc, start)) is not None:
        country = org.country  # "Kremlin spokesman Dmitry Peskov"
    chaired = _chaired(doc, start, end, role) if place is None and country is None else None
    if chaired is not None:  # "le président du comité, X", "Komiteens leder X"
        role, phrase_end = chaired
    office = place_of_office(doc, end) if place is None and phrase_end == end else None
    if office is not None:  # "the mayor of Kyiv, Vitali Klitschko": the city's country
        country, phrase_end = office.country, office.end
    elif place is None and country is None and phrase_end == end and (comp := _complement(doc, end)):
        country, phrase_end = comp  # "la ministre de la Culture, Rachida Dati"
    elif place is None and country is None and (city := place_before_office(doc, start)) is not None:
        country = city.country  # "London Mayor Sadiq Khan"
    former = _former(doc, place.start if place is not None and place.start < start else start)
    appositive = place is not None or office is not None or _opens_clause(doc, start)
    return Title(f"former {role}" if former else role, country, phrase_end, appositive)


# An article opening a sentence or a clause: "La porte-parole de la commission, Anna Martin, …".
_CLAUSE_OPENING = re.compile(r"(?:\A|[\n.;:,—–]\s*)(\w+)\s*['’]?\s*\Z")


def _opens_clause(doc: Doc, start: int) -> bool:
    """Whether a title stands after an article that opens its sentence or clause: the noun phrase
    it heads is the subject, and a name set off by a comma after its complement is in apposition
    ("La cheffe de file des députés RN, Marine Le Pen, a estimé")."""
    opening = _CLAUSE_OPENING.search(doc.text, max(0, start - 12), start)
    return opening is not None and norm(opening.group(1)) in doc.lex.role_leads


def headed(doc: Doc, head: Title | None, start: int, title: Title) -> Title:
    """``title``, or the role of ``head`` when ``title`` is its complement: "the spokesman for the
    French president, X" and "пресс-секретарь президента России X" name a spokesperson (of France,
    of Russia), not a president.  The complement keeps the country and the extent."""
    if head is None or not _linked(doc, head.end, start):
        return title
    return Title(head.role, title.country or head.country, title.end, title.appositive)


def _linked(doc: Doc, end: int, start: int) -> bool:
    """Whether only a title link (and a demonym) lies between two titles: "for the French"."""
    if start - end > _MAX_CONNECTOR_GAP:
        return False
    gap = doc.text[end:start]
    for place in doc.countries:  # sorted by start
        if end <= place.start and place.end <= start:
            gap = f"{doc.text[end : place.start]} {doc.text[place.end : start]}"
            break
    return norm(gap) in doc.lex.title_links


def _complement(doc: Doc, end: int) -> tuple[str | None, int] | None:
    """A short complement after a title that a comma closes ("de la Culture,", "du gouvernement,",
    "of the region,"): the country named inside it, and where it ends (the name follows the comma)."""
    pattern = _complement_pattern(doc.lex.connectors)
    found = pattern.match(doc.text, end) if pattern is not None else None
    if found is None:
        return None
    inside = [p for p in doc.countries if end <= p.start and p.end <= found.end()]
    return (inside[0].country if inside else None), found.end()


@cache
def _complement_pattern(connectors: frozenset[str]) -> re.Pattern[str] | None:
    """Connector, then up to four words, then a comma (left to the name's gap)."""
    if not connectors:
        return None
    links = "|".join(re.escape(c) for c in sorted(connectors, key=len, reverse=True))
    words = rf"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){{0,{_COMPLEMENT_WORDS - 1}}}"
    return re.compile(rf"(?i)\s+(?:{links})(?:\s+|(?<=['’])){words}(?=\s*,)")


def org_after(doc: Doc, end: int) -> Candidate | None:
    """An organisation right after a title, possibly after a connector ("segretario generale della NATO")."""
    for org in doc.found:
        # Only a short gap can be a connector; never normalise a long stretch
        # of text (that made long pages quadratic).
        if org.kind == "organization" and end <= org.start <= end + _MAX_CONNECTOR_GAP:
            gap = norm(doc.text[end : org.start])
            if doc.text[end : org.start].isspace() or gap in doc.lex.connectors:
                return org
    return None


def _org_before(doc: Doc, start: int) -> Candidate | None:
    """An organisation with a country right before a title ("Kremlin spokesman Dmitry Peskov")."""
    for org in doc.found:
        near = org.kind == "organization" and org.country and org.end <= start
        if near and POSSESSIVE_GAP.fullmatch(doc.text, org.end, start):
            return org
    return None


def _role_around(doc: Doc, start: int, end: int, place: Place) -> tuple[str, int] | None:
    """A longer role written around a demonym after the title: "ministre [allemande] des Affaires
    étrangères", "ministra [alemana] de Exteriores"; the role and where the phrase ends."""
    pattern = doc.lex.roles.pattern
    after = doc.text[place.end : place.end + _MAX_CONNECTOR_GAP * 2]
    rest = after.lstrip()
    if pattern is None or not rest or rest == after:
        return None
    title = doc.text[start:end]
    found = pattern.match(f"{title} {rest}")
    if found is None or found.end() <= len(title) + 1:
        return None  # nothing after the demonym continues the title
    role = doc.lex.roles.values.get(norm(found.group()))
    tail = found.end() - len(title) - 1
    return (role, place.end + len(after) - len(rest) + tail) if role else None


def _chaired(doc: Doc, start: int, end: int, role: str) -> tuple[str, int] | None:
    """The chair of a body named by a common noun (``chaired_bodies``): after the title through a
    connector ("le président du comité", "chair of the committee"), or before it in the genitive
    ("Komiteens leder", "Nobelkomiteens leder").  The role, and where the phrase ends."""
    chair = _CHAIRS.get(role)
    if chair is None or not doc.lex.chaired_bodies:
        return None
    first = doc.token_after(_SPACES.match(doc.text, end).end())  # type: ignore[union-attr]
    for body in doc.tokens[first + 1 : first + 1 + _CONNECTOR_WORDS] if first is not None else ():
        connected = norm(doc.text[end : body.start]) in doc.lex.connectors
        if connected and body.text.islower() and norm(body.text) in doc.lex.chaired_bodies:
            return chair, body.end
    words = doc.text[max(0, start - 30) : start].split()
    before = norm(words[-1]) if words and doc.text[:start].endswith(" ") else ""
    if any(before.endswith(b) for b in doc.lex.chaired_bodies if len(b) > 5 or before == b):
        return chair, end
    return None


def _former(doc: Doc, start: int) -> bool:
    """Whether the word right before a title marks a past office ("Former Dutch Prime Minister",
    "l'ancien président")."""
    before = doc.text[max(0, start - 20) : start].rstrip(" -")
    word = before.split()[-1] if before.split() else ""
    word = re.split(r"['’]", word)[-1]  # "L'ancien": the word after an elided article
    return norm(word.strip("-")) in doc.lex.former


def past_ordinal(doc: Doc, pos: int) -> int:
    """``pos`` moved past an ordinal after it ("Presiden ke-7 RI", "the 44th president")."""
    pattern = doc.lex.ordinal
    at = pos + 1 if doc.text.startswith(" ", pos) else pos
    match = pattern.match(doc.text, at) if pattern is not None else None
    return match.end() if match else pos


def find_heads_after(doc: Doc) -> None:
    """ "NATO chief Mark Rutte", "Hamas lideri X": a head word (``head_after``) right after an
    organisation's name; the role is the organisation's head role, else its leader."""
    if not doc.lex.head_after:
        return
    for org in [c for c in doc.found if c.kind == "organization"]:
        i = doc.at.get(org.end + 1) if doc.text[org.end : org.end + 1] == " " else None
        word = doc.tokens[i] if i is not None else None
        if word is not None and norm(word.text) in doc.lex.head_after and doc.free(word.start, word.end):
            _name_the_head(doc, word, org, "leader")


def find_compound_heads(doc: Doc) -> None:
    """A head word joined to its body by a hyphen ("CDU-Chef Friedrich Merz", "Hamas-Chef X";
    ``compound_heads`` in actors.toml): the name after it is that body's head, with the body's
    head role when it is a known organisation, else the word's role."""
    if not doc.lex.compound_heads:
        return
    for tok in doc.tokens:
        body, dash, head = tok.text.rpartition("-")
        role = doc.lex.compound_heads.get(head.casefold()) if dash and body else None
        if role is not None and doc.free(tok.start, tok.end):
            _name_the_head(doc, tok, org_starting_at(doc, tok.start), role)


def _name_the_head(doc: Doc, word: Token, org: Candidate | None, role: str) -> None:
    """The person named right after a head word: the organisation's head (its head role, else
    ``role``), of its country."""
    run = name_after(doc, word.end, appositive=False)
    if run and not never_person([t.text for t in run], doc.language):
        doc.claim(word.start, word.end)
        role = (head_roles().get(org.id) if org else None) or role
        doc.found.append(person(doc, run, role=role, country=org.country if org else None, context=True))


_GENITIVE_WORDS = 2  # "Белгородской области", "города"


def name_after_complement(doc: Doc, end: int) -> list[Token]:
    """A full name after a title's short genitive complement, in languages whose dictionary tells
    given names from common words: "губернатор Белгородской области Вячеслав Гладков", "мэр
    города Иван Петров".  The complement is common nouns and adjectives in the genitive; the name
    opens with a given name and has a second word."""
    i = doc.token_after(_skip_space(doc.text, end))
    for _ in range(_GENITIVE_WORDS):
        if i is None or i + 1 >= len(doc.tokens) or not complement_word(doc.tokens[i].text, doc.language):
            return []
        if doc.text[doc.tokens[i].end : doc.tokens[i + 1].start] != " ":
            return []
        i += 1
        run = run_from(doc, i) if doc.tokens[i].titled else []
        if (
            len(run) > 1
            and given_name(run[0].text, doc.language)
            and not complement_word(run[0].text, doc.language)
        ):
            return run
    return []


def _skip_space(text: str, pos: int) -> int:
    return pos + 1 if text[pos : pos + 1] == " " else pos

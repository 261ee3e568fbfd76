"""Occupations and other person nouns next to a name: "journalist Evan X", "X, a Russian
journalist", "la chanteuse X", "журналиста X" (see :mod:`storyline.extract.actors`).

The nouns are data: ``langs/<iso>/open_roles.tsv``, every form of the language with its English
role, built offline by :mod:`storyline.evaluate.build_roles` (CAMEO's person nouns, and their
nearest words of other languages under multilingual embeddings), and
``langs/<iso>/occupations.tsv``, hand-written translations of the most frequent English role
nouns that the built tables miss.  Analysis only looks words up.
Where a noun may stand is structure: right before the name, or opening an appositive after it
(:mod:`storyline.extract._actor_roles`).  Offices (``[roles]`` of ``actors.toml``) are found
first; an open role only fills a person who has none.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from storyline import langs
from storyline.extract._actor_doc import Candidate, Doc, Token, country_next_to
from storyline.extract.names import actor_key


@cache
def open_roles(language: str | None) -> dict[str, str]:
    """``{form: English role}`` of the language (empty when it has no table)."""
    if not language:
        return {}
    # The hand-written common occupations win over the embedding-built table.
    return _table(language, "open_roles.tsv") | _table(language, "occupations.tsv")


def _table(language: str, name: str) -> dict[str, str]:
    path = resources.files(langs.__name__).joinpath(language, name)
    if not path.is_file():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1] for row in rows if len(row) == 2 and not row[0].startswith("#")}


def _may_be_role(doc: Doc, tok: Token) -> bool:
    """A role noun is a common noun: lower case, unless it opens a sentence; capitalised in a
    language that capitalises its nouns (German: "nur" is no "Nur").  A capitalised word
    mid-sentence is a name's."""
    if nouns_capitalised(doc):
        return tok.titled
    return not tok.titled or doc.sentence_initial(tok.start)


def nouns_capitalised(doc: Doc) -> bool:
    from storyline.extract.places import capitalises_nouns

    return capitalises_nouns(doc.language or "")


def open_role_at(doc: Doc, pos: int) -> tuple[str, int] | None:
    """The open role noun of the word starting at ``pos`` and where it ends."""
    i = doc.token_after(pos)
    if i is None:
        return None
    former = _former(doc, i)
    tok = doc.tokens[i + former] if i + former < len(doc.tokens) else doc.tokens[i]
    if former and doc.text[doc.tokens[i].end : tok.start] != " ":
        return None
    role = open_roles(doc.language).get(tok.text.casefold())
    return (_past(role, former), tok.end) if role and _may_be_role(doc, tok) else None


def _former(doc: Doc, i: int) -> int:
    """1 when word ``i`` marks a past occupation ("former", "ancien", ``former`` in actors.toml)."""
    return int(doc.tokens[i].text.casefold() in doc.lex.former)


def _past(role: str, former: int) -> str:
    return f"former {role}" if former else role


def open_role_before(doc: Doc, start: int) -> str | None:
    """The open role noun right before the word at ``start`` ("singer" in "the singer X")."""
    found = _open_role_token_before(doc, start)
    return found[0] if found else None


def _open_role_token_before(doc: Doc, start: int) -> tuple[str, int] | None:
    """The open role noun right before ``start`` and its token index; in languages that put
    the demonym after the noun, also through it ("le journaliste américain X")."""
    i = doc.at.get(start)
    if not i or doc.text[doc.tokens[i - 1].end : start] != " ":
        return None
    prev = doc.tokens[i - 1]
    place = doc.country_at_end.get(prev.end)
    if place is not None and place.start == prev.start and i > 1:
        through = not prev.titled or nouns_capitalised(doc)  # English "American X" has no noun here
        found = _open_role_token_before(doc, prev.start) if through else None
        # The noun must open its phrase ("le journaliste américain X"), not qualify one before it
        # ("la agencia oficial libia Jana": an official agency).
        return found if found and _opens_phrase(doc, found[1]) else None
    # A capitalised word right before a name that the name run left out is a common word:
    # "Journalist Evan X", English "FBI Director X".
    role = open_roles(doc.language).get(prev.text.casefold())
    return (role, i - 1) if role and (prev.titled or not nouns_capitalised(doc)) else None


_DESCRIBING_WORDS = 3  # a role noun and its modifiers: "opposition politician", "freelance journalist"


def country_before_role(doc: Doc, start: int) -> str | None:
    """The country of a demonym opening the lower-case description right before a name:
    "American journalist X", "Russian opposition politician X" (the description's words may
    sit between the demonym and the name, the name's own words may not)."""
    i = doc.at.get(start)
    if i is None:
        return None
    for tok in reversed(doc.tokens[max(0, i - _DESCRIBING_WORDS - 1) : i]):
        if not doc.text[tok.end : start].isspace():
            return None
        if (place := doc.country_at_end.get(tok.end)) is not None:
            return place.country
        if tok.titled or tok.caseless or not tok.text.isalpha():
            return None
        start = tok.start
    return None


def find_open_roles_before(doc: Doc) -> None:
    """People with no role take a role noun written right before their name ("journalist
    Evan X", "le chanteur X", "журналиста X"), with a country next to it ("Russian journalist");
    people with a role noun and no country take the demonym that opens its description."""
    if open_roles(doc.language):
        _open_roles_before(doc)
    for cand in doc.found:
        if cand.kind == "person" and cand.role and not cand.country and not nouns_capitalised(doc):
            cand.country = country_before_role(doc, cand.start)


# A quoted name right before a position: "газеты «Коммерсантъ» X".
_QUOTED_BEFORE = re.compile(r"[«\"„“][^«»\"„“”\n]{1,60}[»\"“”]\s{1,2}$")
_EMPLOYER_GAP = re.compile(r"\s{1,2}")


def _role_before_employer(doc: Doc, cand: Candidate) -> tuple[str, int, Candidate | None] | None:
    """A role noun before the employer named between it and the name, with that employer:
    "корреспондент Reuters X", "журналист газеты «Коммерсантъ» X" (an organisation, or a quoted
    name, and the common noun in front of it)."""
    employer = next(
        (
            c
            for c in doc.found
            if c is not cand and c.end <= cand.start and _EMPLOYER_GAP.fullmatch(doc.text, c.end, cand.start)
        ),
        None,
    )
    if employer is not None and (employer.kind == "organization" or _foreign_script(employer, cand)):
        pos = employer.start
    elif (quoted := _QUOTED_BEFORE.search(doc.text, max(0, cand.start - 70), cand.start)) is not None:
        employer, pos = None, quoted.start() + 1  # the first word inside the quotes
    else:
        return None
    i = doc.at.get(pos)
    if (
        i is None
        or i == 0
        or doc.text[doc.tokens[i - 1].end : pos].strip(' «"„“')
        or pos == doc.tokens[i - 1].end
    ):
        return None
    role = open_roles(doc.language).get(doc.tokens[i - 1].text.casefold())
    if role is None and i > 1 and doc.tokens[i - 1].text.islower():  # "газеты", "агентства"
        role, i = open_roles(doc.language).get(doc.tokens[i - 2].text.casefold()), i - 1
    return (role, i - 1, employer) if role and _may_be_role(doc, doc.tokens[i - 1]) else None


def _opens_phrase(doc: Doc, i: int) -> bool:
    """Whether word ``i`` starts its sentence or follows a function word ("le", "del", "of")."""
    if i == 0 or doc.sentence_initial(doc.tokens[i].start):
        return True
    prev = doc.tokens[i - 1]
    elided = doc.text[prev.end : prev.end + 1] in "'’"  # "l'opposant"
    return elided or prev.text.casefold() in doc.lex.stopwords


def _foreign_script(employer: Candidate, cand: Candidate) -> bool:
    """A Latin-script "person" before a Cyrillic name is an outlet or a company ("Bloomberg")."""
    return employer.kind == "person" and employer.name[:1].isascii() and not cand.name[:1].isascii()


def _open_roles_before(doc: Doc) -> None:
    for cand in doc.found:
        if cand.kind != "person" or cand.role:
            continue
        found = _open_role_token_before(doc, cand.start)
        # A full name only past an employer: a lone word after an outlet is no one's ("English").
        if found is None and " " in cand.name and (far := _role_before_employer(doc, cand)):
            role, j, employer = far
            found = role, j
            if employer is not None and employer.kind == "person":
                employer.kind, employer.role = "organization", None
                employer.id = actor_key(employer.name, kind="organization")
        if found:
            role, j = found
            i, prev = j + 1, doc.tokens[j]
            former = i > 1 and _former(doc, i - 2) and doc.text[doc.tokens[i - 2].end : prev.start] == " "
            place, _ = country_next_to(doc, prev.start, prev.end)
            cand.role = _past(role, int(former))
            cand.country = cand.country or (place.country if place else None)
            cand.context = True

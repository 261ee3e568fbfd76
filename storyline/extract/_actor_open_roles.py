"""Occupations and other person nouns next to a name: "journalist Evan X", "X, a Russian
journalist", "la chanteuse X", "журналиста X" (see :mod:`storyline.extract.actors`).

The nouns are data: ``langs/<iso>/open_roles.tsv``, every form of the language with its English
role, built offline by :mod:`storyline.evaluate.build_roles` (CAMEO's person nouns, and their
nearest words of other languages under multilingual embeddings).  Analysis only looks words up.
Where a noun may stand is structure: right before the name, or opening an appositive after it
(:mod:`storyline.extract._actor_roles`).  Offices (``[roles]`` of ``actors.toml``) are found
first; an open role only fills a person who has none.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from storyline import langs
from storyline.extract._actor_doc import Doc, Token, country_next_to


@cache
def open_roles(language: str | None) -> dict[str, str]:
    """``{form: English role}`` of the language (empty when it has no table)."""
    if not language:
        return {}
    path = resources.files(langs.__name__).joinpath(language, "open_roles.tsv")
    if not path.is_file():
        return {}
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return {row[0]: row[1] for row in rows if len(row) == 2 and not row[0].startswith("#")}


def _may_be_role(doc: Doc, tok: Token) -> bool:
    """A role noun is a common noun: lower case, unless it opens a sentence; capitalised in a
    language that capitalises its nouns (German: "nur" is no "Nur").  A capitalised word
    mid-sentence is a name's."""
    if _nouns_capitalised(doc):
        return tok.titled
    return not tok.titled or doc.sentence_initial(tok.start)


def _nouns_capitalised(doc: Doc) -> bool:
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
    i = doc.at.get(start)
    if not i or doc.text[doc.tokens[i - 1].end : start] != " ":
        return None
    prev = doc.tokens[i - 1]
    # A capitalised word right before a name that the name run left out is a common word:
    # "Journalist Evan X", English "FBI Director X".
    role = open_roles(doc.language).get(prev.text.casefold())
    return role if role and (prev.titled or not _nouns_capitalised(doc)) else None


def find_open_roles_before(doc: Doc) -> None:
    """People with no role take a role noun written right before their name ("journalist
    Evan X", "le chanteur X", "журналиста X"), with a country next to it ("Russian journalist")."""
    if not open_roles(doc.language):
        return
    for cand in doc.found:
        role = open_role_before(doc, cand.start) if cand.kind == "person" and not cand.role else None
        if role:
            i = doc.at[cand.start]
            prev = doc.tokens[i - 1]
            former = i > 1 and _former(doc, i - 2) and doc.text[doc.tokens[i - 2].end : prev.start] == " "
            place, _ = country_next_to(doc, prev.start, prev.end)
            cand.role = _past(role, int(former))
            cand.country = cand.country or (place.country if place else None)
            cand.context = True

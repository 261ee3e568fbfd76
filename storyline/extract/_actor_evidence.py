"""Evidence that a bare capitalised run is a person's name (see :mod:`storyline.extract.actors`):
a given name opens it, a verb of saying stands next to it, a role noun precedes or follows it,
and whether its words are ordinary words of the language."""

from __future__ import annotations

from storyline.extract._actor_doc import Doc, Token
from storyline.extract._actor_known import (
    coded_role_before,
    given_names,
    saying_verbs,
    says_at,
    speaker_followers,
)
from storyline.extract._actor_lexicon import lemma_known
from storyline.extract._actor_open_roles import open_role_before
from storyline.extract._actor_roles import role_follows
from storyline.extract.morph import base_name, given_name, name_reading
from storyline.extract.names import token_key


def ordinary(word: str, language: str | None) -> bool:
    """A word of the language that the dictionary does not also read as a personal name."""
    return lemma_known(word, language) and not name_reading(word, language)


def named_anyway(doc: Doc, run: list[Token]) -> bool:
    """Whether a run of ordinary words is a name all the same: a role noun stands right before
    it ("the singer Taylor Swift"), or a given name opens it and it speaks ("Taylor Swift said")."""
    return role_before(doc, run) or (given_first(doc, run) and says(doc, run))


def role_before(doc: Doc, run: list[Token]) -> bool:
    """Whether a role noun of the coding dictionaries or of the open table precedes the run."""
    start = run[0].start
    return bool(coded_role_before(doc.text, start, doc.language) or open_role_before(doc, start))


def given_first(doc: Doc, run: list[Token]) -> bool:
    """Whether a known given name opens the run ("Владимира Путина": in its base form too), or one
    the language's dictionary reads as a given name ("Илона Маска"), when a second word follows."""
    first = run[0].text
    if token_key(first) in given_names() or token_key(base_name(first, doc.language)) in given_names():
        return True
    return len(run) > 1 and given_name(first, doc.language)


def person_evidence(doc: Doc, run: list[Token], words: list[str]) -> bool:
    """Whether a bare capitalised run is a person: a known given name opens it, a verb of
    saying stands right after or before it ("X said", "said X"), a role follows it ("X, the US
    defence secretary"), or none of its words is an
    ordinary word of the language (names are made of name words: "Gedung Nusantara" is a
    building, "Guta Oriental" a place).  Titles, roles and honorifics were evidence enough in
    the earlier steps."""
    if given_first(doc, run):
        return True
    if not any(lemma_known(w, doc.language) for w in words if w not in doc.lex.particles):
        return True
    return role_follows(doc, run[-1].end) or says(doc, run)


def says(doc: Doc, run: list[Token]) -> bool:
    """Whether a verb of saying stands right after or before the run ("X said", "sa Putin")."""
    verbs = saying_verbs(doc.language)
    after = doc.at.get(run[-1].end + 1) if doc.text[run[-1].end : run[-1].end + 1] == " " else None
    if after is None:
        gap = doc.text[run[-1].end : run[-1].end + 2]
        after = doc.at.get(run[-1].end + 2) if gap in (", ", ": ") else None
    if after is not None and says_at(doc.text, doc.tokens[after].start, doc.language, phrases=len(run) > 1):
        return True
    i = doc.at[run[0].start]
    prev = doc.tokens[i - 1] if i > 0 else None
    before = prev is not None and prev.text.casefold() in verbs and prev.end + 1 == run[0].start
    return before and _ends_inverted_speaker(doc, run)


def _ends_inverted_speaker(doc: Doc, run: list[Token]) -> bool:
    """Whether the run after a verb of saying ends there, as an inverted speaker does ("…, said
    Putin." "said Putin on Monday"), rather than opening the reported clause ("said Tesla sales
    rose"): punctuation or a preposition, complementiser or coordinator follows it."""
    followers = speaker_followers(doc.language)
    nxt = doc.at.get(run[-1].end + 1) if doc.text[run[-1].end : run[-1].end + 1] == " " else None
    if followers is None or nxt is None:
        return True
    word = doc.tokens[nxt]
    return word.titled or word.text.casefold() in followers

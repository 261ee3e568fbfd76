"""Roles written after a name: "X, the US defence secretary", "X sebagai Presiden",
"X, presidente de Francia" (see :mod:`storyline.extract.actors`).
"""

from __future__ import annotations

import re

from storyline.extract._actor_doc import APOSTROPHES, POSSESSIVE_GAP, Doc, country_next_to
from storyline.extract._actor_lexicon import norm

_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s+")
_ROLE_END = frozenset(",.;:!?)\n")


def find_roles_after(doc: Doc) -> None:
    """Roles written after the name: "X, the US defence secretary", "X sebagai Presiden",
    "X, presidente de Francia", "X, le premier ministre japonais".

    The role must follow an appositive comma (then optional articles, the
    language's ``role_leads``) or a word of ``role_after`` ("sebagai", "as").
    A country may stand before the role ("the Chinese president") or after it
    (``country_next_to``).  A role followed by another name belongs to that
    name ("X, President Y and …"), so it is skipped.
    """
    for cand in doc.found:
        if cand.kind != "person" or cand.role:
            continue
        found = _role_after(doc, cand.end)
        if found is not None:
            cand.role, country = found
            cand.country = cand.country or country
            cand.context = True


def role_follows(doc: Doc, end: int) -> bool:
    """Whether a role phrase follows a name ending at ``end`` ("X, the US defence secretary")."""
    return _role_after(doc, end) is not None


_ROLE_AFTER_REACH = 3  # lowercase words between a name and "sebagai": "X resmi dilantik sebagai Presiden"


def _role_after(doc: Doc, pos: int) -> tuple[str, str | None] | None:
    """``(role, country)`` of a role phrase right after a name ending at ``pos``."""
    comma = _COMMA.match(doc.text, pos)
    explicit = False
    if comma:
        pos = _past_leads(doc, comma.end())
    else:
        after = _role_after_word(doc, _past_spaces(doc, pos))
        if after is None:
            return None
        pos, explicit = _past_leads(doc, after), True
    country: str | None = None
    before = doc.country_at.get(pos)
    if before is not None:
        country = before.country
        gap = POSSESSIVE_GAP.match(doc.text, before.end)
        pos = gap.end() if gap else before.end
    pattern = doc.lex.roles.pattern
    match = pattern.match(doc.text, pos) if pattern is not None else None
    if match is None:
        return None
    place, end = country_next_to(doc, match.start(), match.end())
    if place is not None and place.end > match.start():
        country = country or place.country
    return (doc.lex.roles.values[norm(match.group())], country) if _role_ends(doc, end, explicit) else None


def _past_leads(doc: Doc, pos: int) -> int:
    """``pos`` moved past up to two articles ("the", "l'") that may open an appositive role."""
    for _ in range(2):
        i = doc.token_after(pos)
        if i is None or doc.tokens[i].text.casefold() not in doc.lex.role_leads:
            break
        end = doc.tokens[i].end
        pos = _past_spaces(doc, end + (doc.text[end : end + 1] in APOSTROPHES))
    return pos


def _role_after_word(doc: Doc, pos: int) -> int | None:
    """Where the role starts after "sebagai"/"as", allowing a few lowercase words before it."""
    i = doc.token_after(pos)
    if i is None:
        return None
    for tok in doc.tokens[i : i + _ROLE_AFTER_REACH + 1]:
        word = tok.text.casefold()
        if word in doc.lex.role_after:
            return _past_spaces(doc, tok.end)
        if not word[:1].islower():
            return None
    return None


def _past_spaces(doc: Doc, pos: int) -> int:
    space = _SPACES.match(doc.text, pos)
    return space.end() if space else pos


def _role_ends(doc: Doc, end: int, explicit: bool) -> bool:
    """Whether an appositive role ends its phrase (no name follows it: "X, President Y")."""
    pos = _past_spaces(doc, end)
    if pos >= len(doc.text) or doc.text[pos] in _ROLE_END:
        return True
    i = doc.token_after(pos)
    return explicit or i is None or not doc.tokens[i].titled

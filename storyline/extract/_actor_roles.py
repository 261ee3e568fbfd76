"""Roles written after a name: "X, the US defence secretary", "X sebagai Presiden",
"X, presidente de Francia"; and names described as an organisation of a country ("Nihon
Hidankyo, un mouvement japonais") (see :mod:`storyline.extract.actors`).
"""

from __future__ import annotations

import re

from storyline.extract._actor_doc import APOSTROPHES, POSSESSIVE_GAP, Candidate, Doc, Token, country_next_to
from storyline.extract._actor_lexicon import norm
from storyline.extract._actor_open_roles import open_role_at
from storyline.extract._actor_titles import org_after, past_ordinal
from storyline.extract.names import actor_key

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
    name ("X, President Y and …"), so it is skipped.  A role through a ``role_after`` word
    is the office taken ("Chủ tịch nước Tô Lâm được bầu làm Tổng Bí thư": elected general
    secretary), so it replaces the title written before the name.
    """
    for cand in doc.found:
        if cand.kind != "person":
            continue
        found = _explicit_role_after(doc, cand.end) if cand.role else _role_after(doc, cand.end)
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
    if comma:
        return _role_at(doc, _past_leads(doc, comma.end()), explicit=False) or _role_past_apposition(
            doc, comma.end()
        )
    return _explicit_role_after(doc, pos)


def _explicit_role_after(doc: Doc, pos: int) -> tuple[str, str | None] | None:
    """The role after a word of ``role_after`` right after the name ("X sebagai Presiden")."""
    after = _role_after_word(doc, _past_spaces(doc, pos))
    return None if after is None else _role_at(doc, _past_leads(doc, after), explicit=True)


_MAX_APPOSITION_WORDS = 10  # "X, putra sulung Presiden ke-7 RI Joko Widodo, dilantik sebagai …"


def _role_past_apposition(doc: Doc, pos: int) -> tuple[str, str | None] | None:
    """A role after an appositive clause, through a word of ``role_after``: "X, <apposition>,
    dilantik sebagai wakil presiden" (the subject X takes it, not a name inside the clause)."""
    close = doc.text.find(",", pos, pos + 120)
    if close < 0 or len(doc.text[pos:close].split()) > _MAX_APPOSITION_WORDS or "\n" in doc.text[pos:close]:
        return None
    return _explicit_role_after(doc, close + 1)


def _role_at(doc: Doc, pos: int, *, explicit: bool) -> tuple[str, str | None] | None:
    """``(role, country)`` of a role phrase starting at ``pos``, a country before or after it."""
    country: str | None = None
    before = doc.country_at.get(pos) or _org_at(doc, pos)  # "the US …", "the Kremlin spokesman"
    if before is not None:
        country = before.country
        gap = POSSESSIVE_GAP.match(doc.text, before.end)
        pos = gap.end() if gap else before.end
    pattern = doc.lex.roles.pattern
    match = pattern.match(doc.text, pos) if pattern is not None else None
    if match is not None:
        open_role, end = "", match.end()  # an office: its name is looked up once the role ends
    elif (found := open_role_at(doc, pos)) is not None:  # "X, a Russian journalist"
        open_role, end = found
    else:
        return None
    place, end = country_next_to(doc, pos, end)
    if place is not None and place.end > pos:
        country = country or place.country
    elif match is not None and (org := org_after(doc, end)) is not None:  # "porte-parole du Kremlin"
        country, end = country or org.country, org.end
    if not _role_ends(doc, end, explicit):
        return None
    return (doc.lex.roles.values[norm(match.group())] if match is not None else open_role), country


def _org_at(doc: Doc, pos: int) -> Candidate | None:
    """The organisation found starting at ``pos``, if any."""
    return next((c for c in doc.found if c.kind == "organization" and c.start == pos), None)


def _past_leads(doc: Doc, pos: int) -> int:
    """``pos`` moved past up to two articles ("the", "l'") that may open an appositive role."""
    for _ in range(2):
        i = doc.token_after(pos)
        if i is None or doc.tokens[i].text.casefold() not in doc.lex.role_leads:
            break
        end = doc.tokens[i].end
        pos = _past_spaces(doc, end + (doc.text[end : end + 1] in APOSTROPHES))
    return _past_spaces(doc, past_ordinal(doc, pos))


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


_DESCRIBED_WORDS = 2  # an organisation noun and a demonym: "japanske organisasjonen", "mouvement japonais"


def find_described_orgs(doc: Doc) -> None:
    """Names described as an organisation of a country are that organisation, with that country:
    "den japanske organisasjonen Nihon Hidankyo", "Nihon Hidankyo, un mouvement japonais".

    The description is two words, in either order: a common noun of ``org_nouns`` and a
    country place (a demonym); before the name, or after an appositive comma.  Every mention
    of the name becomes the organisation.
    """
    if not doc.lex.org_nouns:
        return
    described: dict[str, str] = {}
    for cand in doc.found:
        if cand.kind in ("person", "organization") and not cand.country and cand.id not in described:
            country = _described(doc, _words_before(doc, cand.start)) or _described(
                doc, _words_after(doc, cand.end)
            )
            if country is not None:
                described[cand.id] = country
    for cand in doc.found:
        if cand.id in described:
            cand.kind, cand.country = "organization", described[cand.id]
            cand.id = actor_key(cand.name, kind="organization")


def _words_before(doc: Doc, start: int) -> list[Token]:
    i = doc.at.get(start)
    if i is None or i < _DESCRIBED_WORDS:
        return []
    words = doc.tokens[i - _DESCRIBED_WORDS : i]
    gaps = [doc.text[a.end : b.start] for a, b in zip(words, [*words[1:], doc.tokens[i]], strict=True)]
    return words if all(g.isspace() and len(g) <= 2 for g in gaps) else []


def _words_after(doc: Doc, end: int) -> list[Token]:
    comma = _COMMA.match(doc.text, end)
    if comma is None:
        return []
    i = doc.token_after(_past_leads(doc, comma.end()))
    if i is None:
        return []
    words = doc.tokens[i : i + _DESCRIBED_WORDS]
    return (
        words if len(words) == _DESCRIBED_WORDS and doc.text[words[0].end : words[1].start].isspace() else []
    )


def _described(doc: Doc, words: list[Token]) -> str | None:
    """The country of a two-word description: an organisation noun and a country place."""
    if len(words) != _DESCRIBED_WORDS:
        return None
    for noun, demonym in (words, words[::-1]):
        if norm(noun.text) in doc.lex.org_nouns and any(doc.country_mask[demonym.start : demonym.end]):
            place = next((p for p in doc.countries if p.start <= demonym.start < p.end), None)
            return place.country if place else None
    return None

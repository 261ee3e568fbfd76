"""Outlets and credited people in a page's furniture: the dateline ("JAKARTA, Warta Nusantara —")
names the outlet, a photo credit ("Foto: Warta Nusantara/Dimas Pratama", "Ảnh: Reuters")
names the outlet or agency and the photographer (see :mod:`storyline.extract.actors`).

The credit words are data: ``[credits]`` in ``langs/<iso>/actors.toml`` maps a role to the
words that introduce it (``photographer = ["foto", "photo", "ảnh"]``).
"""

from __future__ import annotations

import re
from functools import cache

from storyline import langs
from storyline.extract._actor_doc import Candidate, Doc, Token, person
from storyline.extract._actor_lexicon import known_orgs, norm
from storyline.extract.names import actor_key
from storyline.regex_guard import grouped, guarded

OUTLET = "news outlet"
# "JAKARTA, Warta Nusantara — …": a place, a comma, up to four capitalised words, a dash.
_DATELINE = re.compile(
    r"(?m)^[ \t]*([^\W\d_][^\n,]{1,40}),[ \t]+((?:[^\W\d_][\w'’.&-]*[ \t]?){1,4})[ \t]*[—–]"
)
_NAME = r"[^\W\d_][\w'’.&-]*(?:[ \t][^\W\d_][\w'’.&-]*){0,3}"


@cache
def _credit_pattern(language: str | None) -> tuple[re.Pattern[str], dict[str, str]] | None:
    datas = [langs.load(language, "actors")] if language else list(langs.load_all("actors").values())
    roles = {
        norm(w): role for data in datas for role, words in data.get("credits", {}).items() for w in words
    }
    if not roles:
        return None
    words = grouped([re.escape(w) for w in sorted(roles, key=len, reverse=True)], re.IGNORECASE)
    pattern = guarded(rf"(?i:\b({words}))[ \t]*:[ \t]*({_NAME})(?:[ \t]*/[ \t]*({_NAME}))?")
    return pattern, roles


def find_credits(doc: Doc) -> None:
    """Outlets from datelines and photo credits, photographers from photo credits."""
    for match in _DATELINE.finditer(doc.text):
        start, end = match.start(2), match.start(2) + len(match.group(2).rstrip())
        # "WEST PALM BEACH, Florida —", "KYIV, Ukraine —": a place after the comma is the
        # first place's state or country, not an outlet.
        if any(p.start <= match.start(1) < p.end for p in doc.places) and not any(
            p.start < end and start < p.end for p in doc.places
        ):
            _outlet(doc, start, end)
    found = _credit_pattern(doc.language)
    if found is None:
        return
    pattern, roles = found
    for match in pattern.finditer(doc.text):
        role = roles[norm(match.group(1))]
        names = [g for g in (2, 3) if match.group(g)]
        if not all(w[:1].isupper() for g in names for w in match.group(g).split()):
            continue  # "Foto: Det russiske forsvarsdepartementet" is no name
        if match.group(3):
            _outlet(doc, match.start(2), match.end(2))
            _credited(doc, match.start(3), match.end(3), role)
        elif len(match.group(2).split()) > 1:
            _credited(doc, match.start(2), match.end(2), role)  # "Tekst: Kari Nordby"
        elif not _known(match.group(2)):
            _outlet(doc, match.start(2), match.end(2))  # "Foto: Nyhetsportalen"


def _known(name: str) -> bool:
    return norm(name) in known_orgs()[0]


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    first = doc.at.get(start)
    if first is None:
        return []
    out = []
    for tok in doc.tokens[first:]:
        if tok.end > end:
            break
        out.append(tok)
    return out


def _outlet(doc: Doc, start: int, end: int) -> None:
    """The outlet named at ``[start, end)`` (a known organisation keeps its own entry)."""
    name = " ".join(doc.text[start:end].split())
    if not name or _known(name) or not doc.free(start, end):
        return
    key = actor_key(name, kind="organization")
    # Every other mention of the outlet's name is the outlet too ("Foto: Warta Nusantara").
    for found in re.finditer(rf"(?<!\w){re.escape(doc.text[start:end])}(?!\w)", doc.text):
        if doc.free(found.start(), found.end()):
            doc.claim(found.start(), found.end())
            doc.found.append(
                Candidate(found.start(), found.end(), name, "organization", key, role=OUTLET, context=True)
            )


def _credited(doc: Doc, start: int, end: int, role: str) -> None:
    run = _tokens(doc, start, end)
    if run and doc.free(run[0].start, run[-1].end) and all(t.titled for t in run):
        doc.found.append(person(doc, run, role=role, context=True))

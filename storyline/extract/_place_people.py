"""Place names inside people's names: "Vladimir" in "ولادیمیر پوتین" is no city."""

from __future__ import annotations

from functools import cache

from storyline import langs
from storyline.extract.gazetteer import normalise


@cache
def _known_names() -> tuple[frozenset[str], int]:
    """Full names of the listed people (``langs/xx/people.toml``) and their most words: a city
    word inside one ("ولادیمیر پوتین", Vladimir) is a given name, also in caseless scripts."""
    names = {
        normalise(str(form))
        for entry in langs.load(langs.UNIVERSAL, "people").get("person", [])
        for form in (entry["name"], *entry.get("aliases", []))
        if " " in str(form).strip()
    }
    return frozenset(names), max((len(n.split()) for n in names), default=0)


def in_known_name(text: str, first: int, last: int, spans: list[tuple[int, int]], joins: list[bool]) -> bool:
    """Whether tokens ``first..last`` with the words around them spell a listed person's full name."""
    names, longest = _known_names()
    for a in range(max(0, first - longest + 1), first + 1):
        for b in range(last, min(len(spans), a + longest)):
            joined = b > a and all(joins[k] for k in range(a, b))
            if joined and normalise(text[spans[a][0] : spans[b][1]]) in names:
                return True
    return False

"""Words that read as place names but are not: a weekday or month name ("دوشنبه" is Monday
before it is Dushanbe) and a listed organisation's one-word name ("Hamas" is also a village in
Germany).  See :mod:`storyline.extract.places`."""

from __future__ import annotations

from functools import cache

from storyline import langs
from storyline.extract.gazetteer import normalise


def calendar_words(language: str | None) -> frozenset[str]:
    """Weekday and month names of the language: a city spelled like one is read as the day."""
    if language is None:
        return frozenset()
    from storyline.dates.lexicon import lexicon

    lex = lexicon(language)
    if lex is None:
        return frozenset()
    months = (m for m in lex.months if m not in lex.loose_months)  # no abbreviations ("mar")
    return frozenset(w.casefold() for w in (*lex.weekdays, *months) if len(w) > 3)


@cache
def _org_names() -> frozenset[str]:
    """One-word names of the listed organisations (``langs/xx/organizations.toml``)."""
    orgs = langs.load(langs.UNIVERSAL, "organizations").get("orgs", {})
    return frozenset(
        normalise(str(form)).casefold()
        for entry in orgs.values()
        for form in entry.get("names", [])
        if " " not in str(form).strip()
    )


def is_org_name(word: str) -> bool:
    """Whether a one-word city match is rather a listed organisation ("Hamas", "Hezbollah")."""
    return word.casefold() in _org_names()

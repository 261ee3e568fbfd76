"""What the coded dictionaries know about actors (see :mod:`storyline.langs.build_petrarch`):
known people with their country and sector, the given names they carry, role nouns with
their sector, and the sectors of the state whose roles and bodies belong to a country.

Read lazily from ``langs/xx/petrarch_people.tsv`` and ``langs/<iso>/petrarch_roles.tsv``
(plus ``langs/xx/people.toml``); :mod:`storyline.extract.actors` uses them as evidence that a
capitalised run is a person and to give actors their country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from storyline import langs
from storyline.extract.names import actor_key, token_key

# Sectors of the state: a role or body of one serves a country ("the minister", "la Policía
# Nacional"), so without a stated country it takes the country the article is about.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
# How many known people must share a first name before it counts as a given name.
_GIVEN_NAME_SUPPORT = 2


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A person of the dictionaries: country (ISO alpha-2) and the sector of their latest office."""

    name: str
    country: str | None
    sector: str | None


def _rows(lang: str, name: str) -> Iterator[list[str]]:
    path = resources.files(langs.__name__).joinpath(lang, name)
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@cache
def known_people() -> dict[str, KnownPerson]:
    """``{person name key: KnownPerson}`` for every name and variant of the dictionaries."""
    people: dict[str, KnownPerson] = {}
    for row in _rows(langs.UNIVERSAL, "petrarch_people.tsv"):
        name, country, sector, variants = [*row, "", "", ""][:4]
        person = KnownPerson(name, country or None, sector or None)
        for form in (name, *filter(None, variants.split("|"))):
            people.setdefault(actor_key(form), person)
    for entry in langs.load(langs.UNIVERSAL, "people").get("person", []):
        person = KnownPerson(entry["name"], entry.get("country"), None)
        for form in (entry["name"], *entry.get("aliases", [])):
            people[actor_key(form)] = person
    return people


@cache
def given_names() -> frozenset[str]:
    """Name keys of first names that several known people carry ("Vladimir", "Mark")."""
    counts: Counter[str] = Counter()
    for row in _rows(langs.UNIVERSAL, "petrarch_people.tsv"):
        words = row[0].split()
        if len(words) >= 2 and len(words[0]) > 2 and not words[0].endswith("."):
            counts[token_key(words[0])] += 1
    return frozenset(k for k, n in counts.items() if n >= _GIVEN_NAME_SUPPORT)


@cache
def role_sectors(language: str | None) -> dict[str, str]:
    """``{role noun: sector}`` of the language's agents, English ones for the English role names."""
    found = {row[0]: row[1] for row in _rows("en", "petrarch_roles.tsv") if len(row) >= 2}
    if language and language != "en":
        found.update({row[0]: row[1] for row in _rows(language, "petrarch_roles.tsv") if len(row) >= 2})
    return found


def role_sector(role: str, language: str | None) -> str | None:
    """The sector of a role: the role itself, else its head noun ("defence minister" → minister)."""
    table = role_sectors(language)
    words = role.casefold().split()
    for i in range(len(words)):
        sector = table.get(" ".join(words[i:]))
        if sector:
            return sector
    return None


def state_role(role: str | None, language: str | None) -> bool:
    """Whether a role serves a state (government, armed forces, police, parliament, courts)."""
    return bool(role) and role_sector(role or "", language) in STATE_SECTORS


def person_known(name: str) -> KnownPerson | None:
    """The dictionary entry of a full name, if any."""
    return known_people().get(actor_key(name))


@cache
def saying_verbs(language: str | None) -> frozenset[str]:
    """One-word reporting verbs of the language (``claims.toml``): "X said" makes X a speaker."""
    datas = [langs.load(language, "claims")] if language else list(langs.load_all("claims").values())
    return frozenset(v.casefold() for data in datas for v in data.get("verbs", []) if " " not in v)


@cache
def _saying_phrases(language: str | None) -> re.Pattern[str] | None:
    """Reporting verbs of several words ("a déclaré", "ha afirmado"), anchored where they start."""
    datas = [langs.load(language, "claims")] if language else list(langs.load_all("claims").values())
    phrases = sorted({v for data in datas for v in data.get("verbs", []) if " " in v}, key=len, reverse=True)
    if not phrases:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?:{body})(?!\w)", re.IGNORECASE)


def says_at(text: str, pos: int, language: str | None, *, phrases: bool) -> bool:
    """Whether a reporting verb starts at ``pos``: "said", or with ``phrases`` also a compound
    past ("a déclaré"), which is evidence for a full name but not for a lone capitalised word
    ("Das Ministerium teilte mit", Vietnamese "Ông cho biết")."""
    word = re.match(r"\w+", text[pos:])
    if word is not None and word.group().casefold() in saying_verbs(language):
        return True
    pattern = _saying_phrases(language) if phrases else None
    return pattern is not None and pattern.match(text, pos) is not None


@cache
def speaker_followers(language: str | None) -> frozenset[str] | None:
    """Lowercase words that may follow an inverted speaker ("said Putin on Monday", "sa Støre til
    NTB"): prepositions, complementisers, coordinators of ``claims.toml`` (None: unknown language)."""
    if not language:
        return None
    data = langs.load(language, "claims")
    words = [w for key in ("speaker_stops", "complementisers", "coordinators") for w in data.get(key, [])]
    return frozenset(w.casefold() for w in words) or None


@cache
def attribution_pattern(language: str | None) -> re.Pattern[str] | None:
    """Reporting verbs and attribution phrases of ``claims.toml`` ("said", "selon", "сообщает")."""
    datas = [langs.load(language, "claims")] if language else list(langs.load_all("claims").values())
    phrases = {p for data in datas for key in ("verbs", "according_to") for p in data.get(key, [])}
    if not phrases:
        return None
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


# Languages whose coded role nouns are English: the noun is the role's name.
_NAMED_ROLE_LANGS = frozenset({"en"})
_MAX_ROLE_WORDS = 3


def coded_role_before(text: str, start: int, language: str | None) -> str | None:
    """The role noun of the coding dictionaries right before a name: "journalist Maria Ressa",
    "rebel leader X" (English, where the noun is the role's name)."""
    if language not in _NAMED_ROLE_LANGS:
        return None
    words = text[max(0, start - 40) : start].split()
    if not words or not text[:start].endswith(" "):
        return None
    table = role_sectors(language)
    for n in range(min(_MAX_ROLE_WORDS, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase.islower() and phrase in table:
            return phrase
    return None

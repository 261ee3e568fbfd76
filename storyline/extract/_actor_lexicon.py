"""What the actor extractor knows about a language: roles, ministries, honorifics, stopwords,
known organisations and calendar words, compiled from ``langs/<iso>/actors.toml`` and
``langs/xx/organizations.toml`` (see :mod:`storyline.extract.actors`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from storyline import langs
from storyline.regex_guard import grouped, guarded


@dataclass(frozen=True, slots=True)
class Phrases:
    """A set of surface phrases, each mapped to a value, found case-insensitively on word boundaries."""

    pattern: re.Pattern[str] | None
    values: dict[str, str]

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, value)`` of every phrase in ``text``, longest phrase first at each position."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            value = self.values.get(norm(match.group()))
            if value is not None:  # a case mapping no key foresaw skips the match, not the article
                yield match.start(), match.end(), value


@dataclass(frozen=True, slots=True)
class KnownOrg:
    """A known organisation from ``langs/xx/organizations.toml``."""

    id: str
    name: str
    country: str | None
    head_role: str | None
    mid_sentence: bool
    role: str | None = None  # the organisation's own role: "news agency" for agencies


@dataclass(frozen=True, slots=True)
class Ministry:
    """A kind of ministry (defence, foreign…) with its canonical English name."""

    key: str
    name: str
    head_role: str | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the actor extractor knows about one language (merged with ``xx``)."""

    roles: Phrases
    ministries: Phrases
    head_of: Phrases
    honorifics: re.Pattern[str] | None
    connectors: frozenset[str]
    stopwords: frozenset[str]
    particles: frozenset[str]
    org_words: frozenset[str]
    calendar: frozenset[str]
    non_names: frozenset[str]
    single_org_words: frozenset[str] = frozenset()
    org_heads: Phrases = field(default_factory=lambda: Phrases(None, {}))
    elisions: frozenset[str] = frozenset()
    role_leads: frozenset[str] = frozenset()
    role_after: frozenset[str] = frozenset()
    state_bodies: frozenset[str] = frozenset()  # words that make an organisation a body of the state
    former: frozenset[str] = frozenset()  # "former", "mantan": the title is a past office
    not_acronyms: frozenset[str] = frozenset()  # capital-letter words that name no organisation
    # Caseless scripts: words between a title and the name ("الرئيس المنتخب دونالد ترامب").
    title_modifiers: frozenset[str] = frozenset()
    # An ordinal between a title and the name or country ("Presiden ke-7 RI Joko Widodo"), or
    # between an appositive's article and its role ("X, the 44th president of the United States").
    ordinal: re.Pattern[str] | None = None
    # Inflecting languages (ru, uk): dictionary forms of the nouns that make a capitalised run an
    # organisation ("Раді Безпеки": рада), and those that do so alone mid-sentence ("Сенатом").
    org_lemmas: frozenset[str] = frozenset()
    single_org_lemmas: frozenset[str] = frozenset()
    # Common nouns of bodies that are no state, whose head is their chair ("comité", "komiteens").
    chaired_bodies: frozenset[str] = frozenset()
    # Head words joined to their body by a hyphen, with their role ("CDU-Chef": leader).
    compound_heads: dict[str, str] = field(default_factory=dict)
    # Marks after which case endings follow a proper noun ("Ankara'da", Turkish).
    suffix_marks: frozenset[str] = frozenset()
    # Head words written after an organisation's name ("NATO chief X", "Hamas lideri X").
    head_after: frozenset[str] = frozenset()
    # What joins a title to a second title that is its complement ("spokesman for the president",
    # "porte-parole du président"; "" where the complement follows in the genitive, "пресс-секретарь
    # президента"): the first title is the person's role.  Default: ``connectors``.
    title_links: frozenset[str] = frozenset()
    # Common nouns that describe a named organisation ("organisasjonen", "mouvement").
    org_nouns: frozenset[str] = frozenset()
    # Compounding languages: endings that make one capitalised word an organisation's name
    # ("Arbeiderpartiet", "Bundesverfassungsgericht"): the head noun of the compound.
    org_endings: tuple[str, ...] = ()
    # Caseless scripts: openings of words that are never part of a name (Arabic "وال": "and the").
    non_name_prefixes: tuple[str, ...] = ()
    # The definite article glued to a noun (Arabic "ال"): a title ending in a word without it is
    # in construct with what follows ("وزير الاقتصاد": minister of the economy), not with a name.
    definite_prefixes: tuple[str, ...] = ()


def norm(phrase: str) -> str:
    """Casefolded phrase with single spaces: the lookup key of a regex match.

    The case-insensitive regex matches Turkish "İ" and "I" where the lexicon
    wrote "i" and "ı", but casefolding turns "İ" into "i" plus a combining dot
    and "I" into "i": both sides drop the dot and read "ı" as "i".
    """
    return " ".join(phrase.casefold().replace("\u0307", "").replace("ı", "i").split())


def _phrase_regex(forms: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    """One alternation of ``forms`` on word boundaries; longer forms first so they win."""
    unique = sorted(set(forms), key=len, reverse=True)
    if not unique:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    body = grouped([r"\s+".join(re.escape(word) for word in form.split()) for form in unique], flags)
    return guarded(rf"(?<!\w)(?:{body})(?!\w)", flags)


def _phrases(table: dict[str, list[str]]) -> Phrases:
    """A :class:`Phrases` from a ``{value: [forms]}`` TOML table."""
    values = {norm(form): value for value, forms in table.items() for form in forms}
    # The forms as written as well as their keys: casefolding turns "ß" into "ss", and a pattern
    # of keys alone never matched "Außenministerin".
    written = {form for forms in table.values() for form in forms}
    return Phrases(_phrase_regex(written | values.keys(), ignore_case=True), values)


def _ordinal_regex(patterns: list[str]) -> re.Pattern[str] | None:
    """One ordinal word before a space (``ordinals`` in ``langs/<iso>/actors.toml``: regular expressions)."""
    if not patterns:
        return None
    return re.compile("(?:" + "|".join(patterns) + r")(?=\s)", re.IGNORECASE)


def _honorific_regex(forms: Iterable[str]) -> re.Pattern[str] | None:
    """Honorifics as written plus their capitalised form, followed by a space.

    Case matters: French ``M.`` is an honorific, ``m.`` a metre; Vietnamese
    ``ông`` starts a sentence as ``Ông``.
    """
    variants = {v for form in forms for v in (form, form[:1].upper() + form[1:])}
    if not variants:
        return None
    body = grouped([re.escape(v) for v in sorted(variants, key=len, reverse=True)])
    return guarded(rf"(?<!\w)(?:{body})(?=\s)")


def _calendar_words(language: str | None) -> frozenset[str]:
    """Month and weekday names (CLDR, via babel) of the language and English: never names."""
    from babel import Locale, UnknownLocaleError

    words: set[str] = set()
    for code in {language or "en", "en"}:
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        # Wide names only: abbreviations collide with names ("Dong Jun", "Mar Roxas").
        names = [*locale.months["format"]["wide"].values(), *locale.days["format"]["wide"].values()]
        words.update(w.casefold() for name in names for w in name.split() if len(w) > 2)
    return frozenset(words)


def _merged(language: str | None) -> dict[str, Any]:
    """The language's actors.toml merged with ``xx`` (all languages when ``language`` is None)."""
    tables = langs.load_all("actors")
    chosen = list(tables) if language is None else [language, langs.UNIVERSAL]
    merged: dict[str, Any] = {"roles": {}, "ministries": {}, "credits": {}, "compound_heads": {}}
    for lang in chosen:
        data = tables.get(lang, {})
        for key, value in data.items():
            if isinstance(value, dict):
                for name, forms in value.items():
                    merged[key].setdefault(name, []).extend(forms)
            else:
                merged.setdefault(key, []).extend(value)
    return merged


@cache
def lexicon(language: str | None) -> Lexicon:
    """The compiled :class:`Lexicon` for ``language`` (None: every language at once)."""
    data = _merged(language)
    head_of = dict.fromkeys(data.get("head_of", []), "head")
    universal = langs.load(langs.UNIVERSAL, "actors")
    return Lexicon(
        roles=_phrases(data["roles"]),
        ministries=_phrases(data["ministries"]),
        head_of=_phrases({"head": list(head_of)}),
        honorifics=_honorific_regex(data.get("honorifics", [])),
        connectors=frozenset(norm(c) for c in data.get("connectors", [])),
        compound_heads={w.casefold(): role for role, words in data["compound_heads"].items() for w in words},
        suffix_marks=frozenset(data.get("suffix_marks", [])),
        head_after=frozenset(norm(w) for w in data.get("head_after", [])),
        title_links=frozenset(norm(c) for c in data.get("title_links", data.get("connectors", []))),
        stopwords=frozenset(norm(s) for s in data.get("stopwords", [])),
        particles=frozenset(data.get("particles", [])),
        org_words=frozenset(norm(w) for w in data.get("org_words", [])),
        calendar=_calendar_words(language),
        non_names=frozenset(norm(w) for w in data.get("non_names", [])),
        single_org_words=frozenset(norm(w) for w in universal.get("org_words", [])),
        org_heads=_phrases({"head": data.get("org_heads", []), "name": data.get("org_names", [])}),
        elisions=frozenset(norm(w) for w in data.get("elisions", [])),
        role_leads=frozenset(norm(w) for w in data.get("role_leads", [])),
        role_after=frozenset(norm(w) for w in data.get("role_after", [])),
        state_bodies=frozenset(norm(w) for w in data.get("state_bodies", [])),
        former=frozenset(norm(w) for w in data.get("former", [])),
        not_acronyms=frozenset(norm(w) for w in data.get("not_acronyms", [])),
        title_modifiers=frozenset(norm(w) for w in data.get("title_modifiers", [])),
        ordinal=_ordinal_regex(data.get("ordinals", [])),
        org_lemmas=frozenset(norm(w) for w in data.get("org_lemmas", [])),
        single_org_lemmas=frozenset(norm(w) for w in data.get("single_org_lemmas", [])),
        chaired_bodies=frozenset(norm(w) for w in data.get("chaired_bodies", [])),
        org_nouns=frozenset(norm(w) for w in data.get("org_nouns", [])),
        org_endings=tuple(norm(w) for w in data.get("org_endings", [])),
        non_name_prefixes=tuple(str(p) for p in data.get("non_name_prefixes", [])),
        definite_prefixes=tuple(str(p) for p in data.get("definite_prefixes", [])),
    )


@cache
def known_orgs() -> tuple[dict[str, list[tuple[str, KnownOrg]]], dict[str, int]]:
    """``{casefolded form: [(form, org)]}`` of every known organisation, and ``{first word: most words}``."""
    orgs = langs.load(langs.UNIVERSAL, "organizations").get("orgs", {})
    forms: dict[str, list[tuple[str, KnownOrg]]] = {}
    for key, entry in orgs.items():
        org = KnownOrg(
            id=f"org:{key}",
            name=entry["name"],
            country=entry.get("country"),
            head_role=entry.get("head_role"),
            mid_sentence=bool(entry.get("mid_sentence", False)),
            role=_ORG_ROLES.get(entry.get("type", "")),
        )
        for form in entry["names"]:
            for variant in dict.fromkeys(_arabic_script_variants(form)):
                forms.setdefault(norm(variant), []).append((variant, org))
    for org, names in coded_orgs():
        for form in names:
            if norm(form) not in forms:
                forms[norm(form)] = [(form, org)]
    longest: dict[str, int] = {}
    for form in forms:
        words = form.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return forms, longest


def begins_known_org(key: str) -> bool:
    """Whether some key of :func:`known_orgs` starts with ``key`` (a bisection of the sorted keys)."""
    keys = _sorted_org_keys()
    at = bisect_left(keys, key)
    return at < len(keys) and keys[at].startswith(key)


@cache
def _sorted_org_keys() -> list[str]:
    return sorted(known_orgs()[0])


_ORG_ROLES = {"agency": "news agency"}
_ARABIC_WORDS = re.compile(r"(?<=[\u0600-\u06ff]) (?=[\u0600-\u06ff])")


def _arabic_script_variants(form: str) -> list[str]:
    """A name and its Persian spellings: Persian writes yeh and kaf as ی and ک ("بريكس" →
    "بریکس") and often joins the words of one name with a zero-width non-joiner ("حزب‌الله")."""
    out = [form]
    persian = form.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")
    if persian != form:
        out.append(persian)
    out += [_ARABIC_WORDS.sub("\u200c", f) for f in list(out) if _ARABIC_WORDS.search(f)]
    return out


# Coded organisation names that are ordinary words or too short to trust in running text.
_MIN_CODED_NAME = 4


def coded_orgs() -> list[tuple[KnownOrg, list[str]]]:
    """Institutions, IGOs, NGOs and armed groups of the coding dictionaries
    (``langs/xx/petrarch_orgs.tsv``): several words, or one acronym-like word."""
    from importlib import resources

    path = resources.files(langs.__name__).joinpath(langs.UNIVERSAL, "petrarch_orgs.tsv")
    out: list[tuple[KnownOrg, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, country, _code, variants = [*line.split("\t"), "", "", ""][:4]
        names = [n for n in (name, *variants.split("|")) if len(n) >= _MIN_CODED_NAME and " " in n]
        if names:
            from storyline.extract.names import actor_key

            org = KnownOrg(actor_key(name, kind="organization"), name, country or None, None, False)
            out.append((org, names))
    return out


def org_form_matches(form: str, found: str) -> bool:
    """Whether ``found`` in the text honours the case of the listed ``form``.

    Acronyms must match exactly ("UN" is not French "un"); other names must
    start with the same case ("Reuters", but also "dpa"); and a name of several
    capitalised words is not found as a phrase whose other words are all in
    lowercase: "We will win" in a quotation is no "We Will Win" (a group's
    listed English name), while "Doctors without Borders" is still the NGO.
    """
    if form.isupper() and len(form) > 1:
        return found == form
    if found[:1].isupper() != form[:1].isupper():
        return False
    listed, written = form.split()[1:], found.split()[1:]
    capitalised = [w for w in listed if w[:1].isupper() and len(w) > _SHORT_WORD]
    return not (capitalised and written and all(w[:1].islower() for w in written))


_SHORT_WORD = 3  # "of", "the", "and", "del": written either way inside names


@cache
def ministries() -> dict[str, Ministry]:
    """The ministry kinds of ``langs/xx/organizations.toml``, by key."""
    table = langs.load(langs.UNIVERSAL, "organizations").get("ministries", {})
    return {key: Ministry(key, entry["name"], entry.get("head_role")) for key, entry in table.items()}


@lru_cache(maxsize=262_144)  # bounded: a monitor sees new words for weeks
def lemma_known(word: str, language: str | None) -> bool:
    """Whether ``word`` (lower case) is an ordinary word of ``language`` in simplemma's dictionary.

    simplemma's own lookup also tries the capitalised form, and its dictionaries
    hold names as capitalised entries ("Barack" and "Obama" in English): such a
    lookup made "Barack Obama" a run of ordinary words, never a person.  Only
    a lower-case entry counts.  A language that capitalises every noun
    (``capitalised_nouns`` in ``langs/<iso>/places.toml``: German) keeps
    simplemma's whole lookup (either case, compounds): there a capitalised
    entry is an ordinary noun.  False when simplemma has no dictionary for
    the language (e.g. Vietnamese).
    """
    if language is None:
        return False
    try:
        from storyline.extract.places import capitalises_nouns

        if capitalises_nouns(language):
            import simplemma

            return bool(simplemma.is_known(word, lang=language))
        return bool(_dictionary_lookup().is_dictionary_member(word, language))
    except ValueError:
        return False


@cache
def _dictionary_lookup() -> Any:
    from simplemma.strategies.dictionary_lookup import DictionaryLookupStrategy

    return DictionaryLookupStrategy()  # the shared default dictionaries: each loads once


@cache
def english_demonym(country: str) -> str:
    """``RU`` → ``Russian`` (from ``langs/en/places.toml``), else the country's English name."""
    demonyms = langs.load("en", "places").get("demonyms", {}).get(country)
    if demonyms:
        return str(demonyms[0])
    from storyline.extract.places import country_name

    return country_name(country)


@cache
def head_roles() -> dict[str, str | None]:
    """Role of the head of each organisation id (known organisations and ministries)."""
    heads: dict[str, str | None] = {}
    for org in (o for pairs in known_orgs()[0].values() for _, o in pairs):
        # An organisation listed twice (organizations.toml and the PETRARCH table) keeps the
        # head role the one entry that states it gives.
        heads[org.id] = heads.get(org.id) or org.head_role
    return heads

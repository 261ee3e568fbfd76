"""Actors: people and organisations, with roles and countries, found without a statistical model.

No multilingual NER model can be shipped offline (see OFFLINE.md), so actors
come from evidence that survives across languages:

1. known organisations and news agencies by name (``langs/xx/organizations.toml``);
2. ministries from the language's ministry phrases plus an adjacent country
   (``Bộ Quốc phòng Nga`` → Russian Ministry of Defence);
3. titles and roles (``Presiden``, ``forsvarsminister``, ``ministro da Defesa``)
   with an adjacent country place and the name that follows, also after an
   appositive comma; "head of <organisation>" phrases take the role of the
   organisation's head (``người đứng đầu Lầu Năm Góc`` → US defence minister);
4. honorifics (``Sr.``, ``ông``, ``Bapak``) followed by a name;
5. bare runs of capitalised words, filtered against sentence-initial common
   words, month and day names and all-common-word runs;
6. within-article resolution: a surname or honorific mention takes the id and
   full name of the full name it belongs to, and mentions of one actor share
   the role and country found for it.

Everything language-specific is data in ``langs/<iso>/actors.toml``.  Caseless
scripts (Arabic) only get names after a title or honorific.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, NamedTuple

from storyline import langs
from storyline.extract.names import actor_key, name_tokens, token_key
from storyline.model import Mention, Place


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
            yield match.start(), match.end(), self.values[_norm(match.group())]


@dataclass(frozen=True, slots=True)
class KnownOrg:
    """A known organisation from ``langs/xx/organizations.toml``."""

    id: str
    name: str
    country: str | None
    head_role: str | None
    mid_sentence: bool


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


def _norm(phrase: str) -> str:
    """Casefolded phrase with single spaces: the lookup key of a regex match."""
    return " ".join(phrase.casefold().split())


def _phrase_regex(forms: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    """One alternation of ``forms`` on word boundaries; longer forms first so they win."""
    unique = sorted(set(forms), key=len, reverse=True)
    if not unique:
        return None
    body = "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in unique)
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)


def _phrases(table: dict[str, list[str]]) -> Phrases:
    """A :class:`Phrases` from a ``{value: [forms]}`` TOML table."""
    values = {_norm(form): value for value, forms in table.items() for form in forms}
    return Phrases(_phrase_regex(values, ignore_case=True), values)


def _honorific_regex(forms: Iterable[str]) -> re.Pattern[str] | None:
    """Honorifics as written plus their capitalised form, followed by a space.

    Case matters: French ``M.`` is an honorific, ``m.`` a metre; Vietnamese
    ``ông`` starts a sentence as ``Ông``.
    """
    variants = {v for form in forms for v in (form, form[:1].upper() + form[1:])}
    if not variants:
        return None
    body = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?=\s)")


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
    merged: dict[str, Any] = {"roles": {}, "ministries": {}}
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
        connectors=frozenset(_norm(c) for c in data.get("connectors", [])),
        stopwords=frozenset(_norm(s) for s in data.get("stopwords", [])),
        particles=frozenset(data.get("particles", [])),
        org_words=frozenset(_norm(w) for w in data.get("org_words", [])),
        calendar=_calendar_words(language),
        non_names=frozenset(_norm(w) for w in data.get("non_names", [])),
        single_org_words=frozenset(_norm(w) for w in universal.get("org_words", [])),
        org_heads=_phrases({"head": data.get("org_heads", []), "name": data.get("org_names", [])}),
        elisions=frozenset(_norm(w) for w in data.get("elisions", [])),
        role_leads=frozenset(_norm(w) for w in data.get("role_leads", [])),
        role_after=frozenset(_norm(w) for w in data.get("role_after", [])),
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
        )
        for form in entry["names"]:
            forms.setdefault(_norm(form), []).append((form, org))
    longest: dict[str, int] = {}
    for form in forms:
        words = form.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return forms, longest


def org_form_matches(form: str, found: str) -> bool:
    """Whether ``found`` in the text honours the case of the listed ``form``.

    Acronyms must match exactly ("UN" is not French "un"); other names must
    start with the same case ("Reuters", but also "dpa").
    """
    if form.isupper() and len(form) > 1:
        return found == form
    return found[:1].isupper() == form[:1].isupper()


@cache
def ministries() -> dict[str, Ministry]:
    """The ministry kinds of ``langs/xx/organizations.toml``, by key."""
    table = langs.load(langs.UNIVERSAL, "organizations").get("ministries", {})
    return {key: Ministry(key, entry["name"], entry.get("head_role")) for key, entry in table.items()}


@cache
def lemma_known(word: str, language: str | None) -> bool:
    """Whether simplemma's dictionary for ``language`` knows ``word`` (False if it has no such language)."""
    if language is None:
        return False
    import simplemma

    try:
        return bool(simplemma.is_known(word, lang=language))
    except ValueError:  # simplemma has no dictionary for this language (e.g. Vietnamese)
        return False


# --- the article being analysed ----------------------------------------------

# A word: letters, with inner hyphens ("Jong-un").  Apostrophes split words, so
# that "l'AFP", "d'Emmanuel Macron" and Turkish "Putin'in" expose the name;
# a name run may continue across one ("O'Brien").
_WORD = re.compile(r"[^\W\d_]\w*(?:-\w+)*")
# Characters after which the next word starts a sentence (or a headline/caption).
_SENTENCE_END = frozenset('.!?:;"“”«»„|([–—-\n')
_SPACE_GAPS = frozenset({" ", "\u00a0"})
_APOSTROPHES = frozenset({"'", "’"})
# "Presiden Iran yang baru terpilih, Masoud Pezeshkian": up to four lowercase
# words and a comma between a title with its country and the name.
_APPOSITIVE = re.compile(r"\s+(?:[^\W\d_A-Z][\w-]*\s+){0,3}[^\W\d_A-Z][\w-]*\s*,\s*")
_NAME_GAP = re.compile(r"\s*,?\s*")
_POSSESSIVE_GAP = re.compile(r"(?:s|'s|’s|'|’)?\s{1,2}")
# Caseless scripts: how many words after a title make the name.
_CASELESS_NAME_WORDS = 2


class _Token(NamedTuple):
    """A word of the text.  A named tuple: thousands are made per article."""

    start: int
    end: int
    text: str
    titled: bool  # capitalised like a name: upper first letter, some lowercase after (not an acronym)
    caseless: bool  # written in a script without letter case (Arabic, CJK…)


def _token(match: re.Match[str]) -> _Token:
    word = match.group()
    first = word[0]
    titled = first.isupper() and (len(word) == 1 or not word[1:].isupper())
    caseless = not first.isupper() and not first.islower()
    return _Token(match.start(), match.end(), word, titled, caseless)


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    name: str
    kind: str
    id: str
    role: str | None = None
    country: str | None = None
    single: bool = False  # one-word person name waiting for resolution
    context: bool = False  # found after a title, honorific or as a known name


@dataclass(slots=True)
class _Doc:
    """The text, its words, what is already claimed, and what was found so far."""

    text: str
    language: str | None
    lex: Lexicon
    places: Sequence[Place]
    tokens: list[_Token] = field(default_factory=list)
    at: dict[int, int] = field(default_factory=dict)
    claimed: bytearray = field(default_factory=bytearray)
    found: list[_Candidate] = field(default_factory=list)
    countries: list[Place] = field(default_factory=list)
    placed: bytearray = field(default_factory=bytearray)
    country_mask: bytearray = field(default_factory=bytearray)
    country_at: dict[int, Place] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, language: str | None, places: Sequence[Place]) -> _Doc:
        doc = cls(text, language, lexicon(language), places)
        doc.tokens = [_token(m) for m in _WORD.finditer(text)]
        doc.at = {tok.start: i for i, tok in enumerate(doc.tokens)}
        doc.claimed = bytearray(len(text))
        doc.placed = bytearray(len(text))
        doc.country_mask = bytearray(len(text))
        countries = (p for p in places if p.kind == "country" and p.country)
        doc.countries = sorted(countries, key=lambda p: p.start)
        doc.country_at = {p.start: p for p in doc.countries}
        for place in places:
            mask = doc.country_mask if place.kind == "country" and place.country else doc.placed
            mask[place.start : place.end] = b"\x01" * (place.end - place.start)
        return doc

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def claim(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)

    def sentence_initial(self, start: int) -> bool:
        """Whether the word at ``start`` opens a sentence, line, quote or caption."""
        i = start - 1
        while i >= 0 and self.text[i] in " \t\u00a0":
            i -= 1
        return i < 0 or self.text[i] in _SENTENCE_END

    def token_after(self, pos: int) -> int | None:
        """Index of the word starting exactly at ``pos``."""
        return self.at.get(pos)


# --- runs of name words ------------------------------------------------------


def _blocked(doc: _Doc, tok: _Token) -> bool:
    """Words that can never be part of a name: claimed, countries, months and days, words
    with digits ("Ke-8", "F-16"), and elided articles ("L'Hymne", "l'AFP")."""
    return (
        not doc.free(tok.start, tok.end)
        or any(doc.country_mask[tok.start : tok.end])
        or tok.text.casefold() in doc.lex.calendar
        or tok.text.casefold() in doc.lex.non_names
        or any(ch.isdigit() for ch in tok.text)
        or _elided_article(doc, tok)
    )


def _elided_article(doc: _Doc, tok: _Token) -> bool:
    """French/Italian "L'", "D'", "dell'": an article glued to the next word, not a name part."""
    return tok.text.casefold() in doc.lex.elisions and doc.text[tok.end : tok.end + 1] in _APOSTROPHES


def _joined(doc: _Doc, left: _Token, right: _Token) -> bool:
    return doc.text[left.end : right.start] in _SPACE_GAPS


def _elided(doc: _Doc, left: _Token, right: _Token) -> bool:
    """Two capitalised parts of one name across an apostrophe ("O'Brien")."""
    return doc.text[left.end : right.start] in _APOSTROPHES and left.titled and len(left.text) == 1


def _run_from(doc: _Doc, i: int) -> list[_Token]:
    """The capitalised name run starting at word ``i`` ("Lula da Silva"), possibly empty."""
    tokens, run = doc.tokens, []
    while i < len(tokens) and tokens[i].titled and not _blocked(doc, tokens[i]):
        run.append(tokens[i])
        nxt = i + 1
        if (
            nxt < len(tokens)
            and (_joined(doc, tokens[i], tokens[nxt]) or _elided(doc, tokens[i], tokens[nxt]))
            and tokens[nxt].titled
        ):
            i = nxt
            continue
        after = nxt + 1
        if (
            after < len(tokens)
            and tokens[nxt].text in doc.lex.particles
            and _joined(doc, tokens[i], tokens[nxt])
            and _joined(doc, tokens[nxt], tokens[after])
            and tokens[after].titled
            and not _blocked(doc, tokens[after])
        ):
            run.append(tokens[nxt])
            i = after
            continue
        break
    return run


def _caseless_run(doc: _Doc, i: int) -> list[_Token]:
    """Up to two joined words of a caseless script after a title: the best guess at a name."""
    run: list[_Token] = []
    while i < len(doc.tokens) and len(run) < _CASELESS_NAME_WORDS:
        tok = doc.tokens[i]
        if not tok.caseless or _blocked(doc, tok) or (run and not _joined(doc, run[-1], tok)):
            break
        run.append(tok)
        i += 1
    return run


def _name_after(doc: _Doc, pos: int, *, appositive: bool) -> list[_Token]:
    """The name right after a title (optionally after a comma, or an appositive clause)."""
    gap = _NAME_GAP.match(doc.text, pos)
    i = doc.token_after(gap.end()) if gap else None
    if i is not None:
        run = _caseless_run(doc, i) if doc.tokens[i].caseless else _run_from(doc, i)
        if run:
            return run
    if appositive and (clause := _APPOSITIVE.match(doc.text, pos)):
        i = doc.token_after(clause.end())
        if i is not None:
            return _run_from(doc, i)
    return []


def _person(doc: _Doc, run: list[_Token], **attrs: Any) -> _Candidate:
    """A person candidate spanning ``run`` (claimed, so that later steps skip it)."""
    start, end = run[0].start, run[-1].end
    name = " ".join(tok.text for tok in run)
    doc.claim(start, end)
    return _Candidate(start, end, name, "person", actor_key(name), single=len(run) == 1, **attrs)


# --- countries next to a phrase ---------------------------------------------


def _country_next_to(doc: _Doc, start: int, end: int) -> tuple[Place | None, int]:
    """A country place right before or after ``[start, end)`` and the end of the whole phrase.

    Before: "Russlands forsvarsminister", "det russiske forsvarsdepartementet".
    After: "Presiden Rusia", "ministro da Defesa russo", "Ministério da Defesa da Rússia".
    """
    for place in doc.countries:
        if place.end <= start and _POSSESSIVE_GAP.fullmatch(doc.text, place.end, start):
            return place, end
        if place.start >= end:
            gap = doc.text[end : place.start]
            if (not gap.strip() and 0 < len(gap) <= 2) or _norm(gap) in doc.lex.connectors:
                return place, place.end
            break
    return None, end


# --- the extraction steps ----------------------------------------------------


def _org_at(doc: _Doc, i: int) -> tuple[KnownOrg, int, int] | None:
    """The longest known organisation name starting at word ``i``: ``(org, start, end)``.

    A dictionary lookup of word n-grams: one regex over every name in every
    script, matched case-insensitively, cost milliseconds per article.
    """
    forms, longest = known_orgs()
    first = doc.tokens[i]
    start = first.start
    for n in range(min(longest.get(first.text.casefold(), 0), len(doc.tokens) - i), 0, -1):
        end = doc.tokens[i + n - 1].end
        found = doc.text[start:end]
        for form, org in forms.get(_norm(found), ()):
            if org_form_matches(form, found):
                return org, start, end
    return None


def _find_known_orgs(doc: _Doc) -> None:
    first_words = known_orgs()[1]
    for i, tok in enumerate(doc.tokens):
        hit = _org_at(doc, i) if tok.text.casefold() in first_words else None
        if hit is None or not doc.free(hit[1], hit[2]):
            continue
        org, start, end = hit
        if org.mid_sentence and doc.sentence_initial(start):
            continue
        doc.claim(start, end)
        doc.found.append(
            _Candidate(start, end, org.name, "organization", org.id, country=org.country, context=True)
        )


def _find_ministries(doc: _Doc) -> None:
    table = ministries()
    for start, end, key in doc.lex.ministries.find(doc.text):
        if not doc.free(start, end):
            continue
        ministry = table[key]
        place, phrase_end = _country_next_to(doc, start, end)
        country = place.country if place else None
        phrase_start = min(start, place.start) if place else start
        slug = ministry.name.lower().replace(" ", "-")
        org_id = f"org:{country.lower()}-{slug}" if country else f"org:{slug}"
        doc.claim(phrase_start, phrase_end)
        name = f"{_english_demonym(country)} {ministry.name}" if country else ministry.name
        doc.found.append(_Candidate(phrase_start, phrase_end, name, "organization", org_id, country=country))


def _find_org_heads(doc: _Doc) -> None:
    """Organisations opened by a head phrase of the language (``org_heads``).

    Vietnamese capitalises only the first syllable of each part of a name
    ("Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"), so a capitalised run
    stops at "hành".  A head phrase written with a capital starts the name,
    which then extends over further heads, known organisations, capitalised
    words and country names.  The organisation's country is the first country
    inside it.  ``org_heads`` need a further word; ``org_names`` are names on
    their own ("Quốc hội").
    """
    found = list(doc.lex.org_heads.find(doc.text))
    heads = {start: end for start, end, _ in found}
    for start, head_end, kind in found:
        if not doc.text[start].isupper() or not doc.free(start, head_end):
            continue
        end = _extend_org(doc, heads, head_end)
        if kind == "head" and end == head_end:
            continue  # a bare "Ủy ban" (committee) names no organisation
        inner = [p for p in doc.countries if start <= p.start and p.end <= end]
        name = " ".join(doc.text[start:end].split())
        doc.claim(start, end)
        country = inner[0].country if inner else None
        org_id = actor_key(name, kind="organization")
        doc.found.append(_Candidate(start, end, name, "organization", org_id, country=country))


def _extend_org(doc: _Doc, heads: dict[int, int], end: int) -> int:
    """The end of an organisation name that starts with a head phrase ending at ``end``."""
    known = {c.start: c.end for c in doc.found if c.kind == "organization"}
    while True:
        gap = doc.text[end : end + 2]
        nxt = end + 1 if gap[:1] in _SPACE_GAPS else -1
        i = doc.token_after(nxt) if nxt >= 0 else None
        if i is None:
            return end
        tok = doc.tokens[i]
        if nxt in known:
            end = known[nxt]
        elif nxt in heads:
            end = heads[nxt]
        elif any(doc.country_mask[tok.start : tok.end]):
            end = max(p.end for p in doc.countries if p.start <= tok.start < p.end)
        elif tok.titled and not _blocked(doc, tok):
            end = tok.end
        else:
            return end


@cache
def _english_demonym(country: str) -> str:
    """``RU`` → ``Russian`` (from ``langs/en/places.toml``), else the country's English name."""
    demonyms = langs.load("en", "places").get("demonyms", {}).get(country)
    if demonyms:
        return str(demonyms[0])
    from storyline.extract.places import country_name

    return country_name(country)


def _head_roles() -> dict[str, str | None]:
    """Role of the head of each organisation id (known organisations and ministries)."""
    heads: dict[str, str | None] = {}
    for org in (o for pairs in known_orgs()[0].values() for _, o in pairs):
        heads[org.id] = org.head_role
    return heads


def _org_starting_at(doc: _Doc, pos: int) -> _Candidate | None:
    return next((c for c in doc.found if c.kind == "organization" and c.start == pos), None)


def _find_heads(doc: _Doc) -> None:
    """ "head of the Pentagon Lloyd Austin": role and country from the organisation."""
    heads = _head_roles()
    ministry_heads = {m.name: m.head_role for m in ministries().values()}
    for start, end, _ in doc.lex.head_of.find(doc.text):
        gap = _NAME_GAP.match(doc.text, end)
        org = _org_starting_at(doc, gap.end()) if gap else None
        role = None if org is None else heads.get(org.id) or ministry_heads.get(org.name)
        if org is None or role is None or not doc.free(start, end):
            continue
        doc.claim(start, end)
        run = _name_after(doc, org.end, appositive=False)
        if run:
            doc.found.append(_person(doc, run, role=role, country=org.country, context=True))


_MAX_CONNECTOR_GAP = 24  # characters: "della", "de la", "of the", with spaces


def _org_after(doc: _Doc, end: int) -> _Candidate | None:
    """An organisation right after a title, possibly after a connector ("segretario generale della NATO")."""
    for org in doc.found:
        # Only a short gap can be a connector; never normalise a long stretch
        # of text (that made long pages quadratic).
        if org.kind == "organization" and end <= org.start <= end + _MAX_CONNECTOR_GAP:
            gap = _norm(doc.text[end : org.start])
            if doc.text[end : org.start].isspace() or gap in doc.lex.connectors:
                return org
    return None


def _find_titled(doc: _Doc) -> None:
    """Title + optional country or organisation + name: "Presiden Rusia Vladimir Putin"."""
    for start, end, role in doc.lex.roles.find(doc.text):
        if not doc.free(start, end):
            continue
        place, phrase_end = _country_next_to(doc, start, end)
        country = place.country if place else None
        if place is None and (org := _org_after(doc, end)) is not None:
            country, phrase_end = org.country, org.end
        doc.claim(start, end)
        run = _name_after(doc, phrase_end, appositive=place is not None)
        if run:
            doc.found.append(_person(doc, run, role=role, country=country, context=True))


def _find_honorifics(doc: _Doc) -> None:
    """Honorific + name: "Sr. Kim", "ông Kim", "Bapak Bjorn Arild Gram"."""
    if doc.lex.honorifics is None:
        return
    for match in doc.lex.honorifics.finditer(doc.text):
        if not doc.free(*match.span()):
            continue
        run = _name_after(doc, match.end(), appositive=False)
        if run:
            doc.claim(*match.span())
            doc.found.append(_person(doc, run, context=True))


def _common_opening(doc: _Doc, tok: _Token, run_length: int) -> bool:
    """A sentence-initial word that is an ordinary word ("Pada", "Theo", "Under", "Desde")."""
    if not doc.sentence_initial(tok.start):
        return False
    word = tok.text.casefold()
    if word in doc.lex.stopwords:
        return True
    return run_length == 1 and lemma_known(word, doc.language)


def _headline_line(doc: _Doc, start: int) -> bool:
    """Whether the line holding ``start`` has no lowercase word: a menu, a byline, a title."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
    return not any(m.group()[0].islower() for m in _WORD.finditer(line))


def _classify_run(doc: _Doc, run: list[_Token]) -> _Candidate | None:
    """Organisation, person, or nothing, for a bare capitalised run."""
    words = [tok.text.casefold() for tok in run]
    # A language's own organisation words ("Policía", "Fuerzas") only make a
    # run of several words an organisation: alone they are ordinary nouns
    # capitalised by convention ("el Gobierno").
    org_words = doc.lex.org_words if len(run) > 1 else doc.lex.single_org_words
    if any(w in org_words for w in words):
        name = " ".join(tok.text for tok in run)
        doc.claim(run[0].start, run[-1].end)
        org_id = actor_key(name, kind="organization")
        return _Candidate(run[0].start, run[-1].end, name, "organization", org_id)
    if all(any(doc.placed[tok.start : tok.end]) for tok in run if tok.titled):
        return None
    if len(run) > 1 and (
        _headline_line(doc, run[0].start) or all(lemma_known(w, doc.language) for w in words)
    ):
        return None
    return _person(doc, run)


def _find_bare_runs(doc: _Doc) -> None:
    i = 0
    while i < len(doc.tokens):
        run = _run_from(doc, i)
        if run and _common_opening(doc, run[0], len(run)):
            run = run[1:]
        if run and (cand := _classify_run(doc, run)) is not None:
            doc.found.append(cand)
        i = doc.at[run[-1].start] + 1 if run else i + 1


def _find_countries(doc: _Doc) -> None:
    """Country places not used up as the country of a title or ministry: the country as actor."""
    for place in doc.countries:
        if doc.free(place.start, place.end):
            doc.found.append(
                _Candidate(
                    place.start,
                    place.end,
                    place.name,
                    "country",
                    f"country:{place.country}",
                    country=place.country,
                    context=True,
                )
            )


# --- within-article resolution ------------------------------------------------


def _resolve_singles(found: list[_Candidate]) -> list[_Candidate]:
    """Give one-word person mentions the id and name of the full name they belong to.

    A one-word mention without a matching full name survives only when a title
    or honorific introduced it ("Presiden Putin" in an article that never
    gives Putin's first name).
    """
    full = [c for c in found if c.kind == "person" and not c.single]
    counts = Counter(c.id for c in full)
    by_word: dict[str, list[_Candidate]] = {}
    for cand in full:
        for word in name_tokens(cand.name):
            if word[0].isupper():  # not the particles of "Lula da Silva"
                by_word.setdefault(token_key(word), []).append(cand)
    kept = []
    for cand in found:
        if not (cand.kind == "person" and cand.single):
            kept.append(cand)
        elif owners := by_word.get(token_key(cand.name), []):
            best = max(owners, key=lambda c: counts[c.id])
            kept.append(replace(cand, id=best.id, name=best.name, single=False))
        elif cand.context:
            kept.append(cand)
    return kept


def _best_role(roles: Counter[str]) -> str:
    """The most frequent role, ignoring generic ones a more specific role refines.

    "Bộ trưởng Belousov" (minister) and "Bộ trưởng Quốc phòng ... Belousov"
    (defence minister) are one role: the specific one.
    """
    specific = [r for r in roles if not any(o != r and o.endswith(" " + r) for o in roles)]
    return max(specific, key=lambda r: roles[r])


def _share_attributes(found: list[_Candidate]) -> list[_Candidate]:
    """Every mention of one actor gets the role and country any of its mentions revealed."""
    roles: dict[str, Counter[str]] = {}
    countries: dict[str, str] = {}
    for cand in found:
        if cand.role:
            roles.setdefault(cand.id, Counter())[cand.role] += 1
        if cand.country:
            countries.setdefault(cand.id, cand.country)
    best = {key: _best_role(counter) for key, counter in roles.items()}
    shared = []
    for cand in found:
        role = best.get(cand.id)
        if cand.role and role and not role.endswith(" " + cand.role):
            role = cand.role  # a genuinely different role in this mention ("leader" vs "president")
        shared.append(replace(cand, role=role or cand.role, country=cand.country or countries.get(cand.id)))
    return shared


_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s+")
_ROLE_END = frozenset(",.;:!?)\n")


def _find_roles_after(doc: _Doc) -> None:
    """Roles written after the name: "X, the US defence secretary", "X sebagai Presiden",
    "X, presidente de Francia", "X, le premier ministre japonais".

    The role must follow an appositive comma (then optional articles, the
    language's ``role_leads``) or a word of ``role_after`` ("sebagai", "as").
    A country may stand before the role ("the Chinese president") or after it
    (``_country_next_to``).  A role followed by another name belongs to that
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


_ROLE_AFTER_REACH = 3  # lowercase words between a name and "sebagai": "X resmi dilantik sebagai Presiden"


def _role_after(doc: _Doc, pos: int) -> tuple[str, str | None] | None:
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
        gap = _POSSESSIVE_GAP.match(doc.text, before.end)
        pos = gap.end() if gap else before.end
    pattern = doc.lex.roles.pattern
    match = pattern.match(doc.text, pos) if pattern is not None else None
    if match is None:
        return None
    place, end = _country_next_to(doc, match.start(), match.end())
    if place is not None and place.end > match.start():
        country = country or place.country
    return (doc.lex.roles.values[_norm(match.group())], country) if _role_ends(doc, end, explicit) else None


def _past_leads(doc: _Doc, pos: int) -> int:
    """``pos`` moved past up to two articles ("the", "l'") that may open an appositive role."""
    for _ in range(2):
        i = doc.token_after(pos)
        if i is None or doc.tokens[i].text.casefold() not in doc.lex.role_leads:
            break
        end = doc.tokens[i].end
        pos = _past_spaces(doc, end + (doc.text[end : end + 1] in _APOSTROPHES))
    return pos


def _role_after_word(doc: _Doc, pos: int) -> int | None:
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


def _past_spaces(doc: _Doc, pos: int) -> int:
    space = _SPACES.match(doc.text, pos)
    return space.end() if space else pos


def _role_ends(doc: _Doc, end: int, explicit: bool) -> bool:
    """Whether an appositive role ends its phrase (no name follows it: "X, President Y")."""
    pos = _past_spaces(doc, end)
    if pos >= len(doc.text) or doc.text[pos] in _ROLE_END:
        return True
    i = doc.token_after(pos)
    return explicit or i is None or not doc.tokens[i].titled


def _single_word_surnames(doc: _Doc) -> None:
    """Surnames that the bare-run step skipped (sentence-initial, or also a city name like "Austin")."""
    full_words = {
        token_key(w) for c in doc.found if c.kind == "person" and not c.single for w in name_tokens(c.name)
    }
    for tok in doc.tokens:
        if (
            tok.titled
            and doc.free(tok.start, tok.end)
            and token_key(tok.text) in full_words
            and not any(doc.country_mask[tok.start : tok.end])
        ):
            doc.found.append(_person(doc, [tok]))


def extract_actors(text: str, *, language: str | None, places: Sequence[Place] = ()) -> tuple[Mention, ...]:
    """People, organisations and countries acting in ``text``, sorted by start offset.

    ``places`` are the article's place mentions (from
    :func:`storyline.extract.places.extract_places`): country places next to a
    title or ministry give the actor's country, other country places become
    ``country`` actors, and words inside places are not taken for names.
    ``language`` picks the vocabulary; None uses every language's at once.
    """
    doc = _Doc.build(text, language, places)
    for step in (_find_known_orgs, _find_ministries, _find_org_heads, _find_heads, _find_titled):
        step(doc)
    _find_honorifics(doc)
    _find_bare_runs(doc)
    _single_word_surnames(doc)
    _find_roles_after(doc)
    _find_countries(doc)
    found = _share_attributes(_resolve_singles(doc.found))
    return tuple(_to_mention(text, c) for c in sorted(found, key=lambda c: (c.start, -c.end)))


def _to_mention(text: str, cand: _Candidate) -> Mention:
    return Mention(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        id=cand.id,
        name=cand.name,
        kind=cand.kind,
        role=cand.role,
        country=cand.country,
    )

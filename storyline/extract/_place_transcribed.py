"""Foreign places written by sound in a script the gazetteer lacks names in (Korean).

Korean transcribes foreign names syllable by syllable ("이시카와현", Ishikawa prefecture;
"위스콘신", Wisconsin), and no shipped resource lists most of them in Hangul.  A word's
romanisation (anyascii) and the Latin names of the gazetteer are both reduced to a sound
skeleton by the language's rules (``[transcription]`` in ``langs/<iso>/places.toml``:
voicing, ``f``/``p``, ``l``/``r``, the epenthetic ``eu`` ...); a word matches a place of a
country the article names (never one of the language's own countries, whose names are its
words) when the skeletons are equal, or nearly equal for a word that carries an
administrative suffix ("현", "주", "시").  Loaded only for a language that asks for it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from storyline import langs
from storyline.extract.gazetteer import Gazetteer

_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_S_BEFORE_CONSONANT = re.compile(r"s(?=[^aeiou])")
_DOUBLE = re.compile(r"(.)\1+")
# A near match: rapidfuzz ratio of the skeletons, for suffixed words only.
_NEAR = 88


@dataclass(frozen=True, slots=True)
class Transcription:
    rules: tuple[tuple[str, str], ...]
    own: frozenset[str]
    min_bare: int  # syllables of a word matched without a suffix
    min_suffixed: int  # syllables before an administrative suffix


@cache
def transcription(language: str) -> Transcription | None:
    data = langs.load(language, "places").get("transcription")
    if not data:
        return None
    return Transcription(
        rules=tuple((str(a), str(b)) for a, b in data.get("rules", [])),
        own=frozenset(data.get("own_countries", [])),
        min_bare=int(data.get("min_syllables", 4)),
        min_suffixed=int(data.get("min_suffixed_syllables", 3)),
    )


def skeleton(name: str, rules: tuple[tuple[str, str], ...]) -> str:
    """The sound skeleton of a name in any script: romanised, lowercase, the language's
    replacements, ``s`` before a consonant dropped (Korean "ㅅ" marks a doubled consonant:
    "홋카이도" hoskaido, Hokkaido), doubled letters single."""
    from anyascii import anyascii

    s = _NOT_LETTER.sub("", anyascii(name).lower())
    for old, new in rules:
        s = s.replace(old, new)
    return _DOUBLE.sub(r"\1", _S_BEFORE_CONSONANT.sub("", s))


@cache
def _index(language: str, gaz_id: int) -> dict[str, dict[str, list[int]]]:
    """``{country: {skeleton: [entry indices]}}`` of the regions and cities (English names)."""
    del gaz_id  # one index per gazetteer object
    from storyline.extract.gazetteer import gazetteer

    t = transcription(language)
    assert t is not None
    # A city named like a person ("Vladimir") would take "블라디미르 푸틴".
    stop = frozenset(langs.load(langs.UNIVERSAL, "places").get("stop", {}).get("words", []))
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, entry in enumerate(gazetteer().entries):
        if entry.kind == "country" or entry.country is None or entry.country in t.own or entry.name in stop:
            continue
        name = entry.name.split(",")[0]
        out[entry.country][skeleton(name, t.rules)].append(i)
    kinds = {"region": 0, "city": 1}
    entries = gazetteer().entries
    return {
        country: {
            key: sorted(found, key=lambda i: kinds.get(entries[i].kind, 2)) for key, found in by_key.items()
        }
        for country, by_key in out.items()
    }


def transcribed(
    text: str,
    language: str,
    gaz: Gazetteer,
    countries: frozenset[str | None],
    suffixes: frozenset[str],
    taken: bytearray,
) -> Iterator[tuple[int, int, int]]:
    """``(start, end, entry index)`` of transcribed places in Hangul words not yet taken."""
    t = transcription(language)
    wanted = [c for c in countries if c is not None and c not in t.own] if t else []
    if t is None or not wanted:
        return
    index = _index(language, id(gaz))
    for word in _HANGUL_WORD.finditer(text):
        if any(taken[word.start() : word.end()]):
            continue
        w = word.group()
        # Longest first: the word carries its particle ("위스콘신에서", "이시카와현에").
        for size in range(len(w), t.min_suffixed - 1, -1):
            part = w[:size]
            # The word as written ("홋카이도"), or its stem before a suffix ("이시카와" + "현").
            tries = [(part, False)] if size >= t.min_bare else []
            if part[-1] in suffixes and size - 1 >= t.min_suffixed:
                tries.append((part[:-1], True))
            hit = next(
                (h for stem, near in tries if (h := _lookup(stem, near, wanted, index, t)) is not None), None
            )
            if hit is not None:
                yield word.start(), word.start() + size, hit
                break


def _lookup(
    stem: str, near: bool, wanted: list[str], index: dict[str, dict[str, list[int]]], t: Transcription
) -> int | None:
    from rapidfuzz import fuzz, process

    key = skeleton(stem, t.rules)
    hit = next((index[c][key][0] for c in wanted if key in index.get(c, {})), None)
    if hit is None and near:
        for c in wanted:
            found = process.extractOne(key, index.get(c, {}).keys(), scorer=fuzz.ratio, score_cutoff=_NEAR)
            if found is not None:
                return index[c][found[0]][0]
    return hit

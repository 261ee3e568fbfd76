"""Base forms of inflected names: "Владимира Путина" is the actor "Владимир Путин".

Russian and Ukrainian decline names, so an article names one person in six cases and the
name key would split them.  pymorphy3 with its dictionaries (pymorphy3-dicts-ru, -uk, from
the package registry) analyses each word; the case the words of the name agree on best
(proper-name readings — first name, surname, patronymic — counting more than common nouns)
is taken as the case of the whole name, and every word is put into the nominative in the
reading that has that case.  A name whose best agreement is the nominative is left alone,
as is a word the dictionary does not know (foreign names written in Cyrillic often do not
decline: "Ким Чен Ын").

The dictionaries (about 15 MB each) load on the first Cyrillic name of that language, so a
run without Russian or Ukrainian never loads them.  Languages with a ``morph`` entry in
``langs/xx/morphology.toml`` are handled; other languages return names unchanged.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from storyline import langs

__all__ = ["base_name", "leading_common_words"]

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_PROPER = frozenset({"Name", "Surn", "Patr"})
_PROPER_WEIGHT = 1.0
_NOUN_WEIGHT = 0.3  # a common-noun reading ("маска", a mask) is weaker evidence of the case


@cache
def _languages() -> dict[str, str]:
    """``{language: pymorphy3 dictionary}`` from ``langs/xx/morphology.toml``."""
    return {str(k): str(v) for k, v in langs.load(langs.UNIVERSAL, "morphology").get("pymorphy", {}).items()}


@cache
def _analyzer(language: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=_languages()[language])


def _readings(morph: Any, word: str) -> list[tuple[Any, float]]:
    """Noun readings of ``word`` with their weights (proper names first)."""
    out = []
    for parse in morph.parse(word):
        tag = parse.tag
        proper = bool(_PROPER & set(tag.grammemes))
        if tag.POS == "NOUN" or (proper and tag.POS == "ADJF"):
            out.append((parse, float(parse.score) * (_PROPER_WEIGHT if proper else _NOUN_WEIGHT) + 1e-3))
    return out


def _best_case(readings: list[list[tuple[Any, float]]]) -> str:
    """The case every known word of the name can be in, with the most weight ("nomn" if none)."""
    scores: dict[str, float] = {}
    for case in _CASES:
        best = [max((w for p, w in word if p.tag.case == case), default=None) for word in readings if word]
        if best and all(b is not None for b in best):
            scores[case] = sum(b for b in best if b is not None)
    if not scores:
        return "nomn"
    return max(scores, key=lambda c: (scores[c], c == "nomn"))


def _nominative(word: str, readings: list[tuple[Any, float]], case: str) -> str:
    fitting = sorted((r for r in readings if r[0].tag.case == case), key=lambda r: -r[1])
    for parse, _ in fitting:
        inflected = parse.inflect({"nomn"})
        if inflected is not None:
            return _like(word, str(inflected.word))
    return word


def _like(original: str, word: str) -> str:
    """``word`` with the capitals of ``original`` (each hyphenated part capitalised alike)."""
    if original.isupper():
        return word.upper()
    parts = word.split("-")
    originals = original.split("-")
    if len(parts) != len(originals):
        return word[:1].upper() + word[1:]
    return "-".join(
        p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, originals, strict=True)
    )


@lru_cache(maxsize=65_536)  # bounded: a monitor sees new words for weeks
def base_name(name: str, language: str | None) -> str:
    """``name`` with its words in the nominative, for the languages configured (else unchanged)."""
    if language not in _languages() or not any("\u0400" <= ch <= "\u04ff" for ch in name):
        return name
    morph = _analyzer(language)
    words = name.split()
    readings = [_readings(morph, w) for w in words]
    case = _best_case(readings)
    if case == "nomn":
        return name
    return " ".join(_nominative(w, r, case) for w, r in zip(words, readings, strict=True))


def _common_word(morph: Any, word: str) -> bool:
    """A word the dictionary knows only as something other than a personal name ("Республиканец")."""
    parses = morph.parse(word)
    return bool(parses) and all(p.is_known and not (_PROPER & set(p.tag.grammemes)) for p in parses)


def _may_be_name(morph: Any, word: str) -> bool:
    parses = morph.parse(word)
    return any(_PROPER & set(p.tag.grammemes) for p in parses) or not any(p.is_known for p in parses)


def leading_common_words(words: list[str], language: str | None) -> int:
    """How many words at the start of a capitalised run are common words glued to the name.

    A sentence-initial noun or a genitive place before a name is capitalised too:
    "Республиканец Дональд Трамп", "России Владимир Путин".  Only words the dictionary knows
    and never as a name are dropped, and only when a possible name follows.
    """
    if (
        language not in _languages()
        or len(words) < 2
        or not any("\u0400" <= ch <= "\u04ff" for ch in words[0])
    ):
        return 0
    morph = _analyzer(language)
    drop = 0
    while drop < len(words) - 1 and _common_word(morph, words[drop]):
        drop += 1
    return drop if drop and _may_be_name(morph, words[drop]) else 0

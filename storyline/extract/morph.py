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

from functools import cache
from typing import Any

from storyline import langs

__all__ = ["base_name"]

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


@cache
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

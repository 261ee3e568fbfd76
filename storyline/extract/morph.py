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

__all__ = [
    "base_name",
    "base_org",
    "complement_word",
    "cyrillic",
    "given_name",
    "leading_common_words",
    "lemmas",
    "name_gender",
    "name_reading",
]

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


def _proper(parse: Any, language: str) -> bool:
    """Whether a reading is a personal name: tagged so, or an animate noun whose other forms are
    (the Ukrainian dictionary tags "Володимиром" as a given name, not its nominative "Володимир")."""
    grammemes = set(parse.tag.grammemes)
    if _PROPER & grammemes:
        return True
    return parse.tag.POS == "NOUN" and "anim" in grammemes and _name_lexeme(language, str(parse.normal_form))


@lru_cache(maxsize=16_384)
def _name_lexeme(language: str, lemma: str) -> bool:
    """Whether some animate noun reading of ``lemma`` has name forms in its paradigm."""
    return any(
        parse.normal_form == lemma
        and "anim" in parse.tag.grammemes
        and any(_PROPER & set(form.tag.grammemes) for form in parse.lexeme)
        for parse in _analyzer(language).parse(lemma)
    )


def _readings(morph: Any, word: str, language: str) -> list[tuple[Any, float]]:
    """Noun readings of ``word`` with their weights (proper names first)."""
    out = []
    for parse in morph.parse(word):
        tag = parse.tag
        if tag.number == "plur":
            continue  # one person's name is singular: "Олаф" guessed as a plural genitive ("Олафы")
        proper = _proper(parse, language)
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


# Foreign names ending in these vowels do not decline ("Моди", "Мелони", "Драги", "Болсонару"); an
# ending that is a case ending of the case read stays one ("Трампу" dative, "Макроне" locative).
_INDECLINABLE_ENDINGS = "иуюеоэ"
_CASE_ENDINGS = {"datv": "ую", "loct": "е", "accs": "у"}


def _guessed(readings: list[tuple[Any, float]]) -> bool:
    """Whether no reading of a word comes from the dictionary (all are guesses by its ending)."""
    return all(type(p.methods_stack[0][0]).__name__ != "DictionaryAnalyzer" for p, _ in readings)


def _nominative(word: str, readings: list[tuple[Any, float]], case: str) -> str:
    last = word[-1:].casefold()
    if last in _INDECLINABLE_ENDINGS and last not in _CASE_ENDINGS.get(case, "") and _guessed(readings):
        return word
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
    if language not in _languages() or not cyrillic(name):
        return name
    morph = _analyzer(language)
    words = name.split()
    readings = [_readings(morph, w, language) for w in words]
    case = _best_case(readings)
    foreign = _foreign_oblique(words, readings, language)
    if foreign is not None and (case == "nomn" or not _proper_somewhere(readings[-1], language)):
        return foreign
    if case == "nomn":
        return name
    return " ".join(_nominative(w, r, case) for w, r in zip(words, readings, strict=True))


_CONSONANTS = "бвгджзклмнпрстфхцчшщ"
# Case endings of a man's name with a hard stem: genitive/accusative, dative, instrumental, locative.
_MASCULINE_ENDINGS = {"а": "gent", "у": "datv", "ом": "ablt", "е": "loct"}
_FEMININE_SURNAMES = ("ова", "ева", "ёва", "ина", "ына", "ая", "яя", "ову", "еву", "ину", "ой", "ую")


def _proper_somewhere(readings: list[tuple[Any, float]], language: str) -> bool:
    return any(_proper(p, language) for p, _ in readings)


def _foreign_oblique(words: list[str], readings: list[list[tuple[Any, float]]], language: str) -> str | None:
    """A man's foreign name in an oblique case that the dictionary misreads ("Илона Маска": a woman's
    name and a mask; "Илону Маску"; "Кира Стармера", "Си Цзиньпина", "Олафа Шольца"): the surname,
    which the dictionary does not know as a name, and every declining word end in one masculine case
    ending after a hard consonant; words the dictionary knows as given names take that case's
    nominative from it ("Эммануэля"), the others lose the ending; the surname is no woman's."""
    surname = words[-1].casefold()
    if len(words) < 2 or surname.endswith(_FEMININE_SURNAMES) or _proper_somewhere(readings[-1], language):
        return None
    ending = next((e for e in _MASCULINE_ENDINGS if _hard_ending(surname, e)), None)
    if ending is None:
        return None
    case = _MASCULINE_ENDINGS[ending]
    out = []
    for word, reading in zip(words, readings, strict=True):
        if _hard_ending(word.casefold(), ending) and not _proper_somewhere(reading, language):
            out.append(word[: -len(ending)])
        elif word[-1:].casefold() in _INDECLINABLE_ENDINGS and _guessed(reading):
            out.append(word)
        elif _proper_somewhere(reading, language) and any(p.tag.case == case for p, _ in reading):
            out.append(_nominative(word, [r for r in reading if _proper(r[0], language)], case))
        elif _hard_ending(word.casefold(), ending):
            out.append(word[: -len(ending)])
        else:
            return None
    return " ".join(out)


def _hard_ending(word: str, ending: str) -> bool:
    stem = word[: -len(ending)]
    return word.endswith(ending) and len(stem) >= 2 and stem[-1] in _CONSONANTS


@lru_cache(maxsize=65_536)  # bounded, as base_name
def name_reading(word: str, language: str | None) -> bool:
    """Whether the dictionary reads ``word`` as a personal name (among other readings): Russian
    surnames look like common nouns ("Песков", of the sands; "Волков", of the wolves)."""
    if language not in _languages() or not cyrillic(word):
        return False
    return any(_proper(p, language) for p in _analyzer(language).parse(word))


@lru_cache(maxsize=65_536)  # bounded, as base_name
def _dictionary_parses(word: str, language: str | None) -> tuple[Any, ...]:
    """The dictionary's readings of a Cyrillic ``word``; none for other words and languages."""
    if language not in _languages() or not cyrillic(word):
        return ()
    return tuple(_analyzer(language).parse(word))


def given_name(word: str, language: str | None) -> bool:
    """Whether the dictionary reads ``word`` as a given name ("Вячеслав", "Анны")."""
    return any("Name" in p.tag.grammemes for p in _dictionary_parses(word, language))


def name_gender(name: str, language: str | None) -> str | None:
    """ "masc" or "femn" when the dictionary reads the first word of a person's name as a given
    name of one gender only ("Эльвира", "Иван"); None otherwise."""
    first = name.split(maxsplit=1)[0] if name.split() else ""
    genders = {
        g
        for p in _dictionary_parses(first, language)
        if "Name" in p.tag.grammemes
        for g in ("masc", "femn")
        if g in p.tag.grammemes
    }
    return genders.pop() if len(genders) == 1 else None


def complement_word(word: str, language: str | None) -> bool:
    """Whether ``word`` may stand in a title's genitive complement: a common noun or an adjective
    ("губернатор Белгородской области", "мэр города"), never a name."""
    parses = _dictionary_parses(word, language)
    if any(_PROPER & set(p.tag.grammemes) for p in parses):
        return False
    return any(p.tag.POS in ("NOUN", "ADJF") and "gent" in p.tag.grammemes for p in parses)


def _common_word(morph: Any, word: str, language: str) -> bool:
    """A word the dictionary knows only as something other than a personal name ("Республиканец")."""
    parses = morph.parse(word)
    return bool(parses) and all(p.is_known and not _proper(p, language) for p in parses)


def _may_be_name(morph: Any, word: str, language: str) -> bool:
    parses = morph.parse(word)
    return any(_proper(p, language) for p in parses) or not any(p.is_known for p in parses)


_VOWELS = frozenset("аеєиіїоуюяыэё")


def _syllabic_name(words: list[str]) -> bool:
    """Three one-syllable words: a Korean name in Cyrillic ("Ким Чен Ын", "Чан Хо Джин"), whose
    first word may also be a common noun ("чан", a vat) but is the family name."""
    return len(words) == 3 and all(sum(ch in _VOWELS for ch in w.casefold()) == 1 for w in words)


def leading_common_words(words: list[str], language: str | None) -> int:
    """How many words at the start of a capitalised run are common words glued to the name.

    A sentence-initial noun or a genitive place before a name is capitalised too:
    "Республиканец Дональд Трамп", "России Владимир Путин".  Only words the dictionary knows
    and never as a name are dropped, and only when a possible name follows.
    """
    if language not in _languages() or len(words) < 2 or not cyrillic(words[0]):
        return 0
    if _syllabic_name(words):
        return 0
    morph = _analyzer(language)
    drop = 0
    while drop < len(words) - 1 and _common_word(morph, words[drop], language):
        drop += 1
    return drop if drop and _may_be_name(morph, words[drop], language) else 0


def never_person(words: list[str], language: str | None) -> bool:
    """Whether a capitalised run cannot be a person: the dictionary knows every word, and only as
    inanimate nouns and other non-personal words ("Південної Кореї" after "президента")."""
    if language not in _languages() or not words or not all(cyrillic(w) for w in words):
        return False
    morph = _analyzer(language)
    for word in words:
        parses = morph.parse(word)
        if not parses or not all(p.is_known for p in parses):
            return False
        if any(_proper(p, language) or "anim" in p.tag.grammemes for p in parses):
            return False
    return True


def cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


@lru_cache(maxsize=65_536)
def lemmas(word: str, language: str | None) -> frozenset[str]:
    """The dictionary forms of a Cyrillic ``word`` ("Сенатом" → {"сенат"}); empty for other words
    and languages without a dictionary."""
    if language not in _languages() or not cyrillic(word):
        return frozenset()
    return frozenset(str(p.normal_form) for p in _analyzer(language).parse(word) if p.is_known)


@lru_cache(maxsize=16_384)
def base_org(name: str, language: str | None, heads: frozenset[str] = frozenset()) -> str:
    """An organisation name with its head noun (and the adjectives before it) in the nominative:
    "Раді Безпеки" → "Рада Безпеки", "Генеральній Асамблеї" → "Генеральна Асамблея"; the words
    after the head stay as written (they are its genitive complement).  ``heads`` are the lemmas
    of organisation nouns, preferred when a word has several readings ("раді": рада, not рад)."""
    words = name.split()
    if language not in _languages() or not words or not cyrillic(words[0]):
        return name
    morph = _analyzer(language)
    parses = [morph.parse(w) for w in words]
    head = next((i for i, ps in enumerate(parses) if any(p.tag.POS == "NOUN" for p in ps)), None)
    if head is None:
        return name
    nouns = [p for p in parses[head] if p.tag.POS == "NOUN"]
    preferred = [p for p in nouns if p.normal_form in heads] or nouns
    for parse in sorted(preferred, key=lambda p: -float(p.score)):
        case = parse.tag.case
        if case == "nomn" or case is None:
            return name
        gender = parse.tag.gender or "masc"
        before = [
            _agreeing(word, ps, case, gender) for word, ps in zip(words[:head], parses[:head], strict=True)
        ]
        if any(b is None for b in before):
            continue
        out = [b for b in before if b is not None]
        nominative = parse.inflect({"nomn"})
        if nominative is None:
            continue
        out.append(_like(words[head], str(nominative.word)))
        return " ".join([*out, *words[head + 1 :]])
    return name


def _agreeing(word: str, parses: list[Any], case: str, gender: str) -> str | None:
    """``word``, an adjective in ``case`` before an organisation noun, in the nominative (the reading
    closest to the written word: "Высшего" → "Высший", not "Высочайший"); None if it is none."""
    best: tuple[int, str] | None = None
    for parse in parses:
        if parse.tag.POS not in ("ADJF", "PRTF") or parse.tag.case != case:
            continue
        inflected = parse.inflect({"nomn", gender})
        if inflected is None:
            continue
        form = str(inflected.word)
        shared = next(
            (i for i, (a, b) in enumerate(zip(form, word.casefold(), strict=False)) if a != b),
            min(len(form), len(word)),
        )
        if shared >= len(word) - _ENDING and (best is None or shared > best[0]):
            best = (shared, form)
    return _like(word, best[1]) if best is not None else None


_ENDING = 3  # letters of an adjective's case ending: the rest must stay as written

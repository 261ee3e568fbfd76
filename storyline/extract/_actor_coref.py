"""Within-article resolution of actor mentions: a surname takes the id and full name of the
full name it belongs to, and mentions of one actor share the role and country found for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from storyline.extract._actor_doc import Candidate
from storyline.extract.morph import cyrillic
from storyline.extract.names import actor_key, capitalised_words, token_key


def resolve_singles(found: list[Candidate]) -> list[Candidate]:
    """Give one-word person mentions the id and name of the full name they belong to.

    A one-word mention without a matching full name survives only when a title
    or honorific introduced it ("Presiden Putin" in an article that never
    gives Putin's first name).
    """
    full = [c for c in found if c.kind == "person" and not c.single]
    counts = Counter(c.id for c in full)
    by_word: dict[str, list[Candidate]] = {}
    for cand in full:
        for word in capitalised_words(cand.name):  # not the particles of "Lula da Silva"
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


def share_attributes(found: list[Candidate]) -> list[Candidate]:
    """Every mention of one actor gets the role and country any of its mentions revealed."""
    roles: dict[str, Counter[str]] = {}
    countries: dict[str, str] = {}
    # One actor, one name: "Vladímir Putin" and a later "Vladimir Putin" share the first form.
    names: dict[str, str] = {}
    for cand in sorted(found, key=lambda c: c.start):
        names.setdefault(cand.id, cand.name)
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
        country = cand.country or countries.get(cand.id)
        shared.append(replace(cand, name=names[cand.id], role=role or cand.role, country=country))
    return shared


_MAX_ENDING = 3  # letters a case ending adds to a name word: "Маск" -> "Маском", "Смирнова" -> "Смирновой"
_MIN_STEM = 3


def _inflected_pair(a: str, b: str) -> bool:
    """Whether two words are one name word in two cases: a shared stem, endings of a few letters
    ("Маска" / "Маску" / "Маск", "Анны" / "Анна")."""
    a, b = a.casefold(), b.casefold()
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return (
        common >= _MIN_STEM
        and max(len(a), len(b)) - common <= _MAX_ENDING
        and common >= len(min(a, b, key=len)) - 1
    )


def unify_inflected(found: list[Candidate]) -> list[Candidate]:
    """People named in several cases in one article are one person, under the shortest form
    the article writes ("Илона Маска", "Илону Маску" and "Илон Маск" are Илон Маск; "Анны
    Смирновой" and "Анна Смирнова" are Анна Смирнова).  Only full names in a cased script
    with letters of Cyrillic: other scripts do not inflect names this way."""
    people = [c for c in found if c.kind == "person" and not c.single and cyrillic(c.name)]
    forms: dict[str, str] = {}
    for cand in people:
        words = cand.name.split()
        for other in people:
            others = other.name.split()
            same_shape = len(words) == len(others) > 1 and other.name != cand.name
            if same_shape and all(_inflected_pair(x, y) for x, y in zip(words, others, strict=True)):
                forms[cand.name] = min(forms.get(cand.name, cand.name), other.name, key=lambda n: (len(n), n))
    if not forms:
        return found
    ids = {c.name: c.id for c in people}  # the shortest form's own id (a known person's, say)
    return [
        replace(c, name=forms[c.name], id=ids.get(forms[c.name], actor_key(forms[c.name])))
        if c.kind == "person" and c.name in forms
        else c
        for c in found
    ]

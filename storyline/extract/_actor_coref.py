"""Within-article resolution of actor mentions: a surname takes the id and full name of the
full name it belongs to, and mentions of one actor share the role and country found for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from storyline.extract._actor_doc import Candidate
from storyline.extract.names import capitalised_words, token_key


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

"""Two place names written "CITY, REGION": read them as a place and its state or province.

"Atlanta, Georgia" names the US state, not the country; "Seattle, Washington"
the state, not the capital; "Paris, Texas" the American city, and "London,
Ontario" the Canadian city and province (not the British and the Californian
city).  A comma-joined pair is how news writes a place with its state or
province, so when the two names have such readings in one country, they win
over each name's own best reading.  A pair inside a list ("Moscow, Washington
and Beijing") is left alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol, TypeVar

from storyline.extract.gazetteer import Alias, Gazetteer


class _Matched(Protocol):
    @property
    def first(self) -> int: ...
    @property
    def last(self) -> int: ...
    @property
    def alias(self) -> Alias: ...
    @property
    def key(self) -> str: ...


M = TypeVar("M", bound=_Matched)
Accepts = Callable[[Alias, str], bool]
_LINK = 4  # a gap of one short lowercase word ("and", "und", "et", "og") links list items


def one_country_pairs(
    found: list[M], text: str, spans: list[tuple[int, int]], gaz: Gazetteer, accepts: Accepts
) -> list[M]:
    """``found`` with its "CITY, REGION" pairs read as a city and its region where the names allow it."""
    out = list(found)

    def gap(a: int, b: int) -> str:
        return text[spans[out[a].last][1] : spans[out[b].first][0]].strip()

    for n in range(1, len(out)):
        listed = (n > 1 and _links(gap(n - 2, n - 1))) or (n + 1 < len(out) and _links(gap(n, n + 1)))
        city, region = out[n - 1], out[n]
        if gap(n - 1, n) != "," or listed or not (city.key and region.key):
            continue
        here, there = gaz.entries[city.alias.entry], gaz.entries[region.alias.entry]
        if here.kind != "city" or (there.kind == "country" and there.country == here.country):
            continue
        if there.kind == "region" and there.country != here.country:  # "Paris, Texas"
            other = _reading(gaz, accepts, city.key, "city", there.country)
            if other is not None:
                out[n - 1] = dataclasses.replace(city, alias=other)  # type: ignore[type-var]
            continue
        other = _reading(gaz, accepts, region.key, "region", here.country)  # "Atlanta, Georgia"
        if other is not None:
            out[n] = dataclasses.replace(region, alias=other)  # type: ignore[type-var]
            continue
        both = _both(gaz, accepts, city.key, region.key)  # "London, Ontario": neither's first reading
        if both is not None:
            out[n - 1] = dataclasses.replace(city, alias=both[0])  # type: ignore[type-var]
            out[n] = dataclasses.replace(region, alias=both[1])  # type: ignore[type-var]
    return out


def _both(gaz: Gazetteer, accepts: Accepts, city: str, region: str) -> tuple[Alias, Alias] | None:
    """A city reading of ``city`` in the country of a region reading of ``region``."""
    for alias in gaz.aliases(region):
        entry = gaz.entries[alias.entry]
        if entry.kind == "region" and (alias.source == "shadowed" or accepts(alias, region)):
            other = _reading(gaz, accepts, city, "city", entry.country)
            if other is not None:
                return other, alias
    return None


def _links(gap: str) -> bool:
    return gap == "," or (0 < len(gap) <= _LINK and gap.isalpha() and gap.islower())


def _reading(gaz: Gazetteer, accepts: Accepts, key: str, kind: str, country: str | None) -> Alias | None:
    """The first alias of ``key`` that is a ``kind`` in ``country`` and valid in the text's language
    (a subdivision named like a country or a city is: this pair is where it is read)."""
    for alias in gaz.aliases(key):
        entry = gaz.entries[alias.entry]
        if (
            entry.kind == kind
            and entry.country == country
            and (alias.source == "shadowed" or accepts(alias, key))
        ):
            return alias
    return None

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

from collections.abc import Callable, Sequence
from typing import Protocol

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


Accepts = Callable[[Alias, str], bool]
_LINK = 4  # a gap of one short lowercase word ("and", "und", "et", "og") links list items


def one_country_aliases(
    found: Sequence[_Matched], text: str, spans: list[tuple[int, int]], gaz: Gazetteer, accepts: Accepts
) -> list[Alias]:
    """The reading of each match in ``found``, its "CITY, REGION" pairs read as a city and its region
    where the names allow it."""
    aliases = [m.alias for m in found]

    def gap(a: int, b: int) -> str:
        return text[spans[found[a].last][1] : spans[found[b].first][0]].strip()

    for n in range(1, len(found)):
        listed = (n > 1 and _links(gap(n - 2, n - 1))) or (n + 1 < len(found) and _links(gap(n, n + 1)))
        city, region = found[n - 1].key, found[n].key
        if gap(n - 1, n) != "," or listed or not (city and region):
            continue
        here, there = gaz.entries[aliases[n - 1].entry], gaz.entries[aliases[n].entry]
        if here.kind != "city" or (there.kind == "country" and there.country == here.country):
            continue
        if there.kind == "region" and there.country != here.country:  # "Paris, Texas"
            aliases[n - 1] = _reading(gaz, accepts, city, "city", there.country) or aliases[n - 1]
            continue
        other = _reading(gaz, accepts, region, "region", here.country)  # "Atlanta, Georgia"
        if other is not None:
            aliases[n] = other
            continue
        both = _both(gaz, accepts, city, region)  # "London, Ontario": neither's first reading
        if both is not None:
            aliases[n - 1], aliases[n] = both
    return aliases


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

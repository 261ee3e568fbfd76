"""Gazetteer entries by id, as places without offsets: what a stored id or a country code names."""

from __future__ import annotations

from storyline.extract.gazetteer import gazetteer
from storyline.model import Place


def place_by_id(place_id: str) -> Place | None:
    """The gazetteer entry ``place_id`` as a :class:`Place` without offsets (start=end=0, text="")."""
    gaz = gazetteer()
    index = gaz.by_id.get(place_id)
    if index is None:
        return None
    e = gaz.entries[index]
    return Place(0, 0, "", e.id, e.name, e.kind, e.country, e.lat, e.lon)


def country_name(code: str) -> str:
    """The English short name of an ISO 3166-1 alpha-2 code (``"KP"`` → ``"North Korea"``).

    Raises :class:`KeyError` for a code that names no country.
    """
    place = place_by_id(f"country:{code.upper()}")
    if place is None:
        raise KeyError(f"unknown country code: {code!r}")
    return place.name

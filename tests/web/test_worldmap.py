"""Country shapes come from the installed package, project where they should and load as data only."""

from __future__ import annotations

import io
import pickle

import pytest

from storyline.web import worldmap


def test_countries_are_loaded_and_simplified() -> None:
    shapes = worldmap.countries()
    codes = {c.iso2 for c in shapes}
    assert len(shapes) > 150
    assert {"FR", "NO", "VN", "ID", "BR", "US", "TW"} <= codes
    assert sum(len(c.path) for c in shapes) < 400_000  # small enough to inline in a page


def test_projection_and_centres() -> None:
    assert worldmap.project(0, -180) == (0, round(worldmap.NORTH * worldmap.SCALE, 1))
    x, y = worldmap.project(48.85, 2.35)  # Paris
    assert 500 < x < 510 and 90 < y < 100
    fx, fy = worldmap.country_centre("fr") or (0, 0)
    assert abs(fx - x) < 15 and abs(fy - y) < 20  # metropolitan France, not its overseas parts
    assert worldmap.project(-89, 0)[1] == round(worldmap.HEIGHT, 1)  # clamped to the map edge
    assert worldmap.country_centre("ZZ") is None


def test_the_map_data_cannot_run_code() -> None:
    evil = pickle.dumps(print)  # any class or function reference
    with pytest.raises(pickle.UnpicklingError):
        worldmap._PlainUnpickler(io.BytesIO(evil)).load()

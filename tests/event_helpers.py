"""Events of a sentence found by the real extractors, for the event tests (one helper, no copies)."""

from __future__ import annotations

import datetime as dt

from storyline.extract.actors import extract_actors
from storyline.extract.dates import extract_times
from storyline.extract.events import extract_events
from storyline.extract.places import extract_places
from storyline.model import Event


def events_of(
    text: str, language: str = "en", published: dt.date | None = dt.date(2024, 10, 14)
) -> list[Event]:
    """The events of ``text`` with the actors, places and times the extractors find in it."""
    times = extract_times(text, language=language, published=published)
    places = extract_places(text, language=language)
    actors = extract_actors(text, language=language, places=places)
    found, _ = extract_events(
        text, language=language, published=published, actors=actors, places=places, times=times
    )
    return list(found)

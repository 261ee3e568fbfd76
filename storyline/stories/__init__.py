"""The collection's read side: stories, timelines, compare and actor profiles (shapes in docs/contract.md).

Every function here only reads and returns plain JSON-able data; what
writes stories, identities and dated sentences is :mod:`storyline.collection`.
The CLI, the web views and the report all read through these functions.
"""

from __future__ import annotations

from storyline.stories.actors import actor_profile, list_actors
from storyline.stories.comparison import compare
from storyline.stories.listing import list_stories, story_detail
from storyline.stories.timelines import timeline

__all__ = [
    "actor_profile",
    "compare",
    "list_actors",
    "list_stories",
    "story_detail",
    "timeline",
]

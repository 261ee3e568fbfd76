"""The collection's read side: stories, timelines, compare and actor profiles (shapes in docs/contract.md).

Every function here only reads and returns plain JSON-able data; what
writes stories, identities and dated sentences is :mod:`storyline.collection`.
The CLI, the web views and the report all read through these functions.
"""

from __future__ import annotations

from storyline.stories.actors import actor_profile, list_actors
from storyline.stories.browse import StoryFilter, find_stories
from storyline.stories.comparison import compare
from storyline.stories.graph import co_participants
from storyline.stories.listing import list_stories, story_detail
from storyline.stories.sources import source_groups
from storyline.stories.timelines import timeline

__all__ = [
    "StoryFilter",
    "actor_profile",
    "co_participants",
    "compare",
    "find_stories",
    "list_actors",
    "list_stories",
    "source_groups",
    "story_detail",
    "timeline",
]

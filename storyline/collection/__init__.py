"""The collection's write side: what happens to stored articles after they are stored.

:func:`update_collection` resolves each article's actors and places into
canonical identities (:mod:`storyline.resolve`), fingerprints it
(:mod:`~storyline.collection.fingerprints`), clusters it into stories
(:mod:`storyline.cluster`) and keeps its dated sentences for the timeline
(:mod:`~storyline.collection.dated`).  The read side is :mod:`storyline.stories`.
"""

from __future__ import annotations

from storyline.collection.update import UPDATE_BATCH, update_collection

__all__ = ["UPDATE_BATCH", "update_collection"]

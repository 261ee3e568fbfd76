"""storyline: an offline-first, multilingual news event monitor.

The public Python API; the CLI is a thin wrapper over these functions::

    import storyline
    report = storyline.ingest(["examples/corpus"], db="storyline.db")
    for item in storyline.analyze(["article.txt"]):
        ...
"""

from __future__ import annotations

from storyline.api import IngestReport, Outcome, analyze, ingest, open_db
from storyline.errors import StorylineError
from storyline.model import (
    Actor,
    Article,
    ArticleResult,
    Claim,
    Event,
    Mention,
    Place,
    Rejection,
    Story,
    TimeExpr,
)
from storyline.normalize import search_text
from storyline.settings import Settings, load_settings
from storyline.version import __version__

__all__ = [
    "Actor",
    "Article",
    "ArticleResult",
    "Claim",
    "Event",
    "IngestReport",
    "Mention",
    "Outcome",
    "Place",
    "Rejection",
    "Settings",
    "Story",
    "StorylineError",
    "TimeExpr",
    "__version__",
    "analyze",
    "ingest",
    "load_settings",
    "open_db",
    "search_text",
]

"""The ``times`` extraction stage: time expressions, found by :mod:`storyline.dates.expressions`.

The finder lives below cleaning and extraction because cleaning uses it too
(a scrape's dateline, see :mod:`storyline.clean.published`).
"""

from __future__ import annotations

from storyline.dates.expressions import extract_times

__all__ = ["extract_times"]

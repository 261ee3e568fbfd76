"""Fuzzing profiles: a short, reproducible run in ``make test``; a long random one on demand.

    STORYLINE_FUZZ=long .venv/bin/pytest tests/fuzz -q -p no:cacheprovider   # ≥ 100,000 inputs

``STORYLINE_FUZZ_EXAMPLES`` sets the examples per target of the long run
(default 12,500: eight targets, 100,000 inputs in all).  Hypothesis keeps
failing inputs in ``.hypothesis/`` and replays them first; every crash found
becomes a test in ``test_regressions.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same inputs every run: make test stays reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("STORYLINE_FUZZ_EXAMPLES", "12500")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
settings.load_profile("long" if os.environ.get("STORYLINE_FUZZ") == "long" else "ci")

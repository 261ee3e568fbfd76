"""The example corpus as the tests see it: where it is and how many articles it holds.

A module of its own (not ``conftest``): several folders have a ``conftest.py``, and
``from conftest import …`` picks whichever was imported first.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
# Every file of the corpus but its README: counted, not written down, so that an article added to
# the corpus does not break every test that ingests it.
EXAMPLE_ARTICLES = sum(1 for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")

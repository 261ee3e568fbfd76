"""Dates in text, below both cleaning and extraction: per-language date vocabularies
(:mod:`~storyline.dates.lexicon`) and the time-expression finder that normalises
what it finds to ISO 8601 (:mod:`~storyline.dates.expressions`).

Cleaning reads a scrape's dateline with it (:mod:`storyline.clean.published`) and
extraction runs it as the ``times`` stage, so it imports neither of them.
"""

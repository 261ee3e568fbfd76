"""Errors raised by storyline.

Hierarchy::

    StorylineError
    ├── InputError          a source cannot become an article (carries the path)
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── UndecodableInput
    │   ├── TooLarge
    │   ├── Unreadable
    │   ├── MalformedRecord
    │   ├── NoArticleText
    │   └── FetchError      a URL could not be fetched (network, HTTP status, limits)
    │       └── Refused     a URL refused before any request (scheme, address, robots.txt)
    ├── StoreError          the database cannot be opened or written
    ├── ConfigError         a setting has a wrong name or value
    └── EvalError           gold data is missing or malformed

The batch layer turns an :class:`InputError` into a :class:`~storyline.model.Rejection`
(one ``PATH: reason`` line) and goes on with the next source.  Any other
exception met on one source is a bug: it becomes a rejection marked
*internal* (``internal error (…); please report it``), the batch still goes
on, and the command exits with :data:`EXIT_INTERNAL` instead of
:data:`EXIT_REJECTED`, so that scripts can tell a crash from bad input.
"""

from __future__ import annotations

# Exit codes of every command (README, "Bad input never stops a batch").
EXIT_OK = 0
EXIT_REJECTED = 1  # some input was rejected (or eval fell below a floor, or a read command failed)
EXIT_USAGE = 2  # click's usage errors
EXIT_INTERNAL = 3  # a bug: an internal error on some input, or an unexpected exception
EXIT_INTERRUPTED = 130
BUG_HINT = (
    "this is a bug in storyline, not a problem with your input: please report it with the command, "
    "the input that caused it and this message (set STORYLINE_DEBUG=1 for the traceback)"
)


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """A source cannot become an article."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmptyInput(InputError):
    """The source holds no text at all."""


class BinaryInput(InputError):
    """The source is binary data (an image, an archive), not text."""


class UndecodableInput(InputError):
    """The bytes match no text encoding."""


class TooLarge(InputError):
    """The source is larger than the configured limit."""


class Unreadable(InputError):
    """The file cannot be opened or read."""


class MalformedRecord(InputError):
    """A JSONL line is not a valid article record."""


class NoArticleText(InputError):
    """Cleaning left no article text (e.g. an HTML page without an article)."""


class FetchError(InputError):
    """A URL could not be fetched: network error, HTTP error status, time or size limit."""


class Refused(FetchError):
    """A URL was refused before any request: its scheme, its address or robots.txt."""


class StoreError(StorylineError):
    """The database cannot be opened, migrated or written."""


class ConfigError(StorylineError):
    """A setting has an unknown name or an invalid value."""


class EvalError(StorylineError):
    """Gold annotations are missing or malformed."""

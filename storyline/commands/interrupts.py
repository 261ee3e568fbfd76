"""Ctrl-C during a batch, taken between articles.

SQLite calls storyline's own Python functions (``search_text`` indexes every article stored),
and a KeyboardInterrupt raised inside one of them is swallowed by ``sqlite3`` and turned into an
OperationalError: the article was reported as failed and the batch went on to its end (exit code
1, not 130).  So the first Ctrl-C only asks the batch to stop, and the loop stops after the
article in hand; a second Ctrl-C interrupts at once.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Interrupt:
    """Whether Ctrl-C was pressed since the batch began."""

    requested = False

    def check(self) -> None:
        """Raise KeyboardInterrupt when an interrupt was asked for."""
        if self.requested:
            raise KeyboardInterrupt


@contextmanager
def deferred_interrupts() -> Iterator[Interrupt]:
    """SIGINT recorded instead of raised, for the length of the block (main thread only)."""
    state = Interrupt()

    def handler(signum: int, frame: FrameType | None) -> None:
        if state.requested:
            raise KeyboardInterrupt
        state.requested = True

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: interrupts stay as they are
        yield state
        return
    try:
        yield state
    finally:
        signal.signal(signal.SIGINT, previous)

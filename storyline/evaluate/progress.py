"""Progress of a long evaluation on stderr: a bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    """What an evaluation reports while it runs."""

    def start(self, name: str, total: int) -> None:
        """A set begins; ``total`` items (0 when unknown)."""

    def advance(self, n: int = 1) -> None:
        """``n`` more items done."""

    def finish(self) -> None:
        """The set is done."""


class NoProgress:
    """Reports nothing (the Python API's default)."""

    def start(self, name: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class StderrProgress:
    """A redrawn bar on a terminal; on a pipe or log, one line when each set starts and ends."""

    _WIDTH = 30
    _REDRAW_SECONDS = 0.2

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._tty = self._stream.isatty()
        self._name = ""
        self._total = 0
        self._done = 0
        self._began = 0.0
        self._drawn = 0.0

    def start(self, name: str, total: int) -> None:
        self._name, self._total, self._done = name, total, 0
        self._began = self._drawn = time.monotonic()
        if self._tty:
            self._draw()
        else:
            items = f" ({total} items)" if total else ""
            self._stream.write(f"eval: {name}{items} …\n")
            self._stream.flush()

    def advance(self, n: int = 1) -> None:
        self._done += n
        now = time.monotonic()
        if self._tty and now - self._drawn >= self._REDRAW_SECONDS:
            self._drawn = now
            self._draw()

    def finish(self) -> None:
        seconds = time.monotonic() - self._began
        if self._tty:
            self._stream.write("\r\x1b[2K")
        self._stream.write(f"eval: {self._name} done in {seconds:.1f} s\n")
        self._stream.flush()

    def _draw(self) -> None:
        if self._total:
            filled = min(self._WIDTH, self._WIDTH * self._done // self._total)
            bar = f"[{'#' * filled}{'.' * (self._WIDTH - filled)}] {self._done}/{self._total}"
        else:
            bar = f"{self._done} done"
        self._stream.write(f"\r\x1b[2Keval: {self._name} {bar}")
        self._stream.flush()

"""Progress of long runs on stderr: a tqdm bar on a terminal, plain lines elsewhere.

:class:`Progress` counts an ingest's outcomes by status.  Messages
(rejections, warnings) go through :meth:`Progress.echo` so that they print
above the bar instead of tearing it.  When stderr is not a terminal (pipes,
CI, cron) nothing is drawn: a line of counts is printed every ``interval``
seconds, and only for runs that last that long.

:class:`EvalProgress` is what ``storyline eval`` reports set by set;
:class:`StderrProgress` shows it with the same bar on a terminal and one
line when each set starts and ends elsewhere, :class:`NoProgress` (the
Python API's default) shows nothing.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, Protocol, TextIO

ORDER = ("new", "duplicate", "rejected", "known", "unchanged", "skipped")


def _terminal_bar(label: str, total: int | None, stream: TextIO) -> Any:
    from tqdm import tqdm  # a fifth of a second to import: only for a terminal

    return tqdm(total=total, desc=label, unit=" items", file=stream, dynamic_ncols=True)


def counts_text(counts: Counter[str]) -> str:
    """``"3 new, 1 duplicate, 0 rejected"`` (plus any other non-zero status)."""
    parts = [f"{counts[s]} {s}" for s in ORDER[:3]]
    parts += [f"{counts[s]} {s}" for s in ORDER[3:] if counts[s]]
    return ", ".join(parts)


class Progress:
    """Counts outcomes by status while showing them; use as a context manager."""

    def __init__(
        self, label: str, *, total: int | None = None, stream: TextIO | None = None, interval: float = 30.0
    ) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.counts: Counter[str] = Counter()
        self.interval = interval
        self._started = self._last_line = time.monotonic()
        self._bar: Any = None
        if self.stream.isatty():
            self._bar = _terminal_bar(label, total, self.stream)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def update(self, status: str) -> None:
        self.counts[status] += 1
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix_str(counts_text(self.counts), refresh=False)
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval:
            self._last_line = now
            done = sum(self.counts.values())
            rate = done / max(now - self._started, 1e-9)
            self.echo(f"{self.label}: {done} done ({counts_text(self.counts)}), {rate:.1f}/s")

    def echo(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)


class EvalProgress(Protocol):
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
    """An evaluation set by set: a bar on a terminal; elsewhere one line when each set starts and ends."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._name = ""
        self._began = 0.0
        self._bar: Any = None

    def start(self, name: str, total: int) -> None:
        self._name, self._began = name, time.monotonic()
        if self._stream.isatty():
            self._bar = _terminal_bar(f"eval: {name}", total or None, self._stream)
        else:
            items = f" ({total} items)" if total else ""
            self._stream.write(f"eval: {name}{items} …\n")
            self._stream.flush()

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.leave = False  # the line below replaces the finished bar
            self._bar.close()
            self._bar = None
        self._stream.write(f"eval: {self._name} done in {time.monotonic() - self._began:.1f} s\n")
        self._stream.flush()

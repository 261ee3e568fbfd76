"""Progress of long runs on stderr: a tqdm bar on a terminal, a plain line of counts now and then elsewhere.

Messages (rejections, warnings) go through :meth:`Progress.echo` so that they
print above the bar instead of tearing it.  When stderr is not a terminal
(pipes, CI, cron) nothing is drawn: a line of counts is printed every
``interval`` seconds, and only for runs that last that long.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, TextIO

ORDER = ("new", "duplicate", "rejected", "known", "unchanged", "skipped")


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
            from tqdm import tqdm  # a fifth of a second to import: only for a terminal

            self._bar = tqdm(total=total, desc=label, unit=" items", file=self.stream, dynamic_ncols=True)

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

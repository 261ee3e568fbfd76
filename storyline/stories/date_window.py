"""The timeline's date window: which entry dates a ``from``–``to`` window keeps, in SQL and in
Python, and the window the unfiltered page opens on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from storyline.store.db import Database

# A window bound as the CLI (--from/--to) and the web (?from=&to=) accept it: year, month or day.
BOUND = r"\d{4}(-\d{2}(-\d{2})?)?"


@dataclass(frozen=True, slots=True)
class Window:
    """A date window on entry dates: ``date_from`` and ``date_to``, each an ISO date, month
    or year (``2024``, ``2024-10``, ``2024-10-12``), either open.

    An entry is in it when its date is not before ``date_from`` and its prefix of
    ``date_to``'s length is not after ``date_to`` (string order, see :func:`in_window`).
    A yearless day (``--10-12``) is dated by its story's anchor first; left yearless,
    it is outside any window with a start.
    """

    date_from: str | None = None
    date_to: str | None = None

    def __bool__(self) -> bool:
        return bool(self.date_from or self.date_to)

    def sql(self, column: str) -> tuple[str, tuple[Any, ...]]:
        """The days of ``column`` that may hold an entry in the window, as SQL and parameters.

        A full day is tested as :func:`in_window` tests it; a yearless one is kept
        when some year gives it a day in the window (its year is chosen later).
        """
        if not self:
            return "1 = 1", ()
        tests, params = [], []
        if self.date_from:
            tests.append(f"{column} >= ?")
            params.append(self.date_from)
        if self.date_to:
            tests.append(f"substr({column}, 1, {len(self.date_to)}) <= ?")
            params.append(self.date_to)
        full = " AND ".join(tests)
        if not self.date_from:  # a yearless day passes the test above as it is
            return full, tuple(params)
        yearless = self._yearless_days()
        if yearless is None:
            return f"(({full}) OR {column} LIKE '--%')", tuple(params)
        if not yearless:
            return full, tuple(params)
        marks = ",".join("?" * len(yearless))
        return f"(({full}) OR {column} IN ({marks}))", (*params, *yearless)

    def _yearless_days(self) -> list[str] | None:
        """The ``--MM-DD`` of the window's days; None when that is every one (a year or more,
        an open end, or a bound that is no date)."""
        lo, hi = _first_day(self.date_from), _last_day(self.date_to)
        if lo is None or hi is None:
            return None
        if (hi - lo).days >= 366:
            return None
        days = (lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1))
        return sorted({f"--{d:%m-%d}" for d in days})


def in_window(date: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether an entry dated ``date`` is in the window ``lo``–``hi`` (see :class:`Window`)."""
    if not date:
        return not (lo or hi)
    return (not lo or date >= lo) and (not hi or date[: len(hi)] <= hi)


def _first_day(bound: str | None) -> dt.date | None:
    if not bound:
        return None
    try:
        return dt.date.fromisoformat((bound + "-01-01")[:10] if len(bound) < 10 else bound)
    except ValueError:
        return None


def _last_day(bound: str | None) -> dt.date | None:
    first = _first_day(bound)
    if first is None or bound is None:
        return None
    if len(bound) == 4:
        return first.replace(month=12, day=31)
    if len(bound) == 7:
        following = first.replace(day=28) + dt.timedelta(days=4)
        return following - dt.timedelta(days=following.day)
    return first


def latest_days(db: Database, days: int) -> Window | None:
    """The window of the collection's last ``days`` calendar days that have entries, ending on
    the latest full day with an entry that is not after the latest publication day (a
    plan years ahead does not empty the window); None without dated entries."""
    row = db.conn.execute(
        "SELECT max(day) FROM timeline_days WHERE sentences > 0 AND day NOT LIKE '--%' "
        "AND day <= (SELECT coalesce(max(published), '9999') FROM articles WHERE published IS NOT NULL)"
    ).fetchone()
    last = _first_day(str(row[0])) if row and row[0] else None
    if last is None or len(str(row[0])) != 10:
        return None
    return Window((last - dt.timedelta(days=days - 1)).isoformat(), last.isoformat())

"""SQL ``WHERE`` clauses from optional filters: one builder for the store, exports, web views and API.

Every filter adds its condition only when it has a value; conditions combine
with AND in the order they were added, and values reach SQL only as bound
parameters (column names and clause text are always our own literals)::

    where = Where().equal("e.type", "CONSULT").at_least("e.date", None)
    where.sql     # " WHERE e.type = ?"
    where.params  # ("CONSULT",)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# The language filter value of articles whose language was not identified (ISO 639-2 "und",
# undetermined): stored as NULL, listed and linked as "und", so that it filters like any code.
UNKNOWN_LANGUAGE = "und"


@dataclass(frozen=True, slots=True)
class Where:
    """Conditions and their parameters; each method returns a new, longer clause."""

    clauses: tuple[str, ...] = ()
    params: tuple[Any, ...] = ()

    def add(self, clause: str, *params: Any, when: object = True) -> Where:
        """``clause`` with its ``params`` when ``when`` is truthy (a filter that is set)."""
        if not when:
            return self
        return Where((*self.clauses, clause), (*self.params, *params))

    def equal(self, column: str, value: Any) -> Where:
        return self.add(f"{column} = ?", value, when=value)

    def language(self, column: str, value: str | None) -> Where:
        """``column = value``, where :data:`UNKNOWN_LANGUAGE` means a language that was not identified."""
        if value == UNKNOWN_LANGUAGE:
            return self.add(f"{column} IS NULL")
        return self.equal(column, value)

    def at_least(self, column: str, value: Any) -> Where:
        return self.add(f"{column} >= ?", value, when=value)

    def at_most(self, column: str, value: Any) -> Where:
        return self.add(f"{column} <= ?", value, when=value)

    def one_of(self, column: str, values: Sequence[Any] | None) -> Where:
        """``column IN (…)``; an empty list matches nothing, None leaves the column free."""
        if values is None:
            return self
        return self.add(f"{column} IN ({','.join('?' * len(values))})" if values else "1 = 0", *values)

    @property
    def sql(self) -> str:
        """`` WHERE a AND b`` (with its leading space), or nothing when no filter is set."""
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""

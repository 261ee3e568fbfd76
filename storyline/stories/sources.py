"""Independent source groups: an original with its exact copies and translations counts once.

Every count of "sources" in the read side (a story's independent sources, an
event's or a claim's corroboration, a timeline day's support) goes through
these groups, so that a syndicated copy never doubles what one outlet said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.store.dialect import Connection

_LINKS = "SELECT article_id, other_id FROM article_links WHERE kind IN ('copy', 'translation')"
_COPIES = "SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL"


class _Groups:
    """Union-find over article ids; the representative of a group is its smallest id (stable)."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb))
            self.parent[drop] = keep


def source_groups(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """``{article id: group id}`` for ``ids``: copies and translations among them share a group."""
    groups = _Groups(ids)
    if ids:
        marks = ",".join("?" * len(ids))
        # One IN list per query: two lists of thousands of ids make SQLite scan (1.4 s at 2,000).
        pairs = conn.execute(f"{_LINKS} AND article_id IN ({marks})", ids).fetchall()
        pairs += conn.execute(f"{_COPIES} AND id IN ({marks})", ids).fetchall()
        wanted = set(ids)
        for a, b in pairs:
            if str(a) in wanted and str(b) in wanted:
                groups.union(str(a), str(b))
    return {i: groups.find(i) for i in ids}


def origins_of(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """:func:`collection_origins` for ``ids`` only, read from their links outward.

    A group's id is the smallest id of its connected copies and translations,
    so following the links from ``ids`` until no new article turns up gives the
    same groups as the whole collection's, at the cost of the groups met (a
    query that names a thousand articles no longer reads every copy stored).
    """
    groups = _Groups()
    seen = set(ids)
    frontier = sorted(seen)
    while frontier:
        found: set[str] = set()
        for start in range(0, len(frontier), 400):
            chunk = frontier[start : start + 400]
            marks = ",".join("?" * len(chunk))
            for sql in (
                f"{_LINKS} AND article_id IN ({marks})",
                f"{_LINKS} AND other_id IN ({marks})",
                f"{_COPIES} AND id IN ({marks})",
                f"{_COPIES} AND copy_of IN ({marks})",
            ):
                for a, b in conn.execute(sql, chunk):
                    groups.union(str(a), str(b))
                    found |= {str(a), str(b)}
        frontier = sorted(found - seen)
        seen |= found
    wanted = set(ids)
    return {a: groups.find(a) for a in list(groups.parent) if a in wanted}


def collection_origins(conn: Connection) -> dict[str, str]:
    """``{article id: group id}`` for every article that shares its group with another one.

    Articles missing from the mapping are their own group; the mapping is small
    (only copies, translations and their originals), so a query can take it as
    a JSON parameter (see :func:`storyline.stories.timelines`).
    """
    groups = _Groups()
    for a, b in [*conn.execute(_LINKS), *conn.execute(_COPIES)]:
        groups.union(str(a), str(b))
    # Every id in the table came from a pair, so each one shares its group with another.
    return {a: groups.find(a) for a in list(groups.parent)}

"""The one SQL text storyline writes, as PostgreSQL reads it.

The store, the collection and the views write SQL once, in SQLite's dialect with ``?``
(and ``:name``) placeholders.  On PostgreSQL each statement passes through
:func:`translate` once (cached): placeholders become psycopg's, and the few SQLite
constructs that PostgreSQL spells differently are rewritten here, in one place:

- ``INSERT OR REPLACE`` / ``INSERT OR IGNORE`` → ``INSERT … ON CONFLICT``;
- ``x GLOB 'pattern'`` → ``x ~ 'regex'``; ``LIKE`` → ``ILIKE`` (SQLite's is case-blind);
- ``json_each``, ``json_extract`` … → the ``sl_*`` functions of migration 0012, which
  take JSON as the text the tables store;
- ``ORDER BY`` terms get SQLite's NULL order (NULL sorts first ascending, last descending).

What has no faithful rewrite (full-text search, pragmas, locks) is not translated: the
callers ask :mod:`storyline.store.dialect` for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from storyline.store import search

# A string literal, or a run of anything else: only the latter is rewritten.
_PARTS = re.compile(r"('(?:[^']|'')*')|([^']+)")
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_GLOB = re.compile(r"([\w.]+)\s+GLOB\s+'((?:[^']|'')*)'", re.IGNORECASE)
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(REPLACE|IGNORE)\s+INTO\s+(\w+)", re.IGNORECASE)
_FUNCTIONS = {
    "json_each": "sl_json_each",
    "json_extract": "sl_json_extract",
    "json_array_length": "sl_json_array_length",
    "instr": "strpos",
    "ifnull": "coalesce",
}
_FUNCTION = re.compile(r"\b(" + "|".join(_FUNCTIONS) + r")\s*\(", re.IGNORECASE)
_PLACEHOLDER = r"(%s|%\(\w+\)s)"
_PARAM_IS_NULL = re.compile(_PLACEHOLDER + r"(\s+IS\s+(?:NOT\s+)?NULL)\b", re.IGNORECASE)
_IS_NOT_PARAM = re.compile(r"\bIS\s+NOT\s+" + _PLACEHOLDER, re.IGNORECASE)
_IS_PARAM = re.compile(r"\bIS\s+" + _PLACEHOLDER, re.IGNORECASE)
_EMPTY_IN = re.compile(r"([\w.]+)\s+(NOT\s+)?IN\s*\(\s*\)", re.IGNORECASE)
_LIMIT = re.compile(r"\bLIMIT\s+(%s|%\(\w+\)s)", re.IGNORECASE)
_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)
_MARK = re.compile(r"(?P<fts>\w+)\s+MATCH\s+\?|(?P<mark>\?)|[^?]+?(?=\w+\s+MATCH\s+\?|\?|$)", re.I | re.S)
_QUOTED = re.compile(r'"([^"]*)"(\*?)')
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET|UNION|EXCEPT|INTERSECT)\b", re.IGNORECASE)

# table -> (primary-key columns, all columns in order): what an upsert needs to know.
Schema = Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True, slots=True)
class Statement:
    """A translated statement and which of its ``?`` parameters are full-text queries."""

    sql: str
    matches: tuple[int, ...] = ()


def translate(sql: str, schema: Callable[[], Schema]) -> Statement:
    """``sql`` (SQLite dialect, ``?``/``:name`` placeholders) for psycopg and PostgreSQL.

    ``table_fts MATCH ?`` becomes a ``tsquery`` match on the table's ``doc`` column;
    the parameter (an FTS5 expression of quoted words, :func:`storyline.store.db.fts_query`)
    must then go through :func:`match_param`, at the positions :attr:`Statement.matches` lists.
    """
    upsert = _INSERT_OR.match(sql)
    if upsert:
        return _translate(sql, _conflict(upsert.group(1).upper(), upsert.group(2), schema()))
    return _translate(sql, "")


def match_param(fts5: str) -> str:
    """An FTS5 expression of quoted words as the equivalent ``tsquery`` literal."""
    return search.tsquery([(term, bool(star)) for term, star in _QUOTED.findall(fts5)])


@lru_cache(maxsize=4096)
def _translate(sql: str, conflict: str) -> Statement:
    if conflict:
        sql = _INSERT_OR.sub(lambda m: f"INSERT INTO {m.group(2)}", sql, count=1).rstrip().rstrip(";")
        sql += conflict
    sql = _GLOB.sub(lambda m: f"{m.group(1)} ~ '{glob_regex(m.group(2))}'", sql)
    out, matches, index = [], [], 0
    for literal, code in _PARTS.findall(sql):
        if literal:
            out.append(literal.replace("%", "%%"))
            continue
        pieces = []
        for m in _MARK.finditer(code.replace("%", "%%")):
            if m.group("fts"):
                matches.append(index)
                pieces.append(f"{m.group('fts')}.doc @@ CAST(%s AS tsquery)")
                index += 1
            elif m.group("mark"):
                pieces.append("%s")
                index += 1
            else:
                pieces.append(m.group(0))
        out.append(_rewrite("".join(pieces)))
    return Statement(_null_order("".join(out)), tuple(matches))


def _rewrite(code: str) -> str:
    """Named placeholders, functions, ``IN ()``, ``LIMIT -1`` and ``LIKE`` of a stretch of SQL."""
    code = _NAMED.sub(r"%(\1)s", code)
    code = _FUNCTION.sub(lambda m: _FUNCTIONS[m.group(1).lower()] + "(", code)
    code = _PARAM_IS_NULL.sub(r"CAST(\1 AS TEXT)\2", code)  # a bare parameter has no type
    code = _IS_NOT_PARAM.sub(r"IS DISTINCT FROM \1", code)  # SQLite's IS compares NULLs too
    code = _IS_PARAM.sub(r"IS NOT DISTINCT FROM \1", code)
    code = _EMPTY_IN.sub(r"\1 \2IN (SELECT \1 WHERE FALSE)", code)  # SQLite allows IN ()
    code = _LIMIT.sub(r"LIMIT sl_limit(\1)", code)  # SQLite's LIMIT -1: no limit
    return _LIKE.sub("ILIKE", code)


def _conflict(kind: str, table: str, schema: Schema) -> str:
    if kind == "IGNORE":
        return " ON CONFLICT DO NOTHING"
    keys, columns = schema[table]
    sets = [f"{c} = EXCLUDED.{c}" for c in columns if c not in keys and c != "rowid"]
    if "rowid" in columns:  # SQLite's REPLACE deletes and re-inserts: the row becomes the newest
        sets.append("rowid = DEFAULT")
    return f" ON CONFLICT ({', '.join(keys)}) DO " + (f"UPDATE SET {', '.join(sets)}" if sets else "NOTHING")


def glob_regex(pattern: str) -> str:
    """A GLOB pattern (``*``, ``?``, ``[…]``) as an anchored POSIX regular expression."""
    out, i = ["^"], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            end = pattern.index("]", i + 2)
            out.append(pattern[i : end + 1].replace("[^", "[\\^").replace("[!", "[^"))
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out) + "$"


def _null_order(sql: str) -> str:
    """Every ``ORDER BY`` term with SQLite's NULL order spelled out."""
    pos, out = 0, []
    for m in _ORDER_BY.finditer(sql):
        if m.start() < pos:
            continue
        out.append(sql[pos : m.end()])
        terms, pos = _order_terms(sql, m.end())
        out.append(",".join(_nulls(t) for t in terms))
    out.append(sql[pos:])
    return "".join(out)


def _order_terms(sql: str, start: int) -> tuple[list[str], int]:
    """The comma-separated terms after ``ORDER BY`` at ``start`` and where they end."""
    depth, i, terms, begin, quoted = 0, start, [], start, False
    while i < len(sql):
        c = sql[i]
        if c == "'":
            quoted = not quoted
        elif not quoted:
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and c == ",":
                terms.append(sql[begin:i])
                begin = i + 1
            elif depth == 0 and _ORDER_END.match(sql, i) and not sql[i - 1].isalnum() and sql[i - 1] != "_":
                break
        i += 1
    terms.append(sql[begin:i])
    return terms, i


def _nulls(term: str) -> str:
    stripped = term.rstrip()
    if not stripped or "NULLS" in stripped.upper().split():
        return term
    tail = term[len(stripped) :]
    nulls = "NULLS LAST" if stripped.upper().endswith("DESC") else "NULLS FIRST"
    return f"{stripped} {nulls}{tail}"

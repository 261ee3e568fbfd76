"""One ``--format`` vocabulary for every command: ``text``, ``json``, ``jsonl``, ``csv``.

Each command offers the formats that make sense for what it prints: listings
(articles, search hits, stories, timeline entries, sources) all four; one
object (a story, an article, an actor, a comparison, a report) ``text`` and
``json``; streams (``analyze``, ``watch``) ``jsonl`` and ``json``/``text``;
``export`` writes files (``csv``, ``jsonl``, ``parquet``).  ``json`` is one
document (an array for listings), ``jsonl`` one object per line, ``csv`` a
header and one row per object (lists ``;``-joined, nested values as JSON).
``table``, the old name of ``text`` for listings, is still accepted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

import click

LISTING = ("text", "json", "jsonl", "csv")
OBJECT = ("text", "json")
_ALIASES = {"table": "text"}


class FormatChoice(click.Choice[str]):
    """A choice of formats that also accepts the old names in :data:`_ALIASES` (not shown in help)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, str) and value.lower() in _ALIASES:
            value = _ALIASES[value.lower()]
        return str(super().convert(value, param, ctx))


def format_option(choices: Sequence[str] = LISTING, default: str = "text") -> Callable[[Any], Any]:
    """``--format`` with ``choices`` from the one vocabulary."""
    return click.option(
        "--format",
        "fmt",
        type=FormatChoice(list(choices), case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format: " + ", ".join(choices) + ".",
    )


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_rows(rows: Sequence[dict[str, Any]], fmt: str, text: Callable[[], None]) -> None:
    """A listing in ``fmt``; ``text`` prints the human-readable form."""
    if fmt == "json":
        echo_json(list(rows))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(csv_text(rows), nl=False)
    else:
        text()


def csv_text(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV: the union of their keys in first-seen order; lists ``;``-joined, dicts as JSON."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"

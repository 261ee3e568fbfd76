"""``storyline demo``: the example corpus in a database of its own, never over the user's data.

The demo starts from a fresh database each time, so it must delete one; it
only ever deletes a database that it created itself, which it marks in the
``meta`` table (migration 0009).  Anything else at that path — the user's
news, another tool's file — is refused with one line, and nothing changes.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from storyline.errors import EXIT_REJECTED, StorylineError
from storyline.progress import counts_text
from storyline.safe_text import one_line
from storyline.store.db import Database

DEMO_DB = "demo.db"
MARK = ("created_by", "storyline demo")


def is_demo_database(path: Path) -> bool:
    """Whether ``path`` is a database that ``storyline demo`` created (read-only look)."""
    try:
        with sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (MARK[0],)).fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == MARK[1]


def _remove(path: Path) -> None:
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        file.unlink(missing_ok=True)


@click.command("demo")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEMO_DB, show_default=True, help="The demo's own database file.")
def demo(paths: tuple[str, ...], db: str) -> None:
    """Ingest PATHS (the example corpus) into a fresh demo database and print the report.

    The database is recreated on every run, but only if `storyline demo`
    created it: a database it did not create (your own news) is never
    overwritten; the command stops with one line instead.
    """
    from storyline.api import ingest
    from storyline.render import collection_report, report_text

    path = Path(db)
    if path.exists():
        if not is_demo_database(path):
            click.echo(
                f"{db}: not a database created by `storyline demo`; refusing to overwrite it "
                "(choose another file with --db)",
                err=True,
            )
            sys.exit(EXIT_REJECTED)
        _remove(path)
    try:
        with Database(path) as database:
            with database.atomic() as conn:
                conn.execute("INSERT INTO meta VALUES (?, ?)", MARK)
            report = ingest(paths, db=database)
            for outcome in report.outcomes:
                if outcome.status == "rejected":
                    click.echo(one_line(f"{outcome.path}: {outcome.reason}"), err=True)
            click.echo(f"{counts_text(report.counts)} ({report.copies} exact copies) → {db}\n")
            click.echo(report_text(collection_report(database)))
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"\nLook at it in a browser: storyline serve --db {db}")


COMMANDS = (demo,)

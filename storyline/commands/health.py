"""``storyline check`` and ``storyline repair``: derived state after crashes (issue 14)."""

from __future__ import annotations

import json
import sys

import click

from storyline.api import collection_updater
from storyline.errors import EXIT_INTERNAL, EXIT_OK, EXIT_REJECTED, StorylineError
from storyline.settings import Settings
from storyline.store.consistency import check, checkpoint, complete_pending, pending
from storyline.store.db import DEFAULT_DB, Database

DB_OPTION = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help="SQLite database file."
)
_SHOWN = 10


@click.command("check")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check_cmd(db: str, fmt: str) -> None:
    """Report articles without a fingerprint or a story, and SQLite's quick check; changes nothing.

    Exit code 0 when all is well, 1 when something is pending or broken
    (`storyline repair`, or any ingest, completes pending work).
    """
    try:
        with Database(db, readonly=True) as database:
            health = check(database)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(health.as_dict(), indent=2))
    else:
        click.echo(
            f"{health.articles} articles in {health.stories} stories; database integrity: {health.integrity}"
        )
        _ids("without a fingerprint (pending)", health.without_fingerprint)
        _ids("with a fingerprint but in no story", health.without_story)
        if health.ok:
            click.echo("ok: every article has its fingerprint and its story")
    sys.exit(EXIT_OK if health.ok else EXIT_REJECTED)


def _ids(what: str, ids: list[str]) -> None:
    if ids:
        more = f" … and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
        click.echo(f"{len(ids)} article(s) {what}: {', '.join(ids[:_SHOWN])}{more}")


@click.command("repair")
@DB_OPTION
def repair_cmd(db: str) -> None:
    """Complete what a killed run left pending (identities, fingerprints, stories), then shrink the WAL.

    Every writing command (ingest, watch) does this first anyway; `repair`
    does only this.  Exit code 0 when nothing is left pending, 3 when an
    article could not be updated (a bug: please report it).
    """
    try:
        with Database(db, must_exist=True) as database:
            before = len(pending(database.conn))
            failures = list(complete_pending(collection_updater(database, Settings()), database))
            checkpoint(database)
            health = check(database)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    for failure in failures:
        click.echo(f"{db}: article {failure.article_id}: story not updated ({failure.error})", err=True)
    click.echo(
        f"{before - len(failures)} pending article(s) completed; "
        f"{health.articles} articles in {health.stories} stories"
    )
    sys.exit(EXIT_INTERNAL if failures else EXIT_OK)


COMMANDS = (check_cmd, repair_cmd)

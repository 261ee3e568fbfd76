"""``storyline watch`` (monitor feeds, sitemaps and pages) and ``storyline sources`` (their state)."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import click

from storyline.api import Outcome
from storyline.commands.output import LISTING, echo_rows, format_option
from storyline.errors import StorylineError
from storyline.ingest.fetch import Fetcher
from storyline.memory import limit_arenas
from storyline.safe_text import one_line
from storyline.settings import Settings, load_settings
from storyline.store.db import DB_HELP, DEFAULT_DB, Database
from storyline.store.db import exists as db_exists
from storyline.watch import RoundSummary, Watcher, load_sources, source_status

MIN_SLEEP = 1.0  # seconds between rounds even when every interval is 0


@click.command()
@click.argument("sources_file", type=click.Path(dir_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help=DB_HELP)
@click.option(
    "--once", is_flag=True, help="Run one round over the sources that are due, then exit (for cron)."
)
@click.option("--no-extract", is_flag=True, help="Store cleaned articles only; skip extraction and stories.")
@click.option(
    "--no-semantic", is_flag=True, help="Do not embed articles: stories are clustered on keys alone."
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="TOML file with a [storyline] table of settings (default: the sources file's own, if any).",
)
@format_option(("text", "jsonl"))
def watch(
    sources_file: str, db: str, once: bool, no_extract: bool, no_semantic: bool, config: str | None, fmt: str
) -> None:
    """Monitor the feeds, sitemaps and pages listed in SOURCES_FILE (TOML), round after round.

    Each round fetches the sources that are due (per-source intervals),
    stores new articles, updates stories, and prints one summary line (new,
    duplicate, failed, stories touched). Failed articles get a "URL: reason"
    line on stderr. Killed at any point, it resumes from the database: what
    was stored is never fetched or stored twice. Ctrl-C stops after the
    current article; a second Ctrl-C stops at once.

    Exit code (with --once): 0, or 1 if a source itself could not be read;
    130 when interrupted.
    """
    limit_arenas()  # before any thread starts: a monitor runs for weeks
    try:
        sources = load_sources(Path(sources_file))
        settings = _settings(sources_file, config, no_extract, no_semantic)
        database = Database(db)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    stop = threading.Event()
    previous = _install_stop(stop)
    failed = False
    try:
        with Fetcher(settings) as fetcher:
            watcher = Watcher(database, sources, settings, fetcher)
            while True:
                summary = watcher.run_round(stop=stop.is_set, report=_report)
                failed = failed or bool(summary.failed_sources)
                if once or summary.sources:
                    _print(summary, fmt)
                if once or stop.is_set() or stop.wait(max(watcher.seconds_to_next(), MIN_SLEEP)):
                    break
    finally:
        database.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if stop.is_set():
        sys.exit(130)
    sys.exit(1 if failed and once else 0)


def _settings(sources_file: str, config: str | None, no_extract: bool, no_semantic: bool) -> Settings:
    overrides: dict[str, Any] = {
        "extract": False if no_extract else None,
        "semantic": "none" if no_semantic else None,
    }
    if config:
        return load_settings(Path(config), **overrides)
    # The sources file may carry the settings too; without a [storyline] table it changes nothing.
    return load_settings(Path(sources_file), **overrides, require_table=False)


_Handler = Callable[[int, FrameType | None], Any] | int | None


def _install_stop(stop: threading.Event) -> dict[signal.Signals, _Handler]:
    """First SIGINT/SIGTERM: stop after the current article. Second SIGINT: stop now."""

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        click.echo("stopping after the current article (Ctrl-C again to stop at once)", err=True)

    previous: dict[signal.Signals, _Handler] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.getsignal(signum)
        signal.signal(signum, handler)
    return previous


def _report(outcome: Outcome) -> None:
    if outcome.status == "rejected":
        click.echo(one_line(f"{outcome.path}: {outcome.reason}"), err=True)


def _print(summary: RoundSummary, fmt: str) -> None:
    if fmt == "jsonl":
        click.echo(json.dumps(summary.as_dict()))
    else:
        click.echo(summary.line())


@click.command("sources")
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help=DB_HELP)
@format_option(LISTING)
def sources_cmd(db: str, fmt: str) -> None:
    """List the sources `storyline watch` monitors: last fetch, status and last error."""
    if not db_exists(db):
        raise click.ClickException(f"{db}: no such database")
    try:
        with Database(db, readonly=True) as database:
            rows = source_status(database)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt != "text":
        echo_rows(rows, fmt, lambda: None)
        return
    for r in rows:
        click.echo(
            f"{r['name']}  [{r['kind']}]  last round {r['last_round'] or 'never'}  "
            f"{r['last_status'] or ''}  {r['articles']} articles"
        )
        if r["last_error"]:
            click.echo(one_line(f"    last error ({r['last_error_at']}): {r['last_error']}"))
    if not rows:
        click.echo("(no watched sources)")


COMMANDS = (watch, sources_cmd)

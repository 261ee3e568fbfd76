"""``storyline serve`` (the local web UI and JSON API) and ``storyline export`` (bulk files)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from storyline.errors import StorylineError
from storyline.export import EXPORT_HELP, FORMATS, WHATS, export
from storyline.store.db import DB_HELP, DEFAULT_DB
from storyline.store.db import exists as db_exists
from storyline.store.postgres import redacted

SERVE_ENV = "STORYLINE_SERVE"  # the arguments of `serve --workers N`, for each worker process
FACTORY = "storyline.web.app:app_from_env"


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help=DB_HELP)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (localhost only by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="Also answer to this Host name (repeatable; setting allowed_hosts). Others get 400.",
)
@click.option(
    "--config", type=click.Path(dir_okay=False), help="TOML file with a [storyline] table of settings."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (several suit a shared PostgreSQL database; see docs/scale.md).",
)
def serve(
    db: str, host: str, port: int, allow_hosts: tuple[str, ...], config: str | None, workers: int
) -> None:
    """Serve the web UI and the JSON API (/api/, OpenAPI at /api/openapi.json) over DB, read-only.

    Everything the pages need (styles, scripts, the world map) is served from
    this machine: the UI works with the network disabled.  Requests must name
    a local host (localhost, 127.0.0.1, ::1), the --host address, or a name
    given with --allow-host or the allowed_hosts setting: anything else is
    refused, which keeps web pages from reading the API through DNS rebinding.
    """
    from storyline.settings import load_settings

    try:
        import uvicorn

        from storyline.web.app import create_app, long_running
    except ImportError as exc:
        raise click.ClickException(
            f"the web UI needs the 'web' extra ({exc.name} is missing): pip install 'storyline[web]'"
        ) from exc
    if not db_exists(db):
        raise click.ClickException(f"{db}: no such database (run `storyline ingest` first)")
    try:
        settings = load_settings(Path(config) if config else None)
        if workers == 1:
            long_running()  # before the app's threads start (each worker process calls it itself)
        app = create_app(db, hosts=(*settings.allowed_hosts, *allow_hosts), bound=host)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"storyline: serving {redacted(db)} read-only on http://{host}:{port}/", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Each worker process builds its own app from the same arguments (uvicorn imports the factory).
    os.environ[SERVE_ENV] = json.dumps(
        {"db": db, "hosts": [*settings.allowed_hosts, *allow_hosts], "bound": host}
    )
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")


@click.command("export", help=EXPORT_HELP)
@click.option("--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help=DB_HELP)
@click.option("--what", type=click.Choice(WHATS), default="events", show_default=True, help="What to export.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
def export_cmd(db: str, what: str, fmt: str, out: str | None) -> None:
    if not db_exists(db):
        raise click.ClickException(f"{db}: no such database")
    if fmt == "parquet" and not out:
        raise click.ClickException("--format parquet needs --out FILE (Parquet is binary)")
    try:
        count = export(db, what=what, fmt=fmt, out=Path(out) if out else None)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    if out:
        click.echo(f"{count} {what} → {out}", err=True)


COMMANDS = (serve, export_cmd)

"""``storyline serve`` (the local web UI and JSON API) and ``storyline export`` (bulk files)."""

from __future__ import annotations

from pathlib import Path

import click

from storyline.errors import StorylineError
from storyline.export import EXPORT_HELP, FORMATS, WHATS, export
from storyline.store.db import DEFAULT_DB


@click.command()
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help="SQLite database file."
)
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
def serve(db: str, host: str, port: int, allow_hosts: tuple[str, ...], config: str | None) -> None:
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

        from storyline.web.app import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web UI needs the 'web' extra ({exc.name} is missing): pip install 'storyline[web]'"
        ) from exc
    if not Path(db).is_file():
        raise click.ClickException(f"{db}: no such database (run `storyline ingest` first)")
    try:
        settings = load_settings(Path(config) if config else None)
        app = create_app(db, hosts=(*settings.allowed_hosts, *allow_hosts), bound=host)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"storyline: serving {db} read-only on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("export", help=EXPORT_HELP)
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help="SQLite database file."
)
@click.option("--what", type=click.Choice(WHATS), default="events", show_default=True, help="What to export.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: standard output).")
def export_cmd(db: str, what: str, fmt: str, out: str | None) -> None:
    if not Path(db).is_file():
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

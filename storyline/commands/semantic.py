"""``storyline reembed``: bring every article's vector to the configured embedding backend."""

from __future__ import annotations

import json
from pathlib import Path

import click

from storyline.collection.update import rebuild_stories
from storyline.collection.vectors import ensure_vectors, forget_other_models
from storyline.embed import load_embedder, vector_key
from storyline.errors import StorylineError
from storyline.progress import Progress
from storyline.settings import load_settings
from storyline.store.db import DEFAULT_DB, Database


@click.command("reembed")
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help="SQLite database file."
)
@click.option(
    "--config", type=click.Path(dir_okay=False), help="TOML file with a [storyline] table of settings."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def reembed(db: str, config: str | None, fmt: str) -> None:
    """Embed every article with the configured backend (setting `semantic`), then rebuild the stories.

    Run it after changing the backend or `semantic_budget`: until then, a
    collection embedded with another model clusters new articles on keys
    alone (vectors of two models are never compared). Vectors of the old
    model are dropped; stories are rebuilt in one transaction, so an
    interrupted run leaves the old stories in place (run it again).
    """
    try:
        settings = load_settings(Path(config) if config else None)
        database = Database(db)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    embedder = load_embedder(settings.semantic, settings.semantic_budget)
    if embedder is None:
        database.close()
        raise click.ClickException("no semantic backend: the setting `semantic` is none or cannot run here")
    with database:
        ids = [str(r[0]) for r in database.conn.execute("SELECT id FROM articles ORDER BY rowid")]
        dropped = forget_other_models(database.conn, embedder)
        with Progress("embedding", total=len(ids)) as progress:

            def advance(n: int) -> None:
                for _ in range(n):
                    progress.update("embedded")

            report = ensure_vectors(database.conn, ids, embedder, on_batch=advance)
        counts = rebuild_stories(database, embedder=embedder)
    data = {"model": vector_key(embedder), "dropped": dropped, "embedded": report.embedded} | counts
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"{report.embedded} article(s) embedded with {data['model']} ({dropped} old vector(s) dropped); "
        f"{counts['stories']} stories"
    )


COMMANDS = [reembed]

"""``storyline spark analyze|stories`` (large archives on Spark), ``storyline load`` (Parquet → database)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from storyline.errors import StorylineError
from storyline.settings import Settings, load_settings
from storyline.store.db import DEFAULT_DB, Database

CONFIG = click.option(
    "--config", type=click.Path(dir_okay=False), help="TOML file with a [storyline] table of settings."
)
MASTER = click.option(
    "--master",
    help="Spark master URL (local[2], spark://HOST:7077, yarn …); default: what spark-submit or "
    "spark-defaults.conf set, else local[*].",
)
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _settings(config: str | None, **overrides: Any) -> Settings:
    try:
        return load_settings(Path(config) if config else None, **overrides)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc


def _echo(data: dict[str, Any], fmt: str, text: str) -> None:
    click.echo(json.dumps(data, indent=2) if fmt == "json" else text)


@click.group("spark")
def spark_group() -> None:
    """Analyse large archives on a Spark cluster (or local cores); needs the [spark] extra and Java 17+."""


@spark_group.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out", required=True, type=click.Path(file_okay=False), help="Output folder (Parquet datasets)."
)
@MASTER
@click.option("--no-semantic", is_flag=True, help="Do not embed the articles (no vector column).")
@CONFIG
@FORMAT
def analyze_cmd(
    inputs: tuple[str, ...], out: str, master: str | None, no_semantic: bool, config: str | None, fmt: str
) -> None:
    """Run the per-article pipeline over INPUTS (JSONL, text/HTML folders, WARC) on Spark.

    Writes Parquet datasets DIR/articles, mentions, events, claims (the export
    schema of docs/export.md, one row per item, partitioned by publication
    month) and DIR/rejects (what could not be read, with the reason). A bad
    record or a corrupt WARC member never fails the job. Inputs must be
    paths every executor can read (a shared file system, or local on one machine).
    """
    from storyline.ingest.inputs import input_kind
    from storyline.spark.analyze import run_analyze
    from storyline.spark.session import spark_session

    remote = [i for i in inputs if i == "-" or input_kind(i) in ("url", "scheme")]
    if remote:
        raise click.UsageError(f"{remote[0]}: the Spark job reads files and folders only (not URLs or stdin)")
    settings = _settings(config, semantic="none" if no_semantic else None)
    try:
        spark = spark_session(master)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        counts = run_analyze(spark, list(inputs), out, settings)
    finally:
        spark.stop()
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    _echo(counts, fmt, f"{summary} written to {out}")


@spark_group.command("stories")
@click.option(
    "--in",
    "source",
    required=True,
    type=click.Path(file_okay=False, exists=True),
    help="Output of `spark analyze`.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for DIR/stories and DIR/story_links.",
)
@MASTER
@FORMAT
def stories_cmd(source: str, out: str, master: str | None, fmt: str) -> None:
    """Group the analysed articles into stories at scale; writes DIR/stories (article_id, story_id).

    Candidates are pairs sharing blocking keys (entities, numbers, dates,
    MinHash bands; the keys of storyline.cluster) in the date window, or
    vector neighbours when the analysis stored vectors; each pair gets the
    same-story decision of one machine (storyline.cluster.scoring with the
    packaged model). Linked articles form a story.
    """
    from storyline.spark.session import spark_session
    from storyline.spark.stories import run_stories

    try:
        spark = spark_session(master)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        counts = run_stories(spark, source, out)
    finally:
        spark.stop()
    _echo(
        counts,
        fmt,
        f"{counts['articles']} articles, {counts['links']} links, {counts['stories']} stories "
        f"written to {out}",
    )


@click.command("load")
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help="Database to load into."
)
@click.option("--no-semantic", is_flag=True, help="Cluster on keys alone (no embeddings).")
@CONFIG
@FORMAT
def load_cmd(directory: str, db: str, no_semantic: bool, config: str | None, fmt: str) -> None:
    """Load the Parquet output of `storyline spark analyze` into a database and update its stories.

    Articles are stored in input order, duplicates and copies detected as in
    `ingest`, so the web UI and every command work on them as after an ingest.
    """
    from storyline.progress import Progress
    from storyline.spark.load import load

    settings = _settings(config, semantic="none" if no_semantic else None)
    try:
        database = Database(db)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        with database, Progress("loading") as progress:
            report = load(
                directory, database, settings=settings, on_article=lambda _: progress.update("loaded")
            )
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in report.failed:
        click.echo(line, err=True)
    data = {"new": report.new, "duplicates": report.duplicates, "rejects": report.rejects, "db": db}
    data |= {"failed": len(report.failed)}
    _echo(
        data,
        fmt,
        f"{report.new} new, {report.duplicates} duplicate(s) loaded into {db} "
        f"({report.rejects} rejected at analysis)",
    )
    if report.failed:
        raise SystemExit(3)  # as ingest: a bug met on an article (each named on stderr above)


COMMANDS = [spark_group, load_cmd]

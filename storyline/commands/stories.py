"""``storyline stories | story | timeline | compare | actor``: the collection views (issue 5)."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import click

from storyline import stories as api
from storyline.collection import update_collection
from storyline.commands.output import LISTING, OBJECT, echo_rows, format_option, plural
from storyline.embed import Embedder, make_embedder
from storyline.errors import StorylineError
from storyline.settings import load_settings
from storyline.store.db import DB_HELP, DEFAULT_DB, Database
from storyline.store.db import exists as db_exists
from storyline.stories.date_window import BOUND

DB_OPTION = click.option("--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help=DB_HELP)
FORMAT = format_option(OBJECT)
LISTING_FORMAT = format_option(LISTING)


def _open(db: str) -> Database:
    try:
        database = Database(db, must_exist=True)
        # Articles stored by older versions, with --no-extract or by an interrupted ingest.
        update_collection(database, embedder=_embedder())
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    return database


def _embedder(config: str | None = None, *, off: bool = False) -> Embedder | None:
    """The configured embedder, not loaded yet (it loads only if something needs a vector)."""
    if off:
        return None
    try:
        settings = load_settings(Path(config) if config else None)
        return make_embedder(settings.semantic, settings.semantic_budget)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("stories")
@DB_OPTION
@click.option("--query", help="Only stories naming this actor or place (any variant), or matching this text.")
@click.option("--limit", type=int, help="At most this many stories.")
@LISTING_FORMAT
def stories_cmd(db: str, query: str | None, limit: int | None, fmt: str) -> None:
    """Stories: articles grouped across languages, largest and latest first."""
    with _open(db) as database:
        found = api.list_stories(database, limit=limit, query=query)

    def text() -> None:
        for s in found:
            span = f"{s['first'] or '?'} … {s['last'] or '?'}"
            click.echo(
                f"{s['id']}  {plural(len(s['articles']), 'article')}  {','.join(s['languages'])}  "
                f"{span}  {s['title']}"
            )
        if not found:
            click.echo("(none)")

    echo_rows(found, fmt, text)


@click.command("story")
@click.argument("story_id")
@DB_OPTION
@FORMAT
def story_cmd(story_id: str, db: str, fmt: str) -> None:
    """One story: its articles, copies and translations, events and claims with their independent sources."""
    with _open(db) as database:
        found = api.story_detail(database, story_id)
    if found is None:
        raise click.ClickException(f"no story with id {story_id!r}")
    if fmt == "json":
        _json(found)
        return
    from storyline.render import story_text

    click.echo(story_text(found))


@click.command("timeline")
@click.argument("query", required=False)
@DB_OPTION
@click.option("--limit", type=int, help="Keep the N best supported dates (most independent sources).")
@click.option(
    "--from", "date_from", metavar="DATE", help="Only dates from DATE on (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option("--to", "date_to", metavar="DATE", help="Only dates up to DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@LISTING_FORMAT
def timeline_cmd(
    query: str | None, db: str, limit: int | None, date_from: str | None, date_to: str | None, fmt: str
) -> None:
    """Dated entries about QUERY (an actor or place in any spelling, or free text), or everything.

    Days are ranked by independent-source support: how many sources, copies and
    translations counting once, report something on that day.  With --from/--to,
    the N best days of that window.
    """
    if limit is not None and limit < 1:
        raise click.BadParameter("must be at least 1", param_hint="--limit")
    for value, hint in ((date_from, "--from"), (date_to, "--to")):
        if value and not re.fullmatch(BOUND, value):
            raise click.BadParameter("expected YYYY, YYYY-MM or YYYY-MM-DD", param_hint=hint)
    with _open(db) as database:
        entries = api.timeline(database, query, limit=limit, date_from=date_from, date_to=date_to)

    def text() -> None:
        for e in entries:
            click.echo(f"{e['date']}  [{plural(e['sources'], 'source')}]  {_clip(e['summary'], 150)}")
            for item in e.get("items", [])[1:]:
                click.echo(f"    also [{plural(item['sources'], 'source')}]  {_clip(item['summary'], 130)}")
        if not entries:
            click.echo("(none)")

    echo_rows(entries, fmt, text)


@click.command("compare")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@click.option("--no-semantic", is_flag=True, help="Judge on keys alone (no embedding of two files).")
@click.option(
    "--config", type=click.Path(dir_okay=False), help="TOML file with a [storyline] table of settings."
)
@FORMAT
def compare_cmd(a: str, b: str, db: str, no_semantic: bool, config: str | None, fmt: str) -> None:
    """Compare two stored articles (ids or prefixes) or two files: same-story probability and the evidence.

    The evidence lists what the two share (actors, places, dates, numbers,
    events), the embedding and lexical cosines, the model variant that
    judged (same or cross language, with or without vectors), its threshold
    and each signal's contribution to the log-odds.
    """
    embedder = _embedder(config, off=no_semantic)
    try:
        if not db_exists(db):  # two files and no collection: do not create a database
            result = api.compare(None, a, b, embedder=embedder)
        else:
            with _open(db) as database:
                result = api.compare(database, a, b, embedder=embedder)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        _json(result)
        return
    verdict = "same story" if result["same_story"] else "different stories"
    click.echo(f"score {result['score']:.3f}: {verdict} ({result['relation'] or 'unrelated'})")
    names = _entity_names(db, result["evidence"]) if db_exists(db) else {}
    for key, value in result["evidence"].items():
        click.echo(f"  {key.replace('_', ' ')}: {_readable(value, names)}")


@click.command("actor")
@click.argument("name")
@DB_OPTION
@FORMAT
def actor_cmd(name: str, db: str, fmt: str) -> None:
    """One actor under any name variant: names and languages, roles over time, why merged, interactions."""
    with _open(db) as database:
        found = api.actor_profile(database, name)
    if found is None:
        raise click.ClickException(f"no actor named {name!r}")
    if fmt == "json":
        _json(found)
        return
    click.echo(f"{found['name']} ({found['kind']}, {found['country'] or '?'})  id {found['id']}")
    click.echo("names:")
    for n in found["names"]:
        click.echo(f"  {n['name']}  [{', '.join(n['languages'])}]  {plural(n['articles'], 'article')}")
    click.echo("why these names are one actor:")
    for m in found["merged_because"] or [{"name": found["name"], "reason": "one name only"}]:
        click.echo(f"  {m['name']}: {m['reason']}")
    click.echo("roles:")
    for r in found["roles"]:
        click.echo(f"  {r['role']} {r['country'] or ''}  {r['first'] or '?'} … {r['last'] or '?'}")
    click.echo("interactions:")
    for i in found["interactions"]:
        click.echo(f"  {i['name']}  {i['type']}  ×{i['count']}")
    if not found["interactions"]:
        click.echo("  (none extracted)")


def _entity_names(db: str, evidence: dict[str, Any]) -> dict[str, str]:
    """Canonical names of the actor and place ids the evidence lists (from the collection)."""
    ids = sorted({str(v) for value in evidence.values() if isinstance(value, list) for v in value})
    if not ids:
        return {}
    with Database(db, readonly=True) as database:
        marks = ",".join("?" * len(ids))
        sql = f"SELECT entity_id, name FROM entities WHERE entity_id IN ({marks})"
        return {str(r[0]): str(r[1]) for r in database.conn.execute(sql, ids)}


def _readable(value: Any, names: dict[str, str]) -> str:
    """Evidence for people: names instead of ids, 11,000,000 instead of 1.1e+07, 0.43 not 0.4273."""
    if isinstance(value, list):
        return ", ".join(_readable(v, names) for v in value) or "none"
    if isinstance(value, bool) or value is None:
        return {True: "yes", False: "no", None: "—"}[value]
    if isinstance(value, int | float):
        return f"{value:.2f}" if isinstance(value, float) and not value.is_integer() else f"{value:,.0f}"
    text = str(value)
    try:
        number = float(text)
    except ValueError:
        return names.get(text, text)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,}"


def _clip(text: str, width: int = 110) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


COMMANDS = (stories_cmd, story_cmd, timeline_cmd, compare_cmd, actor_cmd)

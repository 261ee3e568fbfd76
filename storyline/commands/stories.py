"""``storyline stories | story | timeline | compare | actor``: the collection views (issue 5)."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from storyline import stories as api
from storyline.errors import StorylineError
from storyline.store.db import DEFAULT_DB, Database

DB_OPTION = click.option(
    "--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help="SQLite database file."
)
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def _open(db: str) -> Database:
    try:
        database = Database(db, must_exist=True)
        api.update_collection(database)  # articles stored by older versions or with --no-extract
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    return database


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("stories")
@DB_OPTION
@click.option("--query", help="Only stories naming this actor or place (any variant), or matching this text.")
@click.option("--limit", type=int, help="At most this many stories.")
@FORMAT
def stories_cmd(db: str, query: str | None, limit: int | None, fmt: str) -> None:
    """Stories: articles grouped across languages, largest and latest first."""
    with _open(db) as database:
        found = api.list_stories(database, limit=limit, query=query)
    if fmt == "json":
        _json(found)
        return
    for s in found:
        span = f"{s['first'] or '?'} … {s['last'] or '?'}"
        click.echo(
            f"{s['id']}  {len(s['articles'])} articles  {','.join(s['languages'])}  {span}  {s['title']}"
        )
    if not found:
        click.echo("(none)")


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
    click.echo(f"{found['id']}: {found['title']} ({found['independent_sources']} independent sources)")
    for a in found["article_details"]:
        rel = " copy of " + a["copy_of"] if a["copy_of"] else ""
        rel += " translation of " + a["translation_of"] if a["translation_of"] else ""
        click.echo(f"  {a['id']}  {a['language'] or '?'}  {a['published'] or '?'}  {a['title'] or ''}{rel}")
    for c in found["claims"]:
        chain = " ← ".join(s["name"] for s in c["speakers"])
        click.echo(f"  claim [{c['sources']} sources] {chain}: {_clip(c['statement']['text'])}")


@click.command("timeline")
@click.argument("query", required=False)
@DB_OPTION
@click.option("--limit", type=int, help="Keep the N most important dates.")
@FORMAT
def timeline_cmd(query: str | None, db: str, limit: int | None, fmt: str) -> None:
    """Dated entries about QUERY (an actor or place in any spelling, or free text), or everything."""
    if limit is not None and limit < 1:
        raise click.BadParameter("must be at least 1", param_hint="--limit")
    with _open(db) as database:
        entries = api.timeline(database, query, limit=limit)
    if fmt == "json":
        _json(entries)
        return
    for e in entries:
        click.echo(f"{e['date']}  [{e['sources']} sources]  {_clip(e['summary'], 150)}")
    if not entries:
        click.echo("(none)")


@click.command("compare")
@click.argument("a")
@click.argument("b")
@DB_OPTION
@FORMAT
def compare_cmd(a: str, b: str, db: str, fmt: str) -> None:
    """Compare two stored articles (ids or prefixes) or two files: score, same-story decision, evidence."""
    from pathlib import Path

    try:
        if not Path(db).is_file():  # two files and no collection: do not create a database
            result = api.compare(None, a, b)
        else:
            with _open(db) as database:
                result = api.compare(database, a, b)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        _json(result)
        return
    verdict = "same story" if result["same_story"] else "different stories"
    click.echo(f"score {result['score']:.3f}: {verdict} ({result['relation'] or 'unrelated'})")
    for key, value in result["evidence"].items():
        click.echo(f"  {key}: {value}")


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
    for n in found["names"]:
        click.echo(f"  name  {n['name']}  [{', '.join(n['languages'])}]  {n['articles']} articles")
    for r in found["roles"]:
        click.echo(f"  role  {r['role']} {r['country'] or ''}  {r['first'] or '?'} … {r['last'] or '?'}")
    for m in found["merged_because"]:
        click.echo(f"  merged {m['name']}: {m['reason']}")


def _clip(text: str, width: int = 110) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


COMMANDS = (stories_cmd, story_cmd, timeline_cmd, compare_cmd, actor_cmd)

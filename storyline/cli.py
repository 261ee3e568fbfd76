"""Command-line interface: thin click wrappers over the Python API.

Exit codes: 0 success; 1 some input was rejected, eval fell below a floor, or a
read command found no database; 2 usage error; 3 internal error (a bug: on some
input, or anywhere; the batch still went on); 130 interrupted (what was
committed stays, re-run to complete).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from storyline.api import IngestReport, Outcome, analyze, iter_ingest
from storyline.commands.interrupts import deferred_interrupts
from storyline.commands.output import LISTING, OBJECT, echo_json, echo_rows, format_option
from storyline.contract import article_dict, result_dict
from storyline.errors import (
    BUG_HINT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REJECTED,
    StorylineError,
)
from storyline.ingest.inputs import input_kind
from storyline.ingest.readers import STDIN, expand_paths
from storyline.langs.codes import language_error, normalize_language
from storyline.model import Rejection
from storyline.pipeline import Hints
from storyline.progress import Progress, counts_text
from storyline.safe_text import one_line
from storyline.settings import Settings, load_settings
from storyline.store.consistency import checkpoint, checkpoint_if_large
from storyline.store.db import DB_HELP, DEFAULT_DB, Database
from storyline.version import __version__

_INTERRUPTED = "interrupted: what was committed stays; run the same command again to complete"

if TYPE_CHECKING:
    from storyline.evaluate.runner import EvalReport

DB_OPTION = click.option("--db", default=DEFAULT_DB, show_default=True, envvar="STORYLINE_DB", help=DB_HELP)
FORMAT_LISTING = format_option(LISTING)
FORMAT_OBJECT = format_option(OBJECT)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--lang`` value checked against the known codes before it can reach a path."""
    if value is None:
        return None
    code = normalize_language(value)
    if code is None:
        raise click.BadParameter(language_error(value))
    return code


def _settings(config: str | None, **overrides: Any) -> Settings:
    from pathlib import Path

    try:
        return load_settings(Path(config) if config else None, **overrides)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc


def _open(db: str, *, readonly: bool = False, create: bool = False) -> Database:
    """The database ``db``; only writing commands (``create``) may create it."""
    try:
        return Database(db, readonly=readonly, must_exist=not create)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="storyline")
def cli() -> None:
    """storyline: turn multilingual news into who did what to whom, when, where, according to whom."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for articles that lack one.")
@click.option("--lang", "language", callback=_lang, help="Language (ISO 639-1, any case) of every article.")
@click.option("--max-bytes", type=int, help="Reject files, records and responses larger than this (10 MB).")
@click.option("--no-extract", is_flag=True, help="Store cleaned articles only; skip extraction.")
@click.option(
    "--no-semantic", is_flag=True, help="Do not embed articles: stories are clustered on keys alone."
)
@click.option(
    "--config", type=click.Path(dir_okay=False), help="TOML file with a [storyline] table of settings."
)
@FORMAT_OBJECT
def ingest(
    paths: tuple[str, ...],
    db: str,
    published: dt.date | None,
    language: str | None,
    max_bytes: int | None,
    no_extract: bool,
    no_semantic: bool,
    config: str | None,
    fmt: str,
) -> None:
    """Store articles from files, folders, JSONL, stdin (-), web archives and URLs.

    Accepts .txt, .html/.htm, .jsonl (one article per line with "text" or
    "html", optional "id", "url", "published", "language", "title"; read
    line by line, the size limit applies per line), a named .json file (one
    such record, an array of them, or JSON lines), .warc/.warc.gz archives
    (HTML responses, read record by record), and http(s) URLs of article
    pages, RSS/Atom feeds and (news) sitemaps, whose entries are fetched
    politely (robots.txt, per-host delay, conditional GET). Stored articles
    are never stored twice: a file or URL seen before is reported as a
    duplicate, and feed entries stored before are not fetched again. Each
    rejected input gets one line on stderr, "PATH: reason".

    Exit code 0 when every input was stored, a duplicate, unchanged or
    skipped, 1 when something was rejected, 3 when an internal error (a bug)
    was met on some input, 130 when interrupted (re-run to complete).
    Articles a killed run left without their story are completed first.
    """
    settings = _settings(
        config,
        max_bytes=max_bytes,
        extract=False if no_extract else None,
        semantic="none" if no_semantic else None,
    )
    hints = Hints(language=language, published=published)
    database = _open(db, create=True)
    report = IngestReport(keep_outcomes=fmt == "json")  # text output needs only the counts
    progress = Progress("ingesting", total=_total(paths))
    try:
        with progress, deferred_interrupts() as interrupt:
            for outcome in iter_ingest(
                paths, database, settings=settings, hints=hints, stdin=sys.stdin.buffer
            ):
                report.add(outcome)
                _echo_outcome(outcome, progress)
                progress.update(outcome.status)
                if outcome.status == "new" and report.counts["new"] % 500 == 0:
                    checkpoint_if_large(database)  # readers (the web UI) may keep the WAL from resetting
                interrupt.check()  # Ctrl-C is taken between articles (storyline.commands.interrupts)
            interrupt.check()
    except KeyboardInterrupt:
        click.echo(_INTERRUPTED, err=True)
        _summary(report, db, fmt)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        checkpoint(database)  # leave no large WAL behind (readers may have kept it from shrinking)
        database.close()
    _summary(report, db, fmt)
    sys.exit(_exit_code(report.internal_errors, report.ok))


def _exit_code(internal_errors: int, ok: bool) -> int:
    if internal_errors:
        click.echo(f"storyline: {internal_errors} internal error(s): {BUG_HINT}", err=True)
        return EXIT_INTERNAL
    return EXIT_OK if ok else EXIT_REJECTED


def _total(paths: Sequence[str]) -> int | None:
    """How many outcomes to expect: one per plain file; unknown with JSONL, archives or URLs."""
    files = list(expand_paths(paths))
    simple = all(input_kind(p) == "file" and not p.lower().endswith((".jsonl", ".ndjson")) for p in files)
    return len(files) if simple and STDIN not in files else None


def _echo_outcome(outcome: Outcome, progress: Progress) -> None:
    # one_line: a newline in a file name (or a server's message) never splits or forges a line
    if outcome.status == "rejected":
        progress.echo(one_line(f"{outcome.path}: {outcome.reason}"))
    elif outcome.status == "skipped":
        progress.echo(one_line(f"{outcome.path}: skipped: {outcome.reason}"))
    for warning in outcome.warnings:
        progress.echo(one_line(f"{outcome.path}: warning: {warning}"))


def _summary(report: IngestReport, db: str, fmt: str) -> None:
    counts = report.counts
    if fmt == "json":
        data = {
            "db": db,
            "new": counts["new"],
            "duplicate": counts["duplicate"],
            "rejected": counts["rejected"],
            "known": counts["known"],
            "unchanged": counts["unchanged"],
            "skipped": counts["skipped"],
            "copies": report.copies,
            "internal_errors": report.internal_errors,
            "outcomes": [dataclasses.asdict(o) for o in report.outcomes],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{counts_text(counts)} ({report.copies} exact copies of stored articles) → {db}")


@cli.command()
@DB_OPTION
@click.option("--lang", "language", callback=_lang, help="Only articles in this language (any case).")
@click.option("--limit", type=int, help="At most this many rows.")
@FORMAT_LISTING
def articles(db: str, language: str | None, limit: int | None, fmt: str) -> None:
    """List stored articles (by publication date)."""
    with _open(db) as database:
        rows = database.list_articles(language=language, limit=limit)
    if fmt != "text":
        echo_rows([dataclasses.asdict(r) for r in rows], fmt, lambda: None)
        return
    _table(
        ["id", "lang", "published", "chars", "removed", "copy of", "title / source"],
        [
            [
                r.id,
                r.language or "?",
                r.published or "",
                r.chars,
                r.removed,
                (r.copy_of or "")[:8],
                _short(r.title or r.source_path, 60),
            ]
            for r in rows
        ],
    )


@cli.command()
@click.argument("article_id")
@DB_OPTION
@FORMAT_OBJECT
def show(article_id: str, db: str, fmt: str) -> None:
    """Show one article (an id or a unique id prefix): cleaned text, what was removed, what was extracted.

    The text output lists times, places, actors, claims and events (type, status,
    date and participants); --format json has every field.
    """
    with _open(db) as database:
        full = database.resolve_id(article_id)
        article = database.get(full) if full else None
        if article is None:
            raise click.ClickException(f"no article with id {article_id!r} (or the prefix is ambiguous)")
        results = database.results(article.id)
        warnings = database.warnings(article.id)
    if fmt == "json":
        data = article_dict(article, with_raw=True) | results | {"warnings": warnings}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from storyline.render import article_text

    click.echo(article_text(article, results, warnings))


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--lang", "language", callback=_lang, help="Only articles in this language (any case).")
@click.option("--limit", type=int, default=20, show_default=True)
@FORMAT_LISTING
def search(query: str, db: str, language: str | None, limit: int, fmt: str) -> None:
    """Full-text search over cleaned text and titles (accents optional)."""
    with _open(db) as database:
        hits = database.search(query, language=language, limit=limit)
    if fmt != "text":
        echo_rows([dataclasses.asdict(h) for h in hits], fmt, lambda: None)
        return
    _table(
        ["id", "lang", "published", "snippet"],
        [[h.id, h.language or "?", h.published or "", h.snippet] for h in hits],
    )


@cli.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", "language", callback=_lang, help="Language (ISO 639-1, any case) of every article.")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) to anchor relative dates.")
@click.option("--url", help="Source URL of the article (for a single input).")
@format_option(("jsonl", "json"), default="jsonl")
@click.option(
    "--config", type=click.Path(dir_okay=False), help="TOML file with a [storyline] table of settings."
)
def analyze_cmd(
    paths: tuple[str, ...],
    language: str | None,
    published: dt.date | None,
    url: str | None,
    fmt: str,
    config: str | None,
) -> None:
    """Run the per-article pipeline and print the results; stores nothing.

    Prints one JSON object per article (the contract in docs/contract.md). Rejected
    inputs get one line on stderr, "PATH: reason"; exit code 1 if any, 3 if
    an internal error (a bug) was met on some input.
    """
    settings = _settings(config)
    hints = Hints(language=language, published=published, url=url)
    rejected = internal = 0
    out: list[dict[str, Any]] = []
    for item in analyze(paths, settings=settings, hints=hints, stdin=sys.stdin.buffer):
        if isinstance(item, Rejection):
            rejected += 1
            internal += item.internal
            click.echo(str(item), err=True)
            continue
        data = result_dict(item)
        if fmt == "jsonl":
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            out.append(data)
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    sys.exit(_exit_code(internal, not rejected))


@cli.command("eval")
@click.option(
    "--shared", type=click.Path(file_okay=False), help="The shared corpus folder (default: ../shared)."
)
@click.option(
    "--only",
    multiple=True,
    help="Only these sets, comma-separated or repeated: seeds, examples, timebank, events-es, events-en, "
    "similarity, crosslingual, identity, languages, timelines, webpages.",
)
@click.option(
    "--errors", is_flag=True, help="Also print per-item errors (training folds only, never held-out)."
)
@click.option("--train", "show_train", is_flag=True, help="Also print training-fold figures (@train).")
@FORMAT_OBJECT
def eval_cmd(shared: str | None, only: tuple[str, ...], errors: bool, show_train: bool, fmt: str) -> None:
    """Score storyline against gold annotations; exit 1 if a headline figure is below its floor.

    Headline figures are held-out: the fixed held-out fold of each set, or
    pooled cross-validation for models fitted by code (docs/evaluation.md).
    """
    from storyline.evaluate.runner import run_eval, unknown_sets
    from storyline.progress import StderrProgress

    names = [n.strip() for item in only for n in item.split(",") if n.strip()]
    unknown = unknown_sets(names)
    if unknown:
        from storyline.evaluate.runner import SETS

        click.echo(
            f"storyline eval: unknown set {', '.join(unknown)}; known sets: {', '.join(SETS)}", err=True
        )
        sys.exit(2)
    report = run_eval(shared=shared, only=names, progress=StderrProgress())
    if fmt == "json":
        click.echo(json.dumps(_eval_json(report, errors), indent=2, ensure_ascii=False))
    else:
        _eval_text(report, errors=errors, show_train=show_train)
    sys.exit(0 if all(s.ok for s in report.scores) else 1)


def _eval_json(report: EvalReport, errors: bool) -> dict[str, Any]:
    rows = [
        {
            "key": s.key,
            "split": s.split,
            "value": round(s.value, 4),
            "support": s.support,
            "floor": s.floor,
            "ok": s.ok,
        }
        for s in report.scores
    ]
    out: dict[str, Any] = {"scores": rows, "notes": report.notes}
    if errors:
        out["errors"] = [dataclasses.asdict(e) for e in report.errors]
    return out


def _eval_text(report: EvalReport, *, errors: bool, show_train: bool) -> None:
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    _table(
        ["corpus", "task", "metric", "split", "value", "n", "floor", ""],
        [
            [
                s.corpus,
                s.task,
                s.metric,
                s.split,
                f"{s.value:.3f}",
                s.support,
                "" if s.floor is None else f"{s.floor:.3f}",
                "" if s.ok else "BELOW FLOOR",
            ]
            for s in report.scores
            if s.headline or show_train
        ],
    )
    if errors:
        for item in report.errors:
            click.echo(f"\n{item.corpus} {item.item} (fold {item.fold})")
            for line in item.errors:
                click.echo(f"  {line}")


@cli.command()
@DB_OPTION
@FORMAT_OBJECT
def report(db: str, fmt: str) -> None:
    """A readable overview of the database: articles by language, what was cleaned away, and more."""
    from storyline.render import collection_report

    with _open(db) as database:
        data = collection_report(database)
    if fmt == "json":
        echo_json(data)
        return
    from storyline.render import report_text

    click.echo(report_text(data))


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    if not rows:
        click.echo("(none)")


def _register() -> None:
    from storyline.commands import register

    register(cli)


_register()


def main() -> None:
    """Console-script entry point: errors become one line, never a traceback.

    An unexpected exception is a bug: one line and the report hint, exit code 3
    (``STORYLINE_DEBUG=1`` shows the traceback instead).
    """
    try:
        code = cli.main(standalone_mode=False)
    except click.Abort as exc:
        # Ctrl-C outside a command's own handler (say, during the final checkpoint of a batch):
        # what was committed stays, and the exit code says "interrupted", not "rejected".
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        click.echo(_INTERRUPTED if interrupted else "Aborted!", err=True)
        sys.exit(EXIT_INTERRUPTED if interrupted else EXIT_REJECTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except StorylineError as exc:
        click.echo(one_line(f"error: {exc}"), err=True)
        sys.exit(EXIT_REJECTED)
    except Exception as exc:
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        click.echo(one_line(f"internal error ({type(exc).__name__}: {exc}); {BUG_HINT}"), err=True)
        sys.exit(EXIT_INTERNAL)
    # Without standalone mode click returns ctx.exit()'s code (--help, --version) or the
    # command's return value (always None here: commands end with sys.exit or by returning).
    sys.exit(code if isinstance(code, int) else EXIT_OK)

"""Every kind of input → sources: files, folders, JSONL, stdin, web archives and URLs.

``http(s)://`` arguments are fetched (:mod:`storyline.ingest.urls`); any
other scheme (``file:``, ``ftp:``, ``gopher:`` …) is refused with one line;
``.warc`` and ``.warc.gz`` files are read record by record
(:mod:`storyline.ingest.warc`); everything else goes to the file readers.
Fetching and warcio are imported only when a URL or an archive is given, so
reading files never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from storyline.ingest.readers import STDIN, WARC_SUFFIXES, expand_paths, internal_rejection, read_sources
from storyline.model import Rejection, Skipped, Source
from storyline.safe_text import one_line
from storyline.settings import Settings

if TYPE_CHECKING:
    from storyline.ingest.fetch import Fetcher
    from storyline.ingest.state import FetchState

Item = Source | Rejection | Skipped
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def input_kind(path: str) -> str:
    """``url``, ``scheme`` (a URL of a scheme never fetched), ``warc`` or ``file``."""
    match = _SCHEME.match(path)
    if match and path != STDIN and not Path(path).exists():
        scheme = match.group(1).lower()
        return "url" if scheme in ("http", "https") and path[match.end() :].startswith("//") else "scheme"
    return "warc" if path.lower().endswith(WARC_SUFFIXES) else "file"


def read_inputs(
    paths: Iterable[str],
    *,
    settings: Settings,
    stdin: BinaryIO | None = None,
    state: FetchState | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Item]:
    """Every source under ``paths``, or a rejection or skip saying why not.

    With a fetch ``state`` (the store's, when storing), URLs are fetched
    conditionally and what was fetched is remembered; without it nothing is
    remembered.  A
    ``fetcher`` passed in is shared (robots.txt cache, per-host delays) and
    left open; otherwise one is made for the call and closed after it.
    """
    own: list[Fetcher] = []

    def shared_fetcher() -> Fetcher:
        if fetcher is not None:
            return fetcher
        if not own:
            own.append(_fetcher(settings))
        return own[0]

    try:
        for raw in paths:
            # Whatever goes wrong on one argument (a bug included) is one line, and the next goes on.
            yield from _guarded(raw, _read_argument(raw, settings, stdin, state, shared_fetcher))
    finally:
        for f in own:
            f.close()


def _read_argument(
    raw: str,
    settings: Settings,
    stdin: BinaryIO | None,
    state: FetchState | None,
    fetcher: Callable[[], Fetcher],
) -> Iterator[Item]:
    for path in expand_paths([raw]):
        kind = input_kind(path)
        if kind == "url":
            yield from _guarded(path, _read_url(path, fetcher(), state))
        elif kind == "scheme":
            scheme = path.split(":", 1)[0].lower()
            yield Rejection(path, f"refused: {scheme}: URLs are never fetched (only http and https)")
        elif kind == "warc":
            from storyline.ingest.warc import read_warc  # warcio only when an archive is read

            yield from _guarded(path, read_warc(path, settings.max_bytes))
        else:
            yield from _guarded(path, read_sources([path], max_bytes=settings.max_bytes, stdin=stdin))


def _guarded(path: str, items: Iterator[Item]) -> Iterator[Item]:
    """``items`` with printable paths; an exception ends them with one internal-error line."""
    try:
        for item in items:
            yield item if one_line(item.path) == item.path else replace(item, path=one_line(item.path))
    except Exception as exc:
        yield internal_rejection(one_line(path), exc)


def _fetcher(settings: Settings) -> Fetcher:
    from storyline.ingest.fetch import Fetcher

    return Fetcher(settings)


def _read_url(url: str, fetcher: Fetcher, state: FetchState | None) -> Iterator[Item]:
    from storyline.ingest.urls import Live, read_url

    yield from read_url(url, Live(fetcher, state))

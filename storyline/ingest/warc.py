"""Web archives (WARC, gzipped or not; CC-NEWS style) → sources, one record at a time.

warcio reads the archive as a stream, so memory stays flat however large the
file: only the record in hand is in memory, and only up to ``max_bytes`` of
it (the limit is per record; a larger one is rejected and skipped over).
Each HTML response with status 200 becomes a :class:`~storyline.model.Source`
named ``ARCHIVE:N`` (N counts records from 1), with the record's target URI as
its URL; other responses (images, redirects, error pages) are skipped with the
reason; request, metadata and warcinfo records are not articles and pass
silently.

warcio stops quietly at a truncated record: the end of the last complete
record is compared with the file's size (gzipped archives) and each record's
unread remainder is checked (plain archives), so an archive cut short is
reported as such instead of looking complete.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import InputError
from storyline.ingest.charset import decode_web
from storyline.model import Rejection, Skipped, Source, SourceKind

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# An uncompressed record is followed by two CRLFs that warcio does not count.
_RECORD_TRAILER = 4

Item = Source | Rejection | Skipped


def read_warc(path: str, max_bytes: int) -> Iterator[Item]:
    """Every HTML response of the archive at ``path`` as a source; everything else skipped with a reason."""
    try:
        stream = Path(path).open("rb")  # noqa: SIM115 - closed below, after the generator is done
    except OSError as exc:
        yield Rejection(path, f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        yield from _records(stream, path, max_bytes)


def _records(stream: BinaryIO, path: str, max_bytes: int) -> Iterator[Item]:
    size = os.fstat(stream.fileno()).st_size
    archive = ArchiveIterator(stream)
    number, end = 0, 0
    try:
        for record in archive:
            if record.format != "warc":  # warcio reads any text as an old ARC file: not ours
                yield Rejection(path, "not a WARC archive (no WARC/1.x record header)")
                return
            number += 1
            item = _record(record, f"{path}:{number}", max_bytes)
            archive.read_to_end(record)
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield Rejection(f"{path}:{number}", "truncated record (the archive ends inside it)")
                return
            end = archive.get_record_offset() + archive.get_record_length()
            if item is not None:
                yield item
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200]
        yield Rejection(
            f"{path}:{number + 1}", f"corrupt WARC record ({reason}); rest of the archive skipped"
        )
        return
    if number == 0 and size:
        yield Rejection(path, "not a WARC archive (no record could be read)")
    elif size - end > _RECORD_TRAILER:
        yield Rejection(
            f"{path}:{number + 1}",
            f"truncated or corrupt record at byte {end} (the archive ends early); the rest was skipped",
        )


def _record(record: Any, where: str, max_bytes: int) -> Item | None:
    if record.rec_type != "response":
        return None  # request, metadata, warcinfo, revisit: not pages
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    not_page = _not_a_page(record.http_headers)
    if not_page:
        return Skipped(where, f"{not_page} ({uri})")
    content_type = record.http_headers.get_header("Content-Type") or ""
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        limit = f"more than {max_bytes / 1_000_000:.1f} MB, see --max-bytes"
        return Rejection(where, f"record too large ({limit})")
    try:
        text = decode_web(body, where, content_type).text
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    return Source(path=where, kind=SourceKind.HTML, raw_text=text, url=uri)


def _not_a_page(http: Any) -> str | None:
    """Why a response record holds no HTML page (its status or type), or None."""
    if http is None:
        return "response without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"HTTP {status} response, not a page"
    media = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if media and media not in _HTML_TYPES:
        return f"not HTML ({media})"
    return None

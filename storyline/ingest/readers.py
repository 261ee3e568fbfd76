"""Readers: paths, folders, JSON, JSONL and stdin → :class:`~storyline.model.Source` values.

Readers never raise for bad input: every problem becomes a
:class:`~storyline.model.Rejection` in the stream, so that one broken file
never stops a batch.  Nothing is decoded here except JSONL (which must be
text to be parsed at all); bytes are decoded by the article builder.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from storyline.errors import BinaryInput, EmptyInput, InputError, MalformedRecord, TooLarge, Unreadable
from storyline.ingest.decode import binary_kind, decode
from storyline.ingest.sniff import wide_encoding
from storyline.langs.codes import language_error, normalize_language
from storyline.model import Rejection, Source, SourceKind
from storyline.safe_text import has_surrogates, one_line, scrub

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Read when named, never picked from a folder (where .json files are mostly metadata).
JSON_SUFFIX = ".json"
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
WARC_SUFFIXES = (".warc", ".warc.gz")  # read by storyline.ingest.warc
STDIN = "-"
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

Item = Source | Rejection


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, and the supported files below each folder (sorted, hidden ones skipped)."""
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if _listable(child) and _supported(child.name) and not _hidden(parts):
                    yield str(child)
        else:
            yield raw


def _supported(name: str) -> bool:
    lower = name.lower()
    return Path(lower).suffix in FOLDER_SUFFIXES or lower.endswith(WARC_SUFFIXES)


def _listable(path: Path) -> bool:
    # A dangling link inside a folder is reported as unreadable, not skipped.
    return path.is_file() or (path.is_symlink() and not path.exists())


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") for p in parts)


def read_sources(paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every source under ``paths`` (``-`` = stdin), or a rejection saying why not."""
    for path in expand_paths(paths):
        try:
            if path == STDIN:
                data = _read_stream(stdin or sys.stdin.buffer, "<stdin>", max_bytes)
                yield from _from_bytes("<stdin>", data, _sniff_kind(data))
            else:
                yield from _read_file(path, max_bytes)
        except InputError as exc:
            yield Rejection(exc.path, exc.reason)


def _read_file(path: str, max_bytes: int) -> Iterator[Item]:
    file = Path(path)
    try:
        if not file.exists():
            raise Unreadable(path, "no such file or folder")
        if not file.is_file():
            raise Unreadable(path, "not a regular file")
        if file.suffix.lower() in JSONL_SUFFIXES and not _is_wide(file):
            yield from stream_jsonl(file, path, max_bytes)
            return
        size = file.stat().st_size
        if size > max_bytes:
            raise TooLarge(path, f"file too large ({_mb(size)}; limit {_mb(max_bytes)}, see --max-bytes)")
        data = file.read_bytes()
    except OSError as exc:
        raise Unreadable(path, f"cannot read: {exc.strerror or exc}") from exc
    suffix = file.suffix.lower()
    kind = SourceKind.HTML if suffix in HTML_SUFFIXES else None
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, data)
    elif suffix == JSON_SUFFIX:
        yield from read_json(path, data)
    else:
        yield from _from_bytes(path, data, kind or _sniff_kind(data))


def _read_stream(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(name, f"input too large (more than {_mb(max_bytes)}, see --max-bytes)")
    return data


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _sniff_kind(data: bytes) -> SourceKind:
    head = data[:2048].lstrip().lower()
    markers = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article")
    return SourceKind.HTML if head.startswith(markers) else SourceKind.TEXT


def _from_bytes(path: str, data: bytes, kind: SourceKind) -> Iterator[Item]:
    yield Source(path=path, kind=kind, data=data)


def _is_wide(file: Path) -> bool:
    """UTF-16/32 JSONL (with or without a BOM) cannot be split on ``\\n`` bytes: such (rare)
    files are read whole."""
    with file.open("rb") as f:
        head = f.read(4096)
    return head.startswith(_WIDE_BOMS) or wide_encoding(head) is not None


def stream_jsonl(file: Path, path: str, max_bytes: int) -> Iterator[Item]:
    """One source per line, read one line at a time: ``max_bytes`` limits each record, not the file.

    A line longer than the limit is rejected as ``PATH:LINE`` and skipped
    without being held in memory; the lines after it are read as usual.
    """
    with file.open("rb") as f:
        head = f.read(4096)
        what = binary_kind(head.removeprefix(codecs.BOM_UTF8))
        if what:
            raise BinaryInput(path, f"binary data ({what}), not text")
        f.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        records = 0
        for number, line in enumerate(_lines(f, max_bytes), start=1):
            if line is None:
                limit = f"more than {_mb(max_bytes)}, see --max-bytes"
                yield Rejection(f"{path}:{number}", f"record too large ({limit})")
                continue
            if line.strip():
                records += 1
                yield _line_item(f"{path}:{number}", line)
        if not records:
            raise EmptyInput(path, "empty file")


def _lines(f: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Each line of ``f`` (None for one longer than ``max_bytes``, whose rest is read and dropped)."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def _line_item(where: str, raw: bytes) -> Item:
    try:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            # JSON is UTF-8: a line that is mostly UTF-8 keeps its letters and
            # gets U+FFFD for the stray bytes; one with no UTF-8 sequence at all
            # is in a legacy encoding and is detected as a file would be.
            damaged = _UTF8_SEQUENCE.search(raw) is not None
            text = raw.decode("utf-8", errors="replace") if damaged else decode(raw, where).text
        return _record(where, text.rstrip("\r\n"))
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    except Exception as exc:
        return internal_rejection(where, exc)


def internal_rejection(path: str, exc: BaseException) -> Rejection:
    """A bug met on one input, as a rejection line that says so (the batch goes on)."""
    message = str(exc) if len(str(exc)) <= 200 else str(exc)[:200] + "…"
    return Rejection(
        path, f"internal error ({type(exc).__name__}: {message}); please report it", internal=True
    )


def read_jsonl(path: str, data: bytes) -> Iterator[Item]:
    """One source per line; a bad line is rejected as ``PATH:LINE`` and the rest go on."""
    return _jsonl_records(path, decode(data, path).text)


def _jsonl_records(path: str, text: str) -> Iterator[Item]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        yield _guarded(where, partial(_record, where, line))


def read_json(path: str, data: bytes) -> Iterator[Item]:
    """A ``.json`` file: one record, an array of records (``PATH#N``), or JSON lines named ``.json``."""
    text = decode(data, path).text
    try:
        obj = _parse(path, text, lines=False)
    except MalformedRecord as exc:
        cause = exc.__cause__
        if not (isinstance(cause, json.JSONDecodeError) and cause.msg == "Extra data"):
            raise
        yield from _jsonl_records(path, text)  # several documents, one after another: JSON lines
        return
    if isinstance(obj, list) and not obj:
        raise EmptyInput(path, "an empty JSON array: no records")
    for number, item in enumerate(obj if isinstance(obj, list) else [obj], start=1):
        where = f"{path}#{number}" if isinstance(obj, list) else path
        yield _guarded(where, partial(_source, where, item))


def _guarded(where: str, make: Callable[[], Source]) -> Item:
    """The source ``make`` builds, or the rejection of one bad record (the rest go on)."""
    try:
        return make()
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    except Exception as exc:
        return internal_rejection(where, exc)


def _parse(where: str, text: str, *, lines: bool = True) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # A JSONL record is one line; a JSON file's error needs its line too.
        at = f" at column {exc.colno}" if lines else f": line {exc.lineno}, column {exc.colno}"
        raise MalformedRecord(where, f"not valid JSON ({exc.msg}{at})") from exc
    except RecursionError as exc:
        raise MalformedRecord(where, "not valid JSON (nested too deeply)") from exc
    except ValueError as exc:  # a number of more than 4,300 digits (Python's int conversion limit)
        raise MalformedRecord(where, f"not valid JSON ({str(exc).split(';')[0]})") from exc


def _record(where: str, line: str) -> Source:
    return _source(where, _parse(where, line))


def _source(where: str, obj: Any) -> Source:
    """The source one JSON record describes."""
    if not isinstance(obj, dict):
        raise MalformedRecord(where, "a record must be a JSON object")
    fields = _Fields(obj, where)
    body = fields.text("text") or fields.text("html")
    if not body or not body.strip():
        raise MalformedRecord(where, "record has no non-empty 'text' or 'html' field")
    kind = SourceKind.TEXT if fields.text("text") else SourceKind.HTML
    return Source(
        path=where,
        kind=kind,
        raw_text=body,
        url=fields.strict("url"),
        published=_date_field(fields, where),
        language=_language_field(fields, where),
        title=fields.text("title"),
        record_id=_id_field(obj, where),
        warnings=tuple(fields.warnings),
    )


class _Fields:
    """String fields of one record: free text with unpaired surrogates repaired, the rest strict."""

    def __init__(self, obj: dict[str, Any], where: str) -> None:
        self.obj, self.where = obj, where
        self.warnings: list[str] = []
        self._seen: dict[str, str | None] = {}

    def raw(self, name: str) -> str | None:
        value = self.obj.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise MalformedRecord(self.where, f"field '{name}' must be a string")
        return value

    def text(self, name: str) -> str | None:
        """Free text (``text``, ``html``, ``title``): a lone surrogate becomes U+FFFD, with a warning."""
        if name not in self._seen:
            value = self.raw(name)
            if value is not None:
                value, count = scrub(value)
                if count:
                    self.warnings.append(
                        f"field '{name}': {count} unpaired surrogate(s) replaced with U+FFFD"
                    )
            self._seen[name] = value
        return self._seen[name]

    def strict(self, name: str) -> str | None:
        """An identifying field (``url``, ``language``, ``published``): surrogates reject the record."""
        value = self.raw(name)
        if value is not None and has_surrogates(value):
            raise MalformedRecord(self.where, f"field '{name}' holds an unpaired surrogate (not text)")
        return value


_MAX_ID_CHARS = 256


def _id_field(obj: dict[str, Any], where: str) -> str | None:
    value = obj.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise MalformedRecord(where, "field 'id' must be a string or a number")
    text = str(value)
    if has_surrogates(text):
        raise MalformedRecord(where, "field 'id' holds an unpaired surrogate (not text)")
    if not text.strip() or len(text) > _MAX_ID_CHARS or one_line(text) != text:
        raise MalformedRecord(
            where, f"field 'id' must be 1 to {_MAX_ID_CHARS} printable characters (no control characters)"
        )
    return text


def _language_field(fields: _Fields, where: str) -> str | None:
    value = fields.strict("language")
    if value is None or not value.strip():
        return None
    code = normalize_language(value)
    if code is None:
        raise MalformedRecord(where, f"field 'language': {language_error(value)}")
    return code


def _date_field(fields: _Fields, where: str) -> dt.date | None:
    value = fields.strict("published")
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise MalformedRecord(where, f"field 'published' is not an ISO date: {shown!r}") from exc


def parse_date(value: str) -> dt.date:
    """An ISO date or date-time string as a date (``2024-11-29``, ``2024-11-29T10:00:00Z``)."""
    text = value.strip()
    if len(text) > 10 and text[10] in "T ":
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    return dt.date.fromisoformat(text[:10])


def read_jsonl_range(path: str, start: int, end: int, first_line: int, max_bytes: int) -> Iterator[Item]:
    """The records of bytes ``start``..``end`` of a JSONL file (a split of a parallel job).

    ``start`` is 0 or just after a line break and ``first_line`` the number of
    the line starting there, so each record is named ``PATH:LINE`` exactly as
    :func:`stream_jsonl` names it; the checks of a whole file (binary data, no
    record at all) are made by the range that starts the file.
    """
    file = Path(path)
    try:
        if start == 0 and end >= file.stat().st_size:
            yield from read_sources([path], max_bytes=max_bytes)  # the whole file: every check
            return
        with file.open("rb") as f:
            head = f.read(4096) if start == 0 else b""
            if what := binary_kind(head.removeprefix(codecs.BOM_UTF8)):
                raise BinaryInput(path, f"binary data ({what}), not text")
            f.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else start)
            for number, line in enumerate(_lines(f, max_bytes), start=first_line):
                if line is None:
                    limit = f"more than {_mb(max_bytes)}, see --max-bytes"
                    yield Rejection(f"{path}:{number}", f"record too large ({limit})")
                elif line.strip():
                    yield _line_item(f"{path}:{number}", line)
                if f.tell() >= end:
                    return
    except OSError as exc:
        yield Rejection(path, f"cannot read: {exc.strerror or exc}")
    except InputError as exc:
        yield Rejection(exc.path, exc.reason)

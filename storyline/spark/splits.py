"""Inputs cut into splits (the unit of one Spark task), and each split read back as a stream of sources.

The driver only plans: it lists the files under the inputs and cuts each JSONL
file into byte ranges of about :data:`SPLIT_BYTES` that end on a line break,
counting the lines before each range so that a record keeps the name
``PATH:LINE`` it has in ``storyline analyze``.  Planning reads JSONL bytes once
(newline counting, no parsing); everything else happens on the executors,
which read their range one line at a time.  A WARC archive is one split read
record by record (its members are gzip streams without an index, so it cannot
be cut without reading it); text and HTML files are grouped
:data:`FILES_PER_SPLIT` to a split.  Nothing here holds more than one record.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.ingest.inputs import input_kind, read_inputs
from storyline.ingest.readers import JSONL_SUFFIXES, expand_paths, read_jsonl_range
from storyline.model import Rejection, Skipped, Source
from storyline.settings import Settings

SPLIT_BYTES = 4 * 1024 * 1024  # a JSONL range: ~1,000 news articles, seconds of work per task
FILES_PER_SPLIT = 64  # text and HTML files per split
_BLOCK = 1 << 20

Item = Source | Rejection | Skipped


@dataclass(frozen=True, slots=True)
class Split:
    """One task's input: ``kind`` jsonl (a byte range), warc (an archive) or files (a group of paths)."""

    kind: str
    paths: tuple[str, ...]
    start: int = 0
    end: int = 0
    first_line: int = 1


def plan(inputs: Iterable[str], split_bytes: int = SPLIT_BYTES) -> list[Split]:
    """The splits of every input (files, folders; URLs and stdin are refused as one-line rejections)."""
    splits: list[Split] = []
    loose: list[str] = []
    for path in expand_paths(inputs):
        kind = input_kind(path)
        if kind == "warc":
            splits.append(Split("warc", (path,)))
        elif kind == "file" and Path(path).suffix.lower() in JSONL_SUFFIXES and Path(path).is_file():
            # UTF-16/32 JSONL cannot be cut on newline bytes: such (rare) files are one split.
            splits += [Split("files", (path,))] if _wide_bom(path) else jsonl_splits(path, split_bytes)
        else:
            loose.append(path)  # text, HTML, and whatever the file readers will reject with a reason
    for i in range(0, len(loose), FILES_PER_SPLIT):
        splits.append(Split("files", tuple(loose[i : i + FILES_PER_SPLIT])))
    return splits


def jsonl_splits(path: str, split_bytes: int = SPLIT_BYTES) -> list[Split]:
    """Byte ranges of about ``split_bytes`` ending after a line break, with the line each starts on."""
    splits: list[Split] = []
    start, line, lines_in_range, pos = 0, 1, 0, 0
    with Path(path).open("rb") as f:
        while block := f.read(_BLOCK):
            cut = 0
            while pos + len(block) - start >= split_bytes:
                nl = block.find(b"\n", max(cut, start + split_bytes - 1 - pos))
                if nl < 0:
                    break
                lines_in_range += block.count(b"\n", cut, nl + 1)
                splits.append(Split("jsonl", (path,), start, pos + nl + 1, line))
                start, line, lines_in_range, cut = pos + nl + 1, line + lines_in_range, 0, nl + 1
            lines_in_range += block.count(b"\n", cut)
            pos += len(block)
    if pos > start or not splits:
        splits.append(Split("jsonl", (path,), start, pos, line))
    return splits


def read_split(split: Split, settings: Settings) -> Iterator[Item]:
    """Every source of one split, or a rejection saying why not (never an exception for bad input)."""
    if split.kind == "jsonl":
        path = split.paths[0]
        yield from read_jsonl_range(path, split.start, split.end, split.first_line, settings.max_bytes)
    else:
        yield from read_inputs(split.paths, settings=settings)


def _wide_bom(path: str) -> bool:
    with Path(path).open("rb") as f:
        head = f.read(4)
    return head.startswith(
        (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    )

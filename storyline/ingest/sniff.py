"""Byte patterns that tell an encoding without a byte-order mark, and files that mix encodings.

**UTF-16 and UTF-32 without a BOM** (as some Windows tools write them) are
full of NUL bytes, so they looked binary.  Their NULs fall in a pattern no
binary format keeps up: text in Latin, Cyrillic, Greek or Arabic script
keeps its spaces, digits and punctuation in the low byte, so in UTF-16-LE
the NULs sit at odd offsets (``T\\0e\\0x\\0t\\0``) and almost never at even
ones; UTF-32 has NULs in three bytes out of four.  A candidate is accepted
only if the bytes decode strictly and the text is printable.

**Mixed files** — a UTF-8 page with a paragraph pasted from a latin-1 or
cp1251 source — are split into units: UTF-8 lines (a stray invalid byte
among valid multi-byte sequences is damage, not another encoding) and runs
of lines in some legacy encoding, each run detected on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAMPLE = 16_384
# Share of NUL bytes at the offsets where the pattern wants them / where it does not.
_WANTED = 0.10
_UNWANTED = 0.01
_MIN_PRINTABLE = 0.95
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def wide_encoding(data: bytes) -> str | None:
    """``utf-16-le``, ``utf-16-be``, ``utf-32-le`` or ``utf-32-be`` when ``data`` is such text without
    a BOM, else None."""
    sample = data[: _SAMPLE - _SAMPLE % 4]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for encoding in _candidates(sample):
        text = _head_text(sample, encoding)
        if text is not None and _printable(text):
            return encoding
    return None


def _head_text(sample: bytes, encoding: str) -> str | None:
    """``sample`` decoded, forgiving only a character cut in two at its very end."""
    try:
        return sample.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:
            return None
        return sample[: exc.start].decode(encoding)


def _candidates(sample: bytes) -> list[str]:
    quarter = len(sample) // 4
    zeros = [sample[i::4].count(0) / quarter for i in range(4)]
    found = []
    if min(zeros[2], zeros[3]) > 0.9 and zeros[0] < _UNWANTED:
        found.append("utf-32-le")
    if min(zeros[0], zeros[1]) > 0.9 and zeros[3] < _UNWANTED:
        found.append("utf-32-be")
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if odd > _WANTED and even < _UNWANTED:
        found.append("utf-16-le")
    if even > _WANTED and odd < _UNWANTED:
        found.append("utf-16-be")
    return found


def _printable(text: str) -> bool:
    sample = text[:_SAMPLE]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\t\n\r")
    return bool(sample.strip()) and good >= _MIN_PRINTABLE * len(sample)


@dataclass(frozen=True, slots=True)
class Unit:
    """A run of lines of one kind: ``utf-8`` (valid, or a few damaged bytes) or ``legacy``."""

    kind: str
    data: bytes


def mixed_units(data: bytes) -> list[Unit] | None:
    """``data`` cut into UTF-8 and legacy units, or None when it is not a mix of both.

    ASCII lines go with the unit they stand in; a blank line ends a legacy run,
    so that paragraphs pasted from different sources are detected apart.
    """
    runs: list[tuple[str, list[bytes]]] = []
    kinds = set()
    for line in data.splitlines(keepends=True):
        kind = _line_kind(line)
        kinds.add(kind)
        last = runs[-1] if runs else None
        if kind == "ascii":
            kind = "utf-8" if last is None or not line.strip() else last[0]
        if last is not None and last[0] == kind:
            last[1].append(line)
        else:
            runs.append((kind, [line]))
    if not {"utf-8", "legacy"} <= kinds:
        return None
    return [Unit(kind, b"".join(lines)) for kind, lines in runs]


def _line_kind(line: bytes) -> str:
    if line.isascii():
        return "ascii"
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        valid = len(_UTF8_SEQUENCE.findall(line))
        invalid = line.decode("utf-8", errors="replace").count("\ufffd")
        return "utf-8" if valid >= 2 * invalid else "legacy"
    return "utf-8"

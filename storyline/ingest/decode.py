"""Bytes → text: encoding detection and the refusal of what is not text.

Order matters: byte-order marks first (UTF-16/32 hold NUL bytes that would
look binary), then magic numbers of common binary formats, then UTF-16/32
without a BOM by their pattern of NUL bytes, then strict UTF-8 (by far the
most common), UTF-8 with a few damaged bytes, files that mix UTF-8 with
legacy encodings (each part decoded as itself, :mod:`storyline.ingest.sniff`),
and charset-normalizer for legacy encodings.
"""

from __future__ import annotations

import codecs
from collections import Counter
from dataclasses import dataclass

from charset_normalizer import CharsetMatch, from_bytes

from storyline.errors import BinaryInput, EmptyInput, UndecodableInput
from storyline.ingest.sniff import Unit, mixed_units, wide_encoding

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"%PDF-", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# Legacy encodings by how common they are on news sites, for breaking ties.
_PREVALENCE = {
    enc: i
    for i, enc in enumerate(
        (
            "cp1252",
            "latin_1",
            "iso8859_15",
            "cp1251",
            "cp1250",
            "iso8859_2",
            "cp1256",
            "cp1253",
            "cp1254",
            "cp1255",
            "cp1257",
            "cp1258",
            "shift_jis",
            "gb2312",
            "gb18030",
            "big5",
            "euc_kr",
            "koi8_r",
            "tis_620",
        )
    )
}

# A file that is valid UTF-8 except for a few stray bytes is a damaged UTF-8
# file, not cp1252: decoding it as cp1252 would garble every accented letter.
_MAX_INVALID_SHARE = 0.005
_MIN_INVALID_ALLOWED = 4  # a short text may still carry a few stray bytes
# Share of C0 control characters (other than whitespace) above which the
# "text" is really binary data that happened to decode.
_MAX_CONTROL_SHARE = 0.01
_CONTROLS = tuple(chr(i) for i in range(32) if chr(i) not in "\t\n\r\f\v")
# Counted in the text's UTF-8 bytes, where a byte below 0x20 is always that character (every
# byte of a longer sequence is 0x80 or more): bytes.translate deletes them in one C pass, four
# times faster than a regex character class over the text.
_CONTROL_BYTES = "".join(_CONTROLS).encode("ascii")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used and any warning worth a line on stderr."""

    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes, path: str) -> Decoded:
    """Decode ``data`` or raise an :class:`~storyline.errors.InputError` naming ``path``."""
    if not data.strip():
        raise EmptyInput(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_strict(data, encoding, path), encoding, path)
    what = binary_kind(data)
    if what == "NUL bytes":
        wide = wide_encoding(data)  # UTF-16/32 without a byte-order mark
        if wide is not None:
            return _checked(_decode_strict(data, wide, path), wide, path)
    if what:
        raise BinaryInput(path, f"binary data ({what}), not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return _checked(damaged.text, damaged.encoding, path, damaged.warning)
    units = mixed_units(data)
    if units is not None:
        return _mixed(units, path)
    return _legacy(data, path)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts with (``"gzip archive"``), or None if it may be text.

    Call after checking for byte-order marks: UTF-16/32 text holds NUL bytes.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return "NUL bytes" if b"\x00" in data[:4096] else None


def _decode_strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(path, f"invalid {encoding} byte sequence at offset {exc.start}") from exc


def _damaged_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # non-ASCII, counted in C
    if bad and multibyte >= 2 * bad and bad <= max(_MIN_INVALID_ALLOWED, len(text) * _MAX_INVALID_SHARE):
        warning = f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
        return Decoded(text, "utf-8", warning)
    return None


def _mixed(units: list[Unit], path: str) -> Decoded:
    """A file mixing UTF-8 and legacy encodings: each legacy run decoded as itself, with a warning."""
    parts: list[str] = []
    lines: Counter[str] = Counter()
    lost = 0
    for unit in units:
        if unit.kind == "utf-8":
            text = unit.data.decode("utf-8", errors="replace")
            lost += text.count("\ufffd")
            encoding = "UTF-8"
        else:
            found = _best_legacy(unit.data)
            text = str(found) if found is not None else unit.data.decode("utf-8", errors="replace")
            encoding = found.encoding if found is not None else "undecodable"
        parts.append(text)
        lines[encoding] += sum(1 for line in text.splitlines() if line.strip())
    counts = ", ".join(f"{n} line(s) {enc}" for enc, n in lines.most_common())
    warning = f"mixed encodings, each part decoded as itself: {counts}"
    if lost:
        warning += f"; {lost} invalid byte sequence(s) replaced with U+FFFD"
    return _checked("".join(parts), "mixed", path, warning)


def _legacy(data: bytes, path: str) -> Decoded:
    chosen = _best_legacy(data)
    if chosen is None:
        raise UndecodableInput(path, "invalid byte sequences: not text in any known encoding")
    return _checked(str(chosen), chosen.encoding, path)


def _best_legacy(data: bytes) -> CharsetMatch | None:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # charset-normalizer often scores cp1250 and cp1252 exactly alike on
    # Western text and then picks cp1250 ("São" → "Săo"); break such ties by
    # how common the encoding is on the web.
    ties = [
        m for m in matches if abs(m.chaos - best.chaos) < 0.01 and abs(m.coherence - best.coherence) < 0.01
    ]
    return min(ties, key=lambda m: _PREVALENCE.get(m.encoding, len(_PREVALENCE)))


def _checked(text: str, encoding: str, path: str, warning: str | None = None) -> Decoded:
    if _control_count(text) / max(len(text), 1) > _MAX_CONTROL_SHARE:
        raise BinaryInput(path, "binary data (control characters), not text")
    if not text.strip():
        raise EmptyInput(path, "no text (only whitespace)")
    if "\r" in text:  # most files have no carriage return: no copies then
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, encoding, warning)


def _control_count(text: str) -> int:
    """How many of ``_CONTROLS`` the text holds."""
    # surrogatepass: a lone surrogate (from a lenient reader) becomes three bytes of 0x80 or more.
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))

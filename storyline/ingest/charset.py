"""Bytes of a web response → text: byte-order mark, then the HTTP charset, then the page's own, then sniffing.

This is the order browsers use (WHATWG encoding sniffing, simplified): a BOM
wins over everything, a ``charset`` in the ``Content-Type`` header over the
document, a ``<meta charset>`` or XML declaration in the first bytes over
guessing.  One exception: bytes that are valid UTF-8 and use multi-byte
sequences are read as UTF-8 whatever is declared, since sites that moved to
UTF-8 often still send ``charset=ISO-8859-1`` (a legacy single-byte text is
practically never valid UTF-8).  A declared charset the bytes do not decode
with is ignored.
"""

from __future__ import annotations

import codecs
import re

from storyline.ingest.decode import Decoded, decode

_SNIFF_BYTES = 4096
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header value, if any."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its first bytes (``<meta charset>``, XML declaration)."""
    head = data[:_SNIFF_BYTES]
    match = _XML_DECL.match(head) or _META.search(head)
    return match.group(1).decode("ascii") if match else None


def decode_web(data: bytes, path: str, content_type: str | None = None) -> Decoded:
    """Decode a web response body; raises :class:`~storyline.errors.InputError` for binary or empty data."""
    if not data.startswith(_BOMS) and not _utf8(data):
        for charset in (header_charset(content_type), declared_charset(data)):
            text = _try(data, charset)
            if text is not None:
                return decode(text.encode("utf-8"), path)  # the same binary/empty checks as files
    return decode(data, path)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _try(data: bytes, charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        return None
    # UTF-16/32 declared in a header without a BOM is nearly always wrong for HTML.
    if codec.name.startswith(("utf-16", "utf-32")):
        return None
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError:
        return None

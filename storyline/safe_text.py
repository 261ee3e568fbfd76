"""Text from outside made safe to print on one line and to store as UTF-8.

Two hazards arrive with names and fields storyline did not write itself:

* **control characters** — a newline in a file name would split its
  rejection over two stderr lines, so that a crafted name could forge a
  line of its own; an escape sequence could repaint the terminal.  Every
  line storyline prints about an input goes through :func:`one_line`.
* **unpaired surrogates** — ``"\\ud800"`` is a valid JSON string escape but no
  character: it cannot be encoded as UTF-8, so SQLite, the JSON output and
  the terminal all fail on it.  File names with bytes that are not UTF-8
  arrive the same way (Python keeps such bytes as surrogates ``\\udc80``–
  ``\\udcff``).  :func:`scrub` replaces them; :func:`has_surrogates` finds them.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a non-UTF-8 file name, as Python keeps it
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with every control character, line separator and surrogate written as an escape."""
    return _UNPRINTABLE.sub(_escape, text)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point, which UTF-8 cannot encode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def scrub(text: str) -> tuple[str, int]:
    """``text`` with every surrogate replaced by U+FFFD, and how many there were."""
    if not has_surrogates(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)

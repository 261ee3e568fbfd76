"""Addresses blanked out of a text in linear time: URLs, e-mail addresses, bare domains with a path.

Extractors must not read place or actor names inside ``www.paris-match.com/…``.
The single regular expression that used to find these backtracked: started
at every position of one long token, its e-mail and domain branches each
scanned to the token's end (a 100 KB token took 46 s; issue 14).  Here the
e-mail branch may only start where its run of characters starts, and a bare
domain is found from its ``.tld/`` backwards, so every character is looked
at a bounded number of times.
"""

from __future__ import annotations

import re

_URL = r"(?:https?://|www\.)\S+"
_URL_OR_EMAIL = re.compile(rf"{_URL}|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A text without "@" holds no e-mail address: the branch above, which runs its look-behind at
# every position, is then left out (the same matches, a third of the time).
_URL_ONLY = re.compile(_URL, re.IGNORECASE)
_TLD_PATH = re.compile(r"\.[a-z]{2,6}/\S*", re.IGNORECASE)
_LABELS = re.compile(r"[\w-]+(?:\.[\w-]+)*")  # no backtracking: labels and dots alternate


def address_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every URL, e-mail address and ``domain.tld/path`` in ``text``, in order."""
    spans = [m.span() for m in (_URL_OR_EMAIL if "@" in text else _URL_ONLY).finditer(text)]
    floor = 0
    taken = iter(spans)
    current = next(taken, None)
    extra = []
    for m in _TLD_PATH.finditer(text):
        while current is not None and current[1] <= m.start():
            floor = max(floor, current[1])
            current = next(taken, None)
        if current is not None and current[0] <= m.start():
            continue  # inside a URL or an e-mail address already found
        start = _domain_start(text, m.start(), floor)
        if start is not None:
            extra.append((start, m.end()))
            floor = m.end()
    return sorted(spans + extra)


def _domain_start(text: str, tld: int, floor: int) -> int | None:
    """Where the domain that ends at the ``.tld`` at ``tld`` starts: labels of ``[\\w-]`` joined by
    single dots, beginning with a word character; None when there is none."""
    i = tld
    while i > floor and (text[i - 1].isalnum() or text[i - 1] in "_.-"):
        i -= 1
    run = text[i:tld]
    cut = run.rfind("..")
    if cut >= 0:
        i += cut + 2
    while i < tld and not (text[i].isalnum() or text[i] == "_"):
        i += 1
    return i if i < tld and _LABELS.fullmatch(text, i, tld) else None


def mask_addresses(text: str) -> str:
    """``text`` with every address replaced by spaces of the same length (offsets stay valid)."""
    spans = address_spans(text)
    if not spans:
        return text
    parts = []
    pos = 0
    for first, end in spans:
        start = max(first, pos)
        if end <= start:
            continue
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)

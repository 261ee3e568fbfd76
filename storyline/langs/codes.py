"""Language codes checked against the known set before they reach a file path or an import.

A language code picks data files (``langs/<code>/*.toml``), CLDR and
dateparser locale modules and cache entries, so an unchecked one is a path:
``"/tmp/evil"`` would read ``/tmp/evil/boilerplate.toml`` and ``"__pycache__"``
would make dateparser import a module.  Every code that comes from outside
(a JSONL ``language`` field, ``--lang``, the Python API's hints) goes through
:func:`normalize_language` first.

Known: every ISO 639-1 code (from pycountry's ISO 639-3 table) and every
language with a data folder here.  A region or script subtag may follow
(``en-US``, ``pt_BR``, ``sr-Latn``): date parsing reads the day/month order of
a locale.  ``no`` (Norwegian) becomes ``nb``, as the language identifier
never answers ``no`` (Bokmål and Nynorsk are told apart).
"""

from __future__ import annotations

import re
from functools import cache

from storyline import langs

_MAX_LENGTH = 16
_PRIMARY = re.compile(r"[a-z]{2,3}")
_SUBTAG = re.compile(r"(?P<region>[A-Za-z]{2}|\d{3})|(?P<script>[A-Za-z]{4})")
_ALIASES = {"no": "nb"}


@cache
def known_languages() -> frozenset[str]:
    """ISO 639-1 codes and the languages that have data folders."""
    import pycountry

    codes = {str(lang.alpha_2) for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    return frozenset(codes | set(langs.available()))


def normalize_language(code: str) -> str | None:
    """``code`` in canonical form (``pt-BR``, ``nb``), or None when it is not a known language."""
    if not isinstance(code, str) or not 2 <= len(code.strip()) <= _MAX_LENGTH:
        return None
    primary, *rest = code.strip().replace("_", "-").split("-")
    primary = _ALIASES.get(primary.lower(), primary.lower())
    if not _PRIMARY.fullmatch(primary) or primary not in known_languages() or len(rest) > 2:
        return None
    subtags = [primary]
    for part in rest:
        match = _SUBTAG.fullmatch(part)
        if match is None:
            return None
        subtags.append(part.upper() if match.group("region") else part.title())
    return "-".join(subtags)


def language_error(code: str) -> str:
    """One line saying why ``code`` is refused (the code itself shown escaped and shortened)."""
    from storyline.safe_text import one_line

    shown = one_line(code if len(code) <= 40 else code[:40] + "…")
    return f"unknown language code '{shown}' (use an ISO 639-1 code such as en, vi, pt-BR)"

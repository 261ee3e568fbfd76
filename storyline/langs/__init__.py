"""Per-language knowledge as data: ``storyline/langs/<iso>/<name>.toml``.

A new language is a new folder of TOML files, never a code branch.  Files
that hold knowledge true in every language live in ``langs/xx/``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

UNIVERSAL = "xx"


@cache
def available() -> tuple[str, ...]:
    """Language codes that have a data folder (``xx``, the universal one, excluded)."""
    root = resources.files(__package__)
    return tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", UNIVERSAL)))
    )


def base(language: str) -> str:
    """The primary subtag of a language code or locale, lowercased: ``pt-BR``, ``pt_BR`` -> ``pt``."""
    return language.lower().split("-", maxsplit=1)[0].split("_", maxsplit=1)[0]


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """The parsed ``<lang>/<name>.toml``, or an empty dict when that language has no such file."""
    if lang != UNIVERSAL and lang not in available():
        return {}  # only our own folders: a language code is never a path (issue 14)
    path = resources.files(__package__).joinpath(lang, f"{name}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_all(name: str) -> dict[str, dict[str, Any]]:
    """``{lang: data}`` for every language (and ``xx``) that has ``<name>.toml``."""
    found = {lang: load(lang, name) for lang in (*available(), UNIVERSAL)}
    return {lang: data for lang, data in found.items() if data}


def alternation(phrases: Iterable[str], gap: str | None = None) -> str:
    """Literal phrases of a data file as a regex alternation, longest first ("prime minister"
    before "prime"); with ``gap``, each space of a phrase matches that pattern instead."""
    items = sorted({str(p) for p in phrases if str(p)}, key=len, reverse=True)
    escaped = (re.escape(p) for p in items)
    return "|".join(e.replace(r"\ ", gap) if gap else e for e in escaped)

